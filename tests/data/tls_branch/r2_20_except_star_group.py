# Real bug (hidden by 7c08a47): under except*, `eg` is an ExceptionGroup: isinstance(eg, ssl.SSLError) is never true, the EOF group is re-raised
import logging
import socket
import ssl

log = logging.getLogger(__name__)


def send(host, data):
    ctx = ssl.create_default_context()
    sock = ctx.wrap_socket(socket.create_connection((host, 443)), server_hostname=host)
    try:
        sock.sendall(data)
    except* (ConnectionResetError, BrokenPipeError):  # expect: NFX101
        log.info("peer went away")
    except* Exception as eg:
        if isinstance(eg, ssl.SSLError):
            log.warning("TLS error talking to %s: %s", host, eg)
        else:
            raise
