"""Ctrl-C during --fix (issue 17 #5): the run stops taking work, lets what is under way
end (a file is written whole or not at all), reports what it fixed and exits 130."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Generator, cast

import pytest

from .conftest import executable

CLAUSE = (
    "def send{i}(sock, data):\n    try:\n        sock.sendall(data)\n"
    "    except ConnectionResetError:\n        pass\n\n\n"
)
MODULE = "import socket\n\n\n" + "".join(CLAUSE.format(i=i) for i in range(60))
FILES = 600


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a process group is POSIX")
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_stops_the_fix_and_reports_what_was_written(tmp_path: Path, jobs: str) -> None:
    app = tmp_path / "app"
    app.mkdir()
    for number in range(FILES):
        (app / f"m{number}.py").write_text(MODULE)
    past = time.time() - 60  # the folder's time as of a minute ago: any write moves it
    os.utime(app, (past, past))
    process = subprocess.Popen(
        [*executable("netfix-lint"), "--fix", "--preview", "--no-cache", "--jobs", jobs, "app"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # the signal goes to the run's group, as a terminal's does
    )
    # Interrupt once the first file is written (a bounded wait for the process to start):
    # a fixed file is renamed into place, which changes the folder's modification time,
    # whichever file it is (the first ones read may be any of the 600).
    before = app.stat().st_mtime_ns
    for _ in range(6000):
        if app.stat().st_mtime_ns != before or process.poll() is not None:
            break
        time.sleep(0.01)
    os.killpg(process.pid, signal.SIGINT)
    out, err = process.communicate(timeout=300)
    assert process.returncode == 130, err.decode()
    match = re.search(r"interrupted; (\d+) files? fixed before it", err.decode())
    assert match, err.decode()
    texts = [path.read_text() for path in app.glob("*.py")]
    for text in texts:
        compile(text, "m.py", "exec")  # each file whole: the old text or the fixed one
        assert text == MODULE or text.count("SSLEOFError") == 60
    fixed = sum("SSLEOFError" in text for text in texts)
    assert int(match.group(1)) == fixed < FILES  # what was written is what is reported
    assert f"({fixed * 60} fixed, 0 remaining)" in out.decode()
    assert not list(app.glob(".netfix-*"))  # no temporary file left behind


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT is POSIX")
def test_ctrl_c_works_while_an_api_caller_holds_a_fixed_result(tmp_path: Path) -> None:
    # Ctrl-C is held from a file's write until its result is handed out; the caller
    # that has it, and does something else, hears the next Ctrl-C at once.
    from netfix_lint.api import run_paths
    from netfix_lint.results import FIX, FileResult
    from netfix_lint.settings import Settings

    for number in range(2):
        (tmp_path / f"m{number}.py").write_text(MODULE)
    results = cast(Generator[FileResult, None, None], run_paths([str(tmp_path)], Settings(preview=True), FIX))
    first = next(results)
    assert first.fixed
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    with pytest.raises(KeyboardInterrupt):
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(1)
    results.close()
