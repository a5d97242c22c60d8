# Reported: e rebound to .reason (a str/None for a raw SSLError) before the test; SSLEOFError goes to log.exception
import logging
import socket
import ssl

log = logging.getLogger(__name__)


def send(host, data):
    ctx = ssl.create_default_context()
    sock = ctx.wrap_socket(socket.create_connection((host, 443)), server_hostname=host)
    try:
        sock.sendall(data)
    except (ConnectionResetError, BrokenPipeError):  # expect: NFX101
        log.info("peer went away")
    except Exception as e:
        e = getattr(e, "reason", e)  # unwrap URLError-style wrappers
        if isinstance(e, ssl.SSLError):
            log.info("TLS closed: %s", e)
            return
        log.exception("send failed")
        raise
