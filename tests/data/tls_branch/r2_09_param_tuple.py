# Real bug (hidden by 7c08a47): a parameter `fatal=(ssl.SSLError,)` is read as builtins.fatal (no base): the traced branch is taken really
import logging
import socket
import ssl

log = logging.getLogger(__name__)


def send(host, data, fatal=(ssl.SSLError,)):
    ctx = ssl.create_default_context()
    sock = ctx.wrap_socket(socket.create_connection((host, 443)), server_hostname=host)
    try:
        sock.sendall(data)
    except (ConnectionResetError, BrokenPipeError):  # expect: NFX101
        log.info("peer went away")
    except Exception as e:
        if isinstance(e, fatal):
            log.exception("fatal error talking to %s", host)
            raise
        log.warning("transient error talking to %s: %s", host, e)
