# Real bug (hidden by 7c08a47): the error goes to an error hook through sys.exc_info() (not by name), which prints the traceback
import logging
import socket
import ssl
import sys

log = logging.getLogger(__name__)


class Connection:
    def __init__(self, host, on_error):
        ctx = ssl.create_default_context()
        self.sock = ctx.wrap_socket(socket.create_connection((host, 443)), server_hostname=host)
        self.on_error = on_error

    def send(self, data):
        try:
            self.sock.sendall(data)
        except (ConnectionResetError, BrokenPipeError):  # expect: NFX101
            self.sock = None
        except Exception as e:
            if isinstance(e, ssl.SSLError):
                self.on_error(*sys.exc_info())
                return
            raise
