import logging

from .connect import open_socket
from .tls import start_tls

log = logging.getLogger(__name__)


class Client:
    def __init__(self, host, port, secure=True):
        self.host = host
        self.sock = open_socket(host, port)
        if secure:
            start_tls(self)

    def send(self, payload):
        try:
            self.sock.sendall(payload)
        except ConnectionResetError:  # expect: NFX104
            log.info("dropped")
