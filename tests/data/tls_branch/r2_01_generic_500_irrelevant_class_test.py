# Real bug (hidden by 7c08a47): generic clause answers 500 on a dead TLS socket; its only class test (ValueError) is not about TLS
import logging
import socket
import ssl
from http.server import BaseHTTPRequestHandler, HTTPServer

log = logging.getLogger(__name__)


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        try:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            reply = self.server.app(body)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(reply)
        except (ConnectionResetError, BrokenPipeError):  # expect: NFX101
            self.close_connection = True
        except Exception as e:
            if isinstance(e, ValueError):
                self.send_error(400, "Bad Request")
                return
            self.log_error("request failed: %s", e)
            self.send_error(500, "Internal Server Error")


def serve(app, certfile):
    server = HTTPServer(("", 8443), Handler)
    server.app = app
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(certfile)
    server.socket = ctx.wrap_socket(server.socket, server_side=True)
    server.serve_forever()
