# Reported: `ssl` is rebound after its import (not an ImportError fallback): the class
# the test names is not known to be the stdlib's
import logging
import socket
import ssl

from . import compat

log = logging.getLogger(__name__)
if compat.USE_SHIM:
    ssl = compat.ssl


def send(host, data):
    ctx = ssl.create_default_context()
    sock = ctx.wrap_socket(socket.create_connection((host, 443)), server_hostname=host)
    try:
        sock.sendall(data)
    except (ConnectionResetError, BrokenPipeError):  # expect: NFX101
        log.info("peer went away")
    except Exception as e:
        if isinstance(e, ssl.SSLError):
            log.info("TLS error: %s", e)
        else:
            log.exception("send failed")
            raise
