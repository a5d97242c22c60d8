"""NFX201: ``except InvalidStatusCode`` around a call to a new websockets client.

FACTS.md section 2: the new clients (``websockets.asyncio.client``, ``websockets.sync.client``,
``websockets.trio.client``) answer a refused handshake with ``InvalidStatus``; they never
raise ``InvalidStatusCode``, its sibling, so such a clause is dead code.
"""

from __future__ import annotations

import dataclasses
import os
import re
from typing import AbstractSet, Callable, Iterator, List, Optional, Set, Tuple

from ..facts import (
    CaughtName,
    Handler,
    ModuleFacts,
    Resolved,
    Scope,
    TryBlock,
    expand_caught,
    lookup,
    names_bound_anywhere,
    resolve,
    resolve_shim,
)
from ..model import (
    SAFE,
    AddHandlerAfter,
    AddImport,
    AppendElement,
    Finding,
    Fix,
    FixOp,
    RemoveUnusedImport,
    ReplaceExpr,
    RewriteStatusReads,
)
from ..package import resolve_in_package
from ..project import allowed_sides
from .base import Invalid, Rule, register
from .ssl_eof import make_finding

NEW_CLIENTS = frozenset(
    {
        "websockets.asyncio.client.connect",
        "websockets.asyncio.client.unix_connect",
        "websockets.sync.client.connect",
        "websockets.sync.client.unix_connect",
        "websockets.trio.client.connect",
    }
)
#: websockets.connect: legacy up to 13.1, the new asyncio client from 14.0 (NFX202).
DEFAULT_CLIENTS = frozenset({"websockets.connect", "websockets.unix_connect"})
LEGACY_CLIENTS = frozenset(
    {
        "websockets.client.connect",
        "websockets.client.unix_connect",
        "websockets.legacy.client.connect",
        "websockets.legacy.client.unix_connect",
        "websockets.legacy.client.Connect",
    }
)
#: Modules that export InvalidStatus (and InvalidStatusCode) in every release from 10.0.
EXCEPTION_MODULES = ("websockets", "websockets.exceptions")
STATUS_CODE_CLASSES = frozenset(
    f"{module}.InvalidStatusCode" for module in (*EXCEPTION_MODULES, "websockets.legacy.exceptions")
)
#: What catches InvalidStatus: itself, its bases, and the catch-alls.
CATCHES_INVALID_STATUS = frozenset(
    {f"{m}.{name}" for m in EXCEPTION_MODULES for name in ("InvalidStatus", "InvalidHandshake", "WebSocketException")}
    | {"builtins.Exception", "builtins.BaseException"}
)


def clients_reached(facts: ModuleFacts, block: TryBlock, scope: Scope) -> Set[str]:
    """Qualified names of the connect functions the try body calls, directly or through
    ``conn = connect(uri)`` then ``await conn.__aenter__()``."""
    reached: Set[str] = set()
    for call in block.body_calls:
        if call.startswith("?"):
            continue
        head, _, rest = call.partition(".")
        if rest in ("__aenter__", "__enter__"):
            found = lookup(scope, head)
            for binding in found[1] if found else []:
                if binding.call:
                    reached.add(client(facts, scope, binding.call))
            continue
        reached.add(client(facts, scope, call))
    return reached


def client(facts: ModuleFacts, scope: Scope, dotted: str) -> str:
    """The qualified name of a called function; for the import shim
    ``try: from websockets.asyncio.client import connect`` / ``except ImportError:
    from websockets.client import connect``, ``websockets.connect``, which likewise is
    the legacy client on old releases and the new one on recent releases."""
    resolved = resolve(facts, scope, dotted).qualname or resolve_shim(facts, scope, dotted).qualname
    if resolved is not None:
        return resolved  # (a shim whose first import, the legacy client, always succeeds)
    head, _, rest = dotted.partition(".")
    found = lookup(scope, head)
    bindings = found[1] if found else []
    targets = {f"{b.target}.{rest}" if rest else b.target for b in bindings if b.kind == "import"}
    if len(targets) == len(bindings) > 1 and targets & NEW_CLIENTS and targets & LEGACY_CLIENTS:
        if targets <= NEW_CLIENTS | LEGACY_CLIENTS:
            return "websockets.connect"
    return "?"


def dead_status_clauses(facts: ModuleFacts, wanted: Callable[[Set[str]], bool]) -> Iterator[Tuple[Handler, CaughtName]]:
    """Clauses catching InvalidStatusCode in a try whose reached clients are ``wanted``,
    where no clause catches InvalidStatus."""
    for block in facts.tries:
        if not block.handlers:
            continue
        if not wanted(clients_reached(facts, block, block.handlers[0].scope)):
            continue
        per_handler = [
            None if h.types is None else [followed(facts, h.scope, c) for c in expand_caught(facts, h.scope, h.types)]
            for h in block.handlers
        ]
        if any(
            caught is None or any(c.resolved.qualname in CATCHES_INVALID_STATUS for c in caught)
            for caught in per_handler
        ):
            continue  # something already catches InvalidStatus
        for handler, caught in zip(block.handlers, per_handler):
            dead = [c for c in caught or [] if c.resolved.qualname in STATUS_CODE_CLASSES]
            if dead and not any(c.via_constant for c in dead):
                yield handler, dead[0]


#: Where a name may lead into another module of the package (not a builtin, not a
#: websockets name, not a class of this module).
_ELSEWHERE_PREFIXES = ("builtins.", "<module>.", "websockets.")


def followed(facts: ModuleFacts, scope: Scope, caught: CaughtName) -> CaughtName:
    """A caught name as these rules judge it: also through an ImportError shim of this
    module whose first import always succeeds, and, when the run reads packages, into
    the module of the package that binds it (Fern's generated SDKs import
    ``InvalidWebSocketStatus`` from ``core/websocket_compat.py``, a shim binding it to
    ``InvalidStatusCode``)."""
    dotted, resolved = caught.expr.dotted, caught.resolved
    if dotted is None or caught.via_constant is not None:
        return caught
    if resolved.qualname is None:
        resolved = resolve_shim(facts, scope, dotted)
    elif resolved.maybe_missing:
        return caught  # rebound, or bound under a condition: which class it is, is unknown
    elif facts.path != "<string>" and not resolved.qualname.startswith(_ELSEWHERE_PREFIXES):
        answer = resolve_in_package(facts.path, resolved.qualname)
        if answer is None:
            return caught
        resolved = Resolved(answer[0], via=answer[1])
    return dataclasses.replace(caught, resolved=resolved)


def bound_elsewhere(dead: CaughtName) -> Tuple[str, str]:
    """How a message names the dead class, and how it came to be InvalidStatusCode
    ("" when the module imports it itself, and a fix can follow)."""
    name = dead.expr.dotted or "InvalidStatusCode"
    if dead.resolved.via == "shim":
        return name, f" (`{name}` is InvalidStatusCode: its ImportError fallback never runs; no automatic fix)"
    if dead.resolved.via:
        return name, f" (`{name}` is InvalidStatusCode, bound in {dead.resolved.via}; no automatic fix)"
    return "InvalidStatusCode", ""


def reaches_only(calls: AbstractSet[str], not_with: AbstractSet[str]) -> Callable[[Set[str]], bool]:
    """A try that reaches one of ``calls`` and none of ``not_with``."""
    return lambda reached: bool(reached & calls) and not reached & not_with


def migrate(facts: ModuleFacts, handler: Handler, dead: CaughtName) -> Fix:
    """InvalidStatusCode becomes InvalidStatus, with status reads through ``.response``."""
    old, qualname = dead.expr.dotted or "", dead.resolved.qualname or ""
    spelling, imports = spell_invalid_status(facts, handler.scope, old, qualname)
    ops: List[FixOp] = [ReplaceExpr(dead.expr.target, spelling), *imports]
    if handler.name:
        ops.append(RewriteStatusReads(handler.target, handler.name))
    ops.extend(drop_import(facts, old))
    return Fix(SAFE, f"Catch `{spelling}` instead", tuple(ops))


def drop_import(facts: ModuleFacts, old: str) -> List[FixOp]:
    """Remove the import of ``old`` once nothing in the module uses it (nor names it in
    ``__all__``); never from a package's ``__init__.py``, where packages re-export."""
    if "." in old or os.path.basename(facts.path) == "__init__.py":
        return []
    return [RemoveUnusedImport(old)]


def catch_both(facts: ModuleFacts, handler: Handler, dead: CaughtName) -> Fix:
    """Works on legacy and new clients: catch InvalidStatus too, in the same clause when
    the body reads no status attribute, else in a copy of the clause just after it."""
    old, qualname = dead.expr.dotted or "", dead.resolved.qualname or ""
    spelling, imports = spell_invalid_status(facts, handler.scope, old, qualname)
    reads_status = handler.name is not None and bool(handler.body.names & {"status_code", "headers"})
    if reads_status:
        assert handler.name is not None
        op: FixOp = AddHandlerAfter(handler.target, spelling, handler.name)
        return Fix(SAFE, f"Add an `except {spelling}` clause", (op, *imports))
    return Fix(SAFE, f"Also catch `{spelling}`", (AppendElement(handler.target, spelling), *imports))


def spell_invalid_status(
    facts: ModuleFacts, scope: Scope, old: str, old_qualname: str
) -> Tuple[str, Tuple[FixOp, ...]]:
    """How to name InvalidStatus where ``old`` (InvalidStatusCode) was written, the way
    the module already names websockets exceptions."""
    prefix = old.rpartition(".")[0]
    if prefix and old_qualname.rpartition(".")[0] in EXCEPTION_MODULES:
        return f"{prefix}.InvalidStatus", ()  # websockets.exceptions.InvalidStatusCode
    visible: Set[str] = set()
    current: Optional[Scope] = scope
    while current is not None:
        visible.update(current.bindings)
        current = current.parent
    by_name, modules = [], []
    for name in sorted(visible):
        resolved = resolve(facts, scope, name)
        if resolved.maybe_missing:
            continue
        if resolved.qualname in {f"{m}.InvalidStatus" for m in EXCEPTION_MODULES}:
            by_name.append(name)
        elif resolved.qualname in EXCEPTION_MODULES:
            modules.append(name)
    if by_name:
        return by_name[0], ()
    if prefix and modules:  # written as module.InvalidStatusCode: stay with attributes
        return f"{modules[0]}.InvalidStatus", ()
    # Imported by name: import InvalidStatus by name, from the same module.
    source = old_qualname.rpartition(".")[0]
    module = source if source in EXCEPTION_MODULES else "websockets.exceptions"
    if "InvalidStatus" in names_bound_anywhere(facts):
        return "_InvalidStatus", (AddImport(f"from {module} import InvalidStatus as _InvalidStatus", module),)
    return "InvalidStatus", (AddImport(f"from {module} import InvalidStatus", module),)


@register
class WebsocketsStatusNeverCaught(Rule):
    """
    ## What it does
    Finds a `try` whose body calls a new websockets client
    (`websockets.asyncio.client.connect` / `unix_connect`, `websockets.sync.client.connect`
    / `unix_connect`, `websockets.trio.client.connect`, under any import or alias
    (module-level or local, `open_socket = websockets.sync.client.connect`), as
    `await`, `async with`, `with`, `async for`, a plain call, or `conn = connect(...)` then
    `conn.__aenter__()`), where a clause catches `InvalidStatusCode` and no clause catches
    `InvalidStatus` (`InvalidStatus`, `InvalidHandshake`, `WebSocketException`,
    `Exception`, `BaseException`, a bare `except:`).

    ## Why is this bad?
    The new clients answer a refused opening handshake (a 403, a 503) with
    `InvalidStatus`; they never raise `InvalidStatusCode`, which belongs to the legacy
    client. The two classes are siblings under `InvalidHandshake`, so the clause never
    matches and the rejection escapes it: freqtrade's consumer stopped reconnecting,
    fastapi_websocket_rpc retried auth failures forever.

    A `try` that also calls a legacy client (`websockets.client.connect`,
    `websockets.legacy.client.connect`) is left alone: there the clause is alive.

    The caught class may have another name:
    - an ImportError shim, `try: from websockets.exceptions import InvalidStatusCode as
      InvalidWebSocketStatus` / `except ImportError: ... InvalidStatus as
      InvalidWebSocketStatus`, binds it to `InvalidStatusCode`: that import succeeds on
      every release (with a DeprecationWarning from 14.0), so the fallback never runs.
      That holds when the `try` body does nothing but such imports (and function
      definitions) and the name is bound nowhere else but in its ImportError clauses.
      The same goes for a `connect` whose shim imports the legacy client first.
      A shim whose first import is `InvalidStatus` binds `InvalidStatus` (from 10.0);
    - in a run that reads packages (the CLI and the flake8 plugin; the Python API only
      with `Settings(read_package=True)`), a name imported from another module of the
      same top-level package (`from ..core.websocket_compat import
      InvalidWebSocketStatus`, `from sdk.core import ...`) is followed into that module,
      through re-exports (not `import *`), aliases and such shims, up to five modules
      deep. A name bound under a condition or rebound is not followed. Fern's generated SDKs (hume, deepgram-sdk, ...) catch
      `InvalidWebSocketStatus` from such a shim around `websockets.sync.client.connect`,
      so a rejected API key escapes as a raw websockets error instead of their 401
      `ApiError`. A cached result is checked again whenever the module it followed
      changes.

    These are reported without a fix: the class is bound away from the clause, and the
    code beside it often reads the status through a helper of the shim
    (`get_status_code(exc)`). Catch `InvalidStatus` there too (and read
    `exc.response.status_code` for it), or make the shim bind the class each client
    raises.

    ## Example
    ```python
    from websockets.asyncio.client import connect
    from websockets.exceptions import InvalidStatusCode

    try:
        async with connect(uri) as ws:
            await ws.recv()
    except InvalidStatusCode as exc:
        if exc.status_code == 403:
            refresh_token()
    ```

    Use instead:
    ```python
    from websockets.asyncio.client import connect
    from websockets.exceptions import InvalidStatus

    try:
        async with connect(uri) as ws:
            await ws.recv()
    except InvalidStatus as exc:
        if exc.response.status_code == 403:
            refresh_token()
    ```

    ## Fix
    `InvalidStatusCode` becomes `InvalidStatus` in that clause, spelled as the module
    reaches websockets names (`websockets.exceptions.InvalidStatus`, a name it already
    imports, or a new `from websockets.exceptions import InvalidStatus`). Reads of
    `.status_code` and `.headers` on the bound exception in the clause body become
    `.response.status_code` and `.response.headers`. An `InvalidStatusCode` import that
    is no longer used is removed, unless `__all__` names it or the module is a
    package's `__init__.py` (where packages re-export). As with ruff's unused-import
    fix, another module that imports `InvalidStatusCode` from this one is not looked
    for: re-export it in `__all__` to keep it.

    ## Fix safety
    Safe: `InvalidStatus` exists in every websockets release from 10.0 and imports
    without a warning, and the new client raises nothing the old clause caught. No fix
    for a class bound by a shim or in another module (see above).

    ## Sources
    - websockets 14.0 changelog: `websockets.connect` is the new asyncio implementation
    - websockets source: `InvalidStatus` in `exceptions.py`, `InvalidStatusCode` in
      `legacy/exceptions.py` (deprecated from 14.0)
    - Prefect #17274 (the same migration done by hand)
    """

    code = "NFX201"
    name = "websockets-status-never-caught"
    fix_safety = SAFE
    trigger = re.compile(r"InvalidStatusCode")
    #: The client's import and a clause: the caught class may come from another module.
    package_words = ("websockets", "except")

    def check(self, facts: ModuleFacts) -> Iterator[Finding]:
        for handler, dead in dead_status_clauses(facts, reaches_only(NEW_CLIENTS, LEGACY_CLIENTS | DEFAULT_CLIENTS)):
            name, elsewhere = bound_elsewhere(dead)
            yield make_finding(
                self,
                f"`except {name}` never matches: the new websockets client "
                f"raises InvalidStatus when the server refuses the handshake{elsewhere}",
                handler.span,
                None if elsewhere else migrate(facts, handler, dead),
            )

    valid = (
        # Already catches InvalidStatus (or a base of it).
        "from websockets.asyncio.client import connect\nfrom websockets.exceptions import "
        "InvalidStatus, InvalidStatusCode\ntry:\n    connect('ws://x')\nexcept InvalidStatusCode:\n"
        "    pass\nexcept InvalidStatus:\n    pass\n",
        "import websockets.exceptions as wse\nfrom websockets.sync.client import connect\n"
        "try:\n    connect('ws://x')\nexcept (wse.InvalidStatusCode, wse.InvalidHandshake):\n    pass\n",
        "from websockets.sync.client import connect\nfrom websockets.exceptions import InvalidStatusCode\n"
        "try:\n    connect('ws://x')\nexcept InvalidStatusCode:\n    pass\nexcept Exception:\n    pass\n",
        # Legacy clients do raise InvalidStatusCode.
        "import websockets.legacy.client\nfrom websockets.exceptions import InvalidStatusCode\n"
        "async def f():\n    try:\n        await websockets.legacy.client.connect('ws://x')\n"
        "    except InvalidStatusCode:\n        pass\n",
        "from websockets.client import connect\nfrom websockets.exceptions import InvalidStatusCode\n"
        "async def f():\n    try:\n        async with connect('ws://x'):\n            pass\n"
        "    except InvalidStatusCode:\n        pass\n",
        # websockets.connect depends on the installed release: NFX202's business.
        "import websockets\nasync def f():\n    try:\n        await websockets.connect('ws://x')\n"
        "    except websockets.InvalidStatusCode:\n        pass\n",
        # No websockets call in the try at all (NFX203 territory).
        "from websockets.exceptions import InvalidStatusCode\ntry:\n    pass\nexcept InvalidStatusCode:\n    pass\n",
        # A look-alike connect.
        "from mylib.client import connect\nfrom websockets.exceptions import InvalidStatusCode\n"
        "try:\n    connect('ws://x')\nexcept InvalidStatusCode:\n    pass\n",
        # A shim whose first import is InvalidStatus binds InvalidStatus.
        "try:\n    from websockets.exceptions import InvalidStatus as Refused\nexcept ImportError:\n"
        "    from websockets.exceptions import InvalidStatusCode as Refused\n"
        "from websockets.sync.client import connect\ntry:\n    connect('ws://x')\nexcept Refused:\n    pass\n",
        # A shim that may fall back: its first import is not known to succeed.
        "try:\n    from mylib import InvalidStatusCode as Refused\nexcept ImportError:\n"
        "    from websockets.exceptions import InvalidStatus as Refused\n"
        "from websockets.sync.client import connect\ntry:\n    connect('ws://x')\nexcept Refused:\n    pass\n",
        # Not a shim whose fallback never runs: the else: branch rebinds the name; the
        # body imports something else first, which may fail.
        "try:\n    from websockets.exceptions import InvalidStatusCode as Refused\nexcept ImportError:\n"
        "    from websockets.exceptions import InvalidStatus as Refused\nelse:\n"
        "    from websockets.exceptions import InvalidStatus as Refused\n"
        "from websockets.sync.client import connect\ntry:\n    connect('ws://x')\nexcept Refused:\n    pass\n",
        "try:\n    ...\n    from websockets.exceptions import InvalidStatusCode as Refused\n"
        "except ImportError:\n    from websockets.exceptions import InvalidStatus as Refused\n"
        "from websockets.sync.client import connect\ntry:\n    connect('ws://x')\nexcept Refused:\n    pass\n",
        "try:\n    import websockets_extras\n    from websockets.exceptions import InvalidStatusCode as Refused\n"
        "except ImportError:\n    from websockets.exceptions import InvalidStatus as Refused\n"
        "from websockets.sync.client import connect\ntry:\n    connect('ws://x')\nexcept Refused:\n    pass\n",
        # A name from another module, in a run that reads no package (the API).
        "from .core.websocket_compat import InvalidWebSocketStatus\nfrom websockets.sync.client import connect\n"
        "try:\n    connect('ws://x')\nexcept InvalidWebSocketStatus:\n    pass\n",
    )

    invalid = (
        # The ImportError shim of Fern's SDKs: its fallback never runs (report only).
        Invalid(
            "try:\n    from websockets.exceptions import InvalidStatusCode as InvalidWebSocketStatus\n"
            "except ImportError:\n    from websockets.exceptions import InvalidStatus as InvalidWebSocketStatus\n"
            "import websockets.sync.client as websockets_sync_client\n\n"
            "def open_chat(url):\n    try:\n        return websockets_sync_client.connect(url)\n"
            "    except InvalidWebSocketStatus:\n        return None\n",
        ),
        # The same on one line each, with a docstring-like string in the body.
        Invalid(
            "try: 'shim'; from websockets.exceptions import InvalidStatusCode as Refused\n"
            "except ImportError: from websockets.exceptions import InvalidStatus as Refused\n"
            "from websockets.sync.client import connect\n\n"
            "def open_chat(url):\n    try:\n        return connect(url)\n    except Refused:\n        return None\n",
        ),
        Invalid(
            "from websockets.asyncio.client import connect\n"
            "from websockets.exceptions import InvalidStatusCode\n\n"
            "async def run(uri):\n    try:\n        async with connect(uri) as ws:\n"
            "            await ws.recv()\n    except InvalidStatusCode as exc:\n"
            "        if exc.status_code == 403:\n            raise PermissionError(exc.headers)\n",
            "from websockets.asyncio.client import connect\n"
            "from websockets.exceptions import InvalidStatus\n\n"
            "async def run(uri):\n    try:\n        async with connect(uri) as ws:\n"
            "            await ws.recv()\n    except InvalidStatus as exc:\n"
            "        if exc.response.status_code == 403:\n            raise PermissionError(exc.response.headers)\n",
        ),
        Invalid(
            "import socket\nimport websockets.exceptions\nimport websockets.sync.client\n\n"
            "def fetch(uri):\n    try:\n        with websockets.sync.client.connect(uri) as ws:\n"
            "            return ws.recv()\n"
            "    except (websockets.exceptions.InvalidStatusCode, socket.gaierror) as e:\n"
            "        return getattr(e, 'status_code', None)\n",
            "import socket\nimport websockets.exceptions\nimport websockets.sync.client\n\n"
            "def fetch(uri):\n    try:\n        with websockets.sync.client.connect(uri) as ws:\n"
            "            return ws.recv()\n"
            "    except (websockets.exceptions.InvalidStatus, socket.gaierror) as e:\n"
            "        return getattr(getattr(e, \"response\", None), 'status_code', None)\n",
        ),
        Invalid(
            "import websockets.asyncio.client\nfrom websockets.exceptions import InvalidStatusCode as Rejected\n\n"
            "connect = websockets.asyncio.client.connect\n\n"
            "async def start(uri):\n    conn = connect(uri)\n    try:\n        ws = await conn.__aenter__()\n"
            "    except Rejected as err:\n        print(err.status_code)\n        return None\n    return ws\n",
            "import websockets.asyncio.client\nfrom websockets.exceptions import InvalidStatus\n\n"
            "connect = websockets.asyncio.client.connect\n\n"
            "async def start(uri):\n    conn = connect(uri)\n    try:\n        ws = await conn.__aenter__()\n"
            "    except InvalidStatus as err:\n        print(err.response.status_code)\n        return None\n"
            "    return ws\n",
        ),
        # A local alias, and a parenthesised import that keeps its comments.
        Invalid(
            "from websockets.exceptions import (\n    ConnectionClosed,  # reconnect\n"
            "    InvalidStatusCode,  # refused\n)\n\n\n"
            "def fetch(uri):\n    import websockets.sync.client\n\n"
            "    open_socket = websockets.sync.client.connect\n    try:\n        return open_socket(uri)\n"
            "    except InvalidStatusCode:\n        return None\n    except ConnectionClosed:\n        return None\n",
            "from websockets.exceptions import (\n    ConnectionClosed,  # reconnect\n)\n"
            "from websockets.exceptions import InvalidStatus\n\n\n"
            "def fetch(uri):\n    import websockets.sync.client\n\n"
            "    open_socket = websockets.sync.client.connect\n    try:\n        return open_socket(uri)\n"
            "    except InvalidStatus:\n        return None\n    except ConnectionClosed:\n        return None\n",
        ),
        # Another variable of the same name is left alone.
        Invalid(
            "from websockets.sync.client import connect\nfrom websockets.exceptions import InvalidStatusCode\n\n"
            "def f(uri, others):\n    try:\n        connect(uri)\n    except InvalidStatusCode as e:\n"
            "        codes = [e.status_code for e in others]\n        check = lambda e: e.headers\n"
            "        return e.status_code, codes, check\n",
            "from websockets.sync.client import connect\nfrom websockets.exceptions import InvalidStatus\n\n"
            "def f(uri, others):\n    try:\n        connect(uri)\n    except InvalidStatus as e:\n"
            "        codes = [e.status_code for e in others]\n        check = lambda e: e.headers\n"
            "        return e.response.status_code, codes, check\n",
        ),
        # Fixed in the same pass as an NFX101 clause (one libcst pass for all edits).
        Invalid(
            "import ssl\nfrom websockets.sync.client import connect\n"
            "from websockets.exceptions import InvalidStatusCode\n\n"
            "try:\n    pass\nexcept ConnectionError:\n    pass\n\n"
            "try:\n    connect('ws://x')\nexcept InvalidStatusCode:\n    pass\n",
            "import ssl\nfrom websockets.sync.client import connect\n"
            "from websockets.exceptions import InvalidStatus\n\n"
            "try:\n    pass\nexcept (ConnectionError, ssl.SSLEOFError):\n    pass\n\n"
            "try:\n    connect('ws://x')\nexcept InvalidStatus:\n    pass\n",
        ),
        # The import stays while something still uses it (here NFX203's fix, too).
        Invalid(
            "from websockets.asyncio.client import connect\n"
            "from websockets.exceptions import InvalidStatusCode\n\n"
            "async def first(uri):\n    try:\n        await connect(uri)\n    except InvalidStatusCode:\n"
            "        return 1\n\n"
            "def legacy_check(exc):\n    return isinstance(exc, InvalidStatusCode)\n",
            "from websockets.asyncio.client import connect\n"
            "from websockets.exceptions import InvalidStatusCode\n"
            "from websockets.exceptions import InvalidStatus\n\n"
            "async def first(uri):\n    try:\n        await connect(uri)\n    except InvalidStatus:\n"
            "        return 1\n\n"
            "def legacy_check(exc):\n    return isinstance(exc, (InvalidStatusCode, InvalidStatus))\n",
        ),
    )


@register
class WebsocketsStatusVersionDependent(Rule):
    """
    ## What it does
    Finds a `try` whose body calls `websockets.connect` or `websockets.unix_connect`
    (`import websockets`, `from websockets import connect`, aliases), or a `connect`
    imported by the shim `try: from websockets.asyncio.client import connect` /
    `except ImportError: from websockets.client import connect` (likewise the legacy
    client on old releases and the new one on recent releases), where a clause
    catches `InvalidStatusCode` and no clause catches `InvalidStatus`, in a project
    that allows websockets 14.0 or later.

    ## Why is this bad?
    `websockets.connect` is the legacy client up to 13.1, which raises
    `InvalidStatusCode` for a refused handshake, and the new asyncio client from 14.0,
    which raises `InvalidStatus` instead. Upgrading websockets silently turns the clause
    into dead code: a 403 or 503 escapes it.

    Which versions a file may run with is read from its project: the nearest
    `pyproject.toml` (`[project]` dependencies, optional dependencies, dependency
    groups), `requirements*.txt` (following `-r`) or `setup.cfg` above the file, all of
    them in that folder intersected. `--websockets-version` (or `websockets-version` in
    the configuration) overrides it; nothing found means "any version".
    - only releases before 14.0 allowed: no finding;
    - only 14.0 or later: the fix migrates to `InvalidStatus`, as NFX201 does;
    - both (or unknown): the fix works on both. The clause catches
      `(InvalidStatusCode, InvalidStatus)` when its body reads no status attribute;
      otherwise a second clause for `InvalidStatus`, reading `exc.response.status_code`,
      follows the first. No new `InvalidStatusCode` import is added, so nothing warns
      that did not warn before.

    A class bound by an ImportError shim, or imported from another module of the
    package, is followed as NFX201 describes, and reported without a fix.

    ## Example
    ```python
    import websockets

    try:
        ws = await websockets.connect(uri)
    except websockets.InvalidStatusCode as exc:
        log.warning("refused: %s", exc.status_code)
    ```

    Use instead (a project allowing websockets 13 and 15):
    ```python
    import websockets

    try:
        ws = await websockets.connect(uri)
    except websockets.InvalidStatusCode as exc:
        log.warning("refused: %s", exc.status_code)
    except websockets.InvalidStatus as exc:
        log.warning("refused: %s", exc.response.status_code)
    ```

    ## Fix
    As described above, depending on the versions the project allows.

    ## Fix safety
    Safe: `InvalidStatus` exists from websockets 10.0 and imports without a warning.

    ## Sources
    - websockets 14.0 changelog (new default implementation), `websockets/__init__.py`
      of 13.1 (`connect` from `.legacy.client`) and 14.x (`connect` from `.asyncio.client`)
    - freqtrade, fastapi_websocket_rpc, ansible-rulebook (two handlers, one per class)
    """

    code = "NFX202"
    name = "websockets-status-version-dependent"
    fix_safety = SAFE
    trigger = re.compile(r"InvalidStatusCode")
    #: The client's import and a clause: the caught class may come from another module.
    package_words = ("websockets", "except")

    def check(self, facts: ModuleFacts) -> Iterator[Finding]:
        sides = allowed_sides(facts.websockets_spec)
        if "new" not in sides:
            return  # the project stays on the legacy client: the clause is right
        allowed = facts.websockets_spec or "any version"
        for handler, dead in dead_status_clauses(facts, reaches_only(DEFAULT_CLIENTS, LEGACY_CLIENTS)):
            name, elsewhere = bound_elsewhere(dead)
            if elsewhere:
                fix = None
            else:
                fix = migrate(facts, handler, dead) if sides == {"new"} else catch_both(facts, handler, dead)
            yield make_finding(
                self,
                f"`except {name}` misses InvalidStatus, which websockets.connect raises "
                f"from websockets 14.0 (the project allows {allowed}){elsewhere}",
                handler.span,
                fix,
            )

    valid = (
        "import websockets\nasync def f():\n    try:\n        await websockets.connect('ws://x')\n"
        "    except (websockets.InvalidStatusCode, websockets.InvalidStatus):\n        pass\n",
        "import websockets\nasync def f():\n    try:\n        await websockets.connect('ws://x')\n"
        "    except websockets.InvalidHandshake:\n        pass\n",
        "from websockets.legacy.client import connect\nfrom websockets import InvalidStatusCode\n"
        "async def f():\n    try:\n        await connect('ws://x')\n    except InvalidStatusCode:\n        pass\n",
        # A shim whose first imports always succeed: the legacy client and its class.
        "try:\n    from websockets.legacy.client import connect\n"
        "    from websockets.exceptions import InvalidStatusCode as Refused\nexcept ImportError:\n"
        "    from websockets.asyncio.client import connect\n    from websockets.exceptions import InvalidStatus as Refused\n"
        "async def f():\n    try:\n        await connect('ws://x')\n    except Refused:\n        pass\n",
    )

    invalid = (
        # The import shim: the new client where it exists, else the legacy one.
        Invalid(
            "try:\n    from websockets.asyncio.client import connect\nexcept ImportError:\n"
            "    from websockets.client import connect\nfrom websockets.exceptions import InvalidStatusCode\n\n"
            "async def listen(uri):\n    try:\n        async with connect(uri) as ws:\n"
            "            await ws.recv()\n    except InvalidStatusCode:\n        return None\n",
            "try:\n    from websockets.asyncio.client import connect\nexcept ImportError:\n"
            "    from websockets.client import connect\nfrom websockets.exceptions import InvalidStatusCode\n"
            "from websockets.exceptions import InvalidStatus\n\n"
            "async def listen(uri):\n    try:\n        async with connect(uri) as ws:\n"
            "            await ws.recv()\n    except (InvalidStatusCode, InvalidStatus):\n        return None\n",
        ),
        Invalid(
            "import websockets\n\nasync def listen(uri):\n    try:\n"
            "        async with websockets.connect(uri) as ws:\n            await ws.recv()\n"
            "    except websockets.InvalidStatusCode:\n        return None\n",
            "import websockets\n\nasync def listen(uri):\n    try:\n"
            "        async with websockets.connect(uri) as ws:\n            await ws.recv()\n"
            "    except (websockets.InvalidStatusCode, websockets.InvalidStatus):\n        return None\n",
        ),
        Invalid(
            "from websockets import connect\nfrom websockets.exceptions import InvalidStatusCode\n\n"
            "async def listen(uri):\n    try:\n        ws = await connect(uri)\n"
            "    except InvalidStatusCode as exc:\n        if exc.status_code == 403:\n"
            "            raise PermissionError(uri)\n        raise\n    return ws\n",
            "from websockets import connect\nfrom websockets.exceptions import InvalidStatusCode\n"
            "from websockets.exceptions import InvalidStatus\n\n"
            "async def listen(uri):\n    try:\n        ws = await connect(uri)\n"
            "    except InvalidStatusCode as exc:\n        if exc.status_code == 403:\n"
            "            raise PermissionError(uri)\n        raise\n"
            "    except InvalidStatus as exc:\n        if exc.response.status_code == 403:\n"
            "            raise PermissionError(uri)\n        raise\n    return ws\n",
        ),
    )
