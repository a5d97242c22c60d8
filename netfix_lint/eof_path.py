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
from typing import Callable, Dict, List, Optional, Tuple, Union

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

#: Names of a TLS context (``self.server.ssl_context``): an SSLEOFError only arises where
#: one is set, so ``ctx is not None`` (or ``ctx`` alone) holds wherever the error does.
TLS_CONTEXT_NAMES = frozenset({"ssl_context", "ssl_ctx", "tls_context", "tls_ctx", "sslcontext"})

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


def eof_answer(body: List[ast.stmt], param: str, qualname: Callable[[str], Optional[str]]) -> Optional[bool]:
    """What a function returns for an SSLEOFError passed as ``param``, when its path is
    decided by a test of the error's class (Werkzeug's ``is_ssl_error(error)``: ``if error
    is None: ...`` then ``return isinstance(error, ssl.SSLError)``, True); else None. A
    class of a third-party package (it may re-export ssl's) leaves the answer unknown."""
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    walk = _Walk(param, lambda node: False, qualname, strict=True)
    try:
        found = walk.statements(body, 0)
    except _Unknown:
        return None
    if not walk.by_class:
        return None
    return False if found is _FELL_THROUGH else _constant(found)


class _Walk:
    def __init__(
        self,
        param: str,
        errno_read: Callable[[ast.expr], bool],
        qualname: Callable[[str], Optional[str]],
        predicates: Optional[Dict[str, bool]] = None,
        strict: bool = False,
    ) -> None:
        self.param = param
        self.errno_read = errno_read
        self.qualname = qualname
        #: What calls of the parameter alone (``is_ssl_error(e)``) are taken to answer.
        self.predicates = predicates or {}
        #: A class of a third-party package is no base of the error (reporting) or
        #: unknown (``strict``, for a path that keeps a report quiet).
        self.strict = strict
        #: The path passed a test for TLS or OS errors (``isinstance(e, ssl.SSLError)``,
        #: ``OSError``: not ``Exception``) that holds, or a call answering one.
        self.by_class = False
        #: The path took a test of a TLS context as holding (``ssl_context is not None``).
        self.by_context = False

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
            unknown = False
            for operand in node.values:
                if self._is_errno_test(operand):
                    left.append(operand)
                    continue
                held = self.holds(operand)
                if held is deciding:
                    return _Answer(deciding)
                unknown |= held is None
            if unknown:
                raise _Unknown
            if len(left) == 1:
                return self.value(left[0])
            if not left:
                return _Answer(not deciding)
            raise _Unknown
        return _Answer(self.test(node))

    def test(self, node: ast.expr) -> bool:
        """Whether a test that is not about the errno holds for an SSLEOFError."""
        held = self.holds(node)
        if held is None:
            raise _Unknown
        return held

    def holds(self, node: ast.expr) -> Optional[bool]:
        """Whether a test holds for an SSLEOFError in the parameter, None when that
        cannot be told (``and`` / ``or`` decide as far as their known operands do)."""
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            held = self.holds(node.operand)
            return None if held is None else not held
        if isinstance(node, ast.BoolOp):
            results = [self.holds(v) for v in node.values]
            deciding = isinstance(node.op, ast.Or)
            if deciding in results:
                return deciding
            return None if None in results else not deciding
        if (
            isinstance(node, ast.Call)
            and len(node.args) == 2
            and not node.keywords
            and _dotted(node.func) == "isinstance"
        ):
            subject, classes = node.args
            if isinstance(subject, ast.Name) and subject.id == self.param:
                try:
                    held, specific = self._is_base(classes)
                except _Unknown:
                    return None
                self.by_class |= held and specific
                return held
        if isinstance(node, ast.Call) and _is_param(node.args, self.param) and not node.keywords:
            answer = self.predicates.get(_dotted(node.func) or "")
            self.by_class |= answer is not None
            return answer
        if isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], (ast.Is, ast.IsNot)):
            right, subject = node.comparators[0], node.left
            if isinstance(right, ast.Constant) and right.value is None:
                there = isinstance(node.ops[0], ast.IsNot)
                if isinstance(subject, ast.Name) and subject.id == self.param:
                    return there  # the error is there
                if isinstance(subject, ast.Name) and self.qualname(subject.id) in ("ssl", "_ssl"):
                    return there  # ``ssl is not None``: where the import failed, no TLS error arises
                if _names_tls_context(subject):
                    self.by_context = True
                    return there
        if _names_tls_context(node):
            self.by_context = True
            return True
        return None

    def _is_base(self, node: ast.expr) -> Tuple[bool, bool]:
        """Whether the class (or a class of the tuple) is a base of SSLEOFError, and
        whether that base is a TLS or OS error's (not ``Exception``)."""
        if isinstance(node, ast.Tuple):
            found = [self._is_base(element) for element in node.elts]
            return any(held for held, _ in found), any(held and specific for held, specific in found)
        dotted = _dotted(node)
        if dotted is None:
            raise _Unknown
        qualname = self.qualname(dotted)
        if qualname is None:
            raise _Unknown  # ``RETRYABLE = (OSError, ...)``
        if qualname in EOF_BASES:
            return True, qualname not in _ANY_ERROR
        if self.strict and qualname.split(".", 1)[0] not in _KNOWN_MODULES:
            raise _Unknown  # ``eventlet.green.ssl.SSLError`` is ssl's own
        return False, False


#: Bases of every error, not only of TLS or OS errors.
_ANY_ERROR = frozenset({"builtins.Exception", "builtins.BaseException"})
#: Where a class that is no base of SSLEOFError in EOF_BASES is known to be none: the
#: builtins, the module's own classes, and standard modules (no third-party re-export).
_KNOWN_MODULES = frozenset(
    {
        "builtins",
        "<module>",
        *("ssl", "_ssl", "socket", "select", "selectors", "os", "errno", "io", "http", "urllib", "asyncio"),
        *("concurrent", "socketserver", "smtplib", "imaplib", "ftplib", "poplib", "json", "subprocess"),
        *("queue", "email", "xml", "zlib", "struct", "pickle", "binascii", "shutil", "signal", "threading"),
    }
)


def _is_param(args: List[ast.expr], param: str) -> bool:
    return len(args) == 1 and isinstance(args[0], ast.Name) and args[0].id == param


def _names_tls_context(node: ast.expr) -> bool:
    """``self.server.ssl_context``: a TLS context, set wherever a TLS error arises."""
    dotted = _dotted(node)
    return dotted is not None and dotted.rsplit(".", 1)[-1].lower() in TLS_CONTEXT_NAMES


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


__all__ = ["EOF_BASES", "Decision", "eof_answer", "eof_decision"]
