# Reported: the inner try (its own later clause is plain log.exception + raise);
# the outer try's TLS branch never sees the inner SSLEOFError since the inner
# `except Exception` takes it first. Outer try: QUIET is fine.
import logging
import socket
import ssl

log = logging.getLogger(__name__)


def send(host, data):
    ctx = ssl.create_default_context()
    sock = ctx.wrap_socket(socket.create_connection((host, 443)), server_hostname=host)
    try:
        try:
            sock.sendall(data)
        except (ConnectionResetError, BrokenPipeError):  # expect: NFX101
            log.info("peer went away")
        except Exception:
            log.exception("send failed")
            raise
    except ConnectionError:  # outer
        pass
    except Exception as e:
        if isinstance(e, ssl.SSLError):
            log.info("TLS closed")
        else:
            raise
