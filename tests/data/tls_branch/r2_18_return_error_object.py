# Real bug (hidden by 7c08a47): the TLS branch returns the exception to the caller, which raises it (errors-as-values)
import logging
import socket
import ssl

log = logging.getLogger(__name__)


def _send(sock, data):
    try:
        sock.sendall(data)
    except (ConnectionResetError, BrokenPipeError):  # expect: NFX101
        return None
    except Exception as e:
        if isinstance(e, ssl.SSLError):
            return e
        raise
    return None


def send(host, data):
    ctx = ssl.create_default_context()
    sock = ctx.wrap_socket(socket.create_connection((host, 443)), server_hostname=host)
    error = _send(sock, data)
    if error is not None:
        raise error
