import logging

from .connect import open_connection
from .tls import with_tls

log = logging.getLogger(__name__)

open_connection = with_tls(open_connection)


class Client:
    def __init__(self, host, port):
        self.sock = open_connection(host, port)

    def send(self, payload):
        try:
            self.sock.sendall(payload)
        except ConnectionResetError:  # expect: NFX104
            log.info("dropped")
