"""Files: finding them, reading them as Python does, and writing fixes safely."""

from __future__ import annotations

import contextlib
import io
import os
import stat
import sys
from dataclasses import dataclass
from types import ModuleType

from .globs import GitIgnore, PatternSet, inside, work_tree_of, work_tree_root

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (10 ms)
if TYPE_CHECKING:  # pragma: no cover
    from typing import Callable, Dict, Iterator, List, Optional, Sequence, Set, Tuple, Union


#: What the walk skips unless ``exclude`` says otherwise (names, matched at any depth).
#: Virtual environments are found by their ``pyvenv.cfg``, whatever their name.
DEFAULT_EXCLUDE = (
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
    ".netfix_lint_cache",
    ".eggs",
    "*.egg-info",
)
SOURCE_SUFFIXES = (".py", ".pyi")


class FileFilter:
    """What a walk skips: ``exclude`` (default: DEFAULT_EXCLUDE) and ``extend_exclude``
    patterns relative to ``root``, environments, and what ``.gitignore`` files ignore.
    With ``force_exclude`` the same applies to files named on the command line."""

    def __init__(
        self,
        root: str = ".",
        exclude: Optional[Sequence[str]] = None,
        extend_exclude: Sequence[str] = (),
        respect_gitignore: bool = True,
        force_exclude: bool = False,
    ) -> None:
        self.root = os.path.abspath(root)
        self.patterns = PatternSet([*(DEFAULT_EXCLUDE if exclude is None else exclude), *extend_exclude], self.root)
        self.respect_gitignore = respect_gitignore
        self.force_exclude = force_exclude
        self._gitignores: Dict[str, GitIgnore] = {}

    def skips(self, path: str, is_dir: bool) -> bool:
        return self._skips(os.path.abspath(path), is_dir)

    def _skips(self, path: str, is_dir: bool) -> bool:
        """As skips, for an absolute, normalised path."""
        return self._skipper(os.path.dirname(path))(os.path.basename(path), is_dir)

    def _skipper(self, folder: str) -> Callable[[str, bool], bool]:
        """``skips`` for the entries of ``folder`` (absolute, normalised), by name and
        whether they are folders: what depends on the folder alone is worked out once,
        as a walk asks about every file."""
        matches = self.patterns.matcher_in(folder)
        ignored = self._gitignore_for(folder).ignored_in(folder) if self.respect_gitignore else None

        def skips(name: str, is_dir: bool) -> bool:
            if matches(name):
                return True
            if is_dir and os.path.exists(os.path.join(folder, name, "pyvenv.cfg")):
                return True
            return ignored is not None and ignored(name, is_dir)

        return skips

    def skips_given(self, path: str) -> bool:
        """With ``force_exclude``: whether a path named explicitly, or a folder above it
        (up to the configuration's root or the work tree's), would be skipped by a walk."""
        if not self.force_exclude:
            return False
        path = os.path.abspath(path)
        if self.skips(path, os.path.isdir(path)):
            return True
        top = self.root if inside(path, self.root) else work_tree_root(path)
        folder = os.path.dirname(path)
        while top is not None and inside(folder, top):
            if self.skips(folder, True):
                return True
            folder = os.path.dirname(folder)
        return False

    def _gitignore_for(self, folder: str) -> GitIgnore:
        root = work_tree_of(folder) or self.root
        if root not in self._gitignores:
            self._gitignores[root] = GitIgnore(root)
        return self._gitignores[root]


DEFAULT_FILTER = FileFilter()


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


def discover(paths: Sequence[str], file_filter: FileFilter = DEFAULT_FILTER) -> Iterator[Union[str, Tuple[str, str]]]:
    """Yield file paths to check, or ``(path, reason)`` for a path that cannot be used.
    A file reached twice (``a.py .``, ``src src/a.py``) is yielded once, as first spelt:
    checked or fixed twice, it would be reported twice or written by two workers."""
    seen: Set[str] = set()
    for found in _discover(paths, file_filter):
        if isinstance(found, str):
            key = os.path.normcase(os.path.abspath(found))
            if key in seen:
                continue
            seen.add(key)
        yield found


def _discover(paths: Sequence[str], file_filter: FileFilter) -> Iterator[Union[str, Tuple[str, str]]]:
    for given in paths:
        if not os.path.lexists(given):
            yield given, "No such file or directory"
        elif file_filter.skips_given(given):
            continue
        elif os.path.isdir(given):
            yield from _walk(given, file_filter)
        else:
            # An explicit file is checked whatever its name, as flake8 and ruff do.
            yield given


def _walk(top: str, file_filter: FileFilter) -> Iterator[Union[str, Tuple[str, str]]]:
    # A folder the walk cannot list is a path that cannot be used (NFX001, exit 2), not
    # nothing: os.walk would skip it silently.
    errors: List[OSError] = []
    for root, dirs, files in os.walk(top, onerror=errors.append):
        yield from _unlisted(errors)
        skips = file_filter._skipper(os.path.abspath(root))
        dirs[:] = sorted(d for d in dirs if not skips(d, True))
        shown = os.path.normpath(root)
        prefix = "" if shown == os.curdir else shown + os.sep  # os.path.normpath(join(root, name))
        for name in sorted(files):
            if not (name.endswith(SOURCE_SUFFIXES) or is_requirements_file(name)):
                continue
            if not skips(name, False):
                yield prefix + name
    yield from _unlisted(errors)


def _unlisted(errors: List[OSError]) -> Iterator[Tuple[str, str]]:
    while errors:
        error = errors.pop(0)
        where = os.path.normpath(str(error.filename)) if error.filename is not None else "?"
        yield where, f"cannot read the folder: {error.strerror or error}"


def is_requirements_file(name: str) -> bool:
    """Files that declare dependencies, checked by NFX204."""
    name = os.path.basename(name)
    return name in ("pyproject.toml", "setup.cfg") or (name.startswith("requirements") and name.endswith(".txt"))


def read_source(path: str) -> SourceFile:
    return decode_source(path, read_bytes(path)[0])


def read_bytes(path: str) -> Tuple[bytes, os.stat_result]:
    """A regular file's bytes, and its status taken before they were read."""
    try:
        status = os.stat(path)
        if stat.S_ISDIR(status.st_mode):
            raise ReadError("is a directory")
        if not stat.S_ISREG(status.st_mode):
            # A FIFO or device would block or never end.
            raise ReadError("not a regular file")
        with open(path, "rb") as handle:
            raw = handle.read()
    except ReadError:
        raise
    except OSError as error:
        raise ReadError(f"cannot read: {error.strerror or error}") from None
    return raw, status


def decode_source(path: str, raw: bytes) -> SourceFile:
    """Decode as the interpreter would: BOM, then a PEP 263 cookie, then UTF-8."""
    # Most files have no BOM and no cookie (which must sit in the first two lines): they
    # are UTF-8, as tokenize.detect_encoding would say. Errors take the long way, for
    # its messages.
    if not raw.startswith(b"\xef\xbb\xbf") and b"coding" not in raw[: raw.find(b"\n", raw.find(b"\n") + 1)]:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            if "\0" in text:
                raise ReadError("contains NUL bytes")
            return SourceFile(path, text, raw, "utf-8")
    import tokenize  # here: a run served from the cache decodes nothing

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
    """Replace the file atomically, keeping its mode, owner and group; refuse if it
    changed since it was read, if it is read-only (no write permission bit: its owner
    asked for it not to change), or if it has other hard links (a new file would leave
    them with the old text)."""
    data = source.encode(text)
    # Through a symlink, replace the file it points to, not the link.
    target = os.path.realpath(source.path)
    with open(target, "rb") as handle:
        if handle.read() != source.raw:
            raise ReadError("changed on disk while being fixed; not written")
        status = os.fstat(handle.fileno())
    if not status.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise ReadError("the file is read-only; not written")
    if status.st_nlink > 1:
        raise ReadError(f"the file has {status.st_nlink} hard links, which a rewrite would part; not written")
    folder = os.path.dirname(target)
    mode = stat.S_IMODE(status.st_mode)
    import tempfile  # here: most runs write nothing

    handle_fd, temporary = tempfile.mkstemp(prefix=".netfix-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle_fd, "wb") as out:
            out.write(data)
        if hasattr(os, "chown") and (status.st_uid, status.st_gid) != (os.geteuid(), os.getegid()):
            # Only root may give a file away; the owner's own run keeps it anyway.
            with contextlib.suppress(PermissionError):
                os.chown(temporary, status.st_uid, status.st_gid)
        os.chmod(temporary, mode)  # after chown, which may clear set-id bits
        os.replace(temporary, target)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def toml_parser() -> ModuleType:
    """tomllib (tomli before Python 3.11), imported when a TOML file is first read."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised by the 3.9/3.10 matrix
        import tomli as tomllib
    return tomllib
