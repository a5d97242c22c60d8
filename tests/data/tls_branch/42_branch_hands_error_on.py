# Reported: the TLS branch hands the error to a callback, which may raise or trace it
import logging
import socket
import ssl

log = logging.getLogger(__name__)


def send(host, data, on_error):
    ctx = ssl.create_default_context()
    sock = ctx.wrap_socket(socket.create_connection((host, 443)), server_hostname=host)
    try:
        sock.sendall(data)
    except (ConnectionResetError, BrokenPipeError):  # expect: NFX101
        log.info("peer went away")
    except Exception as e:
        if isinstance(e, ssl.SSLError):
            on_error(e)
        else:
            raise
