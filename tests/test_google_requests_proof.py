"""Why NFX101 counts a Google API request's ``execute()`` as blocking TLS
(netfix_lint/rules/google_requests.py), measured on the real client.

google-api-python-client and httplib2, pinned, are installed from the package index into
a throwaway virtual environment (the test skips, saying why, when that fails). A server on
127.0.0.1 takes each TCP connection and hangs up before the TLS handshake, as a load
balancer that drops a connection does. A module shaped as google-workspace-unlimited's
retry (blind round 27) calls ``execute()`` under ``except (TimeoutError,
ConnectionError)``: as written, ``ssl.SSLEOFError`` escapes that clause; NFX101 reports it,
and the fixed module catches it. Every socket has a timeout.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import venv
from pathlib import Path
from typing import Iterator, List

import pytest

from netfix_lint import Settings, check_source, fix_source

from .loopback import LoopbackServer

#: NFX101 is a preview rule.
PREVIEW = Settings(preview=True)
PINS = ["google-api-python-client==2.202.0", "httplib2==0.32.1"]

MODULE = """
import httplib2
from googleapiclient.http import HttpRequest
from googleapiclient.model import JsonModel


def fetch(url):
    http = httplib2.Http(timeout=5, disable_ssl_certificate_validation=True)
    try:
        return HttpRequest(http, JsonModel().response, url).execute()
    except (TimeoutError, ConnectionError) as error:
        return f"CAUGHT {type(error).__name__}"
"""

DRIVER = """
import importlib.util, sys
spec = importlib.util.spec_from_file_location("module_under_test", sys.argv[1])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
try:
    print(module.fetch(sys.argv[2]))
except BaseException as error:
    print("ESCAPED", type(error).__module__ + "." + type(error).__name__)
"""


class HangingUp(LoopbackServer):
    """An https URL on 127.0.0.1 whose server reads each ClientHello and hangs up
    unanswered (reading it first makes the close an EOF, not a reset)."""

    scheme = "https"
    path = "/v1/x"

    def answer(self, conn: socket.socket) -> None:
        conn.recv(4096)


@pytest.fixture
def hanging_up() -> Iterator[HangingUp]:
    server = HangingUp()
    yield server
    server.close()


def test_execute_lets_ssl_eof_out_and_the_fix_catches_it_network(hanging_up: HangingUp, tmp_path: Path) -> None:
    if sys.version_info < (3, 10):
        pytest.skip("SSLEOFError for a hang-up in the handshake is Python 3.10+'s (FACTS.md)")
    folder = tmp_path / "env"
    venv.create(folder, with_pip=True)
    python = folder / "bin" / "python"
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", *PINS],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if install.returncode != 0:
        pytest.skip(f"{' '.join(PINS)} did not install: {install.stderr[-200:]}")

    findings = check_source(MODULE, "fetch.py", settings=PREVIEW)
    assert [f.code for f in findings] == ["NFX101"], findings
    assert "sends a Google API request over HTTPS through httplib2" in findings[0].message
    fixed = fix_source(MODULE, "fetch.py", PREVIEW).source
    assert "SSLEOFError" in fixed

    outcomes: List[str] = []
    for text in (MODULE, fixed):
        path = tmp_path / f"module{len(outcomes)}.py"
        path.write_text(text)
        result = subprocess.run(
            [str(python), "-c", DRIVER, str(path), hanging_up.url],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "PYTHONWARNINGS": "ignore"},
        )
        outcomes.append(result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr)
    assert outcomes == ["ESCAPED ssl.SSLEOFError", "CAUGHT SSLEOFError"]
