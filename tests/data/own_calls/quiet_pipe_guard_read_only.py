"""A console that prints what its TLS client *receives*: the helper only reads
(self.sock.recv), and a read of a default-wrapped SSLSocket returns b"" on EOF, never
SSLEOFError. BrokenPipeError here is stdout's (print piped to `head`).
Expected: quiet."""
import socket
import ssl


class Client:
    def __init__(self, host):
        ctx = ssl.create_default_context()
        self.sock = ctx.wrap_socket(socket.create_connection((host, 443)), server_hostname=host)

    def next_message(self):
        return self.sock.recv(4096)


def follow(host):
    client = Client(host)
    while True:
        try:
            print(client.next_message().decode())
        except BrokenPipeError:
            break
