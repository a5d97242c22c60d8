"""Clauses around a new websockets client that miss a failed handshake before 14.2 (NFX209).

From 14.2 the new client (``websockets.asyncio.client``, ``websockets.sync.client``, and
the top-level ``connect`` from 14.0) raises ``InvalidMessage``, an ``InvalidHandshake``,
when the server closes before answering or answers garbage. Before 14.2 it raises a raw
``EOFError`` or ``ValueError`` (12.x's sync client a ``ConnectionError``), none of them a
websockets error (FACTS.md section 2; measured by tests/test_websockets_releases.py).
So ``except InvalidHandshake`` (or ``InvalidMessage``, ``WebSocketException``) around
such a call lets a server that hangs up mid-handshake escape, on those releases only:
the requirement's floor is the fix, which is why this is a need of NFX209's.
Reading the module's facts only.
"""

from __future__ import annotations

from typing import Iterator, List, Optional

from ..context import RuleContext
from ..facts import CaughtName, expand_caught
from ..model import Need
from .importer import EXCEPTION_MODULES
from .websockets_reach import DEFAULT_CLIENTS, client, clients_reached, clients_through_own, followed, unseen

#: What the new client raises from 14.2 for a handshake the server broke off, and its
#: bases: a clause naming one is meant to handle it.
HANDSHAKE_FAILURE = frozenset(
    f"{module}.{name}"
    for module in EXCEPTION_MODULES
    for name in ("InvalidMessage", "InvalidHandshake", "WebSocketException")
)
#: What takes the raw ``EOFError`` the new client raises before 14.2.
CATCHES_EOF = frozenset({"builtins.EOFError", "builtins.Exception", "builtins.BaseException"})
#: The clients whose handshake failures are raw before 14.2 on every release that has
#: them (the explicit new ones; trio's client only exists from 15.0).
EXPLICIT_NEW = frozenset(
    f"websockets.{impl}.client.{name}" for impl in ("asyncio", "sync") for name in ("connect", "unix_connect")
)
#: Cheap first test on the module's text.
WORDS = ("InvalidHandshake", "InvalidMessage", "WebSocketException")
FIXED_IN = "14.2"
#: Where the top-level ``connect`` is the new client and raw errors escape.
HANDSHAKE_WINDOW = f">=14.0,<{FIXED_IN}"


def early_close_needs(context: RuleContext, path: str) -> Iterator[Need]:
    """One need per ``try`` whose first clause for a failed handshake (``InvalidMessage``
    or a base) is around a new client and no clause of which takes ``EOFError`` (itself,
    ``Exception``, a bare ``except:``, or a class this module cannot tell)."""
    facts, spec = context.facts, context.websockets_spec
    text = "\n".join(facts.lines)
    if not any(word in text for word in WORDS):
        return
    for block in facts.tries:
        if not block.handlers:
            continue
        scope = block.handlers[0].scope
        per_handler: List[Optional[List[CaughtName]]] = [
            None if h.types is None else [followed(context, h.scope, c) for c in expand_caught(facts, h.scope, h.types)]
            for h in block.handlers
        ]
        if any(
            caught is None or any(c.resolved.qualname in CATCHES_EOF or unseen(c) for c in caught)
            for caught in per_handler
        ):
            continue
        first = next(
            (
                (handler, c)
                for handler, caught in zip(block.handlers, per_handler)
                for c in caught or []
                if c.resolved.qualname in HANDSHAKE_FAILURE and c.via_constant is None
            ),
            None,
        )
        if first is None:
            continue
        reached = clients_reached(facts, block, scope, context, spec)
        # ``async for ws in connect(uri)``: the new client's iterator retries a broken
        # handshake itself (EOFError included) before any clause sees it.
        iterated = [(scope, name) for name in block.iterated]
        if not reached & (DEFAULT_CLIENTS | EXPLICIT_NEW):
            through = clients_through_own(context, block, scope, spec)
            reached |= set(through)
            iterated += [(where, name) for _, where in through.values() for name in where.iterated]
        if any(client(facts, where, name, spec) in DEFAULT_CLIENTS | EXPLICIT_NEW for where, name in iterated):
            continue
        handler, caught = first
        spelled = caught.expr.dotted or caught.resolved.qualname or "InvalidHandshake"
        if reached & EXPLICIT_NEW:
            name = sorted(reached & EXPLICIT_NEW)[0]
            use = f"`except {spelled}` around `{name}`"
            why = f"misses the raw EOFError or ValueError of a handshake the server breaks off before {FIXED_IN}"
            yield Need(use, path, handler.span.line, f"<{FIXED_IN}", why)
        elif reached & DEFAULT_CLIENTS:
            use = f"`except {spelled}` around `websockets.connect`"
            why = "misses the raw EOFError or ValueError of a handshake the server breaks off on 14.0 and 14.1"
            yield Need(use, path, handler.span.line, HANDSHAKE_WINDOW, why)
