"""A pipe guard whose helper calls a socket method that never raises SSLEOFError
(settimeout/getpeername/shutdown/makefile); BrokenPipeError is stdout's.
Expected: quiet."""
import socket
import ssl


class Client:
    def __init__(self, host):
        ctx = ssl.create_default_context()
        self.sock = ctx.wrap_socket(socket.create_connection((host, 443)), server_hostname=host)

    def status(self):
        self.sock.shutdown(socket.SHUT_RDWR)
        return "closed"


def show(host):
    client = Client(host)
    try:
        print(client.status())
    except (BrokenPipeError, ConnectionResetError):
        pass
