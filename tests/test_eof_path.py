"""What a function of one exception parameter answers for an ssl.SSLEOFError
(netfix_lint/eof_path.py), and the facts NFX103 reads from it."""

from __future__ import annotations

import ast
import sys
import textwrap
from typing import Optional

import pytest

from netfix_lint.facts_ast import extract


def _answer(source: str) -> Optional[str]:
    """The errno test the module's last function answers an SSLEOFError by, as a fact
    (``Scope.errno_test``): ``left op right``, the operator negated where it answers the
    negation."""
    source = "import errno, socket, ssl\n" + textwrap.dedent(source)
    facts = extract(ast.parse(source), source.splitlines())
    (function,) = [s for s in facts.scopes if s.kind == "function" and s.name == "f"]
    test = function.errno_test
    return None if test is None else f"{test.left} {test.op} {test.right.text}"


@pytest.mark.parametrize(
    "source, expected",
    [
        ("def f(e):\n    return e.errno in DROPS\n", "e.errno in DROPS"),
        ("def f(e):\n    '''Doc.'''\n    return not e.errno in DROPS\n", "e.errno not in DROPS"),
        # Class tests an SSLEOFError fails, then one it passes.
        (
            "def f(e):\n    if isinstance(e, Interrupted):\n        return True\n"
            "    if isinstance(e, socket.gaierror):\n        return e.errno == socket.EAI_AGAIN\n"
            "    if isinstance(e, OSError):\n"
            "        return isinstance(e, (ConnectionError, TimeoutError)) or e.errno in DROPS\n"
            "    return False\n",
            "e.errno in DROPS",
        ),
        # ``if test: return True`` then ``return False`` (and the reverse).
        ("def f(e):\n    if e.errno in DROPS:\n        return True\n    return False\n", "e.errno in DROPS"),
        ("def f(e):\n    if e.errno in DROPS:\n        return False\n    return True\n", "e.errno not in DROPS"),
        (
            "def f(e):\n    if e.errno not in DROPS:\n        return False\n    else:\n        return True\n",
            "e.errno in DROPS",
        ),
        ("def f(e):\n    if e.errno in DROPS:\n        return True\n", "e.errno in DROPS"),
        # Statements that neither return nor rebind the parameter are stepped over.
        ("def f(e):\n    log.debug('%s', e)\n    return e.errno in DROPS\n", "e.errno in DROPS"),
        # Classes named through the module's imports: socket.error is OSError, struct.error
        # and a library's SSLError are not.
        (
            "from socket import error as SocketError\ndef f(e):\n    if isinstance(e, SocketError):\n"
            "        return e.errno in DROPS\n    return True\n",
            "e.errno in DROPS",
        ),
        (
            "import struct\nfrom requests.exceptions import SSLError\ndef f(e):\n"
            "    if isinstance(e, (struct.error, SSLError)):\n        return True\n    return e.errno in DROPS\n",
            "e.errno in DROPS",
        ),
        # ``and``: a class test SSLEOFError passes drops out.
        ("def f(e):\n    return isinstance(e, socket.error) and e.errno in DROPS\n", "e.errno in DROPS"),
        ("def f(e):\n    return not isinstance(e, Fatal) and e.errno in DROPS\n", "e.errno in DROPS"),
    ],
)
def test_the_errno_test_an_ssl_eof_error_meets(source: str, expected: str) -> None:
    assert _answer(source) == expected


@pytest.mark.parametrize(
    "source",
    [
        # An SSLError branch answers first.
        "def f(e):\n    if isinstance(e, ssl.SSLError):\n        return True\n    return e.errno in DROPS\n",
        # Every exception is an Exception: the errno test is never reached.
        "def f(e):\n    return isinstance(e, Exception) or e.errno in DROPS\n",
        # A tuple bound to a name may hold OSError: cannot be told.
        "RETRYABLE = (OSError,)\ndef f(e):\n    if isinstance(e, RETRYABLE):\n        return True\n    return e.errno in DROPS\n",
        # The same under an imported alias; and an OSError alias is a base.
        "from ssl import SSLError as TLSError\ndef f(e):\n    if isinstance(e, TLSError):\n"
        "        return True\n    return e.errno in DROPS\n",
        # The path raises for it: no answer at all.
        "def f(e):\n    if isinstance(e, ssl.SSLError):\n        raise Failure() from e\n    return e.errno in DROPS\n",
        # The errno test's block is nested: the function goes on after it.
        "def f(e):\n    if isinstance(e, OSError):\n        if e.errno in DROPS:\n            return True\n"
        "    return isinstance(e, ssl.SSLError)\n",
        # Tests of anything but the parameter's class cannot be decided.
        "def f(e):\n    if self.closing:\n        return True\n    return e.errno in DROPS\n",
        # The parameter is rebound (the cause chain is walked).
        "def f(e):\n    e = e.__cause__ or e\n    return e.errno in DROPS\n",
        "def f(e):\n    while e is not None:\n        if e.errno in DROPS:\n            return True\n"
        "        e = e.__context__\n    return False\n",
        # Two errno tests, or branches that answer alike.
        "def f(e):\n    return e.errno == EPIPE or e.errno == ECONNRESET\n",
        "def f(e):\n    if e.errno in DROPS:\n        return True\n    return True\n",
        # Answers no errno test at all.
        "def f(e):\n    return isinstance(e, OSError)\n",
        "def f(e):\n    return e.args[1]\n",
    ],
)
def test_no_single_errno_test(source: str) -> None:
    assert _answer(source) is None


@pytest.mark.skipif(sys.version_info < (3, 10), reason="match statements need Python 3.10 to parse")
def test_a_case_capture_rebinds_the_parameter() -> None:
    source = (
        "def f(e):\n    match e.args:\n        case (OSError() as e,):\n            pass\n    return e.errno in DROPS\n"
    )
    assert _answer(source) is None
