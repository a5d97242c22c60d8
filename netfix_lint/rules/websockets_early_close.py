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

from typing import AbstractSet, Iterable, Iterator, List, Optional, Set, Tuple

from ..context import RuleContext
from ..facts import CaughtName, ModuleFacts, Scope, TryBlock, expand_caught
from ..model import Need
from .callers import CallSites, HandlesTls
from .importer import EXCEPTION_MODULES
from .websockets_reach import (
    DEFAULT_CLIENTS,
    client,
    clients_reached,
    clients_through_own,
    followed,
    import_switch,
    unseen,
)

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
SYNC_CLIENTS = frozenset(name for name in EXPLICIT_NEW if name.startswith("websockets.sync."))
#: Cheap first test on the module's text.
WORDS = ("InvalidHandshake", "InvalidMessage", "WebSocketException")
FIXED_IN = "14.2"
EOF_FROM = "13.1"
#: Where the top-level ``connect`` is the new client and raw errors escape.
HANDSHAKE_WINDOW = f">=14.0,<{FIXED_IN}"


def early_close_needs(context: RuleContext, path: str) -> Iterator[Need]:
    """One need per ``try`` whose first clause for a failed handshake (``InvalidMessage``
    or a base) is around a new client, for the releases whose raw error (a
    ConnectionError before 13.1, an EOFError after) nothing takes: no clause of the try,
    of a try around it in the same function, of the try in a helper that makes the call,
    or of a try around every call of the function in the module. A clause that raises the
    error again takes nothing; one that names a class the module cannot tell, what
    :func:`_may_be_a_base` says."""
    facts = context.facts
    if not any(word in "\n".join(facts.lines) for word in WORDS):
        return
    for block in facts.tries:
        if not block.handlers:
            continue
        scope = block.handlers[0].scope
        taken = _taken(context, block)
        first = next(
            (
                (handler, c)
                for handler in block.handlers
                if handler.types is not None and handler.body.reraise_calls is None
                for c in expand_caught(facts, handler.scope, handler.types)
                if followed(context, handler.scope, c).resolved.qualname in HANDSHAKE_FAILURE
            ),
            None,
        )
        if first is None:
            continue
        for outer in _around(facts, block):
            taken |= _taken(context, outer)
        taken |= _callers_take(context, scope)
        found = _client_kind(context, block, scope)
        if found is None:
            continue
        kind, name, helper_takes = found
        taken |= helper_takes
        broken, raw = _broken(kind, not taken & CATCHES_EOF, not taken & CATCHES_CONNECTION_ERROR)
        if broken is None:
            continue
        handler, clause = first
        spelled = clause.expr.dotted or clause.resolved.qualname or "InvalidHandshake"
        use = f"`except {spelled}` around `{name}`"
        why = f"misses {raw} when the server breaks off the handshake"
        yield Need(use, path, handler.span.line, broken, why, handshake=True)


def _taken(context: RuleContext, block: TryBlock) -> Set[str]:
    """What the try's clauses take and keep (not one that raises it again: ``except
    Exception: log(); raise``), as qualified names; a bare ``except:`` or a class the
    module cannot tell may take anything (:func:`_may_be_a_base`)."""
    facts, taken = context.facts, set()
    for handler in block.handlers:
        if handler.body.reraise_calls is not None:
            continue
        if handler.types is None:
            return set(CATCH_ALLS)
        for caught in expand_caught(facts, handler.scope, handler.types):
            caught = followed(context, handler.scope, caught)
            if unseen(caught) and _may_be_a_base(context, caught):
                return set(CATCH_ALLS)
            taken.add(caught.resolved.qualname or "")
    return taken


#: The names the builtin bases of EOFError and ConnectionError go by elsewhere
#: (``socket.error``, ``gevent.socket.error``, ``six.moves.builtins.OSError``).
BASE_NAMES = frozenset(
    {"error", "Exception", "BaseException", "EOFError", "ConnectionError", "OSError", "IOError", "EnvironmentError"}
)


def _may_be_a_base(context: RuleContext, caught: CaughtName) -> bool:
    """Whether a class the module cannot tell may take the raw errors. A builtin class
    has builtin bases only, so a class defined elsewhere takes a builtin EOFError or
    ConnectionError only as an alias of one of their bases, which keeps the base's name
    (``socket.error``): ``starlette.websockets.WebSocketDisconnect`` takes neither. A
    name that may be a tuple or an alias (``NETWORK_ERRORS``, a name of the package that
    is no class of it), or one the module cannot resolve at all, may be anything."""
    qualname = caught.resolved.qualname
    if qualname is None or qualname.rsplit(".", 1)[-1] in BASE_NAMES:
        return True
    found = context.package.module_facts(qualname)
    if found is not None:  # the package's own: a class it defines, or anything
        name, facts = found
        bindings = facts.module_scope.bindings.get(name, [])
        return not bindings or any(b.kind != "def" for b in bindings)
    last = qualname.rsplit(".", 1)[-1]
    # (Unread, the package's own names may be anything; elsewhere, a class is CamelCase.)
    return qualname.startswith(".") or not (last[:1].isupper() and not last.isupper())


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


def _client_kind(context: RuleContext, block: TryBlock, scope: Scope) -> Optional[Tuple[str, str, Set[str]]]:
    """Which new client the try body reaches ("explicit", "switch": an ImportError
    switch to ``websockets.asyncio.client``, "top-level"), its name, and what the helper
    that calls it takes around the call (``try: return await connect(u) / except
    EOFError: raise InvalidMessage(...)``): directly or through the module's own
    functions; None where it reaches none, or iterates it (``async for ws in
    connect(uri)``: the iterator retries a broken handshake itself)."""
    facts, spec = context.facts, context.websockets_spec
    reached = clients_reached(facts, block, scope, context, spec)
    iterated = [(scope, name) for name in block.iterated]
    where, calls, helper_takes = scope, block.body_calls, set()
    if not reached & (DEFAULT_CLIENTS | EXPLICIT_NEW):
        through = clients_through_own(context, block, scope, spec)
        for qualname, (_, inner) in sorted(through.items()):
            if qualname in DEFAULT_CLIENTS | EXPLICIT_NEW and where is scope:
                where, calls = inner, frozenset(inner.calls)
                helper_takes = _helper_takes(context, inner, qualname)
            reached.add(qualname)
            iterated += [(inner, name) for name in inner.iterated]
    if any(client(facts, at, name, spec) in DEFAULT_CLIENTS | EXPLICIT_NEW for at, name in iterated):
        return None
    if where is scope and not scope.is_async and not reached & SYNC_CLIENTS:
        return None  # a plain ``def`` cannot await an asyncio client (``yield from`` drives the legacy one only)
    explicit = sorted(reached & EXPLICIT_NEW)
    if explicit:
        return "explicit", explicit[0], helper_takes
    if not reached & DEFAULT_CLIENTS:
        return None
    switches = sorted(call for call in calls if import_switch(facts, where, call, spec))
    if switches:
        return "switch", switches[0], helper_takes
    return "top-level", "websockets.connect", helper_takes


def _helper_takes(context: RuleContext, helper: Scope, qualname: str) -> Set[str]:
    """What the helper's tries around its call of the client ``qualname`` take."""
    facts, spec, taken = context.facts, context.websockets_spec, set()
    for block in facts.tries:
        if block.handlers and block.handlers[0].scope is helper:
            if any(client(facts, helper, call, spec) == qualname for call in block.body_calls):
                taken |= _taken(context, block)
    return taken


def _callers_take(context: RuleContext, scope: Scope) -> Set[str]:
    """What a try around every call of the try's function in the module (its own
    class's calls, for a method) takes of the raw errors: EOFError, ConnectionError."""
    if scope.kind != "function" or scope.name is None:
        return set()
    method = scope.self_name is not None
    within = scope.parent if method else None
    taken = set()
    for wanted, raw in ((CATCHES_EOF, "builtins.EOFError"), (CATCHES_CONNECTION_ERROR, "builtins.ConnectionError")):
        sites = CallSites(context.facts, _takes_any(wanted))
        callers = sites.callers(scope.name, method, within)
        if sites.all_handled(callers, scope.name, method):
            taken.add(raw)
    return taken


def _takes_any(wanted: AbstractSet[str]) -> HandlesTls:
    """Whether a clause's classes include one of ``wanted`` (for :class:`CallSites`)."""

    def takes(names: List[CaughtName], _: Scope) -> bool:
        return any(c.resolved.qualname in wanted for c in names)

    return takes


def _broken(kind: str, eof: bool, connection: bool) -> Tuple[Optional[str], str]:
    """The releases the clause misses the raw error on, and what it misses (None where
    something takes both)."""
    if not eof and not connection:
        return None, ""
    if kind == "top-level":
        if not eof:
            return None, ""
        return HANDSHAKE_WINDOW, "the raw EOFError (or ValueError) that 14.0 and 14.1 raise"
    # The explicit clients exist from 11.0 (sync) and 13.0 (asyncio, the switch's).
    low = ">=13.0," if kind == "switch" else ""
    eof_part = f"the raw EOFError (or ValueError) that {EOF_FROM} to 14.1 raise"
    connection_part = (
        "the ConnectionError that 13.0 raises" if low else f"the ConnectionError that releases before {EOF_FROM} raise"
    )
    if eof and connection:
        return f"{low}<{FIXED_IN}", f"{connection_part} and {eof_part}"
    if connection:
        return ("==13.0.*" if low else f"<{EOF_FROM}"), connection_part
    return f">={EOF_FROM},<{FIXED_IN}", eof_part
