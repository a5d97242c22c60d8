"""An empty selection selects nothing, as in ruff (issue 17 #10): `select = []` or
`--select ''` is not "every rule", and extend-select then adds to nothing."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import pytest

from .conftest import run

SOURCE = (
    "import socket\n\n\ndef send(sock, data):\n    try:\n        sock.sendall(data)\n"
    "    except ConnectionResetError:\n        pass\n"
)


def codes(cwd: Path, *args: str) -> List[str]:
    result = run("netfix-lint", ["--no-cache", *args, "m.py"], cwd=cwd)
    assert result.returncode in (0, 1), result.stderr
    return sorted({line.split(": ")[1].split()[0] for line in result.stdout.splitlines() if ": NFX" in line})


@pytest.mark.parametrize(
    ("config", "args", "expected"),
    [
        (None, ("--select", ""), []),
        (None, ("--select", "", "--extend-select", "NFX101"), ["NFX101"]),
        ("select = []\npreview = true\n", (), []),
        ("select = []\nextend-select = ['NFX101']\n", (), ["NFX101"]),
        ("select = []\n", ("--select", "NFX101"), ["NFX101"]),  # the option replaces the setting
        (None, ("--select", "NFX101"), ["NFX101"]),
    ],
)
def test_an_empty_selection_selects_nothing(
    tmp_path: Path, config: Optional[str], args: List[str], expected: List[str]
) -> None:
    (tmp_path / "m.py").write_text(SOURCE)
    if config is not None:
        (tmp_path / "pyproject.toml").write_text("[tool.netfix-lint]\n" + config)
    assert codes(tmp_path, *args) == expected
