# Reported: outer isinstance alone, but inner test keeps only CERTIFICATE_VERIFY_FAILED; the EOF falls to log.exception (same as e9e6e2d's fixture, nested)
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
        if isinstance(e, ssl.SSLError):
            if e.reason == "CERTIFICATE_VERIFY_FAILED":
                log.warning("certificate rejected by %s", host)
                return
        log.exception("send failed")
        raise
