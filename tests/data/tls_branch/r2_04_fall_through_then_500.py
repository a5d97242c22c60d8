# Real bug (hidden by 7c08a47): the clause falls through to code after the try that writes a 500 on the dead TLS socket (raises again, uncaught)
import logging
import socket
import ssl
from http.server import BaseHTTPRequestHandler, HTTPServer

log = logging.getLogger(__name__)


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        status = 200
        try:
            self.send_response(200)
            self.end_headers()
            for chunk in self.server.app(self.path):
                self.wfile.write(chunk)
        except (ConnectionResetError, BrokenPipeError):  # expect: NFX101
            return  # the client is gone
        except Exception as e:
            if isinstance(e, ssl.SSLError):
                self.log_error("TLS error: %s", e)
            else:
                self.log_error("app error: %s", e)
            status = 500
        if status != 200:
            self.wfile.write(b"\r\n-- stream aborted (500) --\r\n")


def serve(app, certfile):
    server = HTTPServer(("", 8443), Handler)
    server.app = app
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(certfile)
    server.socket = ctx.wrap_socket(server.socket, server_side=True)
    server.serve_forever()
