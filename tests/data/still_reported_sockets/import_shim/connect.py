import socket

try:
    from ._tls import open_connection
except ImportError:  # no ssl module: plain TCP
    def open_connection(host, port):
        return socket.create_connection((host, port))
