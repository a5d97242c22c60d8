import socket


def open_socket(host, port):
    return socket.create_connection((host, port))
