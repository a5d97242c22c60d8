"""A fix as text edits, for the JSON and SARIF reports: for each finding, the smallest
``(start, end, replacement)`` ranges that turn the checked text into the text its fix
alone produces. Fixes themselves are tree edits (see :mod:`netfix_lint.rewrite`); these
ranges are computed from their result, so they always say what ``--fix`` would write.
"""

from __future__ import annotations

import bisect
import contextlib
import difflib
from typing import TYPE_CHECKING, Callable, Dict, List, Optional, Sequence, Tuple

from . import codemod, engine
from .facts import physical_lines
from .model import Edit, Finding, FindingKey, ReplaceText, key
from .settings import Settings
from .splice import Splice

if TYPE_CHECKING:  # pragma: no cover
    from .locate import Locator

__all__ = ["Edit", "FindingKey", "apply_edits", "fix_edits", "key", "text_edits"]


def fix_edits(
    text: str, path: str, findings: Sequence[Finding], settings: Settings
) -> Dict[FindingKey, Tuple[Edit, ...]]:
    """The edits of each finding's fix (safe or not) in ``text``; a finding whose edits
    cannot be computed (libcst cannot reproduce the file, say) has none."""
    wanted = [f for f in findings if f.fix is not None]
    if not wanted:
        return {}
    edits: Dict[FindingKey, Tuple[Edit, ...]] = {}
    python = [f for f in wanted if not any(isinstance(op, ReplaceText) for op in f.fix.ops)]  # type: ignore[union-attr]
    for finding in wanted:
        if finding not in python:
            edits[key(finding)] = _replace_text_edits(finding)
    if python:
        # A report must not fail because one fix cannot be described.
        with contextlib.suppress(Exception), codemod.collector_paused():
            edits.update(engine.deep(_python_edits, text, path, python, settings))
    return edits


def _replace_text_edits(finding: Finding) -> Tuple[Edit, ...]:
    return tuple(
        Edit(op.line, op.col, op.line, op.col + len(op.old), op.new)
        for op in finding.fix.ops  # type: ignore[union-attr]
        if isinstance(op, ReplaceText)
    )


def _python_edits(
    text: str, path: str, findings: Sequence[Finding], settings: Settings
) -> Dict[FindingKey, Tuple[Edit, ...]]:
    from .locate import Locator

    smaller = codemod.smaller_module(text, [op for f in findings for op in f.fix.ops])  # type: ignore[union-attr]
    if smaller is not None:
        segments, locator = smaller
        edits = _edits_of(text, findings, locator, segments.join)
        if edits is not None:
            return edits
    module, _ = codemod.round_trip_error(text)
    if module is None:
        return {}  # --fix refuses such a file; there is nothing to describe
    locator = Locator(module, physical_lines(text))
    return _edits_of(text, findings, locator, Splice(text, module.code).apply, whole=True) or {}


def _edits_of(
    text: str,
    findings: Sequence[Finding],
    locator: Locator,
    finish: Callable[[str], Optional[str]],
    whole: bool = False,
) -> Optional[Dict[FindingKey, Tuple[Edit, ...]]]:
    """Each finding's edits: its fix alone applied to ``locator``'s module, whose code
    ``finish`` makes the file's text. Of a smaller module (not ``whole``), None where a
    fix's nodes are missing or its text cannot be put back: the whole module decides."""
    from .rewrite import apply_ops

    edits: Dict[FindingKey, Tuple[Edit, ...]] = {}
    for finding in findings:
        if finding.fix is None or locator.misses(finding.fix.ops) is not None:
            if not whole:
                return None
            continue  # a fix whose nodes libcst lacks is not applied, so it has no edits
        locator.forget_targets()  # what this fix's rewrite visits: its own nodes only
        # A report must not fail, nor lose the other fixes' edits, because one fix
        # cannot be described.
        with contextlib.suppress(Exception):
            fixed = finish(apply_ops(locator, finding.fix.ops).code)
            if fixed is None and not whole:
                return None
            if fixed is not None:  # else --fix leaves it out: it would edit bytes libcst drops
                edits[key(finding)] = tuple(text_edits(text, fixed))
    return edits


def text_edits(before: str, after: str) -> List[Edit]:
    """The edits that turn ``before`` into ``after``: changed lines, trimmed to the
    characters that differ."""
    old_lines, new_lines = _lines(before), _lines(after)
    starts = _line_starts(old_lines)
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    edits = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        old, new = "".join(old_lines[i1:i2]), "".join(new_lines[j1:j2])
        prefix = len(_common_prefix(old, new))
        suffix = len(_common_prefix(old[prefix:][::-1], new[prefix:][::-1]))
        start, end = starts[i1] + prefix, starts[i2] - suffix
        edits.append(
            Edit(*_position(starts, start, before), *_position(starts, end, before), new[prefix : len(new) - suffix])
        )
    return edits


def _lines(text: str) -> List[str]:
    """Lines as Python's tokenizer splits them (\\n, \\r\\n, \\r), ends kept."""
    return physical_lines(text, keepends=True)


def _line_starts(lines: Sequence[str]) -> List[int]:
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    return starts


def _common_prefix(a: str, b: str) -> str:
    size = 0
    for x, y in zip(a, b):
        if x != y:
            break
        size += 1
    return a[:size]


def _position(starts: List[int], offset: int, text: str) -> Tuple[int, int]:
    """1-based (line, column) of a character offset; ``starts`` holds each line's offset
    and then the length of the text (where a line after a final line break starts)."""
    index = bisect.bisect_right(starts, offset) - 1
    if index == len(starts) - 1 and index > 0 and not text.endswith(("\n", "\r")):
        index -= 1  # the end of a text without a final line break: on its last line
    return index + 1, offset - starts[index] + 1


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """Apply non-overlapping edits (used by the tests, and handy for editor integrations)."""
    starts = _line_starts(_lines(text))

    def offset(line: int, col: int) -> int:
        return starts[line - 1] + col - 1

    result = text
    for edit in sorted(edits, key=lambda e: (e.line, e.col), reverse=True):
        result = result[: offset(edit.line, edit.col)] + edit.content + result[offset(edit.end_line, edit.end_col) :]
    return result
