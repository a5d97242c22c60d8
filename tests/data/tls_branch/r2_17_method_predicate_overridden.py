# Real bug (hidden by 7c08a47): the strict subclass (the one served) overrides is_benign to False: the EOF takes `raise`
import logging
import socket
import ssl
from socketserver import BaseRequestHandler, ThreadingTCPServer

log = logging.getLogger(__name__)


class Handler(BaseRequestHandler):
    def is_benign(self, error):
        return isinstance(error, ssl.SSLError)

    def handle(self):
        try:
            self.request.sendall(self.server.banner)
        except (ConnectionResetError, BrokenPipeError):  # expect: NFX101
            pass
        except Exception as e:
            if self.is_benign(e):
                log.info("TLS error from %s: %s", self.client_address, e)
            else:
                raise


class StrictHandler(Handler):
    def is_benign(self, error):
        return False


def serve(certfile):
    server = ThreadingTCPServer(("", 8443), StrictHandler)
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(certfile)
    server.socket = ctx.wrap_socket(server.socket, server_side=True)
    server.serve_forever()
