import socket
import ssl

SERVER_CONTEXT = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)


class Bridge:
    def __init__(self, client: socket.socket, host: str) -> None:
        self.client = SERVER_CONTEXT.wrap_socket(client, server_side=True)
        self.incoming = ssl.MemoryBIO()
        self.outgoing = ssl.MemoryBIO()
        self.upstream = ssl.create_default_context().wrap_bio(self.incoming, self.outgoing, server_hostname=host)

    def to_client(self) -> None:
        try:
            self.client.sendall(self.upstream.read())
        except BrokenPipeError:  # expect: NFX101
            return

    def to_client_pending(self) -> None:
        try:
            self.client.sendall(self.outgoing.read())
        except BrokenPipeError:  # expect: NFX101
            return
