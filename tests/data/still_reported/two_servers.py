import http.server
import logging
import socketserver
import ssl

log = logging.getLogger(__name__)


class StatusServer(socketserver.TCPServer):
    """A plain status port: its errors do not matter."""

    def handle_error(self, request, client_address):
        pass


class StatusHandler(socketserver.StreamRequestHandler):
    def handle(self):
        self.wfile.write(b"ok\n")


class ApiHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        try:
            self.wfile.write(b"hello")
        except ConnectionResetError:  # expect: NFX101
            log.info("client went away")


def serve(context: ssl.SSLContext) -> None:
    httpd = http.server.HTTPServer(("", 8443), ApiHandler)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    httpd.serve_forever()
