# Real bug (hidden by 7c08a47): TLS branch reports each EOF to Sentry with a traceback (capture_exception() reads sys.exc_info())
import logging
import socket
import ssl

import sentry_sdk

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
            log.warning("TLS error talking to %s: %s", host, e)
            sentry_sdk.capture_exception()
            return
        raise
