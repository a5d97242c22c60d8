"""Clauses around a new websockets client that miss a failed handshake before 14.2 (NFX209).

From 14.2 the new client (``websockets.asyncio.client``, ``websockets.sync.client``, and
the top-level ``connect`` from 14.0) raises ``InvalidMessage``, an ``InvalidHandshake``,
when the server closes before answering or answers garbage. Before, it raises what is no
websockets error (measured by tests/test_websockets_releases.py):

- up to 13.0, ``ConnectionError("connection closed during handshake")``;
- from 13.1 to 14.1, a raw ``EOFError`` (``ValueError`` for a reply that is not HTTP).

So ``except InvalidHandshake`` (or ``InvalidMessage``, ``WebSocketException``) around
such a call lets a server that hangs up mid-handshake escape on those releases only, and
the requirement's floor is the fix: a need of NFX209's. Which releases break depends on
what else the ``try`` takes (``OSError`` takes the ConnectionError, not the EOFError) and
on the client: the top-level ``connect`` is the new one from 14.0, an ImportError switch
to ``websockets.asyncio.client`` from 13.0. Reading the module's facts only.
"""

from __future__ import annotations

from typing import Iterable, Iterator, List, Optional, Set, Tuple

from ..context import RuleContext
from ..facts import CaughtName, ModuleFacts, Scope, TryBlock, expand_caught, resolve, resolve_shim
from ..model import Need
from .callers import CallSites
from .importer import EXCEPTION_MODULES
from .websockets_reach import DEFAULT_CLIENTS, client, clients_reached, clients_through_own, followed, unseen

#: What the new client raises from 14.2 for a handshake the server broke off, and its
#: bases: a clause naming one is meant to handle it.
HANDSHAKE_FAILURE = frozenset(
    f"{module}.{name}"
    for module in EXCEPTION_MODULES
    for name in ("InvalidMessage", "InvalidHandshake", "WebSocketException")
)
CATCH_ALLS = frozenset({"builtins.Exception", "builtins.BaseException"})
#: What takes the raw ``EOFError`` of 13.1 to 14.1.
CATCHES_EOF = CATCH_ALLS | {"builtins.EOFError"}
#: What takes the ``ConnectionError`` of the new clients before 13.1.
CATCHES_CONNECTION_ERROR = CATCH_ALLS | frozenset(
    {f"builtins.{name}" for name in ("ConnectionError", "OSError", "IOError", "EnvironmentError")} | {"socket.error"}
)
#: The explicit new clients (trio's only exists from 15.0).
EXPLICIT_NEW = frozenset(
    f"websockets.{impl}.client.{name}" for impl in ("asyncio", "sync") for name in ("connect", "unix_connect")
)
#: Cheap first test on the module's text.
WORDS = ("InvalidHandshake", "InvalidMessage", "WebSocketException")
FIXED_IN = "14.2"
EOF_FROM = "13.1"
#: Where the top-level ``connect`` is the new client and raw errors escape.
HANDSHAKE_WINDOW = f">=14.0,<{FIXED_IN}"


def early_close_needs(context: RuleContext, path: str) -> Iterator[Need]:
    """One need per ``try`` whose first clause for a failed handshake (``InvalidMessage``
    or a base) is around a new client and whose clauses, or those of a ``try`` around it
    in the same function, or of every caller's, miss a raw error the client raises on
    some release: a ConnectionError (unless something takes it, ``OSError`` too) or an
    EOFError. A class the module cannot tell may be either: no need."""
    facts = context.facts
    if not any(word in "\n".join(facts.lines) for word in WORDS):
        return
    for block in facts.tries:
        if not block.handlers:
            continue
        scope = block.handlers[0].scope
        caught = _caught(context, block)
        if caught is None:
            continue
        first = next(
            (
                (h, c)
                for h, names in zip(block.handlers, caught)
                for c in names
                if c.resolved.qualname in HANDSHAKE_FAILURE
            ),
            None,
        )
        if first is None:
            continue
        taken = {c.resolved.qualname for names in caught for c in names}
        for outer in _around(facts, block):
            around = _caught(context, outer)
            if around is None:
                taken |= CATCH_ALLS  # a bare except or a class it cannot tell: anything
            else:
                taken |= {c.resolved.qualname for names in around for c in names}
        eof, connection = not taken & CATCHES_EOF, not taken & CATCHES_CONNECTION_ERROR
        if not eof and not connection:
            continue
        kind, name = _client_kind(context, block, scope)
        if kind is None or _callers_take_eof(context, scope):
            continue
        broken, raw = _broken(kind, eof, connection)
        if broken is None:
            continue
        handler, clause = first
        spelled = clause.expr.dotted or clause.resolved.qualname or "InvalidHandshake"
        use = f"`except {spelled}` around `{name}`"
        why = f"misses {raw} when the server breaks off the handshake"
        yield Need(use, path, handler.span.line, broken, why, handshake=True)


def _caught(context: RuleContext, block: TryBlock) -> Optional[List[List[CaughtName]]]:
    """Each clause's classes as these rules judge them; None where one may take anything
    (a bare ``except:``, a class the module cannot tell)."""
    facts = context.facts
    caught = []
    for handler in block.handlers:
        if handler.types is None:
            return None
        names = [followed(context, handler.scope, c) for c in expand_caught(facts, handler.scope, handler.types)]
        if any(unseen(c) for c in names):
            return None
        caught.append(names)
    return caught


def _around(facts: ModuleFacts, block: TryBlock) -> Iterable[TryBlock]:
    """The tries of the same function whose body holds ``block``."""
    scope, line = block.handlers[0].scope, block.handlers[0].span.line
    return (
        other
        for other in facts.tries
        if other is not block
        and other.handlers
        and other.handlers[0].scope is scope
        and other.lines[0] <= line <= other.lines[1]
    )


def _client_kind(context: RuleContext, block: TryBlock, scope: Scope) -> Tuple[Optional[str], str]:
    """Which new client the try body reaches ("explicit", "switch": an ImportError
    switch to ``websockets.asyncio.client``, "top-level"), and its name; directly or
    through the module's own functions, not through one that takes EOFError itself
    (it may turn it into an InvalidMessage), nor around ``async for ws in connect()``:
    the iterator retries a broken handshake itself."""
    facts, spec = context.facts, context.websockets_spec
    reached = clients_reached(facts, block, scope, context, spec)
    iterated = [(scope, name) for name in block.iterated]
    if not reached & (DEFAULT_CLIENTS | EXPLICIT_NEW):
        converting = _taking_eof(context)
        for qualname, (_, where) in clients_through_own(context, block, scope, spec).items():
            if id(where) not in converting:
                reached.add(qualname)
                iterated += [(where, name) for name in where.iterated]
    if any(client(facts, where, name, spec) in DEFAULT_CLIENTS | EXPLICIT_NEW for where, name in iterated):
        return None, ""
    explicit = sorted(reached & EXPLICIT_NEW)
    if explicit:
        return "explicit", explicit[0]
    if not reached & DEFAULT_CLIENTS:
        return None, ""
    switches = [
        call
        for call in block.body_calls
        if client(facts, scope, call, spec) in DEFAULT_CLIENTS
        and resolve(facts, scope, call).qualname is None
        and resolve_shim(facts, scope, call).qualname is None
    ]
    return ("switch", switches[0]) if switches else ("top-level", "websockets.connect")


def _taking_eof(context: RuleContext) -> Set[int]:
    """The ids of the functions with a clause that takes EOFError (or anything)."""
    found = set()
    for block in context.facts.tries:
        caught = _caught(context, block) if block.handlers else []
        if caught is None or any(c.resolved.qualname in CATCHES_EOF for names in caught for c in names):
            found.add(id(block.handlers[0].scope))
    return found


def _callers_take_eof(context: RuleContext, scope: Scope) -> bool:
    """Every call of the try's function in the module sits in a try that takes
    EOFError: a broken handshake is handled one level up, whatever the clause misses."""
    if scope.kind != "function" or scope.name is None:
        return False
    sites = CallSites(context.facts, lambda names, _: any(c.resolved.qualname in CATCHES_EOF for c in names))
    method = scope.self_name is not None
    callers = sites.callers(scope.name, method)
    return sites.all_handled(callers, scope.name, method)


def _broken(kind: str, eof: bool, connection: bool) -> Tuple[Optional[str], str]:
    """The releases the clause misses the raw error on, and what it misses."""
    if kind == "top-level":
        if not eof:
            return None, ""
        return HANDSHAKE_WINDOW, "the raw EOFError (or ValueError) that 14.0 and 14.1 raise"
    # The explicit clients exist from 11.0 (sync) and 13.0 (asyncio, the switch's).
    low = ">=13.0," if kind == "switch" else ""
    eof_part = f"the raw EOFError (or ValueError) that {EOF_FROM} to 14.1 raise"
    connection_part = f"the ConnectionError that releases before {EOF_FROM} raise"
    if eof and connection:
        return f"{low}<{FIXED_IN}", f"{connection_part} and {eof_part}"
    if connection:
        return ("==13.0.*" if low else f"<{EOF_FROM}"), connection_part
    return f">={EOF_FROM},<{FIXED_IN}", eof_part
