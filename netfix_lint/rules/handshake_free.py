"""Whether a ``try`` body only uses a websockets connection already open (NFX203).

A clause catching ``InvalidStatusCode`` around code that only uses a connection already
open (``await self.ws.send(data)``: terncy lists it in a tuple of disconnect errors) never
matched a refusal on any release, and ``InvalidStatus`` cannot arise there either:
nothing changes on websockets 14. A call cannot run a handshake when it is

- a builtin or a function of the standard library modules listed below, other than the
  ones that run an awaitable and raise its error (``asyncio.gather``, ``wait_for``...);
- a method of a websockets connection, known by where it comes from
  (:class:`~netfix_lint.rules.connection_origin.ConnectionOrigins`): an open connection
  does no handshake;
- a method of a value such a function made, or of a literal (``evt.wait()`` on ``evt =
  asyncio.Event()``, ``self.pending.pop(key)`` on ``self.pending = {}``);
- a function or method of the module whose own code makes only such calls and awaits
  no value made elsewhere (followed :data:`MAX_DEPTH` calls deep).

Anything else may: another module's function, a connect, a value whose origin is not
known, an awaited value (``await conn`` or ``async with conn`` on ``conn = connect(uri)``
is the handshake), a connection's ``__aenter__()``. Reading the module's facts only.
"""

from __future__ import annotations

from typing import Iterable, Optional, Set

from ..context import RuleContext
from ..facts import AWAITS, IN_EXECUTOR, ModuleFacts, Origin, Scope, TryBlock, resolve
from .connection_origin import ConnectionOrigins
from .value_origin import UNKNOWN, Provenance, ValueOrigins, class_of

#: Standard library modules whose functions cannot run a websockets handshake (a fixed
#: list, so that every interpreter gives the same answer).
STDLIB = frozenset(
    {
        "asyncio",
        "base64",
        "collections",
        "concurrent",
        "contextlib",
        "copy",
        "dataclasses",
        "datetime",
        "enum",
        "functools",
        "hashlib",
        "heapq",
        "hmac",
        "inspect",
        "io",
        "itertools",
        "json",
        "logging",
        "math",
        "operator",
        "os",
        "queue",
        "random",
        "re",
        "secrets",
        "string",
        "struct",
        "sys",
        "threading",
        "time",
        "traceback",
        "typing",
        "uuid",
        "warnings",
        "weakref",
        "zlib",
    }
)
#: Functions that run an awaitable (or a callable) handed to them and raise its error.
RERAISING = frozenset(
    {"gather", "wait_for", "shield", "run", "run_until_complete", "result", "as_completed", "to_thread"}
)
#: How many calls deep the module's own functions are followed.
MAX_DEPTH = 4
HARMLESS = Provenance("plain")


class _MadeHere(ValueOrigins):
    """A value is ``plain`` (harmless) when every way it is bound is a literal or the
    result of a standard library function."""

    negative = "plain"

    def combine(self, found: Iterable[Provenance]) -> Provenance:
        results = list(found)
        if results and all(result.verdict in ("plain", "none") for result in results):
            return HARMLESS
        return UNKNOWN

    def of_call(self, scope: Scope, origin: Origin, depth: int, cls: Optional[Scope]) -> Provenance:
        if _stdlib(self.facts, scope, origin.call or "?"):
            return HARMLESS
        return self.returned(scope, origin, depth, cls)


def _stdlib(facts: ModuleFacts, scope: Scope, call: str) -> bool:
    """``call`` is a builtin or a listed standard library function (not a re-raising one)."""
    if call.startswith("?"):
        return False
    qualname = resolve(facts, scope, call).qualname or ""
    module, _, rest = qualname.partition(".")
    if not rest or rest.rsplit(".", 1)[-1] in RERAISING:
        return False
    return module == "builtins" or module in STDLIB


class HandshakeFree:
    """``context.view(HandshakeFree)``: one per check."""

    def __init__(self, context: RuleContext) -> None:
        self.facts = context.facts
        self.connections = context.view(ConnectionOrigins)
        self.values = _MadeHere(context)

    def uses_open_connection(self, block: TryBlock) -> bool:
        """The ``try`` body calls a method of a websockets connection and can run no
        handshake (see the module's docstring)."""
        scope = block.handlers[0].scope
        methods = [
            receiver
            for receiver, _, method in (call.rpartition(".") for call in block.body_calls if not call.startswith("?"))
            if receiver and not method.startswith("__")
        ]
        if not any(self._connection(scope, receiver) for receiver in methods):
            return False
        return self._calls(scope, block.body_calls, block.awaited, 0, set())

    def _calls(self, scope: Scope, calls: Iterable[str], awaited: Iterable[str], depth: int, seen: Set[int]) -> bool:
        if depth > MAX_DEPTH or awaited:
            return False  # (``await conn`` on ``conn = connect(uri)`` runs the handshake)
        return all(self._call(scope, call, depth, seen) for call in calls if call not in (AWAITS, IN_EXECUTOR))

    def _call(self, scope: Scope, call: str, depth: int, seen: Set[int]) -> bool:
        if call.startswith("?"):
            return False
        if _stdlib(self.facts, scope, call):
            return True
        receiver, _, method = call.rpartition(".")
        # ``conn.__aenter__()`` on ``conn = connect(uri)`` is the handshake itself.
        if receiver and method not in RERAISING and not method.startswith("__"):
            if self._connection(scope, receiver) or self.values.of_name(scope, receiver, 0) is HARMLESS:
                return True
        function = self.connections.own_function(scope, call, class_of(scope))
        if function is None or id(function) in seen:
            return function is not None  # (a recursive call adds nothing)
        seen.add(id(function))
        return self._calls(function, function.calls, function.awaited, depth + 1, seen)

    def _connection(self, scope: Scope, name: str) -> bool:
        return self.connections.of_name(scope, name, 0).verdict in ("new", "legacy")
