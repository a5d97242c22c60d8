"""What a function of one exception parameter answers for an ``ssl.SSLEOFError``.

NFX103 follows drop tests made by the module's own functions (``is_disconnect(e)``,
``retryable=_retryable_error``). Such a function often tests the exception's class
before its errno::

    def _retryable(error):
        if isinstance(error, InvalidStatus):
            return error.response.status_code in {502, 503}
        if isinstance(error, OSError):
            return isinstance(error, ConnectionError) or error.errno in {errno.EPIPE, ...}
        return False

An SSLEOFError is an OSError and an SSLError, and nothing else an ``isinstance`` test
can name (a package's own class, ``ConnectionError``, ``socket.timeout`` are no bases of
it), so the path it takes through the body can be followed, and what it returns on that
path is, here, the errno test alone: :func:`eof_decision` finds that test.
"""

from __future__ import annotations

import ast
from typing import Callable, List, Optional, Tuple, Union

#: Classes an ``ssl.SSLEOFError`` is an instance of, by qualified name (``socket.error``,
#: ``select.error`` and ``os.error`` are OSError; ``IOError`` and ``EnvironmentError`` its
#: old names).
EOF_BASES = frozenset(
    {
        *(f"builtins.{name}" for name in ("OSError", "IOError", "EnvironmentError", "Exception", "BaseException")),
        "socket.error",
        "select.error",
        "os.error",
        "ssl.SSLError",
        "ssl.SSLEOFError",
        "_ssl.SSLError",
        "_ssl.SSLEOFError",
    }
)

#: The test an SSLEOFError meets, and whether the function answers its negation.
Decision = Tuple[ast.Compare, bool]


class _Unknown(Exception):
    """The path cannot be followed (a test it cannot decide, the parameter rebound)."""


#: The body ran to its end without a ``return``.
_FELL_THROUGH = object()


class _Answer:
    """The function answers something that is no errno test on this path: a constant
    (``value``), or something else (None)."""

    def __init__(self, value: Optional[bool] = None) -> None:
        self.value = value


_Outcome = Union[Decision, _Answer, object]


def eof_decision(
    body: List[ast.stmt],
    param: str,
    errno_read: Callable[[ast.expr], bool],
    qualname: Callable[[str], Optional[str]],
) -> Optional[Decision]:
    """The errno comparison whose result the function returns for an SSLEOFError passed as
    ``param`` (and whether it returns its negation), or None when that answer is not one
    errno test. ``errno_read(node)`` says whether a node reads the parameter's errno;
    ``qualname(dotted)`` what a class an ``isinstance`` test names is, through the
    module's imports (``TLSError`` from ``from ssl import SSLError as TLSError`` is
    ``ssl.SSLError``), or None when it is bound to something else (a tuple of classes,
    which may hold OSError)."""
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    try:
        found = _Walk(param, errno_read, qualname).statements(body, 0)
    except _Unknown:
        return None
    return found if isinstance(found, tuple) else None


class _Walk:
    def __init__(
        self, param: str, errno_read: Callable[[ast.expr], bool], qualname: Callable[[str], Optional[str]]
    ) -> None:
        self.param = param
        self.errno_read = errno_read
        self.qualname = qualname

    def statements(self, body: List[ast.stmt], depth: int) -> _Outcome:
        """What the statements answer, at ``depth`` blocks below the function's body."""
        for index, statement in enumerate(body):
            if isinstance(statement, ast.Return):
                return self.value(statement.value)
            if isinstance(statement, ast.Raise):
                return _Answer()  # the path ends in an exception, not in an answer
            if isinstance(statement, ast.If):
                if self._is_errno_test(statement.test):
                    # ``if e.errno in DROPS: return True`` then ``return False``.
                    return self._errno_branch(statement, body[index + 1 :], depth)
                held = self.test(statement.test)
                found = self.statements(statement.body if held else statement.orelse, depth + 1)
                if found is not _FELL_THROUGH:
                    return found
                continue
            if isinstance(statement, ast.Assert) or self._rebinds_or_returns(statement):
                raise _Unknown
        return _FELL_THROUGH

    def _errno_branch(self, statement: ast.If, rest: List[ast.stmt], depth: int) -> _Outcome:
        then = self.statements(statement.body, depth + 1)
        otherwise = self.statements(statement.orelse, depth + 1)
        if otherwise is _FELL_THROUGH:
            otherwise = self.statements(rest, depth)
        if otherwise is _FELL_THROUGH:
            if depth:
                raise _Unknown  # the outer block goes on: what follows it is not read here
            otherwise = _Answer(False)  # the function ends: it returns None
        answers = (_constant(then), _constant(otherwise))
        if answers == (True, False) or answers == (False, True):
            compare = _compare(statement.test)
            assert compare is not None
            return compare[0], compare[1] == answers[0]
        raise _Unknown

    def _rebinds_or_returns(self, statement: ast.stmt) -> bool:
        for node in ast.walk(statement):
            if isinstance(node, (ast.Return, ast.Yield, ast.YieldFrom, ast.Raise)):
                return True
            if isinstance(node, ast.Name) and node.id == self.param and isinstance(node.ctx, (ast.Store, ast.Del)):
                return True
            # ``except OSError as e:``, ``case OSError() as e:`` bind it too.
            if isinstance(node, ast.ExceptHandler) and node.name == self.param:
                return True
            if getattr(node, "name", None) == self.param and type(node).__name__ in ("MatchAs", "MatchStar"):
                return True
        return False

    def _is_errno_test(self, node: ast.expr) -> bool:
        compare = _compare(node)
        return compare is not None and self.errno_read(compare[0].left)

    def value(self, node: Optional[ast.expr]) -> _Outcome:
        """What ``return node`` answers for an SSLEOFError."""
        if node is None or isinstance(node, ast.Constant):
            return _Answer(bool(node.value) if node is not None else False)
        compare = _compare(node)
        if compare is not None and self.errno_read(compare[0].left):
            return compare
        if isinstance(node, ast.BoolOp):
            # ``isinstance(e, ConnectionError) or e.errno in DROPS``: the decided operands
            # drop out; one errno test left is the answer.
            deciding = isinstance(node.op, ast.Or)
            left: List[ast.expr] = []
            for operand in node.values:
                if self._is_errno_test(operand):
                    left.append(operand)
                elif self.test(operand) == deciding:
                    return _Answer(deciding)
            if len(left) == 1:
                return self.value(left[0])
            raise _Unknown
        return _Answer(self.test(node))

    def test(self, node: ast.expr) -> bool:
        """Whether a test that is not about the errno holds for an SSLEOFError."""
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            return not self.test(node.operand)
        if isinstance(node, ast.BoolOp):
            results = [self.test(v) for v in node.values]
            return any(results) if isinstance(node.op, ast.Or) else all(results)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and len(node.args) == 2:
            subject, classes = node.args
            if node.func.id == "isinstance" and isinstance(subject, ast.Name) and subject.id == self.param:
                return self._is_base(classes)
        raise _Unknown

    def _is_base(self, node: ast.expr) -> bool:
        if isinstance(node, ast.Tuple):
            return any(self._is_base(element) for element in node.elts)
        dotted = _dotted(node)
        if dotted is None:
            raise _Unknown
        qualname = self.qualname(dotted)
        if qualname is None:
            raise _Unknown  # ``RETRYABLE = (OSError, ...)``
        return qualname in EOF_BASES


def _dotted(node: ast.expr) -> Optional[str]:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        head = _dotted(node.value)
        return f"{head}.{node.attr}" if head is not None else None
    return None


def _compare(node: ast.expr) -> Optional[Decision]:
    """``a in b`` (or ``not (a in b)``) with one operator: the comparison, negated or not."""
    negated = False
    while isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        node, negated = node.operand, not negated
    if isinstance(node, ast.Compare) and len(node.ops) == 1:
        return node, negated
    return None


def _constant(outcome: _Outcome) -> Optional[bool]:
    return outcome.value if isinstance(outcome, _Answer) else None


__all__ = ["EOF_BASES", "Decision", "eof_decision"]
