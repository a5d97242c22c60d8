import http.server
import logging
import ssl
import sys

log = logging.getLogger(__name__)


class TlsServer(http.server.HTTPServer):
    def handle_error(self, request, client_address):
        error = sys.exc_info()[1]
        if isinstance(error, ssl.SSLError):
            log.exception("TLS failure from %s", client_address)
        else:
            log.exception("error from %s", client_address)


class ApiHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        try:
            self.wfile.write(b"hello")
        except ConnectionResetError:  # expect: NFX101
            log.info("client went away")


def serve(context: ssl.SSLContext) -> None:
    httpd = TlsServer(("", 8443), ApiHandler)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    httpd.serve_forever()
