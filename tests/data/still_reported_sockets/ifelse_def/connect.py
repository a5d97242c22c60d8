import socket

try:
    import ssl
except ImportError:  # Python built without OpenSSL
    ssl = None

if ssl is not None:
    _CTX = ssl.create_default_context()

    def open_connection(host, port):
        sock = socket.create_connection((host, port))
        return _CTX.wrap_socket(sock, server_hostname=host)
else:
    def open_connection(host, port):
        return socket.create_connection((host, port))
