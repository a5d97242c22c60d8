import socket
import ssl

_CTX = ssl.create_default_context()


def open_connection(host, port):
    sock = socket.create_connection((host, port))
    return _CTX.wrap_socket(sock, server_hostname=host)
