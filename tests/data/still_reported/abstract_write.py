import socket
import ssl

CONTEXT = ssl.create_default_context()


class Transport:
    def write(self, data: bytes) -> None:
        raise NotImplementedError

    def send_message(self, data: bytes) -> None:
        try:
            self.write(data)
        except (BrokenPipeError, ConnectionResetError):  # expect: NFX101
            self.closed = True


class TlsTransport(Transport):
    def __init__(self, host: str) -> None:
        self.sock = CONTEXT.wrap_socket(socket.create_connection((host, 443)), server_hostname=host)

    def write(self, data: bytes) -> None:
        self.sock.sendall(data)
