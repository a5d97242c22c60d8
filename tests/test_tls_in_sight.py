"""NFX103 reports an errno test only with TLS in sight of its module
(netfix_lint/package_tls.py, ``tls_in_sight``): the module names TLS, or a module of its
package that names TLS imports it. Real packages on disk, through the real
``netfix-lint`` and ``flake8`` executables, the results cache included."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List

import pytest

from netfix_lint import package, package_tls

from .conftest import run

#: An errno test around a socket write, in a module that names no TLS (eventlet's
#: backdoor console and irc's test server have this shape).
PLAIN = (
    "import errno\nimport socket\n\n\n"
    "def send(sock, data):\n"
    "    try:\n"
    "        sock.sendall(data)\n"
    "    except OSError as e:\n"
    "        if e.errno != errno.EPIPE:\n"
    "            raise\n"
)
FINDING = "app/plain.py:9:12"
#: The package wraps sockets in TLS elsewhere, in a module that does not import plain.py.
BLOCKING_TLS = (
    "import socket\nimport ssl\n\n\n"
    "def listen(ctx):\n"
    "    return ctx.wrap_socket(socket.create_server(('', 8443)), server_side=True)\n"
)


def make(root: Path, files: Dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def reported(cwd: Path, *args: str, cache: bool = False) -> List[str]:
    # NFX103 is a preview rule: --preview runs it under the default selection.
    result = run("netfix-lint", ["--preview", *([] if cache else ["--no-cache"]), *args], cwd=cwd)
    assert result.returncode in (0, 1), result.stderr
    return sorted(line.split(": ", 1)[0] for line in result.stdout.splitlines() if ": NFX" in line)


def test_out_of_sight_in_a_package_that_wraps_elsewhere(tmp_path: Path) -> None:
    make(tmp_path, {"app/__init__.py": "", "app/tls.py": BLOCKING_TLS, "app/plain.py": PLAIN})
    assert reported(tmp_path, "app") == []
    # The same module alone is out of sight too; naming TLS itself brings it in.
    make(tmp_path, {"alone/plain.py": PLAIN, "named/plain.py": "import ssl\n" + PLAIN})
    assert reported(tmp_path, "alone", "named") == ["named/plain.py:10:12"]


@pytest.mark.parametrize(
    "importer",
    [
        "from .plain import send\n",
        "from . import plain\n",
        "from app import plain\n",
        "from app.plain import send as send_frame\n",
        "import app.plain\n",
        "import os, app.plain as p\n",
        "from app import (\n    other,  # a comment\n    plain,\n)\n",
        "def later():\n    from .plain import send\n    return send\n",
        # Continuations, several statements a line, comments with brackets, no spaces.
        "from app import other, \\\n    plain\n",
        "from app \\\n    import plain\n",
        "import os; from . import plain\n",
        "try: from . import plain\nexcept ImportError: plain = None\n",
        "from app import (\n    other,  # see other()\n    plain,\n)\n",
        "from .import plain\n",
        "from.plain import send\n",
    ],
)
def test_a_module_that_names_tls_and_imports_it_brings_it_in_sight(tmp_path: Path, importer: str) -> None:
    make(tmp_path, {"app/__init__.py": "", "app/plain.py": PLAIN, "app/client.py": importer + BLOCKING_TLS})
    assert reported(tmp_path, "app") == [FINDING]


def test_crlf_line_endings(tmp_path: Path) -> None:
    make(tmp_path, {"app/__init__.py": "", "app/plain.py": PLAIN})
    (tmp_path / "app/client.py").write_bytes(("from app import plain\n" + BLOCKING_TLS).replace("\n", "\r\n").encode())
    assert reported(tmp_path, "app") == [FINDING]


def test_what_a_package_re_exports_is_imported_with_it(tmp_path: Path) -> None:
    make(tmp_path, {"app/__init__.py": "from .plain import send\n", "app/plain.py": PLAIN})
    make(
        tmp_path,
        {"app/client.py": "import app\n" + BLOCKING_TLS + "\ndef push(ctx, data):\n    app.send(listen(ctx), data)\n"},
    )
    assert reported(tmp_path, "app") == [FINDING]
    # Through a subpackage's __init__.py too.
    make(tmp_path, {"app/__init__.py": "from . import io\n", "app/io/__init__.py": "from .plain import send\n"})
    make(tmp_path, {"app/io/plain.py": PLAIN})
    (tmp_path / "app/plain.py").unlink()
    assert reported(tmp_path, "app") == ["app/io/plain.py:9:12"]


def test_a_package_below_a_namespace_folder(tmp_path: Path) -> None:
    """``ns`` has no __init__.py: the package is ``lib``, imported as ``ns.lib``."""
    make(tmp_path, {"ns/lib/__init__.py": "", "ns/lib/plain.py": PLAIN})
    make(tmp_path, {"ns/lib/client.py": "from ns.lib import plain\n" + BLOCKING_TLS})
    assert reported(tmp_path, "ns") == ["ns/lib/plain.py:9:12"]


def test_files_that_are_no_source(tmp_path: Path) -> None:
    """A link to a device named like a module shows nothing, and ends."""
    make(tmp_path, {"app/__init__.py": "", "app/plain.py": PLAIN, "app/tls.py": BLOCKING_TLS})
    (tmp_path / "app/zero.py").symlink_to("/dev/zero")
    result = run("netfix-lint", ["--no-cache", "app/plain.py"], cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "") and "NFX" not in result.stdout


def test_relative_imports_from_a_subpackage_and_from_init(tmp_path: Path) -> None:
    make(tmp_path, {"app/__init__.py": "", "app/plain.py": PLAIN, "app/sub/__init__.py": ""})
    make(tmp_path, {"app/sub/client.py": "from .. import plain\n" + BLOCKING_TLS})
    assert reported(tmp_path, "app") == [FINDING]
    make(tmp_path, {"app/sub/client.py": "from .plain import send\n" + BLOCKING_TLS})  # app.sub.plain
    assert reported(tmp_path, "app") == []
    make(tmp_path, {"app/sub/client.py": BLOCKING_TLS, "app/__init__.py": "import ssl\nfrom .plain import send\n"})
    assert reported(tmp_path, "app") == [FINDING]


@pytest.mark.parametrize(
    "importer",
    [
        "from .plain import send\n",  # names no TLS
        "# ssl: see tls.py\nfrom .plain import send\n",  # only in a comment
        "import ssl\nfrom .plainer import send\n",  # another module
        "import ssl\nfrom .plain_tools import send\n",
        "import ssl\nimport app.plainer\n",
    ],
)
def test_what_does_not_bring_it_in_sight(tmp_path: Path, importer: str) -> None:
    make(
        tmp_path, {"app/__init__.py": "", "app/tls.py": BLOCKING_TLS, "app/plain.py": PLAIN, "app/client.py": importer}
    )
    assert reported(tmp_path, "app") == []


@pytest.mark.parametrize(
    "prefix, sight",
    [
        ("# no ssl here\n", False),
        ('"""Sends frames (the caller may wrap the socket in TLS)."""\n', True),
        ("URL = 'https://example.com'\n", True),
        ("import ssl\n", True),
        ("USE_SSL = False\n", True),
        ("def upgrade(conn):\n    return conn.starttls()\n", True),
    ],
)
def test_what_the_module_itself_shows(tmp_path: Path, prefix: str, sight: bool) -> None:
    make(tmp_path, {"app/__init__.py": "", "app/plain.py": prefix + PLAIN})
    line = PLAIN.count("\n", 0, PLAIN.index("if e.errno")) + prefix.count("\n") + 1
    assert reported(tmp_path, "app") == ([f"app/plain.py:{line}:12"] if sight else [])
    assert package_tls.shows_tls(prefix) is sight


def test_flake8_and_stdin_see_the_same(tmp_path: Path) -> None:
    make(tmp_path, {"app/__init__.py": "", "app/plain.py": PLAIN, "app/tls.py": BLOCKING_TLS})
    result = run("flake8", ["--isolated", "--select", "NFX103", "app"], cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "")
    make(tmp_path, {"app/client.py": "from .plain import send\n" + BLOCKING_TLS})
    result = run("flake8", ["--isolated", "--select", "NFX", "--netfix-preview", "app"], cwd=tmp_path)
    assert result.returncode == 1 and result.stdout.startswith(f"{FINDING}: NFX103 ")
    # On stdin, the text given is the module's; its package on disk still imports it.
    result = run(
        "netfix-lint",
        ["--select", "NFX103", "--stdin-filename", "app/plain.py", "-"],
        cwd=tmp_path,
        stdin=PLAIN.encode(),
    )
    assert result.returncode == 1 and f"{FINDING}: NFX103" in result.stdout
    result = run(
        "netfix-lint",
        ["--select", "NFX103", "--stdin-filename", "other/plain.py", "-"],
        cwd=tmp_path,
        stdin=PLAIN.encode(),
    )
    assert result.returncode == 0 and "NFX" not in result.stdout


def test_a_cached_result_follows_an_import_added_elsewhere(tmp_path: Path) -> None:
    make(tmp_path, {"app/__init__.py": "", "app/plain.py": PLAIN, "app/tls.py": BLOCKING_TLS})
    assert reported(tmp_path, "app", cache=True) == []
    assert reported(tmp_path, "app", cache=True) == []
    (tmp_path / "app/tls.py").write_text("from .plain import send\n" + BLOCKING_TLS)  # plain.py is unchanged
    assert reported(tmp_path, "app", cache=True) == [FINDING]
    (tmp_path / "app/tls.py").write_text(BLOCKING_TLS)
    assert reported(tmp_path, "app", cache=True) == []


def test_worker_processes_answer_the_same(tmp_path: Path) -> None:
    """Enough files (40) that --jobs 2 starts workers, cold and warm."""
    files = {f"app/plain{i}.py": PLAIN for i in range(40)}
    make(tmp_path, {"app/__init__.py": "", "app/tls.py": BLOCKING_TLS, **files})
    assert reported(tmp_path, "app", "--jobs", "2", cache=True) == []
    (tmp_path / "app/tls.py").write_text("from . import plain7\n" + BLOCKING_TLS)
    assert reported(tmp_path, "app", "--jobs", "2", cache=True) == ["app/plain7.py:9:12"]
    assert reported(tmp_path, "app", "--jobs", "2") == ["app/plain7.py:9:12"]


def test_forget_reads_the_package_again(tmp_path: Path) -> None:
    """One process, two runs: the second sees the import added in between."""
    from netfix_lint import Settings, check_source

    make(tmp_path, {"app/__init__.py": "", "app/plain.py": PLAIN, "app/tls.py": BLOCKING_TLS})
    path = str(tmp_path / "app/plain.py")
    settings = Settings(read_package=True, preview=True)
    assert check_source(PLAIN, path, settings) == []
    (tmp_path / "app/tls.py").write_text("from . import plain\n" + BLOCKING_TLS)
    package.forget()
    assert [f.code for f in check_source(PLAIN, path, settings)] == ["NFX103"]
    package.forget()


def test_imports_of_resolves_relative_imports() -> None:
    root = "/src/top"
    text = (
        "from . import a\nfrom .. import b\nfrom .c import d as e, f\nimport top.g.h as i\n"
        "from x import (y,\n  z)  # a comment\nfrom .j import *\n"
    )
    assert package_tls.imports_of(root, "/src/top/sub/mod.py", text) == {
        "top.sub",
        "top.sub.a",
        "top",
        "top.b",
        "top.sub.c",
        "top.sub.c.d",
        "top.sub.c.f",
        "top.g.h",
        "top.g",
        "x",
        "x.y",
        "x.z",
        "top.sub.j",
    }
    # In an __init__.py, ``.`` is the package itself.
    assert package_tls.imports_of(root, "/src/top/sub/__init__.py", "from . import a\n") == {"top.sub", "top.sub.a"}
