# Reported: the module's own SSLError class, unrelated to ssl
import logging
import socket
import ssl

log = logging.getLogger(__name__)

class SSLError(Exception):
    """Our wrapper: raised by our own TLS config loader."""


def send(host, data):
    ctx = ssl.create_default_context()
    sock = ctx.wrap_socket(socket.create_connection((host, 443)), server_hostname=host)
    try:
        sock.sendall(data)
    except (ConnectionResetError, BrokenPipeError):  # expect: NFX101
        log.info("peer went away")
    except Exception as e:
        if isinstance(e, SSLError):
            log.info("TLS closed: %s", e)
            return
        log.exception("send failed")
        raise
