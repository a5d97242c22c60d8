"""print(...) of a value produced by a coroutine-style generator's .send(): not a socket.
Module has TLS elsewhere. Expect: quiet (as before)."""
import socket
import ssl


def upload(host, data):
    ctx = ssl.create_default_context()
    with ctx.wrap_socket(socket.create_connection((host, 443)), server_hostname=host) as s:
        s.sendall(data)


class Totals:
    def __init__(self):
        self.gen = self._run()
        next(self.gen)

    def _run(self):
        total = 0
        while True:
            total += yield total

    def add(self, n):
        return self.gen.send(n)


def report(numbers):
    totals = Totals()
    try:
        for n in numbers:
            print(totals.add(n))
    except BrokenPipeError:
        pass
