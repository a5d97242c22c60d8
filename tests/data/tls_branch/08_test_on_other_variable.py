# Reported: the TLS test looks at another object
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
        last = getattr(sock, "last_error", None)
        if isinstance(last, ssl.SSLError):
            log.info("TLS closed earlier")
            return
        log.exception("send failed")
        raise
