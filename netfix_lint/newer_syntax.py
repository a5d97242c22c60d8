"""Source in syntax newer than the running Python, made parseable where that is safe.

Python 3.14 (PEP 758) accepts ``except A, B:`` and ``except* A, B:`` without
parentheses when the clause binds no name; ``ast.parse`` on 3.13 and earlier rejects
them, and a project on 3.14 checked by a tool installed on an older Python would get
NFX001 for every such file. :func:`parenthesize_except_clauses` gives the clauses their
parentheses, in place: the space before the first class becomes ``(`` and a ``)`` goes
before the colon, so every class keeps its line and column (only what follows the colon
on that line moves, by one). The tokenizer of every supported Python reads such
clauses: it does not know the grammar.
"""

from __future__ import annotations

import io
import tokenize
from typing import List, Optional, Tuple

#: Tokens that end a statement: an ``except`` after one of them starts a clause.
_STATEMENT_STARTS = frozenset({tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.NL})
_OPENING, _CLOSING = "([{", ")]}"


def parenthesize_except_clauses(source: str) -> Optional[str]:
    """``source`` with PEP 758 clauses parenthesized; None when it has none (or does not
    tokenize)."""
    if "except" not in source:
        return None
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, SyntaxError):
        return None
    edits: List[Tuple[Tuple[int, int], str, bool]] = []  # (position, text, replaces a space)
    for index, token in enumerate(tokens):
        if token.type != tokenize.NAME or token.string != "except":
            continue
        if index and tokens[index - 1].type not in _STATEMENT_STARTS:
            continue
        clause = _clause(tokens, index + 1)
        if clause is None:
            continue
        first, colon = clause
        before = tokens[first - 1].end
        start = tokens[first].start
        replaces = before[0] == start[0] and start[1] - before[1] >= 1
        edits.append(((start[0], start[1] - 1 if replaces else start[1]), "(", replaces))
        edits.append((tokens[colon].start, ")", False))
    if not edits:
        return None
    lines = source.split("\n")  # the tokenizer's rows: io.StringIO lines end at "\n" only
    for (row, col), text, replaces in sorted(edits, reverse=True):
        line = lines[row - 1]
        lines[row - 1] = line[:col] + text + line[col + (1 if replaces else 0) :]
    return "\n".join(lines)


def _clause(tokens: List[tokenize.TokenInfo], index: int) -> Optional[Tuple[int, int]]:
    """For the tokens after ``except``: the index of the first class and of the colon,
    when the classes are an unparenthesized list of several (PEP 758); else None."""
    if index < len(tokens) and tokens[index].string == "*":
        index += 1
    first = index
    depth = 0
    commas = False
    for position in range(index, len(tokens)):
        token = tokens[position]
        if token.type == tokenize.OP and token.string in _OPENING:
            depth += 1
        elif token.type == tokenize.OP and token.string in _CLOSING:
            depth -= 1
        elif depth == 0 and token.type == tokenize.OP and token.string == ",":
            commas = True
        elif depth == 0 and token.type == tokenize.NAME and token.string == "as":
            return None  # ``as`` needs the parentheses, even on 3.14
        elif depth == 0 and token.type == tokenize.OP and token.string == ":":
            return (first, position) if commas and position > first else None
        elif token.type in (tokenize.NEWLINE, tokenize.ENDMARKER):
            return None
    return None
