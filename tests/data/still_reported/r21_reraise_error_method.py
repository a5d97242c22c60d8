"""`self.error(exc)` is not a logger: it marks the client down and schedules a reconnect."""
import socket
import ssl
import threading

CONTEXT = ssl.create_default_context()


class Client:
    def __init__(self, host: str) -> None:
        self.host = host
        self.up = True
        self.sock = CONTEXT.wrap_socket(socket.create_connection((host, 443)), server_hostname=host)

    def error(self, exc: BaseException) -> None:
        self.up = False
        self.sock.close()
        threading.Timer(5, self.reconnect).start()

    def reconnect(self) -> None:
        self.sock = CONTEXT.wrap_socket(socket.create_connection((self.host, 443)), server_hostname=self.host)
        self.up = True

    def send(self, data: bytes) -> None:
        try:
            self.sock.sendall(data)
        except ConnectionError as exc:  # expect: NFX101
            self.error(exc)
            raise
