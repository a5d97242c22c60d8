"""An HTTPS status aggregator: fetches upstream JSON with urlopen and writes the merged
document to the TLS client with json.dump (which calls self.wfile.write). A client that
hangs up mid-answer raises ssl.SSLEOFError on 3.10-3.12, missed by the clause."""
import json
import ssl
import urllib.request
from http.server import BaseHTTPRequestHandler, HTTPServer

SOURCES = ["https://a.example.org/status", "https://b.example.org/status"]


class StatusHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        try:
            merged = {}
            for url in SOURCES:
                with urllib.request.urlopen(url, timeout=5) as answer:
                    merged[url] = json.load(answer)
            json.dump(merged, self.wfile)
        except (ConnectionError, TimeoutError):  # expect: NFX101
            self.log_message("client dropped the connection")


def serve():
    httpd = HTTPServer(("", 8443), StatusHandler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain("cert.pem")
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    httpd.serve_forever()
