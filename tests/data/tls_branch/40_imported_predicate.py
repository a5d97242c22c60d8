# Reported: the predicate comes from another module; what it answers is not read here
import logging
import socket
import ssl

from .errors import is_ssl_error

log = logging.getLogger(__name__)


def send(host, data):
    ctx = ssl.create_default_context()
    sock = ctx.wrap_socket(socket.create_connection((host, 443)), server_hostname=host)
    try:
        sock.sendall(data)
    except (ConnectionResetError, BrokenPipeError):  # expect: NFX101
        log.info("peer went away")
    except Exception as e:
        if is_ssl_error(e):
            log.info("TLS error: %s", e)
        else:
            log.exception("send failed")
            raise
