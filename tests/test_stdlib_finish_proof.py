"""Why a request handler's ``finish`` that only calls the stdlib's stays quiet, and why one
with a write buffer is reported (fixtures/NFX101/stdlib_finish.py).

Measured on every Python from 3.9 to 3.13 the machine has: a real ``socketserver`` TLS
server on 127.0.0.1 streams to a client that resets the connection mid-download. With
``wbufsize = 0`` (the default), ``StreamRequestHandler.finish`` raises nothing: its flush
is under ``except OSError: pass`` and closing an unbuffered ``wfile`` writes nothing. With
a write buffer, closing ``wfile`` flushes the bytes left in it again, outside that
``except``: ssl.SSLEOFError on 3.10-3.12, BrokenPipeError elsewhere. Every socket has a
timeout.
"""

from __future__ import annotations

import pytest

from .tls import PYTHONS, Certificate, run_on_python

SCRIPT = r"""
import socket, socketserver, ssl, struct, sys, threading

cert, key = sys.argv[1], sys.argv[2]


def run(wbufsize):
    out = {}

    class Handler(socketserver.StreamRequestHandler):
        def handle(self):
            self.wfile.write(b"HTTP/1.1 200 OK\r\n\r\n")
            try:
                while True:
                    self.wfile.write(b"x" * 1000)
            except OSError as error:
                out["write"] = type(error).__name__

        def finish(self):
            try:
                super().finish()
                out["finish"] = "none"
            except BaseException as error:
                out["finish"] = type(error).__name__

    Handler.wbufsize = wbufsize
    server = socketserver.TCPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    server.timeout = 20
    thread = threading.Thread(target=server.handle_request)
    thread.start()
    client = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    client.check_hostname = False
    client.verify_mode = ssl.CERT_NONE
    tls = client.wrap_socket(socket.create_connection(server.server_address, timeout=20))
    received = 0
    while received < 256 * 1024:
        data = tls.recv(65536)
        assert data
        received += len(data)
    plain = socket.socket(fileno=tls.detach())
    plain.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    plain.close()
    thread.join(30)
    server.server_close()
    print("buffered" if wbufsize else "unbuffered", out.get("write", "HUNG"), out.get("finish", "HUNG"))


run(0)
run(-1)
"""


@pytest.mark.parametrize("minor", PYTHONS)
def test_the_stdlib_finish_raises_only_with_a_write_buffer(minor: str, certificate: Certificate) -> None:
    stdout = run_on_python(minor, SCRIPT, certificate)
    seen = {line.split()[0]: line.split()[1:] for line in stdout.splitlines()}
    print(f"Python {minor}: {seen}")
    # On 3.9 and 3.13 the reset shows as ECONNRESET or EPIPE, depending on timing.
    drops = ["SSLEOFError"] if minor in ("3.10", "3.11", "3.12") else ["ConnectionResetError", "BrokenPipeError"]
    unbuffered_write, unbuffered_finish = seen["unbuffered"]
    assert unbuffered_write in drops and unbuffered_finish == "none", seen
    buffered_write, buffered_finish = seen["buffered"]
    assert buffered_write in drops and buffered_finish in drops, seen
