"""Find, in a libcst tree, the node an ``ast``-placed :class:`~netfix_lint.facts.Target`
names.

Facts come from the stdlib ``ast`` alone; a fix names the node it edits by kind and span.
libcst places nodes as ``ast`` does (1-based lines, columns in characters, parentheses
around an expression left out), but for two cases: ``ast`` spans a parenthesised tuple's
own parentheses, libcst only its elements (:func:`libcst_span`), and ``ast`` spans a
call's only argument, a generator expression, over the call's parentheses.
"""

from __future__ import annotations

import ast
import bisect
import io
import sys
import tokenize
from dataclasses import dataclass
from typing import Dict, List, Mapping, Optional, Sequence, Set, Tuple, cast

import libcst as cst
from libcst.metadata import CodePosition, CodeRange, MetadataWrapper, PositionProvider

from .facts import NodeKind, Span, Target
from .ops import FixOp, targets_of
from .segments import LineMap

#: Which libcst node types each kind of target may be.
NODE_TYPES: Dict[NodeKind, Tuple[type, ...]] = {
    "handler": (cst.ExceptHandler, cst.ExceptStarHandler),
    "tuple": (cst.Tuple,),
    "call": (cst.Call,),
    "expression": (cst.BaseExpression,),
    "statement": (cst.SimpleStatementLine, cst.BaseSmallStatement, cst.BaseCompoundStatement),
    "scope": (cst.FunctionDef, cst.ClassDef, cst.Lambda),
}

#: Per libcst node type, the kinds of target it may be (filled as types are met: the
#: abstract base classes make ``isinstance`` slow, and a module has a few dozen types).
_KINDS_OF: Dict[type, Tuple[NodeKind, ...]] = {}


def _kinds_of(node_type: type) -> Tuple[NodeKind, ...]:
    kinds = _KINDS_OF.get(node_type)
    if kinds is None:
        kinds = _KINDS_OF[node_type] = tuple(k for k, types in NODE_TYPES.items() if issubclass(node_type, types))
    return kinds


_Key = Tuple[NodeKind, int, int, int, int]
_SKIPPED_TOKENS = frozenset({tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT})


class Locator:
    """The nodes of one libcst module by kind and span.

    Positions cost more than parsing, so they are computed only for the top-level
    statements that hold a target asked for (each in a module of its own, its lines
    shifted to where ``ast`` puts the statement); for the whole module only when that
    does not find a node."""

    def __init__(self, module: cst.Module, lines: List[str], line_map: Optional[LineMap] = None) -> None:
        self.module = module
        self.lines = lines
        #: For a module made of some of a file's statements: where the file's lines are in it.
        self.line_map = line_map
        #: The positions known so far (of the statements looked into, or of everything).
        self.positions: Dict[cst.CSTNode, CodeRange] = {}
        self._index: Dict[_Key, cst.CSTNode] = {}
        self._statements: Optional[List[_Statement]] = None
        self._by_node: Dict[int, _Statement] = {}
        self._firsts: List[int] = []
        self._looked_into: Set[int] = set()  # of the top-level statements, by index
        self._whole = False
        #: The line ranges of the targets found: what a rewrite must visit.
        self.busy: List[Tuple[int, int]] = []
        self._merged: Optional[Tuple[int, List[Tuple[int, int]]]] = None  # (for how many, merged)

    def node(self, target: Target) -> Optional[cst.CSTNode]:
        """The node ``target`` names, or None if this tree has no such node."""
        if self.line_map is not None:
            inner = self.line_map.inward(target)
            if inner is None:
                return None
            target = inner
        if target.kind == "module":
            self.busy.append((1, len(self.lines) + 1))
            return self.module
        span = libcst_span(target, self.lines)
        if span is None:
            return None
        key = (target.kind, span.line, span.col, span.end_line, span.end_col)
        found = self._index.get(key)
        if found is None and self._look_into(span.line):
            found = self._index.get(key)
        if found is None and not self._whole:
            self._add(positions_of(self.module), 0, None)
            self._whole = True
            found = self._index.get(key)
        if found is None and target.kind == "expression":
            found = self._index.get((target.kind, *_inside_parentheses(span, self.lines)))
        if found is not None:
            self.busy.append((target.span.line, target.span.end_line))
        return found

    def misses(self, ops: Sequence[FixOp]) -> Optional[str]:
        """What of the nodes ``ops`` name this tree lacks (the first), or None."""
        for op in ops:
            for target in targets_of(op):
                if self.node(target) is None:
                    return f"no {target.kind} at line {target.span.line}, column {target.span.col + 1}"
        return None

    def forget_targets(self) -> None:
        """Start afresh on what a rewrite must visit (positions are kept)."""
        self.busy = []
        self._merged = None

    def holds_no_target(self, node: cst.CSTNode) -> bool:
        """``node`` is a statement whose lines overlap none of the targets found."""
        where = self.positions.get(node)
        if where is not None:
            first, last = where.start.line, where.end.line
        else:
            self._statement_lines()
            statement = self._by_node.get(id(node))
            if statement is None:
                return False  # not known: visit it
            first, last = statement.first, statement.last
        return not _overlaps(self._merged_busy(), first, last)

    def _merged_busy(self) -> List[Tuple[int, int]]:
        if self._merged is None or self._merged[0] != len(self.busy):
            merged: List[Tuple[int, int]] = []
            for start, end in sorted(self.busy):
                if merged and start <= merged[-1][1]:
                    merged[-1] = (merged[-1][0], max(merged[-1][1], end))
                else:
                    merged.append((start, end))
            self._merged = (len(self.busy), merged)
        return self._merged[1]

    def _look_into(self, line: int) -> bool:
        """Compute the positions of the top-level statement holding ``line``, if not yet."""
        statements = self._statement_lines() or []
        index = bisect.bisect_right(self._firsts, line) - 1
        if index >= 0:
            statement = statements[index]
            if statement.first <= line <= statement.last and index not in self._looked_into:
                self._looked_into.add(index)
                alone = statement.node.with_changes(leading_lines=())
                module = self.module.with_changes(body=[alone], header=(), footer=(), has_trailing_newline=True)
                positions = positions_of(module)
                where = positions.get(alone)
                if where is None or where.end.line + statement.first - 1 != statement.last:
                    return False  # the trees count lines otherwise here: ask the whole module
                self._add(positions, statement.first - 1, (alone, statement.node))
                return True
        return False

    def _add(
        self,
        positions: Mapping[cst.CSTNode, CodeRange],
        shift: int,
        copy: Optional[Tuple[cst.CSTNode, cst.CSTNode]],
    ) -> None:
        # Positions are recorded as code generation leaves a node, children first: of
        # two nodes with one span (a statement line and its only statement) the outer
        # one comes last, and is the one kept.
        for node, where in positions.items():
            if isinstance(node, cst.Module) and shift:
                continue
            if copy is not None and node is copy[0]:
                node = copy[1]  # the statement as the module holds it, not its copy
            if shift:
                where = CodeRange(
                    CodePosition(where.start.line + shift, where.start.column),
                    CodePosition(where.end.line + shift, where.end.column),
                )
            self.positions[node] = where
            for kind in _kinds_of(type(node)):
                self._index[(kind, where.start.line, where.start.column, where.end.line, where.end.column)] = node

    def _statement_lines(self) -> Optional[List[_Statement]]:
        """Where each top-level statement's code starts and ends, from ``ast``: a line
        of statements (``a; b``) is as many ``ast`` statements, any other statement one.
        None when the two trees do not pair up."""
        if self._statements is None:
            self._statements = []  # unless they pair up
            try:
                tree = ast.parse("\n".join(self.lines))
            except (SyntaxError, ValueError, RecursionError, MemoryError):
                return None
            statements: List[_Statement] = []
            position = 0
            for node in self.module.body:
                count = len(node.body) if isinstance(node, cst.SimpleStatementLine) else 1
                group = tree.body[position : position + count]
                position += count
                if len(group) != count:
                    return None
                decorators = getattr(group[0], "decorator_list", [])
                first = min([group[0].lineno, *(d.lineno for d in decorators)])
                statements.append(_Statement(node, first, group[-1].end_lineno or group[-1].lineno))
            if position != len(tree.body):
                return None
            self._statements = statements
            self._by_node = {id(statement.node): statement for statement in statements}
            self._firsts = [statement.first for statement in statements]
        return self._statements


@dataclass(frozen=True)
class _Statement:
    """A top-level statement and the lines of its code (its leading comments aside)."""

    node: cst.BaseStatement
    first: int
    last: int


def positions_of(module: cst.Module) -> Mapping[cst.CSTNode, CodeRange]:
    """Where each node of ``module`` is. ``MetadataWrapper.resolve(PositionProvider)``
    gives the same, after a visit of the whole tree for the batched providers it has
    none of, which costs as much as the positions: the provider's own generation step is
    run directly, and the public way taken if libcst's internals ever differ (a test
    holds the two equal)."""
    try:
        provider = PositionProvider()
        provider._gen_impl(module)
        computed = cast(Mapping[cst.CSTNode, CodeRange], provider._computed)
        if computed:
            return computed
    except Exception:  # pragma: no cover - another libcst's internals
        pass
    return slow_positions_of(module)


def slow_positions_of(module: cst.Module) -> Mapping[cst.CSTNode, CodeRange]:
    """The positions of ``module``'s nodes, the documented way."""
    return MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)


def libcst_span(target: Target, lines: List[str]) -> Optional[Span]:
    """Where libcst places the node ``ast`` placed at ``target.span``: the same span, but
    for a tuple in parentheses of its own, which libcst places from its first element to
    its last (or its trailing comma), and a compound statement whose last line ends with
    a semicolon, which libcst ends before it. None for ``()``, which holds nothing to
    place."""
    span = target.span
    if target.kind in ("handler", "statement", "scope"):
        # ``ast`` ends a compound statement after a semicolon its last line ends with
        # (``if x:\n    a = 1;``); libcst at the statement before it.
        before = lines[span.end_line - 1][: span.end_col].rstrip() if 0 < span.end_line <= len(lines) else ""
        if before.endswith(";"):
            return Span(span.line, span.col, span.end_line, len(before[:-1].rstrip()))
        return span
    if target.kind != "tuple":
        return span
    text = _text(span, lines)
    if not text.startswith("("):
        return span
    try:
        tokens = [
            token
            for token in tokenize.generate_tokens(io.StringIO(text).readline)
            if token.type not in _SKIPPED_TOKENS and token.type != tokenize.ENDMARKER
        ]
    except (tokenize.TokenError, SyntaxError):
        return span
    depth = 0
    for index, token in enumerate(tokens):
        if token.type == tokenize.OP and token.string in "([{":
            depth += 1
        elif token.type == tokenize.OP and token.string in ")]}":
            depth -= 1
        if depth == 0 and index < len(tokens) - 1:
            return span  # ``(a), b``: the parenthesis is the first element's
    if len(tokens) < 3:
        return None
    first, last = tokens[1], tokens[-2]
    return Span(*_absolute(span, first.start), *_absolute(span, last.end))


def _inside_parentheses(span: Span, lines: List[str]) -> Tuple[int, int, int, int]:
    """``span`` without the parentheses its text starts and ends with: ``ast`` places a
    call's only argument, a generator expression, over the call's parentheses
    (``any(x for x in y)``), libcst inside them."""
    text = _text(span, lines)
    if len(text) >= 2 and text[0] == "(" and text[-1] == ")":
        return (span.line, span.col + 1, span.end_line, span.end_col - 1)
    return (span.line, span.col, span.end_line, span.end_col)


def _text(span: Span, lines: List[str]) -> str:
    """The source text of ``span`` (lines joined by \\n)."""
    if not 0 < span.line <= span.end_line <= len(lines):
        return ""
    if span.line == span.end_line:
        return lines[span.line - 1][span.col : span.end_col]
    middle = lines[span.line : span.end_line - 1]
    return "\n".join([lines[span.line - 1][span.col :], *middle, lines[span.end_line - 1][: span.end_col]])


def _absolute(span: Span, where: Tuple[int, int]) -> Tuple[int, int]:
    """A (row, col) of the tokens of ``span``'s text as a line and column of the file."""
    row, col = where
    return (span.line, span.col + col) if row == 1 else (span.line + row - 1, col)


def _overlaps(ranges: List[Tuple[int, int]], first: int, last: int) -> bool:
    """Whether lines ``first``-``last`` meet one of ``ranges`` (sorted, disjoint)."""
    index = bisect.bisect_right(ranges, (last, sys.maxsize)) - 1
    return index >= 0 and ranges[index][1] >= first
