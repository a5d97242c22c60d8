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
    result = run("netfix-lint", ["--fix", "wsgiref_copy", "http_copy"], cwd=copies)
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
    again = run("netfix-lint", ["--fix", "wsgiref_copy", "http_copy"], cwd=copies)
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
    environ = {"REQUEST_METHOD": "GET", "SERVER_NAME": "localhost", "SERVER_PORT": "8443",
               "SERVER_PROTOCOL": "HTTP/1.1", "wsgi.url_scheme": "https"}
    handler = handlers.SimpleHandler(io.BytesIO(), DroppedTLSClient(), errors, environ)

    def app(environ: Any, start_response: Any) -> List[bytes]:
        start_response("200 OK", [("Content-Type", "application/octet-stream")])
        return [b"x" * 65536]

    handler.run(app)
    return errors.getvalue()


def test_fixed_wsgiref_treats_a_tls_abort_as_a_dropped_client(tmp_path: Path) -> None:
    shutil.copytree(STDLIB / "wsgiref", tmp_path / "wsgiref_unfixed")
    shutil.copytree(STDLIB / "wsgiref", tmp_path / "wsgiref_fixed")
    assert run("netfix-lint", ["--fix", "wsgiref_fixed"], cwd=tmp_path).returncode == 0
    # Unfixed: the abort is logged as an application error with a traceback.
    assert "SSLEOFError" in serve_one("wsgiref_unfixed", tmp_path)
    assert "Traceback" in serve_one("wsgiref_unfixed", tmp_path)
    # Fixed: it is the "client closed the connection" case, handled quietly.
    assert serve_one("wsgiref_fixed", tmp_path) == ""
