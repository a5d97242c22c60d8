"""An HTTPS mirror: streams an upstream file (fetched with urlopen) to the TLS client.
The write to the client happens inside shutil.copyfileobj; a browser that aborts the
download makes self.wfile.write raise ssl.SSLEOFError on 3.10-3.12, which this
connection-drop clause misses (the werkzeug bug)."""
import shutil
import ssl
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

UPSTREAM = "https://downloads.example.org"


class MirrorHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.end_headers()
        try:
            with urllib.request.urlopen(UPSTREAM + self.path, timeout=30) as upstream:
                shutil.copyfileobj(upstream, self.wfile)
        except (ConnectionResetError, BrokenPipeError):  # expect: NFX101
            self.log_message("client went away")


def main():
    httpd = ThreadingHTTPServer(("", 8443), MirrorHandler)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain("cert.pem", "key.pem")
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    httpd.serve_forever()
