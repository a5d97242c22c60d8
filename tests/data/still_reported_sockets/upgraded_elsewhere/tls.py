import ssl

_CTX = ssl.create_default_context()


def start_tls(client):
    client.sock = _CTX.wrap_socket(client.sock, server_hostname=client.host)
