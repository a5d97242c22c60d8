# Real bug (hidden by 7c08a47): a long-running pusher exits the process on a TLS peer hang-up; the drop clause reconnects
import logging
import socket
import ssl
import sys

log = logging.getLogger(__name__)


def connect(host):
    ctx = ssl.create_default_context()
    return ctx.wrap_socket(socket.create_connection((host, 443)), server_hostname=host)


def push(host, queue):
    sock = connect(host)
    while True:
        item = queue.get()
        try:
            sock.sendall(item)
        except (ConnectionResetError, BrokenPipeError):  # expect: NFX101
            log.info("collector closed the connection, reconnecting")
            sock = connect(host)
        except Exception as e:
            if isinstance(e, ssl.SSLError):
                log.error("TLS failure talking to %s: %s", host, e)
                sys.exit(1)
            else:
                raise
