# Real bug (hidden by 7c08a47): a predicate's local tuple (old Werkzeug is_ssl_error style) reads as no base: is_fatal answers False, really True
import logging
import socket
import ssl

log = logging.getLogger(__name__)


def is_fatal(error):
    fatal = (ssl.SSLError, ValueError)
    return isinstance(error, fatal)


def send(host, data):
    ctx = ssl.create_default_context()
    sock = ctx.wrap_socket(socket.create_connection((host, 443)), server_hostname=host)
    try:
        sock.sendall(data)
    except (ConnectionResetError, BrokenPipeError):  # expect: NFX101
        log.info("peer went away")
    except Exception as e:
        if is_fatal(e):
            log.exception("fatal error talking to %s", host)
            raise
        log.warning("transient error talking to %s: %s", host, e)
