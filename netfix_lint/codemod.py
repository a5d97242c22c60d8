"""Fixing: findings from the ``ast`` check, applied with libcst at the spans they name.

libcst is the codemod engine, imported only here (and only when something is to be
fixed). A result is written only when it is verified: every byte outside the fixes'
edits is the original's (:mod:`.splice` carries libcst's edits over for the few files
it does not print back exactly), the fixed text compiles, and checking it again finds
the fixed findings gone. Fixes are applied to a fixed point, with a cap.
"""

from __future__ import annotations

import contextlib
import gc
import warnings
from collections import Counter
from typing import TYPE_CHECKING, Iterator, List, Optional, Sequence, Tuple

from .engine import DEFAULT_SETTINGS, Settings, check_source, deep, free_cycles, parse_quietly
from .facts import physical_lines
from .model import Finding, FixResult
from .splice import Splice

if TYPE_CHECKING:  # pragma: no cover
    import libcst as cst

    from .locate import Locator
    from .ops import FixOp
    from .segments import Segments

#: Fix passes per file before the engine gives up on reaching a fixed point.
MAX_FIX_PASSES = 5


def fix_source(source: str, path: str = "<string>", settings: Settings = DEFAULT_SETTINGS) -> FixResult:
    """Apply every applicable fix, to a fixed point, and verify the result.

    The result's ``source`` is the input unchanged when nothing applied or when the fix
    could not be verified; ``error`` then says why.
    """
    findings = check_source(source, path, settings)
    free_cycles()  # the check's tree, before libcst's and the check of the result
    if not any(settings.applies(f) for f in findings):
        return FixResult(source, (), tuple(findings))
    try:
        with collector_paused():
            return deep(_fix_with_libcst, source, findings, path, settings)
    except RecursionError:
        return FixResult(source, (), tuple(findings), "too deeply nested for libcst to fix")


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """The cycle collector off while libcst works: its trees are large graphs of small
    objects with next to no cycles (refcounting frees them), and each collection walks
    them all, so a file with twice the nodes cost more than twice the time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def parse_module(source: str) -> cst.Module:
    """The libcst tree of ``source`` (libcst is slow to import: only fixes need it)."""
    import libcst as cst

    return cst.parse_module(source)


def round_trip_error(source: str) -> Tuple[Optional[cst.Module], Optional[str]]:
    """The libcst tree of ``source``, or why no fix may be written from one."""
    try:
        module = parse_module(source)
    except RecursionError:
        raise
    except Exception as error:  # libcst rejects some valid code (grammar corners)
        return None, f"libcst cannot parse this file: {_brief(error)}"
    return module, None


def _fix_with_libcst(source: str, findings: List[Finding], path: str, settings: Settings) -> FixResult:
    try:
        current, fixed, remaining, unplaced = _fix_passes(source, findings, path, settings)
    except _FixFailed as failure:
        return FixResult(source, (), tuple(findings), str(failure))
    return FixResult(current, tuple(fixed), tuple(remaining), unplaced)


class _FixFailed(Exception):
    """A fix pass produced something verify_fix refused, or did not converge."""


def _fix_passes(
    source: str, findings: List[Finding], path: str, settings: Settings
) -> Tuple[str, List[Finding], List[Finding], Optional[str]]:
    """The fixed text, the findings fixed, those left (``findings``: the check of
    ``source``), and why a fix could not be placed, if one could not. Each pass applies
    the fixes of the findings of the ``ast`` check of its text, at the spans they name,
    and ends with the ``ast`` check of its result. A fix whose nodes libcst does not
    have is left out, the others applied: it stays reported, with why."""
    fixed: List[Finding] = []
    current = source
    for _ in range(MAX_FIX_PASSES):
        todo = [f for f in findings if settings.applies(f)]
        if not todo:
            return current, fixed, findings, None
        # Only libcst's result is kept of a pass: its trees are freed before the check
        # of the result parses the whole text again.
        new, placed, unplaced = _segmented_pass(current, todo) or _whole_pass(current, todo)
        if new == current:
            raise _FixFailed(f"internal error, fix not applied: {placed[0].code}'s fix changed nothing")
        problem, findings = verify_fix(findings, new, placed, path, settings)
        if problem is not None:
            raise _FixFailed(f"internal error, fix not applied: {problem}")
        fixed.extend(placed)
        current = new
        if unplaced is not None or not any(settings.applies(f) for f in findings):
            # After a fix left out, no more passes: it would be left out again.
            return current, fixed, findings, unplaced
    raise _FixFailed("internal error: fixes did not converge")


_Pass = Tuple[str, List[Finding], Optional[str]]


def _ops(findings: List[Finding]) -> List[FixOp]:
    return [op for f in findings for op in f.fix.ops]  # type: ignore[union-attr]


def _segmented_pass(current: str, todo: List[Finding]) -> Optional[_Pass]:
    """The pass done on a module of only the statements the fixes edit, or None where
    that cannot give what the whole module gives (see smaller_module); also where a
    fix's nodes are not found in it (the whole module says why)."""
    from .rewrite import apply_ops

    smaller = smaller_module(current, _ops(todo))
    if smaller is None:
        return None
    segments, locator = smaller
    if any(locator.misses(f.fix.ops) is not None for f in todo):  # type: ignore[union-attr]
        return None
    new = segments.join(apply_ops(locator, _ops(todo)).code)
    return None if new is None else (new, todo, None)


def smaller_module(text: str, ops: Sequence[FixOp]) -> Optional[Tuple[Segments, Locator]]:
    """The module of only the statements ``ops`` edit (:mod:`.segments`) and its
    locator; None where segment() declines, libcst cannot parse it (the whole module
    says what), or libcst does not print it back byte for byte (the whole module's
    splice decides what may be edited)."""
    from .locate import Locator
    from .segments import segment

    segments = segment(text, ops)
    if segments is None:
        return None
    try:
        module = parse_module(segments.text)
    except RecursionError:
        raise
    except Exception:
        return None
    if module.code != segments.text:
        return None
    return segments, Locator(module, physical_lines(segments.text), segments.lines)


def _whole_pass(current: str, todo: List[Finding]) -> _Pass:
    """The pass done on libcst's tree of the whole module. (After a pass on a smaller
    module, the whole may hold code libcst cannot parse: the fix is then refused.)"""
    from .locate import Locator
    from .rewrite import apply_ops

    module, problem = round_trip_error(current)
    if module is None:
        raise _FixFailed(problem)
    locator = Locator(module, physical_lines(current))
    splice = Splice(current, module.code)
    placed = [f for f in todo if locator.misses(f.fix.ops) is None]  # type: ignore[union-attr]
    placed_ids = {id(f) for f in placed}  # by identity: `in placed` compares findings, N squared
    unplaced = _unplaced(locator, [f for f in todo if id(f) not in placed_ids])
    if not placed:
        raise _FixFailed(unplaced or "internal error: nothing to fix")
    new = splice.apply(apply_ops(locator, _ops(placed)).code)
    if new is None:
        placed, refused = _spliceable(locator, splice, placed)
        unplaced = unplaced or refused
        if not placed:
            raise _FixFailed(refused)
        locator.forget_targets()
        new = splice.apply(apply_ops(locator, _ops(placed)).code)
        if new is None:
            raise _FixFailed(refused)
    return new, placed, unplaced


def _spliceable(locator: Locator, splice: Splice, placed: List[Finding]) -> Tuple[List[Finding], str]:
    """Of fixes whose edits together touch bytes libcst did not reproduce, those that
    do not, one by one; and why the others are left out."""
    from .rewrite import apply_ops

    kept = []
    for finding in placed:
        locator.forget_targets()
        if splice.apply(apply_ops(locator, finding.fix.ops).code) is not None:  # type: ignore[union-attr]
            kept.append(finding)
    left = len(placed) - len(kept)
    more = f" ({left} fixes)" if left > 1 else ""
    return kept, (
        f"libcst does not print this file back byte for byte (first at line {splice.first_difference_line()}), "
        f"and the fix would edit bytes it drops{more}"
    )


def _unplaced(locator: Locator, findings: List[Finding]) -> Optional[str]:
    """Why the fixes of ``findings`` (whose nodes ``locator`` lacks) were left out."""
    if not findings:
        return None
    first = findings[0]
    where = f"{first.code} at line {first.line}, column {first.col}: {locator.misses(first.fix.ops)}"  # type: ignore[union-attr]
    more = f" (and {len(findings) - 1} more)" if len(findings) > 1 else ""
    return f"internal error, fix not applied: {where}{more}"


def verify_fix(
    before: List[Finding], after: str, todo: List[Finding], path: str, settings: Settings
) -> Tuple[Optional[str], List[Finding]]:
    """Why ``after`` is not an acceptable fix of the text whose findings were ``before``
    (None when it is), and the findings of ``after``."""
    try:
        tree = parse_quietly(after, path)
        # ast accepts what only the compiler refuses (a __future__ import after another
        # statement): the fixed file must compile, as Python will when it imports it.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(tree, path, "exec", dont_inherit=True)
    except SyntaxError as error:
        return f"the fixed code does not compile ({error.msg}, line {error.lineno})", []
    counts_before = Counter(f.code for f in before)
    findings_after = check_source(after, path, settings, tree)
    del tree
    free_cycles()  # this tree, before the next pass parses again
    counts_after = Counter(f.code for f in findings_after)
    for code, count in Counter(f.code for f in todo).items():
        if counts_after[code] <= counts_before[code] - count:
            continue
        # A fix may make another clause checkable (an import it adds defines a name the
        # clause used): that finding is fixed by the next pass, and MAX_FIX_PASSES
        # catches a fix that keeps bringing its finding back.
        if not all(settings.applies(f) for f in findings_after if f.code == code):
            return f"{code} still reported after its fix", findings_after
    return None, findings_after


def _brief(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0] if text else ''}".rstrip(": ")
