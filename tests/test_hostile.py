"""Hostile input through the real command: every file that cannot be checked or fixed
is named with its reason (NFX001, whatever --select says), the run goes on with the
others, the exit code is 2, no traceback reaches the user, and nothing is written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Dict

import pytest

from .conftest import run

HANDLER = "import socket, ssl\n\ntry:\n    ssl.create_default_context().wrap_socket(socket.socket()).sendall(b'x')\nexcept ConnectionError:\n    pass\n"

#: name -> (bytes, what the NFX001 line must say)
UNREADABLE: Dict[str, tuple[bytes, str]] = {
    # (A file that mentions nothing a rule looks for is never parsed: it cannot have a
    # finding, so its syntax is not our business. These all mention something.)
    "python2.py": (
        b"import errno, socket\ntry:\n    sock.sendall(data)\nexcept ConnectionResetError, e:\n"
        b"    if e.errno == errno.EPIPE:\n        print 'gone'\n",
        "Cannot parse",
    ),
    "nul.py": (b"x = 1\x00\n" + HANDLER.encode(), "Cannot check: contains NUL bytes"),
    "undecodable.py": (b"x = '\xff\xfe'\n" + HANDLER.encode(), "cannot decode"),
    "bad_cookie.py": (b"# -*- coding: klingon -*-\n" + HANDLER.encode(), "cannot decode"),
    "bom_and_latin1.py": (b"\xef\xbb\xbf# -*- coding: latin-1 -*-\n" + HANDLER.encode(), "cannot decode"),
    "tabs_and_spaces.py": (b"try:\n\tpass\nexcept ConnectionError:\n        pass\n\tpass\n", "Cannot parse"),
}


def nfx001(stdout: str, name: str) -> str:
    lines = [line for line in stdout.splitlines() if name in line and "NFX001" in line]
    assert len(lines) == 1, stdout
    return lines[0]


def test_each_bad_file_is_named_once_and_the_good_one_still_checked(tmp_path: Path) -> None:
    for name, (raw, _) in UNREADABLE.items():
        (tmp_path / name).write_bytes(raw)
    (tmp_path / "good.py").write_text(HANDLER)
    (tmp_path / "dangling.py").symlink_to(tmp_path / "gone.py")
    (tmp_path / "package.py").mkdir()  # a directory named like a module is walked
    (tmp_path / "package.py" / "inner.py").write_text(HANDLER)
    os.mkfifo(tmp_path / "pipe.py")  # never read: it would block forever

    before = {p: p.read_bytes() for p in tmp_path.rglob("*.py") if p.is_file() and not p.is_fifo()}
    result = run("netfix-lint", ["--preview", "."], cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stdout + result.stderr
    for name, (_, reason) in UNREADABLE.items():
        assert reason in nfx001(result.stdout, name), name
    assert "No such file or directory" in nfx001(result.stdout, "dangling.py")
    assert "not a regular file" in nfx001(result.stdout, "pipe.py")
    assert "good.py:5:1: NFX101" in result.stdout
    assert "package.py/inner.py:5:1: NFX101" in result.stdout
    assert f"{len(UNREADABLE) + 2} files could not be checked" in result.stdout
    # --select NFX102 hides the NFX101 findings, never the diagnostics.
    selected = run("netfix-lint", ["--preview", "--select", "NFX102", "."], cwd=tmp_path)
    assert "NFX101" not in selected.stdout
    assert "contains NUL bytes" in nfx001(selected.stdout, "nul.py")

    fixed = run("netfix-lint", ["--preview", "--fix", "."], cwd=tmp_path)
    assert fixed.returncode == 2 and "Traceback" not in fixed.stdout + fixed.stderr
    assert "good.py:5:1: NFX101" not in fixed.stdout  # fixed, so not left
    for path, raw in before.items():
        if path.name in UNREADABLE:
            assert path.read_bytes() == raw, path  # nothing written to what was not understood
    assert "ssl.SSLEOFError" in (tmp_path / "good.py").read_text()
    assert "ssl.SSLEOFError" in (tmp_path / "package.py" / "inner.py").read_text()


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file whatever its permissions say")
def test_unreadable_file_is_named(tmp_path: Path) -> None:
    target = tmp_path / "secret.py"
    target.write_text(HANDLER)
    target.chmod(0)
    result = run("netfix-lint", ["--preview", str(target)])
    assert result.returncode == 2
    assert "Permission denied" in nfx001(result.stdout, "secret.py")


#: 20,000 implicitly concatenated strings: fine for ``ast``, too deep for libcst.
DEEP_FOR_LIBCST = "x = (\n" + "".join('    "a"\n' for _ in range(20_000)) + ")\n"


def test_valid_code_libcst_cannot_parse_is_checked_but_not_written(tmp_path: Path) -> None:
    # In the statement the fix edits: libcst must parse it.
    body = "".join(f"    {line}\n" for line in DEEP_FOR_LIBCST.splitlines())
    source = HANDLER.replace("try:\n", "try:\n" + body)
    target = tmp_path / "generated.py"
    target.write_text(source)
    checked = run("netfix-lint", ["--preview", str(target)])
    assert checked.returncode == 1 and ": NFX101" in checked.stdout
    fixed = run("netfix-lint", ["--preview", "--fix", str(target)])
    assert fixed.returncode == 2
    assert "NFX001 Not fixed: libcst cannot parse this file" in nfx001(fixed.stdout, "generated.py")
    assert target.read_text() == source
    assert "Traceback" not in fixed.stdout + fixed.stderr


def test_code_libcst_cannot_parse_outside_the_fix_is_kept_as_it_is(tmp_path: Path) -> None:
    # libcst is given only the statements the fix edits (netfix_lint.segments): the
    # others are put back byte for byte, whether libcst could parse them or not.
    source = DEEP_FOR_LIBCST + HANDLER
    target = tmp_path / "generated.py"
    target.write_text(source)
    fixed = run("netfix-lint", ["--preview", "--fix", str(target)])
    assert fixed.returncode == 0 and "1 fixed" in fixed.stdout
    assert target.read_text() == source.replace("except ConnectionError:", "except (ConnectionError, ssl.SSLEOFError):")
    assert "Traceback" not in fixed.stdout + fixed.stderr


def test_deep_nesting_never_crashes(tmp_path: Path) -> None:
    cases = {
        "brackets.py": "x = " + "[" * 150 + "]" * 150 + "\n",
        "indent.py": "".join("    " * i + "if x:\n" for i in range(120)) + "    " * 120 + "pass\n",
        "calls.py": "x = " + "f(" * 180 + ")" * 180 + "\n",
    }
    for name, text in cases.items():
        (tmp_path / name).write_text(text + HANDLER)
    result = run("netfix-lint", ["--preview", "--fix", "."], cwd=tmp_path)
    assert "Traceback" not in result.stdout + result.stderr
    for name in cases:
        # Either checked and fixed, or said why not: never silent.
        fixed = "ssl.SSLEOFError" in (tmp_path / name).read_text()
        assert fixed or name in result.stdout, (name, result.stdout)


def test_large_files_are_checked_or_reported_never_silently_skipped(tmp_path: Path) -> None:
    # 24 MiB of data with a handler: over the default limit for files to parse.
    blob = "DATA = '" + "x" * (24 * 2**20) + "'\n"
    big = tmp_path / "big.py"
    big.write_text(blob + HANDLER)
    result = run("netfix-lint", ["--preview", str(big)])
    assert result.returncode == 2
    assert "over the 10 MiB limit for files to parse" in nfx001(result.stdout, "big.py")
    # The limit is the user's to raise: then the file is checked like any other.
    raised = run("netfix-lint", ["--preview", "--max-file-size", "0", str(big)])
    assert raised.returncode == 1 and "big.py:" in raised.stdout and ": NFX101" in raised.stdout
    # A large file that mentions nothing the rules look for never reaches a parser.
    quiet = tmp_path / "quiet.py"
    quiet.write_text(blob)
    assert run("netfix-lint", ["--preview", str(quiet)]).returncode == 0


def test_an_internal_error_in_one_file_is_reported_with_it_and_the_others_go_on(tmp_path: Path) -> None:
    (tmp_path / "a_boom.py").write_text(HANDLER + "BOOM = 1\n")
    (tmp_path / "b_fine.py").write_text(HANDLER)
    # A rule that crashes on one file, registered in a child process: the real CLI
    # must turn the crash into an NFX002 line for that file and go on.
    script = (
        "import sys, re\n"
        "from netfix_lint.rules import Rule, register\n"
        "@register\n"
        "class Crash(Rule):\n"
        "    '''crashes'''\n"
        "    code, name, fix_safety = 'NFX999', 'crash', None\n"
        "    trigger = re.compile('BOOM')\n"
        "    def check(self, context):\n"
        "        if 'BOOM' in context.facts.module_scope.bindings:\n"
        "            raise RuntimeError('rule bug')\n"
        "        yield from ()\n"
        "from netfix_lint.cli import main\n"
        "main()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, "--preview", "."], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stdout + result.stderr
    line = [entry for entry in result.stdout.splitlines() if "a_boom.py" in entry and "NFX002" in entry]
    assert line and "RuntimeError: rule bug" in line[0]
    assert "b_fine.py:5:1: NFX101" in result.stdout
