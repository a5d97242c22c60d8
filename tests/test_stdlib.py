"""``netfix-lint --fix`` on copies of this Python's own wsgiref and http.server."""

from __future__ import annotations

import io
import shutil
import ssl
import sys
import sysconfig
from pathlib import Path
from typing import Any, List

import pytest

from .conftest import changed_lines, run

STDLIB = Path(sysconfig.get_paths()["stdlib"])


@pytest.fixture
def copies(tmp_path: Path) -> Path:
    shutil.copytree(STDLIB / "wsgiref", tmp_path / "wsgiref_copy")
    (tmp_path / "http_copy").mkdir()
    shutil.copy2(STDLIB / "http" / "server.py", tmp_path / "http_copy" / "server.py")
    return tmp_path


def test_fix_touches_only_the_drop_handler(copies: Path) -> None:
    originals = {p: p.read_bytes() for p in copies.rglob("*.py")}
    result = run("netfix-lint", ["--preview", "--fix", "wsgiref_copy", "http_copy"], cwd=copies)
    assert result.returncode == 0, result.stdout + result.stderr
    changed = {p for p, raw in originals.items() if p.read_bytes() != raw}
    assert changed == {copies / "wsgiref_copy" / "handlers.py"}
    handlers = copies / "wsgiref_copy" / "handlers.py"
    diff = changed_lines(originals[handlers].decode(), handlers.read_text())
    assert diff == [
        "+import ssl",
        "-        except (ConnectionAbortedError, BrokenPipeError, ConnectionResetError):",
        "+        except (ConnectionAbortedError, BrokenPipeError, ConnectionResetError, ssl.SSLEOFError):",
    ]
    again = run("netfix-lint", ["--preview", "--fix", "wsgiref_copy", "http_copy"], cwd=copies)
    assert again.returncode == 0 and "All checks passed!" in again.stdout


class DroppedTLSClient(io.RawIOBase):
    """The server's output stream when a TLS client aborts: writes raise SSLEOFError."""

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        raise ssl.SSLEOFError(ssl.SSL_ERROR_EOF, "EOF occurred in violation of protocol")


def serve_one(package: str, root: Path) -> str:
    """Run one request through ``package.handlers.SimpleHandler``; return its stderr."""
    sys.path.insert(0, str(root))
    try:
        handlers = __import__(f"{package}.handlers", fromlist=["SimpleHandler"])
    finally:
        sys.path.remove(str(root))
    errors = io.StringIO()
    environ = {
        "REQUEST_METHOD": "GET",
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "8443",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "https",
    }
    handler = handlers.SimpleHandler(io.BytesIO(), DroppedTLSClient(), errors, environ)

    def app(environ: Any, start_response: Any) -> List[bytes]:
        start_response("200 OK", [("Content-Type", "application/octet-stream")])
        return [b"x" * 65536]

    handler.run(app)
    return errors.getvalue()


def test_fixed_wsgiref_treats_a_tls_abort_as_a_dropped_client(tmp_path: Path) -> None:
    shutil.copytree(STDLIB / "wsgiref", tmp_path / "wsgiref_unfixed")
    shutil.copytree(STDLIB / "wsgiref", tmp_path / "wsgiref_fixed")
    assert run("netfix-lint", ["--preview", "--fix", "wsgiref_fixed"], cwd=tmp_path).returncode == 0
    # Unfixed: the abort is logged as an application error with a traceback.
    assert "SSLEOFError" in serve_one("wsgiref_unfixed", tmp_path)
    assert "Traceback" in serve_one("wsgiref_unfixed", tmp_path)
    # Fixed: it is the "client closed the connection" case, handled quietly.
    assert serve_one("wsgiref_fixed", tmp_path) == ""


def test_fix_on_the_whole_standard_library_is_sound(tmp_path: Path) -> None:
    """``--fix`` on a copy of this Python's standard library (site-packages excluded):
    every changed file still parses, every changed line is one the rules are about, a
    second run changes nothing, and every file that could not be fixed says why."""
    import ast
    import warnings

    copy = tmp_path / "stdlib"
    shutil.copytree(
        STDLIB,
        copy,
        ignore=lambda folder, names: [
            n for n in names if n in ("site-packages", "__pycache__") or (n.endswith((".pyc", ".so", ".a")))
        ],
        symlinks=True,
    )
    originals = {p: p.read_bytes() for p in copy.rglob("*.py") if p.is_file()}
    first = run("netfix-lint", ["--preview", "--fix", "--unsafe-fixes", "."], cwd=copy)
    assert first.returncode in (0, 1, 2), first.stderr
    assert "Traceback" not in first.stdout + first.stderr
    assert "NFX002" not in first.stdout, first.stdout
    refused = [line for line in first.stdout.splitlines() if " NFX001 " in line]
    for line in refused:
        # Only CPython's deliberately broken test inputs, or what libcst cannot reproduce.
        assert "tokenizedata" in line or "badsyntax" in line or "bad_coding" in line or "libcst" in line, line
    changed = {p: raw for p, raw in originals.items() if p.read_bytes() != raw}
    assert changed, "the standard library has handlers the rules fix (wsgiref at least)"
    words = ("import ssl", "except", "suppress", "SSLEOFError", "InvalidStatus", ",")
    for path, raw in changed.items():
        after = path.read_text(encoding="utf-8")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ast.parse(after)
        for line in changed_lines(raw.decode("utf-8"), after):
            assert any(word in line for word in words), (path, line)
    snapshot = {p: p.read_bytes() for p in originals}
    second = run("netfix-lint", ["--preview", "--fix", "--unsafe-fixes", "."], cwd=copy)
    assert {p for p in originals if p.read_bytes() != snapshot[p]} == set()
    fixed_count = first.stdout.rsplit("(", 1)[-1].split(" fixed")[0] if " fixed" in first.stdout else "?"
    print(
        f"stdlib {sys.version.split()[0]}: {len(originals)} files, {len(changed)} changed "
        f"({fixed_count} findings fixed), {len(refused)} refused: {refused}; second run rc={second.returncode}"
    )
