"""locate: the node an ``ast``-placed target names is found in the libcst tree, whatever
the layout (parenthesised tuples above all), by the fast path and the whole-module one."""

from __future__ import annotations

import ast
import sys
from pathlib import Path
from typing import Iterator, List, Tuple

import libcst as cst
import pytest

from netfix_lint.ast_reading import target_of
from netfix_lint.engine import parse_quietly
from netfix_lint.facts import Span, Target, physical_lines
from netfix_lint.locate import NODE_TYPES, Locator, libcst_span, positions_of, slow_positions_of

from .conftest import fixture_files

TRICKY = '''\
"""Doc."""
import ssl  # comment


@decorator(
    1,
)
async def handler(sock, e):
    x = ((a, b))
    y = ( a, b, )
    z = ((a, b), c)
    w = (  # hi
        a, b
    )
    v = (a), (b)
    u = a, (b)
    t = ("(", ")"), ")"
    try:
        sock.send(b"x"); sock.recv(1)
    except (ConnectionError, ssl.SSLError) as exc:
        if isinstance(exc, X) and exc.status_code and f(x)(y):
            pass
    value = 1 if isinstance(e, X) else (e.status_code, 2)
    call = (lambda q: (q, q))(1)


class C:
    attribute = (1,
                 2)

    def method(self): return (self, (1, 2))


x = 1; y = (2, 3)
if x: z = (x,)


def semicolons(sock):
    try:
        sock.send(b"x");
    except ConnectionError :
        pass ;
    if sock: sock.close() ;
'''


def _targets(source: str) -> Iterator[Tuple[ast.AST, Target]]:
    """Every node of ``source`` a fix could name, with its target."""
    lines = physical_lines(source)
    tree = parse_quietly(source, "m.py")  # as the tool parses: 3.14 clauses on any Python
    # ``x[a, b]``: libcst holds subscript elements, no tuple.
    indexes = {id(node.slice) for node in ast.walk(tree) if isinstance(node, ast.Subscript)}
    for node in ast.walk(tree):
        if isinstance(node, (ast.expr, ast.stmt, ast.excepthandler)) and id(node) not in indexes:
            yield node, target_of(node, lines)


#: ast nodes libcst does not have as nodes of their own, or places otherwise by design.
_NOT_NODES = (ast.Starred, ast.JoinedStr, ast.FormattedValue, ast.Slice, ast.Constant)


def _assert_all_found(source: str, whole: bool) -> int:
    module = cst.parse_module(source)
    found = 0
    # One locator for all: positions gather statement by statement as targets come.
    locator = Locator(module, physical_lines(source))
    if whole:
        locator._look_into = lambda line: False  # type: ignore[method-assign]
    for node, target in _targets(source):
        if isinstance(node, _NOT_NODES):
            continue
        if target.kind == "tuple" and not getattr(node, "elts", None):
            continue  # ``()``: nothing to place, nothing to append to
        match = locator.node(target)
        assert match is not None, f"{type(node).__name__} {target}"
        assert isinstance(match, NODE_TYPES[target.kind]), f"{type(node).__name__} {target} -> {type(match).__name__}"
        if target.kind != "expression":
            found += 1
        else:
            # The same source text: the node is the one ast meant, not a neighbour.
            text = ast.get_source_segment(source, node)
            # (A parenthesised expression over several lines keeps its line breaks inside
            # the parentheses: ``(\n    a\n    and b\n)``.)
            assert module.code_for_node(match).strip("()").strip().replace(" ", "") in (text or "").replace(" ", "")
    return found


def test_every_node_of_tricky_layouts_is_found() -> None:
    assert _assert_all_found(TRICKY, whole=False) > 40


def test_the_whole_module_path_finds_the_same() -> None:
    assert _assert_all_found(TRICKY, whole=True) > 40


@pytest.mark.skipif(sys.version_info < (3, 11), reason="except* needs the Python 3.11 grammar")
def test_except_star_clauses_are_found() -> None:
    source = "try:\n    sock.sendall(data)\nexcept* (OSError, ValueError) as group:\n    pass\n"
    assert _assert_all_found(source, whole=False) >= 2


FIXTURES: List[Path] = fixture_files()


@pytest.mark.parametrize("path", FIXTURES, ids=[p.name for p in FIXTURES])
def test_every_node_of_every_fixture_is_found(path: Path) -> None:
    _assert_all_found(path.read_text(encoding="utf-8"), whole=False)


@pytest.mark.parametrize(
    ("text", "inner"),
    [
        ("((a, b))", "a, b"),
        ("( a, b, )", "a, b,"),
        ("(  # note\n    a, b\n)", "a, b"),
        ('("(", ")")', '"(", ")"'),
        ("((a, b), c)", "(a, b), c"),
    ],
)
def test_a_tuple_in_its_own_parentheses_is_placed_by_its_elements(text: str, inner: str) -> None:
    source = f"x = {text}\n"
    node = ast.parse(source).body[0].value  # type: ignore[attr-defined]
    assert isinstance(node, ast.Tuple)
    target = target_of(node, physical_lines(source))
    span = libcst_span(target, physical_lines(source))
    assert span is not None and span != target.span
    lines = physical_lines(source)
    segment = "\n".join(lines[span.line - 1 : span.end_line])
    start = span.col
    end = len(segment) - (len(lines[span.end_line - 1]) - span.end_col)
    assert segment[start:end] == inner


@pytest.mark.parametrize("text", ["(a), (b)", "(a), b", "a, (b)"])
def test_a_tuple_whose_parentheses_are_its_elements_keeps_its_span(text: str) -> None:
    source = f"x = {text}\n"
    node = ast.parse(source).body[0].value  # type: ignore[attr-defined]
    target = target_of(node, physical_lines(source))
    assert libcst_span(target, physical_lines(source)) == target.span


def test_a_node_that_is_not_there_is_none() -> None:
    source = "x = (a, b)\n"
    locator = Locator(cst.parse_module(source), physical_lines(source))
    assert locator.node(Target("handler", Span(1, 0, 1, 5))) is None
    assert locator.node(Target("tuple", Span(1, 4, 1, 6))) is None


def test_lines_the_trees_count_otherwise_fall_back_to_the_whole_module() -> None:
    """A decorator continued after ``@`` starts a line earlier than ``ast`` says: the fast
    path refuses the statement, and the whole module's positions find the node."""
    source = "@\\\ndecorator\ndef f():\n    return (1, 2)\n"
    tree = ast.parse(source)
    node = tree.body[0].body[0].value  # type: ignore[attr-defined]
    target = target_of(node, physical_lines(source))
    locator = Locator(cst.parse_module(source), physical_lines(source))
    assert isinstance(locator.node(target), cst.Tuple)


def test_positions_the_fast_way_are_libcsts_own() -> None:
    """positions_of runs PositionProvider's generation step directly (skipping an empty
    batched visit of the whole tree): it must give what the documented way gives."""
    module = cst.parse_module(TRICKY)
    fast, slow = positions_of(module), slow_positions_of(module)
    assert len(fast) > 100 and dict(fast) == dict(slow)
