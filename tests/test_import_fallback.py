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
