# Reported: the predicate only says "TLS" in lenient mode; by default (VERIFY=True) it
# returns False for every error, so the SSLEOFError goes to log.exception + raise.
# (_returns_tls_class_test accepts any `return isinstance(...)` anywhere in the body.)
import logging
import socket
import ssl

log = logging.getLogger(__name__)
VERIFY = True


def is_tolerated_tls_error(error):
    if not VERIFY:
        return isinstance(error, ssl.SSLError)
    return False


def send(host, data):
    ctx = ssl.create_default_context()
    sock = ctx.wrap_socket(socket.create_connection((host, 443)), server_hostname=host)
    try:
        sock.sendall(data)
    except (ConnectionResetError, BrokenPipeError):  # expect: NFX101
        log.info("peer went away")
    except Exception as e:
        if is_tolerated_tls_error(e):
            log.info("TLS error tolerated: %s", e)
        else:
            log.exception("send failed")
            raise
