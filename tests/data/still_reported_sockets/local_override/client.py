import logging
import socket
import ssl

from .connect import open_connection

log = logging.getLogger(__name__)
_CTX = ssl.create_default_context()


def open_connection(host, port):  # noqa: F811 -- this package's own, TLS
    return _CTX.wrap_socket(socket.create_connection((host, port)), server_hostname=host)


class Client:
    def __init__(self, host, port):
        self.sock = open_connection(host, port)

    def send(self, payload):
        try:
            self.sock.sendall(payload)
        except ConnectionResetError:  # expect: NFX101
            log.info("dropped")
