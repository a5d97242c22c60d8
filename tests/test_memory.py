"""The CLI checks with the cycle collector off (it would cost time for next to nothing);
what a parsed file's check leaves in reference cycles (its facts) is freed after the
file, so that memory does not grow with the number of files checked."""

from __future__ import annotations

import gc
from pathlib import Path

from netfix_lint import per_file
from netfix_lint.results import UNRESOLVED, RunOptions
from netfix_lint.settings import Settings

SOURCE = (
    "import socket, ssl\n\n\nclass Server:\n    def handle(self, conn):\n        try:\n"
    "            conn.sendall(b'x')\n        except (ConnectionResetError, BrokenPipeError):\n"
    "            return\n\n\ndef serve(sock):\n    ctx = ssl.create_default_context()\n"
    "    conn = ctx.wrap_socket(sock)\n    Server().handle(conn)\n"
)


def test_a_checked_file_leaves_no_cycles(tmp_path: Path) -> None:
    path = tmp_path / "server.py"
    path.write_text(SOURCE)
    options = RunOptions(Settings(preview=True, read_package=True))
    per_file.run_file(str(path), options, UNRESOLVED)  # first-use caches
    gc.collect()
    gc.disable()
    try:
        for _ in range(3):
            assert per_file.run_file(str(path), options, UNRESOLVED).findings
            assert gc.collect() == 0
    finally:
        gc.enable()
