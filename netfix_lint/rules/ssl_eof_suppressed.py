"""NFX102: ``contextlib.suppress`` of connection drops that misses ``ssl.SSLEOFError``."""

from __future__ import annotations

from typing import Iterator

from ..context import RuleContext
from ..facts import expand_caught, resolve
from ..model import SAFE, Finding
from ..prefilter import CAUGHT
from .base import Invalid, Rule, register
from .ssl_eof_caught import TLS_SETUP
from .ssl_reach import DROP_TRIGGER, SslModule


@register
class SslEofNotSuppressed(Rule):
    """
    ## What it does
    Finds `contextlib.suppress(...)` calls (any import form) that suppress a
    connection-drop exception (`ConnectionError`, `ConnectionResetError`,
    `ConnectionAbortedError`, `BrokenPipeError`) but not `ssl.SSLEOFError` or a base of it.

    ## Why is this bad?
    `with suppress(ConnectionError):` around a socket write says "a peer that went away
    is fine". On Python 3.10+ a TLS peer that goes away raises `ssl.SSLEOFError`, which
    is not a `ConnectionError`, so it escapes the `with` block. The same precision rules
    as NFX101 apply: names resolved through imports, look-alikes ignored, constants
    followed, the pipe, `await`, `close()`, read-only, asyncio-write and
    `BrokenPipeError`-only heuristics applied to the `with` body, and the package
    heuristic (a package that sets TLS up but never on a blocking socket). Where the
    `with` body's sockets come from is followed as NFX101 explains (a socket known to be
    wrapped is reported, one known to be plain keeps it quiet), and the message ends with
    the same evidence. Like NFX101 it reports only where the module itself shows TLS;
    the same call elsewhere is NFX104's.

    ## Example
    ```python
    with contextlib.suppress(ConnectionResetError, BrokenPipeError):
        sock.sendall(data)
    ```

    Use instead:
    ```python
    with contextlib.suppress(ConnectionResetError, BrokenPipeError, ssl.SSLEOFError):
        sock.sendall(data)
    ```

    ## Fix
    Appends `SSLEOFError` to the call's arguments, spelled and imported as NFX101 does.

    ## Fix safety
    Safe; unsafe where `ssl` may be missing (guarded import), as NFX101 explains.
    Arguments are evaluated when `suppress(...)` is called, so there a missing `ssl`
    would fail at once rather than when a connection drops.

    ## Preview
    Off by default since blind round 28's pick (SPEC, "Rule maturity"): its one finding
    in the blind rounds' first runs (corpus/README.md, round 5) was false, and it rests
    on NFX101's evidence, whose first runs were right 55 times in 106 (25 in 28 over
    rounds 22 to 27). It runs when selected by its full code (`--select NFX102`,
    `flake8 --select NFX102`) or with `--preview`.

    ## Sources
    - CPython gh-115627, gh-95494 (when SSLEOFError is raised)
    - Python docs: `contextlib.suppress`
    """

    code = "NFX102"
    name = "ssl-eof-not-suppressed"
    fix_safety = SAFE
    preview = True
    trigger = DROP_TRIGGER
    trigger_context = CAUGHT
    # Only a call that resolves, in the module, to contextlib.suppress reports: its text
    # names suppress (an import of it, an alias of it, or contextlib.suppress itself).
    trigger_needs = ("suppress",)
    reads_websockets_spec = False

    def check(self, context: RuleContext) -> Iterator[Finding]:
        return suppress_findings(self, context)

    valid = (
        "import contextlib, ssl\nwith contextlib.suppress(ConnectionError, ssl.SSLError):\n    pass\n",
        "from contextlib import suppress\nwith suppress(OSError):\n    pass\n",
        "from contextlib import suppress\nimport sys\nwith suppress(BrokenPipeError):\n    sys.stdout.flush()\n",
        "from mylib import suppress\nwith suppress(ConnectionError):\n    pass\n",
        # contextlib's suppress rebound by the module's own function.
        "from contextlib import suppress\nimport socket\n\ndef suppress(*errors):\n    return open(__file__)\n\n"
        "with suppress(ConnectionError):\n    socket.create_connection(('h', 1)).sendall(b'x')\n",
        "import contextlib\nwith contextlib.suppress(*ERRORS):\n    pass\n",
        "import contextlib\nimport requests\nwith contextlib.suppress(requests.ConnectionError):\n    pass\n",
    )

    invalid = (
        Invalid(
            "import contextlib\nimport ssl\n\nwith contextlib.suppress(ConnectionResetError):\n"
            "    sock.sendall(data)\n" + TLS_SETUP,
            "import contextlib\nimport ssl\n\n"
            "with contextlib.suppress(ConnectionResetError, ssl.SSLEOFError):\n"
            "    sock.sendall(data)\n" + TLS_SETUP,
        ),
        Invalid(
            "from contextlib import suppress as quiet\nimport socket\n\n"
            "def close(sock):\n    with quiet(BrokenPipeError, ConnectionResetError):\n"
            "        sock.sendall(b'bye')\n" + TLS_SETUP,
            "from contextlib import suppress as quiet\nimport socket\nimport ssl\n\n"
            "def close(sock):\n    with quiet(BrokenPipeError, ConnectionResetError, ssl.SSLEOFError):\n"
            "        sock.sendall(b'bye')\n" + TLS_SETUP,
        ),
        Invalid(
            "import contextlib\nimport ssl\n\nwith contextlib.suppress(\n    ConnectionError,\n"
            "    BrokenPipeError,\n):\n    conn.send(b'x')\n" + TLS_SETUP,
            "import contextlib\nimport ssl\n\nwith contextlib.suppress(\n    ConnectionError,\n"
            "    BrokenPipeError,\n    ssl.SSLEOFError,\n):\n    conn.send(b'x')\n" + TLS_SETUP,
        ),
    )


def suppress_findings(rule: Rule, context: RuleContext, weak: bool = False) -> Iterator[Finding]:
    """The suppress() calls that let SSLEOFError through, as ``rule``'s findings: those
    whose evidence shows TLS in the module (NFX102), or with ``weak`` the others (NFX104)."""
    facts, ssl = context.facts, context.view(SslModule)
    for call in facts.class_calls:
        if call.args is None or call.func.dotted is None:
            continue
        resolved = resolve(facts, call.scope, call.func.dotted)
        if resolved.qualname != "contextlib.suppress":
            continue
        if resolved.maybe_missing and not resolved.guarded:
            continue  # also bound otherwise (a module-level ``def suppress``): not surely it
        caught = expand_caught(facts, call.scope, call.args)
        finding = ssl.finding(
            rule, "suppress() silences", caught, call.body_calls, call.target, call.scope, call.span, weak
        )
        if finding is not None:
            yield finding
