"""Source in syntax newer than the running Python, made parseable where that is safe.

:func:`older_form` rewrites what the tokenizer of every supported Python reads but its
parser may reject, keeping every line and (but for a type alias's name) every column:
PEP 758 clauses (below), PEP 695 type parameters and ``type`` aliases (3.12: the
brackets become spaces, ``type X = V`` becomes ``X      = V``, whose name
:func:`restore_columns` then puts back where it stands) and PEP 750 template strings
(3.14: ``t"..."`` is read as the f-string it is written like). Every node keeps its place. Not rewritten: PEP 701 f-strings that
reuse their quotes inside (3.12), which older tokenizers cannot split (nor a template
string inside an f-string before 3.12), a class's or function's type parameter list
across lines (an alias's is read as a subscript, ``Pair[T,] = V``, which no rule looks
at), and ``match`` / ``except*`` for a tool running on 3.9 or 3.10.

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

import ast
import io
import tokenize
from typing import Iterator, List, Optional, Tuple

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
    commas = False
    for position, token, depth in _nested(tokens, index):
        if _is_bracket(token):
            continue
        if depth == 0 and token.type == tokenize.OP and token.string == ",":
            commas = True
        elif depth == 0 and token.type == tokenize.NAME and token.string == "as":
            return None  # ``as`` needs the parentheses, even on 3.14
        elif depth == 0 and token.type == tokenize.OP and token.string == ":":
            return (first, position) if commas and position > first else None
        elif token.type in (tokenize.NEWLINE, tokenize.ENDMARKER):
            return None
    return None


#: Template-string prefixes (PEP 750), any case: ``t``, ``tr``, ``rt``.
_TEMPLATE_PREFIXES = frozenset({"t", "tr", "rt"})


def older_form(source: str) -> Optional[str]:
    """``source`` with every rewrite of this module applied; None when none applies (or it
    does not tokenize)."""
    first = parenthesize_except_clauses(source)
    text = source if first is None else first
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, SyntaxError):
        return first
    edits: List[Tuple[Tuple[int, int], Tuple[int, int], str]] = []  # (start, end, text), one row
    for index, token in enumerate(tokens):
        if token.type != tokenize.NAME:
            continue
        after = tokens[index + 1] if index + 1 < len(tokens) else None
        if after is None:
            break
        # After ``;`` or a block's ``:`` on its line (``if X: type T = int``) too: no
        # other ``:`` can stand before ``type NAME =`` in valid code.
        starts = not index or tokens[index - 1].type in _STATEMENT_STARTS or tokens[index - 1].string in (";", ":")
        if token.string == "type" and starts and after.type == tokenize.NAME and after.start[0] == token.start[0]:
            following = tokens[index + 2] if index + 2 < len(tokens) else None
            if following is not None and following.string in ("=", "["):
                # ``type X = V`` -> ``X      = V``: what follows keeps its column.
                width = after.end[1] - token.start[1]
                edits.append((token.start, after.end, after.string.ljust(width)))
                if following.string == "[":
                    edits.extend(_blank_brackets(tokens, index + 2))
        elif token.string in ("def", "class") and after.type == tokenize.NAME:
            if index + 2 < len(tokens) and tokens[index + 2].string == "[":
                edits.extend(_blank_brackets(tokens, index + 2))
        elif token.string.lower() in _TEMPLATE_PREFIXES and after.type == tokenize.STRING and after.start == token.end:
            at = token.string.lower().index("t")
            letter = "f" if token.string[at] == "t" else "F"
            edits.append(((token.start[0], token.start[1] + at), (token.start[0], token.start[1] + at + 1), letter))
    if not edits:
        return first
    lines = text.split("\n")
    for (row, col), (_, end), replacement in sorted(edits, reverse=True):
        line = lines[row - 1]
        lines[row - 1] = line[:col] + replacement + line[end:]
    return "\n".join(lines)


def _blank_brackets(tokens: List[tokenize.TokenInfo], index: int) -> List[Tuple[Tuple[int, int], Tuple[int, int], str]]:
    """Spaces over the type parameter list opening at ``tokens[index]`` (``[T: int]``),
    when it closes on the same line; else nothing (the parse fails as before)."""
    for _, token, depth in _nested(tokens, index):
        if _is_bracket(token) and token.string in _CLOSING and depth == 0:
            start, end = tokens[index].start, token.end
            if start[0] != end[0]:
                return []
            return [(start, end, " " * (end[1] - start[1]))]
        if token.type in (tokenize.NEWLINE, tokenize.ENDMARKER):
            return []
    return []


def _is_bracket(token: tokenize.TokenInfo) -> bool:
    return token.type == tokenize.OP and token.string in _OPENING + _CLOSING


def _nested(tokens: List[tokenize.TokenInfo], index: int) -> Iterator[Tuple[int, tokenize.TokenInfo, int]]:
    """The tokens from ``tokens[index]`` on, each with its index and the bracket depth
    after it."""
    depth = 0
    for position in range(index, len(tokens)):
        token = tokens[position]
        if _is_bracket(token):
            depth += 1 if token.string in _OPENING else -1
        yield position, token, depth


def restore_columns(tree: ast.Module, source: str, older: str) -> ast.Module:
    """The names of ``tree``, parsed from ``older`` (:func:`older_form` of ``source``), at
    the columns ``source`` has them: a ``type`` alias's name moved left when its keyword
    went. Only lines the rewrite changed are looked at; columns count UTF-8 bytes, as
    ``ast``'s do."""
    lines, rewritten = source.split("\n"), older.split("\n")
    for node in ast.walk(tree):
        if not isinstance(node, ast.Name) or node.lineno != node.end_lineno or node.lineno > len(lines):
            continue
        row = node.lineno - 1
        if row >= len(rewritten) or lines[row] == rewritten[row]:
            continue
        line, name = lines[row].encode("utf-8"), node.id.encode("utf-8")
        if line[node.col_offset : node.end_col_offset] == name:
            continue
        at = line.find(name, node.col_offset)
        if at >= 0:
            node.col_offset, node.end_col_offset = at, at + len(name)
    return tree
