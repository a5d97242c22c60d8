# Reported: is_ssl_error is rebound by a second definition (narrowed to cert errors)
# ... the tool requires a single binding, so it should report. Check.
import logging
import socket
import ssl

log = logging.getLogger(__name__)


def is_ssl_error(error):
    return isinstance(error, ssl.SSLError)


if not hasattr(ssl, "SSLCertVerificationError"):
    pass
else:
    def is_ssl_error(error):  # noqa: F811  only certificate failures are benign
        return isinstance(error, ssl.SSLCertVerificationError)


def send(host, data):
    ctx = ssl.create_default_context()
    sock = ctx.wrap_socket(socket.create_connection((host, 443)), server_hostname=host)
    try:
        sock.sendall(data)
    except (ConnectionResetError, BrokenPipeError):  # expect: NFX101
        log.info("peer went away")
    except Exception as e:
        if is_ssl_error(e):
            log.info("TLS error: %s", e)
        else:
            log.exception("send failed")
            raise
