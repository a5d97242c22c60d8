"""One file through the engine: read, check or fix, verify, write. No printing here.

:mod:`netfix_lint.api` imports this module only when a file is not served from the
cache: it brings in the engine, the rules and what they import.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import os
import signal
import threading
import traceback
from typing import Any, Callable, List, Optional, Sequence, Tuple

from . import package
from .cache import Fingerprint, content_digest
from .codemod import fix_source
from .edits import fix_edits
from .engine import (
    RuleSet,
    check_requirements,
    check_source,
    fix_requirements,
    free_cycles,
    websockets_needs,
)
from .facts import physical_lines
from .files import ReadError, SourceFile, decode_source, is_requirements_file, read_bytes, write_source
from .model import Finding, FixResult, Need
from .package import take_consulted
from .results import CHECK, DIFF, FIX, UNRESOLVED, FileResult, RunOptions
from .settings import CANNOT_CHECK, INTERNAL_ERROR, Settings, diagnostic

#: NFX209 reads what each module needs of websockets (websockets_floor).
FLOOR = "NFX209"


def run_file(
    path: str, options: RunOptions, spec: Optional[str], needs: Sequence[Need] = (), hold: bool = False
) -> FileResult:
    """``spec``: the websockets versions the file's project allows (see RunOptions.specifier),
    or ``UNRESOLVED`` to look them up if the file needs them; ``needs``, for a requirement
    file: what the code of its project needs of websockets (NFX209). With ``hold``, a
    Ctrl-C that comes once the file begins to be written is held for the caller to raise
    after it has handed the result out (:func:`release_interrupts`)."""
    try:
        raw, status = read_bytes(path)
    except ReadError as error:
        return FileResult(path, [diagnostic(CANNOT_CHECK, f"Cannot check: {error}", path)])
    fingerprint: Optional[Fingerprint] = None
    package.MEMORY.digests = options.fingerprints  # a cached result notes what it read
    if options.fingerprints:
        fingerprint = (status.st_size, status.st_mtime_ns, content_digest(raw))
    try:
        source = decode_source(path, raw)
    except ReadError as error:
        result = FileResult(path, [diagnostic(CANNOT_CHECK, f"Cannot check: {error}", path)])
    else:
        # The rules a file gets do not depend on the websockets versions: look those up
        # only for a file that reaches a rule.
        settings = options.settings_for(path, None if spec == UNRESOLVED else spec)
        requirements = is_requirements_file(path)
        needs_asked = not requirements and settings.enabled(FLOOR) and "websockets" in source.text
        rules = RuleSet.of(settings)
        if not requirements and not needs_asked and not rules.may_match(source.text):
            # What check_source and fix_source give for such text, without asking again.
            result = FileResult(path, [], output=None if options.mode == CHECK else source.raw)
        else:
            # Nor for a file only rules that ignore them may report on (the lookup
            # imports packaging, 19 ms, in each worker).
            if spec == UNRESOLVED and (
                requirements or needs_asked or any(rule.reads_websockets_spec for rule in rules.matching(source.text))
            ):
                settings = options.settings_for(path, options.specifier(path))
            result = _guarded(source, options, settings, write=(options.mode == FIX), needs=needs)
            if needs_asked:
                # Of the text as checked, in every mode: --diff and --fix then agree.
                result.needs = websockets_needs(source.text, path, settings)
            free_cycles()
    result.fingerprint = fingerprint
    result.package = take_consulted(path)
    if not hold and release_interrupts():
        raise KeyboardInterrupt
    return result


def run_portable(path: str, options: RunOptions, spec: Optional[str]) -> FileResult:
    """As run_file, in a worker process: the fix operations have been applied (or
    described as edits) there, and the parent only reports, so they are dropped to
    keep the reply small (safety and description travel)."""
    result = run_file(path, options, spec)
    result.findings = [_without_ops(f) for f in result.findings]
    result.fixed = [_without_ops(f) for f in result.fixed]
    return result


#: In a worker: the run's stop flag, set on Ctrl-C (see ``api._worker_start``).
STOP: Any = None
#: A Ctrl-C that came after a file began to be written here, held until the file's
#: result is handed out (:func:`release_interrupts`): raised in between, a file written
#: whole would be missing from the report of what was fixed. None: not holding.
_HELD: Optional[List[int]] = None
_PREVIOUS_HANDLER: Any = None


def _hold_interrupts() -> None:
    """Hold Ctrl-C from here until :func:`release_interrupts`, in a process whose
    Ctrl-C raises KeyboardInterrupt (workers ignore it and look at the stop flag)."""
    global _HELD, _PREVIOUS_HANDLER
    if _HELD is not None or threading.current_thread() is not threading.main_thread():
        return
    if signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
        return
    held: List[int] = []
    _PREVIOUS_HANDLER = signal.signal(signal.SIGINT, lambda number, frame: held.append(number))
    _HELD = held


def release_interrupts() -> bool:
    """Stop holding Ctrl-C; whether one came while it was held."""
    global _HELD, _PREVIOUS_HANDLER
    if _HELD is None:
        return False
    signal.signal(signal.SIGINT, _PREVIOUS_HANDLER)
    came, _HELD, _PREVIOUS_HANDLER = bool(_HELD), None, None
    return came


def run_chunk(items: List[Tuple[str, Optional[str]]], options: RunOptions) -> List[FileResult]:
    """run_portable for several files in a worker: one task, one reply. The bytes a fix
    of stdin prints are no file's business, so they do not travel back. Stops early
    (with the results so far) once the run is interrupted."""
    results = []
    for path, spec in items:
        if STOP is not None and STOP.is_set():
            break
        result = run_portable(path, options, spec)
        result.output = None
        results.append(result)
    return results


def _without_ops(finding: Finding) -> Finding:
    if finding.fix is None:
        return finding
    return dataclasses.replace(finding, fix=dataclasses.replace(finding.fix, ops=()))


def run_bytes(raw: bytes, path: str, options: RunOptions, spec: Optional[str]) -> FileResult:
    """Check or fix text that is not a file on disk (stdin); nothing is written."""
    try:
        source = decode_source(path, raw)
    except ReadError as error:
        return FileResult(path, [diagnostic(CANNOT_CHECK, f"Cannot check: {error}", path)], output=raw)
    result = _guarded(source, options, options.settings_for(path, spec), write=False)
    take_consulted(path)  # nothing is cached for stdin
    return result


def _final_text(source: SourceFile, result: FileResult) -> str:
    """The file's text as the run leaves it: fixed, if it was."""
    if result.fixed and result.output is not None:
        return result.output.decode(source.encoding)
    return source.text


def _guarded(
    source: SourceFile, options: RunOptions, settings: Settings, write: bool, needs: Sequence[Need] = ()
) -> FileResult:
    try:
        result = _run(source, settings, options.mode, write, needs)
        if options.edits:
            # Remaining findings refer to the text as it now is: fixed, if it was.
            result.edits = fix_edits(_final_text(source, result), source.path, result.findings, settings)
        return result
    except Exception as error:  # one file's internal error must not stop the others
        where = traceback.extract_tb(error.__traceback__)[-1]
        message = (
            f"Internal error, please report it: {type(error).__name__}: {error} "
            f"(at {where.filename.rsplit('/', 1)[-1]}:{where.lineno})"
        )
        return FileResult(source.path, [diagnostic(INTERNAL_ERROR, message, source.path)], output=source.raw)


def _run(source: SourceFile, settings: Settings, mode: str, write: bool, needs: Sequence[Need] = ()) -> FileResult:
    path = source.path
    requirements = is_requirements_file(path)
    check: Callable[[str, str, Settings], List[Finding]] = check_source
    fix: Callable[[str, str, Settings], FixResult] = fix_source
    if requirements:
        check = functools.partial(check_requirements, needs=needs)
        fix = functools.partial(fix_requirements, needs=needs)
    if mode == CHECK:
        return FileResult(path, check(source.text, path, settings))
    result = fix(source.text, path, settings)
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
            _hold_interrupts()  # released once the result is handed out (api._Run)
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
