"""Turn TLS on for every connection the package opens."""
import socket
import ssl

from . import connect

_CTX = ssl.create_default_context()


def _open_tls(host, port):
    return _CTX.wrap_socket(socket.create_connection((host, port)), server_hostname=host)


connect.open_connection = _open_tls

from .client import Client  # noqa: E402
