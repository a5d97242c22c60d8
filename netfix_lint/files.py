"""Files: finding them, reading them as Python does, and writing fixes safely."""

from __future__ import annotations

import io
import os
import stat
import tempfile
import tokenize
from dataclasses import dataclass
from typing import Iterator, Sequence, Tuple, Union

#: Folders never walked into (virtual environments are found by their pyvenv.cfg).
SKIPPED_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        ".venv",
        "__pycache__",
        "build",
        "dist",
        ".tox",
        ".nox",
        "node_modules",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        ".eggs",
    }
)
SOURCE_SUFFIXES = (".py", ".pyi")


class ReadError(Exception):
    """A file that cannot be checked; the message says why, in one line."""


@dataclass(frozen=True)
class SourceFile:
    path: str
    text: str
    #: The exact bytes read: a write is refused if the file no longer holds them.
    raw: bytes
    encoding: str  # as tokenize.detect_encoding names it ("utf-8-sig" when there is a BOM)

    def encode(self, text: str) -> bytes:
        return text.encode(self.encoding)


def discover(paths: Sequence[str]) -> Iterator[Union[str, Tuple[str, str]]]:
    """Yield file paths to check, or ``(path, reason)`` for a path that cannot be used."""
    for given in paths:
        if not os.path.lexists(given):
            yield given, "No such file or directory"
        elif os.path.isdir(given):
            yield from _walk(given)
        else:
            # An explicit file is checked whatever its name, as flake8 and ruff do.
            yield given


def _walk(top: str) -> Iterator[str]:
    for root, dirs, files in os.walk(top):
        dirs[:] = sorted(
            d
            for d in dirs
            if d not in SKIPPED_DIRS
            and not d.endswith(".egg-info")
            and not os.path.exists(os.path.join(root, d, "pyvenv.cfg"))
        )
        for name in sorted(files):
            if name.endswith(SOURCE_SUFFIXES) or is_requirements_file(name):
                yield os.path.normpath(os.path.join(root, name))


def is_requirements_file(name: str) -> bool:
    """Files that declare dependencies, checked by NFX204."""
    name = os.path.basename(name)
    return name in ("pyproject.toml", "setup.cfg") or (name.startswith("requirements") and name.endswith(".txt"))


def read_source(path: str) -> SourceFile:
    try:
        if os.path.isdir(path):
            raise ReadError("is a directory")
        if not stat.S_ISREG(os.stat(path).st_mode):
            # A FIFO or device would block or never end.
            raise ReadError("not a regular file")
        with open(path, "rb") as handle:
            raw = handle.read()
    except ReadError:
        raise
    except OSError as error:
        raise ReadError(f"cannot read: {error.strerror or error}") from None
    return decode_source(path, raw)


def decode_source(path: str, raw: bytes) -> SourceFile:
    """Decode as the interpreter would: BOM, then a PEP 263 cookie, then UTF-8."""
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(raw).readline)
    except SyntaxError as error:
        raise ReadError(f"cannot decode: {error.msg if hasattr(error, 'msg') else error}") from None
    try:
        text = raw.decode(encoding)
    except (UnicodeDecodeError, LookupError) as error:
        raise ReadError(f"cannot decode as {encoding}: {error}") from None
    if "\0" in text:
        raise ReadError("contains NUL bytes")
    return SourceFile(path, text, raw, encoding)


def write_source(source: SourceFile, text: str) -> None:
    """Replace the file atomically, keeping its mode; refuse if it changed since it was read."""
    data = source.encode(text)
    # Through a symlink, replace the file it points to, not the link.
    target = os.path.realpath(source.path)
    with open(target, "rb") as handle:
        if handle.read() != source.raw:
            raise ReadError("changed on disk while being fixed; not written")
    folder = os.path.dirname(target)
    mode = stat.S_IMODE(os.stat(target).st_mode)
    handle_fd, temporary = tempfile.mkstemp(prefix=".netfix-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle_fd, "wb") as out:
            out.write(data)
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
