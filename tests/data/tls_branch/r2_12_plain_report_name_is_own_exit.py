# Real bug (hidden by 7c08a47): `self.fatal(...)` counts as a one-line report by its name, but the module's fatal() exits the daemon
import logging
import socket
import ssl
import sys

log = logging.getLogger(__name__)


class Agent:
    def __init__(self, host):
        ctx = ssl.create_default_context()
        self.sock = ctx.wrap_socket(socket.create_connection((host, 443)), server_hostname=host)

    def fatal(self, msg, *args):
        log.critical(msg, *args)
        sys.exit(2)

    def push(self, data):
        try:
            self.sock.sendall(data)
        except (ConnectionResetError, BrokenPipeError):  # expect: NFX101
            log.info("collector went away, will reconnect")
            self.reconnect()
        except Exception as e:
            if isinstance(e, ssl.SSLError):
                self.fatal("TLS failure: %s", e)
            else:
                raise

    def reconnect(self):
        pass
