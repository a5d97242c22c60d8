"""own_function(where, call, class_of(where)) looks `pager.send` up in the *caller's*
class (Shell) instead of Pager, the class `pager` is made from. Followed down the
module's own calls, that happens inside intermediate methods: main -> shell.page(text) -> pager.send(text), and
Shell.send (a TLS write) is taken for Pager.send (a stdout write).
BrokenPipeError here is stdout's (`prog | head`).
Expected: quiet."""
import socket
import ssl
import sys


class Pager:
    def send(self, text):
        sys.stdout.write(text)


class Shell:
    def __init__(self, host):
        ctx = ssl.create_default_context()
        self.sock = ctx.wrap_socket(socket.create_connection((host, 443)), server_hostname=host)

    def send(self, text):
        self.sock.sendall(text.encode())

    def page(self, text):
        pager = Pager()
        pager.send(text)


def main(host, text):
    shell = Shell(host)
    try:
        print("paging:")
        shell.page(text)
    except BrokenPipeError:
        pass
