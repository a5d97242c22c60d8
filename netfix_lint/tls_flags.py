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
A switch is a name, or an attribute of ``self`` / ``cls``, called one of
:data:`SWITCHES`; anything else (``if not verify:``, ``if scheme == "http":``,
``self.backend.ssl``, another object's) is not read. A branch that itself tests a
switch (``if not use_ssl:`` then ``if use_tls: starttls(...)``) or makes TLS (a wrap, a
default context, an HTTPS or ``_SSL`` client: ``ssl_context is None`` may mean "the
default context") is not plain.
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


#: Names whose use in a branch makes TLS there, whatever the switch says.
_MAKES_TLS = frozenset(
    {
        "wrap_socket",
        "wrap_ssl",
        "wrap_bio",
        "SSLContext",
        "create_default_context",
        "starttls",
        "HTTPSConnection",
        "HTTPSHandler",
        "SMTP_SSL",
        "IMAP4_SSL",
        "POP3_SSL",
        "FTP_TLS",
        "NNTP_SSL",
    }
)


def plain_ranges(node: ast.If) -> List[PlainRange]:
    """The branches of ``node`` that run only where its TLS switch is off."""
    found: List[PlainRange] = []
    text = ast.unparse(node.test) if _switch_in(node.test) else ""
    if node.body and _off_when_true(node.test) and _stays_plain(node.body):
        found.append((node.body[0].lineno, _end(node.body[-1]), text))
    if node.orelse and _on_when_true(node.test) and _stays_plain(node.orelse):
        found.append((node.orelse[0].lineno, _end(node.orelse[-1]), f"not ({text})"))
    return found


def _switch_in(test: ast.expr) -> bool:
    return any(isinstance(n, (ast.Name, ast.Attribute)) and _switch(n) for n in ast.walk(test))


def _stays_plain(branch: List[ast.stmt]) -> bool:
    """Nothing in ``branch`` tests a switch again or makes TLS."""
    for statement in branch:
        for node in ast.walk(statement):
            if isinstance(node, (ast.If, ast.IfExp, ast.While)) and _switch_in(node.test):
                return False
            name = node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else ""
            if name in _MAKES_TLS:
                return False
    return True


def _end(statement: ast.stmt) -> int:
    return statement.end_lineno or statement.lineno


def _switch(node: ast.expr) -> Optional[str]:
    """The switch's last part, when ``node`` names one."""
    if isinstance(node, ast.Attribute):
        if not isinstance(node.value, ast.Name) or node.value.id not in ("self", "cls"):
            return None  # another object's (a proxy's ``self.backend.ssl``)
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
        # ``F is None`` / ``F is False``: not ``is True``, as ``ssl=`` may hold a context.
        return isinstance(test.ops[0], (ast.Is, ast.Eq)) and _none_or_false(test.comparators[0])
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
        return isinstance(test.ops[0], (ast.IsNot, ast.NotEq)) and _none_or_false(test.comparators[0])
    return False


def _none_or_false(node: ast.expr) -> bool:
    """``None`` or ``False`` itself (not ``0``, which ``== False`` would also match)."""
    return isinstance(node, ast.Constant) and (node.value is None or node.value is False)
