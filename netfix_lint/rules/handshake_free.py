"""Whether a ``try`` body only uses a websockets connection already open (NFX203).

A clause catching ``InvalidStatusCode`` around code that only uses a connection already
open (``await self.ws.send(data)``: terncy lists it in a tuple of disconnect errors) never
matched a refusal on any release, and ``InvalidStatus`` cannot arise there either:
nothing changes on websockets 14. The body must call a method of a websockets connection
(known by where it comes from, :class:`~netfix_lint.rules.connection_origin.ConnectionOrigins`;
not ``__aenter__()``, which is the handshake), and every call in it must be one that runs
no code it is handed:

- a builtin or a standard library function of the short lists below (``len``,
  ``json.dumps``, ``asyncio.sleep``), none of which calls back into the caller's code;
- a method of a websockets connection, of a literal (``self.pending = {}``), or of a
  value one of :data:`CONSTRUCTORS` made (``evt.wait()`` on ``evt = asyncio.Event()``,
  ``log.info`` on ``logging.getLogger()``); a value only ever ``None`` is unknown;
- a function or method of the module, not decorated, nor overridden by a subclass of the
  module or by an assignment to its name on an object (a hook swapped in), whose own code
  makes only such calls (followed :data:`MAX_DEPTH` calls deep).

What it awaits or enters (``await``, ``async for``, ``async with``, ``with``) must be
such a call (``await ws.send(...)``, ``await asyncio.sleep(1)``, ``await evt.wait()`` on
an asyncio primitive, a coroutine of the module): ``await conn`` or ``async with conn``
on ``conn = connect(uri)`` is the handshake, and so may be any task, future or object
made elsewhere (``await self.tasks.pop(key)`` awaits an item of a dict). Anything else may
run one. Limits, not seen: a property read that connects, a module name rebound later
by a ``def``, a plain ``for`` over a generator that connects (or a generator's own
methods), and a function handed by name or as a lambda to a listed call that calls it
(``json.dumps(data, default=self._encode)``, ``items.sort(key=...)``); the last two need
the sync client. Reading the module's facts only.
"""

from __future__ import annotations

from typing import FrozenSet, Iterable, List, Optional, Set

from ..context import RuleContext
from ..facts import AWAITS, IN_EXECUTOR, ModuleFacts, Origin, Scope, TryBlock, resolve
from .connection_origin import ConnectionOrigins
from .value_origin import UNKNOWN, Provenance, ValueOrigins, class_of, method_of

#: Builtins that call no code of the caller's (``map``, ``sorted``, ``next`` do, and
#: ``list`` / ``tuple`` / ``dict`` run a generator handed to them).
BUILTINS = frozenset(
    [
        "abs",
        "bool",
        "bytes",
        "chr",
        "float",
        "format",
        "hash",
        "hex",
        "id",
        "int",
        "isinstance",
        "len",
        "ord",
        "print",
        "repr",
        "round",
        "str",
        "type",
    ]
)
#: Standard library modules all of whose functions only compute on data.
DATA_MODULES = frozenset(
    [
        "base64",
        "binascii",
        "datetime",
        "hashlib",
        "hmac",
        "json",
        "logging",
        "math",
        "re",
        "secrets",
        "string",
        "struct",
        "time",
        "uuid",
        "zlib",
    ]
)
#: Other standard library functions that call no code of the caller's when called; the
#: ones that may be awaited are :data:`AWAITABLE`.
FUNCTIONS = frozenset({"asyncio.sleep", "asyncio.wait", "asyncio.ensure_future", "asyncio.create_task"})
#: Awaiting these runs no code made elsewhere (``asyncio.wait`` returns the tasks' errors
#: in the tasks; it does not raise them).
AWAITABLE = frozenset({"asyncio.sleep", "asyncio.wait"})
#: Values whose methods call no code of the caller's.
CONSTRUCTORS = frozenset(
    f"{module}.{name}"
    for module, names in (
        ("asyncio", "Event Lock Condition Semaphore BoundedSemaphore Queue LifoQueue PriorityQueue"),
        ("threading", "Event Lock RLock Condition Semaphore BoundedSemaphore"),
        ("queue", "Queue SimpleQueue LifoQueue PriorityQueue"),
        ("collections", "deque OrderedDict defaultdict Counter"),
        ("logging", "getLogger"),
    )
    for name in names.split()
)
#: How many calls deep the module's own functions are followed.
MAX_DEPTH = 4
HARMLESS = Provenance("plain")


def _qualname(facts: ModuleFacts, scope: Scope, call: str) -> str:
    return "" if call.startswith("?") else resolve(facts, scope, call).qualname or ""


def _data_function(qualname: str) -> bool:
    module, _, rest = qualname.partition(".")
    if not rest:
        return False
    if module == "builtins":
        return rest in BUILTINS
    return module in DATA_MODULES or qualname in FUNCTIONS or qualname in CONSTRUCTORS


class _Made(ValueOrigins):
    """A value is ``plain`` (its methods call no code of the caller's) when every way it
    is bound is a literal other than ``None`` (if ``literals``) or a value one of
    ``makers`` made."""

    negative = "plain"

    def __init__(self, context: RuleContext, makers: FrozenSet[str], literals: bool) -> None:
        super().__init__(context)
        self.makers = makers
        self.literals = literals

    def combine(self, found: Iterable[Provenance]) -> Provenance:
        results = [result for result in found if result.verdict != "none"]
        if results and all(result is HARMLESS for result in results):
            return HARMLESS
        return UNKNOWN

    def of_origin(self, scope: Scope, origin: Origin, depth: int, cls: Optional[Scope] = None) -> Provenance:
        if origin.literal and not origin.none:
            return HARMLESS if self.literals else UNKNOWN
        return super().of_origin(scope, origin, depth, cls)

    def of_call(self, scope: Scope, origin: Origin, depth: int, cls: Optional[Scope]) -> Provenance:
        return HARMLESS if _qualname(self.facts, scope, origin.call or "?") in self.makers else UNKNOWN


class HandshakeFree:
    """``context.view(HandshakeFree)``: one per check."""

    def __init__(self, context: RuleContext) -> None:
        self.facts = context.facts
        self.connections = context.view(ConnectionOrigins)
        self.values = _Made(context, CONSTRUCTORS, literals=True)
        # Awaiting ``items.pop()`` awaits an item, made elsewhere; ``lock.acquire()`` not.
        self.primitives = _Made(context, frozenset(c for c in CONSTRUCTORS if c.startswith("asyncio.")), False)

    def uses_open_connection(self, block: TryBlock) -> bool:
        """The ``try`` body calls a method of a websockets connection and can run no
        handshake (see the module's docstring)."""
        scope = block.handlers[0].scope
        if not any(self._connection_method(scope, call) for call in block.body_calls):
            return False
        return self._runs_nothing(scope, block.body_calls, block.awaited, 0, set())

    def _runs_nothing(
        self, scope: Scope, calls: Iterable[str], awaited: Iterable[str], depth: int, seen: Set[int]
    ) -> bool:
        if depth > MAX_DEPTH:
            return False
        for value in awaited:
            if not value.endswith("()"):
                return False  # ``await conn``, ``async with conn``: made elsewhere
            call = value[:-2]
            if not (
                self._connection_method(scope, call)
                or _qualname(self.facts, scope, call) in AWAITABLE
                or self._made_method(scope, call, self.primitives)
                or self._own_coroutine(scope, call)
            ):
                return False
        return all(self._call(scope, call, depth, seen) for call in calls if call not in (AWAITS, IN_EXECUTOR))

    def _call(self, scope: Scope, call: str, depth: int, seen: Set[int]) -> bool:
        if call.startswith("?"):
            return False
        if _data_function(_qualname(self.facts, scope, call)):
            return True
        if self._connection_method(scope, call) or self._made_method(scope, call, self.values):
            return True
        functions = self._own(scope, call)
        if not functions:
            return False
        for function in functions:
            if id(function) in seen:
                continue  # (a recursive call adds nothing)
            seen.add(id(function))
            if not self._runs_nothing(function, function.calls, function.awaited, depth + 1, seen):
                return False
        return True

    def _own(self, scope: Scope, call: str) -> List[Scope]:
        """The module's functions ``call`` may run: the one it names, and for
        ``self.method()`` the same method of the class's subclasses; none when one of
        them is decorated (what runs is not its body alone)."""
        function = self.connections.own_function(scope, call, class_of(scope))
        if function is None:
            return []
        found = [function]
        head, _, rest = call.partition(".")
        owner = method_of(scope, head)[1]
        if owner is not None and rest:
            for cls in self.connections.family(owner):
                if rest in cls.attributes:
                    return []  # ``self.before_send = self._reconnect``: a hook swapped in
                override = cls.children.get(rest)
                if override is not None and override.kind == "function" and override not in found:
                    found.append(override)
            if any(rest in scope.stores for scope in self.facts.scopes):
                return []  # ``Client.before_send = reconnect`` (or on an instance)
        return [] if any(f.decorated for f in found) else found

    def _own_coroutine(self, scope: Scope, call: str) -> bool:
        """``await self.helper()``: a coroutine of the module (its body is followed as a
        call); awaiting what a plain function returns may run anything."""
        functions = self._own(scope, call)
        return bool(functions) and all(f.is_async for f in functions)

    def _connection_method(self, scope: Scope, call: str) -> bool:
        receiver, _, method = call.rpartition(".")
        # ``conn.__aenter__()`` on ``conn = connect(uri)`` is the handshake itself.
        if not receiver or method.startswith("__") or call.startswith("?"):
            return False
        return self.connections.of_name(scope, receiver, 0).verdict in ("new", "legacy")

    def _made_method(self, scope: Scope, call: str, values: _Made) -> bool:
        receiver, _, _ = call.rpartition(".")
        return bool(receiver) and not call.startswith("?") and values.of_name(scope, receiver, 0) is HARMLESS
