"""--fix writes only code that compiles (issue 17): the fixed text goes through
``compile()``, not only ``ast.parse``, and an added import never lands above a
``__future__`` import that shares a line with something else."""

from __future__ import annotations

import py_compile
from pathlib import Path

import pytest

from netfix_lint import Settings, fix_source
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
    result = run("netfix-lint", ["--fix", "--no-cache", "m.py"], cwd=tmp_path)
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
    result = fix_source("from __future__ import annotations; import socket\n" + HANDLER)
    assert result.error is None and result.fixed
    compile(result.source, "m.py", "exec")
