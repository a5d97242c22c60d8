"""NFX103: connection drops recognised by errno, which ssl.SSLEOFError does not carry.

``ssl.SSLEOFError().errno`` is ``ssl.SSL_ERROR_EOF`` (8), not EPIPE or ECONNRESET, so a
"client went away" test on the errno of an ``OSError`` misses a TLS peer that hangs up.
"""

from __future__ import annotations

import errno
import re
from dataclasses import replace
from typing import Iterator, List, Optional, Set, Tuple

from ..ast_reading import NEGATED_OPERATORS
from ..context import RuleContext
from ..facts import (
    Comparison,
    Handler,
    ModuleFacts,
    Outcome,
    Scope,
    Span,
    TryBlock,
    constant_elements,
    expand_caught,
    lookup,
    resolve,
)
from ..model import Finding, Related
from ..prefilter import COMPARED
from .base import Invalid, Rule, make_finding, register
from .ssl_reach import CATCHES_SSL_EOF, SslModule, names_tls_errors
from .value_origin import mro

#: errno values that mean "the peer went away".
DROP_ERRNOS = frozenset({"errno.EPIPE", "errno.ECONNRESET", "errno.ECONNABORTED", "errno.ESHUTDOWN"})
#: A check that also knows the TLS EOF (by name or by its value, 8).
EOF_ERRNOS = frozenset({"ssl.SSL_ERROR_EOF", "_ssl.SSL_ERROR_EOF"})
#: ``ssl.SSLEOFError().errno``.
SSL_ERROR_EOF = 8
#: A test that also knows these is about a non-blocking socket (an event loop's).
WOULD_BLOCK_ERRNOS = frozenset({"errno.EAGAIN", "errno.EWOULDBLOCK"})
#: Mentioning one of these in the handler means it deals with TLS errors itself.
SSL_AWARE_NAMES = frozenset({"SSL_ERROR_EOF", "SSLEOFError", "SSLError", "SSLZeroReturnError"})


def _errno_read(name: str) -> re.Pattern[str]:
    """Expressions (normalized text) that read the errno of the exception bound to ``name``."""
    e = re.escape(name)
    return re.compile(
        rf"^(?:{e}\.errno|{e}\.args\[0\]|{e}\[0\]|getattr\({e},'errno'(?:,[^)]*)?\)"
        rf"|(?:[\w.]+\.)?get_errno\({e}\)|(?:[\w.]+\.)?errno_from_exception\({e}\))$"
    )


def receives_ssl_eof(facts: ModuleFacts, block: TryBlock, handler: Handler) -> bool:
    """Would an ssl.SSLEOFError raised in the try body reach this clause?"""
    for other in block.handlers:
        if other.types is None:
            return other is handler  # or an earlier bare except took it
        expanded = expand_caught(facts, other.scope, other.types)
        caught = {c.resolved.qualname for c in expanded}
        if names_tls_errors(expanded, other.scope):
            return False  # some clause of this try handles TLS errors on purpose
        if None in caught:
            return False  # a clause we cannot see through may take it first
        if caught & CATCHES_SSL_EOF:
            return other is handler
        if other is handler:
            return False
    return False


def _errno_names(facts: ModuleFacts, handler: Handler, comparison: Comparison) -> Set[str]:
    """The qualified names of the errno values ``comparison`` tests against."""
    values = comparison.right_elements
    if values is None and comparison.right.dotted:
        values = constant_elements(facts, handler.scope, comparison.right.dotted)
    return {
        resolve(facts, handler.scope, v.dotted).qualname or "?"
        for v in (values or [comparison.right])
        if v.dotted is not None
    }


def _errno_value(qualname: str) -> Optional[int]:
    """The number an errno name stands for here (``errno.ENOEXEC`` is 8, like the TLS EOF)."""
    if qualname in EOF_ERRNOS:
        return SSL_ERROR_EOF
    module, _, name = qualname.partition(".")
    value = getattr(errno, name, None) if module == "errno" else None
    return value if isinstance(value, int) else None


def _test_holds(facts: ModuleFacts, handler: Handler, comparison: Comparison, errno_value: int) -> Optional[bool]:
    """What ``comparison`` gives when the caught exception's errno is ``errno_value``;
    None when that cannot be told (another subject, a value that is no errno name)."""
    reads = _errno_read(handler.name or "")
    subjects = {alias for alias, value in handler.body.aliases.items() if reads.match(value)}
    if not (reads.match(comparison.left) or comparison.left in subjects):
        return None
    values = comparison.right_elements
    if values is None and comparison.op in ("in", "not in") and comparison.right.dotted:
        values = constant_elements(facts, handler.scope, comparison.right.dotted)
    if values is None:
        values = [comparison.right] if comparison.op in ("==", "!=") else None
    if values is None:
        return None
    numbers = set()
    for value in values:
        number = int(value.text) if value.text.isdigit() else None
        if number is None and value.dotted is not None:
            number = _errno_value(resolve(facts, handler.scope, value.dotted).qualname or "?")
        if number is None:
            return None
        numbers.add(number)
    member = errno_value in numbers
    return member if comparison.op in ("==", "in") else not member


def _path(facts: ModuleFacts, handler: Handler, comparison: Comparison, errno_value: int) -> Outcome:
    """What the ``if``/``elif`` chain that ``comparison`` tests does for ``errno_value``
    (``()`` when it does nothing); None when that cannot be told."""
    tests = {c.span: c for c in handler.body.comparisons}
    current: Optional[Comparison] = comparison
    while current is not None and current.branches is not None:
        holds = _test_holds(facts, handler, current, errno_value)
        if holds is None:
            return None
        branches = current.branches
        if holds:
            return branches.body
        if branches.orelse == "end":
            return ()
        if branches.orelse == "else":
            return branches.orelse_body
        current = tests.get(branches.elif_test) if branches.elif_test is not None else None
    return None


def same_either_way(facts: ModuleFacts, handler: Handler, comparison: Comparison) -> bool:
    """The errno test makes no difference to a TLS EOF: the path errno 8 takes through
    the ``if``/``elif`` chain does what the path of each drop errno does, up to the
    messages (rethinkdb closes and raises ReqlDriverError either way)."""
    if comparison.branches is None or comparison.branches.is_elif:
        return False  # an elif: an earlier test may take errno 8 another way
    eof = _path(facts, handler, comparison, SSL_ERROR_EOF)
    if eof is None:
        return False
    drops = [_errno_value(name) for name in _errno_names(facts, handler, comparison) & DROP_ERRNOS]
    return bool(drops) and all(
        number is not None and _path(facts, handler, comparison, number) == eof for number in drops
    )


def drop_errno_checks(facts: ModuleFacts, handler: Handler) -> Iterator[Comparison]:
    """The comparisons in the handler that recognise drops by errno alone, in order:
    its own, and those of the module's errno tests it calls (``if is_disconnect(e):``)."""
    if handler.name is None:
        return
    reads = _errno_read(handler.name)
    # ``errnum = e.args[0]`` makes ``errnum`` an errno read too.
    subjects = {alias for alias, value in handler.body.aliases.items() if reads.match(value)}
    found = [(c, handler.scope) for c in handler.body.comparisons if reads.match(c.left) or c.left in subjects]
    found += _predicate_tests(facts, handler)
    for comparison, scope in sorted(found, key=lambda item: (item[0].span.line, item[0].span.col)):
        if _tests_drop_errnos(facts, scope, comparison):
            yield comparison


def _predicate_tests(facts: ModuleFacts, handler: Handler) -> List[Tuple[Comparison, Scope]]:
    """For each ``f(e)`` in the handler where ``f`` is the module's own function whose
    body is ``return p.errno in (...)``: that test, as the handler's (and the scope its
    names resolve in)."""
    assert handler.name is not None
    tests = []
    for predicate in handler.body.predicates:
        function = _own_function(facts, handler.scope, predicate.func)
        test = function.errno_test if function is not None else None
        if function is None or test is None:
            continue
        param = function.params[-1]
        left = re.sub(rf"\b{re.escape(param)}\b", handler.name, test.left)
        if not _errno_read(handler.name).match(left):
            continue
        op = NEGATED_OPERATORS[test.op] if predicate.negated else test.op
        via = f"`{predicate.func}({handler.name})` tests `{left}`, line {test.span.line}"
        tests.append(
            (replace(test, span=predicate.span, left=left, op=op, branches=predicate.branches, via=via), function)
        )
    return tests


def _own_function(facts: ModuleFacts, scope: Scope, func: str) -> Optional[Scope]:
    """The module's function ``f`` or method ``self.f`` a handler calls; None for a
    method a subclass of the module overrides (tornado's ``SSLIOStream._is_connreset``
    knows the TLS EOF its base's does not): which one runs cannot be told."""
    head, _, rest = func.partition(".")
    if rest:
        owner = scope.parent if scope.self_name == head else None
        found = owner.children.get(rest) if owner is not None and owner.kind == "class" else None
        if owner is not None and _overridden(facts, owner, rest):
            return None
    else:
        looked = lookup(scope, head)
        found = looked[0].children.get(head) if looked is not None and looked[1][-1].kind == "def" else None
    return found if found is not None and found.kind == "function" else None


def _overridden(facts: ModuleFacts, owner: Scope, method: str) -> bool:
    """A subclass of ``owner`` in the module defines ``method`` again."""
    return any(s.kind == "class" and method in s.children and owner in mro(s)[1:] for s in facts.scopes)


def _tests_drop_errnos(facts: ModuleFacts, scope: Scope, comparison: Comparison) -> bool:
    values = comparison.right_elements
    if values is None and comparison.op in ("in", "not in") and comparison.right.dotted:
        values = constant_elements(facts, scope, comparison.right.dotted)
    if values is None:
        values = [comparison.right] if comparison.op in ("==", "!=") else None
    if values is None:
        return False
    qualnames: Set[str] = set()
    for value in values:
        if value.text == "8":  # ssl.SSL_ERROR_EOF written as a number
            qualnames.add("ssl.SSL_ERROR_EOF")
        elif value.dotted is not None:
            qualnames.add(resolve(facts, scope, value.dotted).qualname or "?")
    return bool(qualnames & DROP_ERRNOS) and not qualnames & EOF_ERRNOS


@register
class SslEofErrnoCheck(Rule):
    """
    ## What it does
    Finds `except` clauses that receive `ssl.SSLEOFError` (they catch `OSError`,
    `socket.error`, `Exception`, ... or are bare) and recognise a dropped connection by
    its errno: `e.errno in (errno.EPIPE, errno.ECONNRESET)`, `e.args[0] == errno.EPIPE`,
    `get_errno(e) not in BROKEN_SOCK` with a module-level set, a class attribute
    (`self.ignored_socket_errors`), or a local alias (`errnum = e.args[0]`); or through
    a function of the module that answers by such a test of its one parameter
    (`if is_client_disconnect(e):`, `if not self._dropped(e):`): the message names it.
    The function's answer for an SSLEOFError is followed through its body: `isinstance`
    tests of the parameter hold for SSLEOFError's bases only (`OSError` and its aliases,
    `ssl.SSLError`, `Exception`), so `if isinstance(e, ConnectionError): return True`
    then `return e.errno in (...)` answers it by the errno test, as do `return
    isinstance(e, ConnectionError) or e.errno in (...)` and `if e.errno in (...): return
    True` / `return False`. A body it cannot follow (a test of anything else, the
    parameter rebound, a tuple of classes bound to a name) is not read, and a method a
    subclass of the module overrides is not either (which one runs cannot be told;
    tornado's `SSLIOStream._is_connreset` knows the TLS EOF).

    A function handed to another (`retry(op, retryable=_is_drop)`) is not followed: what
    the receiver catches, and from which sockets, is out of this module's sight.

    ## Why is this bad?
    On Python 3.10+ a TLS peer that hangs up raises `ssl.SSLEOFError`, whose errno is
    `ssl.SSL_ERROR_EOF` (8), not `EPIPE` or `ECONNRESET`. The errno test fails, so the
    drop is re-raised or logged as an error (cheroot's `socket_errors_to_ignore`,
    gevent's `ignored_socket_errors`, eventlet's `BROKEN_SOCK`). Tornado and gunicorn
    check `ssl.SSL_ERROR_EOF` as well, and are right.

    The clause is left alone when its `try` has a clause for `ssl.SSLError` or
    `ssl.SSLEOFError`, when the handler mentions `SSL_ERROR_EOF`, `SSLEOFError` or
    `SSLError` itself, when the errno set contains `ssl.SSL_ERROR_EOF` or `8`, and under
    the same pipe, `await`, `close()`, read-only, asyncio-write and TLS-backend (a module
    that is the TLS layer on pyOpenSSL or native bindings) heuristics as NFX101, and
    NFX101's package heuristic: a module of a package that sets TLS up but never on a
    blocking socket is left alone.
    An errno test counts only where there is socket work, as NFX101 defines it for
    `BrokenPipeError` (a player pipe or a file is not; nor are unix sockets and
    multiprocessing pipes, nor a module's `socket.getfqdn()`). A `try` whose only socket call is `accept()` is left alone
    when the listener does no TLS handshake: the module wraps nothing in TLS, or the
    test also knows `EAGAIN` / `EWOULDBLOCK` (an event loop's non-blocking listener).
    Sets built by calls (cheroot's `plat_specific_errors(...)`) or imported from other
    modules cannot be seen.

    TLS must be in sight: the module names TLS somewhere outside comments (`ssl`,
    `tls`, `https` or `wss` in any case: `import ssl`, `ssl_context`, `is_ssl`,
    `starttls`, `HTTPSConnection`, a docstring), or a module of its package that does
    imports it (`from .framing import send_frame`, `from pkg import framing`, or the
    package whose `__init__.py` re-exports it), and so may hand it TLS sockets. An errno test is the oldest way to see a dropped connection,
    and most of them guard plain sockets: on the corpus (`corpus/`), every errno test
    this rule found in a module out of TLS's sight was about a plain socket (consoles,
    test servers, asyncore copies, IPC), while every true positive named TLS in its own
    module. Limit: a module that gets its TLS sockets from a function of another module,
    names no TLS itself and is imported by no module that does, is not seen. NFX101 does
    not ask this: `wsgiref`, which never names TLS, is served over TLS by its users.

    Where the body's sockets come from is followed first, as NFX101 explains: a socket
    known to be a stdlib TLS one is reported (the socket-work, `accept()` and
    TLS-in-sight questions above are then moot); one known never to carry stdlib TLS (a
    datagram or raw socket, `sendto`, a never-wrapped TCP socket, a plain listener)
    keeps the test quiet, and so does a body whose I/O is smtplib or imaplib commands
    (their errors carry no errno; NFX101 explains). The message ends with the evidence,
    as NFX101's does. An errno
    set bound in the function around the handler (`eof_numbers = (errno.EPIPE, ...)`) is
    followed as a module-level one is; a set may be a literal or `frozenset({...})` of one. A test in a clause that tests `EAGAIN` /
    `EWOULDBLOCK` in any branch is on a non-blocking socket.

    Preview: on the blind samples (corpus/README.md) this rule measured 3 true of 13
    findings (round 1) and 1 of 5 (round 2), so it runs only when selected by its code or
    with `--preview`.

    A test that only chooses a message stays quiet: when the path errno 8 takes through
    the test's `if` / `elif` / `else` chain does the same as the path of each drop errno
    (the same calls, the same raised class or a bare `raise`, arguments compared up to
    their messages), the drop is handled all the same (rethinkdb closes the socket and
    raises `ReqlDriverError` either way, with another text). Any statement in those
    branches other than a call, `raise`, `return`, `break`, `continue` or `pass`, or an
    `elif` that tests something else, makes the chain one it cannot follow: reported.

    A test in a function that the module calls only from `try` bodies handling TLS
    errors on purpose (`except ssl.SSLError`) stays quiet, as NFX101 explains: what the
    test lets through, the callers take.

    ## Example
    ```python
    BROKEN_SOCK = {errno.EPIPE, errno.ECONNRESET}
    try:
        conn.sendall(data)
    except OSError as e:
        if e.errno not in BROKEN_SOCK:
            raise
    ```

    Use instead:
    ```python
    BROKEN_SOCK = {errno.EPIPE, errno.ECONNRESET}
    try:
        conn.sendall(data)
    except ssl.SSLEOFError:
        pass
    except OSError as e:
        if e.errno not in BROKEN_SOCK:
            raise
    ```

    ## Fix
    None: whether to add a clause for `ssl.SSLEOFError` or `ssl.SSL_ERROR_EOF` to the
    set depends on the code around it (the set may be shared with non-TLS sockets).

    ## Fix safety
    No fix is offered (report only).

    ## Sources
    - FACTS: `SSLEOFError().errno == ssl.SSL_ERROR_EOF == 8`
    - cheroot `server.py` / `errors.py`, gevent `pywsgi.py`, eventlet `wsgi.py`
    - gunicorn and tornado, which compare against `ssl.SSL_ERROR_EOF`
    """

    code = "NFX103"
    name = "ssl-eof-errno-check"
    fix_safety = None
    preview = True
    trigger = re.compile(r"EPIPE\b|ECONNRESET\b|ECONNABORTED\b|ESHUTDOWN\b")
    trigger_context = COMPARED
    reads_websockets_spec = False

    def check(self, context: RuleContext) -> Iterator[Finding]:
        facts, ssl = context.facts, context.view(SslModule)
        for block in facts.tries:
            if ssl.no_tls_possible(block.body_calls, block.handlers[0].scope if block.handlers else None):
                continue
            for handler in block.handlers:
                if handler.body.names & SSL_AWARE_NAMES:
                    continue
                checks = list(drop_errno_checks(facts, handler))
                if not checks or not receives_ssl_eof(facts, block, handler):
                    continue
                # The first test that treats errno 8 otherwise than a drop (one that only
                # picks a message does not hide a later one that decides).
                comparison = next((c for c in checks if not same_either_way(facts, handler, c)), None)
                if comparison is None:
                    continue
                provenance = ssl.provenance(handler.scope, block.body_calls)
                if provenance.verdict == "plain" or ssl.python2_only(handler.scope):
                    continue
                if ssl.only_wrapping_commands(handler.scope, block.body_calls):
                    continue  # smtplib and imaplib raise their own class, errno None
                if ssl.handled_by_callers(handler.scope):
                    continue  # what the test lets through, the callers' except ssl.SSLError takes
                # Where the socket comes from cannot be told: the module and its package.
                if provenance.verdict == "unknown" and not self._tls_may_reach(ssl, facts, handler, comparison, block):
                    continue
                if ssl.handled_by_base_callers(handler.scope):
                    continue  # as above, with the callers in the base class's module
                why = ssl.evidence(provenance, block.body_calls)
                through = f" ({comparison.via})" if comparison.via else ""
                yield self._finding(comparison.span, through, why)

    def _finding(self, span: Span, through: str, why: Related) -> Finding:
        message = (
            f"Connection drop recognised by errno{through} misses ssl.SSLEOFError, whose errno is "
            f"ssl.SSL_ERROR_EOF (8) on Python 3.10+: {why.message}"
        )
        return make_finding(self, message, span, None, (why,))

    @staticmethod
    def _tls_may_reach(
        ssl: SslModule, facts: ModuleFacts, handler: Handler, comparison: Comparison, block: TryBlock
    ) -> bool:
        """Without the socket's provenance: socket work, not a plain listener's accept(),
        and TLS in sight of the module but not only elsewhere in its package, nor a
        package with no TLS that runs its own sockets (as NFX101)."""
        if not ssl.does_socket_work(block.body_calls):
            return False
        # Any test of the clause for EAGAIN / EWOULDBLOCK shows a non-blocking socket.
        nonblocking = any(_errno_names(facts, handler, test) & WOULD_BLOCK_ERRNOS for test in handler.body.comparisons)
        if ssl.accepts_on_plain_listener(block.body_calls, nonblocking):
            return False
        return ssl.tls_in_sight and not ssl.tls_elsewhere_in_package and not ssl.runs_own_plain_sockets

    valid = (
        # The test only picks a message: errno 8 is closed and raised as a drop is.
        "import errno, socket\ndef send(self, data):\n    try:\n        self.sock.send(data)\n"
        "    except OSError as ex:\n        if ex.errno == errno.ECONNRESET:\n            self.close()\n"
        "            raise DriverError('closed')\n        elif ex.errno != errno.EINTR:\n"
        "            self.close()\n            raise DriverError('interrupted: %s' % ex)\n",
        "import errno, socket\ndef send(sock, data):\n    try:\n        sock.sendall(data)\n"
        "    except OSError as e:\n        if e.errno == errno.EPIPE:\n            pass\n",
        # Knows the TLS EOF.
        "import errno, socket, ssl\ntry:\n    pass\nexcept OSError as e:\n"
        "    if e.errno not in (errno.EPIPE, errno.ECONNRESET, ssl.SSL_ERROR_EOF):\n        raise\n",
        "import errno, socket\ntry:\n    pass\nexcept socket.error as e:\n"
        "    if e.args[0] in {errno.ECONNRESET, 8}:\n        pass\n",
        # Another clause deals with TLS errors.
        "import errno, socket, ssl\ntry:\n    pass\nexcept ssl.SSLError:\n    pass\n"
        "except OSError as e:\n    if e.errno == errno.ECONNRESET:\n        pass\n",
        # The handler looks at SSL errors itself (gunicorn).
        "import errno, socket, ssl\ntry:\n    pass\nexcept OSError as e:\n"
        "    if e.errno == errno.ECONNRESET or isinstance(e, ssl.SSLError):\n        pass\n",
        # ssl bound in a way we cannot follow: an earlier clause may take it.
        "import errno\nssl = import_module('ssl')\ntry:\n    pass\nexcept (ssl.SSLWantReadError,):\n"
        "    pass\nexcept ssl.SSLEOFError:\n    pass\nexcept OSError as err:\n"
        "    if err.args[0] == errno.ECONNABORTED:\n        pass\n",
        # The clause never receives SSLEOFError.
        "import errno, socket\ntry:\n    pass\nexcept ConnectionError as e:\n"
        "    if e.errno == errno.ECONNRESET:\n        pass\n",
        "import errno, socket\ntry:\n    pass\nexcept OSError:\n    pass\nexcept Exception as e:\n"
        "    if e.errno == errno.ECONNRESET:\n        pass\n",
        # stdout, not a socket.
        "import errno, sys\ntry:\n    sys.stdout.write('x')\nexcept IOError as e:\n"
        "    if e.errno == errno.EPIPE:\n        pass\n",
        "import errno\ntry:\n    render()\nexcept IOError as e:\n    if e.errno != errno.EPIPE:\n        raise\n",
        # Not the caught exception's errno.
        "import errno, socket\ntry:\n    pass\nexcept OSError as e:\n"
        "    if code in (errno.EPIPE, errno.ECONNRESET):\n        pass\n",
        # Reads: an SSLSocket read reports a TLS EOF as b'' (suppress_ragged_eofs=True).
        "import errno, socket\ndef read_line(self):\n    try:\n        return self.rfile.readline()\n"
        "    except OSError as e:\n        if e.errno == errno.ECONNRESET:\n            return b''\n        raise\n",
        # accept() on a listener that does no TLS (non-blocking, or no TLS in the module).
        "import errno, socket, ssl\nctx = ssl.create_default_context()\ndef accept(sock):\n    try:\n"
        "        return sock.accept()\n    except OSError as e:\n"
        "        if e.errno not in (errno.EAGAIN, errno.ECONNABORTED, errno.EWOULDBLOCK):\n            raise\n",
        "import errno, socket\ndef accept(sock):\n    try:\n        return sock.accept()\n"
        "    except OSError as e:\n        if e.errno != errno.ECONNABORTED:\n            raise\n",
        # Sockets that never carry TLS: unix sockets only, no TLS work.
        "import errno, socket\ndef send(path, data):\n    s = socket.socket(socket.AF_UNIX)\n    try:\n"
        "        s.sendall(data)\n    except OSError as e:\n        if e.errno != errno.ECONNRESET:\n            raise\n",
        # No socket work at all: a player pipe or a file (streamlink).
        "import errno\ndef pump(out, data):\n    try:\n        out.write(data)\n    except OSError as e:\n"
        "        if e.errno not in (errno.EPIPE, errno.ECONNRESET):\n            raise\n",
        # TLS out of sight: the module names no TLS, and is outside a package (or no
        # module of its package that names TLS imports it).
        "import errno, socket\nclass FileProxy:\n    def write(self, data):\n        try:\n"
        "            self.f.write(data)\n            self.f.flush()\n        except OSError as e:\n"
        "            if e.errno != errno.EPIPE:\n                raise\n",
        # Writes to a tool's own streams, in a module that uses socket for a host name alone.
        "import errno, socket, ssl\ndef host():\n    return socket.getfqdn()\n"
        "def write(dest, msg):\n    try:\n        dest.write(msg)\n        dest.flush()\n"
        "    except OSError as err:\n        if err.errno not in (errno.EPIPE, errno.EIO):\n            raise\n",
        # A set from a call cannot be seen.
        "import socket\nIGNORED = plat_specific_errors('EPIPE', 'ECONNRESET')\ntry:\n    pass\n"
        "except socket.error as e:\n    if e.args[0] in IGNORED:\n        pass\n",
    )

    invalid = (
        # The branches differ in what they do, not only in their messages.
        Invalid(
            "import errno, socket, ssl\ndef send(self, data):\n    try:\n        self.sock.send(data)\n"
            "    except OSError as ex:\n        if ex.errno == errno.ECONNRESET:\n            self.close()\n"
            "        elif ex.errno != errno.EINTR:\n            raise DriverError('interrupted: %s' % ex)\n"
        ),
        Invalid(
            "import errno, socket, ssl\ndef send(self, data):\n    try:\n        self.sock.send(data)\n"
            "    except OSError as ex:\n        if ex.errno == errno.ECONNRESET:\n            self.log(499)\n"
            "        else:\n            self.log(500)\n"
        ),
        # A test that only picks a message does not hide a later one that decides.
        Invalid(
            "import errno, socket, ssl\ndef send(sock, data, log):\n    try:\n        sock.sendall(data)\n"
            "    except OSError as e:\n        if e.errno == errno.EPIPE:\n            log.debug('broken pipe')\n"
            "        else:\n            log.debug('error: %s' % e)\n"
            "        if e.errno not in (errno.EPIPE, errno.ECONNRESET):\n            raise\n"
        ),
        # An elif: an earlier test may take errno 8 another way.
        Invalid(
            "import errno, socket, ssl\ndef send(self, data):\n    try:\n        self.sock.sendall(data)\n"
            "    except OSError as e:\n        if e.errno < 10:\n            raise\n"
            "        elif e.errno == errno.EPIPE:\n            raise Gone('pipe')\n"
            "        else:\n            raise Gone('other')\n"
        ),
        # An elif that tests something else: the chain cannot be followed.
        Invalid(
            "import errno, socket, ssl\ndef send(self, data):\n    try:\n        self.sock.send(data)\n"
            "    except OSError as ex:\n        if ex.errno == errno.ECONNRESET:\n            raise Gone()\n"
            "        elif self.retries:\n            raise Gone()\n"
        ),
        # Reads raise SSLEOFError where a module turns suppress_ragged_eofs off.
        Invalid(
            "import errno, socket, ssl\n\ndef serve(ctx, sock):\n"
            "    conn = ctx.wrap_socket(sock, server_side=True, suppress_ragged_eofs=False)\n"
            "    try:\n        return conn.recv(1024)\n    except OSError as e:\n"
            "        if e.errno != errno.ECONNRESET:\n            raise\n"
        ),
        # accept() on a blocking TLS listener shakes hands: SSLEOFError on 3.10+.
        Invalid(
            "import errno, socket, ssl\n\ndef serve(ctx, sock):\n"
            "    listener = ctx.wrap_socket(sock, server_side=True)\n    try:\n"
            "        return listener.accept()\n    except OSError as e:\n"
            "        if e.errno != errno.ECONNABORTED:\n            raise\n"
        ),
        # The socket module itself goes somewhere else: it may make sockets there.
        Invalid(
            "import errno, socket, ssl\nnet = socket\ndef host():\n    return socket.gethostname()\n"
            "def write(dest, msg):\n    try:\n        dest.write(msg)\n"
            "    except OSError as err:\n        if err.errno not in (errno.EPIPE, errno.EIO):\n            raise\n"
        ),
        # A host name lookup beside real socket work.
        Invalid(
            "import errno, socket, ssl\ndef send(host, data):\n"
            "    conn = socket.create_connection((socket.gethostbyname(host), 443))\n"
            "    write(conn.makefile('wb'), data)\n"
            "def write(dest, msg):\n    try:\n        dest.write(msg)\n        dest.flush()\n"
            "    except OSError as err:\n        if err.errno not in (errno.EPIPE, errno.EIO):\n            raise\n"
        ),
        Invalid(
            "import errno\nimport socket\nimport ssl\n\nBROKEN_SOCK = {errno.EPIPE, errno.ECONNRESET, errno.ESHUTDOWN}\n\n"
            "def handle(conn, data):\n    try:\n        conn.sendall(data)\n    except OSError as e:\n"
            "        if support.get_errno(e) not in BROKEN_SOCK:\n            raise\n"
        ),
        Invalid(
            "import errno\nimport socket\nimport ssl\n\nclass WSGIHandler:\n"
            "    ignored_socket_errors = (errno.EPIPE, errno.ECONNRESET)\n\n"
            "    def handle_one_response(self):\n        try:\n            self.run_application()\n"
            "        except socket.error as ex:\n            if ex.args[0] in self.ignored_socket_errors:\n"
            "                self.close_connection = True\n            else:\n                raise\n"
        ),
        Invalid(
            "import errno\nimport socket\nimport ssl\n\ndef serve(sock):\n    try:\n        sock.sendall(sock.recv(1024))\n"
            "    except Exception as ex:\n        errnum = ex.args[0]\n"
            "        if errnum == errno.ECONNRESET:\n            return\n        raise\n"
        ),
        Invalid(
            "from errno import ECONNABORTED, EPIPE\nimport socket\nimport ssl\n\ndef pump(sock):\n    try:\n"
            "        sock.sendall(b'x')\n    except socket.error as err:\n"
            "        if getattr(err, 'errno', None) in [EPIPE, ECONNABORTED]:\n            return\n"
            "        raise\n"
        ),
    )
