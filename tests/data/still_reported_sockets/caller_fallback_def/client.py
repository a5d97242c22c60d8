import logging

from .tls import secure

log = logging.getLogger(__name__)

try:
    from ._native import open_connection  # optional accelerated transport, plain TCP
except ImportError:
    def open_connection(host, port):
        return secure(host, port)


class Client:
    def __init__(self, host, port):
        self.sock = open_connection(host, port)

    def send(self, payload):
        try:
            self.sock.sendall(payload)
        except ConnectionResetError:  # expect: NFX104
            log.info("dropped")
