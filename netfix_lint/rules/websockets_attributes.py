"""NFX206: attributes the websockets 14 switch took away: ``.status_code`` and ``.headers``
read on an ``InvalidStatus`` (FACTS.md section 3, row 11; stable), and ``ws.open``,
``ws.path``... on a connection of the new implementation (rows 2 and 5; the rule's
preview part, ``settings.PREVIEW_BEHAVIOUR``).
"""

from __future__ import annotations

import re
from typing import Iterator, Optional, Set, Tuple

from ..context import RuleContext
from ..facts import NEW_CONNECTION_ATTRIBUTES, AttributeRead, Handler, ModuleFacts, Span, expand_caught, resolve
from ..model import SAFE, UNSAFE, AddImport, Finding, Fix, FixOp, ReplaceExpr, RewriteStatusReads, Safety
from ..project import allows_below
from .base import Invalid, Rule, make_finding, register
from .connection_origin import ConnectionOrigins
from .importer import Importer
from .value_origin import Provenance
from .websockets_reach import INVALID_STATUS, STATUS_CODE_CLASSES, rewrite_safety

#: What the new connection has in place of a legacy attribute (``{0}``: the receiver).
NEW_SPELLING = {
    "path": "{0}.request.path",
    "request_headers": "{0}.request.headers",
    "response_headers": "{0}.response.headers",
}
STATES = {"open": "OPEN", "closed": "CLOSED"}
#: ``from websockets.protocol import State`` works from 11.0 (on 10.x ``websockets.protocol``
#: is a lazy attribute, not a module); both implementations share it.
STATE_FROM = "11.0"
#: The threading implementation's connection has ``.state`` from 14.1.
SYNC_STATE_FROM = "14.1"


def _within(inner: Span, outer: Span) -> bool:
    return (outer.line, outer.col) <= (inner.line, inner.col) and (inner.end_line, inner.end_col) <= (
        outer.end_line,
        outer.end_col,
    )


def _status_clause(facts: ModuleFacts, handler: Handler) -> Optional[Set[Optional[str]]]:
    """The classes an ``except ... as name`` clause that reads ``name.status_code`` or
    ``.headers`` catches, when InvalidStatus is among them (NFX206 reports it); else None."""
    if handler.types is None or handler.name is None or not handler.body.status_reads:
        return None
    caught = {c.resolved.qualname for c in expand_caught(facts, handler.scope, handler.types)}
    return caught if caught & INVALID_STATUS else None


#: What the new connection has instead of a legacy attribute (``.state`` for them all).
NEW_COUNTERPART = {attribute: spelling.split(".")[1] for attribute, spelling in NEW_SPELLING.items()}


def reads_new_spelling(context: RuleContext, receiver: str, attribute: str) -> bool:
    """The module also reads, on ``receiver``, what the new connection has instead of
    ``attribute`` (``.state``, ``.request`` for ``.path``...), directly or through
    ``getattr``: code written for both kinds (``getattr(ws, "request", None)`` first,
    then ``getattr(ws, "path", None)``)."""
    for name in ("state", NEW_COUNTERPART.get(attribute, "state")):
        dotted = f"{receiver}.{name}"
        if any(use == dotted or use.startswith(dotted + ".") for use in context.facts.attribute_uses):
            return True
        quoted = rf"getattr\(\s*{re.escape(receiver)}\s*,\s*[\"']{name}[\"']"
        if any(re.search(quoted, line) for line in context.facts.lines if "getattr" in line):
            return True
    return False


@register
class WebsocketsConnectionAttribute(Rule):
    """
    ## What it does
    Finds attributes that websockets' newer objects do not have:
    - `.status_code` or `.headers` (also through `getattr` / `hasattr`) read on the
      exception an `except InvalidStatus as e:` clause binds (`websockets.InvalidStatus`
      or `websockets.exceptions.InvalidStatus`, under any import or alias), or on a
      value where an `isinstance(x, InvalidStatus)` test holds (the rest of its `and`
      chain, the body of its `if`: retry predicates, error classifiers). A defaulted
      `getattr(e, "status_code", None)` before an `or` that reads `e.response` is code
      written for both classes, and not counted;
    - preview part: `.open`, `.closed`, `.path`, `.request_headers`, `.response_headers`,
      `.host`, `.port`, `.secure` read on a connection of the new implementation. A
      connection is known by where it comes from, followed through the module: `await
      connect(...)`, `async with connect(...) as ws`, `self.ws` assigned from one of those
      (by the class's methods, or by other code on an instance of the class: one the
      module makes, `conn = Conn()`, or a parameter annotated `conn: Conn`), the first parameter of a handler passed to `serve`, a `ClientConnection` /
      `ServerConnection` annotation, a function of the module that returns one (or, as
      an `@contextmanager` / `@asynccontextmanager`, yields one to its `with ... as`), a
      parameter of the module's function that every call of it in the module passes one
      (`self._producer(ws)`, or a hand-off that calls it with the arguments it is given:
      `Thread(target=self._producer, args=(ws,))`, `pool.submit(self._producer, ws)`; not
      when the function is also handed on otherwise, as `callback=self._producer`, nor
      when a call passes what cannot be named; a new connection the module's calls pass
      there wins over a legacy class in the parameter's annotation, which is the
      author's belief). The
      top-level `websockets.connect` / `serve` count when the project allows websockets
      14.0 or later; the legacy names (`websockets.client.connect`, `websockets.legacy.*`)
      never. `.closed` on a file, a socket or anything not known to be a connection is
      never reported. `getattr(ws, "open", None)` is such a read too (no fix: the
      default comes back, so a live connection reads as closed), unless the module also
      reads the connection's `.state` (or `.request` for `.path` and `.request_headers`,
      `.response` for `.response_headers`, directly or through `getattr`), a `hasattr`
      test guards it, or it stands in an
      `if` test itself (code that tells the two implementations apart on purpose), or
      follows, in the same function, an `if` with such a test whose body returns or
      raises (`if hasattr(ws, "request"): return ws.request.path` then `return ws.path`).
      A `hasattr(ws, "request_headers")` test itself is reported where every release
      the project allows gives a new connection: it is always false, and the branch
      for a connection that has the attribute never runs (no fix). A stand-in read
      compared with a state (`getattr(ws, "closed", True) is False`) is still one.

    ## Why is this bad?
    `InvalidStatus` (websockets 10.0+, raised by every new client and by the top-level
    `websockets.connect` from 14.0) has no `.status_code` and no `.headers`: those were
    `InvalidStatusCode`'s. It keeps the whole response: `e.response.status_code`,
    `e.response.headers`, `e.response.body`. Reading `e.status_code` in the handler
    raises AttributeError there, so the refusal the handler was written for (a 401 to
    report, a 403 not to retry) becomes a crash. Code migrated from `InvalidStatusCode`
    by renaming the class alone has this shape.

    A clause that catches `InvalidStatusCode` too (`except (InvalidStatusCode,
    InvalidStatus) as e:`) is reported as well: `e` may be either.

    The new connection (`ClientConnection`, `ServerConnection`: the top-level
    `connect` / `serve` from 14.0) has no `.open` / `.closed` (AttributeError:
    `'ClientConnection' object has no attribute 'open'`: aiopulse2 #12, async_rithmic #5,
    pydoll #55, slack-sdk #1613, DhanHQ-py #99), and keeps the handshake under
    `.request` / `.response` instead of `.path` / `.request_headers` /
    `.response_headers`.

    ## Example
    ```python
    try:
        async with connect(uri) as ws:
            await ws.send(hello)
    except InvalidStatus as e:
        if e.status_code == 403:  # AttributeError
            raise Forbidden() from e
    ```

    Use instead:
    ```python
    except InvalidStatus as e:
        if e.response.status_code == 403:
            raise Forbidden() from e
    ```

    And (preview part, a project that allows websockets 14.0 or later):
    ```python
    async def keepalive(self):
        self.ws = await websockets.connect(self.uri)
        while self.ws.open:  # AttributeError
            await self.ws.ping()
    ```

    Use instead:
    ```python
    while self.ws.state is State.OPEN:  # from websockets.protocol import State
    ```

    ## Fix
    Reads in the clause become `e.response.status_code` / `e.response.headers` (every
    release that has `InvalidStatus` has `.response`). Where the clause also catches
    `InvalidStatusCode`, they become `getattr(e, "response", e).status_code`, which reads
    the same attribute from either class.

    On a connection: `ws.open` / `ws.closed` become `ws.state is State.OPEN` / `State.CLOSED`
    (`websockets.protocol.State`, which both implementations share; never `close_code`,
    missing on 14.0). `.path`, `.request_headers`, `.response_headers` become
    `.request.path`, `.request.headers`, `.response.headers` where the project allows
    only 14.0 and later, or only the new names are called; where it allows releases on
    both sides of 14.0, `(ws.request.path if hasattr(ws, "request") else ws.path)`, which
    reads the right one on each. `.host`, `.port`, `.secure` are reported with no fix.

    ## Fix safety
    Safe: the attribute read never worked on `InvalidStatus`, nor on the new connection.
    Unsafe where the clause stores its name again (`e = Note()`): the reads up to that
    store are rewritten, but a closure or a loop may read either object; and the `State`
    fix where releases before 10.0 (which have no `websockets.protocol.State`) are
    allowed, or the project's releases are unknown.

    ## Preview
    The connection attributes are this rule's preview part: they are reported with
    `--preview`, or when the selection names NFX206 by its full code
    (`--select NFX206`, `extend-select`), until a blind sample measures them.

    ## Sources
    - FACTS.md section 3, rows 2, 5 and 11; section 2 (`InvalidStatus` has no `.status_code`)
    - websockets `exceptions.InvalidStatus`; Prefect #17274 (`exc.response.status_code`)
    - websockets 14.0 upgrade guide, "Attributes of connection objects"
    """

    code = "NFX206"
    name = "websockets-connection-attribute"
    fix_safety = SAFE
    # The default part reads clauses and isinstance tests whose class resolves, in the
    # module, to InvalidStatus(Code): the text names it. The preview part reads
    # connections, and a module that makes or serves them names websockets.
    trigger = re.compile(r"InvalidStatus")
    preview_trigger = re.compile(r"InvalidStatus|websockets")

    def check(self, context: RuleContext) -> Iterator[Finding]:
        yield from self.status_reads(context)
        if self.code in context.previewing:
            yield from self.connection_reads(context)

    def connection_reads(self, context: RuleContext) -> Iterator[Finding]:
        reads = context.facts.connection_reads
        if not reads:
            return
        origins = context.view(ConnectionOrigins)
        for read in reads:
            if read.attribute in NEW_CONNECTION_ATTRIBUTES:
                continue  # the new connection has them (close_code from 14.1): NFX209's business
            if read.through_getattr and reads_new_spelling(context, read.receiver, read.attribute):
                continue  # it reads the new connection's spelling too: both kinds on purpose
            if read.through_hasattr and reads_new_spelling(context, read.receiver, read.attribute):
                continue  # the other branch reads the new connection's spelling
            found = origins.of_name(read.scope, read.receiver, 0)
            if found.verdict != "new":
                continue
            if read.through_hasattr:
                if not found.only_some:
                    yield self._never_true(read, found)
                continue
            if read.through_getattr:
                yield self._defaulted(read, found)
                continue
            fix = self.connection_fix(context, read, found)
            instead = f"; {fix.description}" if fix is not None else self._no_fix(read)
            if fix is not None and fix.safety == UNSAFE:
                why = self._why_unsafe(context, found) if read.attribute in STATES else ""
                if read.debug:
                    why = "; ".join(filter(None, [why, f"`{{{read.receiver}.{read.attribute}=}}` prints the new text"]))
                instead += f" (fix unsafe: {why})"
            message = (
                f"`{read.receiver}.{read.attribute}` is a legacy connection's attribute: {found.why}, which has "
                f"no `.{read.attribute}` (AttributeError){instead}"
            )
            yield make_finding(self, message, read.span, fix)

    def _defaulted(self, read: AttributeRead, found: Provenance) -> Finding:
        """``getattr(ws, "open", None)`` on a new connection: no AttributeError, the
        default instead (a live connection reads as not open)."""
        attribute = read.attribute
        instead = f"`{read.receiver}.state is State.{STATES[attribute]}`" if attribute in STATES else None
        how = f"; {instead} works on both implementations" if instead else ""
        message = (
            f"`getattr({read.receiver}, {attribute!r}, ...)` reads a legacy connection's attribute: {found.why}, "
            f"which has no `.{attribute}`: there the default comes back, whatever the connection's state (no fix: the default may stand "
            f"for a missing connection too{how})"
        )
        return make_finding(self, message, read.span, None)

    def _never_true(self, read: AttributeRead, found: Provenance) -> Finding:
        """``hasattr(ws, "request_headers")`` where every allowed release makes ``ws`` a
        new connection: the test is always false, and what it guards never runs."""
        attribute = read.attribute
        if attribute in STATES or attribute in NEW_SPELLING:
            spelled = f"{read.receiver}.state" if attribute in STATES else NEW_SPELLING[attribute].format(read.receiver)
            has = f"the new connection has `{spelled}`"
        else:
            has = self._no_fix(read)[len(" (no fix: ") : -1]
        message = (
            f"`hasattr({read.receiver}, {attribute!r})` is always false: {found.why}, which has no "
            f"`.{attribute}` on any release this project allows, so the branch for a connection that has it "
            f"never runs (no fix: {has})"
        )
        return make_finding(self, message, read.span, None)

    @staticmethod
    def _no_fix(read: AttributeRead) -> str:
        return f" (no fix: the new connection has `{read.receiver}.remote_address` and `.request` / `.response`)"

    def connection_fix(self, context: RuleContext, read: AttributeRead, found: Provenance) -> Optional[Fix]:
        receiver, attribute = read.receiver, read.attribute
        if attribute in STATES:
            state = self._state(context)
            if state is None:
                return None
            name, imports = state
            code = f"{receiver}.state is {name}.{STATES[attribute]}"
            code = f"({code})" if read.operand else code
            safety: Safety = UNSAFE if self._why_unsafe(context, found) or read.debug else SAFE
            ops: Tuple[FixOp, ...] = (ReplaceExpr(read.target, code), *imports)
            return Fix(safety, f"`{code}` works on both implementations", ops)
        spelling = NEW_SPELLING.get(attribute)
        if spelling is None:
            return None
        code = spelling.format(receiver)
        if found.only_some:  # the legacy connection on older releases has only the old name
            code = f'({code} if hasattr({receiver}, "request") else {receiver}.{attribute})'
        safety = UNSAFE if read.debug else SAFE
        return Fix(safety, f"`{code}` reads it from the new connection", (ReplaceExpr(read.target, code),))

    def _why_unsafe(self, context: RuleContext, found: Provenance) -> str:
        """Why the ``State`` fix may break a release or an install the project allows ("":
        it does not)."""
        spec = context.websockets_spec
        if allows_below(spec, STATE_FROM):
            return "releases before 11.0 may be installed, where `websockets.protocol` cannot be imported"
        if found.detail == "sync" and allows_below(spec, SYNC_STATE_FROM):
            return "the threading connection has `.state` from 14.1 only"
        if self._import_may_fail(context):
            return "the module imports websockets only guarded or inside functions; the fix imports State at its top"
        return ""

    @staticmethod
    def _import_may_fail(context: RuleContext) -> bool:
        """A module-level ``from websockets.protocol import State`` would break a module
        that imports websockets only guarded (optional) or only inside functions."""
        facts = context.facts
        at_top = any(
            b.kind == "import" and (b.target or "").split(".")[0] == "websockets" and not b.conditional
            for bindings in facts.module_scope.bindings.values()
            for b in bindings
        )
        return not at_top or context.view(Importer).may_be_missing("websockets")

    @staticmethod
    def _state(context: RuleContext) -> Optional[Tuple[str, Tuple[AddImport, ...]]]:
        """How the fix names ``websockets.protocol.State``, and the import that binds it."""
        facts = context.facts
        if resolve(facts, facts.module_scope, "State").qualname == "websockets.protocol.State":
            return "State", ()
        bound = context.view(Importer).bound_anywhere
        for name in ("State", "WsState", "WebSocketState"):
            if name not in bound:
                alias = "" if name == "State" else f" as {name}"
                return name, (AddImport(f"from websockets.protocol import State{alias}", "websockets.protocol"),)
        return None

    def status_reads(self, context: RuleContext) -> Iterator[Finding]:
        facts = context.facts
        for block in facts.tries:
            for handler in block.handlers:
                reads = handler.body.status_reads
                caught = _status_clause(facts, handler)
                name = handler.name
                if caught is None or name is None:
                    continue
                either = bool(caught & STATUS_CODE_CLASSES)
                fix = Fix(
                    rewrite_safety(handler),
                    f"Read the status from `{name}.response`",
                    (RewriteStatusReads(handler.target, name, either),),
                )
                first: Span = reads[0]
                also = " (the clause also catches InvalidStatusCode, which has them)" if either else ""
                message = (
                    f"InvalidStatus has no .status_code or .headers{also}: reading them on `{name}` raises "
                    f"AttributeError in the handler; InvalidStatus keeps them under `{name}.response`"
                )
                yield make_finding(self, message, first, fix)
        yield from self.narrowed_reads(context)

    def narrowed_reads(self, context: RuleContext) -> Iterator[Finding]:
        """``isinstance(x, InvalidStatus) and x.status_code == 401`` (a retry predicate,
        an error classifier): where the test holds, ``x`` is an InvalidStatus, which has
        no ``.status_code``; through ``hasattr`` the branch never runs."""
        facts = context.facts
        # A test inside a clause that binds the same name and is reported already (a
        # clause for any other class, ``except WebSocketException as e``, is not).
        reported = [h for b in facts.tries for h in b.handlers if _status_clause(facts, h) is not None]
        for call in facts.class_calls:
            if not call.narrowed_reads or call.args is None or len(call.args) < 2 or call.func.dotted is None:
                continue
            if resolve(facts, call.scope, call.func.dotted).qualname != "builtins.isinstance":
                continue
            subject = call.args[0].dotted
            if subject is None or any(h.name == subject and _within(call.span, h.span) for h in reported):
                continue
            elements = call.elements[1] if len(call.elements) > 1 else None
            tested = expand_caught(facts, call.scope, elements if elements is not None else [call.args[1]])
            names = {c.resolved.qualname for c in tested}
            if not names & INVALID_STATUS:
                continue
            # Another class in the test (InvalidStatusCode, an HTTP framework's exception)
            # may have the attribute: the fix reads through getattr(x, "response", x).
            either = bool(names - INVALID_STATUS)
            also = " (the test also matches other classes, which may have them)" if either else ""
            fix: Optional[Fix] = None
            if call.narrowed_rebound or len(call.scope.bindings.get(subject, ())) > 1:
                also += f" (no fix: `{subject}` is assigned again)"
            elif call.scope.status_reads.get(subject, 0) != call.region_reads:
                also += f" (no fix: `{subject}.status_code` or `.headers` is also read where the test may not hold)"
            else:
                # Every read is where the test holds: there the object is what was tested.
                ops = tuple(RewriteStatusReads(part, subject, either) for part in call.region)
                fix = Fix(SAFE, f"Read the status from `{subject}.response`", ops)
            message = (
                f"Where `isinstance({subject}, {call.args[1].dotted or '(...)'})` holds, `{subject}` may be an "
                f"InvalidStatus, which has no .status_code or .headers{also}: reading them raises AttributeError, "
                f"and a `hasattr` test of them is always false; InvalidStatus keeps them under `{subject}.response`"
            )
            yield make_finding(self, message, call.span, fix)

    valid = (
        # The response's attributes, as InvalidStatus has them.
        "from websockets.exceptions import InvalidStatus\ntry:\n    pass\nexcept InvalidStatus as e:\n"
        "    print(e.response.status_code, e.response.headers)\n",
        # The branch only an exception without .response reaches (an older one's).
        "from websockets.exceptions import InvalidStatus\ntry:\n    pass\nexcept InvalidStatus as e:\n"
        "    status = e.response.status_code if hasattr(e, 'response') else getattr(e, 'status_code', None)\n",
        "from websockets.exceptions import InvalidStatus\ntry:\n    pass\nexcept InvalidStatus as e:\n"
        "    if not hasattr(e, 'response'):\n        print(e.status_code)\n",
        # InvalidStatusCode had them (its clause is NFX201-203's business).
        "from websockets.exceptions import InvalidStatusCode\ntry:\n    pass\nexcept InvalidStatusCode as e:\n"
        "    print(e.status_code)\n",
        # Another name's attributes; a look-alike class.
        "from websockets.exceptions import InvalidStatus\ntry:\n    pass\nexcept InvalidStatus as e:\n"
        "    print(response.status_code)\n",
        "from myclient import InvalidStatus\ntry:\n    pass\nexcept InvalidStatus as e:\n    print(e.status_code)\n",
        # Another variable of the same name: a comprehension's, a lambda's.
        "import websockets\ntry:\n    pass\nexcept websockets.InvalidStatus as e:\n"
        "    codes = [e.status_code for e in others]\n    check = lambda e: e.headers\n",
        # A nested function's own parameter.
        "import websockets\ntry:\n    pass\nexcept websockets.InvalidStatus as e:\n"
        "    def status(e):\n        return e.status_code\n",
        # The legacy client has .open; a file's .closed; an unknown object's.
        "from websockets.client import connect\n\n\nasync def f(uri):\n"
        "    async with connect(uri) as ws:\n        return ws.open\n",
        "import websockets\n\n\ndef f(path, ws):\n    with open(path) as f:\n        pass\n"
        "    return f.closed, ws.open\n",
        # The name bound to something else as well (a loop variable), a comprehension's
        # own variable, reads guarded by the code itself.
        "import websockets\n\n\nasync def f(uri, socks):\n    ws = await websockets.connect(uri)\n"
        "    for ws in socks:\n        print(ws.closed)\n",
        "import websockets\n\n\nasync def f(uri, files):\n    ws = await websockets.connect(uri)\n"
        "    return [ws.closed for ws in files]\n",
        "import websockets\n\n\nasync def f(uri):\n    ws = await websockets.connect(uri)\n"
        "    try:\n        ok = ws.open\n    except AttributeError:\n        ok = ws.state == 1\n"
        "    return ok and hasattr(ws, 'closed') and not ws.closed\n",
        # Written for both classes: the default stands for InvalidStatus, whose response
        # the fallback reads.
        "import websockets\ntry:\n    pass\nexcept (websockets.InvalidStatusCode, websockets.InvalidStatus) as e:\n"
        "    status = getattr(e, 'status_code', None) or getattr(getattr(e, 'response', None), 'status_code', None)\n",
        "from websockets.exceptions import InvalidStatus\n\n\ndef auth_error(exc):\n"
        "    return isinstance(exc, InvalidStatus) and exc.response.status_code in (401, 403)\n",
        # Each class in its own terms, tested by hasattr; the name bound to the response.
        "from websockets.exceptions import InvalidStatus, InvalidStatusCode\n\n\ndef status(e):\n"
        "    if isinstance(e, (InvalidStatusCode, InvalidStatus)):\n"
        "        return e.status_code if hasattr(e, 'status_code') else e.response.status_code\n",
        "from websockets.exceptions import InvalidStatus\n\n\ndef status(e):\n"
        "    if isinstance(e, InvalidStatus):\n        e = e.response\n        return e.status_code\n",
        # A legacy annotation, a handler given to the legacy serve.
        "from websockets.legacy.server import WebSocketServerProtocol, serve\n\n\n"
        "async def handler(ws: WebSocketServerProtocol):\n    return ws.path\n\n\n"
        "async def main():\n    async with serve(handler, '', 0):\n        pass\n",
    )

    invalid = (
        # A true default stops the `or`: the response is never read.
        Invalid(
            "from websockets.exceptions import InvalidStatus\ntry:\n    pass\nexcept InvalidStatus as e:\n"
            "    code = getattr(e, 'status_code', 500) or e.response.status_code\n",
            "from websockets.exceptions import InvalidStatus\ntry:\n    pass\nexcept InvalidStatus as e:\n"
            "    code = getattr(getattr(e, \"response\", None), 'status_code', 500) or e.response.status_code\n",
        ),
        Invalid(
            "from websockets.exceptions import InvalidStatus\n\n\ndef retryable(exc):\n"
            "    return not (isinstance(exc, InvalidStatus) and exc.status_code in (401, 403))\n",
            "from websockets.exceptions import InvalidStatus\n\n\ndef retryable(exc):\n"
            "    return not (isinstance(exc, InvalidStatus) and exc.response.status_code in (401, 403))\n",
        ),
        Invalid(
            "import websockets\n\n\nasync def hello(uri):\n    try:\n"
            "        async with websockets.connect(uri) as ws:\n            await ws.send('hi')\n"
            "    except websockets.InvalidStatus as e:\n        if e.status_code == 403:\n"
            "            raise PermissionError(e.headers.get('reason')) from e\n        raise\n",
            "import websockets\n\n\nasync def hello(uri):\n    try:\n"
            "        async with websockets.connect(uri) as ws:\n            await ws.send('hi')\n"
            "    except websockets.InvalidStatus as e:\n        if e.response.status_code == 403:\n"
            "            raise PermissionError(e.response.headers.get('reason')) from e\n        raise\n",
        ),
        Invalid(
            "from websockets.exceptions import InvalidStatus, InvalidStatusCode\n\n\n"
            "def status_of(connect, uri):\n    try:\n        connect(uri)\n"
            "    except (InvalidStatusCode, InvalidStatus) as exc:\n        return exc.status_code\n"
            "    return 101\n",
            "from websockets.exceptions import InvalidStatus, InvalidStatusCode\n\n\n"
            "def status_of(connect, uri):\n    try:\n        connect(uri)\n"
            "    except (InvalidStatusCode, InvalidStatus) as exc:\n"
            '        return getattr(exc, "response", exc).status_code\n'
            "    return 101\n",
        ),
        Invalid(
            "import websockets\n\n\nclass Feed:\n    async def start(self, uri):\n"
            "        self.ws = await websockets.connect(uri)\n\n    def alive(self):\n"
            "        return self.ws.open and not self.ws.closed\n",
            "import websockets\nfrom websockets.protocol import State\n\n\nclass Feed:\n"
            "    async def start(self, uri):\n        self.ws = await websockets.connect(uri)\n\n"
            "    def alive(self):\n        return self.ws.state is State.OPEN and not self.ws.state is State.CLOSED\n",
            count=2,
            websockets_version=">=14",
        ),
        Invalid(
            "from websockets.asyncio.server import ServerConnection\n\n\n"
            "def route(ws: ServerConnection):\n    return ws.path, ws.request_headers['Host']\n",
            "from websockets.asyncio.server import ServerConnection\n\n\n"
            "def route(ws: ServerConnection):\n    return ws.request.path, ws.request.headers['Host']\n",
            count=2,
        ),
        Invalid(
            "import websockets\n\n\nasync def echo(ws):\n    print(ws.path, ws.remote_address)\n\n\n"
            "async def main():\n    async with websockets.serve(echo, '', 0):\n        pass\n",
            "import websockets\n\n\nasync def echo(ws):\n"
            '    print((ws.request.path if hasattr(ws, "request") else ws.path), ws.remote_address)\n\n\n'
            "async def main():\n    async with websockets.serve(echo, '', 0):\n        pass\n",
            websockets_version=">=12,<18",
        ),
        # A static method has no self: its first parameter is the connection.
        Invalid(
            "from websockets.asyncio.client import ClientConnection\n\n\nclass Feed:\n    @staticmethod\n"
            "    def alive(ws: ClientConnection) -> bool:\n        return ws.open\n",
            "from websockets.asyncio.client import ClientConnection\nfrom websockets.protocol import State\n\n\n"
            "class Feed:\n    @staticmethod\n    def alive(ws: ClientConnection) -> bool:\n"
            "        return ws.state is State.OPEN\n",
            websockets_version=">=13",
        ),
        # websockets 10.x cannot import websockets.protocol as a module: unsafe there.
        Invalid(
            "import websockets\n\n\nasync def f(uri):\n    async with websockets.connect(uri) as ws:\n"
            "        return ws.open\n",
            None,
            unsafe_fixed="import websockets\nfrom websockets.protocol import State\n\n\nasync def f(uri):\n"
            "    async with websockets.connect(uri) as ws:\n        return ws.state is State.OPEN\n",
            websockets_version=">=10",
        ),
    )
