"""NFX206: attributes the websockets 14 switch took away. This part: ``.status_code`` and
``.headers`` read on an ``InvalidStatus`` (FACTS.md section 3, row 11); the connection
attributes of the same rule (``ws.open``, ``ws.path``...) are issue 18's.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..context import RuleContext
from ..facts import Span, expand_caught
from ..model import SAFE, Finding, Fix, RewriteStatusReads
from ..prefilter import CAUGHT
from .base import Invalid, Rule, make_finding, register
from .websockets_reach import INVALID_STATUS, STATUS_CODE_CLASSES, rewrite_safety


@register
class WebsocketsConnectionAttribute(Rule):
    """
    ## What it does
    Finds reads of `.status_code` or `.headers` (also through `getattr` / `hasattr`) on
    the exception an `except InvalidStatus as e:` clause binds (`websockets.InvalidStatus`
    or `websockets.exceptions.InvalidStatus`, under any import or alias).

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

    ## Fix
    Reads in the clause become `e.response.status_code` / `e.response.headers` (every
    release that has `InvalidStatus` has `.response`). Where the clause also catches
    `InvalidStatusCode`, they become `getattr(e, "response", e).status_code`, which reads
    the same attribute from either class.

    ## Fix safety
    Safe: the attribute read never worked on `InvalidStatus`. Unsafe where the clause
    stores its name again (`e = Note()`): the reads up to that store are rewritten, but
    a closure or a loop may read either object.

    ## Sources
    - FACTS.md section 3, row 11; section 2 (`InvalidStatus` has no `.status_code`)
    - websockets `exceptions.InvalidStatus`; Prefect #17274 (`exc.response.status_code`)
    """

    code = "NFX206"
    name = "websockets-connection-attribute"
    fix_safety = SAFE
    trigger = re.compile(r"\bInvalidStatus\b")
    trigger_context = CAUGHT

    def check(self, context: RuleContext) -> Iterator[Finding]:
        facts = context.facts
        for block in facts.tries:
            for handler in block.handlers:
                reads = handler.body.status_reads
                if handler.types is None or handler.name is None or not reads:
                    continue
                caught = {c.resolved.qualname for c in expand_caught(facts, handler.scope, handler.types)}
                if not caught & INVALID_STATUS:
                    continue
                either = bool(caught & STATUS_CODE_CLASSES)
                name = handler.name
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

    valid = (
        # The response's attributes, as InvalidStatus has them.
        "from websockets.exceptions import InvalidStatus\ntry:\n    pass\nexcept InvalidStatus as e:\n"
        "    print(e.response.status_code, e.response.headers)\n",
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
    )

    invalid = (
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
    )
