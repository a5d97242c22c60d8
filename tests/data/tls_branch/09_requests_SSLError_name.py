# Reported: requests.exceptions.SSLError is not ssl.SSLError; a raw SSLEOFError fails the test
import logging
import socket
import ssl
from requests.exceptions import SSLError
log = logging.getLogger(__name__)


def send(host, data):
    ctx = ssl.create_default_context()
    sock = ctx.wrap_socket(socket.create_connection((host, 443)), server_hostname=host)
    try:
        sock.sendall(data)
    except (ConnectionResetError, BrokenPipeError):  # expect: NFX101
        log.info("peer went away")
    except Exception as e:
        if isinstance(e, SSLError):
            log.info("TLS closed: %s", e)
            return
        log.exception("send failed")
        raise
