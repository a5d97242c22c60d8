import socket
import ssl


class TlsChannel:
    def __init__(self, sock: socket.socket, host: str) -> None:
        self.sock = sock
        self.incoming = ssl.MemoryBIO()
        self.outgoing = ssl.MemoryBIO()
        self.tls = ssl.create_default_context().wrap_bio(self.incoming, self.outgoing, server_hostname=host)

    def handshake(self) -> bool:
        try:
            while True:
                try:
                    self.tls.do_handshake()
                    self.sock.sendall(self.outgoing.read())
                    return True
                except ssl.SSLWantReadError:
                    self.sock.sendall(self.outgoing.read())
                    chunk = self.sock.recv(65536)
                    if not chunk:
                        self.incoming.write_eof()
                    self.incoming.write(chunk)
        except ConnectionResetError:  # expect: NFX101
            return False
