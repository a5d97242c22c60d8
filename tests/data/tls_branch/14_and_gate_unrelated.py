# Reported (a judgement call): TLS branch only when verbose is off... in prod DEBUG False -> traceback for every TLS drop
import logging
import socket
import ssl

log = logging.getLogger(__name__)

DEBUG = False


def send(host, data):
    ctx = ssl.create_default_context()
    sock = ctx.wrap_socket(socket.create_connection((host, 443)), server_hostname=host)
    try:
        sock.sendall(data)
    except (ConnectionResetError, BrokenPipeError):  # expect: NFX101
        log.info("peer went away")
    except Exception as e:
        if DEBUG and isinstance(e, ssl.SSLError):
            log.info("TLS closed: %s", e)
            return
        log.exception("send failed")
        raise
