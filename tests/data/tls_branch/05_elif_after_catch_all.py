# Reported: `if isinstance(e, OSError)` takes SSLEOFError first (SSLError subclasses OSError); the TLS elif is dead
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
        if isinstance(e, OSError):
            log.exception("I/O error talking to %s", host)
            raise
        elif isinstance(e, ssl.SSLError):
            log.info("TLS closed by %s", host)
        else:
            raise
