"""NFX203: ``InvalidStatusCode`` caught or tested away from any connect call.

Handlers, ``isinstance`` checks and ``pytest.raises`` written for the legacy client's
``InvalidStatusCode`` (a retry predicate, a wrapper's error handler, a test) stop
matching once websockets >= 14 clients are in use: they raise ``InvalidStatus``.
"""

from __future__ import annotations

from typing import AbstractSet, Iterator, List, Optional, Set, Tuple

from ..context import LEGACY_WEBSOCKETS, RuleContext
from ..facts import CallSite, CaughtName, Expr, ModuleFacts, expand_caught, resolve
from ..model import SAFE, UNSAFE, AppendElement, Finding, Fix, FixOp, ReplaceExpr, RewriteStatusReads
from ..project import allowed_sides, describe
from .base import Invalid, Rule, make_finding, register
from .handshake_free import HandshakeFree
from .importer import Importer, spell_invalid_status
from .websockets_reach import (
    CATCHES_INVALID_STATUS,
    DEFAULT_CLIENTS,
    LEGACY_CLIENTS,
    NEW_CLIENTS,
    STATUS_CODE_CLASSES,
    STATUS_CODE_TRIGGER,
    catch_both,
    client,
    dead_status_clauses,
    drop_import,
    migrate,
)

ALL_CLIENTS = NEW_CLIENTS | DEFAULT_CLIENTS | LEGACY_CLIENTS
#: Modules of the legacy client: a module using them may well get InvalidStatusCode.
LEGACY_CLIENT_MODULES = ("websockets.client", "websockets.legacy.client")
#: The functions that test a class, and which positional argument holds it.
CLASS_ARGUMENT = {"builtins.isinstance": 1, "pytest.raises": 0}


def _is_legacy(qualname: Optional[str]) -> bool:
    return qualname is not None and any(
        qualname == module or qualname.startswith(module + ".") for module in LEGACY_CLIENT_MODULES
    )


def reaches_legacy_client(facts: ModuleFacts) -> bool:
    """The module imports or names a legacy client module anywhere."""
    if any(_is_legacy(module) for module in facts.imported_modules):
        return True
    return any(_is_legacy(resolve(facts, facts.module_scope, use).qualname) for use in facts.attribute_uses)


def connects_with_new_client(facts: ModuleFacts) -> bool:
    """The module's code calls a connect function of the new implementation (the
    top-level ``websockets.connect`` included, as the project's releases allow it)."""
    return any(
        client(facts, scope, call) in NEW_CLIENTS | DEFAULT_CLIENTS
        for scope in facts.scopes
        for call in scope.calls
        if not call.startswith("?")
    )


def status_tests(facts: ModuleFacts) -> Iterator[Tuple[CallSite, str, Expr, bool, CaughtName]]:
    """``isinstance(x, InvalidStatusCode)`` / ``pytest.raises(InvalidStatusCode)`` with
    nothing that also matches InvalidStatus: (call, function, class argument, whether it
    is a tuple display, the InvalidStatusCode element)."""
    return class_tests(facts, STATUS_CODE_CLASSES, CATCHES_INVALID_STATUS)


def class_tests(
    facts: ModuleFacts, dead_classes: AbstractSet[str], alive: AbstractSet[str]
) -> Iterator[Tuple[CallSite, str, Expr, bool, CaughtName]]:
    """``isinstance(x, C)`` / ``pytest.raises(C)`` for a class of ``dead_classes``, with
    nothing beside it among ``alive`` (what matches the class the other client raises):
    (call, function, class argument, whether it is a tuple display, the element)."""
    for call in facts.class_calls:
        if call.args is None or call.func.dotted is None:
            continue
        function = resolve(facts, call.scope, call.func.dotted).qualname or ""
        index = CLASS_ARGUMENT.get(function)
        if index is None or len(call.args) <= index:
            continue
        elements = call.elements[index]
        caught = expand_caught(facts, call.scope, elements if elements is not None else [call.args[index]])
        if any(c.resolved.qualname in alive for c in caught):
            continue
        dead = [c for c in caught if c.resolved.qualname in dead_classes]
        if dead and not any(c.via_constant for c in dead):
            yield call, function, call.args[index], elements is not None, dead[0]


def fix_test(
    context: RuleContext,
    call: CallSite,
    function: str,
    argument: Expr,
    in_tuple: bool,
    dead: CaughtName,
    sides: Set[str],
) -> Tuple[Optional[Fix], str]:
    """The fix of a class test, and a note for the message when it is unsafe or absent."""
    old = dead.expr.dotted or ""
    spelling, imports = spell_invalid_status(context.view(Importer), call.scope, old, dead.resolved.qualname or "")
    both = sides != {"new"}
    ops: List[FixOp] = list(imports)
    if not both:
        ops.append(ReplaceExpr(dead.expr.target, spelling))
        ops.extend(drop_import(context, old))
    elif in_tuple:
        ops.append(AppendElement(argument.target, spelling))
    else:
        ops.append(ReplaceExpr(dead.expr.target, f"({old}, {spelling})"))
    reads = call.scope.status_reads
    if function == "pytest.raises":
        # ``excinfo.value.status_code`` after the block: InvalidStatus has it under
        # ``.response``, and which name holds the ExceptionInfo is not followed here.
        if any(receiver.endswith(".value") for receiver in reads):
            why = "the test reads `.value.status_code` or `.headers`, which InvalidStatus has under `.response`"
            return Fix(UNSAFE, f"Match `{spelling}` too", tuple(ops)), f" (fix unsafe: {why})"
        return Fix(SAFE, f"Match `{spelling}` too", tuple(ops)), ""
    subject = call.args[0].dotted if call.args else None
    total = reads.get(subject, 0) if subject else 0
    if not total:
        return Fix(SAFE, f"Test for `{spelling}` too", tuple(ops)), ""
    if "." in (subject or ""):
        return None, f" (no fix: `{subject}.status_code` would have to be read through `.response`)"
    assert subject is not None
    if total == call.region_reads:
        # Every read is where the check holds: there the object is what was tested.
        ops.extend(RewriteStatusReads(part, subject, both) for part in call.region)
        return Fix(SAFE, f"Test for `{spelling}` too", tuple(ops)), ""
    # Reads elsewhere in the function may be of other objects: read through
    # getattr(x, "response", x), right for both classes, and ask for a review.
    assert call.scope.target is not None
    ops.append(RewriteStatusReads(call.scope.target, subject, True))
    why = f"`{subject}.status_code` or `.headers` is also read outside the isinstance check"
    return Fix(UNSAFE, f"Test for `{spelling}` too", tuple(ops)), f" (fix unsafe: {why})"


@register
class WebsocketsInvalidStatusCodeElsewhere(Rule):
    """
    ## What it does
    Finds `InvalidStatusCode` caught or tested with no websockets connect call in the
    same `try`: an `except` clause around a wrapper (`await self._open()`), an
    `isinstance(exc, InvalidStatusCode)` check (retry predicates, error classifiers), or
    `pytest.raises(InvalidStatusCode)`, where nothing beside it also matches
    `InvalidStatus` (`InvalidStatus`, `InvalidHandshake`, `WebSocketException`,
    `Exception`, `BaseException`). For an `except` clause, as in NFX201: a clause of the
    same `try` naming `InvalidStatus`, or an earlier one that catches it, keeps it quiet;
    a later `except WebSocketException` or `except Exception` does not.

    It reports only in a module that names no legacy client (`websockets.client`,
    `websockets.legacy.client`), and, unless the module itself connects with a new
    client (`websockets.connect`, `websockets.asyncio.client.connect`...), in a package
    whose other modules, tests aside, name none in their code (`websockets.client.connect`,
    `from websockets.legacy.client import connect`; not the Sans-I/O
    `websockets.client.ClientProtocol`, nor the fallback of an import shim under
    `except ImportError:`, which never runs where the new client exists): a handler away
    from any connect may be for a legacy client in another module, which does raise
    `InvalidStatusCode` (mosaicml-cli's error decorator wraps a function of another
    module that connects with `websockets.client.connect`). A module outside any package
    answers for itself. It reports only in a project that allows websockets 14.0 or later
    (see NFX202 for how the allowed versions are found). A `try` that calls a connect
    function directly is NFX201's or NFX202's business.

    A `try` that only uses a connection already open stays quiet: it calls a method of a
    websockets connection (`await self.ws.send(data)`, the connection known by where it
    comes from, as NFX206 knows it), and every other call in it runs no code it is
    handed: a builtin such as `len` or `str` (not `map`, `sorted`, `next`), a function of
    a data module (`json`, `uuid`, `logging`, `datetime`...), `asyncio.sleep` / `wait` /
    `ensure_future`, a method of a literal or of a primitive the module makes
    (`asyncio.Event()`, `logging.getLogger()`), another connection method, or a function
    of the module (not decorated, not overridden by a subclass or swapped by an
    assignment) doing only the same. What it awaits or enters must be such a call:
    `await task`, `async with conn` or `conn.__aenter__()` on `conn = connect(uri)` may
    run a handshake. No handshake runs there: the clause never matched on any release,
    and `InvalidStatus` cannot arise either (terncy lists `InvalidStatusCode` among the
    disconnect errors around each `send`).

    ## Why is this bad?
    From websockets 14.0, `websockets.connect` and all the new clients answer a refused
    handshake (a 401, 403, 503) with `InvalidStatus`, never `InvalidStatusCode`. A retry
    predicate such as
    `not (isinstance(exc, InvalidStatusCode) and exc.status_code in (401, 403))` then
    retries an authentication failure forever (fastapi_websocket_rpc), and a wrapper's
    handler lets the refusal escape.

    ## Example
    ```python
    from websockets.exceptions import InvalidStatusCode


    def is_not_forbidden(exc):
        return not (isinstance(exc, InvalidStatusCode) and exc.status_code == 403)
    ```

    Use instead (a project allowing websockets 13 and 15):
    ```python
    from websockets.exceptions import InvalidStatusCode
    from websockets.exceptions import InvalidStatus


    def is_not_forbidden(exc):
        return not (
            isinstance(exc, (InvalidStatusCode, InvalidStatus)) and getattr(exc, "response", exc).status_code == 403
        )
    ```

    ## Fix
    As NFX202, by the versions the project allows:
    - only 14.0 or later: `InvalidStatusCode` becomes `InvalidStatus`, and reads of
      `.status_code` / `.headers` on the tested object where the check holds (the rest of
      the `and` chain, the body of the `if`) go through `.response`;
    - both: the test matches both classes (`(InvalidStatusCode, InvalidStatus)`), and
      those reads become `getattr(exc, "response", exc).status_code`, right for both.
    An `except` clause is fixed exactly as NFX202 fixes one.

    ## Fix safety
    Safe, except where the tested object's `.status_code` or `.headers` is also read
    outside the check (for example after `if not isinstance(exc, InvalidStatusCode):
    return`): then every read of it in the function goes through
    `getattr(exc, "response", exc)`, which is right for both classes but changes what an
    unrelated object with a `.response` would give, so the fix is unsafe. A test that
    reads `excinfo.value.status_code` after `pytest.raises` gets an unsafe fix that leaves
    those reads for you to change.

    ## Preview
    Off by default since blind round 28's pick (SPEC, "Rule maturity"): the blind
    rounds' first runs (corpus/README.md) found it right 3 times in 7 (rounds 11, 17 and
    19; the false ones, litellm's and terncy's, are quiet since, and no blind round has
    given it a finding after). It runs when selected by its full code
    (`--select NFX203`) or with `--preview`.

    ## Sources
    - websockets 14.0 changelog; `InvalidStatus` in `exceptions.py`, `InvalidStatusCode`
      in `legacy/exceptions.py` (it has `status_code` and `headers`, no `response`)
    - fastapi_websocket_rpc `websocket_rpc_client.py` (`isNotForbbiden` retry predicate)
    """

    code = "NFX203"
    name = "websockets-invalid-status-code-elsewhere"
    fix_safety = SAFE
    trigger = STATUS_CODE_TRIGGER
    preview = True

    def check(self, context: RuleContext) -> Iterator[Finding]:
        facts = context.facts
        sides = allowed_sides(context.websockets_spec)
        if "new" not in sides or reaches_legacy_client(facts):
            return
        allowed = describe(context.websockets_spec)
        why = f"websockets 14+ clients raise InvalidStatus instead (the project allows {allowed})"
        no_handshake = context.view(HandshakeFree).uses_open_connection
        clauses = list(dead_status_clauses(context, lambda reached: not reached & ALL_CLIENTS, no_handshake))
        tests = list(status_tests(facts))
        # Away from any connect, the clause may be for the package's legacy client in
        # another module (an error decorator, a retry predicate), unless the module's own
        # code connects with a new client. Asked only now: reading the package costs a walk.
        if (clauses or tests) and not connects_with_new_client(facts):
            if context.package.used_elsewhere(LEGACY_WEBSOCKETS) is not None:
                return
        for handler, dead in clauses:
            fix = migrate(context, handler, dead) if sides == {"new"} else catch_both(context, handler, dead)
            yield make_finding(self, f"`except InvalidStatusCode` misses a refused handshake: {why}", handler.span, fix)
        for call, function, argument, in_tuple, dead in tests:
            test_fix, note = fix_test(context, call, function, argument, in_tuple, dead, sides)
            test = (
                "isinstance(..., InvalidStatusCode)"
                if function == "builtins.isinstance"
                else "pytest.raises(InvalidStatusCode)"
            )
            yield make_finding(self, f"`{test}` misses a refused handshake: {why}{note}", call.span, test_fix)

    valid = (
        # The module uses the legacy client, which does raise InvalidStatusCode.
        "from websockets.legacy.client import connect\nfrom websockets.exceptions import InvalidStatusCode\n\n"
        "class Client:\n    async def open(self, uri):\n        return await connect(uri)\n\n"
        "    async def run(self, uri):\n        try:\n            await self.open(uri)\n"
        "        except InvalidStatusCode:\n            pass\n",
        "import websockets.client\n\ndef refused(exc):\n"
        "    return isinstance(exc, websockets.exceptions.InvalidStatusCode)\n",
        # Something beside it matches InvalidStatus.
        "from websockets.exceptions import InvalidStatus, InvalidStatusCode\n\n"
        "def refused(exc):\n    return isinstance(exc, (InvalidStatusCode, InvalidStatus))\n",
        "import pytest\nimport websockets\n\ndef test_it():\n"
        "    with pytest.raises((websockets.InvalidStatusCode, websockets.InvalidHandshake)):\n        pass\n",
        "from websockets.exceptions import InvalidStatusCode, WebSocketException\n\ntry:\n    pass\n"
        "except WebSocketException:\n    pass\nexcept InvalidStatusCode:\n    pass\n",
        # Look-alikes and other functions.
        "from mylib import InvalidStatusCode\n\ndef refused(exc):\n    return isinstance(exc, InvalidStatusCode)\n",
        "from websockets.exceptions import InvalidStatusCode\n\ndef same(a, b):\n"
        "    return issubclass(a, InvalidStatusCode)\n",
        # A try that only uses the open connection: no handshake can run there.
        "import json\nimport websockets\nfrom websockets.exceptions import InvalidStatusCode\n\n\n"
        "class Hub:\n    async def start(self, uri):\n        self.ws = await websockets.connect(uri)\n"
        "        self.pending = {}\n\n"
        "    async def ask(self, data):\n        try:\n            await self.ws.send(json.dumps(data))\n"
        "            self.pending.pop(data['id'], None)\n            return await self._reply()\n"
        "        except (OSError, InvalidStatusCode):\n            self.ws = None\n\n"
        "    async def _reply(self):\n        return await self.ws.recv()\n",
        # A try around a connect call is NFX201's or NFX202's.
        "from websockets.sync.client import connect\nfrom websockets.exceptions import InvalidStatusCode\n"
        "try:\n    connect('ws://x')\nexcept InvalidStatusCode:\n    pass\n",
    )

    invalid = (
        # A later clause catching InvalidStatus through a base class does not excuse it.
        Invalid(
            "from websockets.exceptions import InvalidStatusCode, WebSocketException\n\ntry:\n    pass\n"
            "except InvalidStatusCode:\n    pass\nexcept WebSocketException:\n    pass\n",
            "from websockets.exceptions import WebSocketException\nfrom websockets.exceptions import InvalidStatus\n\n"
            "try:\n    pass\nexcept InvalidStatus:\n    pass\nexcept WebSocketException:\n    pass\n",
            websockets_version=">=14",
        ),
        # fastapi_websocket_rpc's retry predicate, in a project allowing both clients.
        Invalid(
            "from websockets.exceptions import InvalidStatusCode\n\n\n"
            "def is_not_forbidden(value) -> bool:\n"
            "    return not (isinstance(value, InvalidStatusCode) and (value.status_code == 401 or "
            "value.status_code == 403))\n\n\n"
            "def is_not_invalid_status(value) -> bool:\n    return not isinstance(value, InvalidStatusCode)\n",
            "from websockets.exceptions import InvalidStatusCode\n"
            "from websockets.exceptions import InvalidStatus\n\n\n"
            "def is_not_forbidden(value) -> bool:\n"
            "    return not (isinstance(value, (InvalidStatusCode, InvalidStatus)) and "
            '(getattr(value, "response", value).status_code == 401 or '
            'getattr(value, "response", value).status_code == 403))\n\n\n'
            "def is_not_invalid_status(value) -> bool:\n"
            "    return not isinstance(value, (InvalidStatusCode, InvalidStatus))\n",
            count=2,
        ),
        # The same where only websockets >= 14 is allowed: migrated outright.
        Invalid(
            "from websockets.exceptions import InvalidStatusCode\n\n\n"
            "def is_not_forbidden(value) -> bool:\n"
            "    if isinstance(value, InvalidStatusCode) and value.status_code in (401, 403):\n"
            "        log(value.headers)\n        return False\n    return True\n",
            "from websockets.exceptions import InvalidStatus\n\n\n"
            "def is_not_forbidden(value) -> bool:\n"
            "    if isinstance(value, InvalidStatus) and value.response.status_code in (401, 403):\n"
            "        log(value.response.headers)\n        return False\n    return True\n",
            websockets_version=">=15",
        ),
        # Beside the open connection's send, a method of the module that connects.
        Invalid(
            "import websockets\nfrom websockets.exceptions import InvalidStatusCode\n\n\n"
            "class Hub:\n    async def start(self, uri):\n        self.ws = await websockets.connect(uri)\n\n"
            "    async def ask(self, data, uri):\n        try:\n            await self.ws.send(data)\n"
            "            await self.start(uri)\n        except (OSError, InvalidStatusCode):\n"
            "            self.ws = None\n",
            "import websockets\nfrom websockets.exceptions import InvalidStatus\n\n\n"
            "class Hub:\n    async def start(self, uri):\n        self.ws = await websockets.connect(uri)\n\n"
            "    async def ask(self, data, uri):\n        try:\n            await self.ws.send(data)\n"
            "            await self.start(uri)\n        except (OSError, InvalidStatus):\n"
            "            self.ws = None\n",
            websockets_version=">=14",
        ),
        # ...or an object the module only ever sets to None (the application attaches it).
        Invalid(
            "import websockets\nfrom websockets.exceptions import InvalidStatusCode\n\n\n"
            "class Bridge:\n    def __init__(self):\n        self.upstream = None\n\n"
            "    async def start(self, uri):\n        self.ws = await websockets.connect(uri)\n\n"
            "    async def forward(self, msg):\n        try:\n            await self.ws.send(msg)\n"
            "            await self.upstream.reconnect()\n        except InvalidStatusCode:\n            pass\n",
            "import websockets\nfrom websockets.exceptions import InvalidStatus\n\n\n"
            "class Bridge:\n    def __init__(self):\n        self.upstream = None\n\n"
            "    async def start(self, uri):\n        self.ws = await websockets.connect(uri)\n\n"
            "    async def forward(self, msg):\n        try:\n            await self.ws.send(msg)\n"
            "            await self.upstream.reconnect()\n        except InvalidStatus:\n            pass\n",
            websockets_version=">=14",
        ),
        # ...or a task made elsewhere, awaited there.
        Invalid(
            "import websockets\nfrom websockets.exceptions import InvalidStatusCode\n\n\n"
            "class Hub:\n    async def start(self, uri):\n        self.ws = await websockets.connect(uri)\n\n"
            "    async def ask(self, data, task):\n        try:\n            await self.ws.send(data)\n"
            "            await task\n        except (OSError, InvalidStatusCode):\n            self.ws = None\n",
            "import websockets\nfrom websockets.exceptions import InvalidStatus\n\n\n"
            "class Hub:\n    async def start(self, uri):\n        self.ws = await websockets.connect(uri)\n\n"
            "    async def ask(self, data, task):\n        try:\n            await self.ws.send(data)\n"
            "            await task\n        except (OSError, InvalidStatus):\n            self.ws = None\n",
            websockets_version=">=14",
        ),
        # A connection's __aenter__() is the handshake (unicorn-binance-websocket-api).
        Invalid(
            "import websockets\nfrom websockets.exceptions import InvalidStatusCode\n\n\n"
            "class Feed:\n    def __init__(self, uri):\n        self.conn = websockets.connect(uri)\n\n"
            "    async def open(self):\n        try:\n            self.ws = await self.conn.__aenter__()\n"
            "        except InvalidStatusCode:\n            self.ws = None\n",
            "import websockets\nfrom websockets.exceptions import InvalidStatus\n\n\n"
            "class Feed:\n    def __init__(self, uri):\n        self.conn = websockets.connect(uri)\n\n"
            "    async def open(self):\n        try:\n            self.ws = await self.conn.__aenter__()\n"
            "        except InvalidStatus:\n            self.ws = None\n",
            websockets_version=">=14",
        ),
        # A wrapper's handler: no connect call in the try.
        Invalid(
            "import websockets\n\n\nclass Feed:\n    async def run(self):\n        try:\n"
            "            await self._open()\n        except websockets.InvalidStatusCode as exc:\n"
            "            log(exc.status_code)\n",
            "import websockets\n\n\nclass Feed:\n    async def run(self):\n        try:\n"
            "            await self._open()\n        except websockets.InvalidStatus as exc:\n"
            "            log(exc.response.status_code)\n",
            websockets_version=">=14.2",
        ),
        # A test that expects the refusal.
        Invalid(
            "import pytest\nfrom websockets.exceptions import InvalidStatusCode\n\n\n"
            "def test_refused(client):\n    with pytest.raises(InvalidStatusCode):\n        client.open()\n",
            "import pytest\nfrom websockets.exceptions import InvalidStatusCode\n"
            "from websockets.exceptions import InvalidStatus\n\n\n"
            "def test_refused(client):\n    with pytest.raises((InvalidStatusCode, InvalidStatus)):\n"
            "        client.open()\n",
        ),
        # Reads outside the check: every read goes through getattr, and the fix is unsafe.
        Invalid(
            "from websockets.exceptions import InvalidStatusCode\n\n\n"
            "def status_of(exc):\n    if not isinstance(exc, InvalidStatusCode):\n        return None\n"
            "    return exc.status_code\n",
            None,
            unsafe_fixed="from websockets.exceptions import InvalidStatusCode\n"
            "from websockets.exceptions import InvalidStatus\n\n\n"
            "def status_of(exc):\n    if not isinstance(exc, (InvalidStatusCode, InvalidStatus)):\n"
            "        return None\n"
            '    return getattr(exc, "response", exc).status_code\n',
        ),
    )
