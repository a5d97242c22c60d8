# Reported: the isinstance only picks which listeners hear of it (a loop unrelated
# to how the error is handled); the error is then logged with a traceback and re-raised.
import logging
import socket
import ssl

log = logging.getLogger(__name__)


class Sender:
    def __init__(self, host, listeners):
        ctx = ssl.create_default_context()
        self.sock = ctx.wrap_socket(socket.create_connection((host, 443)), server_hostname=host)
        self.listeners = listeners

    def send(self, data):
        try:
            self.sock.sendall(data)
        except (ConnectionResetError, BrokenPipeError):  # expect: NFX101
            log.info("peer went away")
        except Exception as e:
            for listener in self.listeners:
                if listener.plain_only and isinstance(e, ssl.SSLError):
                    continue
                listener.on_error(e)
            log.exception("send failed")
            raise
