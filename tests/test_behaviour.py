"""The fixed fixtures *behave*: a raised ssl.SSLEOFError lands in the connection-drop
handler, where the original code let it reach the generic error path or escape.

Each scenario runs fixture code with the exception raised where a real TLS drop raises
it (the write to the client, the recv, the sendall) and says how it was handled.
"""

from __future__ import annotations

import itertools
import logging
import ssl
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any, Callable, Dict, List, Tuple

import pytest

from netfix_lint import Settings, fix_source

from .conftest import FIXTURES, load_module

_counter = itertools.count()
DROPPED, ERROR = "dropped", "error"


def ssl_eof() -> ssl.SSLEOFError:
    return ssl.SSLEOFError(ssl.SSL_ERROR_EOF, "EOF occurred in violation of protocol (_ssl.c:2427)")


class Raising:
    """A socket or file whose every I/O method raises ``error``."""

    def __init__(self, error: BaseException) -> None:
        self.error = error

    def __getattr__(self, name: str) -> Callable[..., Any]:
        def fail(*args: Any, **kwargs: Any) -> Any:
            raise self.error

        return fail

    def close(self) -> None:
        """Closing a dead socket does not raise."""


def werkzeug(module: ModuleType, error: BaseException) -> str:
    logs: List[Tuple[str, str]] = []

    class Server:
        passthrough_errors = False

        @staticmethod
        def app(environ: Any, start_response: Any) -> List[bytes]:
            start_response("200 OK", [])
            return [b"x" * 1024]

        @staticmethod
        def log(level: str, message: str) -> None:
            logs.append((level, message))

    module.WSGIRequestHandler(Server(), Raising(error)).run_wsgi()
    assert len(logs) == 1
    if logs[0][0] == "error":
        assert logs[0][1].startswith("Error on request")
        return ERROR
    assert logs[0] == ("info", f"connection dropped: {type(error).__name__}")
    return DROPPED


def wsgiref(module: ModuleType, error: BaseException) -> str:
    errors: List[str] = []

    class Handler(module.BaseHandler):  # type: ignore[name-defined,misc]
        def write(self, data: bytes) -> None:
            raise error

        def handle_error(self) -> None:
            errors.append("traceback")

    Handler().run(lambda environ, start_response: [b"body"])
    return ERROR if errors else DROPPED


def socketserver_echo(module: ModuleType, error: BaseException, caplog: Any) -> str:
    handler = object.__new__(module.EchoHandler)
    handler.rfile = [b"hello\n"]
    handler.wfile = Raising(error)
    handler.client_address = ("127.0.0.1", 50000)
    with caplog.at_level(logging.DEBUG, logger=module.__name__):
        handler.handle()
    levels = [r.levelno for r in caplog.records if r.name == module.__name__]
    return ERROR if logging.ERROR in levels else DROPPED


def socketserver_greeter(module: ModuleType, error: BaseException) -> str:
    greeter = object.__new__(module.Greeter)
    greeter.request = Raising(error)
    return _escapes(lambda: greeter.handle())


def shadowed_ssl(module: ModuleType, error: BaseException, monkeypatch: Any) -> str:
    monkeypatch.setattr(module.socket, "create_connection", lambda *a, **k: Raising(error))
    # The TLS layer hands the (raising) socket back, as a wrapped one would raise.
    monkeypatch.setattr(module, "CONTEXT", SimpleNamespace(wrap_socket=lambda sock, **k: sock))
    return _escapes(lambda: module.connect("example.test"))


def future_imports(module: ModuleType, error: BaseException) -> str:
    return _escapes(lambda: module.relay(Raising(error), Raising(error)))


def graceful_close(module: ModuleType, error: BaseException) -> str:
    return _escapes(lambda: module.broadcast([Raising(error)], b"news"))


def _escapes(call: Callable[[], Any]) -> str:
    try:
        call()
    except Exception:
        return ERROR
    return DROPPED


SCENARIOS: Dict[str, Callable[..., str]] = {
    "NFX101/werkzeug_serving.py": werkzeug,
    "NFX104/wsgiref_handlers.py": wsgiref,
    "NFX101/socketserver_echo.py": socketserver_echo,
    "NFX101/socketserver_echo.py#greeter": socketserver_greeter,
    "NFX101/shadowed_ssl.py": shadowed_ssl,
    "NFX104/future_imports.py": future_imports,
    "NFX102/graceful_close.py": graceful_close,
}


def _load_text(text: str, path: Path, folder: Path) -> ModuleType:
    copy = folder / f"{next(_counter)}_{path.name}"
    copy.write_text(text, encoding="utf-8")
    return load_module(copy, f"netfix_behaviour_{copy.stem}")


def _fixed_module(path: Path, folder: Path) -> ModuleType:
    """Fix the fixture with the real engine (unsafe fixes too) and import the result."""
    result = fix_source(path.read_text(encoding="utf-8"), str(path), Settings(unsafe_fixes=True, preview=True))
    assert result.fixed, "the fixture should have something to fix"
    return _load_text(result.source, path, folder)


def _run(name: str, module: ModuleType, error: BaseException, request: Any) -> str:
    scenario = SCENARIOS[name]
    extra = {
        arg: request.getfixturevalue(arg) for arg in scenario.__code__.co_varnames[2 : scenario.__code__.co_argcount]
    }
    return scenario(module, error, **extra)


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_fixed_code_treats_ssl_eof_as_a_dropped_connection(name: str, request: Any, tmp_path: Path) -> None:
    path = FIXTURES / name.split("#")[0]
    original = _load_text(path.read_text(encoding="utf-8"), path, tmp_path)
    fixed = _fixed_module(path, tmp_path)
    # Before: the TLS drop is an error (logged with a traceback, or escaping).
    assert _run(name, original, ssl_eof(), request) == ERROR
    # After: it is handled as the dropped connection it is.
    assert _run(name, fixed, ssl_eof(), request) == DROPPED


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_fix_keeps_plain_drops_and_real_errors_apart(name: str, request: Any, tmp_path: Path) -> None:
    path = FIXTURES / name.split("#")[0]
    fixed = _fixed_module(path, tmp_path)
    # The drop each handler was written for is still handled as one.
    plain = BrokenPipeError(32, "Broken pipe") if "greeter" in name else ConnectionResetError(104, "reset")
    assert _run(name, fixed, plain, request) == DROPPED
    # Other TLS failures are still errors: only the EOF class was added.
    assert _run(name, fixed, ssl.SSLError(1, "bad record mac"), request) == ERROR


def test_unsafe_werkzeug_fix_is_unsafe_for_a_reason(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without ssl, Werkzeug's dummy module raises when the new clause is evaluated:
    which is why the guarded-import fix is not applied without --unsafe-fixes."""
    path = FIXTURES / "NFX101/werkzeug_serving.py"
    fixed = _fixed_module(path, tmp_path)

    class SslDummy:  # what the fixture binds when ``import ssl`` fails
        def __getattr__(self, name: str) -> Any:
            raise RuntimeError("SSL is unavailable because this Python runtime was not compiled")

    monkeypatch.setattr(fixed, "ssl", SslDummy())
    with pytest.raises(RuntimeError, match="SSL is unavailable"):
        werkzeug(fixed, ConnectionResetError())


def test_facts_about_ssl_eof_error() -> None:
    """FACTS.md section 1, pinned on this interpreter."""
    assert issubclass(ssl.SSLEOFError, ssl.SSLError)
    assert issubclass(ssl.SSLError, OSError)
    assert not issubclass(ssl.SSLEOFError, ConnectionError)
    assert ssl_eof().errno == ssl.SSL_ERROR_EOF
    assert int(ssl.SSL_ERROR_EOF) == 8
    for name in ("SSLZeroReturnError", "SSLSyscallError"):
        assert not issubclass(ssl.SSLEOFError, getattr(ssl, name))
