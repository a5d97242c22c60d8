"""Real websockets releases against a loopback server that refuses the handshake.

Each release is installed from the package index into a throwaway virtual environment
(the tests skip, saying why, when the index cannot be reached). The server on 127.0.0.1
answers every upgrade request with a 503, with a Content-Length or chunked; each NFX2xx
fixture is run as written and as fixed, and must catch the refusal on every release
its project allows, where the original lets it escape from 14.0 on.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import socket
import subprocess
import sys
import venv
from pathlib import Path
from typing import Dict, Iterator, Tuple

import pytest
from packaging.version import Version

from netfix_lint import Settings, check_source, fix_source
from netfix_lint.project import websockets_specifier

from .conftest import FIXTURES
from .loopback import LoopbackServer, read_request

RELEASES = ["13.1", "14.1", "14.2", "17.4"]

RESPONSES = {
    "length": b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\n"
    b"Content-Length: 11\r\nConnection: close\r\n\r\nunavailable",
    "chunked": b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\n"
    b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nb\r\nunavailable\r\n0\r\n\r\n",
}

DRIVER = """
import importlib.util, sys, warnings
warnings.simplefilter("ignore")
spec = importlib.util.spec_from_file_location("fixture_under_test", sys.argv[1])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
try:
    print("CAUGHT", module.connect_once(sys.argv[2]))
except BaseException as error:
    print("ESCAPED", type(error).__name__)
"""

FIXTURE_NAMES = [
    "NFX201/freqtrade_consumer.py",
    "NFX201/sdk_sync_client.py",
    "NFX202/rpc_client.py",
    "NFX202/new_only/notifier.py",
    "NFX202/legacy_only/notifier.py",
]


class RefusingServer(LoopbackServer):
    """Answers every connection on 127.0.0.1 with one canned HTTP response, then closes."""

    path = "/stream"

    def __init__(self, response: bytes) -> None:
        self.response = response
        super().__init__()

    def answer(self, conn: socket.socket) -> None:
        read_request(conn)
        conn.sendall(self.response)


@pytest.fixture(scope="module", params=sorted(RESPONSES))
def server(request: pytest.FixtureRequest) -> Iterator[Tuple[str, str]]:
    refusing = RefusingServer(RESPONSES[request.param])
    yield request.param, refusing.url
    refusing.close()


_environments: Dict[str, Path] = {}


def python_with(release: str, root: Path) -> Path:
    """A virtual environment with websockets==release, made once per test session."""
    if release not in _environments:
        folder = root / f"websockets-{release}"
        venv.create(folder, with_pip=True)
        python = folder / "bin" / "python"
        install = subprocess.run(
            [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", f"websockets=={release}"],
            capture_output=True,
            text=True,
            timeout=600,
        )
        if install.returncode != 0:
            # No index, or a release that does not support this Python (17.x needs 3.10+).
            python_version = "%d.%d" % sys.version_info[:2]
            pytest.skip(f"websockets=={release} does not install on Python {python_version}: {install.stderr[-200:]}")
        _environments[release] = python
    return _environments[release]


def outcome(python: Path, module: Path, url: str) -> str:
    result = subprocess.run(
        [str(python), "-c", DRIVER, str(module), url],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    lines = result.stdout.strip().splitlines()
    assert lines, result.stderr
    return lines[-1]


def allowed(path: Path, release: str) -> bool:
    from packaging.specifiers import SpecifierSet

    spec = websockets_specifier(str(path))
    return spec is None or SpecifierSet(spec).contains(release)


@pytest.mark.parametrize("release", RELEASES)
@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_fixed_fixture_catches_refusal_on_real_release_network(
    name: str, release: str, server: Tuple[str, str], tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = FIXTURES / name
    if not allowed(path, release):
        pytest.skip(f"{name}'s project does not allow websockets {release}")
    variant, url = server
    python = python_with(release, tmp_path_factory.getbasetemp() / "envs")
    source = path.read_text()
    fixed = fix_source(source, str(path), Settings(websockets_version=websockets_specifier(str(path)))).source
    original_file, fixed_file = tmp_path / "original.py", tmp_path / "fixed.py"
    original_file.write_text(source)
    fixed_file.write_text(fixed)
    before, after = outcome(python, original_file, url), outcome(python, fixed_file, url)
    print(f"{name} | websockets {release} | {variant} | as written: {before} | fixed: {after}")

    new_client = "NFX201" in name or Version(release) >= Version("14.0")
    if new_client and variant == "chunked" and Version(release) < Version("14.2"):
        # Measured here: the new client implementation before 14.2 (13.1's asyncio and
        # sync clients as well as 14.0/14.1) raises NotImplementedError, not an
        # InvalidHandshake, for a chunked error response: no except clause about status
        # codes can catch it (NFX204 reports such pins). The legacy client handles it.
        assert after == before == "ESCAPED NotImplementedError"
        return
    assert after.startswith("CAUGHT"), (name, release, variant, after)
    assert "503" in after
    if fixed == source:
        return  # a fixture that is right as it is (legacy only)
    if new_client:
        assert before == "ESCAPED InvalidStatus", (name, release, variant, before)
    else:
        assert before == after  # the legacy client raised InvalidStatusCode, caught before too


PREDICATE_DRIVER = """
import asyncio, importlib.util, sys, warnings
warnings.simplefilter("ignore")
import websockets
spec = importlib.util.spec_from_file_location("fixture_under_test", sys.argv[1])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
async def refused():
    try:
        await websockets.connect(sys.argv[2])
    except Exception as error:
        return error
error = asyncio.run(refused())
print(type(error).__name__, module.is_auth_failure(error))
"""


@pytest.mark.parametrize("release", RELEASES)
def test_fixed_retry_predicate_sees_auth_failure_on_real_release_network(
    release: str, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """NFX203: rpc_client's retry predicate tests ``isinstance(exc, InvalidStatusCode)``
    away from any connect call. Against a server answering 403, the fixed predicate
    says "auth failure" on every release; the original says so only before 14.0, so
    from 14.0 the client would retry an authentication failure forever."""
    path = FIXTURES / "NFX202" / "rpc_client.py"
    python = python_with(release, tmp_path_factory.getbasetemp() / "envs")
    forbidden = RefusingServer(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 9\r\nConnection: close\r\n\r\nforbidden")
    try:
        results = {}
        for variant, text in (
            ("original", path.read_text()),
            ("fixed", (FIXTURES / "NFX202" / "rpc_client.py.fixed").read_text()),
        ):
            module = tmp_path / f"{variant}.py"
            module.write_text(text)
            run = subprocess.run(
                [str(python), "-c", PREDICATE_DRIVER, str(module), forbidden.url],
                capture_output=True,
                text=True,
                timeout=60,
            )
            assert run.returncode == 0, run.stderr
            results[variant] = run.stdout.split()
    finally:
        forbidden.close()
    print(f"rpc_client.is_auth_failure | websockets {release} | {results}")
    legacy = Version(release) < Version("14.0")
    assert results["fixed"] == ["InvalidStatusCode" if legacy else "InvalidStatus", "True"]
    assert results["original"] == ["InvalidStatusCode", "True"] if legacy else ["InvalidStatus", "False"]


FERN_DRIVER = """
import asyncio, sys, warnings
warnings.simplefilter("ignore")
sys.path.insert(0, sys.argv[1])
from fern_sdk.chat.raw_client import ApiError, AsyncRawChatClient, RawChatClient

def sync_client():
    with RawChatClient().connect(sys.argv[2], {}):
        pass

async def legacy_client():
    async with AsyncRawChatClient().connect(sys.argv[2], {}):
        pass

async def asyncio_client():
    async with AsyncRawChatClient().connect_new(sys.argv[2]):
        pass

for name, call in (
    ("sync", sync_client),
    ("legacy", lambda: asyncio.run(legacy_client())),
    ("asyncio", lambda: asyncio.run(asyncio_client())),
):
    try:
        call()
        print(name, "CONNECTED")
    except ApiError as error:
        print(name, "CAUGHT", error.status_code)
    except BaseException as error:
        print(name, "ESCAPED", type(error).__name__)
"""


@pytest.mark.parametrize("release", RELEASES)
def test_fern_shim_clauses_reported_are_the_ones_a_refusal_escapes_network(
    release: str, server: Tuple[str, str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """fixtures/NFX201/fern_sdk: the clauses NFX201 reports (the shim's
    InvalidWebSocketStatus around the sync and asyncio clients) let the refusal escape
    on every release; the one it leaves alone (around the legacy client) catches it."""
    variant, url = server
    python = python_with(release, tmp_path_factory.getbasetemp() / "envs")
    result = subprocess.run(
        [str(python), "-c", FERN_DRIVER, str(FIXTURES / "NFX201"), url],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONWARNINGS": "ignore", "PYTHONDONTWRITEBYTECODE": "1"},
    )
    outcomes = dict(line.split(" ", 1) for line in result.stdout.strip().splitlines())
    print(f"fern_sdk | websockets {release} | {variant} | {outcomes}")
    assert outcomes["legacy"] == "CAUGHT 503", result.stderr
    # Measured: the new clients before 14.2 raise NotImplementedError for a chunked
    # error response (see above); otherwise InvalidStatus, which the shim's
    # InvalidStatusCode never matches.
    escaped = "NotImplementedError" if variant == "chunked" and Version(release) < Version("14.2") else "InvalidStatus"
    assert outcomes["sync"] == outcomes["asyncio"] == f"ESCAPED {escaped}", result.stderr


@pytest.mark.parametrize("release", RELEASES)
def test_nfx206_fix_reads_the_status_of_a_real_refusal_network(
    release: str, server: Tuple[str, str], tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """``except InvalidStatus as e: e.status_code`` raises AttributeError on every
    release; the fixed ``e.response.status_code`` reads the 503."""
    path = FIXTURES / "NFX206/sync_status.py"
    variant, url = server
    python = python_with(release, tmp_path_factory.getbasetemp() / "envs")
    source = path.read_text()
    fixed = fix_source(source, str(path), Settings()).source
    original_file, fixed_file = tmp_path / "original.py", tmp_path / "fixed.py"
    original_file.write_text(source)
    fixed_file.write_text(fixed)
    before, after = outcome(python, original_file, url), outcome(python, fixed_file, url)
    print(f"NFX206 | websockets {release} | {variant} | as written: {before} | fixed: {after}")
    if variant == "chunked" and Version(release) < Version("14.2"):
        assert after == before == "ESCAPED NotImplementedError"  # see above: NFX204's pins
        return
    assert before == "ESCAPED AttributeError"
    assert after == "CAUGHT refused: 503"


# -- NFX205: the arguments each implementation takes ---------------------------------

ARGUMENT_RELEASES = ["12.0", "13.1", "14.0", "14.2", "17.4"]
ARGUMENT_FIXTURES = ["NFX205/new_only/stream.py", "NFX205/both_sides/bridge.py", "NFX205/legacy_only/agent.py"]

ARGUMENT_DRIVER = """
import importlib.util, sys, warnings
warnings.simplefilter("ignore")
spec = importlib.util.spec_from_file_location("fixture_under_test", sys.argv[1])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
try:
    print("GOT", module.fetch_token(sys.argv[2]))
except BaseException as error:
    print("ESCAPED", type(error).__name__)
"""

_GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


class HeaderEchoServer(LoopbackServer):
    """A WebSocket server on 127.0.0.1 that accepts every handshake, sends one text
    message, the request's ``X-Token`` header (``-`` when it is missing), and closes."""

    path = "/feed"

    def answer(self, conn: socket.socket) -> None:
        headers = {}
        for line in read_request(conn).split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            headers[name.strip().lower()] = value.strip()
        accept = base64.b64encode(hashlib.sha1(headers.get(b"sec-websocket-key", b"") + _GUID).digest())
        conn.sendall(
            b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            b"Sec-WebSocket-Accept: " + accept + b"\r\n\r\n"
        )
        token = headers.get(b"x-token", b"-")
        conn.sendall(b"\x81" + bytes([len(token)]) + token + b"\x88\x02\x03\xe8")
        while conn.recv(4096):  # the client's close frame, then its end of the stream
            pass


@pytest.fixture(scope="module")
def echo_server() -> Iterator[str]:
    server = HeaderEchoServer()
    yield server.url
    server.close()


def argument_outcome(python: Path, module: Path, url: str) -> str:
    result = subprocess.run(
        [str(python), "-c", ARGUMENT_DRIVER, str(module), url],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    lines = result.stdout.strip().splitlines()
    assert lines, result.stderr
    return lines[-1]


@pytest.mark.parametrize("release", ARGUMENT_RELEASES)
@pytest.mark.parametrize("name", ARGUMENT_FIXTURES)
def test_fixed_arguments_work_on_every_allowed_release_network(
    name: str, release: str, echo_server: str, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """FACTS.md section 3, row 1: the original fails with TypeError on the releases whose
    implementation does not take its argument; the fixed code sends its headers on
    every release its project allows."""
    path = FIXTURES / name
    if not allowed(path, release):
        pytest.skip(f"{name}'s project does not allow websockets {release}")
    python = python_with(release, tmp_path_factory.getbasetemp() / "envs")
    source = path.read_text()
    settings = Settings(preview=True, websockets_version=websockets_specifier(str(path)))
    fixed = fix_source(source, str(path), settings).source
    assert fixed != source and fixed == (path.parent / f"{path.name}.fixed").read_text()
    original_file, fixed_file = tmp_path / "original.py", tmp_path / "fixed.py"
    original_file.write_text(source)
    fixed_file.write_text(fixed)
    before, after = (
        argument_outcome(python, original_file, echo_server),
        argument_outcome(python, fixed_file, echo_server),
    )
    print(f"{name} | websockets {release} | as written: {before} | fixed: {after}")
    assert after == "GOT key-123", (name, release, after)
    # The original breaks exactly where the implementation it runs lacks the argument.
    new_implementation = Version(release) >= Version("14.0")
    breaks = new_implementation if "additional_headers=" not in source else not new_implementation
    assert before == ("ESCAPED TypeError" if breaks else "GOT key-123"), (name, release, before)


# -- NFX206: the connection's attributes ----------------------------------------------

#: Fixtures that run their own server and client on 127.0.0.1 (``roundtrip()``), and what
#: the fixed code returns on every release its project allows.
ROUNDTRIP_FIXTURES = {
    "NFX206/connection_new_only/feed.py": "/feed - alive=True after-close=False",
    "NFX206/connection_both/feed.py": "/feed - alive=True after-close=False",
    "NFX207/new_only/chat.py": "joined kitchen",
    "NFX207/both_sides/chat.py": "joined kitchen",
    # Issue 18's upgrade case: every rule of the switch in one project, fixed by one run.
    "NFX207/upgrade_pinned/app.py": "/feed key-123 alive=True",
    "NFX207/upgrade_range/app.py": "/feed key-123 alive=True",
}

CONNECTION_DRIVER = """
import asyncio, importlib.util, sys, warnings
warnings.simplefilter("ignore")
spec = importlib.util.spec_from_file_location("fixture_under_test", sys.argv[1])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
try:
    print("GOT", asyncio.run(asyncio.wait_for(module.roundtrip(), 20)))
except BaseException as error:
    print("ESCAPED", type(error).__name__)
"""


@pytest.mark.parametrize("release", ARGUMENT_RELEASES)
@pytest.mark.parametrize("name", sorted(ROUNDTRIP_FIXTURES))
def test_fixed_server_and_client_work_on_every_allowed_release_network(
    name: str, release: str, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """FACTS.md section 3, rows 2, 3 and 5: the fixture's own server (127.0.0.1, an
    ephemeral port) reads ``websocket.path`` / ``.request_headers`` or takes ``(websocket,
    path)``, its client reads ``ws.open``; as written they fail from 14.0 on, and the
    fixed code runs on every allowed release."""
    path = FIXTURES / name
    if not allowed(path, release):
        pytest.skip(f"{name}'s project does not allow websockets {release}")
    python = python_with(release, tmp_path_factory.getbasetemp() / "envs")
    source = path.read_text()
    settings = Settings(preview=True, websockets_version=websockets_specifier(str(path)))
    fixed = fix_source(source, str(path), settings).source
    assert fixed != source and fixed == (path.parent / f"{path.name}.fixed").read_text()
    original_file, fixed_file = tmp_path / "original.py", tmp_path / "fixed.py"
    original_file.write_text(source)
    fixed_file.write_text(fixed)
    outcomes = []
    for module in (original_file, fixed_file):
        result = subprocess.run(
            [str(python), "-c", CONNECTION_DRIVER, str(module)],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "PYTHONWARNINGS": "ignore"},
        )
        lines = result.stdout.strip().splitlines()
        assert lines, result.stderr
        outcomes.append(lines[-1])
    before, after = outcomes
    print(f"{name} | websockets {release} | as written: {before} | fixed: {after}")
    assert after == f"GOT {ROUNDTRIP_FIXTURES[name]}", (name, release, after)
    if Version(release) >= Version("14.0"):
        assert before.startswith("ESCAPED"), (name, release, before)
    else:
        assert before == after, (name, release, before)


# -- NFX208: serve() where no loop runs -------------------------------------------------

LOOP_DRIVER = """
import importlib.util, sys, warnings
warnings.simplefilter("ignore")
spec = importlib.util.spec_from_file_location("fixture_under_test", sys.argv[1])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
try:
    server = module.start()
    server.close()
    print("STARTED")
except BaseException as error:
    print("ESCAPED", type(error).__name__)
"""


@pytest.mark.parametrize("release", ARGUMENT_RELEASES)
@pytest.mark.parametrize("name", ["NFX208/tutorial/server.py", "NFX208/legacy_pinned/server.py"])
def test_serve_outside_a_loop_fails_where_reported_network(
    name: str, release: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """FACTS.md section 3, row 4: the tutorial's ``serve(...)`` then ``run_until_complete``
    starts the legacy server (before 14.0) and raises RuntimeError at the call on the new
    one; NFX208 reports it exactly where the project allows a release that breaks."""
    path = FIXTURES / name
    if not allowed(path, release):
        pytest.skip(f"{name}'s project does not allow websockets {release}")
    python = python_with(release, tmp_path_factory.getbasetemp() / "envs")
    result = subprocess.run([str(python), "-c", LOOP_DRIVER, str(path)], capture_output=True, text=True, timeout=60)
    outcome = result.stdout.strip().splitlines()[-1]
    print(f"{name} | websockets {release} | {outcome}")
    breaks = Version(release) >= Version("14.0")
    assert outcome == ("ESCAPED RuntimeError" if breaks else "STARTED"), (name, release, outcome)
    settings = Settings(preview=True, websockets_version=websockets_specifier(str(path)))
    reported = [f.code for f in check_source(path.read_text(), str(path), settings)]
    assert reported == (["NFX208"] if "legacy" not in name else [])


ECHO_CLIENT = """
import asyncio, sys, time, warnings
warnings.simplefilter("ignore")
import websockets

async def hello(port):
    async with websockets.connect(f"ws://127.0.0.1:{port}/") as ws:
        await ws.send("hi")
        return await ws.recv()

deadline = time.monotonic() + 15
while True:
    try:
        print("GOT", asyncio.run(hello(int(sys.argv[1]))))
        break
    except OSError:
        if time.monotonic() > deadline:
            print("NO SERVER")
            break
        time.sleep(0.2)
"""


@pytest.mark.parametrize("release", ARGUMENT_RELEASES)
def test_fixed_tutorial_serves_on_every_allowed_release_network(
    release: str, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The exact pattern's rewrite (``async with serve(...)`` in ``asyncio.run``) serves a
    client on every release; the script as written dies at the call from 14.0."""
    path = FIXTURES / "NFX208" / "tutorial_exact" / "server.py"
    python = python_with(release, tmp_path_factory.getbasetemp() / "envs")
    settings = Settings(preview=True, websockets_version=websockets_specifier(str(path)))
    fixed = fix_source(path.read_text(), str(path), settings).source
    assert fixed == (path.parent / "server.py.fixed").read_text()
    outcomes = []
    for source in (path.read_text(), fixed):
        script = tmp_path / "server.py"
        script.write_text(source)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        server = subprocess.Popen(
            [str(python), str(script)],
            env={**os.environ, "PORT": str(port), "PYTHONWARNINGS": "ignore"},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            client = subprocess.run(
                [str(python), "-c", ECHO_CLIENT, str(port)], capture_output=True, text=True, timeout=60
            )
            outcomes.append(client.stdout.strip().splitlines()[-1])
        finally:
            server.kill()
            stderr = server.communicate(timeout=10)[1]
        if outcomes[-1] != "GOT hi":
            outcomes[-1] += " / " + ("RuntimeError" if "RuntimeError" in stderr else stderr[-200:])
    before, after = outcomes
    print(f"websockets {release} | as written: {before} | fixed: {after}")
    assert after == "GOT hi", (release, after)
    breaks = Version(release) >= Version("14.0")
    assert before == ("NO SERVER / RuntimeError" if breaks else "GOT hi"), (release, before)


# -- NFX209: a requirement floor below what the code uses ----------------------------------


@pytest.mark.parametrize("release", [*ARGUMENT_RELEASES, "14.1"])
def test_the_releases_a_raised_floor_removes_are_the_ones_the_code_breaks_on_network(
    release: str, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """FACTS.md section 3, "Landmarks" and row 12: the fixture project's code (the new
    client and server, ``max_queue=None``, ``close_code``, the top-level ``State``) runs
    on a release exactly when NFX209's fixed requirement admits it; the ones the original
    requirement admits beyond that break it."""
    from packaging.requirements import Requirement

    project = FIXTURES / "NFX209" / "project"
    original, fixed = (
        Requirement(_websockets_line(project / name)).specifier
        for name in ("requirements.txt", "requirements.txt.fixed")
    )
    if not original.contains(release):
        pytest.skip(f"the project does not allow websockets {release}")
    python = python_with(release, tmp_path_factory.getbasetemp() / "envs")
    module = tmp_path / "client.py"
    module.write_text((project / "feed" / "client.py").read_text())
    result = subprocess.run(
        [str(python), "-c", CONNECTION_DRIVER.replace(", 20)", ", 10)"), str(module)],
        capture_output=True,
        text=True,
        timeout=90,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    # Failing at import (no websockets.asyncio) is breaking too.
    failed = result.stderr.strip().splitlines()[-1:] or ["nothing"]
    got = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else f"ESCAPED at import: {failed[0]}"
    print(f"NFX209 project | websockets {release} | {got}")
    if fixed.contains(release):
        assert got == "GOT closed 1000 bye alive=[True]", (release, got)
    else:
        assert got.startswith("ESCAPED"), (release, got)


def _websockets_line(path: Path) -> str:
    line = next(line for line in path.read_text().splitlines() if line.startswith("websockets"))
    return line.split("#", 1)[0].strip()


PROXY_DRIVER = """
import importlib.util, sys, threading, warnings
warnings.simplefilter("ignore")
from websockets.sync.server import serve
spec = importlib.util.spec_from_file_location("fixture_under_test", sys.argv[1])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)


def echo(ws):
    ws.send("echo " + ws.recv())


with serve(echo, "127.0.0.1", 0) as server:
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.socket.getsockname()[1]
    try:
        print("GOT " + module.open_terminal(f"ws://127.0.0.1:{port}/", "http://localhost"))
    except Exception as error:
        print(f"ESCAPED {type(error).__name__}")
    server.shutdown()
"""


@pytest.mark.parametrize("release", ["13.1", "14.2", "15.0", "16.0"])
def test_the_proxy_floor_removes_the_releases_that_refuse_proxy_network(
    release: str, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """fixtures/NFX209/proxy_floor: ``connect(..., proxy=None)`` on the threading client
    works exactly on the releases the fixed requirement (>=15.0) admits; on the older
    ones the original admits, the keyword reaches ``socket.create_connection``: TypeError."""
    fixed, got = _floor_run("proxy_floor", "bridge/terminal.py", PROXY_DRIVER, release, tmp_path, tmp_path_factory)
    assert got == ("GOT echo hello" if fixed else "ESCAPED TypeError"), (release, got)


def _floor_run(
    name: str, module: str, driver: str, release: str, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> Tuple[bool, str]:
    """Run ``driver`` on fixtures/NFX209/NAME/MODULE with websockets ``release`` (which the
    original requirement admits): whether the fixed requirement admits it, and the last
    line the driver printed."""
    from packaging.requirements import Requirement

    project = FIXTURES / "NFX209" / name
    original, fixed = (
        Requirement(_websockets_line(project / file)).specifier
        for file in ("requirements.txt", "requirements.txt.fixed")
    )
    assert original.contains(release)
    python = python_with(release, tmp_path_factory.getbasetemp() / "envs")
    copy = tmp_path / Path(module).name
    copy.write_text((project / module).read_text())
    result = subprocess.run([str(python), "-c", driver, str(copy)], capture_output=True, text=True, timeout=90)
    got = (result.stdout.strip().splitlines() or [f"NOTHING: {result.stderr[-300:]}"])[-1]
    print(f"NFX209 {name} | websockets {release} | {got}")
    return fixed.contains(release), got


DASHBOARD_DRIVER = """
import asyncio, importlib.util, logging, sys, warnings
warnings.simplefilter("ignore")
logging.disable(logging.CRITICAL)
spec = importlib.util.spec_from_file_location("fixture_under_test", sys.argv[1])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)


async def main():
    async with module.Dashboard(0).start() as server:
        port = next(iter(server.sockets)).getsockname()[1]
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(b"GET /admin HTTP/1.1\\r\\nHost: localhost\\r\\n\\r\\n")
        print("STATUS " + (await asyncio.wait_for(reader.readline(), 10)).decode().split()[1])
        writer.close()


asyncio.run(main())
"""


@pytest.mark.parametrize("release", ["12.0", "13.1", "14.0", "17.4"])
def test_a_process_request_answering_with_response_needs_the_floor_network(
    release: str, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """fixtures/NFX209/process_request_response: a ``process_request`` that returns the new
    implementation's ``Response`` answers 200 exactly on the releases the fixed
    requirement (>=14.0) admits; on the older ones the original admits, the legacy serve
    cannot unpack it and answers 500."""
    name, module = "process_request_response", "dashboard/server.py"
    fixed, got = _floor_run(name, module, DASHBOARD_DRIVER, release, tmp_path, tmp_path_factory)
    assert got == ("STATUS 200" if fixed else "STATUS 500"), (release, got)


MIRROR = """
import asyncio
import websockets
from websockets.exceptions import InvalidStatus


def connect_once(url):
    async def attempt():
        try:
            async with websockets.connect(url):
                return "open"
        except InvalidStatus as exc:
            return exc.response.status_code

    return asyncio.run(attempt())
"""


@pytest.mark.parametrize("release", RELEASES)
def test_except_invalid_status_misses_the_refusal_where_nfx202_says_network(
    release: str, server: Tuple[str, str], tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """NFX202's mirror: `except InvalidStatus` around the top-level connect catches a
    refusal from 14.0 on; before, the legacy client's InvalidStatusCode escapes it."""
    variant, url = server
    if variant == "chunked" and Version("14.0") <= Version(release) < Version("14.2"):
        pytest.skip("14.0/14.1 answer a chunked refusal with NotImplementedError (NFX204's business)")
    found = [f.code for f in check_source(MIRROR, "mirror.py", Settings(websockets_version=f">={release}"))]
    module = tmp_path / "mirror.py"
    module.write_text(MIRROR)
    got = outcome(python_with(release, tmp_path_factory.getbasetemp() / "envs"), module, url)
    print(f"NFX202 mirror | websockets {release} | {variant} | {got} | {found}")
    if Version(release) < Version("14.0"):
        assert got == "ESCAPED InvalidStatusCode" and found == ["NFX202"]
    else:
        assert got == "CAUGHT 503" and found == []


ONE_ARGUMENT_DRIVER = """
import asyncio, warnings
warnings.simplefilter("ignore")
import websockets


async def handler(websocket):
    await websocket.send("hi")


async def main():
    async with websockets.serve(handler, "127.0.0.1", 0) as server:
        port = server.sockets[0].getsockname()[1]
        async with websockets.connect(f"ws://127.0.0.1:{port}/") as ws:
            try:
                print("GOT", await asyncio.wait_for(ws.recv(), 10))
            except websockets.ConnectionClosed as closed:
                print("CLOSED", closed.code)


asyncio.run(main())
"""


@pytest.mark.parametrize("release", ["10.0", "10.1", "13.1", "14.2"])
def test_a_one_argument_handler_fails_where_nfx209_floors_network(
    release: str, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """NFX209's need of 10.1 for a handler taking the connection alone: before 10.1 the
    legacy serve calls it with the path too, and every connection is closed with 1011."""
    from netfix_lint.engine import websockets_needs
    from netfix_lint.rules.websockets_floor import ONE_ARGUMENT_FROM

    needs = websockets_needs(ONE_ARGUMENT_DRIVER, str(tmp_path / "server.py"), Settings(preview=True))
    assert [need.broken for need in needs if "takes the connection alone" in need.why] == [f"<{ONE_ARGUMENT_FROM}"]
    if sys.version_info >= (3, 12) and Version(release) < Version("12.0"):
        pytest.skip(f"websockets {release} predates Python {sys.version_info[0]}.{sys.version_info[1]}")
    python = python_with(release, tmp_path_factory.getbasetemp() / "envs")
    result = subprocess.run(
        [str(python), "-c", ONE_ARGUMENT_DRIVER], capture_output=True, text=True, timeout=90, cwd=tmp_path
    )
    got = result.stdout.strip().splitlines()[-1:] or [f"nothing: {result.stderr[-300:]}"]
    print(f"one-argument handler | websockets {release} | {got[0]}")
    assert got[0] == ("CLOSED 1011" if Version(release) < Version(ONE_ARGUMENT_FROM) else "GOT hi")


class HangingUpServer(LoopbackServer):
    """Reads the upgrade request, then closes without answering (a server that is
    restarting or overloaded), or answers with a line that is not HTTP."""

    def __init__(self, reply: bytes) -> None:
        self.reply = reply
        super().__init__()

    def answer(self, conn: socket.socket) -> None:
        read_request(conn)
        if self.reply:
            conn.sendall(self.reply)


EARLY_CLOSE_BODY = """

def connect_once(url):
    async def attempt():
        try:
            async with connect(url, open_timeout=10):
                return "open"
        except {caught} as exc:
            return type(exc).__name__

    return asyncio.run(attempt())
"""
SWITCH = (
    "try:\n    from websockets.asyncio.client import connect\n"
    "except ImportError:\n    from websockets.client import connect\n"
)
#: Samples: (imports, what the clause catches, whether a reply that is not HTTP counts:
#: a clause that takes EOFError is meant for the hang-up, and ValueError is not one).
EARLY_CLOSE = {
    "top-level": ("from websockets import connect\n", "InvalidHandshake", True),
    "switch": (SWITCH, "InvalidHandshake", True),
    "asyncio-oserror": ("from websockets.asyncio.client import connect\n", "(OSError, WebSocketException)", True),
    "asyncio-eof": ("from websockets.asyncio.client import connect\n", "(InvalidHandshake, EOFError)", False),
}


@pytest.mark.parametrize("reply", [b"", b"HTTP/1.1 xx\r\n\r\n"], ids=["closed", "garbage"])
@pytest.mark.parametrize("release", ["12.0", "13.0", "13.1", "14.0", "14.1", "14.2"])
@pytest.mark.parametrize("sample", sorted(EARLY_CLOSE))
def test_a_broken_off_handshake_escapes_where_nfx209_says_network(
    sample: str, release: str, reply: bytes, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """NFX209's need for a clause that handles a failed handshake around a new client:
    before 14.2 the new client raises a ConnectionError (up to 13.0) or a raw EOFError
    (the server hung up before answering) or ValueError (it answered garbage, 13.1 to
    14.1), where the legacy client (the top-level name before 14.0) and 14.2 on raise
    InvalidMessage. The releases the need names are exactly the ones where the error
    escapes the try, and the fixed requirement keeps the others."""
    from packaging.specifiers import SpecifierSet

    from netfix_lint.engine import websockets_needs
    from netfix_lint.ops import ReplaceText
    from netfix_lint.rules.websockets_floor import floor_findings

    imports, caught, garbage_counts = EARLY_CLOSE[sample]
    if reply and not garbage_counts:
        pytest.skip("a clause that takes EOFError is meant for the hang-up alone")
    if "asyncio.client import" in imports and Version(release) < Version("13.0"):
        pytest.skip("no websockets.asyncio before 13.0: the floor's other need")
    source = "import asyncio\nfrom websockets.exceptions import InvalidHandshake, WebSocketException\n"
    source += imports + EARLY_CLOSE_BODY.format(caught=caught)
    needs = [n for n in websockets_needs(source, str(tmp_path / "app.py"), Settings()) if "breaks off" in n.why]
    assert len(needs) == 1, needs
    (finding,) = floor_findings("websockets>=12.0\n", str(tmp_path / "requirements.txt"), needs)
    assert finding.fix is not None and isinstance(finding.fix.ops[0], ReplaceText)
    fixed = SpecifierSet(finding.fix.ops[0].new.replace("websockets", ""))
    module = tmp_path / "app.py"
    module.write_text(source)
    hanging = HangingUpServer(reply)
    try:
        got = outcome(python_with(release, tmp_path_factory.getbasetemp() / "envs"), module, hanging.url)
    finally:
        hanging.close()
    print(f"early close | {sample} | websockets {release} | {reply!r} | {got} | {needs[0].broken} | fixed {fixed}")
    if SpecifierSet(needs[0].broken).contains(release):
        assert got.startswith("ESCAPED") and not fixed.contains(release), (release, got)
    else:
        assert got.startswith("CAUGHT") and fixed.contains(release), (release, got)


LATE_KEYWORDS = """
import warnings
warnings.simplefilter("ignore")
from websockets.sync.client import connect
for keywords in ({"ping_interval": 20}, {"ssl": None}):
    try:
        connect("ws://127.0.0.1:9/", open_timeout=2, **keywords)
    except TypeError:
        print(list(keywords)[0], "TypeError")
    except OSError:
        print(list(keywords)[0], "taken")
"""


@pytest.mark.parametrize("release", ["12.0", "13.1", "14.2", "15.0"])
def test_the_threading_client_takes_keepalive_from_15_and_ssl_from_13_network(
    release: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """NFX205's and NFX209's SYNC_FROM, measured: ``ping_interval=`` is a TypeError before
    15.0 (13.x/14.x pass it on to ``socket.create_connection``), ``ssl=`` before 13.0.
    Port 9 on 127.0.0.1 refuses: a keyword taken gets as far as an OSError."""
    from netfix_lint.rules.websockets_arguments import SYNC_FROM

    python = python_with(release, tmp_path_factory.getbasetemp() / "envs")
    result = subprocess.run([str(python), "-c", LATE_KEYWORDS], capture_output=True, text=True, timeout=60)
    got = dict(line.split() for line in result.stdout.strip().splitlines())
    print(f"sync keywords | websockets {release} | {got}")
    for keyword in ("ping_interval", "ssl"):
        taken = Version(release) >= Version(SYNC_FROM[keyword])
        assert got[keyword] == ("taken" if taken else "TypeError"), (release, keyword, got)


SIGNATURES_DRIVER = """
import asyncio, importlib, inspect, json, socket, sys, threading, warnings
warnings.simplefilter("ignore")
import websockets


def keywords(function):
    # A class's __init__ (Connect, Serve, connect in 13.x+) or a plain function.
    function = getattr(function, "__init__", function) if inspect.isclass(function) else function
    # (websockets passes the loop its protocol_factory itself.)
    return [p.name for p in inspect.signature(function).parameters.values()
            if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)
            and p.name not in ("self", "protocol_factory")]


found = {"connect": set(), "serve": set()}
for module, name, kind in [
    ("websockets", "connect", "connect"), ("websockets", "serve", "serve"),
    ("websockets.legacy.client", "Connect", "connect"), ("websockets.legacy.server", "Serve", "serve"),
    ("websockets.asyncio.client", "connect", "connect"), ("websockets.asyncio.server", "serve", "serve"),
    ("websockets.sync.client", "connect", "connect"), ("websockets.sync.server", "serve", "serve"),
]:
    try:
        found[kind].update(keywords(getattr(importlib.import_module(module), name)))
    except (ImportError, AttributeError):
        pass
loop = asyncio.new_event_loop()
for name, kind in [("create_connection", "connect"), ("create_unix_connection", "connect"),
                   ("create_server", "serve"), ("create_unix_server", "serve")]:
    found[kind].update(keywords(getattr(loop, name)))
found["connect"].update(keywords(socket.create_connection))
found["serve"].update(keywords(socket.create_server))


async def refused():
    server = await asyncio.start_server(lambda r, w: w.close(), "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        async with websockets.connect(f"ws://127.0.0.1:{port}/", pong_timeout=10):
            return "CONNECTED"
    except TypeError as error:
        return "TypeError" if "pong_timeout" in str(error) else f"TypeError {error}"
    except Exception as error:
        return type(error).__name__
    finally:
        server.close()


print(json.dumps({k: sorted(v) for k, v in found.items()}))
print(loop.run_until_complete(asyncio.wait_for(refused(), 20)))
"""


@pytest.mark.parametrize("release", ["9.1", *ARGUMENT_RELEASES])
def test_keywords_no_release_takes_fail_everywhere_network(
    release: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """NFX205's table of the keywords some release takes (rules/websockets_signatures.py)
    holds every keyword the release's connect and serve take, through any implementation
    and what they pass unknown keywords on to; and one outside it (``pong_timeout=``, the
    xingzierai 0.207.1 miss of blind round 31) fails with TypeError on a loopback server."""
    from netfix_lint.rules.websockets_signatures import TAKEN

    python = python_with(release, tmp_path_factory.getbasetemp() / "envs")
    result = subprocess.run([str(python), "-c", SIGNATURES_DRIVER], capture_output=True, text=True, timeout=90)
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 2, result.stderr[-500:]
    found = json.loads(lines[0])
    print(f"NFX205 signatures | websockets {release} | pong_timeout=: {lines[1]}")
    for kind, names in found.items():
        assert set(names) <= TAKEN[kind], (release, kind, sorted(set(names) - TAKEN[kind]))
    assert lines[1] == "TypeError", (release, lines[1])
