"""A CLI that prints what a worker process answers over a multiprocessing Pipe: the
helper's `.send` / `.recv` are a multiprocessing Connection's, not a socket's. The module
also has a TLS client elsewhere (fetch). BrokenPipeError here is the worker's pipe or
stdout, never SSLEOFError.
Expected: quiet."""
import multiprocessing
import socket
import ssl


def fetch(host):
    ctx = ssl.create_default_context()
    with ctx.wrap_socket(socket.create_connection((host, 443)), server_hostname=host) as s:
        s.sendall(b"GET / HTTP/1.0\r\n\r\n")
        return s.recv(100)


class Worker:
    def __init__(self):
        self.conn, child = multiprocessing.Pipe()

    def step(self, cmd):
        self.conn.send(cmd)
        return self.conn.recv()


def main():
    worker = Worker()
    for cmd in ("a", "b"):
        try:
            print(worker.step(cmd))
        except BrokenPipeError:
            break
