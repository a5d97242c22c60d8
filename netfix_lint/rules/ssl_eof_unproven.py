"""NFX104: NFX101 and NFX102's defect where nothing in the module shows TLS."""

from __future__ import annotations

import itertools
from typing import Iterator

from ..context import RuleContext
from ..model import SAFE, Finding
from ..prefilter import CAUGHT
from .base import Invalid, Rule, register
from .ssl_eof_caught import clause_findings
from .ssl_eof_suppressed import suppress_findings
from .ssl_reach import DROP_TRIGGER


@register
class SslEofTlsUnproven(Rule):
    """
    ## What it does
    Finds what NFX101 and NFX102 find (an `except` clause or a `contextlib.suppress()`
    that takes connection drops but lets `ssl.SSLEOFError` through) where nothing in the
    module itself shows that the socket is a TLS one: the module sets no TLS up, uses no
    blocking TLS client, and the socket's origin cannot be followed to a wrap. The
    evidence is weaker, and the message says which:
    - "the package wraps sockets in TLS in `app/tls.py`, a module linked to this one
      by imports" (that file as a related location: a module this one imports, or that
      imports it, directly or through others, not through an `__init__.py`);
    - "`sock.sendall()` writes to a socket made elsewhere, which may be a TLS one";
    - "the module does socket work, on sockets made elsewhere that may be TLS ones".

    ## Why is this bad?
    A library's handler is often handed its users' sockets: CPython's `wsgiref` has no
    TLS of its own, yet a server that wraps its listening socket makes
    `BaseHandler.run`'s "client went away" clause miss `ssl.SSLEOFError`, and the drop
    is logged as an error with a traceback. The same handler in an application whose
    sockets are all plain is right as written, and from the module alone the two look
    the same. Use this rule to audit a library that is handed sockets, or a project
    that wraps sockets far from where it handles their errors.

    Every filter of NFX101 applies first (plain and datagram sockets, pipes, asyncio
    streams, Twisted transports, reads, a package that runs only plain sockets of its own or sets TLS up
    only for an event loop, HTTP libraries that wrap their errors...). When one of
    them decides, nothing is reported.

    ## Preview
    On releases picked before the tool ever ran on them (corpus/README.md, blind rounds
    2 to 7), NFX101's findings at these evidence levels were 1 true positive in 18
    (ddtrace's HTTP writer); at the stronger levels (a socket known to be wrapped, TLS
    set up in the module, a blocking TLS client there) 13 in 19. That is why these
    findings were split off from NFX101 into a rule of their own, which stays a preview
    rule: off unless selected by its full code (`--select NFX104`, `extend-select`) or
    run with `--preview`. Blind rounds 8 and 9, the first since the split: 4 true in 11,
    then 0 in 4. A `# noqa: NFX101` written before the split does not cover these
    findings: name NFX104 too.

    ## Example
    ```python
    class Handler:
        def run(self, application):
            try:
                self.finish_response(application(self.environ, self.start_response))
            except (ConnectionAbortedError, BrokenPipeError, ConnectionResetError):
                return  # the client went away; an SSLEOFError is logged as an error
    ```

    Use instead:
    ```python
    import ssl

    class Handler:
        def run(self, application):
            try:
                self.finish_response(application(self.environ, self.start_response))
            except (ConnectionAbortedError, BrokenPipeError, ConnectionResetError, ssl.SSLEOFError):
                return
    ```

    ## Fix
    As NFX101's and NFX102's: adds `SSLEOFError` to the clause or the `suppress()` call,
    spelled the way the module reaches `ssl`, importing it when needed. Catching it too
    is harmless where the socket turns out to be plain.

    ## Fix safety
    Safe; unsafe where `ssl` may be missing at run time (a guarded import), as NFX101
    explains.

    ## Sources
    - CPython `Lib/wsgiref/handlers.py`, `BaseHandler.run`
    - CPython gh-115627, gh-95494 (when SSLEOFError is raised)
    - corpus/README.md, the blind rounds (precision by evidence level)
    """

    code = "NFX104"
    name = "ssl-eof-tls-unproven"
    fix_safety = SAFE
    preview = True
    trigger = DROP_TRIGGER
    trigger_context = CAUGHT
    reads_websockets_spec = False

    def check(self, context: RuleContext) -> Iterator[Finding]:
        return itertools.chain(clause_findings(self, context, weak=True), suppress_findings(self, context, weak=True))

    valid = (
        # TLS set up in the module: NFX101's, not this rule's.
        "import socket, ssl\nctx = ssl.create_default_context()\ndef send(sock, data):\n    try:\n"
        "        sock.sendall(data)\n    except ConnectionResetError:\n        pass\n",
        # A socket the module makes plain.
        "import socket\ndef send(data):\n    sock = socket.create_connection(('example.org', 80))\n    try:\n"
        "        sock.sendall(data)\n    except ConnectionResetError:\n        pass\n",
        # Standard streams.
        "import sys\ntry:\n    sys.stdout.write('x')\nexcept BrokenPipeError:\n    pass\n",
    )
    invalid = (
        Invalid(
            "import socket\ndef send(sock, data):\n    try:\n        sock.sendall(data)\n"
            "    except ConnectionResetError:\n        pass\n",
            "import socket\nimport ssl\ndef send(sock, data):\n    try:\n        sock.sendall(data)\n"
            "    except (ConnectionResetError, ssl.SSLEOFError):\n        pass\n",
        ),
        Invalid(
            "import contextlib, socket\ndef close(sock):\n    with contextlib.suppress(BrokenPipeError):\n"
            "        sock.sendall(b'bye')\n",
            "import contextlib, socket\nimport ssl\ndef close(sock):\n"
            "    with contextlib.suppress(BrokenPipeError, ssl.SSLEOFError):\n        sock.sendall(b'bye')\n",
        ),
    )
