# Real bug (hidden by 7c08a47): eventlet.green.ssl.SSLError IS ssl.SSLError (re-export), read as a package's own class (no base)
import logging
import socket

from eventlet.green import ssl

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
            log.exception("TLS failure talking to %s", host)
            raise
        log.warning("send to %s failed: %s", host, e)
