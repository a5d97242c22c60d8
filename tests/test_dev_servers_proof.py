"""netfix-lint fixes two real development servers, and the fix shows over real TLS.

1. Werkzeug 3.0.3, the last release with the bug (Werkzeug issue #2926, fixed in 3.0.4),
   downloaded from the package index (tests ending in ``_network`` skip, saying why,
   when it cannot be reached). ``netfix-lint --fix --unsafe-fixes`` rewrites a copy;
   then each copy serves an endless download over HTTPS with Werkzeug's own dev server
   (``werkzeug.serving.make_server(..., ssl_context=(cert, key))``), and a client resets
   the connection mid-download. As written, Werkzeug logs "Error on request" with an
   SSLEOFError traceback; fixed, it treats the abort as the dropped connection it is.
2. The same for each Python's own ``wsgiref`` (copied from its standard library) served
   by ``wsgiref.simple_server`` on a TLS-wrapped listening socket: as written it prints
   an SSLEOFError traceback, fixed it prints none.

Each server runs under every Python from 3.9 to 3.13 the machine has. On 3.10-3.12 a
failed TLS write raises SSLEOFError; on 3.9 and 3.13 it raises ConnectionResetError /
BrokenPipeError, which both copies already handle (tls.SERVER_SEES, measured by
tests/test_tls_proof.py). Run with ``-s`` to see what each server printed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List

import pytest

from .conftest import changed_lines, run
from .tls import PYTHONS, SERVER_SEES, SSL_EOF, Certificate, ServerRun, abort_download, find_python, serve_once

ENDLESS_DOWNLOAD = """
def endless_download(environ, start_response):
    start_response("200 OK", [("Content-Type", "application/octet-stream")])
    while True:  # only the client going away ends this response
        yield b"x" * 65536
"""

# Werkzeug's development server, as `flask run --cert cert.pem --key key.pem` starts it,
# serving one request. Argument: cert, key.
WERKZEUG_SERVER = (
    ENDLESS_DOWNLOAD
    + """
import sys
import werkzeug.serving

server = werkzeug.serving.make_server(
    "127.0.0.1", 0, endless_download, ssl_context=(sys.argv[1], sys.argv[2])
)
server.timeout = 20
print("PORT", server.server_port, flush=True)
print("MODULE", werkzeug.serving.__file__, flush=True)
server.handle_request()
server.server_close()
"""
)

# wsgiref's reference server, with its listening socket wrapped in TLS, serving one
# request. Arguments: cert, key.
WSGIREF_SERVER = (
    ENDLESS_DOWNLOAD
    + """
import ssl
import sys
import wsgiref.simple_server

context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(sys.argv[1], sys.argv[2])
server = wsgiref.simple_server.make_server("127.0.0.1", 0, endless_download)
server.socket = context.wrap_socket(server.socket, server_side=True)
server.timeout = 20
print("PORT", server.server_port, flush=True)
print("MODULE", wsgiref.simple_server.__file__, flush=True)
server.handle_request()
server.server_close()
"""
)


@dataclass(frozen=True)
class Copies:
    """The same package twice: as released, and after ``netfix-lint --fix``."""

    as_written: Path  # the folder to put on PYTHONPATH
    fixed: Path
    package: str

    def files(self, which: Path) -> Dict[str, str]:
        return {
            str(path.relative_to(which)): path.read_text(encoding="utf-8")
            for path in sorted((which / self.package).rglob("*.py"))
        }


def python_or_skip(minor: str) -> Path:
    python = find_python(minor)
    if python is None:
        pytest.skip(
            f"Python {minor} is not on this machine (pyenv lists none; the tests run on {sys.version.split()[0]})"
        )
    return python


def serve_and_abort(
    python: Path, script: str, pythonpath: List[Path], certificate: Certificate, cwd: Path
) -> ServerRun:
    """Run ``script`` (a one-request HTTPS server) and abort a download from it."""
    result = serve_once(
        [str(python), "-c", script, str(certificate.cert), str(certificate.key)],
        lambda port: abort_download(port, certificate),
        env={"PYTHONPATH": os.pathsep.join(map(str, pythonpath)), "PYTHONDONTWRITEBYTECODE": "1"},
        cwd=cwd,
    )
    assert result.returncode == 0, result.stderr
    return result


# ---------------------------------------------------------------------------------
# Werkzeug 3.0.3


@dataclass(frozen=True)
class WerkzeugRelease:
    copies: Copies
    dependencies: Dict[str, Path]  # Python minor version -> a folder with MarkupSafe for it


@pytest.fixture(scope="session")
def werkzeug_3_0_3(tmp_path_factory: pytest.TempPathFactory) -> WerkzeugRelease:
    """werkzeug==3.0.3 unpacked twice, the second copy fixed by the real console script,
    and its one dependency (MarkupSafe) for each Python the machine has. Downloaded and
    fixed once per test session; skips when the package index cannot be reached."""
    root = tmp_path_factory.mktemp("werkzeug-3.0.3")
    pythons = [minor for minor in PYTHONS if find_python(minor) is not None]
    # One `pip download` per Python (MarkupSafe has compiled wheels), all at once.
    downloads = {
        minor: subprocess.Popen(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--disable-pip-version-check",
                "--quiet",
                "--only-binary=:all:",
                "--python-version",
                minor,
                "--dest",
                str(root / minor),
                "werkzeug==3.0.3",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for minor in pythons
    }
    errors = {minor: download.communicate(timeout=300)[1] for minor, download in downloads.items()}
    for minor, download in downloads.items():
        if download.returncode != 0:
            pytest.skip(
                f"cannot download werkzeug==3.0.3 for Python {minor} from the package index: {errors[minor].strip()[-300:]}"
            )
    dependencies = {}
    for minor in pythons:
        for wheel in (root / minor).glob("*.whl"):
            if not wheel.name.startswith("werkzeug-"):  # the copies below provide werkzeug
                zipfile.ZipFile(wheel).extractall(root / minor / "site")
        dependencies[minor] = root / minor / "site"

    [wheel, *_] = root.glob("*/werkzeug-3.0.3-py3-none-any.whl")
    copies = Copies(root / "as_written", root / "fixed", "werkzeug")
    for copy in (copies.as_written, copies.fixed):
        zipfile.ZipFile(wheel).extractall(copy)  # a pure-Python wheel: just unzip
    # Werkzeug reaches ssl through `try: import ssl / except ImportError: ssl = <dummy>`,
    # and the dummy raises on attribute access, so netfix-lint marks the fix unsafe:
    # it is applied with --unsafe-fixes only (test_werkzeug_fix_* shows both runs).
    result = run("netfix-lint", ["--preview", "--fix", "--unsafe-fixes", "werkzeug"], cwd=copies.fixed)
    assert result.returncode == 0, result.stdout + result.stderr
    return WerkzeugRelease(copies, dependencies)


def test_werkzeug_fix_is_run_wsgis_drop_clause_network(werkzeug_3_0_3: WerkzeugRelease, tmp_path: Path) -> None:
    werkzeug_copies = werkzeug_3_0_3.copies
    before, after = werkzeug_copies.files(werkzeug_copies.as_written), werkzeug_copies.files(werkzeug_copies.fixed)
    # Only serving.py changed, and only run_wsgi's `except (ConnectionError,
    # socket.timeout)` line (the bug in #2926). No import: `ssl` is already bound.
    # handle()'s clause is left alone: its next clause gives TLS errors a branch of their
    # own (`is_ssl_error(e)`, one log line), as Werkzeug 3.0.4's own fix left it too (it
    # adds ssl.SSLEOFError to run_wsgi's clause only, through a tuple defined beside the
    # guarded import, safe without ssl).
    assert [name for name in before if before[name] != after[name]] == ["werkzeug/serving.py"]
    assert changed_lines(before["werkzeug/serving.py"], after["werkzeug/serving.py"]) == [
        "-        except (ConnectionError, socket.timeout) as e:",
        "+        except (ConnectionError, socket.timeout, ssl.SSLEOFError) as e:",
    ]

    # Without --unsafe-fixes the same run reports the clause, says why the fix is
    # unsafe, and writes nothing.
    shutil.copytree(werkzeug_copies.as_written / "werkzeug", tmp_path / "werkzeug")
    safe_only = run("netfix-lint", ["--preview", "--fix", "werkzeug"], cwd=tmp_path)
    assert safe_only.returncode == 1
    assert safe_only.stdout.count("serving.py") == 1 and "NFX101" in safe_only.stdout
    assert "its import is guarded by `except ImportError`" in safe_only.stdout
    assert "--unsafe-fixes" in safe_only.stdout
    assert (tmp_path / "werkzeug" / "serving.py").read_text() == before["werkzeug/serving.py"]

    # Fixing the fixed copy again finds nothing.
    again = run("netfix-lint", ["--preview", "--fix", "--unsafe-fixes", "werkzeug"], cwd=werkzeug_copies.fixed)
    assert again.returncode == 0 and "All checks passed!" in again.stdout


@pytest.mark.parametrize("minor", PYTHONS)
def test_werkzeug_dev_server_logs_a_tls_abort_only_before_the_fix_network(
    minor: str, werkzeug_3_0_3: WerkzeugRelease, certificate: Certificate, tmp_path: Path
) -> None:
    python = python_or_skip(minor)
    dependencies = werkzeug_3_0_3.dependencies[minor]

    def serve(copy: Path) -> ServerRun:
        served = serve_and_abort(python, WERKZEUG_SERVER, [copy, dependencies], certificate, tmp_path)
        assert served.reported("MODULE").startswith(str(copy))  # the copy, not another Werkzeug
        assert '"GET /download HTTP/1.1" 200' in served.stderr  # the download had started
        print(f"--- Werkzeug 3.0.3 {copy.name} on Python {minor}:\n{served.stderr}")
        return served

    as_written, fixed = serve(werkzeug_3_0_3.copies.as_written), serve(werkzeug_3_0_3.copies.fixed)

    if SERVER_SEES["download"][minor] == SSL_EOF:  # 3.10-3.12
        assert "Error on request" in as_written.stderr
        assert "Traceback" in as_written.stderr and "ssl.SSLEOFError" in as_written.stderr
    else:  # 3.9, 3.13: the write fails with a ConnectionError, which 3.0.3 handles
        assert "Error on request" not in as_written.stderr
    assert "Error on request" not in fixed.stderr
    assert "SSLEOFError" not in fixed.stderr and "Traceback" not in fixed.stderr


# ---------------------------------------------------------------------------------
# wsgiref, from each Python's own standard library


def stdlib_of(python: Path) -> Path:
    code = "import sysconfig; print(sysconfig.get_paths()['stdlib'])"
    return Path(
        subprocess.run([str(python), "-c", code], capture_output=True, text=True, check=True, timeout=60).stdout.strip()
    )


@pytest.mark.parametrize("minor", PYTHONS)
def test_wsgiref_prints_a_tls_abort_traceback_only_before_the_fix(
    minor: str, certificate: Certificate, tmp_path: Path
) -> None:
    python = python_or_skip(minor)
    copies = Copies(tmp_path / "as_written", tmp_path / "fixed", "wsgiref")
    for copy in (copies.as_written, copies.fixed):
        shutil.copytree(stdlib_of(python) / "wsgiref", copy / "wsgiref")
    fix = run("netfix-lint", ["--preview", "--fix", "wsgiref"], cwd=copies.fixed)
    assert fix.returncode == 0, fix.stdout + fix.stderr

    before, after = copies.files(copies.as_written), copies.files(copies.fixed)
    assert [name for name in before if before[name] != after[name]] == ["wsgiref/handlers.py"]
    assert changed_lines(before["wsgiref/handlers.py"], after["wsgiref/handlers.py"]) == [
        "+import ssl",
        "-        except (ConnectionAbortedError, BrokenPipeError, ConnectionResetError):",
        "+        except (ConnectionAbortedError, BrokenPipeError, ConnectionResetError, ssl.SSLEOFError):",
    ]

    def serve(copy: Path) -> ServerRun:
        served = serve_and_abort(python, WSGIREF_SERVER, [copy], certificate, tmp_path)
        assert served.reported("MODULE").startswith(str(copy))  # the copy, not the stdlib
        print(f"--- wsgiref {copy.name} on Python {minor}:\n{served.stderr}")
        return served

    as_written, fixed = serve(copies.as_written), serve(copies.fixed)

    if SERVER_SEES["download"][minor] == SSL_EOF:  # 3.10-3.12
        assert "Traceback" in as_written.stderr and "ssl.SSLEOFError" in as_written.stderr
    else:  # 3.9, 3.13: a ConnectionError, which wsgiref's clause already names
        assert "Traceback" not in as_written.stderr
    assert "Traceback" not in fixed.stderr and "SSLEOFError" not in fixed.stderr
