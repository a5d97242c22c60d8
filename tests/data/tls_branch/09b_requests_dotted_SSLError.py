# Reported: requests.exceptions.SSLError is not ssl.SSLError
import logging
import socket
import ssl
import requests
log = logging.getLogger(__name__)


def send(host, data):
    ctx = ssl.create_default_context()
    sock = ctx.wrap_socket(socket.create_connection((host, 443)), server_hostname=host)
    try:
        sock.sendall(data)
    except (ConnectionResetError, BrokenPipeError):  # expect: NFX101
        log.info("peer went away")
    except Exception as e:
        if isinstance(e, requests.exceptions.SSLError):
            log.info("TLS closed: %s", e)
            return
        log.exception("send failed")
        raise
