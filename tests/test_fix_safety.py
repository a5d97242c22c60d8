"""--fix writes only code that compiles (issue 17): the fixed text goes through
``compile()``, not only ``ast.parse``, and an added import never lands above a
``__future__`` import that shares a line with something else."""

from __future__ import annotations

import py_compile
import sys
from pathlib import Path
from typing import Any, Dict

import pytest

from netfix_lint import Settings, check_source, fix_source
from netfix_lint.codemod import verify_fix

from .conftest import run

HANDLER = (
    "\n\ndef send(sock, data):\n    try:\n        sock.sendall(data)\n    except ConnectionResetError:\n        pass\n"
)


@pytest.mark.parametrize(
    "head",
    [
        "from __future__ import annotations; import socket\n",
        '"""Docstring."""; from __future__ import annotations\nimport socket\n',
        "from __future__ import annotations\nfrom __future__ import division; import socket\n",
    ],
)
def test_the_added_import_goes_below_a_shared_future_line(tmp_path: Path, head: str) -> None:
    target = tmp_path / "m.py"
    target.write_text(head + HANDLER)
    result = run("netfix-lint", ["--preview", "--fix", "--no-cache", "m.py"], cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    fixed = target.read_text()
    assert "ssl.SSLEOFError" in fixed and "import ssl" in fixed
    py_compile.compile(str(target), doraise=True)
    assert fixed.startswith(head.splitlines()[0])  # the future line is still first


def test_fixed_text_that_parses_but_does_not_compile_is_refused() -> None:
    late_future = "import os\nfrom __future__ import annotations\n"
    problem, _ = verify_fix([], late_future, [], "m.py", Settings())
    assert problem is not None and "does not compile" in problem
    assert "from __future__ imports must occur at the beginning of the file" in problem


def test_fix_source_on_a_shared_future_line() -> None:
    result = fix_source(
        "from __future__ import annotations; import socket\n" + HANDLER, settings=Settings(preview=True)
    )
    assert result.error is None and result.fixed
    compile(result.source, "m.py", "exec")


PEP695 = (
    "import socket\n\n\n"
    "def send[ssl](sock, data):\n    try:\n        sock.sendall(data)\n"
    "    except ConnectionResetError:\n        return 'dropped'\n\n\n"
    "class Client[ssl]:\n    def send(self, sock, data):\n        try:\n            sock.sendall(data)\n"
    "        except ConnectionResetError:\n            return 'dropped'\n\n\n"
    "type ssl = int\n\n\n"
    "def late(sock, data):\n    try:\n        sock.sendall(data)\n"
    "    except ConnectionResetError:\n        return 'dropped'\n"
)


@pytest.mark.skipif(sys.version_info < (3, 12), reason="PEP 695 syntax needs Python 3.12+ to parse and run")
def test_pep_695_names_shadow_the_ssl_module() -> None:
    """``def send[ssl]``, ``class C[ssl]`` and ``type ssl = ...`` rebind ``ssl``: the
    fix must reach the real class, and the fixed handlers must catch a real SSLEOFError."""
    import ssl

    result = fix_source(PEP695, settings=Settings(preview=True))
    assert result.error is None and len(result.fixed) == 3
    assert "ssl.SSLEOFError" not in result.source and "from ssl import SSLEOFError" in result.source
    namespace: Dict[str, Any] = {}
    exec(compile(result.source, "pep695.py", "exec"), namespace)

    class Dropped:
        def sendall(self, data: bytes) -> None:
            raise ssl.SSLEOFError(8, "EOF occurred in violation of protocol")

    assert namespace["send"](Dropped(), b"x") == "dropped"
    assert namespace["Client"]().send(Dropped(), b"x") == "dropped"
    assert namespace["late"](Dropped(), b"x") == "dropped"


STATUS = (
    "from websockets.sync.client import connect\n"
    "from websockets.exceptions import InvalidStatusCode\n\n\n"
    "def refused(uri, others, log):\n"
    "    try:\n        connect(uri)\n"
    "    except InvalidStatusCode as e:\n"
    "        later = lambda: e.status_code\n"
    "        codes = [e.headers for _ in others]\n"
    "        own = [x.status_code for x in others]\n"
    "        mine = [e.status_code for e in others]\n"
    "        check = lambda e: e.headers\n"
    "        def inner():\n            return e.status_code\n"
    "        log(e.status_code)\n"
    "{rebind}"
    "        return e.status_code, later(), codes, own, mine, check, inner()\n"
)


def test_status_reads_in_closures_that_see_the_exception_are_rewritten() -> None:
    """Issue 17 #3: a lambda, a nested function and a comprehension that do not bind the
    name read the exception itself; those that bind it read their own variable."""
    result = fix_source(STATUS.format(rebind=""))
    assert result.error is None and [f.code for f in result.fixed] == ["NFX201"]
    fixed = result.source
    assert "later = lambda: e.response.status_code" in fixed
    assert "codes = [e.response.headers for _ in others]" in fixed
    assert "own = [x.status_code for x in others]" in fixed
    assert "mine = [e.status_code for e in others]" in fixed
    assert "check = lambda e: e.headers" in fixed
    assert "return e.response.status_code\n" in fixed
    assert "return e.response.status_code, later()" in fixed


def test_a_rebound_name_makes_the_rewrite_unsafe_and_stops_it() -> None:
    """After ``e = Note()`` the reads are of the new object: not rewritten, and since a
    closure may read either, the fix is unsafe."""
    source = STATUS.format(rebind="        e = Note()\n")
    (finding,) = [f for f in check_source(source) if f.code == "NFX201"]
    assert finding.fix is not None and finding.fix.safety == "unsafe"
    assert fix_source(source).source == source  # not applied without --unsafe-fixes
    fixed = fix_source(source, settings=Settings(unsafe_fixes=True)).source
    assert "log(e.response.status_code)" in fixed
    assert "e = Note()\n        return e.status_code, later()" in fixed
