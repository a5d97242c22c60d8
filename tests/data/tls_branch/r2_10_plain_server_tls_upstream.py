# Real bug (hidden by 7c08a47): plain-HTTP proxy (server.ssl_context is None) with a TLS upstream: an upstream EOF takes `raise`, not the log line
import socket
import ssl
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

UPSTREAM = "api.example.com"


class ProxyHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        ctx = ssl.create_default_context()
        upstream = ctx.wrap_socket(socket.create_connection((UPSTREAM, 443)), server_hostname=UPSTREAM)
        try:
            upstream.sendall(f"GET {self.path} HTTP/1.0\r\nHost: {UPSTREAM}\r\n\r\n".encode())
            while chunk := upstream.recv(65536):
                self.wfile.write(chunk)
        except (ConnectionError, socket.timeout) as e:  # expect: NFX101
            self.log_message("connection dropped: %s", e)
        except Exception as e:
            if self.server.ssl_context is not None and isinstance(e, ssl.SSLError):
                self.log_error("SSL error occurred: %s", e)
            else:
                raise


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 8080), ProxyHandler)
    server.ssl_context = None  # local listener is plain HTTP
    server.serve_forever()
