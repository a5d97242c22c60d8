"""Real TLS clients going away from real TLS servers built from the NFX101 and NFX104 fixtures.

For each Python from 3.9 to 3.13 (the ones the machine has; the others are skipped,
saying so), tests/tls_server.py serves one connection on 127.0.0.1 with a fixture's
handler, once as the fixture is written and once as its expected fixed output, and a
client in this process goes away in one of three ways (see tests/tls.py):

- ``download``: resets the connection in the middle of an endless download;
- ``handshake``: closes the TCP connection before it sends a ClientHello;
- ``ragged``: closes without the TLS close_notify alert while the server reads.

The test asserts which exception the server's TLS socket raised (the measured table,
``tls.SERVER_SEES``) and what each handler did with it. Where it is ssl.SSLEOFError, the
handler as written sends it to its generic error path (a traceback, "Error on request")
and the fixed one treats it as the dropped connection it is. Where it is a
ConnectionError, both already handled it, and the fix changes nothing.

Run with ``-s`` to see one line per case: Python, abort, fixture, what the server saw.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable, Dict, Tuple

import pytest

from .conftest import FIXTURES
from .tls import (
    CONNECTION_DROP,
    PYTHONS,
    SERVER_SEES,
    SSL_EOF,
    Certificate,
    ServerRun,
    abort_download,
    abort_handshake,
    close_without_close_notify,
    find_python,
    serve_once,
)

SERVER = Path(__file__).with_name("tls_server.py")

# (tls_server.py scenario, fixture) for each way a client goes away. The handshake abort
# is a client that closes *before* its ClientHello: one that sends it and then closes is
# racy (the server writes its reply into a closed socket, the client's kernel answers
# with an RST, and the server's next read sees ECONNRESET or EOF depending on timing).
CASES: Dict[str, Tuple[str, str]] = {
    "download/werkzeug": ("werkzeug", "NFX101/werkzeug_serving.py"),
    "download/wsgiref": ("wsgiref", "NFX104/wsgiref_handlers.py"),
    "handshake/werkzeug": ("werkzeug", "NFX101/werkzeug_serving.py"),
    "handshake/wsgiref": ("wsgiref", "NFX104/wsgiref_handlers.py"),
    "ragged/socketserver_echo": ("echo", "NFX101/socketserver_echo.py"),
}


def client_for(abort: str, certificate: Certificate) -> Callable[[int], object]:
    return {
        "download": lambda port: abort_download(port, certificate),
        "handshake": abort_handshake,
        "ragged": lambda port: close_without_close_notify(port, certificate),
    }[abort]


def fixed_version(fixture: Path) -> Path:
    """The fixture's expected output: ``.fixed``, or ``.unsafe-fixed`` where the fix needs
    --unsafe-fixes (Werkzeug binds ``ssl`` through an import guard)."""
    for suffix in (".fixed", ".unsafe-fixed"):
        candidate = fixture.with_name(fixture.name + suffix)
        if candidate.exists():
            return candidate
    raise AssertionError(f"{fixture} has no expected fixed output")


def python_or_skip(minor: str) -> Path:
    python = find_python(minor)
    if python is None:
        pytest.skip(
            f"Python {minor} is not on this machine (pyenv lists none; the tests run on {sys.version.split()[0]})"
        )
    return python


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("minor", PYTHONS)
def test_tls_client_abort_reaches_the_drop_handler_only_when_fixed(
    minor: str, case: str, certificate: Certificate
) -> None:
    python = python_or_skip(minor)
    abort = case.split("/")[0]
    scenario, name = CASES[case]
    fixture = FIXTURES / name

    def serve(path: Path) -> ServerRun:
        command = [str(python), str(SERVER), scenario, str(path), str(certificate.cert), str(certificate.key)]
        run = serve_once(command, client_for(abort, certificate))
        assert run.returncode == 0, run.stderr
        return run

    as_written, fixed = serve(fixture), serve(fixed_version(fixture))
    seen = as_written.reported("SEEN")
    print(
        f"Python {minor} | {case} | server saw {seen}"
        f" | as written: {as_written.reported('OUTCOME')} | fixed: {fixed.reported('OUTCOME')}"
    )

    # What the TLS socket raised does not depend on the handler around it.
    assert seen in SERVER_SEES[abort][minor], (minor, case, seen)
    assert fixed.reported("SEEN") in SERVER_SEES[abort][minor]

    if SERVER_SEES[abort][minor] == SSL_EOF:
        # The bug: the drop escapes the connection-drop clause into the error path...
        assert as_written.reported("OUTCOME") == "error"
        assert "SSLEOFError" in as_written.stderr and "Traceback" in as_written.stderr
        # ...and the fixed clause catches it, quietly.
        assert fixed.reported("OUTCOME") == "dropped"
        assert "Traceback" not in fixed.stderr
    elif SERVER_SEES[abort][minor] == CONNECTION_DROP:
        # A plain ConnectionError: handled before the fix, and still after it.
        assert as_written.reported("OUTCOME") == fixed.reported("OUTCOME") == "dropped"
    else:
        # 3.9 (SSLZeroReturnError, or a quiet end of file): no SSLEOFError, so the fix
        # changes nothing there.
        assert as_written.reported("OUTCOME") == fixed.reported("OUTCOME")
