"""The repository keeps its own habits (issue 15): the real ruff finds nothing and would
reformat nothing, and the real netfix-lint finds nothing in its own source. The same
checks as .ci/run and .pre-commit-config.yaml, so that `python -m pytest` alone keeps
them. (mypy is left to those two: it is the slow one.)"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from typing import List

import pytest

from .conftest import ROOT, executable


def ruff() -> List[str]:
    """The ruff installed with the test extras, else one on PATH; skips without one."""
    if importlib.util.find_spec("ruff") is not None:
        return [sys.executable, "-m", "ruff"]
    found = shutil.which("ruff")
    if found is None:
        pytest.skip("ruff is not installed (pip install -e '.[test]' brings the pinned one)")
    return [found]


def check(command: List[str]) -> None:
    """Run ``command`` at the repository's root; fail with what it printed unless it exits 0."""
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, f"{' '.join(command)} exited {result.returncode}:\n{result.stdout}{result.stderr}"


def test_ruff_finds_nothing() -> None:
    check([*ruff(), "check", "--no-cache", "."])


def test_ruff_format_would_change_nothing() -> None:
    check([*ruff(), "format", "--check", "--no-cache", "."])


def test_netfix_lint_finds_nothing_in_its_own_source() -> None:
    # fixtures/ and tests/data/ are sample bad code: not named.
    check([*executable("netfix-lint"), "--no-cache", "netfix_lint", "tests", "bench"])


def test_pre_commit_runs_the_pinned_ruff() -> None:
    """The ruff-pre-commit tag is the ruff of the test extras (pre-commit installs the
    ruff its tag names; CI runs the pinned one)."""
    pinned = re.search(r'"ruff==([^"]+)"', (ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pinned, "pyproject.toml pins no ruff in the test extras"
    config = (ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    rev = re.search(r"repo: https://github\.com/astral-sh/ruff-pre-commit\s+rev: (\S+)", config)
    assert rev, ".pre-commit-config.yaml has no ruff-pre-commit repo"
    assert rev.group(1) == f"v{pinned.group(1)}"


def test_readme_shows_the_checks_ci_runs() -> None:
    """The commands of the README's block of checks (Development) are lines of .ci/run."""
    development = (ROOT / "README.md").read_text(encoding="utf-8").split("## Development", 1)[1]
    block = re.search(r"The checks, .*?```sh\n(.*?)```", development, re.DOTALL)
    assert block, "the README's Development section shows no block of checks"
    commands = [line.split("#", 1)[0].strip() for line in block.group(1).splitlines()]
    ci = [line.split("#", 1)[0].strip() for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()]
    assert commands and [command for command in commands if command not in ci] == []
