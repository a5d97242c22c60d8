"""Which websockets implementation a connection object comes from: the light type
tracking NFX206 reads before it reports ``ws.open`` (FACTS.md section 3, rows 2 and 5).

A name is followed through the module as socket provenance is
(:mod:`netfix_lint.rules.value_origin`); where it ends, it is:

- ``new``: made by a connect of the new implementation (``websockets.asyncio.client`` /
  ``websockets.sync.client``, or the top-level ``websockets.connect`` when the project
  allows 14.0 or later), the first parameter of a handler passed to such a ``serve``, or
  annotated with the new classes (``ClientConnection``, ``ServerConnection``);
- ``legacy``: the same from the legacy names (``websockets.client.connect``,
  ``websockets.legacy.*``, the top-level names when only releases before 14.0 are
  allowed), or annotated with a legacy class (unless the module's calls of the function
  pass a new connection there: what runs wins over the hint);
- ``unknown``: anything else (a file's ``.closed``, a socket, another library's object).
"""

from __future__ import annotations

from dataclasses import replace
from functools import cached_property
from typing import Dict, FrozenSet, Iterable, Optional, Tuple

from ..context import RuleContext
from ..facts import Origin, Scope, resolve
from ..project import allowed_sides, why_every
from .value_origin import Provenance, ValueOrigins, class_of, lookup
from .websockets_arguments import implementations
from .websockets_reach import client, import_switch

#: How ``serve`` may be given its handler by keyword (legacy ``ws_handler``, new ``handler``).
HANDLER_KEYWORDS = ("ws_handler", "handler")
#: Classes of the new implementation's connections (the top-level names from 14.2).
NEW_CLASSES = frozenset(
    f"websockets.{module}{name}"
    for module in ("asyncio.client.", "asyncio.server.", "sync.client.", "sync.server.", "")
    for name in ("ClientConnection", "ServerConnection")
)
LEGACY_CLASSES = frozenset(
    {
        "websockets.WebSocketClientProtocol",
        "websockets.WebSocketServerProtocol",
        "websockets.client.WebSocketClientProtocol",
        "websockets.server.WebSocketServerProtocol",
        "websockets.legacy.client.WebSocketClientProtocol",
        "websockets.legacy.server.WebSocketServerProtocol",
        "websockets.legacy.protocol.WebSocketCommonProtocol",
    }
)


#: ``Provenance.detail`` of a connection made by a top-level name (``websockets.connect``):
#: the new implementation from 14.0 only, the legacy one before.
ALIAS = "top-level"
#: ... made by an ImportError switch to ``websockets.asyncio.client``: new from 13.0.
SWITCH = "switch"


class ConnectionOrigins(ValueOrigins):
    """``context.view(ConnectionOrigins)``: one per check."""

    positive = "new"
    negative = "legacy"
    callers_over_annotation = True

    def __init__(self, context: RuleContext) -> None:
        super().__init__(context)
        self.spec = context.websockets_spec
        self.sides = frozenset(allowed_sides(context.websockets_spec))

    def combine(self, found: Iterable[Provenance]) -> Provenance:
        """Stricter than sockets': a name is a new connection only when every way it is
        bound is a connection (``None`` aside); bound to a new one and a legacy one, it
        is either (``only_some``); anything unknown among them (a loop variable, a file,
        another library's object) and it is not reported."""
        results = [result for result in found if result.verdict != "none"]
        if not results or any(r.verdict not in ("new", "legacy") for r in results):
            return Provenance("unknown")
        new = [r for r in results if r.verdict == "new"]
        if not new:
            return results[0]
        mixed = len(new) < len(results)
        return replace(new[0], only_some=new[0].only_some or mixed) if mixed else new[0]

    def of_call(self, scope: Scope, origin: Origin, depth: int, cls: Optional[Scope]) -> Provenance:
        call, line = origin.call or "?", origin.line
        if call.startswith("?"):
            return self.returned(scope, origin, depth, cls)
        qualname = client(self.facts, scope, call, self.spec)
        kind, runs = implementations(qualname, set(self.sides))
        if kind == "connect" and runs:
            made = self._made_by(f"the connection comes from `{call}()` (line {line})", qualname, runs, line)
            if made.detail == ALIAS and import_switch(self.facts, scope, call, self.spec):
                made = replace(made, detail=SWITCH)
            return replace(made, awaited=origin.awaited)
        if qualname.startswith("websockets.") and qualname.rsplit(".", 1)[-1] in ("connect", "unix_connect"):
            return Provenance("legacy", f"`{call}()` is the legacy client", line)
        return self.returned(scope, origin, depth, cls)

    def of_annotation(self, scope: Scope, origin: Origin) -> Provenance:
        qualname = resolve(self.facts, scope, origin.annotation or "").qualname or ""
        line = origin.line
        if qualname in NEW_CLASSES:
            return Provenance("new", f"the connection is annotated `{origin.annotation}` (line {line})", line)
        if qualname in LEGACY_CLASSES:
            return Provenance("legacy", f"annotated `{origin.annotation}`", line)
        return Provenance("unknown")

    def of_name(self, scope: Scope, dotted: str, depth: int) -> Provenance:
        if "." not in dotted:
            found = lookup(scope, dotted)
            if found is not None:
                handler = self._handler_parameters.get((id(found[0]), dotted))
                if handler is not None:
                    return handler
        return super().of_name(scope, dotted, depth)

    def _made_by(self, why: str, qualname: str, runs: FrozenSet[str], line: int) -> Provenance:
        if "new" not in runs:
            return Provenance("legacy", why, line)
        if qualname.startswith(("websockets.asyncio.", "websockets.sync.", "websockets.trio.")):
            detail = "sync" if qualname.startswith("websockets.sync.") else ""
            return Provenance("new", f"{why}, the new implementation", line, detail=detail)
        allowed = "this project allows them" if runs == {"new"} else "this project allows them and older ones"
        allowed += why_every(self.spec)
        why = f"{why}, the new implementation on websockets 14.0 and later ({allowed})"
        return Provenance("new", why, line, only_some=runs != {"new"}, detail=ALIAS)

    @cached_property
    def _handler_parameters(self) -> Dict[Tuple[int, str], Provenance]:
        """The first parameter (after ``self``) of each of the module's own functions
        passed to a resolved ``serve`` (positionally or as ``ws_handler=``), by the
        function's scope: the connection each call of it is given."""
        found: Dict[Tuple[int, str], Provenance] = {}
        for call in self.facts.keyword_calls:
            handler = call.first_arg or next((k.value for k in call.keywords if k.name in HANDLER_KEYWORDS), None)
            if not call.func.dotted or not handler or call.partial_args > 0:
                continue  # (a partial that binds positional arguments shifts the connection)
            qualname = client(self.facts, call.scope, call.func.dotted, self.spec)
            kind, runs = implementations(qualname, set(self.sides))
            if kind != "serve" or not runs:
                continue
            function = self.own_function(call.scope, handler, class_of(call.scope))
            if function is None:
                continue
            params = function.params[1:] if function.self_name is not None else function.params
            if params:
                why = (
                    f"`{params[0]}` is the connection `{call.func.dotted}()` (line {call.span.line}) gives `{handler}`"
                )
                found[(id(function), params[0])] = self._made_by(why, qualname, runs, call.span.line)
        return found
