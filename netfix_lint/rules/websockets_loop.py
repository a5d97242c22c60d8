"""NFX208: ``serve(...)`` called where no event loop runs, then run with
``run_until_complete`` (the tutorial of websockets before 10; FACTS.md section 3, row 4).

The legacy ``serve`` only builds an awaitable; the new one (the top-level name from 14.0)
reaches for the running loop at the call and raises ``RuntimeError: no running event
loop`` there.
"""

from __future__ import annotations

import re
from typing import Iterator, List, Optional

from ..context import RuleContext
from ..facts import KeywordCall, ModuleFacts, Scope, Span, resolve
from ..model import SAFE, Finding, Fix, ReplaceStatements
from ..project import allowed_sides
from .base import Invalid, Rule, make_finding, register
from .importer import Importer
from .value_origin import lookup, method_of
from .websockets_arguments import implementations
from .websockets_reach import client


@register
class WebsocketsServeOutsideLoop(Rule):
    """
    ## What it does
    Finds a `serve` of the asyncio implementation (the top-level `websockets.serve` /
    `unix_serve` in a project that allows websockets 14.0 or later,
    `websockets.asyncio.server.serve` anywhere) called outside a coroutine function and
    handed to `loop.run_until_complete(...)`, directly or through a name:

    ```python
    start_server = websockets.serve(echo, "localhost", 8765)
    asyncio.get_event_loop().run_until_complete(start_server)
    asyncio.get_event_loop().run_forever()
    ```

    A plain function (or method) of the module that returns the `serve(...)` counts when
    a call of it is what `run_until_complete` gets (`run_until_complete(self.init_server())`).

    The legacy names (`websockets.server.serve`, `websockets.legacy.server.serve`) build
    an awaitable at the call on every release and are never reported, nor is a `serve`
    inside an `async def`.

    ## Why is this bad?
    From websockets 14.0 the top-level `serve` is the new implementation, which creates
    its server with the running event loop at the call: outside one, the call itself
    raises `RuntimeError: no running event loop` and the server never starts (FunASR
    #2285, #2419, #2590; pyscrlink #45). The pattern comes from websockets' tutorials
    before 10.0, so it lives on in copied code.

    Which releases a file may run with is read from its project, as NFX202 does.

    ## Example
    See above. Use instead (works on every release):
    ```python
    async def main():
        async with websockets.serve(echo, "localhost", 8765):
            await asyncio.Future()  # run forever

    asyncio.run(main())
    ```

    ## Fix
    Only the exact three statements above (the `serve(...)` bound to a name used nowhere
    else, `run_until_complete` of it, `run_forever()`, in one block): they become
    `async def main()` serving in `async with` until cancelled, and `asyncio.run(main())`.
    Anything else is reported with no fix.

    ## Fix safety
    Safe: `async with serve(...)` inside `asyncio.run` works on every release, legacy and
    new (tested against real releases, 12.0 to 17.4, with a client on loopback).

    ## Precision
    On by default since blind round 28's pick: the first runs of the blind rounds
    (corpus/README.md) found it right 4 times in 4 (rounds 6 to 27), and 4 in 4 in round
    29. The sample is small;
    the rule reads the module's own structure only (a `serve` call, no running loop).

    ## Sources
    - FACTS.md section 3, row 4 (verified on 12.0-17.4)
    - websockets 14.0 upgrade guide, "serve() requires a running event loop"
    """

    code = "NFX208"
    name = "websockets-serve-outside-loop"
    fix_safety = SAFE
    trigger = re.compile(r"run_until_complete")
    # Its serve resolves to websockets' only through an import in this module's text
    # (``client`` reads the module's facts, not its package): asyncio's own
    # run_until_complete callers (24 stdlib files) need no parse.
    trigger_needs = ("websockets",)

    def check(self, context: RuleContext) -> Iterator[Finding]:
        facts = context.facts
        sides = allowed_sides(context.websockets_spec)
        for call in facts.keyword_calls:
            if not call.func.dotted or (call.scope.kind == "function" and call.scope.is_async):
                continue
            qualname = client(facts, call.scope, call.func.dotted, context.websockets_spec)
            if qualname.startswith("websockets.sync."):
                continue  # the threading server needs no loop
            kind, runs = implementations(qualname, sides)
            if kind != "serve" or "new" not in runs or not self._run_later(call, facts):
                continue
            since = "" if qualname.startswith("websockets.asyncio.") else " on websockets 14.0 and later"
            message = (
                f"`{call.func.dotted}()` is called where no event loop runs, then handed to "
                f"`run_until_complete`: the new implementation{since} needs the running loop at the call "
                f"and raises RuntimeError (no running event loop); serve from a coroutine run by "
                f"`asyncio.run` (`async with {call.func.dotted}(...): await asyncio.Future()`)"
            )
            yield make_finding(self, message, call.span, self.plan(context, call))

    @staticmethod
    def plan(context: RuleContext, call: KeywordCall) -> Optional[Fix]:
        """The tutorial's exact three statements become a coroutine that serves until
        cancelled, run by ``asyncio.run`` (FACTS.md: works on every release)."""
        facts = context.facts
        run = next((r for r in facts.serve_runs if r.call == call.span), None)
        if run is None or resolve(facts, call.scope, "asyncio").qualname != "asyncio":
            return None
        bound = context.view(Importer).bound_anywhere
        name = next((n for n in ("main", "serve_forever", "_serve_main") if n not in bound), None)
        if name is None:
            return None
        code = (
            f"async def {name}():\n    async with {_text(facts.lines, call.span)}:\n"
            f"        await asyncio.Future()  # serve until cancelled\n\n\nasyncio.run({name}())\n"
        )
        how = f"Serve from `async def {name}()`, run by `asyncio.run`"
        return Fix(SAFE, how, (ReplaceStatements(run.first, run.last, code),))

    @staticmethod
    def _run_later(call: KeywordCall, facts: ModuleFacts) -> bool:
        """The call is ``run_until_complete``'s argument, or bound to a name (or a
        ``self`` attribute) the scope passes to ``run_until_complete``, or returned by a
        plain function of the module whose result a scope passes to it (pyawscp's
        ``run_until_complete(self.init_server())``, where ``init_server`` returns
        ``websockets.serve(...)``)."""
        if call.run_until_complete:
            return True
        dotted = call.func.dotted
        if any(o.call == dotted and o.line == call.span.line for o in call.scope.returns):
            for scope in facts.scopes:
                if any(_runs(scope, name[:-2]) is call.scope for name in scope.run_names if name.endswith("()")):
                    return True
        for name in call.scope.run_names:
            head, _, attribute = name.partition(".")
            if attribute:  # ``self.server = serve(...)`` in a method, run there
                method, owner = method_of(call.scope, head)
                origins = owner.attributes.get(attribute, []) if method is not None and owner is not None else []
                if any(o.call == dotted and o.line == call.span.line for o, _ in origins):
                    return True
                continue
            found = lookup(call.scope, name)
            if found is not None and any(
                b.call == dotted and b.origin is not None and b.origin.line == call.span.line for b in found[1]
            ):
                return True
        return False

    valid = (
        # The legacy serve builds an awaitable; a serve inside a coroutine.
        "import asyncio\nfrom websockets.server import serve\n\nstart = serve(print, 'localhost', 0)\n"
        "asyncio.get_event_loop().run_until_complete(start)\n",
        "import asyncio\nimport websockets\n\n\nasync def main():\n"
        "    server = await websockets.serve(print, 'localhost', 0)\n    await server.wait_closed()\n\n\n"
        "asyncio.get_event_loop().run_until_complete(main())\n",
        # A function returning the serve that a coroutine awaits: a loop runs there.
        "import asyncio\nimport websockets\n\n\ndef make(handler):\n    return websockets.serve(handler, '', 0)\n\n\n"
        "async def main(handler):\n    async with make(handler):\n        await asyncio.Future()\n\n\n"
        "asyncio.get_event_loop().run_until_complete(main(print))\n",
        # The threading server.
        "import asyncio\nfrom websockets.sync.server import serve\n\nserver = serve(print, 'localhost', 0)\n"
        "asyncio.get_event_loop().run_until_complete(asyncio.sleep(0))\n",
    )

    invalid = (
        Invalid(
            "import asyncio\nimport websockets\n\n\nasync def echo(ws):\n    pass\n\n"
            "start_server = websockets.serve(echo, 'localhost', 8765)\n"
            "asyncio.get_event_loop().run_until_complete(start_server)\n"
            "asyncio.get_event_loop().run_forever()\n",
            "import asyncio\nimport websockets\n\n\nasync def echo(ws):\n    pass\n\n"
            "async def main():\n    async with websockets.serve(echo, 'localhost', 8765):\n"
            "        await asyncio.Future()  # serve until cancelled\n\n\nasyncio.run(main())\n",
            websockets_version=">=12",
        ),
        # pyawscp 0.6.11 (blind round 32): a method returns the serve, another runs it.
        Invalid(
            "import asyncio\nimport websockets\n\n\nclass WsServer:\n    def __init__(self):\n"
            "        self.loop = asyncio.get_event_loop()\n\n    def init_server(self):\n"
            "        return websockets.serve(self.handler, 'localhost', 5678)\n\n    def start(self):\n"
            "        self.loop.run_until_complete(self.init_server())\n        self.loop.run_forever()\n\n"
            "    async def handler(self, websocket):\n        await websocket.send('hi')\n",
            None,
            websockets_version=">=12",
        ),
        Invalid(
            "import asyncio\nfrom websockets.asyncio.server import serve\n\n\ndef start(loop, handler):\n"
            "    return loop.run_until_complete(serve(handler, '', 0))\n",
            None,
        ),
    )


def _runs(scope: Scope, dotted: str) -> Optional[Scope]:
    """The plain function of the module (``name``) or method of ``scope``'s class
    (``self.name``) that ``dotted`` calls from ``scope``."""
    head, _, attribute = dotted.partition(".")
    if attribute:
        method, owner = method_of(scope, head)
        found = (
            owner.children.get(attribute) if method is not None and owner is not None and "." not in attribute else None
        )
    else:
        bound = lookup(scope, head)
        found = bound[0].children.get(head) if bound is not None else None
    return found if found is not None and found.kind == "function" and not found.is_async else None


def _text(lines: List[str], span: Span) -> str:
    """The source text of ``span``."""
    if span.line == span.end_line:
        return lines[span.line - 1][span.col : span.end_col]
    parts = [
        lines[span.line - 1][span.col :],
        *lines[span.line : span.end_line - 1],
        lines[span.end_line - 1][: span.end_col],
    ]
    return "\n".join(parts)
