# Reported: TLS branch sends a 500 / error log like the generic path
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
        if isinstance(e, ssl.SSLError):
            log.error("Internal error talking to %s: %r", host, e, exc_info=True)
            raise RuntimeError("500 Internal Server Error") from e
        raise
