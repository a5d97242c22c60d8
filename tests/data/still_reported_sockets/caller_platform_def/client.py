import logging
import socket
import ssl
import sys

log = logging.getLogger(__name__)

if sys.platform == "win32":
    from .win_connect import open_connection
else:
    _CTX = ssl.create_default_context()

    def open_connection(host, port):
        return _CTX.wrap_socket(socket.create_connection((host, port)), server_hostname=host)


class Client:
    def __init__(self, host, port):
        self.sock = open_connection(host, port)

    def send(self, payload):
        try:
            self.sock.sendall(payload)
        except ConnectionResetError:  # expect: NFX101
            log.info("dropped")
