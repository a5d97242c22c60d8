"""Reading and writing files: decoding as Python does, guarded atomic writes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from netfix_lint.files import ReadError, read_source, write_source


def test_write_refuses_a_file_that_changed_since_it_was_read(tmp_path: Path) -> None:
    target = tmp_path / "m.py"
    target.write_text("x = 1\n")
    source = read_source(str(target))
    target.write_text("x = 2  # edited meanwhile\n")
    with pytest.raises(ReadError, match="changed on disk"):
        write_source(source, "x = 3\n")
    assert target.read_text() == "x = 2  # edited meanwhile\n"


def test_write_through_a_symlink_replaces_the_target(tmp_path: Path) -> None:
    real = tmp_path / "real.py"
    real.write_text("x = 1\n")
    link = tmp_path / "link.py"
    link.symlink_to(real)
    write_source(read_source(str(link)), "x = 2\n")
    assert link.is_symlink() and real.read_text() == "x = 2\n"


def test_reading_honours_bom_and_cookie_and_refuses_nul(tmp_path: Path) -> None:
    bom = tmp_path / "bom.py"
    bom.write_bytes(b"\xef\xbb\xbfx = 1\n")
    source = read_source(str(bom))
    assert source.text == "x = 1\n" and source.encode(source.text) == bom.read_bytes()
    latin = tmp_path / "latin.py"
    latin.write_bytes("# coding: latin-1\ns = 'caf\xe9'\n".encode("latin-1"))
    assert "café" in read_source(str(latin)).text
    nul = tmp_path / "nul.py"
    nul.write_bytes(b"x = 1\x00\n")
    with pytest.raises(ReadError, match="NUL"):
        read_source(str(nul))
    with pytest.raises(ReadError, match="is a directory"):
        read_source(str(tmp_path))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_a_fifo_is_refused_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.py"
    os.mkfifo(fifo)
    with pytest.raises(ReadError, match="not a regular file"):
        read_source(str(fifo))
