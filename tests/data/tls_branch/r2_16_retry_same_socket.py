# Real bug (hidden by 7c08a47): the TLS branch retries on the same dead socket (`continue`) forever; the drop clause gives up
import logging
import socket
import ssl
import time

log = logging.getLogger(__name__)


def push(host, messages):
    ctx = ssl.create_default_context()
    sock = ctx.wrap_socket(socket.create_connection((host, 443)), server_hostname=host)
    while messages:
        try:
            sock.sendall(messages[0])
            messages.pop(0)
        except (ConnectionResetError, BrokenPipeError):  # expect: NFX101
            log.info("collector closed the connection")
            break
        except Exception as e:
            if isinstance(e, ssl.SSLError):
                log.warning("TLS hiccup, retrying: %s", e)
                time.sleep(1)
                continue
            raise
