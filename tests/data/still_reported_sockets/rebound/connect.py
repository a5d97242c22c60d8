import socket
import ssl

USE_TLS = True
_CTX = ssl.create_default_context()


def open_connection(host, port):
    return socket.create_connection((host, port))


def _open_tls(host, port):
    return _CTX.wrap_socket(socket.create_connection((host, port)), server_hostname=host)


if USE_TLS:
    open_connection = _open_tls
