"""An empty selection selects nothing, as in ruff (issue 17 #10): `select = []` or
`--select ''` is not "every rule", and extend-select then adds to nothing."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, List, Optional

import pytest

from .conftest import run

SOURCE = (
    "import socket\nimport ssl\n\ndef send(sock: ssl.SSLSocket, data):\n    try:\n        sock.sendall(data)\n"
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


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--diff", "--statistics", "m.py"], "cannot be combined with --statistics"),
        (["--stdin-filename", "x.py", "m.py"], "give '-' as a path"),
    ],
)
def test_options_that_would_be_ignored_are_usage_errors(tmp_path: Path, args: List[str], says: str) -> None:
    """Issue 17 #14: silently ignoring an option hides a mistake."""
    (tmp_path / "m.py").write_text(SOURCE)
    result = run("netfix-lint", args, cwd=tmp_path)
    assert result.returncode == 2 and says in result.stderr and "Traceback" not in result.stderr


def test_stdin_filename_alone_reads_stdin(tmp_path: Path) -> None:
    result = run("netfix-lint", ["--preview", "--stdin-filename", "x.py"], cwd=tmp_path, stdin=SOURCE.encode())
    assert result.returncode == 1 and "x.py:7:5: NFX101" in result.stdout


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("[tool]\nnetfix-lint = 5\n", "[tool] netfix-lint: expected a table"),
        ("[tool.netfix-lint]\nmax-file-size = nan\n", "max-file-size: expected a size"),
    ],
)
def test_bad_configuration_is_named_not_ignored(tmp_path: Path, text: str, says: str) -> None:
    (tmp_path / "m.py").write_text(SOURCE)
    (tmp_path / "pyproject.toml").write_text(text)
    result = run("netfix-lint", ["m.py"], cwd=tmp_path)
    assert result.returncode == 2 and says in result.stderr and "pyproject.toml" in result.stderr


def test_a_folder_the_walk_cannot_list_is_named_and_fails_the_run(tmp_path: Path, monkeypatch: Any) -> None:
    """Issue 17 #7: os.walk skips a folder it cannot list unless asked; the run names it
    (NFX001) and exits 2, as for an unreadable file. Root lists any folder, so the
    refusal is the operating system's answer made to order."""
    from netfix_lint import files

    (tmp_path / "app" / "locked").mkdir(parents=True)
    (tmp_path / "app" / "ok.py").write_text(SOURCE)
    (tmp_path / "app" / "locked" / "hidden.py").write_text(SOURCE)
    real_scandir = os.scandir

    def scandir(path: Any = ".") -> Any:
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    found = list(files.discover([str(tmp_path / "app")]))
    assert str(tmp_path / "app" / "ok.py") in found
    assert (str(tmp_path / "app" / "locked"), "cannot read the folder: Permission denied") in found
    # The command line, in this process (where the refusal is made): a line, exit 2.
    from click.testing import CliRunner

    from netfix_lint.cli import main

    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["--no-cache", "--preview", "app"])
    assert result.exit_code == 2, result.output
    assert "app/locked:1:1: NFX001 Cannot check: cannot read the folder: Permission denied" in result.output
    assert "app/ok.py:7:5: NFX101" in result.output


@pytest.mark.skipif(os.geteuid() == 0, reason="root lists a folder whatever its permissions say")
def test_an_unreadable_folder_through_the_executable(tmp_path: Path) -> None:
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "hidden.py").write_text(SOURCE)
    (tmp_path / "locked").chmod(0)
    try:
        result = run("netfix-lint", ["."], cwd=tmp_path)
    finally:
        (tmp_path / "locked").chmod(0o755)
    assert result.returncode == 2 and "locked:1:1: NFX001" in result.stdout


def test_an_unreadable_file_on_the_command_line_is_named_and_the_run_goes_on(tmp_path: Path, monkeypatch: Any) -> None:
    """Issue 17 #8: click's own readability check ended the run with a usage error.
    Root reads any file, so the refusal is the operating system's answer made to order:
    ``os.access`` (what click asked) and ``open`` both say no, for that file only."""
    import builtins

    from click.testing import CliRunner

    from netfix_lint.cli import main

    (tmp_path / "secret.py").write_text(SOURCE)
    (tmp_path / "ok.py").write_text(SOURCE)
    real_access, real_open = os.access, builtins.open

    def denied(path: Any) -> bool:
        return str(path).endswith("secret.py")

    def access(path: Any, mode: int, *args: Any, **kwargs: Any) -> bool:
        return False if denied(path) and mode & os.R_OK else real_access(path, mode, *args, **kwargs)

    def opener(path: Any, *args: Any, **kwargs: Any) -> Any:
        if denied(path):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "access", access)
    monkeypatch.setattr(builtins, "open", opener)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["--no-cache", "--preview", "secret.py", "ok.py"])
    assert result.exit_code == 2, result.output
    assert "secret.py:1:1: NFX001 Cannot check: cannot read: Permission denied" in result.output
    assert "ok.py:7:5: NFX101" in result.output
    assert "Usage" not in result.output


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file whatever its permissions say")
def test_an_unreadable_file_on_the_command_line_through_the_executable(tmp_path: Path) -> None:
    (tmp_path / "secret.py").write_text(SOURCE)
    (tmp_path / "ok.py").write_text(SOURCE)
    (tmp_path / "secret.py").chmod(0)
    result = run("netfix-lint", ["--preview", "secret.py", "ok.py"], cwd=tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "secret.py:1:1: NFX001 Cannot check: cannot read: Permission denied" in result.stdout
    assert "ok.py:7:5: NFX101" in result.stdout
