"""Python 3.14's unparenthesized ``except A, B:`` (PEP 758), 3.12's type parameters and
``type`` aliases (PEP 695) and 3.14's template strings (PEP 750) on every supported
Python (issue 19): parsed with the same positions, checked and fixed. The fixtures
fixtures/NFX101/python314/ and fixtures/NFX202/python312/ run through the CLI on every
Python of the CI matrix."""

from __future__ import annotations

import ast
import sys
from typing import List, Tuple

import pytest

from netfix_lint import Settings, check_source, fix_source
from netfix_lint.engine import parse_quietly
from netfix_lint.newer_syntax import older_form, parenthesize_except_clauses

SOURCE = (
    "import ssl\n\n"
    "def f(sock: ssl.SSLSocket):\n"
    "    try:\n"
    "        sock.sendall(b'x')\n"
    "    except ConnectionResetError, BrokenPipeError:  # a comment, ok\n"
    "        pass\n"
    "    except (ValueError, TypeError) as error:\n"
    "        raise\n"
    "    except KeyError, (IndexError, LookupError), f(a, b)[0]: pass\n"
)


def names(tree: ast.AST) -> List[Tuple[str, int, int]]:
    return sorted((n.id, n.lineno, n.col_offset) for n in ast.walk(tree) if isinstance(n, ast.Name))


def test_clauses_get_parentheses_and_every_name_keeps_its_place() -> None:
    normalized = parenthesize_except_clauses(SOURCE)
    assert normalized is not None
    lines = normalized.split("\n")
    assert lines[5] == "    except(ConnectionResetError, BrokenPipeError):  # a comment, ok"
    assert lines[7] == "    except (ValueError, TypeError) as error:"  # already parenthesized: kept
    assert lines[9] == "    except(KeyError, (IndexError, LookupError), f(a, b)[0]): pass"
    tree = ast.parse(normalized)
    # Every name where the original has it (what follows a colon moves by one, nothing before).
    for name, line, col in names(tree):
        if name != "pass":
            assert SOURCE.split("\n")[line - 1][col : col + len(name)] == name


@pytest.mark.parametrize(
    "source",
    [
        "x = 1\n",
        "try:\n    sock.sendall(data)\nexcept (A, B):\n    pass\n",
        "try:\n    sock.sendall(data)\nexcept A as e:\n    pass\n",
        "s = 'except A, B:'\n",  # in a string: no clause
        "try:\n    sock.sendall(data)\nexcept A, B as e:\n    pass\n",  # needs parentheses on 3.14 too: left to fail
    ],
)
def test_nothing_to_do(source: str) -> None:
    assert parenthesize_except_clauses(source) is None


@pytest.mark.skipif(sys.version_info < (3, 11), reason="except* is Python 3.11+ syntax")
def test_except_star_clauses() -> None:
    source = "try:\n    sock.sendall(data)\nexcept* OSError, ValueError:\n    raise\n"
    normalized = parenthesize_except_clauses(source)
    assert normalized == "try:\n    sock.sendall(data)\nexcept*(OSError, ValueError):\n    raise\n"
    parse_quietly(source, "m.py")


def test_checked_and_fixed_on_this_python() -> None:
    settings = Settings(preview=True)
    findings = check_source(SOURCE, "m.py", settings)
    assert [(f.code, f.line, f.col) for f in findings] == [("NFX101", 6, 5)]
    fixed = fix_source(SOURCE, "m.py", settings)
    assert fixed.error is None and len(fixed.fixed) == 1
    # The clause stays as the project wrote it, unparenthesized: its Python is 3.14.
    assert "    except ConnectionResetError, BrokenPipeError, ssl.SSLEOFError:  # a comment, ok\n" in fixed.source
    assert fixed.source.replace(", ssl.SSLEOFError", "", 1) == SOURCE


def test_other_syntax_errors_are_still_reported() -> None:
    source = "try:\n    sock.sendall(data)\nexcept A, B:\n    pass\ndef f(:\n    pass\n"
    with pytest.raises(SyntaxError) as raised:
        parse_quietly(source, "m.py")
    if sys.version_info < (3, 14):
        # The error is the original one, at the first clause the running Python rejects.
        assert raised.value.lineno == 3


#: weex-client 0.2.3 (blind round 20): a module with PEP 695 aliases got NFX001 from the
#: tool on Python 3.11.
TYPED = (
    "import websockets\nfrom typing import Any\n\n"
    "type Message = dict[str, Any]\n"
    "type Pair[T: int = int] = tuple[T, T]\n\n\n"
    "class Feed[T](object):\n"
    "    async def run[U](self, uri: str) -> None:\n"
    '        label = t"feed {uri}"  # a template string\n'
    "        try:\n"
    "            await websockets.connect(uri)\n"
    "        except websockets.InvalidStatusCode:\n"
    "            pass\n"
)


def test_type_parameters_and_template_strings_keep_every_place() -> None:
    older = older_form(TYPED)
    assert older is not None
    lines = older.split("\n")
    assert lines[3] == "Message      = dict[str, Any]"  # the name moves, nothing after it
    assert lines[4] == "Pair                    = tuple[T, T]"
    assert lines[7] == "class Feed   (object):"
    assert lines[8] == "    async def run   (self, uri: str) -> None:"
    assert lines[9] == '        label = f"feed {uri}"  # a template string'
    tree = ast.parse(older)
    for name, line, col in names(tree):
        if name not in ("Message", "Pair"):
            assert TYPED.split("\n")[line - 1][col : col + len(name)] == name


@pytest.mark.parametrize(
    "source",
    [
        "type = 1\nprint(type)\n",  # the soft keyword as a name
        "x = type(y)\n",
        "def f(x): pass\n",
        "s = t + 'x'\n",  # a name t beside a string, not a prefix
        "class C(Base[int]):\n    pass\n",
    ],
)
def test_newer_forms_only(source: str) -> None:
    assert older_form(source) in (None, source)


def test_every_name_of_the_tree_is_where_the_source_has_it() -> None:
    for name, line, col in names(parse_quietly(TYPED, "m.py")):
        assert TYPED.split("\n")[line - 1][col : col + len(name)] == name


def test_type_parameters_checked_and_fixed_on_this_python() -> None:
    findings = check_source(TYPED, "m.py")
    assert [(f.code, f.line) for f in findings] == [("NFX202", 13)]
    fixed = fix_source(TYPED, "m.py")
    assert fixed.error is None and len(fixed.fixed) == 1
    # Only the clause changes: the aliases, brackets and template string are as written.
    assert fixed.source == TYPED.replace(
        "except websockets.InvalidStatusCode:", "except (websockets.InvalidStatusCode, websockets.InvalidStatus):"
    )


def test_a_type_parameter_list_across_lines_is_still_a_syntax_error_before_312() -> None:
    source = "import websockets\nclass C[\n    T,\n]:\n    pass\n"
    if sys.version_info >= (3, 12):
        parse_quietly(source, "m.py")
    else:
        with pytest.raises(SyntaxError):
            parse_quietly(source, "m.py")


@pytest.mark.parametrize(
    "alias",
    [
        "class Types: type Conn = websockets.ClientConnection\n",
        "if sys.version_info >= (3, 12): type Conn = websockets.ClientConnection\n",
    ],
)
def test_an_alias_after_a_block_colon_on_its_line(alias: str) -> None:
    """Found by a fresh-eyes review: ``type`` after ``:`` starts a statement too."""
    source = "import sys\nimport websockets\n" + alias + TYPED.split("\n", 3)[3]
    assert [f.code for f in check_source(source, "m.py")] == ["NFX202"]


def test_a_name_after_non_ascii_text_keeps_its_place() -> None:
    """Columns count UTF-8 bytes: a line with ``É`` before a name is not a moved name
    (the fix of this clause failed with an internal error)."""
    source = (
        "import websockets\nfrom websockets.exceptions import InvalidStatusCode\n\n"
        "type Url = str\n\n\nclass Échec(Exception):\n    pass\n\n\n"
        "async def run(uri: Url):\n    try:\n        await websockets.connect(uri)\n"
        "    except (Échec, InvalidStatusCode) as exc: raise Échec(InvalidStatusCode) from exc\n"
    )
    fixed = fix_source(source, "m.py", Settings(websockets_version=">=14"))
    assert fixed.error is None and len(fixed.fixed) == 1
    assert "    except (Échec, InvalidStatus) as exc: raise Échec(InvalidStatusCode) from exc\n" in fixed.source
