import logging

from . import connect

log = logging.getLogger(__name__)


class Client:
    def __init__(self, host, port):
        self.sock = connect.open_connection(host, port)

    def send(self, payload):
        try:
            self.sock.sendall(payload)
        except ConnectionResetError:  # expect: NFX104
            log.info("dropped")
