"""Run the engine over files: read, check or fix, verify, write. No printing here."""

from __future__ import annotations

import concurrent.futures
import dataclasses
import difflib
import itertools
import os
import traceback
from dataclasses import dataclass, field
from typing import Dict, Iterator, List, Optional, Sequence, Tuple, Union

from .config import PerFileIgnores
from .edits import Edit, FindingKey, fix_edits
from .engine import (
    CANNOT_CHECK,
    DEFAULT_SETTINGS,
    INTERNAL_ERROR,
    Settings,
    check_requirements,
    check_source,
    diagnostic,
    fix_requirements,
    fix_source,
)
from .files import (
    DEFAULT_FILTER,
    FileFilter,
    ReadError,
    SourceFile,
    decode_source,
    discover,
    is_requirements_file,
    read_source,
    write_source,
)
from .facts import physical_lines
from .model import Finding
from .project import websockets_specifier

CHECK, FIX, DIFF = "check", "fix", "diff"

#: Runs with fewer files than this stay in one process: starting workers costs more.
PARALLEL_MIN_FILES = 64


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
    #: With ``RunOptions.edits``: the text edits of each remaining finding's fix.
    edits: Dict[FindingKey, Tuple[Edit, ...]] = field(default_factory=dict)

    @property
    def could_not_check(self) -> bool:
        return any(f.code in (CANNOT_CHECK, INTERNAL_ERROR) for f in self.findings)


@dataclass(frozen=True)
class RunOptions:
    """How to treat each file of a run."""

    settings: Settings = DEFAULT_SETTINGS
    mode: str = CHECK
    #: Extra codes to ignore per file (``per-file-ignores``).
    per_file_ignores: Optional[PerFileIgnores] = None
    #: Describe each fix as text edits (for the JSON and SARIF reports).
    edits: bool = False

    def settings_for(self, path: str) -> Settings:
        settings = self.settings
        extra = self.per_file_ignores.codes_for(path) if self.per_file_ignores else ()
        if extra:
            settings = dataclasses.replace(settings, ignore=settings.ignore + extra)
        if settings.websockets_version is None:
            # What the file's own project allows decides NFX202's fix.
            settings = dataclasses.replace(settings, websockets_version=websockets_specifier(path))
        return settings


Item = Union[str, Tuple[str, str]]


def collect(paths: Sequence[str], file_filter: FileFilter = DEFAULT_FILTER) -> List[Item]:
    """The files a run checks, or ``(path, reason)`` for a path that cannot be used."""
    return list(discover(paths, file_filter))


def run_paths(
    paths: Sequence[str],
    settings: Settings,
    mode: str = CHECK,
    file_filter: FileFilter = DEFAULT_FILTER,
    jobs: int = 1,
) -> Iterator[FileResult]:
    yield from run_items(collect(paths, file_filter), RunOptions(settings, mode), jobs)


def run_items(items: Sequence[Item], options: RunOptions, jobs: int = 1) -> Iterator[FileResult]:
    """Results in the order of ``items``; with ``jobs`` > 1 and enough files, checked in
    that many processes."""
    if jobs > 1 and len(items) >= PARALLEL_MIN_FILES:
        with concurrent.futures.ProcessPoolExecutor(max_workers=jobs) as pool:
            chunk = max(1, min(512, len(items) // (jobs * 4)))
            yield from pool.map(_run_portable, items, itertools.repeat(options), chunksize=chunk)
        return
    for item in items:
        yield _run_item(item, options)


def _run_item(item: Item, options: RunOptions) -> FileResult:
    if isinstance(item, tuple):
        path, reason = item
        return FileResult(path, [diagnostic(CANNOT_CHECK, f"Cannot check: {reason}", path)])
    return run_file(item, options)


def _run_portable(item: Item, options: RunOptions) -> FileResult:
    """As _run_item, in a worker process: fix operations point into trees that stay
    there, so they are dropped (safety and description travel)."""
    result = _run_item(item, options)
    result.findings = [_without_ops(f) for f in result.findings]
    result.fixed = [_without_ops(f) for f in result.fixed]
    return result


def _without_ops(finding: Finding) -> Finding:
    if finding.fix is None:
        return finding
    return dataclasses.replace(finding, fix=dataclasses.replace(finding.fix, ops=()))


def run_file(path: str, options: RunOptions = RunOptions()) -> FileResult:
    try:
        source = read_source(path)
    except ReadError as error:
        return FileResult(path, [diagnostic(CANNOT_CHECK, f"Cannot check: {error}", path)])
    return _guarded(source, options, write=(options.mode == FIX))


def run_bytes(raw: bytes, path: str, options: RunOptions = RunOptions()) -> FileResult:
    """Check or fix text that is not a file on disk (stdin); nothing is written."""
    try:
        source = decode_source(path, raw)
    except ReadError as error:
        return FileResult(path, [diagnostic(CANNOT_CHECK, f"Cannot check: {error}", path)], output=raw)
    return _guarded(source, options, write=False)


def _guarded(source: SourceFile, options: RunOptions, write: bool) -> FileResult:
    settings = options.settings_for(source.path)
    try:
        result = _run(source, settings, options.mode, write)
        if options.edits:
            # Remaining findings refer to the text as it now is: fixed, if it was.
            fixed = result.fixed and result.output is not None
            text = result.output.decode(source.encoding) if fixed else source.text  # type: ignore[union-attr]
            result.edits = fix_edits(text, source.path, result.findings, settings)
        return result
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
    # git's a/ and b/ prefixes for relative paths; an absolute path is shown as it is.
    old, new = (path, path) if os.path.isabs(path) else (f"a/{path}", f"b/{path}")
    return "".join(
        difflib.unified_diff(
            physical_lines(before, keepends=True), physical_lines(after, keepends=True), fromfile=old, tofile=new
        )
    )
