"""What a module's package does with TLS decides whether its drop handlers can see
ssl.SSLEOFError (netfix_lint/package_tls.py): real packages on disk, through the real
``netfix-lint`` and ``flake8`` executables, the cache included."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, List, Set, Tuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netfix_lint import check_source, package, package_tls
from netfix_lint.settings import Settings

from .conftest import run

#: sanic's worker-state handler (a manager proxy) in a module that also imports socket
#: and ssl: alone, nothing tells it from a TLS drop handler.
WORKERS = (
    "import socket\nfrom ssl import SSLContext\n\n\n"
    "def process_states(state):\n"
    "    try:\n"
    "        return list(state.values())\n"
    "    except (BrokenPipeError, ConnectionResetError, EOFError):\n"
    "        return []\n"
)
ERRNO_WORKERS = (
    "import errno\nimport socket\nfrom ssl import SSLContext\n\n\n"
    "def send(sock, data):\n"
    "    try:\n"
    "        sock.sendall(data)\n"
    "    except OSError as e:\n"
    "        if e.errno != errno.EPIPE:\n"
    "            raise\n"
)
ASYNCIO_TLS = (
    "import asyncio\nimport ssl\n\n\n"
    "def context(cert, key):\n"
    "    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)\n"
    "    ctx.load_cert_chain(cert, key)\n"
    "    return ctx\n\n\n"
    "async def serve(handle, cert, key):\n"
    "    return await asyncio.start_server(handle, '', 8443, ssl=context(cert, key))\n"
)
BLOCKING_TLS = (
    "import socket\nimport ssl\n\n\n"
    "def listen(ctx):\n"
    "    return ctx.wrap_socket(socket.create_server(('', 8443)), server_side=True)\n"
)
URLOPEN = "from urllib.request import urlopen\n\n\ndef fetch(url):\n    return urlopen(url).read()\n"


def make(root: Path, files: Dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def reported(cwd: Path, *args: str) -> List[str]:
    result = run("netfix-lint", ["--preview", "--no-cache", *args], cwd=cwd)
    assert result.returncode in (0, 1), result.stderr
    return sorted(line.split(": ", 1)[0] for line in result.stdout.splitlines() if ": NFX" in line)


def test_a_package_whose_tls_is_asyncio_only_keeps_its_drop_handlers_quiet(tmp_path: Path) -> None:
    make(tmp_path, {"app/__init__.py": "", "app/tls.py": ASYNCIO_TLS, "app/workers.py": WORKERS})
    assert reported(tmp_path, "app") == []
    # The same module alone, or in a package with no TLS at all, is reported: its
    # context may go to a caller that wraps a socket; a library may be handed one.
    make(tmp_path, {"alone/workers.py": WORKERS, "lib/__init__.py": "", "lib/workers.py": WORKERS})
    assert reported(tmp_path, "alone", "lib") == ["alone/workers.py:8:5", "lib/workers.py:8:5"]


@pytest.mark.parametrize(
    "files",
    [
        {"app/serve.py": BLOCKING_TLS},  # a wrapped socket may reach any module
        {"app/sub/__init__.py": "", "app/sub/deep.py": BLOCKING_TLS},  # anywhere in the package
        {"app/client.py": "import ssl\nfrom websocket import create_connection\n"},  # websocket-client
        {"app/mail.py": "import smtplib\ndef send(host):\n    return smtplib.SMTP_SSL(host)\n"},
    ],
)
def test_blocking_tls_anywhere_in_the_package_keeps_them_reported(tmp_path: Path, files: Dict[str, str]) -> None:
    make(tmp_path, {"app/__init__.py": "", "app/tls.py": ASYNCIO_TLS, "app/workers.py": WORKERS, **files})
    assert reported(tmp_path, "app/workers.py") == ["app/workers.py:8:5"]


def test_what_makes_the_verdict(tmp_path: Path) -> None:
    """Positive evidence only: a context handed to an event loop, outside the tests."""
    make(tmp_path, {"app/__init__.py": "", "app/workers.py": WORKERS})
    # A context made for callers to wrap their sockets with is no evidence.
    make(tmp_path, {"app/tls.py": "import ssl\n\ndef client_context():\n    return ssl.create_default_context()\n"})
    assert reported(tmp_path, "app") == ["app/workers.py:8:5"]
    # Nor are tests that serve over asyncio TLS.
    make(tmp_path, {"app/tests/__init__.py": "", "app/tests/test_serve.py": ASYNCIO_TLS})
    assert reported(tmp_path, "app") == ["app/workers.py:8:5"]
    # The package's own asyncio server is.
    make(tmp_path, {"app/serve.py": ASYNCIO_TLS})
    assert reported(tmp_path, "app") == []
    # urllib.request wraps a failed request, the TLS handshake included, in URLError.
    make(tmp_path, {"app/inspect.py": URLOPEN})
    assert reported(tmp_path, "app") == []
    # A test that wraps a socket is blocking TLS all the same.
    make(tmp_path, {"app/tests/test_serve.py": BLOCKING_TLS})
    assert reported(tmp_path, "app") == ["app/workers.py:8:5"]


@pytest.mark.parametrize(
    "client",
    [
        "import xmlrpc.client\n\ndef call(url, ctx):\n    return xmlrpc.client.ServerProxy(url, context=ctx)\n",
        "from xmlrpc.client import ServerProxy\n",
        "import ssl\n\ndef pem(host):\n    return ssl.get_server_certificate((host, 443))\n",
        "from websockets.sync.client import connect\n",
        "from pymemcache.client.base import Client\n\ndef cache(ctx):\n    return Client('h', tls_context=ctx)\n",
    ],
)
def test_blocking_clients_that_let_ssl_errors_out_count(tmp_path: Path, client: str) -> None:
    make(
        tmp_path,
        {"app/__init__.py": "", "app/serve.py": ASYNCIO_TLS, "app/workers.py": WORKERS, "app/client.py": client},
    )
    assert reported(tmp_path, "app") == ["app/workers.py:8:5"]


def test_a_linked_folder_and_a_hash_in_a_string(tmp_path: Path) -> None:
    make(tmp_path, {"app/__init__.py": "", "app/serve.py": ASYNCIO_TLS, "app/workers.py": WORKERS})
    make(tmp_path, {"shared/transport/__init__.py": "", "shared/transport/tls.py": BLOCKING_TLS})
    os.symlink(tmp_path / "shared/transport", tmp_path / "app/transport")
    assert reported(tmp_path, "app/workers.py") == ["app/workers.py:8:5"]
    (tmp_path / "app/transport").unlink()
    assert reported(tmp_path, "app/workers.py") == []
    make(tmp_path, {"app/log.py": 'def f(ctx, raw, n):\n    print("conn #%d" % n); return ctx.wrap_socket(raw)\n'})
    assert reported(tmp_path, "app/workers.py") == ["app/workers.py:8:5"]


def test_comments_show_nothing_and_errno_tests_follow_the_same_verdict(tmp_path: Path) -> None:
    make(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/tls.py": ASYNCIO_TLS + "# not here: ctx.wrap_socket(sock)\n",
            "app/workers.py": ERRNO_WORKERS,
        },
    )
    assert reported(tmp_path, "--select", "NFX103", "app") == []
    make(tmp_path, {"app/serve.py": BLOCKING_TLS})
    assert reported(tmp_path, "--select", "NFX103", "app") == ["app/workers.py:10:12"]


def test_flake8_and_stdin_see_the_package_too(tmp_path: Path) -> None:
    make(tmp_path, {"app/__init__.py": "", "app/tls.py": ASYNCIO_TLS, "app/workers.py": WORKERS})
    result = run("flake8", ["--isolated", "--select", "NFX", "app"], cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "")
    # The text on stdin is the module's, whatever the file on disk says.
    text = (WORKERS + BLOCKING_TLS.replace("import socket\nimport ssl\n", "")).encode()
    result = run("netfix-lint", ["--preview", "--stdin-filename", "app/workers.py", "-"], cwd=tmp_path, stdin=text)
    assert result.returncode == 1 and "app/workers.py:8:5: NFX101" in result.stdout
    result = run(
        "netfix-lint", ["--preview", "--stdin-filename", "app/workers.py", "-"], cwd=tmp_path, stdin=WORKERS.encode()
    )
    assert result.returncode == 0 and "NFX" not in result.stdout


def test_a_cached_result_follows_a_change_elsewhere_in_the_package(tmp_path: Path) -> None:
    make(tmp_path, {"app/__init__.py": "", "app/tls.py": ASYNCIO_TLS, "app/workers.py": WORKERS})

    def check() -> List[str]:
        result = run("netfix-lint", ["--preview", "app"], cwd=tmp_path)
        return [line.split(": ", 1)[0] for line in result.stdout.splitlines() if ": NFX" in line]

    assert check() == [] and check() == []
    (tmp_path / "app/serve.py").write_text(BLOCKING_TLS)  # workers.py itself is unchanged
    assert check() == ["app/workers.py:8:5"]
    assert check() == ["app/workers.py:8:5"]
    (tmp_path / "app/serve.py").unlink()
    assert check() == []
    # Outside a package first: the package made around it later counts too.
    (tmp_path / "app/__init__.py").unlink()
    assert check() == ["app/workers.py:8:5"]
    (tmp_path / "app/__init__.py").write_text("")
    assert check() == []


def _age(root: Path) -> None:
    """Every file below ``root`` modified a minute ago: stamps old enough to be trusted."""
    past = time.time() - 60
    for path in root.rglob("*"):
        os.utime(path, (past, past))


def test_a_warm_run_confirms_package_answers_by_their_files_stamps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make(tmp_path, {"app/__init__.py": "", "app/tls.py": ASYNCIO_TLS, "app/workers.py": WORKERS})
    _age(tmp_path)
    workers = str(tmp_path / "app/workers.py")
    settings = Settings(preview=True, read_package=True)
    package.forget()
    monkeypatch.setattr(package.MEMORY, "digests", True)  # as a run that caches does
    check_source((tmp_path / "app/workers.py").read_text(), workers, settings)
    consulted = package.take_consulted(workers)
    assert consulted is not None and consulted.tls is not None and consulted.trees
    data = consulted.data()

    def unread(path: str) -> None:
        raise AssertionError(f"read {path}")

    # Nothing changed: confirmed by a listing and a stat per file, no module read.
    package.forget()
    monkeypatch.setattr(package_tls, "read_module", unread)
    monkeypatch.setattr(package, "read_module", unread)
    held = package.still_holds(workers, data)
    assert held is not None and held.data() == data
    monkeypatch.undo()
    # A module added, or one changed: read again, and the answer follows.
    (tmp_path / "app/serve.py").write_text(BLOCKING_TLS)
    _age(tmp_path)
    package.forget()
    assert package.still_holds(workers, data) is None
    (tmp_path / "app/serve.py").unlink()
    package.forget()
    fresh = package.still_holds(workers, data)  # read again (the stamps are new), the same answer
    assert fresh is not None and fresh.tls == consulted.tls
    (tmp_path / "app/tls.py").write_text(BLOCKING_TLS)
    _age(tmp_path)
    package.forget()
    assert package.still_holds(workers, data) is None


def test_a_warm_run_of_an_unchanged_package_loads_only_its_stamps(tmp_path: Path) -> None:
    make(tmp_path, {"app/__init__.py": "", "app/tls.py": ASYNCIO_TLS, "app/workers.py": WORKERS})
    _age(tmp_path)
    probe = (
        "import sys\nfrom netfix_lint.command import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('LOADED', sorted(m for m in sys.modules if m.startswith('netfix_lint.package')))\n"
    )

    def warm() -> str:
        code = f"import sys\nsys.argv[1:] = ['--preview', 'app']\n{probe}"
        return subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True).stdout

    warm()  # checks, and caches what the check asked of the package
    assert "LOADED ['netfix_lint.package_stamps']" in warm()
    (tmp_path / "app/serve.py").write_text(BLOCKING_TLS)  # the package changed: read again
    _age(tmp_path / "app")
    assert "netfix_lint.package_tls" in warm()


def test_a_warm_run_with_old_stamps_follows_a_change_elsewhere_in_the_package(tmp_path: Path) -> None:
    make(tmp_path, {"app/__init__.py": "", "app/tls.py": ASYNCIO_TLS, "app/workers.py": WORKERS})
    _age(tmp_path)

    def check() -> List[str]:
        result = run("netfix-lint", ["--preview", "app"], cwd=tmp_path)
        return [line.split(": ", 1)[0] for line in result.stdout.splitlines() if ": NFX" in line]

    assert check() == [] and check() == []
    (tmp_path / "app/serve.py").write_text(BLOCKING_TLS)  # workers.py itself is unchanged
    _age(tmp_path / "app")
    assert check() == ["app/workers.py:8:5"]
    assert check() == ["app/workers.py:8:5"]
    (tmp_path / "app/serve.py").unlink()
    assert check() == []


#: A plain-HTTP request handler that writes to sockets made elsewhere (pdoc's, catt's).
HANDLER = (
    "import http.server\n\n\n"
    "class Handler(http.server.BaseHTTPRequestHandler):\n"
    "    def do_GET(self):\n"
    "        try:\n"
    "            self.wfile.write(b'page')\n"
    "        except ConnectionError:\n"
    "            pass\n"
)
SERVES = "from .web import Handler, Server\n\n\ndef cli():\n    with Server(('', 8080), Handler) as httpd:\n        httpd.serve_forever()\n"


@pytest.mark.parametrize(
    "files, found",
    [
        # A library with no TLS that runs no server: its users may wrap the socket (wsgiref).
        ({}, ["lib/web.py:8:9"]),
        # The package serves its own server: the handler's sockets are that server's, plain.
        ({"lib/__main__.py": SERVES}, []),
        ({"lib/feed.py": "import socket\n\ndef feed(a):\n    return socket.create_connection(a)\n"}, []),
        ({"lib/listen.py": "import socket\n\ndef listen(s):\n    s.bind(('', 9))\n    s.listen(5)\n"}, []),
        # ... but not in a demo under the main guard (wsgiref's simple_server), nor in tests,
        (
            {"lib/demo.py": "import socket\n\nif __name__ == '__main__':\n    httpd.serve_forever()\n"},
            ["lib/web.py:8:9"],
        ),
        ({"lib/tests/__init__.py": "", "lib/tests/test_web.py": SERVES}, ["lib/web.py:8:9"]),
        # ... nor where TLS is set up anywhere in the package: its own sockets may be wrapped.
        (
            {"lib/__main__.py": SERVES, "lib/tls.py": "import ssl\nCTX = ssl.create_default_context()\n"},
            ["lib/web.py:8:9"],
        ),
        # A listen() that is no socket's (an argument other than a backlog) shows nothing.
        ({"lib/events.py": "import socket\n\ndef on(bus):\n    bus.listen('event')\n"}, ["lib/web.py:8:9"]),
    ],
)
def test_a_package_with_no_tls_that_runs_its_own_sockets(
    tmp_path: Path, files: Dict[str, str], found: List[str]
) -> None:
    make(tmp_path, {"lib/__init__.py": "", "lib/web.py": HANDLER, **files})
    assert reported(tmp_path, "lib/web.py") == found


def test_a_module_alone_that_serves_itself(tmp_path: Path) -> None:
    make(
        tmp_path,
        {"serve.py": HANDLER + "\n\ndef main():\n    http.server.HTTPServer(('', 8), Handler).serve_forever()\n"},
    )
    assert reported(tmp_path, "serve.py") == []
    assert package_tls.runs_own_sockets((tmp_path / "serve.py").read_text()) == 13
    # A client context beside its own plain server is a client's TLS: still quiet. A
    # server-side wrap in the module (by keyword or positionally) makes it reported.
    serves = (tmp_path / "serve.py").read_text()
    client = "import ssl\nCTX = ssl.create_default_context()\n"
    wraps = "\n\ndef secure(httpd):\n    httpd.socket = CTX.wrap_socket(httpd.socket, True)\n"
    make(tmp_path, {"client.py": client + serves, "tls.py": client + serves + wraps})
    assert reported(tmp_path, "client.py", "tls.py") == ["tls.py:10:9"]


def test_a_server_another_module_of_the_package_wraps(tmp_path: Path) -> None:
    """The module makes its server plain, but another module of the package wraps servers'
    sockets (a helper it is handed to): the handler's writes may be TLS ones, reported."""
    main = HANDLER + (
        "\n\nfrom .tlsutil import secure\n\n\ndef main():\n"
        "    secure(http.server.HTTPServer(('', 8), Handler)).serve_forever()\n"
    )
    helper = (
        "import ssl\n\n\ndef secure(server):\n    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)\n"
        "    server.socket = ctx.wrap_socket(server.socket, server_side=True)\n    return server\n"
    )
    make(tmp_path, {"app/__init__.py": "", "app/serve.py": main, "app/tlsutil.py": helper})
    assert reported(tmp_path, "app/serve.py") == ["app/serve.py:8:9"]
    make(tmp_path, {"app/tlsutil.py": "def secure(server):\n    return server\n"})
    assert reported(tmp_path, "app/serve.py") == []


def test_the_package_is_the_top_level_one_and_tests_are_known(tmp_path: Path) -> None:
    make(
        tmp_path,
        {"top/__init__.py": "", "top/sub/__init__.py": "", "top/sub/inner/__init__.py": "", "top/sub/inner/c.py": ""},
    )
    root = str(tmp_path / "top")
    assert package_tls.package_root(str(tmp_path / "top/sub/inner/c.py")) == root
    assert package_tls.package_root(str(tmp_path / "loose.py")) is None
    for test in ("tests/x.py", "sub/test/x.py", "test_x.py", "x_test.py", "conftest.py"):
        assert package_tls.is_test(root, os.path.join(root, test))
    assert not package_tls.is_test(root, os.path.join(root, "sub/testing_tools.py"))


@pytest.mark.parametrize(
    "text, verdict",
    [
        ("ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)\n", package_tls.NO_TLS),  # given to nothing
        ("import asyncio\nctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)\nserve(ssl=ctx)\n", package_tls.ELSEWHERE),
        ("import httpx\nctx = SSLContext (PROTOCOL_TLS)\nkw = {'ssl': ctx}\n", package_tls.ELSEWHERE),
        ("from ssl import SSLContext\ndef f(ctx: SSLContext): pass\n", package_tls.NO_TLS),  # a type hint
        ("s = ctx.wrap_socket(sock)\n", package_tls.BLOCKING),
        (
            "import asyncio\n# s = ctx.wrap_socket(sock)\nctx = create_default_context()\nf(ssl=ctx)\n",
            package_tls.ELSEWHERE,
        ),
        ("import asyncio\nmy_wrap_socket_x = 1\nctx = create_default_context()\nf(ssl=ctx)\n", package_tls.ELSEWHERE),
        ("import websockets\nctx = create_default_context()\nf(ssl=ctx)\n", package_tls.ELSEWHERE),  # asyncio
        ("import websocket\nctx = create_default_context()\nf(ssl=ctx)\n", package_tls.BLOCKING),  # websocket-client
        ("from urllib.request import urlopen\n", package_tls.NO_TLS),  # no context handed to a loop
        ('print("#"); s = ctx.wrap_socket(sock)\n', package_tls.BLOCKING),
        # A lexer's list of a language's builtins, a docstring: words in strings are no code.
        ('"""Wraps nothing: see wrap_socket."""\nBUILTINS = ["wrap_socket", "starttls"]\n', package_tls.NO_TLS),
    ],
)
def test_what_a_module_shows(tmp_path: Path, text: str, verdict: str) -> None:
    make(tmp_path, {"app/__init__.py": "", "app/mod.py": text})
    view = package.DiskPackage(str(tmp_path / "app/mod.py"), lambda: text)
    assert view.tls_verdict() == verdict
    consulted = package.take_consulted(str(tmp_path / "app/mod.py"))
    # Blocking TLS in the module itself decides alone: nothing else to check again.
    assert (consulted is None) == (verdict == package_tls.BLOCKING)
    package.forget()


def test_the_api_reads_the_package_only_when_asked(tmp_path: Path) -> None:
    from netfix_lint import Settings, check_source

    make(tmp_path, {"app/__init__.py": "", "app/serve.py": ASYNCIO_TLS, "app/workers.py": WORKERS})
    path = str(tmp_path / "app/workers.py")
    assert [f.code for f in check_source(WORKERS, path, Settings(preview=True))] == ["NFX101"]  # pure: no I/O
    assert check_source(WORKERS, path, Settings(read_package=True, preview=True)) == []
    package.forget()


def test_a_file_saved_while_the_package_is_read_fails_the_digest_next_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The digest is taken before the package is read: a module saved in between (and
    # stamped long enough ago to be trusted) makes the next run ask again.
    make(tmp_path, {"app/__init__.py": "", "app/tls.py": BLOCKING_TLS, "app/workers.py": WORKERS})
    _age(tmp_path)
    workers = str(tmp_path / "app/workers.py")
    real = package_tls.read_module

    def saving(path: str):  # type: ignore[no-untyped-def]
        text = real(path)  # read as it was; then saved anew, before the result is stored
        if path.endswith("tls.py") and "ASYNC" not in (tmp_path / "app/tls.py").read_text():
            (tmp_path / "app/tls.py").write_text(ASYNCIO_TLS + "# ASYNC\n")
            _age(tmp_path / "app")
        return text

    package.forget()
    monkeypatch.setattr(package.MEMORY, "digests", True)
    monkeypatch.setattr(package_tls, "read_module", saving)
    check_source((tmp_path / "app/workers.py").read_text(), workers, Settings(preview=True, read_package=True))
    consulted = package.take_consulted(workers)
    assert consulted is not None and consulted.tls is not None
    monkeypatch.undo()
    package.forget()
    assert consulted.tls[1] == "blocking"  # what the file said when it was read
    # Asked again, not confirmed by the stamps: the package says otherwise now.
    assert package.still_holds(workers, consulted.data()) is None


def test_a_method_called_by_its_base_class_under_except_ssl_error(tmp_path: Path) -> None:
    """The base class's module (another of the package) decides for an override nothing
    in its own module calls; a warm run follows a change there."""
    fixture = Path(__file__).resolve().parent.parent / "fixtures/NFX101/handled_by_base_callers"
    make(tmp_path, {f"app/{p.name}": p.read_text() for p in fixture.glob("*.py")})
    _age(tmp_path)

    def check() -> List[str]:
        result = run("netfix-lint", ["--preview", "app"], cwd=tmp_path)
        assert result.returncode in (0, 1), result.stderr
        return [line.split(": ", 1)[0] for line in result.stdout.splitlines() if ": NFX" in line]

    assert check() == ["app/http.py:32:9"] and check() == ["app/http.py:32:9"]
    base = tmp_path / "app/base.py"
    base.write_text(base.read_text().replace("except ssl.SSLError as error:", "except ValueError as error:"))
    _age(tmp_path / "app")  # old stamps: only the size tells the change
    assert check() == ["app/http.py:21:13", "app/http.py:26:20", "app/http.py:32:9"]
    # A base class from outside the package, or no caller in the base class: the module decides.
    base.write_text("from socketserver import StreamRequestHandler as ReverseProxyHandler\n")
    assert check() == ["app/http.py:21:13", "app/http.py:26:20", "app/http.py:32:9"]


def test_a_base_module_saved_just_now_is_read_again_on_the_next_run(tmp_path: Path) -> None:
    """A file modified within its clock's tick has a stamp no later run trusts: the answer
    read off it never confirms a cached result (two quick saves in an editor)."""
    fixture = Path(__file__).resolve().parent.parent / "fixtures/NFX101/handled_by_base_callers"
    make(tmp_path, {f"app/{p.name}": p.read_text() for p in fixture.glob("*.py")})

    def check() -> List[str]:
        result = run("netfix-lint", ["--preview", "app"], cwd=tmp_path)
        return [line.split(": ", 1)[0] for line in result.stdout.splitlines() if ": NFX" in line]

    assert check() == ["app/http.py:32:9"]
    base = tmp_path / "app/base.py"
    base.write_text(base.read_text().replace("except ssl.SSLError as error:", "except ValueError as error:"))
    assert check() == ["app/http.py:21:13", "app/http.py:26:20", "app/http.py:32:9"]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("x = 1\ns = ctx.wrap_socket(sock)\n", ("wrap_socket", 2)),
        ("'''\nwrap_socket\n'''\nimport ssl\nssl.wrap_socket(s)\n", ("ssl.wrap_socket", 5)),
        ('# wrap_socket\nx = "wrap_socket"  # ssl.wrap_socket\n', None),
        ('x = f"{wrap_socket}"\ny = rb"wrap_socket"\n', None),  # an f-string is a string on every Python
        ('x = "a \\" wrap_socket"\n', None),  # an escaped quote does not end it
        ('x = "it\'s"; wrap_socket(s)\n', ("wrap_socket", 1)),
        ('x = """a "" b"""\n\n\nwrap_socket(s)\n', ("wrap_socket", 4)),
        ("my_wrap_socket(s)\nwrap_sockets = 1\n", None),
        ('x = "unterminated\nwrap_socket(s)\n', ("wrap_socket", 2)),  # ends at its line
    ],
)
def test_code_words_skip_strings_and_comments_and_keep_lines(text: str, found: object) -> None:
    assert package_tls.code_word(text, ("ssl.wrap_socket", "wrap_socket")) == found


def test_code_names_are_the_names_outside_strings() -> None:
    text = 'import ssl\nclass Handler(Base):  # Other\n    x = b"Quoted" + f"{Inner}"\n    y = 0x1f\n'
    assert package_tls._code_names(text) == {"import", "ssl", "class", "Handler", "Base", "x", "y"}


#: An error decorator away from any connect (mosaicml-cli's, blind round 19), and a module
#: that connects with the legacy client, which does raise InvalidStatusCode.
DECORATOR = (
    "from websockets.exceptions import InvalidStatusCode\n\n\n"
    "def reraise(function):\n"
    "    async def wrapper(*args):\n"
    "        try:\n"
    "            return await function(*args)\n"
    "        except InvalidStatusCode as exc:\n"
    "            raise RuntimeError(exc.status_code)\n"
    "    return wrapper\n"
)
LEGACY_SESSION = (
    "from websockets.legacy.client import connect\n\n\nasync def follow(uri):\n    return await connect(uri)\n"
)


def test_nfx203_leaves_a_handler_alone_while_the_package_has_a_legacy_client(tmp_path: Path) -> None:
    make(tmp_path, {"app/__init__.py": "", "app/errors.py": DECORATOR})
    _age(tmp_path)

    def check() -> List[str]:
        result = run("netfix-lint", ["--extend-select", "NFX203", "app"], cwd=tmp_path)
        return [line.split(": ", 2)[1].split()[0] for line in result.stdout.splitlines() if ": NFX" in line]

    assert check() == ["NFX203"] and check() == ["NFX203"]
    # The legacy client in another module: the clause may be for it (a warm run sees it).
    (tmp_path / "app/session.py").write_text(LEGACY_SESSION)
    _age(tmp_path / "app")
    assert check() == [] and check() == []
    # In a test module it says nothing of what the package's code connects with.
    (tmp_path / "app/session.py").rename(tmp_path / "app/test_session.py")
    assert check() == ["NFX203"]
    # flake8 reads the package as the CLI does.
    (tmp_path / "app/test_session.py").rename(tmp_path / "app/session.py")
    flake8 = run("flake8", ["--isolated", "--select", "NFX,NFX203", "app"], cwd=tmp_path)
    assert flake8.stdout == ""
    # A module outside any package answers alone.
    outside = {"errors.py": DECORATOR, "session.py": LEGACY_SESSION}
    make(tmp_path / "loose", outside)
    assert "NFX203" in run("netfix-lint", ["--extend-select", "NFX203", "loose/errors.py"], cwd=tmp_path).stdout


DATA = Path(__file__).with_name("data")
STILL_REPORTED = DATA / "still_reported_packages"
STILL_REPORTED_SOCKETS = DATA / "still_reported_sockets"


def _reported_as_marked(tmp_path: Path, package: Path, *flags: str) -> None:
    """The package's findings are exactly the ``# expect: CODE`` markers of its lines. A
    package of tests/data/still_reported_sockets without a ``client.py`` uses the shared
    one there (the cases that differ only in the module it imports from)."""
    shutil.copytree(package, tmp_path / package.name)
    root = tmp_path / package.name
    shared = package.parent / "shared_client.py"
    if shared.exists() and not (root / "client.py").exists():
        shutil.copy(shared, root / "client.py")
    expected = sorted(
        f"{path.relative_to(root).as_posix()}:{number}: {line.split('# expect: ', 1)[1].strip()}"
        for path in root.rglob("*.py")
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if "# expect: " in line
    )
    assert expected
    out = run("netfix-lint", ["--no-cache", *flags, "."], cwd=root).stdout
    found = sorted(
        f"{line.split(':')[0]}:{line.split(':')[1]}: {line.split(': ', 1)[1].split()[0]}"
        for line in out.splitlines()
        if ": NFX" in line
    )
    assert found == expected


@pytest.mark.parametrize("name", sorted(p.name for p in STILL_REPORTED.iterdir() if p.is_dir()))
def test_nfx203_package_step_leaves_real_misses_reported(tmp_path: Path, name: str) -> None:
    """Each package the first version of the step hid (tests/data/still_reported_packages)."""
    _reported_as_marked(tmp_path, STILL_REPORTED / name, "--extend-select", "NFX203")


@pytest.mark.parametrize("name", sorted(p.name for p in STILL_REPORTED_SOCKETS.iterdir() if p.is_dir()))
def test_sockets_followed_into_the_package_stay_reported(tmp_path: Path, name: str) -> None:
    """Each package where the first version of the step called a TLS socket plain
    (tests/data/still_reported_sockets)."""
    _reported_as_marked(tmp_path, STILL_REPORTED_SOCKETS / name, "--preview")


@pytest.mark.parametrize(
    ("text", "legacy"),
    [
        ("from websockets.legacy.client import connect\n", True),
        ("import websockets.client\nws = websockets.client.connect(uri)\n", True),
        ("from websockets.client import (\n    WebSocketClientProtocol,\n)\n", True),
        ("from websockets.legacy import client\n", True),
        # The Sans-I/O client, the project's own module, a comment, a string.
        ("from websockets.client import ClientProtocol\n", False),
        ("from chat.websockets.client import ChatClient\n", False),
        ("# websockets.legacy.client is gone\n", False),
        ("DOC = 'use websockets.client.connect'\n", False),
        # An import shim's fallback never runs where the new client exists...
        (
            "try:\n    from websockets.asyncio.client import connect\n"
            "except ImportError:  # old releases\n\n    from websockets.legacy.client import connect\n",
            False,
        ),
        # ...but a legacy import tried first always succeeds (up to websockets 15).
        (
            "try:\n    from websockets.legacy.client import connect\n"
            "except ImportError:\n    from websockets.asyncio.client import connect\n",
            True,
        ),
    ],
)
def test_what_counts_as_the_legacy_websockets_client(text: str, legacy: bool) -> None:
    from netfix_lint.package_words import connects_with_legacy_websockets

    assert connects_with_legacy_websockets(text) is legacy


#: A drop clause around a call that names no socket I/O: only the package's TLS, when it
#: is linked to the module, makes it a finding.
STATUS = (
    "from statusclient import fetch_status\n\n\n"
    "def poll_status(url):\n"
    "    try:\n"
    "        return fetch_status(url)\n"
    "    except ConnectionError:\n"
    "        return None\n"
)


@pytest.mark.parametrize(
    ("files", "witness"),
    [
        # __init__.py imports every module: that links none of them.
        ({"app/__init__.py": "from .tls import listen\nfrom .status import poll_status\n"}, None),
        ({"app/status.py": "from .tls import listen\n" + STATUS}, "app/tls.py"),
        ({"app/status.py": "from app import tls\n" + STATUS}, "app/tls.py"),
        # The TLS module calls into the status module, and may hand it a socket.
        ({"app/tls.py": BLOCKING_TLS + "from .status import poll_status\n"}, "app/tls.py"),
        # A name __init__.py re-exports links to the module it comes from.
        (
            {"app/__init__.py": "from .tls import listen\n", "app/status.py": "from app import listen\n" + STATUS},
            "app/tls.py",
        ),
        ({"app/__init__.py": "from .tls import listen\n", "app/status.py": "import app\n" + STATUS}, "app/tls.py"),
        # Through a module between them, either way.
        (
            {"app/status.py": "from . import helpers\n" + STATUS, "app/helpers.py": "from .tls import listen\n"},
            "app/tls.py",
        ),
        (
            {"app/tls.py": BLOCKING_TLS + "import app.helpers\n", "app/helpers.py": "from . import status\n"},
            "app/tls.py",
        ),
        # ...but not on through another __init__.py.
        (
            {
                "app/status.py": "from app import sub\n" + STATUS,
                "app/sub/__init__.py": "from ..tls import listen\n",
            },
            None,
        ),
    ],
)
def test_the_packages_tls_counts_for_the_modules_linked_to_it(
    tmp_path: Path, files: Dict[str, str], witness: object
) -> None:
    make(tmp_path, {"app/__init__.py": "", "app/tls.py": BLOCKING_TLS, "app/status.py": STATUS, **files})
    root, linked = package_tls.linked_travels(
        str(tmp_path / "app/status.py"), (tmp_path / "app/status.py").read_text(), {}
    )
    assert root == str(tmp_path / "app") and linked == (witness or "")
    line = (tmp_path / "app/status.py").read_text().splitlines().index("    except ConnectionError:") + 1
    expected = [f"app/status.py:{line}:5"] if witness else []
    assert reported(tmp_path, "app") == expected


def test_a_cached_result_follows_an_import_added_to_another_module(tmp_path: Path) -> None:
    make(
        tmp_path,
        {"app/__init__.py": "", "app/tls.py": BLOCKING_TLS, "app/status.py": STATUS, "app/helpers.py": "X = 1\n"},
    )

    def check() -> List[str]:
        result = run("netfix-lint", ["--preview", "app"], cwd=tmp_path)
        return [line.split(": ", 1)[0] for line in result.stdout.splitlines() if ": NFX" in line]

    assert check() == [] and check() == []
    # status.py is unchanged; the module it imports now links it to the TLS module.
    (tmp_path / "app/status.py").write_text("from . import helpers\n" + STATUS)
    _age(tmp_path)
    assert check() == []
    (tmp_path / "app/helpers.py").write_text("from .tls import listen\n")
    assert check() == ["app/status.py:8:5"]
    assert check() == ["app/status.py:8:5"]
    (tmp_path / "app/helpers.py").write_text("X = 2\n")
    assert check() == []


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.booleans(), st.booleans(), st.sets(st.integers(0, 11), max_size=3)),
        min_size=2,
        max_size=12,
    )
)
def test_the_package_wide_link_answers_are_each_modules_own(modules: List[Tuple[bool, bool, Set[int]]]) -> None:
    # Modules m0..mN: whether each is an __init__.py, has blocking TLS, and what it imports.
    graph = package_tls.Links()
    for index, (init, tls, _) in enumerate(modules):
        name = f"app.m{index}"
        graph.paths[name] = f"/app/m{index}/__init__.py" if init else f"/app/m{index}.py"
        if tls:
            graph.travels.add(name)
    for index, (_, _, imported) in enumerate(modules):
        name = f"app.m{index}"
        graph.edges[name] = {f"app.m{i}" for i in imported if i < len(modules) and i != index}
        for target in graph.edges[name]:
            graph.callers.setdefault(target, set()).add(name)
    for name in graph.paths:
        assert package_tls._linked(graph, name, graph.edges[name]) == package_tls._linked_from(
            graph, name, graph.edges[name]
        )


PURE_PACKAGE = {
    "net/__init__.py": "",
    "net/util.py": (
        "import socket\nfrom ipaddress import ip_address\n\n\n"
        "def family(version):\n    return socket.AF_INET6 if str(version).lower() == 'v6' else socket.AF_INET\n\n\n"
        "def is_ip(addr):\n    try:\n        return ip_address(addr)\n    except ValueError:\n        return None\n"
    ),
    "net/dns.py": (
        "import logging\nimport socket\n\nfrom net.util import family, is_ip\n\nlog = logging.getLogger(__name__)\n\n\n"
        "def resolve_ips(host, version='any'):\n    if is_ip(host):\n        return [host]\n"
        "    found = socket.getaddrinfo(host, 443, family(version))\n"
        "    log.debug('found %s', len(found))\n    return [str(f[4][0]) for f in found]\n\n\n"
        "def resolve_ip(host, version='any'):\n    ips = resolve_ips(host, version)\n    return ips[0] if ips else None\n"
    ),
    "net/client.py": (
        "import socket\nimport ssl\n\nfrom net.dns import resolve_ip\n\n\n"
        "def send(host, data):\n"
        "    try:\n        ip = resolve_ip(host)\n"
        "    except (socket.gaierror, ConnectionResetError):\n        return None\n"
        "    sock = ssl.create_default_context().wrap_socket(socket.create_connection((ip, 443)))\n"
        "    try:\n        sock.sendall(data)\n    except ConnectionResetError:\n        return None\n"
    ),
}


def test_a_body_of_name_lookups_through_the_package_meets_no_drop(tmp_path: Path) -> None:
    """privex-helpers (blind round 31): a drop clause around ``resolve_ip(host)``, another
    module's function that only calls ``socket.getaddrinfo`` and computes, in a module that
    wraps sockets in TLS. The lookup touches no connection, so only the write is reported;
    a warm run follows the helper when it starts writing."""
    make(tmp_path, PURE_PACKAGE)
    assert reported(tmp_path, "net") == ["net/client.py:15:5"]
    _age(tmp_path)
    dns = tmp_path / "net/dns.py"
    dns.write_text(
        dns.read_text().replace("    return ips[0] if ips else None\n", "    socket.socket().sendall(b'')\n")
    )
    result = run("netfix-lint", ["--preview", "net"], cwd=tmp_path)
    found = sorted(line.split(": ", 1)[0] for line in result.stdout.splitlines() if ": NFX" in line)
    assert found == ["net/client.py:10:5", "net/client.py:15:5"], result.stdout


@pytest.mark.parametrize(
    "change",
    [
        # A decorated helper may be anything the decorator returns.
        ("def resolve_ip(", "@cached\ndef resolve_ip("),
        # print() writes to stdout, which may be a closed pipe.
        ("    ips = resolve_ips(host, version)\n", "    print(host)\n    ips = resolve_ips(host, version)\n"),
        # A method of an object is not followed.
        ("    ips = resolve_ips(host, version)\n", "    ips = RESOLVER.lookup(host)\n"),
        # A function that calls itself is not taken as pure (whichever is asked first).
        ("    if is_ip(host):\n", "    if is_ip(host) or resolve_ips(str(host)):\n"),
    ],
)
def test_what_is_not_a_pure_call(tmp_path: Path, change: Tuple[str, str]) -> None:
    files = dict(PURE_PACKAGE)
    files["net/dns.py"] = "cached = RESOLVER = None\n" + files["net/dns.py"].replace(*change)
    make(tmp_path, files)
    assert reported(tmp_path, "net") == ["net/client.py:10:5", "net/client.py:15:5"]
