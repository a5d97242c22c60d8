"""Run the engine over files: read, check or fix, verify, write. No printing here."""

from __future__ import annotations

import dataclasses
import difflib
import traceback
from dataclasses import dataclass, field
from typing import Iterator, List, Optional, Sequence

from .engine import (
    CANNOT_CHECK,
    INTERNAL_ERROR,
    Settings,
    check_requirements,
    check_source,
    diagnostic,
    fix_requirements,
    fix_source,
)
from .files import ReadError, SourceFile, decode_source, discover, is_requirements_file, read_source, write_source
from .model import Finding
from .project import websockets_specifier

CHECK, FIX, DIFF = "check", "fix", "diff"


@dataclass
class FileResult:
    path: str
    #: What is left to report (diagnostics about the file included).
    findings: List[Finding] = field(default_factory=list)
    fixed: List[Finding] = field(default_factory=list)
    diff: Optional[str] = None
    #: The bytes ``--fix -`` prints: the fixed source in the input's encoding, or the
    #: input exactly as read when nothing changed or it could not be decoded.
    output: Optional[bytes] = None

    @property
    def could_not_check(self) -> bool:
        return any(f.code in (CANNOT_CHECK, INTERNAL_ERROR) for f in self.findings)


def run_paths(paths: Sequence[str], settings: Settings, mode: str = CHECK) -> Iterator[FileResult]:
    for item in discover(paths):
        if isinstance(item, tuple):
            path, reason = item
            yield FileResult(path, [diagnostic(CANNOT_CHECK, f"Cannot check: {reason}", path)])
            continue
        yield run_file(item, settings, mode)


def run_file(path: str, settings: Settings, mode: str = CHECK) -> FileResult:
    try:
        source = read_source(path)
    except ReadError as error:
        return FileResult(path, [diagnostic(CANNOT_CHECK, f"Cannot check: {error}", path)])
    return _guarded(source, settings, mode, write=(mode == FIX))


def run_bytes(raw: bytes, path: str, settings: Settings, mode: str = CHECK) -> FileResult:
    """Check or fix text that is not a file on disk (stdin); nothing is written."""
    try:
        source = decode_source(path, raw)
    except ReadError as error:
        return FileResult(path, [diagnostic(CANNOT_CHECK, f"Cannot check: {error}", path)], output=raw)
    return _guarded(source, settings, mode, write=False)


def _guarded(source: SourceFile, settings: Settings, mode: str, write: bool) -> FileResult:
    if settings.websockets_version is None:
        # What the file's own project allows decides NFX202's fix.
        settings = dataclasses.replace(settings, websockets_version=websockets_specifier(source.path))
    try:
        return _run(source, settings, mode, write)
    except Exception as error:  # one file's internal error must not stop the others
        where = traceback.extract_tb(error.__traceback__)[-1]
        message = (
            f"Internal error, please report it: {type(error).__name__}: {error} "
            f"(at {where.filename.rsplit('/', 1)[-1]}:{where.lineno})"
        )
        return FileResult(source.path, [diagnostic(INTERNAL_ERROR, message, source.path)], output=source.raw)


def _run(source: SourceFile, settings: Settings, mode: str, write: bool) -> FileResult:
    path = source.path
    requirements = is_requirements_file(path)
    check = check_requirements if requirements else check_source
    if mode == CHECK:
        return FileResult(path, check(source.text, path, settings))
    result = (fix_requirements if requirements else fix_source)(source.text, path, settings)
    findings = list(result.remaining)
    if result.error is not None:
        code = INTERNAL_ERROR if result.error.startswith("internal error") else CANNOT_CHECK
        findings.append(diagnostic(code, f"Not fixed: {result.error}", path))
    outcome = FileResult(path, findings, output=source.raw)
    if not result.changed:
        return outcome
    if mode == DIFF:
        # Nothing is written, so what would be fixed is still there to report.
        outcome.findings = sorted(check(source.text, path, settings), key=lambda f: f.sort_key)
        outcome.diff = unified_diff(source.text, result.source, path)
        return outcome
    outcome.output = source.encode(result.source)
    if write:
        try:
            write_source(source, result.source)
        except (ReadError, OSError) as error:
            outcome.findings = check(source.text, path, settings)
            outcome.findings.append(diagnostic(CANNOT_CHECK, f"Not fixed: {error}", path))
            return outcome
    outcome.fixed = list(result.fixed)
    return outcome


def unified_diff(before: str, after: str, path: str) -> str:
    return "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            fromfile=f"a/{path}",
            tofile=f"b/{path}",
        )
    )
