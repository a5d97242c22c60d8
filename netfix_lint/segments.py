"""A smaller module for libcst: only the top-level statements a fix edits.

libcst's tree of a whole module takes about 740 bytes of memory per byte of source
(1.1 GiB for a 1.6 MB file), and a fix edits a few statements. So the fix is applied to a
module made of those statements (and, for an added import, the module's head up to the
end of its first import block), with every run of statements left out replaced by one
placeholder statement. libcst's result is carried back into the original text: between
the placeholders it is the fixed statements, and each placeholder stands for the
original text it replaced, which is put back byte for byte.

:func:`segment` returns None when the whole module must be given to libcst: an edit of
the whole module, an operation that reads the whole module (``RemoveUnusedImport``
counts the name's mentions everywhere), or text whose statement boundaries cannot be
cut safely. The result is the one the whole module gives (``tests/test_segments.py``).
"""

from __future__ import annotations

import ast
import bisect
import dataclasses
import io
import tokenize
from dataclasses import dataclass
from typing import Iterable, List, Optional, Sequence, Set, Tuple

from .engine import parse_quietly
from .facts import Span, Target, physical_lines
from .ops import AddImport, FixOp, RemoveUnusedImport, targets_of

#: Starts each placeholder's comment; a text that holds it is given to libcst whole.
MARKER = "netfix-lint: statements left out"


@dataclass(frozen=True)
class Group:
    """One top-level statement as libcst sees it: a compound statement, or a line of
    simple statements (``a = 1; b = 2`` is two for ``ast``)."""

    last: int  # its last line of code, 1-based
    is_import: bool  # a line holding one import statement (add_import's "import line")
    is_future: bool  # a line holding a ``__future__`` import
    maybe_docstring: bool  # one expression statement: the docstring, if it is a string


class LineMap:
    """Where the lines of the original are in the smaller module: each kept run of lines
    as (its first line in the original, its last, its first line in the smaller one)."""

    def __init__(self, runs: List[Tuple[int, int, int]]) -> None:
        self.runs = runs
        self._firsts = [run[0] for run in runs]

    def inward(self, target: Target) -> Optional[Target]:
        """``target`` placed in the smaller module; None if its lines were left out."""
        index = bisect.bisect_right(self._firsts, target.span.line) - 1
        if index < 0:
            return None
        first, last, inner = self.runs[index]
        if target.span.end_line > last:
            return None
        shift = inner - first
        span = target.span
        return dataclasses.replace(target, span=Span(span.line + shift, span.col, span.end_line + shift, span.end_col))


@dataclass
class Segments:
    """The smaller module's text, where its lines are in the original, and the pieces
    of the original: kept text (str) and left-out text with its placeholder."""

    text: str
    lines: LineMap
    gaps: List[Tuple[str, str]]  # (placeholder, the original text it stands for), in order

    def join(self, fixed: str) -> Optional[str]:
        """The original with the edits that turned ``text`` into ``fixed``; None if a
        placeholder did not come through unchanged, once and in order."""
        pieces: List[str] = []
        rest = fixed
        for placeholder, original in self.gaps:
            before, found, after = rest.partition(placeholder)
            if not found or placeholder in after:
                return None
            pieces += [before, original]
            rest = after
        pieces.append(rest)
        return "".join(pieces)


def segment(source: str, ops: Sequence[FixOp]) -> Optional[Segments]:
    """The smaller module holding every statement ``ops`` name, or None when the whole
    module must be given to libcst (see the module's docstring)."""
    if MARKER in source or any(isinstance(op, RemoveUnusedImport) for op in ops):
        return None
    if any(target.kind == "module" for op in ops for target in targets_of(op)):
        return None
    groups = top_level_groups(source)
    if not groups:
        return None
    kept = _kept_groups(groups, ops)
    lines = physical_lines(source, keepends=True)
    indent = _default_indent(source)
    if indent is None or not _cuts_are_safe(lines, groups, kept):
        return None
    return _assemble(lines, groups, kept, indent)


def top_level_groups(source: str) -> List[Group]:
    """The top-level statements of ``source`` as libcst groups them (the ``ast`` tree
    is freed before this returns: it is a few hundred bytes per byte of source)."""
    try:
        tree = parse_quietly(source, "<segments>")
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return []
    groups = _groups(tree.body)
    del tree
    return groups


def _groups(body: Iterable[ast.stmt]) -> List[Group]:
    lines: List[List[ast.stmt]] = []
    for statement in body:
        # A statement starting on the line the previous one ends on follows a semicolon.
        if lines and statement.lineno == (lines[-1][-1].end_lineno or lines[-1][-1].lineno):
            lines[-1].append(statement)
        else:
            lines.append([statement])
    return [_group(statements) for statements in lines]


def _group(statements: List[ast.stmt]) -> Group:
    only = statements[0] if len(statements) == 1 else None
    return Group(
        last=statements[-1].end_lineno or statements[-1].lineno,
        is_import=isinstance(only, (ast.Import, ast.ImportFrom)),
        is_future=any(isinstance(s, ast.ImportFrom) and s.level == 0 and s.module == "__future__" for s in statements),
        maybe_docstring=isinstance(only, ast.Expr),
    )


def _kept_groups(groups: List[Group], ops: Sequence[FixOp]) -> Set[int]:
    """The groups the smaller module keeps: each operation's (from its first target's
    line to its last's), and for an import to add, the module's head (_import_head)."""
    lasts = [group.last for group in groups]
    kept: Set[int] = set()
    for op in ops:
        targets = targets_of(op)
        if targets:
            first = bisect.bisect_left(lasts, min(t.span.line for t in targets))
            last = bisect.bisect_left(lasts, max(t.span.end_line for t in targets))
            kept.update(range(first, min(last, len(groups) - 1) + 1))
        if isinstance(op, AddImport):
            kept.update(range(_import_head(groups)))
    return kept


def _import_head(groups: List[Group]) -> int:
    """How many leading groups hold every statement ``rewrite.add_import`` looks at or
    changes: past the docstring and ``__future__`` imports, the first run of import
    lines and the statement that ends it, or, with no import line, the statement the
    new one goes above. ``ast`` cannot tell a string from an f-string docstring: both
    readings are taken, and the longer head kept."""
    starts = [0, 1] if groups[0].maybe_docstring else [0]
    return max(_import_head_from(groups, start) for start in starts)


def _import_head_from(groups: List[Group], start: int) -> int:
    while start < len(groups) and groups[start].is_future:
        start += 1
    index = start
    while index < len(groups) and not groups[index].is_import:
        index += 1
    if index == len(groups):
        return min(start + 1, len(groups))
    while index < len(groups) and groups[index].is_import:
        index += 1
    return min(index + 1, len(groups))


def _default_indent(source: str) -> Optional[str]:
    """The indentation libcst takes as the module's own: that of the first indented
    block (new blocks are written with it, and blocks indented so print without their
    own). Placeholders carry it, so the smaller module has the same. None if the
    tokenizer refuses the text."""
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.INDENT:
                return token.string
    except (tokenize.TokenError, SyntaxError):
        return None
    return "    "


def _chunk_starts(groups: List[Group]) -> List[int]:
    """The first line of each group's text: the line after the previous group's code
    (its blank lines and comments are its own, as libcst's leading lines are)."""
    return [1] + [group.last + 1 for group in groups[:-1]]


def _cuts_are_safe(lines: List[str], groups: List[Group], kept: Set[int]) -> bool:
    """No cut between kept and left-out text falls after a line continued by a
    backslash (the placeholder would continue it)."""
    for index in range(len(groups) - 1):
        if (index in kept) != (index + 1 in kept):
            line = lines[groups[index].last - 1] if groups[index].last <= len(lines) else ""
            if line.rstrip("\r\n").endswith("\\"):
                return False
    return True


def _assemble(lines: List[str], groups: List[Group], kept: Set[int], indent: str) -> Segments:
    starts = _chunk_starts(groups)
    newline = lines[0][len(lines[0].rstrip("\r\n")) :] or "\n"
    text: List[str] = []
    runs: List[Tuple[int, int, int]] = []
    gaps: List[Tuple[str, str]] = []
    sub_line = 1
    for keep, first, last in _runs(groups, kept, starts, len(lines)):
        original = "".join(lines[first - 1 : last])
        if keep:
            runs.append((first, last, sub_line))
            text.append(original)
            sub_line += last - first + 1
            continue
        # One statement with a block of the module's indentation (see _default_indent).
        placeholder = f"if 0:  # {MARKER} ({len(gaps) + 1}){newline}{indent}pass{newline}"
        gaps.append((placeholder, original))
        text.append(placeholder)
        sub_line += 2
    return Segments("".join(text), LineMap(runs), gaps)


def _runs(groups: List[Group], kept: Set[int], starts: List[int], line_count: int) -> List[Tuple[bool, int, int]]:
    """(kept or not, first line, last line) of each run of groups kept or left out; the
    lines after the last statement go with it."""
    runs: List[Tuple[bool, int, int]] = []
    for index in range(len(groups)):
        last = line_count if index == len(groups) - 1 else groups[index].last
        keep = index in kept
        if runs and runs[-1][0] == keep:
            runs[-1] = (keep, runs[-1][1], last)
        else:
            runs.append((keep, starts[index], last))
    return runs
