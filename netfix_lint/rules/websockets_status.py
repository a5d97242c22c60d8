"""NFX201: ``except InvalidStatusCode`` around a call to a new websockets client.

FACTS.md section 2: the new clients (``websockets.asyncio.client``, ``websockets.sync.client``,
``websockets.trio.client``) answer a refused handshake with ``InvalidStatus``; they never
raise ``InvalidStatusCode``, its sibling, so such a clause is dead code.
"""

from __future__ import annotations

from typing import Iterator

from ..context import RuleContext
from ..model import SAFE, Finding
from .base import Invalid, Rule, make_finding, register
from .websockets_reach import (
    CLAUSE_WORDS,
    DEFAULT_CLIENTS,
    LEGACY_CLIENTS,
    NEW_CLIENTS,
    STATUS_CODE_TRIGGER,
    bound_elsewhere,
    dead_status_clauses,
    migrate,
    reaches_only,
)


@register
class WebsocketsStatusNeverCaught(Rule):
    """
    ## What it does
    Finds a `try` whose body calls a new websockets client
    (`websockets.asyncio.client.connect` / `unix_connect`, `websockets.sync.client.connect`
    / `unix_connect`, `websockets.trio.client.connect`, under any import or alias
    (module-level or local, `open_socket = websockets.sync.client.connect`), as
    `await`, `async with`, `with`, `async for`, a plain call, or `conn = connect(...)` then
    `conn.__aenter__()`), where a clause catches `InvalidStatusCode` and `InvalidStatus`
    would reach it: no clause of the `try` names `InvalidStatus`, and neither that clause
    (`except (InvalidStatusCode, WebSocketException)`) nor an earlier one catches it
    through a base class or a catch-all (`InvalidHandshake`, `WebSocketException`,
    `Exception`, `BaseException`, a bare `except:`). A *later* such clause does not make
    it fine: the refusal then takes the generic path and the clause's own handling (a
    retry, a status check, a message) is lost, as a later `except Exception` does not
    excuse NFX101.

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
    trigger = STATUS_CODE_TRIGGER
    package_words = CLAUSE_WORDS

    def check(self, context: RuleContext) -> Iterator[Finding]:
        for handler, dead in dead_status_clauses(context, reaches_only(NEW_CLIENTS, LEGACY_CLIENTS | DEFAULT_CLIENTS)):
            name, elsewhere = bound_elsewhere(dead)
            yield make_finding(
                self,
                f"`except {name}` never matches: the new websockets client "
                f"raises InvalidStatus when the server refuses the handshake{elsewhere}",
                handler.span,
                None if elsewhere else migrate(context, handler, dead),
            )

    valid = (
        # Already catches InvalidStatus (or a base of it).
        "from websockets.asyncio.client import connect\nfrom websockets.exceptions import "
        "InvalidStatus, InvalidStatusCode\ntry:\n    connect('ws://x')\nexcept InvalidStatusCode:\n"
        "    pass\nexcept InvalidStatus:\n    pass\n",
        "import websockets.exceptions as wse\nfrom websockets.sync.client import connect\n"
        "try:\n    connect('ws://x')\nexcept (wse.InvalidStatusCode, wse.InvalidHandshake):\n    pass\n",
        # An earlier clause takes InvalidStatus: the clause was never reached, before the
        # switch either.
        "from websockets.sync.client import connect\nfrom websockets.exceptions import InvalidStatusCode\n"
        "try:\n    connect('ws://x')\nexcept Exception:\n    pass\nexcept InvalidStatusCode:\n    pass\n",
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
        # A later catch-all does not excuse it: the refusal takes the generic path.
        Invalid(
            "from websockets.sync.client import connect\nfrom websockets.exceptions import InvalidStatusCode\n"
            "try:\n    connect('ws://x')\nexcept InvalidStatusCode as e:\n    retry(e.status_code)\n"
            "except Exception:\n    log()\n",
            "from websockets.sync.client import connect\nfrom websockets.exceptions import InvalidStatus\n"
            "try:\n    connect('ws://x')\nexcept InvalidStatus as e:\n    retry(e.response.status_code)\n"
            "except Exception:\n    log()\n",
        ),
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
