"""Branches that run only where the code's own TLS switch is off.

A server or client that supports both plain and TLS connections often says which one it
has in a flag or a context it keeps (``self.is_ssl``, ``use_tls``, ``self.ssl_context``)
and branches on it::

    if not self.is_ssl or not self.ssl_context:
        try:
            super().finish_request(request, client_address)
        except (BrokenPipeError, ConnectionResetError):
            pass
        return
    tls_sock = self.ssl_context.wrap_socket(request, server_side=True)

The ``try`` in that branch guards the plain socket (clipto 0.3.2, blind round 32): the
code itself says TLS is off there. :func:`plain_ranges` reads an ``if`` for such a
branch: the body where the test holds only with the switch off (``not F``, ``F is
None``, ``F is False``; an ``or`` of such tests; an ``and`` with one), the ``else``
where the test fails only with it off (``F``, ``F is not None``; an ``or`` with one).
A switch is a name or attribute whose last part is one of :data:`SWITCHES`; anything
else (``if not verify:``, ``if scheme == "http":``) is not read.
"""

from __future__ import annotations

import ast
from typing import List, Optional, Tuple

#: The last part of a name that says whether a connection uses TLS.
SWITCHES = frozenset(
    {
        "ssl",
        "tls",
        "is_ssl",
        "is_tls",
        "use_ssl",
        "use_tls",
        "with_ssl",
        "with_tls",
        "ssl_enabled",
        "tls_enabled",
        "enable_ssl",
        "enable_tls",
        "secure",
        "is_secure",
        "use_https",
        "ssl_context",
        "ssl_ctx",
        "sslcontext",
        "tls_context",
        "ssl_options",
    }
)

#: (first line, last line, the test as written) of a branch that runs with TLS off.
PlainRange = Tuple[int, int, str]


def plain_ranges(node: ast.If) -> List[PlainRange]:
    """The branches of ``node`` that run only where its TLS switch is off."""
    found: List[PlainRange] = []
    text = ""
    if node.body and _off_when_true(node.test):
        text = ast.unparse(node.test)
        found.append((node.body[0].lineno, _end(node.body[-1]), text))
    if node.orelse and _on_when_true(node.test):
        text = text or ast.unparse(node.test)
        found.append((node.orelse[0].lineno, _end(node.orelse[-1]), f"not ({text})"))
    return found


def _end(statement: ast.stmt) -> int:
    return statement.end_lineno or statement.lineno


def _switch(node: ast.expr) -> Optional[str]:
    """The switch's last part, when ``node`` names one."""
    if isinstance(node, ast.Attribute):
        name = node.attr
    elif isinstance(node, ast.Name):
        name = node.id
    else:
        return None
    return name if name.lower() in SWITCHES else None


def _off_when_true(test: ast.expr) -> bool:
    """``test`` holds only where TLS is off."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return _on_when_true(test.operand)
    if isinstance(test, ast.BoolOp):
        if isinstance(test.op, ast.Or):
            return all(_off_when_true(value) for value in test.values)
        return any(_off_when_true(value) for value in test.values)
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and _switch(test.left) is not None:
        op, right = test.ops[0], test.comparators[0]
        if not isinstance(right, ast.Constant) or right.value not in (None, False, True):
            return False
        if isinstance(op, (ast.Is, ast.Eq)):
            return right.value is not True
        if isinstance(op, (ast.IsNot, ast.NotEq)):
            return right.value is True
    return False


def _on_when_true(test: ast.expr) -> bool:
    """``test`` fails only where TLS is off: it is the switch itself, or says it is on."""
    if _switch(test) is not None:
        return True
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return _off_when_true(test.operand)
    if isinstance(test, ast.BoolOp):
        if isinstance(test.op, ast.Or):
            return any(_on_when_true(value) for value in test.values)
        return all(_on_when_true(value) for value in test.values)
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and _switch(test.left) is not None:
        op, right = test.ops[0], test.comparators[0]
        if not isinstance(right, ast.Constant) or right.value not in (None, False, True):
            return False
        if isinstance(op, (ast.IsNot, ast.NotEq)):
            return right.value is not True
        if isinstance(op, (ast.Is, ast.Eq)):
            return right.value is True
    return False
