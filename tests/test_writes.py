"""What --fix does to the file it rewrites (issue 17 #6): a new file replaces it
atomically, with its mode, owner and group; a read-only file and a file with other hard
links are not rewritten (an NFX001 line says why, exit 2), so no name keeps stale text."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Tuple

import pytest

from .conftest import run

SOURCE = (
    "import socket\n\n\ndef send(sock, data):\n    try:\n        sock.sendall(data)\n"
    "    except ConnectionResetError:\n        pass\n"
)


def fix(cwd: Path, *paths: str) -> Tuple[int, str]:
    result = run("netfix-lint", ["--fix", "--no-cache", "--preview", *paths], cwd=cwd)
    assert "Traceback" not in result.stdout + result.stderr
    return result.returncode, result.stdout


def test_a_hard_linked_file_is_not_rewritten(tmp_path: Path) -> None:
    (tmp_path / "m.py").write_text(SOURCE)
    os.link(tmp_path / "m.py", tmp_path / "other_name.py")
    code, out = fix(tmp_path, "m.py")
    assert code == 2 and "m.py:1:1: NFX001 Not fixed: the file has 2 hard links" in out
    assert (tmp_path / "m.py").read_text() == SOURCE == (tmp_path / "other_name.py").read_text()
    assert os.stat(tmp_path / "m.py").st_ino == os.stat(tmp_path / "other_name.py").st_ino


def test_a_read_only_file_is_not_rewritten(tmp_path: Path) -> None:
    target = tmp_path / "m.py"
    target.write_text(SOURCE)
    target.chmod(0o444)
    code, out = fix(tmp_path, "m.py")
    assert code == 2 and "m.py:1:1: NFX001 Not fixed: the file is read-only" in out
    assert target.read_text() == SOURCE and stat.S_IMODE(target.stat().st_mode) == 0o444


def test_mode_is_kept(tmp_path: Path) -> None:
    target = tmp_path / "m.py"
    target.write_text(SOURCE)
    target.chmod(0o640)
    code, _ = fix(tmp_path, "m.py")
    assert code == 0 and "ssl.SSLEOFError" in target.read_text()
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root can give a file to another user")
def test_owner_and_group_are_kept(tmp_path: Path) -> None:
    target = tmp_path / "m.py"
    target.write_text(SOURCE)
    os.chown(target, 65534, 65534)
    code, _ = fix(tmp_path, "m.py")
    assert code == 0 and "ssl.SSLEOFError" in target.read_text()
    assert (target.stat().st_uid, target.stat().st_gid) == (65534, 65534)
