"""Serve one TLS connection on 127.0.0.1 with the handler of an NFX101 or NFX104 fixture.

Run as a script by tests/test_tls_proof.py, under each Python it measures (so: stdlib
only, Python 3.9+ syntax):

    python tls_server.py SCENARIO FIXTURE CERT KEY

It prints ``PORT <n>``, serves exactly one connection, then prints
``SEEN <class of the exception the server's TLS socket raised, or ->>`` and
``OUTCOME dropped`` (the fixture's connection-drop clause handled it) or
``OUTCOME error`` (it reached the generic error path) or ``OUTCOME clean`` (nothing
was raised). The error path's traceback or
log message goes to stderr. Every socket has a timeout, so the script ends by itself.

Scenarios:
- ``werkzeug``: ``WSGIRequestHandler.run_wsgi`` of fixtures/NFX101/werkzeug_serving.py
  streams an endless download to the client.
- ``wsgiref``: ``BaseHandler.run`` of fixtures/NFX104/wsgiref_handlers.py does the same.
- ``echo``: the real ``socketserver.TCPServer`` with ``EchoHandler`` of
  fixtures/NFX101/socketserver_echo.py, reading lines from the client.
"""

from __future__ import annotations

import importlib.util
import logging
import socket
import socketserver
import ssl
import sys
import traceback
from importlib.machinery import SourceFileLoader
from types import ModuleType
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple

CHUNK = b"x" * 65536
TIMEOUT = 20.0  # seconds; only reached if a client misbehaves


def load_fixture(path: str) -> ModuleType:
    """Import a fixture whatever its suffix (the fixed ones end in ``.fixed``)."""
    loader = SourceFileLoader("fixture_under_test", path)
    spec = importlib.util.spec_from_loader("fixture_under_test", loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def endless_download(environ: Any, start_response: Callable[..., Any]) -> Iterator[bytes]:
    """A WSGI app whose body never ends: only the client going away stops it."""
    start_response("200 OK", [("Content-Type", "application/octet-stream")])
    while True:
        yield CHUNK


class TLSStream:
    """The server's end of one TLS connection, as the fixture's handler writes to it.

    The handshake is done on the first write (``do_handshake_on_connect=False``), as
    servers that hand the raw connection to a worker do, so a client that goes away
    during the handshake makes the handler's own call fail. ``seen`` records what the
    TLS socket raised, whatever the handler then does with it."""

    def __init__(self, sock: ssl.SSLSocket) -> None:
        self.sock = sock
        self.handshaken = False
        self.seen: Optional[str] = None

    def write(self, data: bytes) -> None:
        try:
            if not self.handshaken:
                self.sock.do_handshake()
                self.handshaken = True
            self.sock.sendall(data)
        except BaseException as error:
            self.seen = self.seen or type(error).__name__
            raise

    def flush(self) -> None:
        """Writes go straight to the socket."""


def accept_one(context: ssl.SSLContext) -> TLSStream:
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(TIMEOUT)
    print("PORT", listener.getsockname()[1], flush=True)
    conn, _ = listener.accept()
    listener.close()
    conn.settimeout(TIMEOUT)
    return TLSStream(context.wrap_socket(conn, server_side=True, do_handshake_on_connect=False))


def serve_werkzeug(module: ModuleType, context: ssl.SSLContext) -> Tuple[Optional[str], str]:
    stream = accept_one(context)
    logs: List[Tuple[str, str]] = []

    class Server:
        passthrough_errors = False
        app = staticmethod(endless_download)

        @staticmethod
        def log(level: str, message: str) -> None:
            logs.append((level, message))
            print(level, message, file=sys.stderr)

    module.WSGIRequestHandler(Server(), stream).run_wsgi()
    stream.sock.close()
    [(level, _)] = logs
    return stream.seen, "error" if level == "error" else "dropped"


def serve_wsgiref(module: ModuleType, context: ssl.SSLContext) -> Tuple[Optional[str], str]:
    stream = accept_one(context)
    errors: List[str] = []

    class Handler(module.BaseHandler):  # type: ignore[name-defined,misc]
        def write(self, data: bytes) -> None:
            stream.write(data)

        def handle_error(self) -> None:  # what wsgiref does: print the traceback
            errors.append(traceback.format_exc())
            traceback.print_exc()

    Handler().run(endless_download)
    stream.sock.close()
    return stream.seen, "error" if errors else "dropped"


def serve_echo(module: ModuleType, context: ssl.SSLContext) -> Tuple[Optional[str], str]:
    records: List[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)
            print(self.format(record), file=sys.stderr)

    logger = logging.getLogger(module.__name__)
    logger.setLevel(logging.DEBUG)
    logger.addHandler(Keep())
    server = socketserver.TCPServer(("127.0.0.1", 0), module.EchoHandler)
    # The handshake happens in accept(); reads report a close without close_notify
    # instead of hiding it as an end of file (suppress_ragged_eofs=False).
    server.socket = context.wrap_socket(server.socket, server_side=True, suppress_ragged_eofs=False)
    server.timeout = TIMEOUT
    print("PORT", server.server_address[1], flush=True)
    server.handle_request()
    server.server_close()
    if not records:  # the read ended quietly: no exception reached the handler
        return None, "clean"
    [record] = records
    if record.levelno >= logging.ERROR:
        assert record.exc_info and record.exc_info[0]
        return record.exc_info[0].__name__, "error"
    return type(record.args[1]).__name__, "dropped"  # type: ignore[index]


SCENARIOS: Dict[str, Callable[[ModuleType, ssl.SSLContext], Tuple[Optional[str], str]]] = {
    "werkzeug": serve_werkzeug,
    "wsgiref": serve_wsgiref,
    "echo": serve_echo,
}


def main(scenario: str, fixture: str, cert: str, key: str) -> None:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    seen, outcome = SCENARIOS[scenario](load_fixture(fixture), context)
    print("SEEN", seen or "-", flush=True)
    print("OUTCOME", outcome, flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:])
