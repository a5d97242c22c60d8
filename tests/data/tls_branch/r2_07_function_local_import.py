# Real bug (hidden by 7c08a47): `from ssl import SSLError` inside the function: the model reads SSLError as builtins.SSLError (no base)
import logging
import socket

log = logging.getLogger(__name__)


def send(host, data):
    from ssl import SSLError, create_default_context

    ctx = create_default_context()
    sock = ctx.wrap_socket(socket.create_connection((host, 443)), server_hostname=host)
    try:
        sock.sendall(data)
    except (ConnectionResetError, BrokenPipeError):  # expect: NFX101
        log.info("peer went away")
    except Exception as e:
        if isinstance(e, SSLError):
            log.exception("TLS failure talking to %s", host)
            raise
        log.warning("send to %s failed: %s", host, e)
