# Reported: polarity reversed: non-TLS errors get the quiet branch, TLS errors
# (the EOF included) get log.exception + raise.
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
        if not isinstance(e, ssl.SSLError):
            log.warning("send failed: %s", e)
        else:
            log.exception("TLS layer broke talking to %s", host)
            raise
