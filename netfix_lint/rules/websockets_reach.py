"""What NFX201, NFX202 and NFX203 share: which websockets clients a ``try`` reaches,
which of its clauses catch ``InvalidStatusCode`` and nothing that catches
``InvalidStatus``, and the two fixes (migrate, or catch both).

FACTS.md section 2: the new clients (``websockets.asyncio.client``,
``websockets.sync.client``, ``websockets.trio.client``) answer a refused handshake with
``InvalidStatus``; they never raise ``InvalidStatusCode``, its sibling.
"""

from __future__ import annotations

import dataclasses
import os
import re
import sys
from functools import cached_property
from typing import AbstractSet, Callable, Dict, Iterator, List, Optional, Set, Tuple

from ..context import RuleContext
from ..facts import (
    CaughtName,
    Handler,
    ModuleFacts,
    Resolved,
    Scope,
    TryBlock,
    expand_caught,
    lookup,
    resolve,
    resolve_shim,
)
from ..model import (
    SAFE,
    UNSAFE,
    AddHandlerAfter,
    AppendElement,
    Fix,
    FixOp,
    RemoveUnusedImport,
    ReplaceExpr,
    RewriteStatusReads,
    Safety,
)
from ..project import allows_below, allows_from
from .importer import EXCEPTION_MODULES, Importer, spell_invalid_status
from .value_origin import ValueOrigins, class_of

#: What NFX201-203 look for in the text before anything else.
STATUS_CODE_TRIGGER = re.compile(r"InvalidStatusCode")
#: NFX201/202's further trigger in runs that read packages: the client's import and a
#: clause, where the caught class may come from another module.
CLAUSE_WORDS = ("websockets", "except")

NEW_CLIENTS = frozenset(
    {
        "websockets.asyncio.client.connect",
        "websockets.asyncio.client.unix_connect",
        "websockets.sync.client.connect",
        "websockets.sync.client.unix_connect",
        "websockets.trio.client.connect",
    }
)
#: The keywords only one implementation of connect takes: the one it belongs to
#: ("legacy" or "new"), and what the other calls it ("" when it has no equivalent).
CONNECT_ONLY: Dict[str, Tuple[str, str]] = {
    "extra_headers": ("legacy", "additional_headers"),
    "additional_headers": ("new", "extra_headers"),
    "timeout": ("legacy", "close_timeout"),
}
#: What the legacy client rejects with TypeError (it forwards them to the event loop):
#: the new client's keywords, and ``proxy=`` (taken by the new client from 15.0).
LEGACY_REJECTS = frozenset({*(k for k, (side, _) in CONNECT_ONLY.items() if side == "new"), "proxy"})
#: websockets.connect: legacy up to 13.1, the new asyncio client from 14.0 (NFX202).
DEFAULT_CLIENTS = frozenset({"websockets.connect", "websockets.unix_connect"})
#: ``websockets.asyncio.client`` / ``.server`` exist from this release.
NEW_MODULES_FROM = "13.0"
LEGACY_CLIENTS = frozenset(
    {
        "websockets.client.connect",
        "websockets.client.unix_connect",
        "websockets.legacy.client.connect",
        "websockets.legacy.client.unix_connect",
        "websockets.legacy.client.Connect",
    }
)
STATUS_CODE_CLASSES = frozenset(
    f"{module}.InvalidStatusCode" for module in (*EXCEPTION_MODULES, "websockets.legacy.exceptions")
)
#: InvalidStatus itself: a clause of the try naming it handles the refusal on purpose.
INVALID_STATUS = frozenset(f"{module}.InvalidStatus" for module in EXCEPTION_MODULES)
#: What catches InvalidStatus: itself, its bases, and the catch-alls.
CATCHES_INVALID_STATUS = frozenset(
    {f"{m}.{name}" for m in EXCEPTION_MODULES for name in ("InvalidStatus", "InvalidHandshake", "WebSocketException")}
    | {"builtins.Exception", "builtins.BaseException"}
)
#: What catches InvalidStatusCode: itself, its bases, and the catch-alls.
CATCHES_STATUS_CODE = STATUS_CODE_CLASSES | frozenset(
    {f"{m}.{name}" for m in EXCEPTION_MODULES for name in ("InvalidHandshake", "WebSocketException")}
    | {"builtins.Exception", "builtins.BaseException"}
)


def clients_reached(
    facts: ModuleFacts,
    block: TryBlock,
    scope: Scope,
    context: Optional[RuleContext] = None,
    spec: Optional[str] = None,
) -> Set[str]:
    """Qualified names of the connect functions the try body calls, directly or through
    ``conn = connect(uri)`` then ``await conn.__aenter__()``; with ``context`` (a run
    that reads packages), also a name imported from another module of the package that
    binds a client there (``from .market_data import _ws_connect``, an ImportError
    switch between the new and the legacy client in that module). ``spec``: the
    project's websockets versions, for an ImportError switch (see :func:`client`)."""
    reached: Set[str] = set()
    for call in block.body_calls:
        if call.startswith("?"):
            continue
        head, _, rest = call.partition(".")
        if rest in ("__aenter__", "__enter__"):
            found = lookup(scope, head)
            for binding in found[1] if found else []:
                if binding.call:
                    reached.add(client(facts, scope, binding.call, spec))
            continue
        named = client(facts, scope, call, spec)
        if context is not None and "." in named and not named.startswith(_ELSEWHERE_PREFIXES):
            named = _client_elsewhere(context, named) or named
        reached.add(named)
    return reached


#: How many of the module's own calls deep a client is followed (as NFX101 follows writes).
OWN_CALL_DEPTH = 3


def clients_through_own(
    context: RuleContext, block: TryBlock, scope: Scope, spec: Optional[str] = None
) -> Dict[str, Tuple[str, Scope]]:
    """The clients the try body reaches through the module's own functions and methods
    (``await self.connect()``, whose body calls ``websockets.connect``), up to
    OWN_CALL_DEPTH calls down, each with how ("through `self.connect()`") and the
    function that calls it. A coroutine function is followed only where it is awaited
    or entered (``create_task(self._loop())`` runs it elsewhere), and not through a
    function with a clause that may take the client's errors (a bare ``except:``,
    ``except Exception``, a websockets handshake class): what it lets out cannot be
    told."""
    return context.view(OwnClients).through(block, scope, spec)


class OwnClients:
    """:func:`clients_through_own`, once per ``try``, and the functions that may catch
    what a client raises, found in one pass over the module's tries."""

    def __init__(self, context: RuleContext) -> None:
        self.context = context
        self._found: Dict[int, Dict[str, Tuple[str, Scope]]] = {}

    def through(self, block: TryBlock, scope: Scope, spec: Optional[str]) -> Dict[str, Tuple[str, Scope]]:
        if id(block) not in self._found:
            self._found[id(block)] = self._walk(block, scope, spec)
        return self._found[id(block)]

    def _walk(self, block: TryBlock, scope: Scope, spec: Optional[str]) -> Dict[str, Tuple[str, Scope]]:
        facts, origins = self.context.facts, self.context.view(ValueOrigins)
        found: Dict[str, Tuple[str, Scope]] = {}
        seen = {id(scope)}
        Step = Tuple[Scope, str, Tuple[str, ...], AbstractSet[str]]
        frontier: List[Step] = [(scope, call, (), block.awaited) for call in sorted(block.body_calls)]
        for _ in range(OWN_CALL_DEPTH):
            further: List[Step] = []
            for where, call, chain, awaited in frontier:
                if call.startswith("?"):
                    continue
                function = origins.own_function(where, call, class_of(where))
                if function is None or id(function) in seen or id(function) in self._guarding:
                    continue
                if function.awaited and f"{call}()" not in awaited:
                    continue  # a coroutine made here and run elsewhere (a task)
                seen.add(id(function))
                path = (*chain, call)
                for inner in sorted(function.calls):
                    if inner.startswith("?"):
                        continue
                    named = client(facts, function, inner, spec)
                    if named.startswith("websockets."):
                        through = ", ".join(f"`{c}()`" for c in path)
                        found.setdefault(named, (f"through {through}, which calls `{inner}()`", function))
                    further.append((function, inner, path, function.awaited))
            frontier = further
        return found

    @cached_property
    def _guarding(self) -> Set[int]:
        """The ids of the functions with a clause that may take what a client raises."""
        facts, found = self.context.facts, set()
        for block in facts.tries:
            for handler in block.handlers:
                if handler.types is None or any(
                    c.resolved.qualname is None or c.resolved.qualname in _TAKES_HANDSHAKE_ERRORS
                    for c in expand_caught(facts, handler.scope, handler.types)
                ):
                    found.add(id(handler.scope))
                    break
        return found


def reached_through(context: RuleContext, handler: Handler, clients: AbstractSet[str]) -> str:
    """How the try of ``handler`` reaches one of ``clients``, for a finding's message: ""
    when its body calls one itself, else " (through `self.connect()`, which calls
    `websockets.connect()`)"."""
    facts, spec = context.facts, context.websockets_spec
    for block in facts.tries:
        if any(h is handler for h in block.handlers):
            if clients_reached(facts, block, handler.scope, None, spec) & clients:
                return ""
            through = clients_through_own(context, block, handler.scope, spec)
            return next((f" ({through[name][0]})" for name in sorted(clients) if name in through), "")
    return ""


def _client_elsewhere(context: RuleContext, qualname: str) -> Optional[str]:
    """The client a name imported from another module of the package is there (one module
    on, as that module's own calls of it would be read); None if it is none known."""
    found = context.package.module_facts(qualname)
    if found is None:
        return None
    name, other = found
    known = client(other, other.module_scope, name, context.websockets_spec)
    return known if known.startswith("websockets.") else None


def client(facts: ModuleFacts, scope: Scope, dotted: str, spec: Optional[str] = None) -> str:
    """The qualified name of a called function; for the import shim
    ``try: from websockets.asyncio.client import connect`` / ``except ImportError:
    from websockets.client import connect``, ``websockets.connect``, which likewise is
    the legacy client on old releases and the new one on recent releases; or, where the
    project's websockets versions (``spec``) are known to have the new module (13.0 on),
    the new client itself: the fallback never runs. Of a name imported from websockets in
    one branch and from elsewhere in the others, websockets' (where it runs, it is that)."""
    resolved = resolve(facts, scope, dotted).qualname or resolve_shim(facts, scope, dotted).qualname
    if resolved is not None:
        return resolved  # (a shim whose first import, the legacy client, always succeeds)
    head, _, rest = dotted.partition(".")
    found = lookup(scope, head)
    bindings = found[1] if found else []
    targets = {f"{b.target}.{rest}" if rest else b.target for b in bindings if b.kind == "import"}
    if len(targets) == len(bindings) > 1 and targets & NEW_CLIENTS and targets & LEGACY_CLIENTS:
        if targets <= NEW_CLIENTS | LEGACY_CLIENTS:
            new = sorted(t for t in targets & NEW_CLIENTS if t is not None)
            if spec is not None and len(new) == 1 and not allows_below(spec, NEW_MODULES_FROM):
                return new[0]
            return "websockets.connect"
    if len(targets) == len(bindings) > 1:
        # A platform switch (``if is_pyodide: import x.pyodide_websockets as websockets /
        # else: import websockets``): where websockets runs, it is websockets'.
        real = [t for t in targets if t is not None and t.partition(".")[0] == "websockets"]
        if len(real) == 1:
            return real[0]
    return "?"


def dead_status_clauses(
    context: RuleContext, wanted: Callable[[Set[str]], bool], skip: Optional[Callable[[TryBlock], bool]] = None
) -> Iterator[Tuple[Handler, CaughtName]]:
    """Clauses catching InvalidStatusCode in a try whose reached clients are ``wanted``,
    that InvalidStatus would have reached. A clause of the try naming InvalidStatus, the
    clause itself catching it (``except (InvalidStatusCode, WebSocketException)``), or an
    earlier clause catching it (a bare ``except:``, ``except Exception``: the clause was
    never reached, before the switch either) keep it quiet; a *later* clause catching it
    through a base class does not: the refusal then takes the generic path, and the
    clause's own handling (a retry, a status check) is lost."""
    return _missed_status(
        context, wanted, skip, STATUS_CODE_CLASSES, INVALID_STATUS, CATCHES_INVALID_STATUS, None, through_own=False
    )


def new_only_status_clauses(
    context: RuleContext, wanted: Callable[[Set[str]], bool]
) -> Iterator[Tuple[Handler, CaughtName]]:
    """The mirror: clauses catching InvalidStatus in a try whose reached clients are
    ``wanted``, that InvalidStatusCode (the legacy client's) would have reached, by the
    same rules. An ImportError switch to the legacy client counts as the new client
    where the project's releases all have ``websockets.asyncio`` (13.0 on). Quiet, as
    the fix it drives is a floor: a try that also catches a class this module cannot
    see (imported from the package or another library: it may be InvalidStatusCode),
    a try iterating a client (``async for ws in connect(uri)``: the legacy iterator
    retries a refusal, nothing escapes), and a function that also catches
    InvalidStatusCode around a client (the code is written for both)."""
    facts, spec = context.facts, context.websockets_spec
    both = written_for_both(context, STATUS_CODE_CLASSES)
    new_only = _written_for_new(context)

    def skip(block: TryBlock) -> bool:
        scope = block.handlers[0].scope
        if id(scope) in both or any(client(facts, scope, name, spec) in DEFAULT_CLIENTS for name in block.iterated):
            return True
        through = clients_through_own(context, block, scope, spec)
        return bool({id(scope), *(id(where) for _, where in through.values())} & new_only)

    return _missed_status(
        context, wanted, skip, INVALID_STATUS, STATUS_CODE_CLASSES, CATCHES_STATUS_CODE, spec, through_own=True
    )


def _written_for_new(context: RuleContext) -> Set[int]:
    """The ids of the scopes that call the top-level connect with a keyword the legacy
    client rejects (``additional_headers=``): there the code is written for 14.0 on, and
    on older releases the call fails with TypeError (NFX205's) before a clause of the
    try sees a status; the fix is the floor, which NFX209 reports."""
    facts, spec = context.facts, context.websockets_spec
    new: Set[int] = set()
    legacy: Set[int] = set()  # a scope that also spells the legacy client's is written for both
    for call in facts.keyword_calls:
        if call.func.dotted is None or client(facts, call.scope, call.func.dotted, spec) not in DEFAULT_CLIENTS:
            continue
        names = {k.name for k in (*call.keywords, *call.spread)}
        if names & LEGACY_REJECTS:
            new.add(id(call.scope))
        if any(CONNECT_ONLY.get(name, ("",))[0] == "legacy" for name in names):
            legacy.add(id(call.scope))
    return new - legacy


def written_for_both(context: RuleContext, classes: AbstractSet[str]) -> Set[int]:
    """The ids of the scopes with a try around the top-level connect whose clauses name
    one of ``classes``: there a try naming the other class is one branch of code written
    for both implementations (``if NEW: ... else: ...``), as NFX205 reads both spellings."""
    facts, found = context.facts, set()
    for block in facts.tries:
        if not block.handlers or not clients_reached(facts, block, block.handlers[0].scope) & DEFAULT_CLIENTS:
            continue
        for handler in block.handlers:
            names = expand_caught(facts, handler.scope, handler.types) if handler.types else []
            if any(followed(context, handler.scope, c).resolved.qualname in classes for c in names):
                found.add(id(handler.scope))
    return found


def _names_invalid_status(block: TryBlock) -> bool:
    """A clause of the try spells InvalidStatus (the mirror's cheap first test)."""
    return any(e.dotted and "InvalidStatus" in e.dotted for h in block.handlers for e in h.types or [])


def unseen(caught: CaughtName) -> bool:
    """A caught class this module cannot tell: not websockets', a builtin, the module's
    own or the standard library's."""
    qualname = caught.resolved.qualname
    if qualname is None:
        return True
    return not qualname.startswith(_ELSEWHERE_PREFIXES) and qualname.split(".", 1)[0] not in STDLIB_MODULES


def _missed_status(
    context: RuleContext,
    wanted: Callable[[Set[str]], bool],
    skip: Optional[Callable[[TryBlock], bool]],
    caught_class: AbstractSet[str],
    raised_class: AbstractSet[str],
    catches_raised: AbstractSet[str],
    spec: Optional[str],
    through_own: bool,
) -> Iterator[Tuple[Handler, CaughtName]]:
    """Clauses catching ``caught_class`` that ``raised_class`` (the class the other
    client raises) would have reached: no clause of the try names it, and neither the
    clause nor an earlier one catches it (``catches_raised``)."""
    facts = context.facts
    for block in facts.tries:
        if not block.handlers:
            continue
        scope = block.handlers[0].scope
        reached = clients_reached(facts, block, scope, context, spec)
        if through_own and not wanted(reached) and _names_invalid_status(block):
            reached |= set(clients_through_own(context, block, scope, spec))
        if not wanted(reached):
            continue
        if skip is not None and skip(block):
            continue
        per_handler = [
            None if h.types is None else [followed(context, h.scope, c) for c in expand_caught(facts, h.scope, h.types)]
            for h in block.handlers
        ]
        if any(
            caught is not None and any(c.resolved.qualname in raised_class for c in caught) for caught in per_handler
        ):
            continue  # the try handles the other class by name
        if raised_class is STATUS_CODE_CLASSES and any(caught and any(map(unseen, caught)) for caught in per_handler):
            continue  # (the mirror) a class it cannot tell may be InvalidStatusCode
        for handler, caught in zip(block.handlers, per_handler):
            if caught is None or any(c.resolved.qualname in catches_raised for c in caught):
                break  # this clause takes the other class: no later one is reached by it
            missed = [c for c in caught if c.resolved.qualname in caught_class]
            if missed and not any(c.via_constant for c in missed):
                yield handler, missed[0]


#: What a clause may take of a client's errors (a class it cannot tell may be one too).
_TAKES_HANDSHAKE_ERRORS = CATCHES_INVALID_STATUS | CATCHES_STATUS_CODE

#: The standard library's top-level modules (``sys.stdlib_module_names``, 3.10+; on 3.9
#: the ones whose exceptions handlers around a connect name).
STDLIB_MODULES = frozenset(
    getattr(sys, "stdlib_module_names", ("asyncio", "concurrent", "errno", "http", "json", "os", "socket", "ssl"))
)

#: Where a name may lead into another module of the package (not a builtin, not a
#: websockets name, not a class of this module).
_ELSEWHERE_PREFIXES = ("builtins.", "<module>.", "websockets.")


def followed(context: RuleContext, scope: Scope, caught: CaughtName) -> CaughtName:
    """A caught name as these rules judge it: also through an ImportError shim of this
    module whose first import always succeeds, and, when the run reads packages, into
    the module of the package that binds it (Fern's generated SDKs import
    ``InvalidWebSocketStatus`` from ``core/websocket_compat.py``, a shim binding it to
    ``InvalidStatusCode``)."""
    dotted, resolved = caught.expr.dotted, caught.resolved
    if dotted is None or caught.via_constant is not None:
        return caught
    if resolved.qualname is None:
        resolved = resolve_shim(context.facts, scope, dotted)
    elif resolved.maybe_missing:
        return caught  # rebound, or bound under a condition: which class it is, is unknown
    elif not resolved.qualname.startswith(_ELSEWHERE_PREFIXES):
        answer = context.package.resolve_name(resolved.qualname)
        if answer is None:
            return caught
        resolved = Resolved(answer[0], via=answer[1])
    return dataclasses.replace(caught, resolved=resolved)


def bound_elsewhere(dead: CaughtName, cls: str = "InvalidStatusCode") -> Tuple[str, str]:
    """How a message names the caught class ``cls``, and how it came to be that class
    ("" when the module imports it itself, and a fix can follow)."""
    name = dead.expr.dotted or cls
    if dead.resolved.via == "shim":
        return name, f" (`{name}` is {cls}: its ImportError fallback never runs; no automatic fix)"
    if dead.resolved.via:
        return name, f" (`{name}` is {cls}, bound in {dead.resolved.via}; no automatic fix)"
    return cls, ""


def reaches_only(calls: AbstractSet[str], not_with: AbstractSet[str]) -> Callable[[Set[str]], bool]:
    """A try that reaches one of ``calls`` and none of ``not_with``."""
    return lambda reached: bool(reached & calls) and not reached & not_with


def migrate(context: RuleContext, handler: Handler, dead: CaughtName) -> Fix:
    """InvalidStatusCode becomes InvalidStatus, with status reads through ``.response``."""
    old, qualname = dead.expr.dotted or "", dead.resolved.qualname or ""
    spelling, imports = spell_invalid_status(context.view(Importer), handler.scope, old, qualname)
    ops: List[FixOp] = [ReplaceExpr(dead.expr.target, spelling), *imports]
    if handler.name:
        ops.append(RewriteStatusReads(handler.target, handler.name))
    ops.extend(drop_import(context, old))
    return Fix(rewrite_safety(handler), f"Catch `{spelling}` instead", tuple(ops))


def rewrite_safety(handler: Handler) -> Safety:
    """Rewriting a clause's status reads is safe unless the clause stores its ``as`` name
    again: then a read (in a closure, a loop) may see either object."""
    body = handler.body
    return UNSAFE if body.rebinds_name and body.status_reads else SAFE


def drop_import(context: RuleContext, old: str) -> List[FixOp]:
    """Remove the import of ``old`` once nothing in the module uses it (nor names it in
    ``__all__``); never from a package's ``__init__.py``, where packages re-export."""
    if "." in old or os.path.basename(context.path) == "__init__.py":
        return []
    return [RemoveUnusedImport(old)]


def catch_both(context: RuleContext, handler: Handler, dead: CaughtName) -> Fix:
    """Works on legacy and new clients: catch InvalidStatus too, in the same clause when
    the body reads no status attribute, else in a copy of the clause just after it."""
    old, qualname = dead.expr.dotted or "", dead.resolved.qualname or ""
    spelling, imports = spell_invalid_status(context.view(Importer), handler.scope, old, qualname)
    reads_status = handler.name is not None and bool(handler.body.names & {"status_code", "headers"})
    if reads_status:
        assert handler.name is not None
        op: FixOp = AddHandlerAfter(handler.target, spelling, handler.name)
        return Fix(rewrite_safety(handler), f"Add an `except {spelling}` clause", (op, *imports))
    return Fix(SAFE, f"Also catch `{spelling}`", (AppendElement(handler.target, spelling), *imports))


#: Modules and top-level names some releases lack (verified by importing each of 10.4,
#: 11.0.3, 12.0, 13.0, 13.1, 14.0, 14.1, 14.2, 15.0.1, 16.0 and 17.4): the name (a
#: prefix of what the code imports or reads), the releases it breaks on, and why.
LANDMARKS: Tuple[Tuple[str, str, str], ...] = (
    ("websockets.asyncio.router", "<15.0", "exists from 15.0"),
    ("websockets.sync.router", "<15.0", "exists from 15.0"),
    ("websockets.asyncio", "<13.0", "exists from 13.0"),
    ("websockets.sync", "<11.0", "exists from 11.0"),
    ("websockets.protocol", "<11.0", "is a module from 11.0"),  # imports only: protocol_floor
    # (Where 13.1 moved the legacy exceptions; 13.0 and older have no such module.)
    ("websockets.legacy.exceptions", "<13.1", "is a module from 13.1"),
    ("websockets.http", ">=17.0", "is gone in 17.0"),
    # The new implementation's names at the top level (10.x had a sans-I/O
    # ClientConnection there, another class; 11.0-14.1 none).
    *(
        (f"websockets.{name}", "<14.2", "exists at the top level from 14.2")
        for name in ("ClientConnection", "ServerConnection", "State", "Request", "Response", "Server")
    ),
    *((f"websockets.{name}", "<14.2", "exists at the top level from 14.2") for name in ("Close", "CloseCode")),
)


#: ``websockets.protocol`` before 11.0 (read in the sources of 7.0, 8.1, 9.1 and 10.4, run on
#: 9.1 and 10.4): the legacy module up to 8.1, then a lazy attribute of the package for
#: ``websockets.legacy.protocol``, with no module file. Importing its module path fails on
#: 9.x and 10.x; reading it through the package (``websockets.protocol.X``, ``from
#: websockets import protocol``) gives the legacy module, which has ``State`` but not the
#: 11.0 module's other names. A floor of 11.0 fixes only a name the 11.0 module has
#: (``WebSocketCommonProtocol`` is gone from it: the code must change).
PROTOCOL_NAMES = frozenset({"Protocol", "Side", "State", "SEND_EOF"})
LEGACY_PROTOCOL_NAMES = frozenset({"State"})


def protocol_floor(qualname: str, import_: bool, from_package: bool) -> bool:
    """Whether a use of ``websockets.protocol`` (``qualname``) needs 11.0."""
    name = qualname[len("websockets.protocol.") :].split(".")[0]
    if import_ and not from_package:  # the module path: ``from websockets.protocol import X``
        return qualname == "websockets.protocol" or name in PROTOCOL_NAMES
    return name in PROTOCOL_NAMES - LEGACY_PROTOCOL_NAMES


def protocol_broken(qualname: str) -> Tuple[str, str]:
    """The releases a use of ``websockets.protocol`` that needs 11.0 breaks on, and why:
    a name only the 11.0 module has, every older release; its module path otherwise
    (``import websockets.protocol``, ``from websockets.protocol import State``) 9.x and
    10.x, where there is no module file (up to 8.1 it is the legacy module)."""
    name = qualname[len("websockets.protocol.") :].split(".")[0]
    if name in PROTOCOL_NAMES - LEGACY_PROTOCOL_NAMES:
        return "<11.0", "is a module from 11.0"
    return "<11.0,>=9.0", "is no module on 9.x and 10.x (the legacy one up to 8.1, the new one from 11.0)"


def landmark(qualname: str) -> Optional[Tuple[str, str, str]]:
    for name, broken, why in LANDMARKS:
        if qualname == name or qualname.startswith(name + "."):
            return name, broken, why
    return None


#: Names the new implementation's modules have had since their first release (13.0 for
#: ``websockets.asyncio``, 11.0 for ``websockets.sync``); ``process_exception`` or
#: ``basic_auth`` came later (13.1), so their import may fail where the module exists.
_SINCE_FIRST = frozenset({"connect", "serve", "unix_connect", "unix_serve", "ClientConnection", "ServerConnection"})


def _since_landmark(name: str, module: str) -> bool:
    """``websockets.asyncio.client.connect``: a name of the landmark's client or server
    module that exists wherever the landmark does."""
    sides = (f"{module}.client", f"{module}.server")
    parent, _, last = name.rpartition(".")
    return name in sides or (parent in sides and last in _SINCE_FIRST)


def fallback_runs(specifier: Optional[str], modules: Tuple[str, ...]) -> bool:
    """Whether the ImportError fallback of a ``try`` importing ``modules`` runs on a
    release the project allows: one where one of them is missing (what else may fail
    to import is not known: it runs)."""
    for module in modules:
        found = landmark(module)
        if found is None or not (module == found[0] or _since_landmark(module, found[0])):
            return True
        broken = found[1]
        below = broken.startswith("<")
        release = broken.lstrip("<>=")
        if allows_below(specifier, release) if below else allows_from(specifier, release):
            return True
    return False


def import_switch(facts: ModuleFacts, scope: Scope, call: str, spec: Optional[str]) -> bool:
    """``call`` is an ImportError switch between the new and the legacy client."""
    return (
        client(facts, scope, call, spec) in DEFAULT_CLIENTS
        and resolve(facts, scope, call).qualname is None
        and resolve_shim(facts, scope, call).qualname is None
    )
