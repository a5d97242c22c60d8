"""A server on 127.0.0.1 that answers each connection in a thread and stops by itself.

Shared by the tests that run real clients against a canned peer: the accept loop wakes
every half second to see whether the test has closed it, and every connection has a
timeout, so nothing outlives the test.
"""

from __future__ import annotations

import contextlib
import socket
import threading


class LoopbackServer:
    """Accepts connections on 127.0.0.1 and hands each to :meth:`answer`."""

    #: The URL's scheme and path (``ws://127.0.0.1:PORT/stream``).
    scheme = "ws"
    path = "/"

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.5)
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self.sock.getsockname()[1]}{self.path}"

    def answer(self, conn: socket.socket) -> None:
        """Talk to one client (``conn`` has a timeout; an OSError ends the talk)."""
        raise NotImplementedError

    def _serve(self) -> None:
        while not self.stopped.is_set():
            try:
                conn, _ = self.sock.accept()
            except (socket.timeout, OSError):
                continue
            with conn:
                conn.settimeout(5)
                with contextlib.suppress(OSError):
                    self.answer(conn)

    def close(self) -> None:
        self.stopped.set()
        self.thread.join(timeout=5)
        self.sock.close()


def read_request(conn: socket.socket) -> bytes:
    """An HTTP request's head, up to its blank line (or what came before EOF)."""
    request = b""
    while b"\r\n\r\n" not in request:
        chunk = conn.recv(4096)
        if not chunk:
            break
        request += chunk
    return request
