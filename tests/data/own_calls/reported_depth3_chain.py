"""Three calls down: main -> client.command -> self._request -> self._frame ->
self.sock.sendall. The message names the whole chain (the review's case: the first
version named only the first call and the last)."""
import socket
import ssl


class Client:
    def __init__(self, host):
        ctx = ssl.create_default_context()
        self.sock = ctx.wrap_socket(socket.create_connection((host, 443)), server_hostname=host)

    def _frame(self, data):
        self.sock.sendall(len(data).to_bytes(4, "big") + data)

    def _request(self, data):
        self._frame(data)
        return self.sock.recv(4096)

    def command(self, text):
        return self._request(text.encode())


def main(host):
    client = Client(host)
    try:
        client.command("hello")
    except ConnectionResetError:  # expect: NFX101
        pass
