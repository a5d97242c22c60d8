# Reported: predicate unwraps .reason first (str/None for a raw SSLError) -> False for SSLEOFError
import logging
import socket
import ssl

log = logging.getLogger(__name__)

def is_tls_error(exc):
    exc = getattr(exc, "reason", exc)  # URLError wraps the SSLError
    return isinstance(exc, ssl.SSLError)


def send(host, data):
    ctx = ssl.create_default_context()
    sock = ctx.wrap_socket(socket.create_connection((host, 443)), server_hostname=host)
    try:
        sock.sendall(data)
    except (ConnectionResetError, BrokenPipeError):  # expect: NFX101
        log.info("peer went away")
    except Exception as e:
        if is_tls_error(e):
            log.info("TLS error: %s", e)
            return
        log.exception("send failed")
        raise
