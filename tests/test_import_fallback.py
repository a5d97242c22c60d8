"""NFX205 and the ``except ImportError:`` fallback of a websockets import: checked only
where the project allows a release the import fails on (tests/data/import_fallback)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .conftest import run

DATA = Path(__file__).with_name("data") / "import_fallback"
CASES = sorted(p.name for p in DATA.iterdir() if p.is_dir())


@pytest.mark.parametrize("name", CASES)
def test_fallback_case(name: str, tmp_path: Path) -> None:
    project = tmp_path / name
    shutil.copytree(DATA / name, project)  # (away from this repository's pyproject.toml)
    first_line = (project / "app.py").read_text().splitlines()[0]
    real = first_line.startswith("# REAL BUG")
    assert real or first_line.startswith("# NOT a bug")
    result = run("netfix-lint", ["--select", "NFX205", "."], cwd=project)
    found = [line for line in result.stdout.splitlines() if ": NFX205" in line]
    assert bool(found) == real, result.stdout


INJECTED = """\
import websockets
import websockets.asyncio.client
import websockets.legacy.client


async def watch(url, key, connect=None, legacy=False):
    if connect is None:
        connect = {default}
    async with connect(url, additional_headers={{"key": key}}) as ws:
        return await ws.recv()
"""


@pytest.mark.parametrize(
    "default, reported",
    [
        # Handed in, else the top-level connect: the legacy client on 13.x.
        ("websockets.connect", True),
        # Handed in, else the new client itself: additional_headers= is its spelling.
        ("websockets.asyncio.client.connect", False),
        # Two websockets clients chosen by version: which one runs is not known.
        (
            "websockets.legacy.client.connect\n    if not legacy:\n        connect = websockets.asyncio.client.connect",
            False,
        ),
    ],
)
def test_a_connect_handed_in_else_websockets(default: str, reported: bool, tmp_path: Path) -> None:
    (tmp_path / "requirements.txt").write_text("websockets>=13\n")
    (tmp_path / "watch.py").write_text(INJECTED.format(default=default))
    result = run("netfix-lint", ["--select", "NFX205", "."], cwd=tmp_path)
    assert (": NFX205" in result.stdout) == reported, result.stdout
