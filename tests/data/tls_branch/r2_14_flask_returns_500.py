# Real bug (hidden by 7c08a47): a Flask view returns a 500 for an upstream TLS hang-up; the drop clause answers 503 "retry later"
import logging
import socket
import ssl

from flask import Flask

app = Flask(__name__)
log = logging.getLogger(__name__)


def upstream(host):
    ctx = ssl.create_default_context()
    return ctx.wrap_socket(socket.create_connection((host, 443)), server_hostname=host)


@app.route("/quote")
def quote():
    sock = upstream("quotes.example.com")
    try:
        sock.sendall(b"GET /latest\r\n")
        data = sock.recv(4096)
    except (ConnectionResetError, BrokenPipeError):  # expect: NFX101
        return {"error": "upstream unavailable, retry"}, 503
    except Exception as e:
        if isinstance(e, UnicodeDecodeError):
            return {"error": "bad upstream data"}, 502
        log.error("quote failed: %s", e)
        return {"error": "internal error"}, 500
    return {"quote": data.decode()}
