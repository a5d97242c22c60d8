# Reported: the isinstance tests the close() error of an inner `except ... as e`, not the send error
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
        try:
            sock.close()
        except Exception as e:
            if isinstance(e, ssl.SSLError):
                pass  # unwrap on a dead TLS socket
        log.exception("send failed")
        raise
