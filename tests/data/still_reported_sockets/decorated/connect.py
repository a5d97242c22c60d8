import functools
import socket
import ssl

_CTX = ssl.create_default_context()


def secured(fn):
    @functools.wraps(fn)
    def wrapper(host, port):
        return _CTX.wrap_socket(fn(host, port), server_hostname=host)
    return wrapper


@secured
def open_connection(host, port):
    return socket.create_connection((host, port))
