# Reported: the predicate takes handshake errors only (text test), like e9e6e2d's CERTIFICATE_VERIFY_FAILED case
import logging
import socket
import ssl

log = logging.getLogger(__name__)

def is_handshake_error(error):
    if "handshake" not in str(error):
        return False
    return isinstance(error, ssl.SSLError)


def send(host, data):
    ctx = ssl.create_default_context()
    sock = ctx.wrap_socket(socket.create_connection((host, 443)), server_hostname=host)
    try:
        sock.sendall(data)
    except (ConnectionResetError, BrokenPipeError):  # expect: NFX101
        log.info("peer went away")
    except Exception as e:
        if is_handshake_error(e):
            log.warning("TLS handshake with %s failed: %s", host, e)
            return
        log.exception("send failed")
        raise
