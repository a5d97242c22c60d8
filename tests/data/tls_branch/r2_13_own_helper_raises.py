# Real bug (hidden by 7c08a47): the TLS branch calls an own helper (not handed the error) that logs a traceback and raises
import logging
import socket
import ssl

log = logging.getLogger(__name__)


class Client:
    def __init__(self, host):
        self.host = host
        ctx = ssl.create_default_context()
        self.sock = ctx.wrap_socket(socket.create_connection((host, 443)), server_hostname=host)

    def _protocol_failure(self, what):
        log.exception("protocol failure with %s: %s", self.host, what)
        raise ConnectionAbortedError(what)

    def send(self, data):
        try:
            self.sock.sendall(data)
        except (ConnectionResetError, BrokenPipeError):  # expect: NFX101
            self.sock = None
        except Exception as e:
            if isinstance(e, ssl.SSLError):
                self._protocol_failure("TLS")
                return
            raise
