"""Find, in a libcst tree, the node an ``ast``-placed :class:`~netfix_lint.facts.Target`
names.

Facts come from the stdlib ``ast`` alone; a fix names the node it edits by kind and span.
libcst places nodes as ``ast`` does (1-based lines, columns in characters, parentheses
around an expression left out), but for one case, handled by :func:`libcst_span`: ``ast``
spans a parenthesised tuple's own parentheses, libcst only its elements.
"""

from __future__ import annotations

import io
import tokenize
from typing import Dict, List, Mapping, Optional, Tuple

import libcst as cst
from libcst.metadata import CodeRange, MetadataWrapper, PositionProvider

from .facts import NodeKind, Span, Target

#: Which libcst node types each kind of target may be.
_TYPES: Dict[NodeKind, Tuple[type, ...]] = {
    "handler": (cst.ExceptHandler, cst.ExceptStarHandler),
    "tuple": (cst.Tuple,),
    "call": (cst.Call,),
    "expression": (cst.BaseExpression,),
    "statement": (cst.SimpleStatementLine, cst.BaseSmallStatement, cst.BaseCompoundStatement),
    "scope": (cst.FunctionDef, cst.ClassDef, cst.Lambda),
}

_Key = Tuple[NodeKind, int, int, int, int]
_SKIPPED_TOKENS = frozenset({tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT})


class Locator:
    """The nodes of one libcst module by kind and span, indexed on first use."""

    def __init__(self, module: cst.Module, lines: List[str]) -> None:
        self.module = module
        self.lines = lines
        self._positions: Optional[Mapping[cst.CSTNode, CodeRange]] = None
        self._index: Optional[Dict[_Key, cst.CSTNode]] = None

    @property
    def positions(self) -> Mapping[cst.CSTNode, CodeRange]:
        if self._positions is None:
            # No copy: the module is not edited in place, and the nodes must be its own.
            self._positions = MetadataWrapper(self.module, unsafe_skip_copy=True).resolve(PositionProvider)
        return self._positions

    def node(self, target: Target) -> Optional[cst.CSTNode]:
        """The node ``target`` names, or None if this tree has no such node."""
        if target.kind == "module":
            return self.module
        span = libcst_span(target, self.lines)
        if span is None:
            return None
        return self._nodes().get((target.kind, span.line, span.col, span.end_line, span.end_col))

    def _nodes(self) -> Dict[_Key, cst.CSTNode]:
        if self._index is None:
            index: Dict[_Key, cst.CSTNode] = {}
            # Positions are recorded as code generation leaves a node, children first:
            # of two nodes with one span (a statement line and its only statement) the
            # outer one comes last, and is the one kept.
            for node, where in self.positions.items():
                for kind, types in _TYPES.items():
                    if isinstance(node, types):
                        index[(kind, where.start.line, where.start.column, where.end.line, where.end.column)] = node
            self._index = index
        return self._index


def libcst_span(target: Target, lines: List[str]) -> Optional[Span]:
    """Where libcst places the node ``ast`` placed at ``target.span``: the same span, but
    for a tuple in parentheses of its own, which libcst places from its first element to
    its last (or its trailing comma). None for ``()``, which holds nothing to place."""
    span = target.span
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
