"""The socket provenance model NFX101-103 share (netfix_lint/rules/socket_origin.py), and
the evidence every finding carries: in the message, in JSON ``related`` and SARIF
``relatedLocations``, through the results cache. The families come from blind samples
(corpus/README.md): datagram sockets, plain listeners, the raw socket under a memory-BIO
TLS layer, plain sockets in modules that do TLS elsewhere, Python 2 modules, and
blocking code run in a thread from asyncio."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import pytest

from netfix_lint import Finding, Settings, check_source

from .conftest import run

EVERY_RULE = Settings(preview=True)


def found(source: str) -> List[Finding]:
    return check_source(source, settings=EVERY_RULE)


def why(source: str) -> List[str]:
    """The evidence of each finding, as its message ends."""
    return [f.message.split("Python 3.10+: ", 1)[1] for f in found(source)]


DROP = "    except (ConnectionResetError, BrokenPipeError):\n        pass\n"
ERRNO = "    except OSError as e:\n        if e.errno != errno.EPIPE:\n            raise\n"

#: attested-relay's request (blind round 19): an urllib opener with a TLS context of the
#: module's, and a clause naming URLError beside the drops.
OPENER = (
    "import ssl, urllib.error, urllib.request\n"
    "OPENER = urllib.request.build_opener(urllib.request.HTTPSHandler(context=ssl.create_default_context()))\n"
    "def fetch(request):\n    try:\n        with OPENER.open(request, timeout=5) as response:\n"
    "            return _drain(response)\n"
    "    except (urllib.error.URLError, ConnectionResetError, TimeoutError):\n        return None\n"
    "def _drain(response):\n    response.fp.raw._sock.settimeout(5)\n    return response.read1(65536)\n"
)
URLOPEN = (
    "import ssl\nfrom urllib.request import urlopen\nCTX = ssl.create_default_context()\n"
    "def fetch(url):\n    try:\n        return parse(urlopen(url, context=CTX))\n"
    + DROP
    + "def parse(response):\n    return response.read()\n"
)

QUIET = {
    "an urllib opener's request, which urllib wraps in URLError": OPENER,
    "urlopen's request, which urllib wraps in URLError": URLOPEN,
    "a datagram socket, made in the class": (
        "import socket, ssl\nCTX = ssl.create_default_context()\n"
        "class Sender:\n    def __init__(self):\n"
        "        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
        "    def send(self, data):\n        try:\n            self.sock.send(data)\n" + DROP.replace("    ", "        ")
    ),
    "sendto, which an SSLSocket refuses": (
        "import socket, ssl\nCTX = ssl.create_default_context()\n"
        "def send(sock, data, address):\n    try:\n        sock.sendto(data, address)\n" + DROP
    ),
    "the raw socket under a memory-BIO TLS layer": (
        "import socket, ssl\n"
        "def handshake(ctx, host):\n    sock = socket.create_connection((host, 443))\n"
        "    incoming, outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()\n"
        "    tls = ctx.wrap_bio(incoming, outgoing, server_hostname=host)\n"
        "    try:\n        sock.sendall(outgoing.read())\n" + DROP
    ),
    "a plain socket beside a wrapped one": (
        "import socket, ssl\nCTX = ssl.create_default_context()\n"
        "def probe(host):\n    sock = socket.create_connection((host, 80))\n"
        "    try:\n        sock.sendall(b'HEAD / HTTP/1.0\\r\\n\\r\\n')\n" + DROP
    ),
    "a plain listener's accept(), made by a method of a base class": (
        "import errno, socket, ssl\n"
        "class Server:\n    def __init__(self):\n        self.listener = self.listen()\n"
        "    def listen(self):\n        return socket.create_server(('', 8443))\n"
        "class TlsServer(Server):\n    def serve(self, ctx):\n        try:\n"
        "            conn, _ = self.listener.accept()\n"
        "        except OSError as e:\n            if e.errno != errno.ECONNABORTED:\n                raise\n"
        "        return ctx.wrap_socket(conn, server_side=True)\n"
    ),
    "a module that only runs on Python 2": (
        "import socket, ssl, SocketServer\nCTX = ssl.create_default_context()\n"
        "def send(sock, data):\n    try:\n        sock.sendall(data)\n" + DROP
    ),
    "a function that only runs on Python 2": (
        "import socket, ssl\nCTX = ssl.create_default_context()\n"
        "def runbasic(func):\n    import SocketServer\n"
        "    def send(sock, data):\n        try:\n            sock.sendall(data)\n" + DROP.replace("    ", "        ")
    ),
    "accept() on a non-blocking listener, EAGAIN tested in an earlier branch": (
        "import errno, ssl\nCTX = ssl.create_default_context()\n"
        "def accept(self):\n    try:\n        conn, _ = self.listener.accept()\n"
        "    except OSError as e:\n        if e.args[0] in (errno.EWOULDBLOCK, errno.EAGAIN):\n            return\n"
        "        elif e.args[0] in (errno.EMFILE, errno.ECONNABORTED):\n            return\n        raise\n"
    ),
    "an errno test on a datagram socket's sendto": (
        "import errno, socket, ssl\nCTX = ssl.create_default_context()\n"
        "def send(sock, data, address):\n    try:\n        sock.sendto(data, address)\n" + ERRNO
    ),
}


@pytest.mark.parametrize("name", sorted(QUIET))
def test_sockets_that_never_carry_stdlib_tls_keep_the_handler_quiet(name: str) -> None:
    assert found(QUIET[name]) == []


REPORTED = {
    "wrapped in another method": (
        "import socket\n"
        "class Client:\n    def connect(self, ctx, host):\n"
        "        self.sock = ctx.wrap_socket(socket.create_connection((host, 443)))\n"
        "    def send(self, data):\n        try:\n            self.sock.sendall(data)\n"
        + DROP.replace("    ", "        "),
        ["the socket comes from `ctx.wrap_socket()` (line 4)"],
    ),
    "rebound to a wrapped socket by a subclass": (
        "import socket\n"
        "class Base:\n    def __init__(self, host):\n        self.sock = socket.create_connection((host, 443))\n"
        "    def send(self, data):\n        try:\n            self.sock.sendall(data)\n"
        + DROP.replace("    ", "        ")
        + "class Secure(Base):\n    def starttls(self, ctx):\n        self.sock = ctx.wrap_socket(self.sock)\n",
        ["the socket comes from `ctx.wrap_socket()` (line 12)"],
    ),
    "returned by the module's own function": (
        "import socket, ssl\n"
        "def connect(host):\n    ctx = ssl.create_default_context()\n"
        "    return ctx.wrap_socket(socket.create_connection((host, 443)), server_hostname=host)\n"
        "def send(host, data):\n    sock = connect(host)\n    try:\n        sock.sendall(data)\n" + DROP,
        ["`connect()` (line 6) returns the socket, which comes from `ctx.wrap_socket()` (line 4)"],
    ),
    "annotated as an SSLSocket": (
        "import ssl\ndef send(sock: ssl.SSLSocket, data):\n    try:\n        sock.sendall(data)\n" + DROP,
        ["the socket is annotated `ssl.SSLSocket` (line 2)"],
    ),
    "accept() on a TLS listener, which shakes hands": (
        "import errno, socket, ssl\n"
        "def serve(ctx):\n    listener = ctx.wrap_socket(socket.create_server(('', 8443)), server_side=True)\n"
        "    try:\n        conn, _ = listener.accept()\n" + ERRNO,
        ["the socket comes from `ctx.wrap_socket()` (line 3)"],
    ),
    "a connection accepted from a TLS listener": (
        "import socket, ssl\n"
        "def serve(ctx):\n    listener = ctx.wrap_socket(socket.create_server(('', 8443)), server_side=True)\n"
        "    conn, _ = listener.accept()\n    try:\n        conn.sendall(b'hello')\n" + DROP,
        ["accepted from a TLS listener, `listener` (line 4); the socket comes from `ctx.wrap_socket()` (line 3)"],
    ),
    "sent from a thread of an asyncio program": (
        "import asyncio, socket, ssl\n"
        "async def send(ctx, raw, data):\n    sock = ctx.wrap_socket(raw)\n"
        "    loop = asyncio.get_running_loop()\n"
        "    try:\n        await loop.run_in_executor(None, sock.sendall, data)\n" + DROP,
        ["the socket comes from `ctx.wrap_socket()` (line 3)"],
    ),
    "a socket made elsewhere, in a module that sets TLS up": (
        "import ssl\nCTX = ssl.create_default_context()\n"
        "def send(sock, data):\n    try:\n        sock.sendall(data)\n" + DROP,
        ["this module sets TLS up (line 2) and the socket may be one it wraps"],
    ),
    "a socket write beside an urllib request": (
        URLOPEN.replace("        return parse(", "        sock.sendall(b'hi')\n        return parse("),
        ["this module sets TLS up (line 3) and the socket may be one it wraps"],
    ),
    "a write in a function the urllib try calls": (
        OPENER.replace("    return response.read1(65536)", "    return response.fp.raw._sock.sendall(b'')"),
        ["this module sets TLS up (line 2) and the socket may be one it wraps"],
    ),
    "an open() that the try's clauses do not say is urllib's": (
        OPENER.replace("urllib.error.URLError, ", ""),
        ["this module sets TLS up (line 2) and the socket may be one it wraps"],
    ),
    "urlopen's response, read with ragged EOFs raised": (
        URLOPEN + "def wrap(sock):\n    return CTX.wrap_socket(sock, suppress_ragged_eofs=False)\n",
        ["this module sets TLS up (line 3) and the socket may be one it wraps"],
    ),
    "a socket made elsewhere, in a module that names no TLS": (
        "import socket\ndef send(sock, data):\n    try:\n        sock.sendall(data)\n" + DROP,
        ["`sock.sendall()` writes to a socket made elsewhere, which may be a TLS one"],
    ),
}


@pytest.mark.parametrize("name", sorted(REPORTED))
def test_each_finding_says_why_tls_can_reach_it(name: str) -> None:
    source, expected = REPORTED[name]
    assert why(source) == expected


def test_awaited_blocking_code_of_unknown_origin_is_not_taken_for_an_asyncio_stream() -> None:
    source = (
        "import asyncio, socket\n"
        "async def send(data):\n    try:\n        await asyncio.to_thread(blocking_send, data)\n" + DROP
    )
    # Nothing in the module shows TLS: NFX104's (NFX101's with the module setting TLS up).
    assert [f.code for f in found(source)] == ["NFX104"]
    assert [f.code for f in found("import ssl\nCONTEXT = ssl.create_default_context()\n" + source)] == ["NFX101"]
    # An awaited asyncio stream call still never raises SSLEOFError.
    assert found(source.replace("asyncio.to_thread(blocking_send, data)", "writer.drain()")) == []


def make(root: Path, files: Dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


#: A handler on a socket made elsewhere, in a package whose other module wraps sockets
#: and imports it (so may hand it one).
PACKAGE = {
    "app/__init__.py": "",
    "app/tls.py": (
        "import socket, ssl\n\nfrom . import worker\n\n"
        "def dial(ctx, host):\n    return ctx.wrap_socket(socket.create_connection((host, 443)))\n"
    ),
    "app/worker.py": "import socket\n\n\ndef send(sock, data):\n    try:\n        sock.sendall(data)\n" + DROP,
}


def test_package_evidence_names_the_module_in_text_json_and_sarif(tmp_path: Path) -> None:
    make(tmp_path, PACKAGE)
    text = run("netfix-lint", ["--preview", "--no-cache", "app"], cwd=tmp_path).stdout
    assert "app/worker.py:7:5: NFX104" in text  # the package's evidence, not the module's
    linked = "the package wraps sockets in TLS in `app/tls.py`, a module linked to this one by imports"
    assert f"raises on Python 3.10+: {linked}" in text
    (finding,) = json.loads(
        run("netfix-lint", ["--preview", "--no-cache", "--format", "json", "app"], cwd=tmp_path).stdout
    )
    assert finding["related"] == [{"message": linked, "path": "app/tls.py", "location": None}]
    sarif = json.loads(run("netfix-lint", ["--preview", "--no-cache", "--format", "sarif", "app"], cwd=tmp_path).stdout)
    (result,) = sarif["runs"][0]["results"]
    (related,) = result["relatedLocations"]
    assert related["message"]["text"] == linked
    assert related["physicalLocation"]["artifactLocation"]["uri"] == "app/tls.py"
    assert "region" not in related["physicalLocation"]
    # Named from inside the package, the witness is named as the run names files.
    (inner,) = json.loads(
        run("netfix-lint", ["--preview", "--no-cache", "--format", "json", "worker.py"], cwd=tmp_path / "app").stdout
    )
    assert inner["related"][0]["path"] == "tls.py"


#: A request handler served over TLS by another module of its package (observer-ollama).
SERVED = {
    "proxy/__init__.py": "",
    "proxy/handler.py": (
        "from http.server import BaseHTTPRequestHandler\n\n\nclass Handler(BaseHTTPRequestHandler):\n"
        "    def do_GET(self):\n        try:\n            self.wfile.write(b'x')\n"
        "        except BrokenPipeError:\n            pass\n"
    ),
    "proxy/server.py": (
        "import ssl\nfrom http.server import HTTPServer\nfrom .handler import Handler\n\n\ndef serve(ctx):\n"
        "    httpd = HTTPServer(('', 8443), Handler)\n"
        "    httpd.socket = ctx.wrap_socket(httpd.socket, server_side=True)\n    httpd.serve_forever()\n"
    ),
}


def test_a_handler_served_by_a_tls_server_of_its_package_is_nfx101_through_the_cache(tmp_path: Path) -> None:
    make(tmp_path, SERVED)

    def check() -> List[Tuple[str, object]]:
        result = run("netfix-lint", ["--preview", "--format", "json", "proxy"], cwd=tmp_path)
        return [(f["code"], f["related"]) for f in json.loads(result.stdout)]

    served = [
        (
            "NFX101",
            [
                {
                    "message": "the handler class `Handler` serves the TLS server that `proxy/server.py` makes",
                    "path": "proxy/server.py",
                    "location": None,
                }
            ],
        )
    ]
    assert check() == served
    assert check() == served  # warm: the cached answer, confirmed
    # The server no longer wraps its socket: a warm run sees it, and the handler has only
    # the package's weaker evidence left.
    server = tmp_path / "proxy" / "server.py"
    server.write_text(server.read_text().replace("server_side=True", "do_handshake_on_connect=False"))
    assert [code for code, _ in check()] == ["NFX104"]


def test_evidence_with_a_line_and_through_the_cache(tmp_path: Path) -> None:
    make(tmp_path, {"m.py": REPORTED["wrapped in another method"][0]})
    first = run("netfix-lint", ["--preview", "--format", "json", "m.py"], cwd=tmp_path).stdout
    (finding,) = json.loads(first)
    assert finding["related"] == [
        {
            "message": "the socket comes from `ctx.wrap_socket()` (line 4)",
            "path": "m.py",
            "location": {"line": 4, "column": 1},
        }
    ]
    sarif = json.loads(
        run("netfix-lint", ["--preview", "--no-cache", "--format", "sarif", "m.py"], cwd=tmp_path).stdout
    )
    (related,) = sarif["runs"][0]["results"][0]["relatedLocations"]
    assert related["physicalLocation"]["region"] == {"startLine": 4}
    assert run("netfix-lint", ["--preview", "--format", "json", "m.py"], cwd=tmp_path).stdout == first  # from the cache


def test_package_evidence_follows_the_package_in_a_cached_run(tmp_path: Path) -> None:
    make(tmp_path, PACKAGE)
    assert "in `app/tls.py`" in run("netfix-lint", ["--preview", "app"], cwd=tmp_path).stdout
    (tmp_path / "app/tls.py").rename(tmp_path / "app/secure.py")
    assert "in `app/secure.py`" in run("netfix-lint", ["--preview", "app"], cwd=tmp_path).stdout


def test_an_errno_set_bound_in_the_function_is_followed() -> None:
    """pwntools' send_raw: the set is a local of the handler (a miss of blind round 1)."""
    source = (
        "import errno, ssl\n"
        "def send_raw(self, data):\n    sock = ssl.create_default_context().wrap_socket(self.raw)\n"
        "    try:\n        sock.sendall(data)\n    except IOError as e:\n"
        "        eof_numbers = (errno.EPIPE, errno.ECONNRESET, errno.ECONNREFUSED)\n"
        "        if e.errno in eof_numbers:\n            raise EOFError\n        raise\n"
    )
    assert [(f.code, f.line) for f in found(source)] == [("NFX103", 8)]
    # Bound twice, its value is not known: nothing is said.
    assert found(source.replace("        if e.errno", "        eof_numbers = ()\n        if e.errno")) == []


def test_a_reset_to_none_says_nothing_of_the_socket() -> None:
    """pwntools: ``self.sock = None`` on close, the socket itself set in another module."""
    source = (
        "import socket, ssl\nCTX = ssl.create_default_context()\n"
        "class Tube:\n    def close(self):\n        self.sock = None\n"
        "    def send(self, data):\n        try:\n            self.sock.sendall(data)\n"
        + DROP.replace("    ", "        ")
    )
    assert why(source) == ["this module sets TLS up (line 2) and the socket may be one it wraps"]


def test_a_builtin_re_exported_under_its_own_name_is_still_the_builtin() -> None:
    """urllib3-future's connection.py: ``BrokenPipeError = BrokenPipeError`` (a miss of
    blind round 2)."""
    source = (
        "import socket, ssl\nBrokenPipeError = BrokenPipeError\n"
        "def send(sock: ssl.SSLSocket, data):\n    try:\n        sock.sendall(data)\n"
        "    except BrokenPipeError:\n        pass\n"
    )
    assert why(source) == ["the socket is annotated `ssl.SSLSocket` (line 3)"]
    # Bound to something else, it is not.
    assert found(source.replace("BrokenPipeError = BrokenPipeError", "BrokenPipeError = OSError")) == []


def test_a_drop_clause_after_one_that_takes_ssl_eof_is_never_reached() -> None:
    """wampy (blind round 2): ``except OSError`` before ``except BrokenPipeError`` takes
    SSLEOFError (and every BrokenPipeError) first."""
    source = (
        "import ssl\ndef ping(sock: ssl.SSLSocket):\n    try:\n        sock.sendall(b'ping')\n"
        "    except OSError:\n        pass\n    except BrokenPipeError:\n        pass\n"
    )
    assert found(source) == []
    # After it, a later catch-all that does something else does not help: that is the
    # Werkzeug bug.
    swapped = (
        "import ssl\ndef ping(sock: ssl.SSLSocket):\n    try:\n        sock.sendall(b'ping')\n"
        "    except BrokenPipeError:\n        pass\n    except OSError:\n        raise\n"
    )
    assert [f.code for f in found(swapped)] == ["NFX101"]
    # One that does the same (both swallow it) loses nothing.
    assert found(swapped.replace("raise", "pass")) == []


def test_logging_calls_beside_a_plain_connect_are_no_io() -> None:
    from netfix_lint.rules.socket_origin import logs

    assert logs("log.debug") and logs("self.logger.info") and logs("logging.warning")
    assert not logs("self.log.send") and not logs("logger") and not logs("sock.sendall")
    source = (
        "import logging, socket\nlog = logging.getLogger(__name__)\n\n"
        "def dial(address):\n    try:\n        sock = socket.create_connection(address)\n"
        "        log.debug('connected')\n        return sock\n"
        "    except ConnectionResetError:\n        return None\n"
    )
    assert found(source) == []
    assert found(source.replace("log.debug('connected')", "log.send(b'hello')")) != []


def test_a_tuple_of_values_binds_each_name_to_its_own_element() -> None:
    """``a, b = x(), y()``: each name comes from its own element (a datagram socket here,
    so the drop clause around its send is quiet), not from the tuple as a whole."""
    source = (
        "import socket, ssl\nCTX = ssl.create_default_context()\n"
        "def ping(address):\n"
        "    sock, tries = socket.socket(socket.AF_INET, socket.SOCK_DGRAM), 3\n"
        "    try:\n        sock.send(b'ping')\n" + DROP
    )
    assert found(source) == []
    wrapped = source.replace("socket.socket(socket.AF_INET, socket.SOCK_DGRAM)", "CTX.wrap_socket(socket.socket())")
    assert [f.code for f in found(wrapped)] == ["NFX101"]


STILL_REPORTED = Path(__file__).with_name("data") / "still_reported"


@pytest.mark.parametrize("path", sorted(STILL_REPORTED.glob("*.py")), ids=lambda p: p.stem)
def test_the_model_steps_leave_real_misses_reported(path: Path) -> None:
    """Each place a first version of a quieting step hid (tests/data/still_reported)."""
    text = path.read_text()
    expected = [
        (number, line.split("# expect: ", 1)[1].strip())
        for number, line in enumerate(text.splitlines(), 1)
        if "# expect: " in line
    ]
    assert expected
    assert [(f.line, f.code) for f in found(text)] == expected


@pytest.mark.parametrize(
    ("text", "referenced"),
    [
        ("t = Thread(target=self.loop)\n", True),
        ("self.loop()\n", False),
        ("self.loop (\n)\n", False),
        ("x = 'self.loop'  # self.loop\n", False),
        ("self.looper = 1\n", False),
        ("callbacks = [self.loop,\n]\n", True),
    ],
)
def test_a_method_referenced_other_than_by_a_call(text: str, referenced: bool) -> None:
    from netfix_lint.rules.ssl_reach import _referenced

    assert _referenced(text, "loop") is referenced


WRAPS = {
    "ctx.wrap_socket(raw, server_hostname=host)": True,
    "ctx.wrap_socket(raw)": True,
    # Any ``server_side`` word keeps the module's writes reported (a helper of another
    # module may take it), even this client's.
    "ctx.wrap_socket(raw, server_side=False)": False,
    "ssl.wrap_socket(raw, key, cert)": True,
    "ctx.wrap_socket(raw, server_hostname=None, server_side=True)": False,
    "ctx.wrap_socket(raw, True)": False,
    "ctx.wrap_socket(raw, server_side=True)": False,
    "ctx.wrap_socket(raw, server_side=side)": False,
    "ctx.wrap_socket(raw, **options)": False,
    "ctx.wrap_socket(*args)": False,
    "ctx.wrap_socket(raw, server_hostname=host, **options)": False,
    "ctx.wrap_socket(raw, side, server_hostname=host)": False,
    "ctx.wrap_socket(raw, side, server_hostname='backend')": True,
    "make().wrap_socket(raw, True)": False,
    "ctx.ssl.wrap_socket(raw, key, cert)": False,
    "ssl.wrap_socket(raw, key, cert, True)": False,
}


@pytest.mark.parametrize("call", sorted(WRAPS))
def test_a_wrap_makes_a_client_only_when_it_must(call: str) -> None:
    """A request handler's writes in a module that runs its own plain server are quiet
    when every wrap the module makes can only be a client's (tunnelmate-cli's upstream
    socket); a wrap that may be server side (by position, by a variable, through
    ``**options``) may be the server's, and the writes stay reported."""
    source = (
        "import http.server, socket, ssl\n"
        "class Handler(http.server.BaseHTTPRequestHandler):\n"
        "    def do_GET(self):\n        try:\n            self.wfile.write(b'ok')\n"
        "        except BrokenPipeError:\n            pass\n"
        "def upstream(ctx, raw, host, key, cert, side, make, *args, **options):\n"
        f"    return {call}\n"
        "def main():\n    http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler).serve_forever()\n"
    )
    assert bool(found(source)) is not WRAPS[call]


def test_a_wrap_named_without_a_call_may_be_the_servers() -> None:
    """``wrap = ctx.wrap_socket`` then ``wrap(sock, True)``: a wrap the facts did not see
    called keeps the handler's writes reported."""
    source = (
        "import http.server, ssl\n"
        "class Handler(http.server.BaseHTTPRequestHandler):\n"
        "    def do_GET(self):\n        try:\n            self.wfile.write(b'ok')\n"
        "        except BrokenPipeError:\n            pass\n"
        "def main(ctx):\n    httpd = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)\n"
        "    wrap = ctx.wrap_socket\n    httpd.socket = wrap(httpd.socket, True)\n"
    )
    assert [f.code for f in found(source)] == ["NFX101"]


SHIM = "try:\n    BrokenPipeError = BrokenPipeError\nexcept NameError:\n    class BrokenPipeError(Exception):\n        pass\n"
TLS_SEND = (
    "import ssl, socket\n"
    "def send(host, data):\n    sock = ssl.create_default_context().wrap_socket(socket.create_connection((host, 443)),"
    " server_hostname=host)\n    try:\n        sock.sendall(data)\n    except BrokenPipeError:\n        pass\n"
)


@pytest.mark.parametrize(
    ("shim", "reported"),
    [
        (SHIM, True),
        # Another binding after the try: the name may be anything.
        (SHIM + "BrokenPipeError = OSError\n", False),
        # The body binds something else: on Python 3 it is that, whatever the clause does.
        (SHIM.replace("= BrokenPipeError\n", "= ConnectionError\n"), True),
        # A fallback outside a NameError clause may run on Python 3.
        (SHIM.replace("NameError", "Exception"), False),
        # A body that does more may fail on Python 3 (``unicode``), and the fallback run.
        (
            SHIM.replace(
                "    BrokenPipeError = BrokenPipeError\n", "    text = unicode\n    BrokenPipeError = BrokenPipeError\n"
            ),
            False,
        ),
        (
            SHIM.replace(
                "    BrokenPipeError = BrokenPipeError\n", "    BrokenPipeError = BrokenPipeError\n    text = str\n"
            ),
            True,
        ),
    ],
)
def test_a_python2_shim_re_exports_the_builtin(shim: str, reported: bool) -> None:
    """urllib3 1.26's ``try: BrokenPipeError = BrokenPipeError`` / ``except NameError:``
    stand-in class: on Python 3 the name is the builtin (the fallback runs only where it
    is missing), so a clause naming it is a drop handler."""
    assert bool(found(shim + TLS_SEND)) is reported


def test_a_client_wrap_beside_a_module_that_wraps_the_server(tmp_path: Path) -> None:
    """The proxy module wraps only its upstream socket, but another module of the package
    wraps the server's socket when asked (``server_side=tls``, or ``True`` by position):
    the handler's writes may be on TLS connections and stay reported."""
    for wrap in ("ctx.wrap_socket(httpd.socket, server_side=tls)", "ctx.wrap_socket(httpd.socket, True)"):
        package = tmp_path / wrap.split(",")[1].strip(" )=").replace("=", "_")
        make(
            package,
            {
                "app/__init__.py": "",
                "app/proxy.py": (
                    "import http.server, socket, ssl\n"
                    "class Handler(http.server.BaseHTTPRequestHandler):\n"
                    "    def do_GET(self):\n        try:\n            self.wfile.write(b'ok')\n"
                    "        except BrokenPipeError:\n            pass\n"
                    "def upstream(host):\n"
                    "    return ssl.create_default_context().wrap_socket(socket.create_connection((host, 443)),"
                    " server_hostname=host)\n"
                    "def make_server():\n    return http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)\n"
                ),
                "app/__main__.py": (
                    "import ssl\nfrom .proxy import make_server\n"
                    "def main(tls):\n    httpd = make_server()\n"
                    "    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)\n"
                    f"    httpd.socket = {wrap}\n    httpd.serve_forever()\n"
                ),
            },
        )
        out = run("netfix-lint", ["--preview", "--no-cache", "app"], cwd=package).stdout
        assert "app/proxy.py:6:9: NFX10" in out, (wrap, out)


LIBRARY_TRY = (
    "    try:\n        {body}\n    except {library}:\n        pass\n    except ConnectionResetError:\n        pass\n"
)


@pytest.mark.parametrize(
    ("head", "body", "library", "reported"),
    [
        # requests through a function the module cannot name: requests' I/O.
        ("CTX = ssl.create_default_context()\n", 'd["request"](url)', "requests.RequestException", False),
        # A class that says nothing of the network.
        ("CTX = ssl.create_default_context()\n", 'd["request"](url)', "requests.exceptions.JSONDecodeError", True),
        # A blocking TLS client's commands are named like no I/O.
        (
            "import xmlrpc.client\nproxy = xmlrpc.client.ServerProxy('https://h/')\n",
            'd["x"](url); proxy.store(url)',
            "requests.RequestException",
            True,
        ),
        (
            "import ftplib\nftp = ftplib.FTP_TLS('h')\n",
            'd["x"](url); ftp.storbinary("STOR x", url)',
            "requests.RequestException",
            True,
        ),
        # Every call named: the module's own, which writes to a TLS socket further down.
        (
            "class C:\n    def __init__(self):\n        self.sock = ssl.create_default_context().wrap_socket("
            "socket.create_connection(('h', 443)), server_hostname='h')\n"
            "    def a(self, x):\n        self.b(x)\n    def b(self, x):\n        self.sock.sendall(x)\n",
            "C().a(url)",
            "requests.RequestException",
            True,
        ),
    ],
)
def test_a_library_clause_says_whose_io_an_unnamed_call_is(head: str, body: str, library: str, reported: bool) -> None:
    """thingsboard-gateway's ``request_dict["request"](**params)`` beside ``except
    RequestException``: the try is requests' and quiet; not when the clause names no
    network error, when the module uses a blocking TLS client, or when the body's calls
    are all ones the module can name."""
    source = (
        "import socket, ssl\nimport requests\n"
        + head
        + "def f(d, url):\n"
        + LIBRARY_TRY.format(body=body, library=library)
    )
    assert bool(found(source)) is reported, found(source)


#: google-workspace-unlimited's retry (blind round 27): a Google API request's
#: ``execute`` handed to a thread, on a service handed in, in a function that catches the
#: client's HttpError.
GOOGLE = (
    "import asyncio\n"
    "async def send(service, params):\n"
    "    from googleapiclient.errors import HttpError\n"
    "    try:\n        return await asyncio.to_thread(service.spaces().messages().create(**params).execute)\n"
    "    except HttpError:\n        raise\n"
    "    except (TimeoutError, ConnectionError):\n        pass\n"
)
BUILD = "from googleapiclient.discovery import build\n"


def google(body: str, head: str = BUILD, setup: str = "") -> str:
    """A function whose ``try`` runs ``body`` under a drop clause."""
    return head + "def f(service, fh, db):\n" + setup + f"    try:\n        {body}\n" + DROP


@pytest.mark.parametrize(
    ("source", "evidence"),
    [
        (GOOGLE, "`execute()` sends a Google API request over HTTPS through httplib2"),
        # A chain from a service the module builds, in place or through a name.
        (
            google("service.files().list().execute()", setup="    service = build('drive', 'v3')\n"),
            "`execute()` on `service.files()...` sends a Google API request over HTTPS through httplib2,"
            " which lets ssl errors out: it comes from googleapiclient's `build()` (line 3)",
        ),
        (google("build('drive', 'v3').files().list().execute()"), "it comes from googleapiclient's `build()`"),
        (
            google("request.execute(num_retries=3)", setup="    request = build('d', 'v3').files().list()\n"),
            "`request.execute()` sends",
        ),
        # Paging: the request is bound twice, both from the service.
        (
            google(
                "while request is not None:\n            response = request.execute()\n"
                "            request = svc.files().list_next(request, response)",
                setup="    svc = build('d', 'v3')\n    request = svc.files().list()\n",
            ),
            "`request.execute()` sends",
        ),
        # A batch request, and a service stored on the object.
        (
            google("batch.execute()", setup="    svc = build('d', 'v3')\n    batch = svc.new_batch_http_request()\n"),
            "`batch.execute()` sends",
        ),
        (
            BUILD + "class Drive:\n    def __init__(self):\n        self.service = build('drive', 'v3')\n"
            "    def names(self):\n        try:\n            return self.service.files().list().execute()\n"
            "        except ConnectionError:\n            return None\n",
            "`execute()` on `self.service.files()...` sends",
        ),
        # The old alias, and a function of the module's own that builds the service.
        (
            google(
                "drive().files().list().execute()",
                head="from apiclient.discovery import build\ndef drive():\n    return build('d', 'v3')\n",
            ),
            "googleapiclient's `build()` (line 3)",
        ),
        # Handed to a thread, through a partial.
        (
            "import asyncio, functools\n" + BUILD + "async def f():\n    req = build('d', 'v3').files().list()\n"
            "    try:\n        await asyncio.get_running_loop().run_in_executor(None, functools.partial(req.execute, "
            "num_retries=2))\n" + DROP,
            "`req.execute()` sends",
        ),
        # A media download.
        (
            google(
                "down.next_chunk()",
                head="from googleapiclient.http import MediaIoBaseDownload\n",
                setup="    down = MediaIoBaseDownload(fh, service.files().get_media(fileId='x'))\n",
            ),
            "`down.next_chunk()` sends a Google API request over HTTPS through httplib2, which lets ssl errors out:"
            " it comes from googleapiclient's `MediaIoBaseDownload()` (line 3)",
        ),
        # Through a function of the module's own that the body runs in a thread.
        (
            "import asyncio\n" + BUILD + "SERVICE = build('drive', 'v3')\n"
            "def fetch():\n    return SERVICE.files().get(fileId='x').execute()\n"
            "async def f():\n    try:\n        await asyncio.to_thread(fetch)\n" + DROP,
            "`fetch()` writes to a TLS socket: `execute()` on `SERVICE.files()...` sends",
        ),
    ],
)
def test_a_google_api_request_is_blocking_tls(source: str, evidence: str) -> None:
    """httplib2 re-raises the socket's ssl errors, and ``execute()`` re-raises an
    SSLError once its retries (none by default) are spent: NFX101, saying so."""
    assert [f.code for f in found(source)] == ["NFX101"], source
    assert evidence in why(source)[0]


@pytest.mark.parametrize(
    "source",
    [
        # No googleapiclient in the module: an ``execute`` of anything.
        GOOGLE.replace("    from googleapiclient.errors import HttpError\n", "").replace("HttpError", "KeyError"),
        # A service handed in, in a function that names none of the client's errors.
        google("service.files().list().execute()"),
        # Databases: a cursor, a connection, an engine, a session, however chained.
        google("db.cursor().execute('x')"),
        google("cursor.execute('x')", setup="    cursor = db.cursor()\n"),
        google("sqlite3.connect('a.db').execute('x')", head=BUILD + "import sqlite3\n"),
        google("cur.execute('x')", head=BUILD + "import psycopg2\n", setup="    cur = psycopg2.connect('').cursor()\n"),
        google("engine.connect().execute(q)", setup="    engine = create_engine(url)\n"),
        "import asyncio\n"
        + BUILD
        + "async def f(db):\n    try:\n        await asyncio.to_thread(db.cursor().execute, 'x')\n"
        + DROP,
        # A command table, a pool, a base class's method.
        google("COMMANDS['x'].execute()"),
        google("get_pool().execute(job)"),
        BUILD + "class Base:\n    def execute(self, context):\n        return context\n"
        "class Op(Base):\n    def execute(self, context):\n        try:\n            super().execute(context)\n"
        "        except ConnectionError:\n            pass\n",
        # The module's own function that queries a database.
        BUILD + "import sqlite3\ndef query(sql):\n    return sqlite3.connect('a.db').execute(sql).fetchall()\n"
        "def f():\n    try:\n        query('x')\n" + DROP,
        # (A fresh-eyes review:) a function that catches HttpError around its Google
        # request says nothing of its database's execute in another try...
        "import sqlite3\nfrom googleapiclient.errors import HttpError\n"
        "def f(service):\n    conn = sqlite3.connect('a.db')\n"
        "    try:\n        service.files().list().execute()\n    except HttpError:\n        pass\n"
        "    try:\n        conn.execute('x')\n" + DROP,
        # ... nor does a Google chain elsewhere in the function make a cursor's chain one.
        google("db.cursor().execute('x')", setup="    files = build('d', 'v3').files().list().execute()\n"),
    ],
)
def test_other_executes_are_no_google_api_request(source: str) -> None:
    assert [f for f in found(source) if "Google API" in f.message] == []


@pytest.mark.parametrize("call", ["pool.get().sendall, data", "make().do_handshake"])
def test_a_method_of_a_calls_result_handed_to_a_thread_counts_as_called_there(call: str) -> None:
    """``asyncio.to_thread(pool.get().sendall, data)`` runs the same I/O as the call
    written in place: the same findings (NFX104's, with nothing in the module showing TLS)."""
    handed = (
        f"import asyncio, socket\nasync def f(pool, data):\n    try:\n        await asyncio.to_thread({call})\n" + DROP
    )
    function, _, arguments = call.partition(", ")
    direct = handed.replace(f"await asyncio.to_thread({call})", f"{function}({arguments})")
    assert [f.code for f in found(handed)] == [f.code for f in found(direct)] == ["NFX104"]


#: nexilume 0.51.1 (blind round 28): a TLS server's SSE writes, whose drop clause is
#: followed by a broad clause that stores something else.
SSE = (
    "import ssl\nCTX = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)\n"
    "def stream(request, chunks):\n    try:\n        for raw in chunks:\n"
    "            request.wfile.write(raw)\n            request.wfile.flush()\n"
    "    except (BrokenPipeError, ConnectionResetError):\n        {drop}\n"
    "    except Exception:\n        {broad}\n"
)


@pytest.mark.parametrize(
    ("drop", "broad", "reported"),
    [
        ("pass", "pass", False),
        ("log.info('gone: %s', request)", "log.info('failed: %s', request)", False),  # only the text differs
        # Quiet clauses that leave different state are not alike (a fresh-eyes review of
        # a step tried after round 28, reverted): nexilume's own shape stays reported.
        ("pass", "request.close_connection = True", True),
        ("request.connected = False", "pass", True),
        ("reconnect = True", "reconnect = False", True),
        ("pass", "request.failed = True", True),
        ("pass", "logger.exception('stream failed')", True),
        ("pass", "raise", True),
    ],
)
def test_a_later_clause_handles_the_tls_drop_alike_only_when_it_does_the_same(
    drop: str, broad: str, reported: bool
) -> None:
    codes = [f.code for f in found(SSE.format(drop=drop, broad=broad))]
    assert codes == (["NFX101"] if reported else []), (drop, broad, codes)


@pytest.mark.parametrize(
    ("body", "reported"),
    [
        ("super().shutdown(how)", False),
        ("super().close()", False),
        ("super().sendall(data)", True),
    ],
)
@pytest.mark.parametrize("base", ["socket.socket", "io.BufferedWriter"])
def test_super_only_finds_the_method(body: str, reported: bool, base: str) -> None:
    """nexilume 0.51.1 (blind round 28): ``super().shutdown(how)`` in a socket subclass,
    in a module that sets TLS up, closes as ``sock.shutdown(how)`` does. In another class
    ``super().close()`` may flush a buffer to a TLS socket (a fresh-eyes review)."""
    if base != "socket.socket":
        reported = True
    source = (
        f"import io, socket, ssl\nCTX = ssl.create_default_context()\nclass S({base}):\n"
        f"    def f(self, how, data):\n        try:\n            {body}\n"
        "        except ConnectionResetError:\n            pass\n"
    )
    assert bool([f for f in found(source) if f.code == "NFX101"]) is reported


#: toolrecall (blind round 28): a listener accepts and hands each connection to a handler
#: through an executor; the module does TLS in another handler.
HANDED = (
    "import socket, ssl, threading\nfrom concurrent.futures import ThreadPoolExecutor\n"
    "from .transport import create_socket, send_message\n\n"
    "class Daemon:\n    def start(self, path):\n        self._executor = ThreadPoolExecutor()\n"
    "        self._server = {listener}\n"
    "        while True:\n            conn, addr = self._server.accept()\n            {hand}\n\n"
    "    def _handle(self, conn: socket.socket):\n        try:\n            conn.settimeout(3)\n"
    "            {write}\n"
    "        except (ConnectionResetError, BrokenPipeError):\n            pass\n\n"
    "    def _handle_tcp(self, conn, ctx):\n        conn = ctx.wrap_socket(conn, server_side=True)\n"
    "        send_message(conn, b'y')\n{more}"
)
TRANSPORT = (
    "import socket\n\ndef create_socket(path):\n    if path.startswith('tcp:'):\n"
    "        return socket.socket(socket.AF_INET, socket.SOCK_STREAM)\n"
    "    return socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)\n\n"
    "def send_message(sock, data):\n    sock.sendall(data)\n\n"
    "def prepare(sock):\n    sock.listen(5)\n    return sock\n\n"
    "def local_listener(path):\n    return prepare(socket.socket(socket.AF_UNIX))\n"
)
SUBMIT = "self._executor.submit(self._handle, conn)"
WRITE = "conn.sendall(b'x')"
CTX = "ssl.create_default_context()"


@pytest.mark.parametrize(
    ("listener", "hand", "write", "more", "evidence"),
    [
        # Every way the handler is called passes a socket accepted from a plain listener
        # made by the package's create_socket: quiet.
        ("create_socket(path)", SUBMIT, WRITE, "", None),
        ("create_socket(path)", "threading.Thread(target=self._handle, args=(conn,)).start()", WRITE, "", None),
        ("create_socket(path)", "self._handle(conn)", WRITE, "", None),
        # The listener is wrapped here: the message says how the socket reaches the body.
        (
            f"{CTX}.wrap_socket(create_socket(path), server_side=True)",
            SUBMIT,
            WRITE,
            "",
            "`self._handle` is run by `self._executor.submit()` (line 11) with `conn`: accepted from a TLS listener",
        ),
        # Wrapped here, then given to another module's function that returns its argument:
        # that function's own callers there say nothing of this call (review of 1b5abd7).
        (f"prepare({CTX}.wrap_socket(create_socket(path), server_side=True))", SUBMIT, WRITE, "", "sets TLS up"),
        # Handed on somewhere else too (unseen callers may pass anything): the module's TLS.
        (
            "create_socket(path)",
            SUBMIT,
            WRITE,
            "    def hook(self, s):\n        s.on_accept = self._handle\n",
            "sets TLS",
        ),
        (
            "create_socket(path)",
            SUBMIT,
            WRITE,
            "    def hook(self):\n        getattr(self, '_handle')(1)\n",
            "sets TLS",
        ),
        # Another call passes what the walk cannot tell, or nothing (the default): the
        # module's TLS.
        (
            "create_socket(path)",
            SUBMIT,
            WRITE,
            "    def again(self, other):\n        self._handle(other)\n",
            "sets TLS",
        ),
        ("create_socket(path)", SUBMIT, WRITE, "    def again(self):\n        self._handle()\n", "sets TLS"),
        # The body hands the socket to the package's helper, which writes to it (toolrecall).
        ("create_socket(path)", SUBMIT, "send_message(conn, b'x')", "", None),
        # ... but also writes to a receiver the walk cannot tell: the module's TLS.
        ("create_socket(path)", SUBMIT, "send_message(conn, b'x'); self.peer.sendall(b'x')", "", "sets TLS"),
        # A TLS listener: the helper writes to a TLS socket.
        (
            f"{CTX}.wrap_socket(create_socket(path), server_side=True)",
            SUBMIT,
            "send_message(conn, b'x')",
            "",
            "`send_message()` (line 16) writes to `conn`, `self._handle` is run by `self._executor.submit()`",
        ),
    ],
)
def test_a_parameter_is_the_socket_every_caller_passes(
    tmp_path: Path, listener: str, hand: str, write: str, more: str, evidence: Optional[str]
) -> None:
    daemon = HANDED.format(listener=listener, hand=hand, write=write, more=more)
    make(tmp_path, {"d/__init__.py": "", "d/transport.py": TRANSPORT, "d/daemon.py": daemon})
    out = run("netfix-lint", ["--preview", "--no-cache", "--select", "NFX101", "d"], cwd=tmp_path).stdout
    if evidence is None:
        assert "NFX101" not in out, out
    else:
        assert "d/daemon.py:17:" in out and evidence in out, out


def test_a_public_function_is_called_from_other_modules_too(tmp_path: Path) -> None:
    # Its module passes it a plain socket; another module passes a TLS one.
    handler = (
        "import socket, ssl\n\nCTX = ssl.create_default_context()\n\n"
        "def handle(conn, data):\n    try:\n        conn.sendall(data)\n" + DROP + "\n"
        "def serve_local(path):\n    listener = socket.socket(socket.AF_UNIX)\n    conn, _ = listener.accept()\n"
        "    handle(conn, b'hi')\n"
    )
    server = (
        "import socket, ssl\nfrom .handler import handle\n\n"
        "def serve(port, ctx):\n    conn, _ = ctx.wrap_socket(socket.create_server(('', port))).accept()\n"
        "    handle(conn, b'hi')\n"
    )
    make(tmp_path, {"p/__init__.py": "", "p/handler.py": handler, "p/server.py": server})
    out = run("netfix-lint", ["--preview", "--no-cache", "--select", "NFX101", "p"], cwd=tmp_path).stdout
    assert "p/handler.py:8:" in out, out
    # A private one (or one nested in a function) is its module's alone.
    private = handler.replace("handle(", "_handle(")
    make(tmp_path, {"p/handler.py": private, "p/server.py": "import socket\n"})
    assert (
        "NFX101" not in run("netfix-lint", ["--preview", "--no-cache", "--select", "NFX101", "p"], cwd=tmp_path).stdout
    )


@pytest.mark.parametrize("first", ["ping", "pong"])
def test_calls_back_and_forth_give_the_same_answer_whichever_is_defined_first(first: str) -> None:
    def function(name: str, other: str) -> str:
        return (
            f"def {name}(conn, n):\n    try:\n        conn.sendall(b'{name}')\n{DROP}"
            f"    if n:\n        {other}(conn, n - 1)\n\n"
        )

    second = "pong" if first == "ping" else "ping"
    source = (
        "import socket, ssl\nCTX = ssl.create_default_context()\n\n"
        "def open_tls(host):\n    return CTX.wrap_socket(socket.create_connection((host, 443)), server_hostname=host)\n\n"
        + function(first, second)
        + function(second, first)
        + "def main(host, n):\n    s = socket.socket(socket.AF_UNIX)\n    ping(s, n)\n    t = open_tls(host)\n    pong(t, n)\n"
    )
    evidence = why(source)
    assert len(evidence) == 2 and all("`pong(t)` (line" in e and "CTX.wrap_socket()" in e for e in evidence), evidence


def test_a_socket_handed_to_a_thread_names_the_hand_off_as_evidence() -> None:
    source = (
        "import socket, ssl, threading\n\nCTX = ssl.create_default_context()\n\n"
        "def serve(port):\n    listener = CTX.wrap_socket(socket.create_server(('', port)), server_side=True)\n"
        "    while True:\n        conn, _ = listener.accept()\n"
        "        threading.Thread(target=_handle, args=(conn, b'hi')).start()\n\n"
        "def _handle(conn, greeting):\n    try:\n        conn.sendall(greeting)\n" + DROP
    )
    (evidence,) = why(source)
    assert evidence.startswith(
        "`_handle` is run by `threading.Thread()` (line 9) with `conn`: accepted from a TLS listener"
    ), evidence
    # Every hand-off passes a plain socket: quiet.
    plain = source.replace(
        "CTX.wrap_socket(socket.create_server(('', port)), server_side=True)", "socket.create_server(('', port))"
    )
    assert why(plain) == []


def test_a_helper_that_writes_to_a_tls_socket_it_is_given(tmp_path: Path) -> None:
    # The body only touches the client's plain socket; the package's relay() writes to
    # the TLS upstream it is handed too (review of 1b5abd7).
    server = (
        "import socket, ssl\nfrom .transport import relay\n\nCTX = ssl.create_default_context()\n\n"
        "def serve(port, upstream):\n    lst = socket.create_server(('', port))\n    while True:\n"
        "        conn, _ = lst.accept()\n"
        "        up = CTX.wrap_socket(socket.create_connection((upstream, 443)), server_hostname=upstream)\n"
        "        try:\n            conn.settimeout(5)\n            relay(conn, up)\n"
        "        except (ConnectionResetError, BrokenPipeError):\n            pass\n"
    )
    transport = "def relay(src, dst):\n    dst.sendall(src.recv(4096))\n"
    make(tmp_path, {"p/__init__.py": "", "p/server.py": server, "p/transport.py": transport})
    out = run("netfix-lint", ["--preview", "--no-cache", "--select", "NFX101", "p"], cwd=tmp_path).stdout
    assert "p/server.py:14:" in out and "`relay()` (line 13) writes to `up`, the socket comes from" in out, out
    # Only the client's plain socket is written to: quiet.
    make(tmp_path, {"p/transport.py": "def relay(src, dst):\n    src.sendall(dst.recv(4096))\n"})
    assert (
        "NFX101" not in run("netfix-lint", ["--preview", "--no-cache", "--select", "NFX101", "p"], cwd=tmp_path).stdout
    )


#: A TLS-terminating relay's loop (review of d4fde1f): the client's socket is plain, the
#: upstream's TLS; the try body hands them to the package's helpers.
RELAY = (
    "import socket, ssl\nfrom . import transport\nfrom .transport import relay, send\n\n"
    "CTX = ssl.create_default_context()\n\n"
    "def serve(port, upstream):\n    lst = socket.create_server(('', port))\n    while True:\n"
    "        conn, _ = lst.accept()\n"
    "        up = CTX.wrap_socket(socket.create_connection((upstream, 443)), server_hostname=upstream)\n"
    "        try:\n            {body}\n        except (ConnectionResetError, BrokenPipeError):\n            pass\n"
)
HELPERS = (
    "import ssl\n\nUP = ssl.create_default_context().wrap_socket(None)\n\n"
    "def relay(src, dst):\n    dst.sendall(src.recv(4096))\n\n"
    "def send(sock, data, mirror=None):\n    sock.sendall(data)\n\n"
    "def send_wrapped(sock, data):\n    sock = ssl.create_default_context().wrap_socket(sock, server_side=True)\n"
    "    sock.sendall(data)\n\n"
    "def send_both(sock, data):\n    sock.sendall(data)\n    UP.sendall(data)\n\n"
    "def flush_upstream():\n    UP.sendall(b'')\n\n"
    "def push(sock, data):\n    try:\n        sock.sendall(data)\n    except OSError:\n        pass\n"
)


@pytest.mark.parametrize(
    ("body", "reported"),
    [
        ("send(conn, b'x')", False),
        ("relay(conn, up)", True),
        # What the body passes cannot all be told: a keyword, ``*args``.
        ("relay(conn, dst=up)", True),
        ("relay(conn, *[up])", True),
        # The helper rebinds its parameter (a wrap), or writes to a TLS socket of its own.
        ("transport.send_wrapped(conn, b'x')", True),
        ("transport.send_both(conn, b'x')", True),
        # Another function of the package that the body calls writes somewhere else.
        ("send(conn, b'x'); transport.flush_upstream()", True),
        # A helper that catches what the socket raises lets nothing reach the clause.
        ("send(conn, b'x'); transport.push(up, b'x')", False),
    ],
)
def test_sockets_handed_to_the_packages_helpers(tmp_path: Path, body: str, reported: bool) -> None:
    make(tmp_path, {"p/__init__.py": "", "p/server.py": RELAY.format(body=body), "p/transport.py": HELPERS})
    out = run("netfix-lint", ["--preview", "--no-cache", "--select", "NFX101", "p"], cwd=tmp_path).stdout
    assert ("p/server.py:14:" in out) == reported, out


def test_a_helper_method_a_subclass_overrides_is_not_read() -> None:
    source = (
        "import socket, ssl\n\nCTX = ssl.create_default_context()\n\n"
        "class Daemon:\n    def _send(self, sock, data):\n        sock.sendall(data)\n\n"
        "    def serve(self):\n        lst = socket.socket(socket.AF_UNIX)\n        conn, _ = lst.accept()\n"
        "        try:\n            self._send(conn, b'x')\n" + DROP.replace("    ", "        ") + "\n"
        "class TlsDaemon(Daemon):\n    def _send(self, sock, data):\n"
        "        CTX.wrap_socket(sock, server_side=True).sendall(data)\n"
    )
    assert len(why(source)) == 1
    assert why(source.split("class TlsDaemon")[0]) == []


#: salmalm (blind round 29): the handler's clause is around a method of its own that
#: writes the response; the TLS server imports the class from the package above its module.
SERVED_ABOVE = {
    "app/__init__.py": "",
    "app/web/__init__.py": "from .handler import Handler\n",
    "app/web/handler.py": (
        "import http.server\n\nclass Handler(http.server.BaseHTTPRequestHandler):\n"
        "    def do_GET(self):\n        try:\n            self._inner()\n" + DROP.replace("    ", "        ") + "\n"
        "    def _inner(self):\n{inner}"
    ),
    "app/boot.py": (
        "import http.server, ssl\nfrom app.web import Handler\n\n"
        "def main(ctx):\n    server = http.server.ThreadingHTTPServer(('', 443), Handler)\n"
        "    server.socket = ctx.wrap_socket(server.socket, server_side=True)\n    server.serve_forever()\n"
    ),
}


@pytest.mark.parametrize(
    ("inner", "served"),
    [
        ("        self._json(b'{}')\n\n    def _json(self, body):\n        self.wfile.write(body)\n", True),
        # The method catches what the socket raises itself: nothing reaches the clause from it.
        (
            "        try:\n            self.wfile.write(b'x')\n        except OSError:\n            pass\n",
            False,
        ),
        # The class writes to a buffer of its own, not to the connection (review of d6e8524).
        (
            "        self.wfile.write(b'x')\n\n    def setup(self):\n        super().setup()\n"
            "        self.wfile = io.BytesIO()\n",
            False,
        ),
    ],
)
def test_a_handler_writes_through_its_own_methods_to_a_tls_server_s_connection(
    tmp_path: Path, inner: str, served: bool
) -> None:
    handler = "import io\n" + SERVED_ABOVE["app/web/handler.py"].format(inner=inner)
    make(tmp_path, {**SERVED_ABOVE, "app/web/handler.py": handler})
    out = run("netfix-lint", ["--preview", "--no-cache", "--select", "NFX101", "app"], cwd=tmp_path).stdout
    evidence = "the handler class `Handler` serves the TLS server that `app/boot.py` makes"
    assert (evidence in out) == served, out


def test_a_class_imported_from_a_package_above_is_this_module_s_only_if_no_other_has_its_name(
    tmp_path: Path,
) -> None:
    inner = "        self.wfile.write(b'x')\n"
    make(tmp_path, {**SERVED_ABOVE, "app/web/handler.py": SERVED_ABOVE["app/web/handler.py"].format(inner=inner)})
    make(
        tmp_path,
        {"app/web/secure.py": "import http.server\n\nclass Handler(http.server.BaseHTTPRequestHandler):\n    pass\n"},
    )
    out = run("netfix-lint", ["--preview", "--no-cache", "--select", "NFX101", "app"], cwd=tmp_path).stdout
    assert "serves the TLS server" not in out, out


SERVER_RUNS_HANDLER = """import socket
import ssl
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Server(ThreadingHTTPServer):
    def __init__(self, address, handler, context):
        super().__init__(address, handler)
        self.ssl_context = context

    def handle_error(self, request, client_address):
        if sys.exc_info()[0] in (BrokenPipeError, ConnectionResetError):
            return
        super().handle_error(request, client_address)

    def finish_request(self, request, client_address):
        try:
            tls_sock = self.ssl_context.wrap_socket(request, server_side=True)
            self.RequestHandlerClass(tls_sock, client_address, self)
        except (ssl.SSLError, socket.timeout, ConnectionResetError):
            pass


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        try:
            self.wfile.write(b"HTTP/1.1 204 No Content\\r\\n\\r\\n")
        except (BrokenPipeError, ConnectionResetError):
            return


def main(context):
    Server(("", 8443), Handler, context).serve_forever()
"""


@pytest.mark.parametrize(
    "source, lines",
    [
        (SERVER_RUNS_HANDLER, []),
        # The server's try takes no TLS error: handle_error prints the traceback.
        (SERVER_RUNS_HANDLER.replace("except (ssl.SSLError, socket.timeout, ", "except (socket.timeout, "), [21, 29]),
        # The handler class also runs outside such a try.
        (
            SERVER_RUNS_HANDLER.replace(
                "            pass\n",
                "            pass\n        self.RequestHandlerClass(request, client_address, self)\n",
                1,
            ),
            [30],
        ),
        # The TLS clause raises the error again, or hands it to handle_error: it goes on.
        (SERVER_RUNS_HANDLER.replace("            pass\n", "            raise\n", 1), [29]),
        (
            SERVER_RUNS_HANDLER.replace(
                "            pass\n", "            self.handle_error(request, client_address)\n", 1
            ),
            [29],
        ),
    ],
    ids=["under-tls-clause", "no-tls-clause", "also-outside", "re-raised", "handed-on"],
)
def test_a_server_that_runs_its_handler_class_under_a_tls_clause(source: str, lines: List[int]) -> None:
    # clipto 0.3.2 (blind round 32): finish_request wraps each accepted socket and runs
    # self.RequestHandlerClass(tls_sock, ...) under `except (ssl.SSLError, ...): pass`, so
    # an SSLEOFError that leaves do_GET ends there, as quietly as the drop.
    assert [f.line for f in found(source)] == lines


#: clipto 0.3.2 (blind round 32): the server wraps each accepted socket itself, and its
#: plain branch, under the code's own switch, guards the raw socket.
SWITCHED = (
    "import socket, socketserver, ssl\n\n\n"
    "class Server(socketserver.ThreadingTCPServer):\n"
    "    is_ssl = False\n    ssl_context = None\n\n"
    "    def finish_request(self, request, client_address):\n"
    "        if TEST:\n"
    "            try:\n                super().finish_request(request, client_address)\n"
    "            except (BrokenPipeError, ConnectionResetError):\n                pass\n"
    "            return\n"
    "        tls = self.ssl_context.wrap_socket(request, server_side=True)\n"
    "        tls.sendall(b'hello')\n"
)


@pytest.mark.parametrize(
    ("test", "reported"),
    [
        ("not self.is_ssl or not self.ssl_context", False),
        ("self.ssl_context is None", False),
        ("not use_tls and request", False),
        ("self.is_ssl is False", False),
        # Not read: `is True` (`ssl=` may hold a context), a number, another object's flag.
        ("self.is_ssl != True", True),
        ("self.ssl == 0", True),
        ("not self.backend.ssl", True),
        # Not the switch alone: TLS may be on where the test holds.
        ("not self.is_ssl or request", True),
        ("self.is_ssl or not request", True),
        ("not self.verify", True),
        ("self.ssl_context is not None", True),
        ("self.scheme == 'http'", True),
    ],
)
def test_a_branch_that_runs_only_with_the_code_s_tls_switch_off(test: str, reported: bool) -> None:
    source = SWITCHED.replace("TEST", test).replace("use_tls", "self.use_tls")
    assert [f.line for f in found(source) if f.code == "NFX101"] == ([12] if reported else [])


def test_the_else_of_a_tls_switch_and_a_tls_socket_in_a_plain_branch() -> None:
    body = (
        "        try:\n            sock.sendall(data)\n"
        "        except (BrokenPipeError, ConnectionResetError):\n            pass\n"
    )
    source = (
        "import socket, ssl\n\n\ndef send(sock, data, use_tls):\n"
        "    if use_tls:\n        ssl.create_default_context().wrap_socket(sock).sendall(data)\n"
        "    else:\n" + body
    )
    assert [f.code for f in found(source)] == []
    # `elif` under the switch's else is plain too; a body the test holds in is not.
    assert [f.line for f in found(source.replace("    else:\n", "    elif data:\n"))] == []
    flipped = source.replace("    if use_tls:\n", "    if not use_tls:\n")
    assert [(f.code, f.line) for f in found(flipped)] == [("NFX101", 10)]
    # The code's switch says plain, but this socket is known to be a TLS one: reported.
    wrapped = (
        "import socket, ssl\n\n\ndef send(host, data, tls):\n"
        "    sock = ssl.create_default_context().wrap_socket(socket.create_connection((host, 443)))\n"
        "    if not tls:\n" + body
    )
    assert [(f.code, f.line) for f in found(wrapped)] == [("NFX101", 9)]


TRY = (
    "        try:\n            sock.sendall(b'EHLO x')\n"
    "        except (BrokenPipeError, ConnectionResetError):\n            pass\n"
)


@pytest.mark.parametrize(
    ("branch", "inside"),
    [
        # A fresh-eyes review of ce3fd63: STARTTLS under the implicit-TLS switch's plain
        # branch (Django's and Flask-Mail's use_ssl / use_tls).
        ("        if not self.use_ssl:\n            if self.use_tls:\n                sock = starttls(sock)\n", True),
        # (inside the last `else`, neither switch is on: plain)
        (
            "        if self.use_ssl:\n            pass\n        elif self.use_tls:\n            sock = starttls(sock)\n"
            "        else:\n            sock.sendall(b'')\n",
            False,
        ),
        # `ssl_context is None` may mean the default context, made in the branch.
        (
            "        if self.ssl_context is None:\n            sock = ssl.create_default_context().wrap_socket(sock)\n",
            True,
        ),
    ],
)
def test_a_branch_that_tests_the_switch_again_or_makes_tls_is_not_plain(branch: str, inside: bool) -> None:
    head = "import socket, ssl\nfrom .util import starttls\n\n\nclass Client:\n    def hello(self, sock):\n"
    # The try inside the branch (indented under it) and after it.
    nested = head + branch + TRY.replace("\n        ", "\n            ").replace("        try", "            try", 1)
    for source, reported in ((nested, inside), (head + branch + TRY, True)):
        compile(source, "client.py", "exec")
        assert [f.code for f in found(source)] == (["NFX101"] if reported else []), source
