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
    count = len(old_lines)
    # Lines that end before the first different character, or start after the last, are
    # left out of the diff: a fix changes a few places of a file.
    head = max(bisect.bisect_left(starts, _common_length(before, after)) - 1, 0)
    tail = count - bisect.bisect_right(starts, len(before) - _common_length(before[::-1], after[::-1]), 0, count)
    tail = min(tail, count - head, len(new_lines) - head)
    edits = []
    for i1, i2, j1, j2 in _changes(old_lines, new_lines, head, count - tail, head, len(new_lines) - tail):
        old, new = "".join(old_lines[i1:i2]), "".join(new_lines[j1:j2])
        prefix = len(_common_prefix(old, new))
        suffix = len(_common_prefix(old[prefix:][::-1], new[prefix:][::-1]))
        start, end = starts[i1] + prefix, starts[i2] - suffix
        edits.append(
            Edit(*_position(starts, start, before), *_position(starts, end, before), new[prefix : len(new) - suffix])
        )
    return edits


def _changes(
    old: Sequence[str], new: Sequence[str], alo: int, ahi: int, blo: int, bhi: int
) -> List[Tuple[int, int, int, int]]:
    """The changed ranges ``(i1, i2, j1, j2)`` between ``old[alo:ahi]`` and
    ``new[blo:bhi]``, as a patience diff finds them: lines that stand once on each side
    anchor the match, and difflib compares only the short stretches between anchors.
    difflib alone is quadratic in the lines it compares when many repeat (50 fixes of a
    generated 100k-line module took 25 minutes for ``--format json``)."""
    pairs: List[Tuple[int, int]] = []
    _match(old, new, alo, ahi, blo, bhi, pairs)
    changes = []
    i, j = alo, blo
    for a, b in [*pairs, (ahi, bhi)]:
        if a > i or b > j:
            changes.append((i, a, j, b))
        i, j = a + 1, b + 1
    return changes


#: Stretches up to this many lines on both sides go to difflib as they are.
_SMALL = 200


def _match(
    old: Sequence[str], new: Sequence[str], alo: int, ahi: int, blo: int, bhi: int, pairs: List[Tuple[int, int]]
) -> None:
    """Append to ``pairs`` the ``(i, j)`` of equal lines matched in the ranges, in order."""
    while alo < ahi and blo < bhi and old[alo] == new[blo]:
        pairs.append((alo, blo))
        alo, blo = alo + 1, blo + 1
    end: List[Tuple[int, int]] = []
    while alo < ahi and blo < bhi and old[ahi - 1] == new[bhi - 1]:
        ahi, bhi = ahi - 1, bhi - 1
        end.append((ahi, bhi))
    anchors = [] if (ahi - alo) * (bhi - blo) <= _SMALL * _SMALL else _anchors(old, new, alo, ahi, blo, bhi)
    if anchors:
        i, j = alo, blo
        for a, b in anchors:
            _match(old, new, i, a, j, b, pairs)
            pairs.append((a, b))
            i, j = a + 1, b + 1
        _match(old, new, i, ahi, j, bhi, pairs)
    elif alo < ahi and blo < bhi:
        matcher = difflib.SequenceMatcher(None, old[alo:ahi], new[blo:bhi], autojunk=False)
        for a, b, size in matcher.get_matching_blocks():
            pairs.extend((alo + a + k, blo + b + k) for k in range(size))
    pairs.extend(reversed(end))


def _anchors(old: Sequence[str], new: Sequence[str], alo: int, ahi: int, blo: int, bhi: int) -> List[Tuple[int, int]]:
    """The longest increasing run of lines that stand once in each range (patience sort)."""
    seen_old: Dict[str, int] = {}
    for i in range(alo, ahi):
        seen_old[old[i]] = -1 if old[i] in seen_old else i
    seen_new: Dict[str, int] = {}
    for j in range(blo, bhi):
        line = new[j]
        if seen_old.get(line, -1) >= 0:
            seen_new[line] = -1 if line in seen_new else j
    unique = sorted((seen_old[line], j) for line, j in seen_new.items() if j >= 0)
    # Longest increasing subsequence of the new positions, in the old order.
    tops: List[int] = []
    links: List[int] = []
    top_index: List[int] = []
    for index, (_, j) in enumerate(unique):
        place = bisect.bisect_left(tops, j)
        links.append(top_index[place - 1] if place else -1)
        if place == len(tops):
            tops.append(j)
            top_index.append(index)
        else:
            tops[place] = j
            top_index[place] = index
    run: List[Tuple[int, int]] = []
    index = top_index[-1] if top_index else -1
    while index >= 0:
        run.append(unique[index])
        index = links[index]
    return run[::-1]


def _common_length(a: str, b: str) -> int:
    """How many characters ``a`` and ``b`` share at the start: a binary search of slice
    comparisons, each in C."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


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
