"""NFX207: callbacks given to ``serve`` with the legacy implementation's signature.

From 14.0 the top-level ``websockets.serve`` is the new implementation, which calls the
connection handler with the connection alone, ``process_request`` with
``(connection, request)`` and ``select_subprotocol`` with ``(connection, subprotocols)``
(FACTS.md section 3, rows 3 and 6). A handler written ``(websocket, path)`` then fails
every connection with ``TypeError: ... missing 1 required positional argument: 'path'``,
logged by the server, never raised to the caller.
"""

from __future__ import annotations

import re
from typing import FrozenSet, Iterator, List, Optional, Set

from ..context import RuleContext
from ..facts import KeywordCall, Scope, Span, printed
from ..model import SAFE, UNSAFE, Finding, Fix, FixOp, Related, RemoveParameter, ReplaceExpr, Safety
from ..project import allowed_sides, allows_below
from .base import Invalid, Rule, make_finding, register
from .connection_origin import HANDLER_KEYWORDS
from .value_origin import ValueOrigins
from .websockets_arguments import NEW_SERVES, implementations
from .websockets_reach import client

#: Legacy handlers may take the connection alone from 10.1 (before, ``path`` is required).
ONE_ARGUMENT_FROM = "10.1"
#: Legacy ``process_request(path, request_headers)`` and ``select_subprotocol(client,
#: server)``: what the parameters of a callback written for them are called.
LEGACY_CALLBACKS = {
    "process_request": ("path", "request_headers", "headers"),
    "select_subprotocol": ("client_subprotocols", "client", "server_subprotocols", "server"),
}


@register
class WebsocketsHandlerSignature(Rule):
    """
    ## What it does
    Finds callbacks given to a `serve` of the new implementation (the top-level
    `websockets.serve` / `unix_serve` in a project that allows websockets 14.0 or later,
    `websockets.asyncio.server.serve` anywhere) that have the legacy implementation's
    signature:
    - a connection handler `async def handler(websocket, path)` (two required
      parameters);
    - a `process_request=` callback written `(path, request_headers)`;
    - a `select_subprotocol=` callback written `(client_subprotocols,
      server_subprotocols)`.
    The callback must be a function of the module (by name, or `self.method`) or a lambda
    written in the call (`serve(lambda ws, _: self.handle(ws), ...)`, reported with no
    fix). The legacy
    names (`websockets.server.serve`, `websockets.legacy.server.serve`) pass the legacy
    arguments on every release and are never reported.

    ## Why is this bad?
    The new implementation calls the handler with the connection alone, so a
    `(websocket, path)` handler fails on every connection: the server logs `TypeError:
    handler() missing 1 required positional argument: 'path'` and closes the connection
    with 1011, while the caller of `serve` sees nothing wrong (ocpp #708, websockets
    #1557). `process_request` gets `(connection, request)`: a health check that compares
    `path` answers 426, `request_headers.get` raises AttributeError and the client gets
    a 500. `select_subprotocol` gets `(connection, subprotocols)`.

    Which releases a file may run with is read from its project, as NFX202 does.

    ## Example
    ```python
    import websockets

    async def echo(websocket, path):
        async for message in websocket:
            await websocket.send(f"{path}: {message}")

    async def main():
        async with websockets.serve(echo, "", 8765):
            await asyncio.Future()
    ```

    Use instead (a project that allows websockets 14 and later only):
    ```python
    async def echo(websocket):
        async for message in websocket:
            await websocket.send(f"{websocket.request.path}: {message}")
    ```

    ## Fix
    A connection handler loses its `path` parameter:
    - only releases from 14.0 (or the explicit new `serve`): its reads of `path` become
      `websocket.request.path`;
    - both sides of 14.0, none before 10.1: they become
      `(websocket.request.path if hasattr(websocket, "request") else websocket.path)`,
      which reads the path from either connection (legacy handlers may take the
      connection alone from 10.1 on);
    - releases before 10.1 allowed, or the body stores `path`: reported with no fix.
    `process_request` and `select_subprotocol` callbacks are reported with no fix (their
    return values differ too: `connection.respond(status, text)`).

    ## Fix safety
    Safe: the handler takes the one argument the implementation passes and reads the
    same path, on every release the project allows (tested against real releases, 12.0
    to 17.4, on a loopback server).

    ## Preview
    The first runs of the blind rounds (corpus/README.md) found it right 9 times in 11
    (81.8%, rounds 6 to 27), 1 in 2 in round 28, none in round 29 (it missed four
    handlers there) and 1 in 1 in round 30 (11 in 14 in all): below the 90% a rule needs to be on
    by default (SPEC, "Rule maturity").

    ## Sources
    - FACTS.md section 3, rows 3 and 6 (verified on 12.0-17.4)
    - websockets 14.0 upgrade guide, "Arguments of serve" and "process_request"
    """

    code = "NFX207"
    name = "websockets-handler-signature"
    fix_safety = SAFE
    trigger = re.compile(r"websockets")  # its serve is resolved through an import
    preview = True

    def check(self, context: RuleContext) -> Iterator[Finding]:
        facts = context.facts
        sides = allowed_sides(context.websockets_spec)
        walker = context.view(ValueOrigins)
        reported: Set[int] = set()  # a callback given to several serve calls: once
        for call in facts.keyword_calls:
            if not call.func.dotted:
                continue
            qualname = client(facts, call.scope, call.func.dotted, context.websockets_spec)
            kind, runs = implementations(qualname, sides)
            if kind != "serve" or "new" not in runs:
                continue
            handler = call.first_arg or next((k.value for k in call.keywords if k.name in HANDLER_KEYWORDS), None)
            # A partial that binds positional arguments shifts them; one that binds
            # keywords leaves the rest to serve (jellyserve's ``partial(f, handler=h)``).
            if (handler or call.first_lambda) and call.partial_args <= 0 and None not in call.partial_keywords:
                function = walker.own_function(call.scope, handler) if handler else call.first_lambda
                if function is not None and id(function) not in reported:
                    found = list(self.connection_handler(context, call, qualname, function, runs))
                    if found:
                        reported.add(id(function))
                    yield from found
            for keyword in call.keywords:
                if keyword.name in LEGACY_CALLBACKS:
                    callback = walker.own_function(call.scope, keyword.value)
                    if callback is not None and id(callback) not in reported and not callback.tests_params:
                        reported.add(id(callback))
                        yield from self.legacy_callback(call, qualname, keyword.name, callback, runs)

    def connection_handler(
        self, context: RuleContext, call: KeywordCall, qualname: str, function: Scope, runs: FrozenSet[str]
    ) -> Iterator[Finding]:
        own = _own_params(function)
        bound = {name for name in call.partial_keywords if name}
        # Those without a default: the first ``required_params`` of all of them.
        required = function.params[: function.required_params]
        params, rest = own[:2], own[2:]
        # A partial may bind keywords after the first two (``partial(f, handler=h)``);
        # binding one of them, or leaving a later one unbound, is another failure.
        if len(params) != 2 or bound & set(params) or any(name in required and name not in bound for name in rest):
            return
        if any(name not in required for name in params):
            return  # ``path`` has a default: called with one argument anyway
        if function.tests_params:
            return  # it tells the connection's kind itself (hasattr / isinstance)
        websocket, path = params
        partial = call.partial_args >= 0
        fix = self.plan(context, function, websocket, path, runs) if function.name and not partial else None
        where = _where(call, qualname, runs)
        unfixed = "" if fix is not None else _why_no_fix(function)
        if partial:
            unfixed = " (no fix: it is given through `functools.partial`; drop its second parameter by hand)"
        if fix is not None and fix.safety == UNSAFE:
            reads = function.second_param_reads or []
            if any(printed(context.facts.lines, read.span) for read in reads):
                unfixed = f" (fix unsafe: `{{{path}=}}` in an f-string prints the new text)"
            else:
                unfixed = (
                    " (fix unsafe: it is also called elsewhere or given to a legacy serve, which pass two arguments)"
                )
        shown = f"{function.name}({websocket}, {path})" if function.name else f"lambda {websocket}, {path}: ..."
        message = (
            f"`{shown}` is given to {where}, which calls it with the "
            f"connection alone: every connection fails with TypeError (missing `{path}`), logged by the "
            f"server and closed with 1011{unfixed}"
        )
        # The serve call is the defect's other end (it may be far from the def).
        given = Related(f"`{shown}` is given to `{call.func.dotted}()` here", call.span.line)
        yield make_finding(self, message, _def_line(function), fix, (given,))

    def plan(
        self, context: RuleContext, function: Scope, websocket: str, path: str, runs: FrozenSet[str]
    ) -> Optional[Fix]:
        reads = function.second_param_reads
        if reads is None or function.target is None or not function.simple_params:
            return None  # (parameters over several lines may carry comments: left to a person)
        if runs == {"new"}:
            code = f"{websocket}.request.path"
        elif not allows_below(context.websockets_spec, ONE_ARGUMENT_FROM):
            code = f'({websocket}.request.path if hasattr({websocket}, "request") else {websocket}.path)'
        else:
            return None
        ops: List[FixOp] = [RemoveParameter(function.target, path)]
        ops.extend(ReplaceExpr(read, code) for read in reads)
        how = f"; reads of `{path}` become `{code}`" if reads else ""
        # Named anywhere but its def and the serve calls (called directly, by a test or a
        # wrapper): those callers still pass two arguments.
        # A legacy serve given it too still passes two arguments on every release.
        facts, sides = context.facts, allowed_sides(context.websockets_spec)
        uses = len(re.findall(rf"\b{re.escape(function.name or '')}\b", "\n".join(facts.lines)))
        given = [c for c in facts.keyword_calls if (c.first_arg or "").rsplit(".", 1)[-1] == function.name]
        serves = [
            implementations(client(facts, c.scope, c.func.dotted or "", context.websockets_spec), sides) for c in given
        ]
        # A partial elsewhere may bind ``path`` by keyword: without the parameter it fails.
        only_new = all(kind == "serve" and "new" in runs for kind, runs in serves)
        only_new = only_new and all(c.partial_args < 0 for c in given)
        # f"{path=}" prints the expression's text: rewritten, the printed line changes.
        debug = any(printed(facts.lines, read.span) for read in reads)
        safety: Safety = SAFE if only_new and uses <= 1 + len(serves) and not debug else UNSAFE
        return Fix(safety, f"Take the connection alone{how}", tuple(ops))

    def legacy_callback(
        self, call: KeywordCall, qualname: str, keyword: str, function: Scope, runs: FrozenSet[str]
    ) -> Iterator[Finding]:
        params = _own_params(function)
        legacy = LEGACY_CALLBACKS[keyword]
        if len(params) != 2 or not any(p in legacy for p in params):
            return
        new = "(connection, request)" if keyword == "process_request" else "(connection, subprotocols)"
        message = (
            f"`{function.name}({', '.join(params)})` is the legacy `{keyword}` signature, given to "
            f"{_where(call, qualname, runs)}, which calls it with {new} (no fix: its return value differs too; "
            f"see the websockets 14 upgrade guide)"
        )
        given = Related(f"`{function.name}` is given as `{keyword}=` here", call.span.line)
        yield make_finding(self, message, _def_line(function), None, (given,))

    valid = (
        # The legacy serve passes (websocket, path) on every release.
        "from websockets.server import serve\n\n\nasync def echo(ws, path):\n    await ws.send(path)\n\n\n"
        "async def main():\n    async with serve(echo, '', 0):\n        pass\n",
        # One parameter; a default for path; another library's serve.
        "import websockets\n\n\nasync def echo(ws, path=None):\n    await ws.send('x')\n\n\n"
        "async def main():\n    async with websockets.serve(echo, '', 0):\n        pass\n",
        "import aiohttp.web\n\n\nasync def h(request, extra):\n    pass\n\n\ndef main(app):\n    serve(h)\n",
        # A callback that tells the two signatures apart itself.
        "import websockets\n\n\nasync def check(path, request_headers):\n"
        "    if hasattr(path, 'respond'):\n        return None\n    return None\n\n\n"
        "async def echo(ws):\n    pass\n\n\nasync def main():\n"
        "    async with websockets.serve(echo, '', 0, process_request=check):\n        pass\n",
        # A process_request already written for the new implementation.
        "from websockets.asyncio.server import serve\n\n\ndef health(connection, request):\n"
        "    return connection.respond(200, 'OK')\n\n\nasync def echo(ws):\n    pass\n\n\n"
        "async def main():\n    async with serve(echo, '', 0, process_request=health):\n        pass\n",
    )

    invalid = (
        Invalid(
            "import websockets\n\n\nasync def echo(websocket, path):\n    await websocket.send(path)\n\n\n"
            "async def main():\n    async with websockets.serve(echo, '', 0):\n        pass\n",
            "import websockets\n\n\nasync def echo(websocket):\n    await websocket.send(websocket.request.path)\n\n\n"
            "async def main():\n    async with websockets.serve(echo, '', 0):\n        pass\n",
            websockets_version=">=14",
        ),
        Invalid(
            "import websockets\n\n\nclass Hub:\n    async def handle(self, ws, path):\n        await ws.send('hi')\n\n"
            "    async def run(self):\n        async with websockets.serve(self.handle, '', 0):\n            pass\n",
            "import websockets\n\n\nclass Hub:\n    async def handle(self, ws):\n        await ws.send('hi')\n\n"
            "    async def run(self):\n        async with websockets.serve(self.handle, '', 0):\n            pass\n",
            websockets_version=">=12,<18",
        ),
        Invalid(
            "import websockets\n\n\nasync def echo(ws, path):\n    await ws.send(path)\n\n\n"
            "async def main():\n    async with websockets.serve(echo, '', 0):\n        pass\n",
            None,
        ),
        # Called directly as well (a test, a wrapper): taking `path` away is unsafe.
        Invalid(
            "import websockets\n\n\nasync def echo(ws, path):\n    await ws.send(path)\n\n\n"
            "async def main():\n    await echo(None, '/x')\n    async with websockets.serve(echo, '', 0):\n"
            "        pass\n",
            None,
            unsafe_fixed="import websockets\n\n\nasync def echo(ws):\n    await ws.send(ws.request.path)\n\n\n"
            "async def main():\n    await echo(None, '/x')\n    async with websockets.serve(echo, '', 0):\n"
            "        pass\n",
            websockets_version=">=14",
        ),
        Invalid(
            "from websockets.asyncio.server import serve\n\n\nasync def health(path, request_headers):\n"
            "    return None\n\n\nasync def echo(ws):\n    pass\n\n\n"
            "async def main():\n    async with serve(echo, '', 0, process_request=health):\n        pass\n",
            None,
        ),
    )


def _own_params(function: Scope) -> List[str]:
    return function.params[1:] if function.self_name is not None else function.params


def _def_line(function: Scope) -> Span:
    """Where the function's ``def`` starts."""
    span = function.target.span if function.target is not None else Span(1, 0, 1, 0)
    return Span(span.line, span.col, span.line, span.col)


def _where(call: KeywordCall, qualname: str, runs: FrozenSet[str]) -> str:
    name = call.func.dotted
    if qualname in NEW_SERVES:
        return f"`{name}()` (line {call.span.line}), the new implementation"
    allowed = "this project allows only them" if runs == {"new"} else "this project allows them"
    return f"`{name}()` (line {call.span.line}), the new implementation on websockets 14.0 and later ({allowed})"


def _why_no_fix(function: Scope) -> str:
    if function.name is None:
        return " (no fix: a lambda; drop its second parameter by hand)"
    if function.second_param_reads is None:
        return " (no fix: the handler binds the connection's or the path's name again, or a nested scope does)"
    if not function.simple_params:
        return " (no fix: its parameters span several lines or are positional-only; drop `path` by hand)"
    return (
        " (no fix: releases before 10.1 are allowed too, where the legacy serve requires `path`; "
        "raise the floor to 10.1)"
    )
