"""Python 3.14's unparenthesized ``except A, B:`` (PEP 758) on every supported Python
(issue 19): parsed with the same positions, checked and fixed. The fixture
fixtures/NFX101/python314/ runs through the CLI on every Python of the CI matrix."""

from __future__ import annotations

import ast
import sys
from typing import List, Tuple

import pytest

from netfix_lint import Settings, check_source, fix_source
from netfix_lint.engine import parse_quietly
from netfix_lint.newer_syntax import parenthesize_except_clauses

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
