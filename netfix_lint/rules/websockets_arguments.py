"""NFX205: keyword arguments that the websockets implementation a call runs does not take.

From 14.0 the top-level ``websockets.connect`` / ``serve`` are the new implementation
(``websockets.asyncio.*``), whose arguments differ from the legacy one's (FACTS.md
section 3, rows 1, 7 and 10). Unknown keywords are forwarded to the event loop, so the
TypeError comes at ``await`` / ``async with``, not at the call.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from typing import Dict, FrozenSet, Iterator, List, Optional, Set, Tuple

from ..context import RuleContext
from ..facts import Keyword, KeywordCall, ModuleFacts, Scope, lookup, resolve
from ..model import SAFE, AddImport, Finding, Fix, FixOp, RenameKeyword, ReplaceExpr
from ..project import allowed_sides, allows_below, allows_from, why_every
from .base import Invalid, Rule, make_finding, register
from .importer import Importer
from .websockets_reach import (
    CONNECT_ONLY,
    DEFAULT_CLIENTS,
    LEGACY_CLIENTS,
    NEW_CLIENTS,
    client,
    fallback_runs,
    landmark,
)
from .websockets_signatures import TAKEN, taken_nowhere

#: The new implementation under its explicit names (every release that has them).
NEW_SERVES = frozenset(
    {
        "websockets.asyncio.server.serve",
        "websockets.asyncio.server.unix_serve",
        "websockets.sync.server.serve",
        "websockets.sync.server.unix_serve",
    }
)
#: The top-level names: the legacy implementation up to 13.1, the new one from 14.0.
DEFAULT_SERVES = frozenset({"websockets.serve", "websockets.unix_serve"})
#: The trio implementation (17.0 on), whose keywords the signature table does not hold.
TRIO = "websockets.trio."
#: The legacy implementation's own names (every release that has them).
LEGACY_SERVES = frozenset(
    f"websockets.{module}.{name}" for module in ("server", "legacy.server") for name in ("serve", "unix_serve", "Serve")
)

#: Per kind of call, the keywords only one implementation takes: the one it belongs
#: to ("legacy" or "new"), and what the other calls it ("" when it has no equivalent);
#: connect's (CONNECT_ONLY) are in websockets_reach, which NFX202's mirror reads too.
SERVE_ONLY: Dict[str, Tuple[str, str]] = {
    "extra_headers": ("legacy", ""),
    "create_protocol": ("legacy", ""),
    "klass": ("legacy", ""),
    "read_limit": ("legacy", ""),
    "timeout": ("legacy", "close_timeout"),
    "process_exception": ("new", ""),
}
#: Taken by every release (7.0 on) under both implementations: the fix for ``timeout=``.
EVERYWHERE = frozenset({"close_timeout"})
#: ``websockets.asyncio.client`` (connect with ``additional_headers``) exists from 13.0.
ASYNCIO_CLIENT_FROM = "13.0"
#: The threading implementation's keywords that came later: keepalive from 15.0, ``ssl=``
#: from 13.0 (before, ``ssl_context=``, which later releases still take). Its 13.x/14.x
#: ``connect`` passes unknown keywords on to ``socket.create_connection``: TypeError too.
SYNC_FROM = {"ping_interval": "15.0", "ping_timeout": "15.0", "ssl": "13.0"}


def taken_from(qualname: str, keyword: str) -> str:
    """The release from which the new implementation's ``qualname`` takes ``keyword``
    ("" where it always has, or it is not one of those)."""
    return SYNC_FROM.get(keyword, "") if qualname.startswith("websockets.sync.") else ""


#: ``connect(proxy=...)`` is taken by the new clients from 15.0; the legacy one never
#: takes it (it goes on to the loop's ``create_connection``: TypeError).
PROXY_FROM = "15.0"

#: Top-level names 10.x has too, as other classes (the sans-I/O connections; checked on
#: 10.0 and 10.4, gone on 11.0.3): importing them says nothing of 10.x.
ON_10 = frozenset({"websockets.ClientConnection", "websockets.ServerConnection"})

#: The call is resolved through an import of websockets: a module that has none cannot
#: report (a literal start, which the engine finds with a fast scan).
TRIGGER = re.compile(r"websockets")


def _at(call: KeywordCall) -> Tuple[int, int]:
    return call.span.line, call.span.col


def _unreached_fallbacks(context: RuleContext, spec: Optional[str]) -> Dict[Tuple[int, int], int]:
    """Where the calls stand (and the line of their clause) in an ``except TypeError`` clause of a ``try`` whose body calls
    an asyncio connect or serve without awaiting or entering it there (``try: return
    websockets.connect(url, additional_headers=h)`` / ``except TypeError: return
    websockets.connect(url, extra_headers=h)``): the keyword's TypeError comes at
    ``await`` / ``async with``, after the ``try`` is left, so the clause never runs and
    is no switch between the implementations. Not where the ``try`` awaits anything
    (``await asyncio.wait_for(connect(...), 10)``, ``conn = connect(...)`` then ``await
    conn``): the connection may be what it awaits."""
    facts, found = context.facts, {}
    by_scope: Dict[int, List[KeywordCall]] = {}
    for call in facts.keyword_calls:
        by_scope.setdefault(id(call.scope), []).append(call)
    for block in facts.tries:
        switches = [
            h
            for h in block.handlers
            if h.types and any(e.dotted and e.dotted.rsplit(".", 1)[-1] == "TypeError" for e in h.types)
        ]
        if not switches:
            continue
        if block.awaited:
            continue  # something is awaited in the try: the connection may be, and its TypeError caught
        scope = block.handlers[0].scope
        deferred = [
            name
            for name in block.body_calls
            if not name.startswith("?")
            and f"{name}()" not in block.awaited
            and implementations(client(facts, scope, name, spec), {"legacy", "new"})[0]
            and not client(facts, scope, name, spec).startswith("websockets.sync.")
        ]
        if not deferred:
            continue
        for call in by_scope.get(id(scope), ()):
            for h in switches:
                if h.span.line <= call.span.line <= h.span.end_line:
                    found[_at(call)] = h.span.line
    return found


def imported_only_from(facts: ModuleFacts, scope: Scope, dotted: str, spec: Optional[str]) -> Optional[str]:
    """The release from which the function ``dotted`` calls is the one imported: bound by
    an import in a ``try`` whose ImportError fallback puts something else in its place
    (a stub, None) or ends (``raise``, ``sys.exit``) and reaches no websockets, beside an
    import of a name some releases lack (``from websockets import
    ClientConnection, connect``: the top-level ClientConnection exists from 14.2, so
    where that import fails the fallback's stub runs, not ``connect``; but not where the
    project's ``spec`` admits 10.x, whose top level has a sans-I/O ClientConnection: the
    import succeeds there and ``connect`` is the legacy client). None otherwise."""
    found = lookup(scope, dotted.partition(".")[0])
    bindings = found[1] if found else []
    imports = [b for b in bindings if b.kind == "import"]
    if len(imports) != 1 or imports[0].shim is None or imports[0].shim[1] != "body":
        return None
    number = imports[0].shim[0]
    if number in facts.switching_fallbacks:
        return None  # the fallback reaches websockets another way: a switch
    stubbed = any(b.shim == (number, "handler") for b in bindings)
    if not stubbed and number not in facts.stopping_fallbacks:
        return None  # the name stays bound to websockets' where the import fails
    floors = []
    for landmark_binding in (b for bs in found[0].bindings.values() for b in bs) if found else ():
        name = landmark_binding.target or ""
        if landmark_binding.shim != (number, "body"):
            continue
        if name in ON_10 and allows_below(spec, "11.0"):
            continue  # on 10.x the import succeeds too, with another class
        found_landmark = landmark(name)
        match = re.fullmatch(r"<(\d+(?:\.\d+)*)", found_landmark[1]) if found_landmark else None
        if match:
            floors.append(match.group(1))
    return max(floors, key=lambda v: tuple(int(part) for part in v.split("."))) if floors else None


def _from(spec: Optional[str], floor: str) -> str:
    """``spec`` narrowed to the releases from ``floor`` on."""
    if not spec or spec.strip().lower() == "any":
        return f">={floor}"
    return f"{spec},>={floor}"


def _runs(specifier: Optional[str], fallback: Tuple[str, ...]) -> bool:
    return not fallback or fallback_runs(specifier, fallback)


def _where(qualname: str) -> str:
    """Where the TypeError comes: the threading client and server connect or listen in
    the call itself."""
    return "at the call" if qualname.startswith("websockets.sync.") else "at `await` / `async with`"


def _legacy_kind(qualname: str) -> str:
    """ "connect" or "serve" for the legacy implementation's explicit names."""
    if qualname in LEGACY_CLIENTS:
        return "connect"
    return "serve" if qualname in LEGACY_SERVES else ""


def _nowhere_message(call: KeywordCall, keyword: Keyword, qualname: str) -> str:
    """A keyword no release takes: where it goes, and the name it may stand for."""
    kind = "serve" if qualname.rsplit(".", 1)[-1].endswith("serve") else "connect"
    if qualname.startswith("websockets.sync."):
        goes = f"`socket.{'create_server' if kind == 'serve' else 'create_connection'}()`"
    else:
        goes = f"the event loop's `{'create_server' if kind == 'serve' else 'create_connection'}()`"
    through = f" (passed through `**{keyword.through}`)" if keyword.through else ""
    near = difflib.get_close_matches(keyword.name, sorted(TAKEN[kind]), n=1, cutoff=0.8)
    hint = f"; did you mean `{near[0]}=`?" if near else ""
    return (
        f"`{call.func.dotted}()` takes no `{keyword.name}=`{through} on any websockets release: it is passed on "
        f"to {goes}, which fails with TypeError {_where(qualname)} (no fix{hint})"
    )


def implementations(qualname: str, sides: Set[str]) -> Tuple[str, FrozenSet[str]]:
    """The kind of call ("connect", "serve" or "" for none of websockets') and which
    implementations it may run on the allowed releases (``sides``)."""
    if qualname in NEW_CLIENTS:
        return "connect", frozenset({"new"})
    if qualname in DEFAULT_CLIENTS:
        return "connect", frozenset(sides)
    if qualname in NEW_SERVES:
        return "serve", frozenset({"new"})
    if qualname in DEFAULT_SERVES:
        return "serve", frozenset(sides)
    return "", frozenset()  # legacy names (websockets.client.connect...) take the old ones


@register
class WebsocketsConnectArgument(Rule):
    """
    ## What it does
    Finds keyword arguments that the websockets implementation a `connect` or `serve`
    call runs does not take:
    - `extra_headers=` (and `timeout=`) on the new implementation: the top-level
      `websockets.connect` in a project that allows websockets 14.0 or later, or
      `websockets.asyncio.client.connect` / `websockets.sync.client.connect` anywhere;
    - `additional_headers=` on the top-level `websockets.connect` in a project that
      allows releases before 14.0, where it is the legacy client (the reverse mistake);
    - `extra_headers=`, `create_protocol=`, `klass=`, `read_limit=`, `timeout=` on the
      new `serve`, and `process_exception=` on the legacy one;
    - `proxy=` on a `connect` where the project allows releases whose client does not
      take it: the new clients take it from 15.0, the legacy one never. (Not where the
      project's releases are unknown: the newest takes it. A call guarded by a version
      check or an `except TypeError` is still reported: raise the floor instead.)
    - `ping_interval=` / `ping_timeout=` on the threading implementation
      (`websockets.sync.client.connect`, `websockets.sync.server.serve`) where releases
      before 15.0 are allowed, and `ssl=` there before 13.0 (which takes
      `ssl_context=`): TypeError at the call (13.x and 14.x pass unknown keywords on to
      `socket.create_connection`). As for `proxy=`, not where the releases are unknown,
      and the fix is NFX209's floor;
    - a keyword no release's `connect` or `serve` takes, under any implementation or
      name (`pong_timeout=`, `max_connections=`), nor the event loop's or the `socket`
      module's function it is passed on to: TypeError on every release (no fix; the
      message names a close spelling when there is one, `ping_timeout=`). The table is
      read from the releases' sources and checked against 9.1 to 17.4; the trio client
      (17.0), which hands its keywords to `trio.open_tcp_stream`, is not checked.
    Keys of a dict spread into the call count as keywords it may pass
    (`connect(uri, **options)` with `options = {"proxy": p} if p else {}`,
    `options["extra_headers"] = h`, `options.update(...)`, `dict(...)`), where the dict
    is built under that name in the scope of the call or one around it (not a class's,
    unless the call is in the class body); they get no fix. A key deleted or popped
    anywhere in that scope no longer counts, and a dict that holds both spellings
    (`{"additional_headers": h} if NEW else {"extra_headers": h}`) is chosen by version
    on purpose, as two calls are. Keys set on `self.ATTR` in any method of the class
    count for `**self.ATTR`; a key set under a test of the callee's signature (`if
    "proxy" in inspect.signature(websockets.connect).parameters:`) does not. An
    `except TypeError` fallback with the other spelling is
    no switch when the `try` awaits nothing (`try: return websockets.connect(u,
    additional_headers=h)`): the TypeError comes at `await`, after the `try`, and the
    message says so. A connect imported in a `try` beside a name some releases lack
    (`from websockets import ClientConnection, connect`), whose ImportError fallback
    stubs it, runs only on the releases that have the name (where 10.x is allowed, its
    sans-I/O `ClientConnection` imports too).
    A call, or a key of a dict, in a clause for `ImportError` (or
    `ModuleNotFoundError`) alone after a `try` whose imports are all of websockets
    modules some releases lack (`from websockets.asyncio.client import connect`, 13.0)
    runs only where one of them fails: it is not checked where the project allows no
    such release (a fallback to `extra_headers=` under `websockets>=14`), and checked as
    usual where it does, or where the clause also catches other errors
    (`except Exception`), the body imports anything else (an optional package, a
    relative module) or a name younger than its module (`process_exception`, 13.1).
    The legacy names (`websockets.client.connect`, `websockets.legacy.*`) still take
    the legacy arguments on every release and are never reported; nor is a function
    that passes both spellings to the same `connect` in two calls (`extra_headers=` in
    one, `additional_headers=` in the other, chosen by a version check).

    ## Why is this bad?
    websockets 14.0 made the top-level `connect` and `serve` the new implementation,
    whose arguments differ. An argument it does not take is passed on to the event
    loop's `create_connection` / `create_server`, so the connection fails with
    `TypeError: ... got an unexpected keyword argument 'extra_headers'` at `await` or
    `async with`: every connection, from the day websockets is upgraded (alpaca-py #531,
    homematicip #546, camect-py #20, firecrawl #1441, websockets #1588).

    Which releases a file may run with is read from its project, as NFX202 does.

    ## Example
    ```python
    import websockets

    async def stream(uri, token):
        async with websockets.connect(uri, extra_headers={"Authorization": token}) as ws:
            return await ws.recv()
    ```

    Use instead (a project that allows websockets 14 and later only):
    ```python
    import websockets

    async def stream(uri, token):
        async with websockets.connect(uri, additional_headers={"Authorization": token}) as ws:
            return await ws.recv()
    ```

    ## Fix
    - only releases from 14.0 (or an explicit new client): `extra_headers=` becomes
      `additional_headers=`;
    - only releases before 14.0: `additional_headers=` becomes `extra_headers=`;
    - both sides of 14.0, none before 13.0: the call becomes the explicit
      `websockets.asyncio.client.connect(..., additional_headers=...)`, the same client
      on every allowed release (`import websockets.asyncio.client` is added);
    - both sides with releases before 13.0 allowed: reported with no fix (no spelling
      of the headers works on all of them but the legacy client's);
    - `timeout=` becomes `close_timeout=`, which every release from 7.0 takes;
    - `serve`'s legacy arguments are reported with no fix (headers belong in
      `process_response`, a protocol class has no equivalent).

    ## Fix safety
    Safe: each fix gives the call an argument the implementation it runs takes, with the
    same value, on every release the project allows (tested against real releases,
    12.0 to 17.4, on a loopback server).

    ## Precision
    On by default since blind round 28's pick: the first runs of the blind rounds
    (releases picked before the tool ever ran on them, corpus/README.md) found it right
    61 times in 66 (92.4%) over rounds 6 to 27, 41 in 44 over rounds 20 to 27; round
    28, the first with it on by default, 7 in 7; round 29, 8 in 8; round 30, 9 in 9.

    ## Sources
    - FACTS.md section 3, rows 1, 7 and 10 (verified on 12.0-17.4)
    - websockets 14.0 changelog, "New asyncio implementation is now the default"
    """

    code = "NFX205"
    name = "websockets-connect-argument"
    fix_safety = SAFE
    trigger = TRIGGER

    def check(self, context: RuleContext) -> Iterator[Finding]:
        facts = context.facts
        if not facts.keyword_calls:
            return
        spec = context.websockets_spec
        sides = allowed_sides(spec)
        # An ImportError fallback after ``from websockets.asyncio.client import connect``
        # runs only where that import fails: never when the project allows no such release.
        resolved = [
            (dataclasses.replace(call, spread=tuple(k for k in call.spread if _runs(spec, k.fallback))), qualname)
            for call, qualname in (
                (call, client(facts, call.scope, call.func.dotted, spec))
                for call in facts.keyword_calls
                if call.func.dotted and _runs(spec, call.fallback)
            )
        ]
        # Per scope and function: every keyword its calls pass. A scope that passes
        # both spellings (``extra_headers=`` in one call, ``additional_headers=`` in
        # another, under a version check) handles both implementations on purpose.
        unreached = _unreached_fallbacks(context, spec)
        spelled: Dict[Tuple[int, str], Set[str]] = {}
        dead_switch: Dict[Tuple[int, str], Dict[str, int]] = {}
        for call, qualname in resolved:
            if _at(call) in unreached:
                # An ``except TypeError`` fallback the call's TypeError never reaches.
                for k in call.keywords:
                    dead_switch.setdefault((id(call.scope), qualname), {})[k.name] = unreached[_at(call)]
                continue
            passed = (k.name for k in (*call.keywords, *call.spread))
            spelled.setdefault((id(call.scope), qualname), set()).update(passed)
        for call, qualname in resolved:
            floor = imported_only_from(facts, call.scope, call.func.dotted or "", spec)
            kind, runs = implementations(qualname, allowed_sides(_from(spec, floor)) if floor else sides)
            # (A fallback its TypeError never reaches is dead code: supafone-labs 0.8.0. The
            # trio implementation passes its other keywords to trio.open_tcp_stream.)
            checked = _at(call) not in unreached and not qualname.startswith(TRIO)
            for keyword in (*call.keywords, *call.spread) if checked else ():
                if taken_nowhere(kind or _legacy_kind(qualname), keyword.name):
                    yield make_finding(self, _nowhere_message(call, keyword, qualname), keyword.span, None)
            if not kind:
                continue
            table = CONNECT_ONLY if kind == "connect" else SERVE_ONLY
            # What the call itself spells out; a dict spread into it, switched by a
            # version check (``{"additional_headers": h} if NEW else {"extra_headers": h}``),
            # holds both spellings on purpose, as two calls of the scope do.
            explicit = {keyword.name for keyword in call.keywords}
            names = explicit | {keyword.name for keyword in call.spread}
            for keyword in (*call.keywords, *call.spread):
                if kind == "connect" and keyword.name == "proxy":
                    proxy = self._proxy_message(context, call, qualname, keyword, runs)
                    if proxy is not None:
                        yield make_finding(self, proxy, keyword.span, None)
                    continue
                if taken_nowhere(kind, keyword.name):
                    continue  # (reported above)
                since = taken_from(qualname, keyword.name)
                if since:
                    late = self._late_message(context, call, keyword, since)
                    if late is not None:
                        yield make_finding(self, late, keyword.span, None)
                    continue
                if keyword.name not in table:
                    continue
                belongs, other = table[keyword.name]
                broken = runs - {belongs}
                if not broken or (other and other in spelled[(id(call.scope), qualname)] - explicit):
                    continue
                # A key of a dict spread into the call: no rename reaches it.
                fix = None if keyword.through else self.plan(context, call, keyword, kind, runs, other, names)
                message = self.message(call, keyword, qualname, broken, other, fix, runs, context.websockets_spec)
                switch = dead_switch.get((id(call.scope), qualname), {}).get(other)
                if switch is not None:
                    message += (
                        f" (the `except TypeError` fallback at line {switch} never runs: the call is not awaited "
                        "in its `try`, so the TypeError comes after it)"
                    )
                yield make_finding(self, message, keyword.span, fix)

    @staticmethod
    def _proxy_message(
        context: RuleContext, call: KeywordCall, qualname: str, keyword: Keyword, runs: FrozenSet[str]
    ) -> Optional[str]:
        """``proxy=`` where the allowed releases include one whose client the call runs
        does not take it: the legacy client (before 14.0 on the top-level name), or the
        new one before 15.0. Not where the project's releases are unknown: the newest
        release, which a resolver installs unless something holds it back, takes it. A
        requirement with no version is no longer unknown: pip keeps an older release
        that is installed already."""
        spec = context.websockets_spec
        if not spec or spec.strip().lower() == "any":
            return None
        broken = []
        if "legacy" in runs:
            broken.append("the legacy client, before 14.0, never takes it")
        if "new" in runs and allows_below(spec, PROXY_FROM):
            broken.append("the new client takes it from 15.0")
        if not broken:
            return None
        through = f" (passed through `**{keyword.through}`)" if keyword.through else ""
        if allows_from(spec, PROXY_FROM):
            unfixed = "no fix in the code: a floor of 15.0 is the fix, NFX209's"
        else:
            unfixed = "no fix: no release this project allows takes it"
        return (
            f"`{call.func.dotted}()` takes no `proxy=`{through} on releases this project allows "
            f"({'; '.join(broken)}{why_every(spec).replace(':', ';', 1)}): there the connection fails with TypeError {_where(qualname)} ({unfixed})"
        )

    @staticmethod
    def _late_message(context: RuleContext, call: KeywordCall, keyword: Keyword, since: str) -> Optional[str]:
        """A keyword the threading implementation takes from ``since`` only, where the
        project allows an older release (as ``proxy=``: not where its releases are
        unknown)."""
        spec = context.websockets_spec
        if not spec or spec.strip().lower() == "any" or not allows_below(spec, since):
            return None
        through = f" (passed through `**{keyword.through}`)" if keyword.through else ""
        return (
            f"`{call.func.dotted}()` takes `{keyword.name}=`{through} from websockets {since} only, and this "
            f"project allows older releases{why_every(spec).replace(':', ';', 1)}: there the call fails with "
            f"TypeError (no fix in the code: a floor of {since} is the fix, NFX209's)"
        )

    def message(
        self,
        call: KeywordCall,
        keyword: Keyword,
        qualname: str,
        broken: FrozenSet[str],
        other: str,
        fix: Optional[Fix],
        runs: FrozenSet[str],
        spec: Optional[str] = None,
    ) -> str:
        kind = "connect" if qualname.endswith("connect") else "serve"
        allowed = f" (this project allows them{why_every(spec)})" if len(runs) == 2 else ""
        if qualname in NEW_CLIENTS or qualname in NEW_SERVES:
            scope = "the new implementation"
        elif "new" in broken:
            scope = f"the new implementation on websockets 14.0 and later{allowed}"
        else:
            scope = f"the legacy implementation on websockets before 14.0{allowed}"
        there = f"; it is `{other}=` there" if other else ""
        unfixed = "" if fix is not None else self._why_no_fix(kind, runs, other, keyword.through)
        through = f" (passed through `**{keyword.through}`)" if keyword.through else ""
        return (
            f"`{call.func.dotted}()` is {scope}, and it takes no `{keyword.name}=`{through}: the connection fails "
            f"with TypeError {_where(qualname)}{there}{unfixed}"
        )

    @staticmethod
    def _why_no_fix(kind: str, runs: FrozenSet[str], other: str, through: str = "") -> str:
        if through:
            return f" (no fix: the key is set where `{through}` is built)"
        if kind == "serve" and not other:
            return " (no fix: move headers to `process_response`; a protocol class has no equivalent)"
        if len(runs) == 2:
            return (
                " (no fix: releases before 13.0 are allowed too, and only the legacy client's spelling works "
                "on all of them; raise the floor to 13.0 to switch to `websockets.asyncio.client.connect`)"
            )
        return ""

    def plan(
        self,
        context: RuleContext,
        call: KeywordCall,
        keyword: Keyword,
        kind: str,
        runs: FrozenSet[str],
        other: str,
        names: Set[str],
    ) -> Optional[Fix]:
        if not other or other in names:
            return None  # nothing to rename to, or the call already passes it
        rename = RenameKeyword(call.target, keyword.name, other)
        if other in EVERYWHERE or len(runs) == 1:
            return Fix(SAFE, f"Pass `{other}=`", (rename,))
        # Both sides of 14.0 allowed: the explicit new client is the same everywhere,
        # from 13.0 on; the headers keep (or take) the new client's name.
        if kind != "connect" or allows_below(context.websockets_spec, ASYNCIO_CLIENT_FROM):
            return None
        switch = self._explicit_new_client(context, call)
        if switch is None:
            return None
        ops: List[FixOp] = list(switch)
        if keyword.name != "additional_headers":
            ops.append(rename)
        return Fix(SAFE, "Call `websockets.asyncio.client.connect` (13.0 and later)", tuple(ops))

    @staticmethod
    def _explicit_new_client(context: RuleContext, call: KeywordCall) -> Optional[Tuple[FixOp, ...]]:
        """``websockets.asyncio.client.<name>`` in place of the call's function, with its
        import, where the name ``websockets`` is free for it (or already the package)."""
        facts = context.facts
        last = (call.func.dotted or "").rsplit(".", 1)[-1]
        if "websockets" in context.view(Importer).bound_anywhere:
            if resolve(facts, call.scope, "websockets").qualname != "websockets":
                return None
        module = "websockets.asyncio.client"
        return (
            ReplaceExpr(call.func.target, f"{module}.{last}"),
            AddImport(f"import {module}", module),
        )

    valid = (
        # The legacy names take the legacy arguments on every release.
        "from websockets.client import connect\n\n\nasync def f(uri):\n"
        "    async with connect(uri, extra_headers={'a': 'b'}) as ws:\n        await ws.recv()\n",
        "import websockets.legacy.client\n\n\nasync def f(uri):\n"
        "    return await websockets.legacy.client.connect(uri, extra_headers=[], timeout=5)\n",
        # The new client's own arguments; another library's connect.
        "from websockets.asyncio.client import connect\n\n\nasync def f(uri):\n"
        "    return await connect(uri, additional_headers={}, close_timeout=5)\n",
        "import aiohttp\n\n\nasync def f(session, uri):\n    return await session.ws_connect(uri, headers={}, timeout=5)\n",
        "from somewhere import connect\n\n\nasync def f(uri):\n    return await connect(uri, extra_headers={})\n",
        # Both spellings, chosen by the installed release.
        "import websockets\n\nOLD = websockets.__version__ < '14'\n\n\ndef session(uri, h):\n"
        "    if OLD:\n        return websockets.connect(uri, extra_headers=h)\n"
        "    return websockets.connect(uri, additional_headers=h)\n",
        # proxy= where the project's releases are unknown: the newest takes it.
        "import websockets\n\n\nasync def f(uri, proxy):\n    return await websockets.connect(uri, proxy=proxy)\n",
        # A spread dict whose keys the module does not build: nothing known.
        "import websockets\n\n\nasync def f(uri, options):\n    return await websockets.connect(uri, **options)\n",
        # The trio client (17.0) passes its other keywords to trio.open_tcp_stream.
        "from websockets.trio.client import connect\n\n\nasync def f(uri, stream):\n"
        "    async with connect(uri, stream=stream, local_address='10.0.0.2') as ws:\n"
        "        return await ws.recv()\n",
        # supafone-labs 0.8.0: a fallback the un-awaited connect's TypeError never reaches.
        "import websockets\n\n\nasync def f(uri, protocol):\n    try:\n"
        "        connection = websockets.connect(uri, subprotocols=[protocol])\n    except TypeError:\n"
        "        connection = websockets.connect(uri, subprotocol=protocol)\n"
        "    async with connection as ws:\n        return await ws.recv()\n",
    )

    invalid = (
        # xingzierai 0.207.1 (blind round 31): no release takes pong_timeout=.
        Invalid(
            "import websockets\n\n\nasync def f(uri):\n"
            "    async with websockets.connect(uri, ping_interval=20, pong_timeout=10) as ws:\n"
            "        return await ws.recv()\n",
        ),
        # nonebot-plugin-binance 0.0.9 (websockets>=11.0.0): the proxy key, set when
        # configured, reaches the loop's create_connection on 11.0-14.2.
        Invalid(
            "import websockets\n\n\nasync def f(url, proxy):\n"
            "    params = {'proxy': proxy} if proxy else {}\n"
            "    async with websockets.connect(url, **params) as ws:\n        return await ws.recv()\n",
            websockets_version=">=11.0.0",
        ),
        Invalid(
            "from websockets.asyncio.client import connect\n\n\nasync def f(url):\n"
            "    return await connect(url, proxy='http://proxy:3128')\n",
            websockets_version=">=13,<16",
        ),
        Invalid(
            "import websockets\n\nOPTIONS = dict(ping_interval=20)\n\n\nasync def f(url, token):\n"
            "    options = dict(OPTIONS)\n    options['extra_headers'] = {'Authorization': token}\n"
            "    return await websockets.connect(url, **options)\n",
            websockets_version=">=14",
        ),
        Invalid(
            "import websockets\n\n\nasync def f(uri, token):\n"
            "    async with websockets.connect(uri, extra_headers={'Authorization': token}) as ws:\n"
            "        return await ws.recv()\n",
            "import websockets\n\n\nasync def f(uri, token):\n"
            "    async with websockets.connect(uri, additional_headers={'Authorization': token}) as ws:\n"
            "        return await ws.recv()\n",
            websockets_version=">=14",
        ),
        Invalid(
            "from websockets.sync.client import connect\n\n\ndef f(uri):\n"
            "    with connect(uri, extra_headers=[('X-Key', 'k')], timeout=3) as ws:\n        return ws.recv()\n",
            "from websockets.sync.client import connect\n\n\ndef f(uri):\n"
            "    with connect(uri, additional_headers=[('X-Key', 'k')], close_timeout=3) as ws:\n"
            "        return ws.recv()\n",
            count=2,
        ),
        Invalid(
            "from websockets import connect\n\n\nasync def f(uri):\n"
            "    return await connect(uri, additional_headers={'a': 'b'})\n",
            "from websockets import connect\n\n\nasync def f(uri):\n"
            "    return await connect(uri, extra_headers={'a': 'b'})\n",
            websockets_version="<14",
        ),
        Invalid(
            "import websockets\n\n\nasync def f(uri):\n    return await websockets.connect(uri, extra_headers={})\n",
            "import websockets\nimport websockets.asyncio.client\n\n\nasync def f(uri):\n"
            "    return await websockets.asyncio.client.connect(uri, additional_headers={})\n",
            websockets_version=">=13,<18",
        ),
        Invalid(
            "import websockets\n\n\nasync def f(uri):\n    return await websockets.connect(uri, extra_headers={})\n",
            None,
            websockets_version=">=12",
        ),
        Invalid(
            "import websockets\n\n\nasync def main(handler):\n"
            "    async with websockets.serve(handler, '', 8765, extra_headers={'Server': 'x'}):\n"
            "        await asyncio.Future()\n",
            None,
            websockets_version=">=14",
        ),
    )
