# Reported: the predicate says "skip the traceback" only for timeouts and TLS errors
# while NOT shutting down; the handler's branch for it *re-raises* (inverted naming:
# is_transient -> retry by raising to the caller's retry loop). Here the interesting part:
# the predicate's other return is `True` for everything, so the branch is not "TLS alone".
import logging
import socket
import ssl

log = logging.getLogger(__name__)
STRICT = True


def should_log_quietly(error):
    if not STRICT:
        return True
    return isinstance(error, ssl.SSLError)


def send(host, data):
    ctx = ssl.create_default_context()
    sock = ctx.wrap_socket(socket.create_connection((host, 443)), server_hostname=host)
    try:
        sock.sendall(data)
    except (ConnectionResetError, BrokenPipeError):  # expect: NFX101
        log.info("peer went away")
    except Exception as e:
        if should_log_quietly(e):
            log.info("send failed: %s", e)
        else:
            log.exception("send failed")
            raise
