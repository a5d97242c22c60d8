import socket
import ssl


def secure(host, port):
    return ssl.create_default_context().wrap_socket(socket.create_connection((host, port)), server_hostname=host)
