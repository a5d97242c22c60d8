"""What a module's package does with TLS decides whether its drop handlers can see
ssl.SSLEOFError (netfix_lint/package.py): real packages on disk, through the real
``netfix-lint`` and ``flake8`` executables, the cache included."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Dict, List

import pytest

from netfix_lint import package

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
    "import errno\nimport socket\n\n\n"
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
    result = run("netfix-lint", ["--no-cache", *args], cwd=cwd)
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


@pytest.mark.parametrize(
    "imports, found",
    [
        ("from .client import fetch\n", True),
        ("from . import client\n", True),
        ("from app.client import fetch\n", True),
        ("import app.client as c\n", True),
        ("from .middle import go\n", True),  # through another module of the package
        ("from .middle import (\n    go,\n)\n", True),
        ("from .other import go\n", False),  # urlopen lives and dies inside its call
        ("", False),
    ],
)
def test_call_bound_tls_counts_through_the_modules_imports(tmp_path: Path, imports: str, found: bool) -> None:
    make(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/tls.py": ASYNCIO_TLS,
            "app/client.py": URLOPEN,
            "app/middle.py": "from .client import fetch\n\ndef go():\n    return fetch('https://x')\n",
            "app/other.py": "def go():\n    return 1\n",
            "app/workers.py": imports + WORKERS,
        },
    )
    line = 8 + imports.count("\n")
    assert reported(tmp_path, "app/workers.py") == ([f"app/workers.py:{line}:5"] if found else [])


def test_comments_show_nothing_and_errno_tests_follow_the_same_verdict(tmp_path: Path) -> None:
    make(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/tls.py": ASYNCIO_TLS + "# not here: ctx.wrap_socket(sock)\n",
            "app/workers.py": ERRNO_WORKERS,
        },
    )
    assert reported(tmp_path, "app") == []
    make(tmp_path, {"app/serve.py": BLOCKING_TLS})
    assert reported(tmp_path, "app") == ["app/workers.py:9:12"]


def test_flake8_and_stdin_see_the_package_too(tmp_path: Path) -> None:
    make(tmp_path, {"app/__init__.py": "", "app/tls.py": ASYNCIO_TLS, "app/workers.py": WORKERS})
    result = run("flake8", ["--isolated", "--select", "NFX", "app"], cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "")
    # The text on stdin is the module's, whatever the file on disk says.
    text = (WORKERS + BLOCKING_TLS.replace("import socket\nimport ssl\n", "")).encode()
    result = run("netfix-lint", ["--stdin-filename", "app/workers.py", "-"], cwd=tmp_path, stdin=text)
    assert result.returncode == 1 and "app/workers.py:8:5: NFX101" in result.stdout
    result = run("netfix-lint", ["--stdin-filename", "app/workers.py", "-"], cwd=tmp_path, stdin=WORKERS.encode())
    assert result.returncode == 0 and "NFX" not in result.stdout


def test_a_cached_result_follows_a_change_elsewhere_in_the_package(tmp_path: Path) -> None:
    make(tmp_path, {"app/__init__.py": "", "app/tls.py": ASYNCIO_TLS, "app/workers.py": WORKERS})

    def check() -> List[str]:
        result = run("netfix-lint", ["app"], cwd=tmp_path)
        return [line.split(": ", 1)[0] for line in result.stdout.splitlines() if ": NFX" in line]

    assert check() == [] and check() == []
    (tmp_path / "app/serve.py").write_text(BLOCKING_TLS)  # workers.py itself is unchanged
    assert check() == ["app/workers.py:8:5"]
    assert check() == ["app/workers.py:8:5"]
    (tmp_path / "app/serve.py").unlink()
    assert check() == []


def test_imports_resolve_to_the_packages_files(tmp_path: Path) -> None:
    make(
        tmp_path,
        {
            "top/__init__.py": "",
            "top/a.py": "",
            "top/sub/__init__.py": "",
            "top/sub/b.py": "",
            "top/sub/inner/__init__.py": "",
            "top/sub/inner/c.py": "",
        },
    )
    root = str(tmp_path / "top")
    module = str(tmp_path / "top/sub/inner/c.py")
    text = (
        "from .. import b\n"
        "from ...a import x\n"
        "from top.sub import (\n    b as bee,  # comment\n)\n"
        "import os, top.sub.inner\n"
        "from elsewhere import a\n"
    )
    found = {os.path.relpath(p, tmp_path) for p in package._imports(root, module, text)}
    assert found == {"top/sub/b.py", "top/sub/__init__.py", "top/a.py", "top/__init__.py", "top/sub/inner/__init__.py"}
    assert package.package_root(module) == root
    assert package.package_root(str(tmp_path / "loose.py")) is None


@pytest.mark.parametrize(
    "text, verdict",
    [
        ("ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)\n", package.ELSEWHERE),
        ("ctx = SSLContext (PROTOCOL_TLS)\n", package.ELSEWHERE),
        ("from ssl import SSLContext\ndef f(ctx: SSLContext): pass\n", package.NO_TLS),  # a type hint
        ("s = ctx.wrap_socket(sock)\n", package.BLOCKING),
        ("# s = ctx.wrap_socket(sock)\nctx = create_default_context()\n", package.ELSEWHERE),
        ("my_wrap_socket_helper = 1\nctx = create_default_context()\n", package.ELSEWHERE),  # part of a name
        ("import websockets\nctx = create_default_context()\n", package.ELSEWHERE),  # asyncio websockets
        ("import websocket\nctx = create_default_context()\n", package.BLOCKING),  # websocket-client
        ("from urllib.request import urlopen\n", package.BLOCKING),
    ],
)
def test_what_a_module_shows(tmp_path: Path, text: str, verdict: str) -> None:
    make(tmp_path, {"app/__init__.py": "", "app/mod.py": text})
    assert package.tls_verdict(str(tmp_path / "app/mod.py"), text) == verdict
    package.forget()
