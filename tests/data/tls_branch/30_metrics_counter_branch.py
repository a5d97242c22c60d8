# Reported: the TLS "branch" only bumps a counter; every error, TLS drop included,
# is then logged with a traceback and re-raised (#2926's symptom).
import logging
import socket
import ssl

log = logging.getLogger(__name__)
TLS_ERRORS = 0


def send(host, data):
    global TLS_ERRORS
    ctx = ssl.create_default_context()
    sock = ctx.wrap_socket(socket.create_connection((host, 443)), server_hostname=host)
    try:
        sock.sendall(data)
    except (ConnectionResetError, BrokenPipeError):  # expect: NFX101
        log.info("peer went away")
    except Exception as e:
        if isinstance(e, ssl.SSLError):
            TLS_ERRORS += 1
        log.exception("send to %s failed", host)
        raise
