"""NFX202: ``except InvalidStatusCode`` around ``websockets.connect``, whose class depends
on the websockets release: the legacy client up to 13.1, the new one from 14.0; and the
mirror, ``except InvalidStatus`` there in a project that allows releases before 14.0."""

from __future__ import annotations

import re
from typing import Iterator

from ..context import RuleContext
from ..model import SAFE, Finding
from ..project import allowed_sides, describe
from .base import Invalid, Rule, make_finding, register
from .websockets_reach import (
    CLAUSE_WORDS,
    DEFAULT_CLIENTS,
    INVALID_STATUS,
    LEGACY_CLIENTS,
    bound_elsewhere,
    catch_both,
    dead_status_clauses,
    migrate,
    new_only_status_clauses,
    reached_through,
    reaches_only,
    written_for_both,
)

#: ``InvalidStatusCode``, or (the mirror) ``InvalidStatus``.
TRIGGER = re.compile(r"InvalidStatus")


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
    the configuration) overrides it; nothing found means "any version". A project that
    lists its requirements (`[project]` dependencies, Poetry's, `install_requires`, a
    requirements file) without websockets allows every release too: whichever one the
    user or another dependency installed runs. It is unknown where nothing lists any
    requirement, or where some are left to a `setup.py` or to dynamic dependencies.
    - only releases before 14.0 allowed: no finding;
    - only 14.0 or later: the fix migrates to `InvalidStatus`, as NFX201 does;
    - both (or unknown): the fix works on both. The clause catches
      `(InvalidStatusCode, InvalidStatus)` when its body reads no status attribute;
      otherwise a second clause for `InvalidStatus`, reading `exc.response.status_code`,
      follows the first. No new `InvalidStatusCode` import is added, so nothing warns
      that did not warn before.

    A class bound by an ImportError shim, or imported from another module of the
    package, is followed as NFX201 describes, and reported without a fix.

    The mirror is reported too: a clause that catches `InvalidStatus` (and, by the same
    rules, nothing that catches `InvalidStatusCode`) around `websockets.connect`, in a
    project whose requirement admits a release before 14.0 (a bare `websockets` does:
    pip keeps one that is installed). There the legacy client raises
    `InvalidStatusCode`, so a 403 escapes the clause. Not where the project's releases
    are unknown (no project file lists requirements): the newest, which a resolver
    installs, raises `InvalidStatus`. No fix in the code: catching `InvalidStatusCode`
    too would warn from 14.0. The fix is a floor of 14.0 (NFX209's, where it runs), or
    `except InvalidHandshake` with the status read for each class. The mirror stays
    quiet where the try also catches a class the module cannot tell (imported from the
    package or another library: it may be `InvalidStatusCode`), and around `async for
    ws in websockets.connect(uri)`, whose legacy iterator retries a refusal. The `try`
    may reach the connect through the module's own functions and methods (`await
    self.connect()` whose body calls it), up to three calls deep, as the message says;
    not into a coroutine the body does not await (`create_task(self._loop())`), nor
    through a function with a clause that may take the client's errors. Quiet where the
    scope's connect passes a keyword the legacy client rejects (`additional_headers=`,
    `proxy=`) and no legacy-only one: before 14.0 that call fails with TypeError first
    (NFX205), so no status reaches the clause, and the floor is the one fix.

    A function with a `try` catching each class around `websockets.connect` (a branch
    per implementation, `if NEW: ... else: ...`) is written for both: neither is
    reported.

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
    trigger = TRIGGER
    package_words = CLAUSE_WORDS

    def check(self, context: RuleContext) -> Iterator[Finding]:
        yield from self._new_only(context)
        sides = allowed_sides(context.websockets_spec)
        if "new" not in sides:
            return  # the project stays on the legacy client: the clause is right
        allowed = describe(context.websockets_spec)
        both = written_for_both(context, INVALID_STATUS)
        for handler, dead in dead_status_clauses(context, reaches_only(DEFAULT_CLIENTS, LEGACY_CLIENTS)):
            if id(handler.scope) in both:
                continue  # a branch of code written for both implementations
            name, elsewhere = bound_elsewhere(dead)
            if elsewhere:
                fix = None
            else:
                fix = migrate(context, handler, dead) if sides == {"new"} else catch_both(context, handler, dead)
            yield make_finding(
                self,
                f"`except {name}` misses InvalidStatus, which websockets.connect raises "
                f"from websockets 14.0 (the project allows {allowed}){elsewhere}",
                handler.span,
                fix,
            )

    def _new_only(self, context: RuleContext) -> Iterator[Finding]:
        """``except InvalidStatus`` where the allowed releases include the legacy client's."""
        spec = context.websockets_spec
        if not spec or spec.strip().lower() == "any" or "legacy" not in allowed_sides(spec):
            return  # unknown: the newest release, which raises InvalidStatus
        sides = allowed_sides(spec)
        if "new" in sides:
            fix = "a floor of 14.0 is the fix"
        else:  # (InvalidStatusCode imports without a warning before 14.0)
            fix = "no release it allows raises InvalidStatus there: catch InvalidStatusCode"
        for handler, caught in new_only_status_clauses(context, reaches_only(DEFAULT_CLIENTS, LEGACY_CLIENTS)):
            # (A shim binding InvalidStatus first binds it from 10.0: nothing to add.)
            elsewhere = "" if caught.resolved.via == "shim" else bound_elsewhere(caught, "InvalidStatus")[1]
            name = caught.expr.dotted or "InvalidStatus"  # as the clause spells it: no fix to name
            yield make_finding(
                self,
                f"`except {name}` misses InvalidStatusCode, which websockets.connect"
                f"{reached_through(context, handler, DEFAULT_CLIENTS)} raises "
                f"before websockets 14.0 (the project allows {describe(spec)}){elsewhere}: "
                f"a refused handshake escapes it there; {fix}",
                handler.span,
                None,
            )

    valid = (
        "import websockets\nasync def f():\n    try:\n        await websockets.connect('ws://x')\n"
        "    except (websockets.InvalidStatusCode, websockets.InvalidStatus):\n        pass\n",
        # The mirror where the releases are unknown: the newest raises InvalidStatus.
        "import websockets\nasync def f():\n    try:\n        await websockets.connect('ws://x')\n"
        "    except websockets.InvalidStatus:\n        pass\n",
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
        # The mirror: written for 14.0+, in a project that still admits 12.x.
        Invalid(
            "import websockets\nfrom websockets.exceptions import InvalidStatus\n\n"
            "async def listen(uri):\n    try:\n        async with websockets.connect(uri) as ws:\n"
            "            await ws.recv()\n    except InvalidStatus as exc:\n"
            "        if exc.response.status_code == 401:\n            raise PermissionError(uri)\n        raise\n",
            websockets_version=">=12.0,<17",
        ),
    )
