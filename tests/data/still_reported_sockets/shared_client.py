import logging

from .connect import open_connection

log = logging.getLogger(__name__)


class Client:
    def __init__(self, host, port):
        self.host, self.port = host, port
        self.sock = open_connection(host, port)

    def send(self, payload):
        try:
            self.sock.sendall(payload)
        except ConnectionResetError:  # expect: NFX104
            log.info("dropped, reconnecting")
            self.sock = open_connection(self.host, self.port)
            self.sock.sendall(payload)

