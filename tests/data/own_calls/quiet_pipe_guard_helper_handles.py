"""The helper handles every socket error itself (except OSError -> returns None), so
nothing from the socket reaches the body; BrokenPipeError is stdout's.
The search for TLS writes skips such a helper; the first version's pipe-guard check
(no_tls_possible -> reached_calls) did not.
Expected: quiet."""
import socket
import ssl


class Client:
    def __init__(self, host):
        ctx = ssl.create_default_context()
        self.sock = ctx.wrap_socket(socket.create_connection((host, 443)), server_hostname=host)

    def ask(self, text):
        try:
            self.sock.sendall(text.encode())
            return self.sock.recv(4096).decode()
        except OSError as exc:
            return f"error: {exc}"


def repl(host):
    client = Client(host)
    while True:
        try:
            print(client.ask(input("> ")))
        except BrokenPipeError:
            break
