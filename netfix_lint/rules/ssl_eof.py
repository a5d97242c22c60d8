"""NFX101 / NFX102: connection-drop handlers that miss ``ssl.SSLEOFError``.

FACTS.md section 1: on Python 3.10+ a TLS peer that hangs up mid-transfer raises
``ssl.SSLEOFError`` (an ``OSError`` through ``ssl.SSLError``), which is not a
``ConnectionError``.  The two rules share everything but where the classes are named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import FrozenSet, Iterator, List, Optional, Set, Tuple

from ..facts import (
    AWAITS,
    CaughtName,
    Expr,
    ModuleFacts,
    Scope,
    Span,
    Target,
    expand_caught,
    lookup,
    names_bound_anywhere,
    resolve,
)
from ..model import SAFE, UNSAFE, AddImport, AppendElement, Finding, Fix, FixOp
from ..prefilter import CAUGHT
from .base import Invalid, Rule, register

#: The builtin exceptions a "the client went away" handler catches.
CONNECTION_DROP = frozenset(
    {
        "builtins.ConnectionError",
        "builtins.ConnectionResetError",
        "builtins.ConnectionAbortedError",
        "builtins.BrokenPipeError",
    }
)

#: Classes that catch ssl.SSLEOFError: itself and its bases, with their aliases.
CATCHES_SSL_EOF = frozenset(
    {
        "ssl.SSLEOFError",
        "ssl.SSLError",
        "_ssl.SSLEOFError",
        "_ssl.SSLError",
        "ssl.socket_error",
        "builtins.OSError",
        "builtins.IOError",
        "builtins.EnvironmentError",
        "builtins.WindowsError",
        "socket.error",
        "_socket.error",
        "select.error",
        "os.error",
        "builtins.Exception",
        "builtins.BaseException",
        # gevent's and eventlet's green modules re-export the same classes.
        "gevent.socket.error",
        "gevent.ssl.SSLError",
        "gevent.ssl.SSLEOFError",
        "eventlet.green.socket.error",
        "eventlet.green.ssl.SSLError",
        "eventlet.green.ssl.SSLEOFError",
    }
)

#: A clause of the same ``try`` naming one of these handles TLS errors on purpose.
EXPLICIT_SSL = frozenset(
    {
        "ssl.SSLEOFError",
        "ssl.SSLError",
        "_ssl.SSLEOFError",
        "_ssl.SSLError",
        "gevent.ssl.SSLError",
        "gevent.ssl.SSLEOFError",
        "eventlet.green.ssl.SSLError",
        "eventlet.green.ssl.SSLEOFError",
    }
)


def names_tls_errors(caught: List[CaughtName]) -> bool:
    """The clause handles TLS errors on purpose. An unresolvable ``x.SSLError`` (say
    ``ssl = import_helper.import_module("ssl")``) counts too: spelling may only ever make
    a rule quieter, never louder."""
    return any(
        c.resolved.qualname in EXPLICIT_SSL
        or (c.resolved.qualname is None and (c.expr.dotted or "").rsplit(".", 1)[-1] in ("SSLError", "SSLEOFError"))
        for c in caught
    )


#: Imports that mean a module does socket work (a prefix match on module names).
#: ``ssl`` counts only when used for more than its exception classes (see uses_tls),
#: so that the ``import ssl`` a fix adds never makes another clause count.
NETWORK_MODULES = (
    "socket",
    "_socket",
    "socketserver",
    "SocketServer",
    "http.server",
    "http.client",
    "wsgiref",
    "xmlrpc.server",
    "xmlrpc.client",
    "asyncore",
    "asynchat",
    "smtpd",
    "smtplib",
    "ftplib",
    "imaplib",
    "poplib",
    "telnetlib",
    "selectors",
    "select",
)

#: Socket and TLS methods; a call to one in the ``try`` body is socket work.
SOCKET_METHODS = frozenset(
    {
        "accept",
        "connect",
        "connect_ex",
        "do_handshake",
        "makefile",
        "recv",
        "recv_into",
        "recvfrom",
        "recvfrom_into",
        "recvmsg",
        "send",
        "sendall",
        "sendfile",
        "sendmsg",
        "sendto",
        "shutdown",
        "unwrap",
        "wrap_socket",
    }
)

#: Calls that show a handler guards a standard stream or a subprocess pipe.
_STDIO_PART = re.compile(r"(?:^|\.)(?:stdin|stdout|stderr|__stdout__|__stderr__)(?:\.|$)")
_PIPE_CALLS = frozenset({"print", "os.write", "os.read", "input"})
_PIPE_METHODS = frozenset({"communicate", "pipe", "popen"})


def guards_a_pipe(body_calls: FrozenSet[str]) -> bool:
    for call in body_calls:
        if call in _PIPE_CALLS or call.startswith("subprocess."):
            return True
        if _STDIO_PART.search(call) or call.rsplit(".", 1)[-1] in _PIPE_METHODS:
            return True
    return False


def only_closes(body_calls: FrozenSet[str]) -> bool:
    """``sock.close()`` alone: closing an SSLSocket does no TLS shutdown (``unwrap`` does)."""
    return bool(body_calls) and all(call.rsplit(".", 1)[-1] == "close" for call in body_calls)


def calls_socket_methods(body_calls: FrozenSet[str]) -> bool:
    return any(call.rsplit(".", 1)[-1] in SOCKET_METHODS for call in body_calls)


def _method(call: str) -> str:
    return call.rsplit(".", 1)[-1]


#: Reads, by the last part of the name (``recv``, ``recv_into``, ``read``, ``readline``,
#: ``read_bytes``...), and an HTTP response's ``begin()`` / ``getresponse()``, which read
#: the status line.
_READ_PREFIXES = ("recv", "read")
_RESPONSE_READS = frozenset({"begin", "getresponse"})
#: Writes, flushes and handshakes besides the socket methods: these can raise SSLEOFError.
_WRITE_PREFIXES = ("send", "write", "flush")
_HTTP_WRITES = frozenset({"request", "putrequest", "putheader", "endheaders"})


def _writes(name: str) -> bool:
    return (
        name.startswith(_WRITE_PREFIXES)
        or name in _HTTP_WRITES
        or (name in SOCKET_METHODS and not name.startswith(_READ_PREFIXES))
    )


def only_reads(facts: ModuleFacts, body_calls: FrozenSet[str]) -> bool:
    """The body reads and visibly writes nothing (other calls are not looked into).

    A read of an ``ssl.SSLSocket`` reports a TLS peer that hangs up, with or without a
    close_notify, even in the middle of the handshake, as ``b""``:
    ``suppress_ragged_eofs`` defaults to True (measured on 3.10-3.13). SSLEOFError comes
    from writes and handshakes, or from reads where a module turns that off
    (``suppress_ragged_eofs=False`` anywhere in it)."""
    names = {_method(call) for call in body_calls}
    if not any(name.startswith(_READ_PREFIXES) or name in _RESPONSE_READS for name in names):
        return False
    if any(_writes(name) for name in names):
        return False
    return not ragged_eofs_raised(facts)


def ragged_eofs_raised(facts: ModuleFacts) -> bool:
    """The module passes ``suppress_ragged_eofs=False`` somewhere (worked out once)."""
    if "ragged_eofs" not in facts.memo:
        facts.memo["ragged_eofs"] = any(_RAGGED_EOFS_RAISED.search(line) for line in facts.lines)
    return facts.memo["ragged_eofs"]


_RAGGED_EOFS_RAISED = re.compile(r"suppress_ragged_eofs\s*=\s*False")


#: Modules whose streams report a TLS peer that hangs up without ssl.SSLEOFError.
ASYNC_FRAMEWORKS = frozenset({"asyncio", "trio", "anyio"})
_STREAM_WRITES = frozenset({"write", "writelines", "write_eof"})


def writes_to_async_streams(facts: ModuleFacts, body_calls: FrozenSet[str]) -> bool:
    """In an asyncio (trio, anyio) module, a body that writes only through ``write()``
    and makes no blocking socket call is writing to a transport or a StreamWriter: they
    buffer and report errors to the protocol (``connection_lost``), never to the caller."""
    if not any(module.split(".", 1)[0] in ASYNC_FRAMEWORKS for module in facts.imported_modules):
        return False
    names = {_method(call) for call in body_calls}
    return bool(names & _STREAM_WRITES) and not any(
        name in SOCKET_METHODS or name.startswith(("send", "flush")) for name in names
    )


def accepts_on_plain_listener(facts: ModuleFacts, body_calls: FrozenSet[str], nonblocking: bool) -> bool:
    """The body's only socket call is ``accept()``, on a listening socket that does no TLS
    handshake: the module wraps nothing in TLS, or the listener is non-blocking (the
    ``try`` also handles BlockingIOError or tests EAGAIN/EWOULDBLOCK). An event loop's
    listener cannot shake hands in ``accept()`` without blocking the loop, so such
    servers wrap the accepted connection later; ECONNABORTED here is a connection
    aborted while it waited in the accept queue, before any TLS."""
    methods = {_method(call) for call in body_calls} & SOCKET_METHODS
    return methods == {"accept"} and (nonblocking or not wraps_in_tls(facts))


def no_tls_possible(facts: ModuleFacts, body_calls: FrozenSet[str]) -> bool:
    """A ``try`` (or ``with``) body that cannot raise ssl.SSLEOFError."""
    # asyncio (and trio, anyio) streams report a TLS peer that hangs up as
    # ConnectionResetError or their own class, never ssl.SSLEOFError.
    if AWAITS in body_calls or only_closes(body_calls):
        return True
    if only_reads(facts, body_calls) or writes_to_async_streams(facts, body_calls):
        return True
    if own_tls_engine(facts):
        return True
    # stdout or a subprocess pipe, unless the body also calls socket methods.
    return guards_a_pipe(body_calls) and not calls_socket_methods(body_calls)


#: Modules through which a TLS backend reaches another engine than the stdlib's:
#: pyOpenSSL, or native bindings (urllib3's Secure Transport backend uses ctypes).
_OTHER_TLS_ENGINES = frozenset({"OpenSSL", "ctypes"})
#: What wrapping a socket through the stdlib's ssl module names.
_STDLIB_WRAPPING = frozenset({"SSLContext", "SSLSocket", "SSLObject", "MemoryBIO", "create_default_context"})


def own_tls_engine(facts: ModuleFacts) -> bool:
    """The module is a TLS backend on another engine: it defines ``wrap_socket`` (an
    ``SSLContext`` stand-in, as urllib3's pyOpenSSL and Secure Transport backends do) and
    the socket that hands back (``sendall``, ``recv_into``), imports pyOpenSSL or ctypes,
    and wraps nothing through the stdlib (no ``ssl`` context, socket or object, no
    ``wrap_socket`` call). ssl.SSLEOFError comes from the
    stdlib's ``ssl`` only; the sockets such a module handles are the raw TCP sockets
    beneath its own engine."""
    if "own_tls_engine" not in facts.memo:
        facts.memo["own_tls_engine"] = _own_tls_engine(facts)
    return facts.memo["own_tls_engine"]


def _defines(facts: ModuleFacts, name: str) -> bool:
    return any(b.kind == "def" for scope in facts.scopes for b in scope.bindings.get(name, ()))


def _own_tls_engine(facts: ModuleFacts) -> bool:
    # The backend's two halves: a context's wrap_socket, and the socket it hands back.
    if not (_defines(facts, "wrap_socket") and _defines(facts, "sendall") and _defines(facts, "recv_into")):
        return False
    if not any(module.split(".", 1)[0] in _OTHER_TLS_ENGINES for module in facts.imported_modules):
        return False
    if any(".wrap_socket(" in line for line in facts.lines):
        return False  # a wrap_socket call on something (``context().wrap_socket(...)``)
    for name in facts.attribute_uses | facts.imported_modules:
        last = name.rsplit(".", 1)[-1]
        if last == "wrap_socket":
            return False  # a wrap_socket call on something: perhaps an ssl.SSLContext
        if last in _STDLIB_WRAPPING and name.split(".", 1)[0] in ("ssl", "_ssl"):
            return False
        if last in _STDLIB_WRAPPING and resolve(facts, facts.module_scope, name).qualname in (
            f"ssl.{last}",
            f"_ssl.{last}",
        ):
            return False
    return True


def _is_ssl_exception_name(name: str) -> bool:
    return (
        (name.startswith("SSL") and name.endswith("Error"))
        or name.startswith("SSL_ERROR_")
        or name
        in (
            "CertificateError",
            "socket_error",
        )
    )


def uses_tls(facts: ModuleFacts) -> bool:
    """The module uses ssl for more than naming its exceptions (contexts, wrapping...)."""
    for module in facts.imported_modules:
        head, _, rest = module.partition(".")
        if head in ("ssl", "_ssl") and rest and not _is_ssl_exception_name(rest):
            return True  # from ssl import create_default_context
    aliases = {
        name
        for name, bindings in facts.module_scope.bindings.items()
        if any(b.kind == "import" and b.target in ("ssl", "_ssl") for b in bindings)
    }
    for use in facts.attribute_uses:
        head, _, rest = use.partition(".")
        if head in aliases and not _is_ssl_exception_name(rest.split(".", 1)[0]):
            return True
    return False


#: Names that show a module reaches other hosts (or may): its sockets are not all local.
_INET_NAMES = frozenset({"AF_INET", "AF_INET6", "create_connection", "create_server", "getaddrinfo", "gethostbyname"})


#: Attributes that wrap a socket in TLS or configure it, whatever object they hang on
#: (``context.wrap_socket``, ``eventlet.wrap_ssl``...).
_TLS_WRAPPING = frozenset({"wrap_socket", "wrap_ssl", "load_cert_chain", "SSLContext", "create_default_context"})


def wraps_in_tls(facts: ModuleFacts) -> bool:
    """The module does TLS work: ``ssl`` beyond its exception names (uses_tls), or a
    ``wrap_socket`` / ``wrap_ssl`` / ``load_cert_chain`` on any object."""
    names = {name.rsplit(".", 1)[-1] for name in facts.attribute_uses | facts.imported_modules}
    return bool(names & _TLS_WRAPPING) or uses_tls(facts)


def local_ipc_only(facts: ModuleFacts) -> bool:
    """The module's sockets and pipes never carry TLS: it does no TLS work, and every
    socket it names is ``AF_UNIX`` (web3's IPC provider, multiprocessing's forkserver), or
    its only channel is ``multiprocessing`` (pipes between processes) with no network
    module imported."""
    if wraps_in_tls(facts):
        return False
    names = {name.rsplit(".", 1)[-1] for name in facts.attribute_uses | facts.imported_modules}
    if names & _INET_NAMES:
        return False
    if "AF_UNIX" in names:
        return True
    return any(m.split(".", 1)[0] == "multiprocessing" for m in facts.imported_modules) and not imports_network(facts)


#: The last part of a green (cooperative) replacement of a network module:
#: ``eventlet.green.socket``, ``gevent.ssl``, ``eventlet.green.BaseHTTPServer``.
_GREEN_NETWORK_MODULES = frozenset(
    {"socket", "ssl", "socketserver", "SocketServer", "BaseHTTPServer", "select", "selectors"}
)


#: socket's name lookups: a module that uses ``socket`` for these alone (a host name for
#: a Message-Id, mercurial's ui and patchbomb) does no socket work.
_NAME_LOOKUPS = frozenset(
    {
        "getfqdn",
        "gethostname",
        "gethostbyname",
        "gethostbyname_ex",
        "gethostbyaddr",
        "getnameinfo",
        "inet_aton",
        "inet_ntoa",
        "inet_pton",
        "inet_ntop",
        "htons",
        "ntohs",
        "htonl",
        "ntohl",
    }
)


def _socket_for_lookups_only(facts: ModuleFacts) -> bool:
    """The module uses the ``socket`` module, and only for name lookups."""
    aliases = {
        name
        for name, bindings in facts.module_scope.bindings.items()
        if any(b.kind == "import" and b.target in ("socket", "_socket") for b in bindings)
    }
    uses = [use.split(".", 2)[1] for use in facts.attribute_uses if use.partition(".")[0] in aliases and "." in use]
    if not uses or not all(use in _NAME_LOOKUPS for use in uses):
        return False
    # The module itself, not one of its attributes (``net = socket``, ``f(socket)``):
    # it may go anywhere.
    return not _names_bare(facts, aliases)


def _names_bare(facts: ModuleFacts, aliases: Set[str]) -> bool:
    """One of ``aliases`` stands in the code other than before a ``.`` or in an import
    (strings and comments aside); True when the text cannot be tokenized."""
    import io
    import tokenize

    try:
        tokens = [
            t
            for t in tokenize.generate_tokens(io.StringIO("\n".join(facts.lines) + "\n").readline)
            if t.type not in (tokenize.NL, tokenize.COMMENT)
        ]
    except (tokenize.TokenError, SyntaxError):
        return True
    importing = False
    for token, following in zip(tokens, tokens[1:] + tokens[-1:]):
        if token.type in (tokenize.NEWLINE, tokenize.ENDMARKER) or token.string == ";":
            importing = False
        elif token.type == tokenize.NAME and token.string in ("import", "from"):
            importing = True
        elif token.type == tokenize.NAME and token.string in aliases and not importing and following.string != ".":
            return True
    return False


def imports_network(facts: ModuleFacts) -> bool:
    if "imports_network" not in facts.memo:
        facts.memo["imports_network"] = _imports_network(facts)
    return facts.memo["imports_network"]


def _imports_network(facts: ModuleFacts) -> bool:
    for module in facts.imported_modules:
        if module.split(".", 1)[0] in ("socket", "_socket") and (
            module.partition(".")[2] in _NAME_LOOKUPS
            or (module in ("socket", "_socket") and _socket_for_lookups_only(facts))
        ):
            continue  # name lookups are no socket work
        if any(module == prefix or module.startswith(prefix + ".") for prefix in NETWORK_MODULES):
            return True
        head, _, last = module.rpartition(".")
        if head.split(".", 1)[0] in ("eventlet", "gevent") and last in _GREEN_NETWORK_MODULES:
            return True
    return False


def does_socket_work(facts: ModuleFacts, body_calls: FrozenSet[str]) -> bool:
    if local_ipc_only(facts):
        return False
    if calls_socket_methods(body_calls):
        return True
    if imports_network(facts):
        return True
    return uses_tls(facts)


def missed_drops(facts: ModuleFacts, caught: List[CaughtName], body_calls: FrozenSet[str]) -> List[CaughtName]:
    """The connection-drop classes of a clause that lets SSLEOFError through, or []."""
    qualnames = [c.resolved.qualname for c in caught]
    if any(q is None for q in qualnames):
        return []  # something we cannot see through might catch it
    if any(q in CATCHES_SSL_EOF for q in qualnames):
        return []
    drops = [c for c in caught if c.resolved.qualname in CONNECTION_DROP]
    if not drops:
        return []
    if no_tls_possible(facts, body_calls):
        return []
    if local_ipc_only(facts) and not imports_network(facts) and not any(_writes(_method(c)) for c in body_calls):
        return []  # a process's pipe or manager proxy went away, in a module with no TLS
    if all(c.resolved.qualname == "builtins.BrokenPipeError" for c in drops):
        # BrokenPipeError alone mostly guards stdout or a subprocess pipe.
        if not does_socket_work(facts, body_calls):
            return []
    if tls_elsewhere_in_package(facts):
        return []
    return drops


def tls_elsewhere_in_package(facts: ModuleFacts) -> bool:
    """The module's package sets TLS up and makes no blocking TLS socket anywhere (see
    :mod:`netfix_lint.package`): its drop handlers guard plain sockets, pipes and
    proxies. Asked last, for a finding that is otherwise reported: it reads the package."""
    if "tls_elsewhere" not in facts.memo:
        from ..package import ELSEWHERE, tls_verdict

        facts.memo["tls_elsewhere"] = tls_verdict(facts.path, "\n".join(facts.lines)) == ELSEWHERE
    return facts.memo["tls_elsewhere"]


@dataclass(frozen=True)
class Spelling:
    """How to name ``ssl.SSLEOFError`` at one place of a module."""

    code: str
    imports: Tuple[AddImport, ...]
    safety: str
    why_unsafe: str = ""


def spell_ssl_eof(
    facts: ModuleFacts, scope: Scope, before_line: Optional[int] = None, used_by: Optional[Target] = None
) -> Optional[Spelling]:
    """Find (or add) a binding that reaches the real ``ssl.SSLEOFError`` from ``scope``.

    ``before_line`` is set when the code runs at import time (module level, class
    body): a binding must then be made above that line to exist when it runs.
    """
    visible: Set[str] = set()
    current: Optional[Scope] = scope
    while current is not None:
        visible.update(current.bindings)
        current = current.parent
    clean: List[Tuple[int, str]] = []
    guarded: List[Tuple[int, str]] = []
    for name in sorted(visible):
        resolved = resolve(facts, scope, name)
        if resolved.qualname == "ssl.SSLEOFError":
            rank, code = 0, name
        elif resolved.qualname == "ssl":
            rank, code = (1 if name == "ssl" else 2), f"{name}.SSLEOFError"
        else:
            continue
        if before_line is not None and not _bound_above(scope, name, before_line):
            continue  # ``DROPPED = (...)`` above ``import ssl`` would raise NameError
        if not resolved.maybe_missing:
            clean.append((rank, code))
        elif resolved.guarded:
            guarded.append((rank, code))
    if clean:
        return Spelling(min(clean)[1], (), SAFE)
    if guarded:
        code = min(guarded)[1]
        root = code.split(".", 1)[0]
        return Spelling(
            code,
            (),
            UNSAFE,
            f"`{root}` may be missing here (its import is guarded by `except ImportError`), "
            f"and evaluating `{code}` would then raise instead of matching",
        )
    if _ssl_may_be_missing(facts):
        return None  # ssl is guarded elsewhere but unreachable here: leave it to a human
    bound = names_bound_anywhere(facts)
    if "ssl" not in bound:
        return Spelling("ssl.SSLEOFError", (AddImport("import ssl", "ssl", used_by),), SAFE)
    if "SSLEOFError" not in bound:
        return Spelling("SSLEOFError", (AddImport("from ssl import SSLEOFError", "ssl", used_by),), SAFE)
    for alias in ("_ssl", "ssl_module", "_ssl_module"):
        if alias not in bound:
            return Spelling(f"{alias}.SSLEOFError", (AddImport(f"import ssl as {alias}", "ssl", used_by),), SAFE)
    return None


def _bound_above(scope: Scope, name: str, line: int) -> bool:
    found = lookup(scope, name)
    return found is not None and all(0 < binding.line < line for binding in found[1])


def _ssl_may_be_missing(facts: ModuleFacts) -> bool:
    return any(
        binding.guarded and (binding.target or "").split(".")[0] == "ssl"
        for scope in facts.scopes
        for bindings in scope.bindings.values()
        for binding in bindings
    )


def plan_fix(
    facts: ModuleFacts, drops: List[CaughtName], target: Optional[Target], scope: Scope, line: int
) -> Tuple[Optional[Fix], str]:
    """The fix that adds SSLEOFError where the drops are named, and a note for the message."""
    constant = drops[0].via_constant
    if constant is not None:
        target, scope, line = constant.value_target, scope.module(), constant.value[0].span.line  # type: ignore[index]
    before_line = line if scope.runs_at_import() else None
    spelling = spell_ssl_eof(facts, scope, before_line, target if before_line else None)
    if spelling is None:
        return None, ""
    assert target is not None
    ops: Tuple[FixOp, ...] = (AppendElement(target, spelling.code), *spelling.imports)
    fix = Fix(spelling.safety, f"Add `{spelling.code}`", ops)
    note = f" (fix unsafe: {spelling.why_unsafe})" if spelling.safety == UNSAFE else ""
    return fix, note


def describe(drops: List[CaughtName]) -> str:
    names: List[str] = []
    for drop in drops:
        name = drop.expr.dotted or "?"
        if name not in names:
            names.append(name)
    return ", ".join(names)


def clause_span(start: Span, exprs: List[Expr]) -> Span:
    end = exprs[-1].span if exprs else start
    return Span(start.line, start.col, end.end_line, end.end_col)


def make_finding(rule: Rule, message: str, span: Span, fix: Optional[Fix]) -> Finding:
    return Finding(
        rule.code,
        rule.name,
        message,
        span.line,
        span.col + 1,
        span.end_line,
        span.end_col + 1,
        fix=fix,
    )


_DROP_TRIGGER = re.compile(r"Connection(?:Reset|Aborted)?Error|BrokenPipeError")


@register
class SslEofNotCaught(Rule):
    """
    ## What it does
    Finds `except` and `except*` clauses that catch a connection-drop exception
    (`ConnectionError`, `ConnectionResetError`, `ConnectionAbortedError` or
    `BrokenPipeError`, the builtins under any import or alias) but not `ssl.SSLEOFError`.

    ## Why is this bad?
    On Python 3.10 and later, a TLS peer that hangs up mid-transfer raises
    `ssl.SSLEOFError` (3.10-3.12 on writes; 3.10+ on handshakes and strict reads).
    It is an `OSError` through `ssl.SSLError`, not a `ConnectionError`, so the "client
    went away" handler never sees it: the drop reaches the generic handler and is logged
    as a server error with a traceback (Werkzeug's dev server until 3.0.4; CPython's
    `wsgiref` still does).

    A clause is fine when it also catches `ssl.SSLEOFError` or a base of it
    (`ssl.SSLError`, `OSError` and its aliases `IOError`, `EnvironmentError`,
    `socket.error`, `select.error`, `os.error`, gevent's and eventlet's green
    `socket.error` and `ssl` classes; `Exception`, `BaseException`), or when
    another clause of the same `try` names `ssl.SSLEOFError` or `ssl.SSLError`. A later
    `except Exception:` or `except OSError:` does not make it fine: that is the bug.

    Precision rules:
    - Names are resolved through the module's imports: `requests.ConnectionError`,
      `redis.exceptions.ConnectionError`, `urllib3`'s, `aiohttp`'s and the like never
      count; nor does a builtin name a `from x import *` may have rebound.
    - A clause naming something the linter cannot see through (an attribute such as
      `self.errors`, a parameter, a call) is left alone.
    - Module-level constants (`DROPPED = (ConnectionError, socket.timeout)` then
      `except DROPPED:`) are followed; the finding is reported at the clause.
    - A `try` body that guards a standard stream or a pipe is not about TLS: it calls
      `print`, `input`, `os.write`/`os.read`, anything through `stdin`/`stdout`/`stderr`,
      `communicate`, `popen`/`pipe` or `subprocess.*`, and no socket method. Such
      clauses stay quiet.
    - A `try` body that awaits (`await`, `async for`, `async with`) stays quiet: asyncio
      transports report a TLS peer that hangs up as `ConnectionResetError`, and trio
      and anyio streams raise their own classes; `ssl.SSLEOFError` does not reach it.
    - A module that is a TLS backend on another engine stays quiet: it defines
      `wrap_socket` (an `SSLContext` stand-in, as urllib3's pyOpenSSL and Secure
      Transport backends do) and the socket it hands back (`sendall`, `recv_into`),
      imports pyOpenSSL or `ctypes`, and wraps nothing through the stdlib (no `ssl.SSLContext`, `SSLSocket`, `SSLObject`, `MemoryBIO`,
      `create_default_context`, no `wrap_socket` call). Only the stdlib's `ssl` raises
      `ssl.SSLEOFError`; the sockets such a module handles are the raw ones beneath it.
    - A module of a package that sets TLS up for an event loop and never on a blocking
      socket stays quiet: some module that is not a test makes a context, loads
      certificates or picks a verify mode (`SSLContext(...)`, `create_default_context`,
      `load_cert_chain`, `CERT_NONE`...), some module that is not a test passes `ssl=`
      (a keyword or a dict key) and imports asyncio, trio, anyio, websockets, aiohttp
      or httpx, and no module at all, tests included, makes a blocking TLS socket or a
      client that lets ssl errors out of one (`wrap_socket`, `wrap_ssl`, `SSLSocket`,
      `HTTPSConnection`, `ServerProxy`, `xmlrpc.client`, `get_server_certificate`,
      `FTP_TLS`, `SMTP_SSL`, `starttls`, websocket-client, `websockets.sync`,
      `tls_context`...). Its TLS is the event loop's, which never raises
      `ssl.SSLEOFError` at a drop handler (sanic; SDKs on websockets and httpx).
      `urlopen` is no blocking TLS here: it wraps a failed request in `URLError`. The
      package is the top-level one (the folders above the module with an
      `__init__.py`), and every `.py` file below it is read, links followed, the
      default exclusions skipped. A module outside a package, or a package with no TLS
      at all, gets no such pass: its sockets may come from a caller that wrapped them.
      Mentions in `#` comments do not count; in strings and docstrings they do.
      Limits: a context handed to a blocking client not listed here, or a socket a
      user wraps and hands to such a package, is not seen. Only a finding the rule
      would otherwise report makes it read the package; a cached result that did is
      confirmed by reading the package again on each run.
    - A `try` body whose only calls are `close()` stays quiet: closing an `SSLSocket`
      does no TLS shutdown (`unwrap()` does), so it cannot raise `ssl.SSLEOFError`.
    - A `try` body that reads and visibly writes nothing stays quiet: it calls `recv*`,
      `read*` (`readline`, `read_bytes`...) or an HTTP response's `begin()` /
      `getresponse()`, and nothing named `send*`, `write*`, `flush*`, `request`,
      `endheaders` or another socket method (other calls are not looked into). A read
      of an `SSLSocket` reports a TLS peer that hangs up as `b""`, even mid-handshake,
      because `suppress_ragged_eofs` defaults to True; a module that passes
      `suppress_ragged_eofs=False` anywhere keeps its reads counted.
    - In a module that imports `asyncio` (or trio, anyio), a `try` body that writes only
      through `write()` / `writelines()` and makes no blocking socket call stays quiet:
      transports and stream writers buffer and report errors to the protocol.
    - A `try` body whose only socket call is `accept()` stays quiet when the listening
      socket does no TLS handshake: the module wraps nothing in TLS (`wrap_socket`,
      `wrap_ssl`, `load_cert_chain`, `ssl` used beyond its exception names), or another
      clause of the `try` catches `BlockingIOError` (an event loop's listener, whose
      connections are wrapped later). `ConnectionAbortedError` there is a connection
      aborted in the accept queue.
    - `BrokenPipeError` alone counts only where there is socket work: the `try` body
      calls a socket method (`send`, `sendall`, `recv`, `accept`, `makefile`,
      `do_handshake`, ...), or the module imports `socket`, `socketserver`,
      `http.server`, `http.client`, `wsgiref`, `xmlrpc`, `asyncore`, `selectors`,
      `select`, a stdlib mail/ftp client or eventlet's / gevent's green versions of
      them, or uses `ssl` for more than naming its exceptions
      (`ssl.create_default_context`, `wrap_socket`, `SSLContext`...). A module that uses
      `socket` only for name lookups (`socket.getfqdn()` for a Message-Id,
      `gethostname`, `inet_aton`...), and never names the module itself otherwise
      (`net = socket`, `connect(socket, ...)`), does no socket work by that. An `import ssl`
      used only for `ssl.SSLEOFError` is not TLS work, so the import a fix adds never
      makes another clause count. Local channels are not socket work: a module that
      does no TLS work and whose sockets are all `AF_UNIX` (no `AF_INET`,
      `create_connection`, `getaddrinfo`...), or whose only channel is `multiprocessing`
      (no network module imported). In such a module, if it imports no network module
      at all, a `try` body that makes no socket call and no write (`send*`, `write*`,
      `flush*`, `request`...) stays quiet whatever drop class it catches: it guards a
      pipe or a manager proxy (`del state[name]` on a `Manager().dict()`), whose other
      end is a process.

    ## Example
    ```python
    try:
        execute(app)
    except (ConnectionError, socket.timeout) as e:
        connection_dropped(e)
    except Exception:
        log_error()          # an SSLEOFError lands here, with a traceback
    ```

    Use instead:
    ```python
    try:
        execute(app)
    except (ConnectionError, socket.timeout, ssl.SSLEOFError) as e:
        connection_dropped(e)
    except Exception:
        log_error()
    ```

    ## Fix
    Adds `SSLEOFError` to the clause (a single name becomes a tuple), or once to the
    tuple constant the clause uses. It is spelled the way the module already reaches
    `ssl` (`ssl.SSLEOFError`, `_ssl.SSLEOFError` after `import ssl as _ssl`,
    `SSLEOFError` after `from ssl import SSLEOFError`). Without such a binding,
    `import ssl` is added with the module's other imports (after the docstring and
    `from __future__` imports). Where `ssl` is shadowed at the clause (a parameter, a
    local, a `global` rebinding), `from ssl import SSLEOFError` is added instead.

    ## Fix safety
    Safe, except where `ssl` may be missing at run time (its import is guarded by
    `except ImportError`, as in Werkzeug): an except clause's expression is evaluated
    when an exception reaches it, so `ssl.SSLEOFError` with `ssl = None` would turn a
    dropped connection into an AttributeError. There the fix is unsafe (applied only
    with `--unsafe-fixes`) and the message says why.

    ## Sources
    - CPython gh-115627 (SSLEOFError on writes, 3.10-3.12), gh-95494, gh-122254
    - Werkzeug issue #2926, PR #2941 (fixed in 3.0.4)
    - CPython `Lib/wsgiref/handlers.py`, `BaseHandler.run`
    """

    code = "NFX101"
    name = "ssl-eof-not-caught"
    fix_safety = SAFE
    trigger = _DROP_TRIGGER
    trigger_context = CAUGHT

    def check(self, facts: ModuleFacts) -> Iterator[Finding]:
        for block in facts.tries:
            caught_per_handler = [
                None if h.types is None else expand_caught(facts, h.scope, h.types) for h in block.handlers
            ]
            if any(caught is not None and names_tls_errors(caught) for caught in caught_per_handler):
                continue  # the try deals with TLS errors on purpose
            nonblocking = any(
                c.resolved.qualname == "builtins.BlockingIOError" for caught in caught_per_handler for c in caught or ()
            )
            if accepts_on_plain_listener(facts, block.body_calls, nonblocking):
                continue
            for handler, caught in zip(block.handlers, caught_per_handler):
                if caught is None or handler.types is None:
                    continue
                drops = missed_drops(facts, caught, block.body_calls)
                if not drops:
                    continue
                fix, note = plan_fix(facts, drops, handler.target, handler.scope, handler.span.line)
                message = (
                    f"Connection-drop handler catches {describe(drops)} but not "
                    f"ssl.SSLEOFError, which a dropped TLS connection raises on Python 3.10+"
                    f"{note}"
                )
                yield make_finding(self, message, clause_span(handler.span, handler.types), fix)

    valid = (
        # Already catches it, directly or through a base class.
        "import socket, ssl\ntry:\n    pass\nexcept (ConnectionError, ssl.SSLEOFError):\n    pass\n",
        "import ssl\ntry:\n    pass\nexcept (ConnectionError, ssl.SSLError):\n    pass\n",
        "try:\n    pass\nexcept (ConnectionResetError, OSError):\n    pass\n",
        "import socket\ntry:\n    pass\nexcept (ConnectionError, socket.error):\n    pass\n",
        "from gevent import socket\ntry:\n    pass\nexcept (ConnectionError, socket.error):\n    pass\n",
        "try:\n    pass\nexcept (ConnectionError, Exception):\n    pass\n",
        # A clause of the same try handles TLS errors explicitly.
        "import ssl\ntry:\n    pass\nexcept ConnectionError:\n    pass\nexcept ssl.SSLEOFError:\n    pass\n",
        "from ssl import SSLError\ntry:\n    pass\nexcept SSLError:\n    pass\nexcept ConnectionError:\n    pass\n",
        # Look-alikes from other libraries are not the builtin.
        "import requests\ntry:\n    pass\nexcept requests.ConnectionError:\n    pass\n",
        "from requests.exceptions import ConnectionError\ntry:\n    pass\nexcept ConnectionError:\n    pass\n",
        "from redis.exceptions import ConnectionError, TimeoutError\ntry:\n    pass\n"
        "except (ConnectionError, TimeoutError):\n    pass\n",
        "import urllib3\ntry:\n    pass\nexcept urllib3.exceptions.ConnectionError:\n    pass\n",
        "import aiohttp\ntry:\n    pass\nexcept aiohttp.ClientConnectionError:\n    pass\n",
        # A star import may have rebound the builtin name.
        "from compat import *\ntry:\n    pass\nexcept ConnectionError:\n    pass\n",
        # Something we cannot see through.
        "def f(self):\n    try:\n        pass\n    except (ConnectionError, self.errors):\n        pass\n",
        # BrokenPipeError guarding standard streams or pipes.
        "import sys\ntry:\n    sys.stdout.write('x')\nexcept BrokenPipeError:\n    pass\n",
        "import socket\ntry:\n    print('x')\nexcept BrokenPipeError:\n    pass\n",
        "import subprocess\ntry:\n    p.communicate(b'x')\nexcept BrokenPipeError:\n    pass\n",
        "import json\ntry:\n    dump()\nexcept BrokenPipeError:\n    pass\n",
        "import asyncio\nasync def feed(proc, data):\n    try:\n        proc.stdin.write(data)\n"
        "    except (BrokenPipeError, ConnectionResetError):\n        pass\n",
        # asyncio streams never raise SSLEOFError for a TLS peer that hangs up.
        "import ssl\nasync def pump(reader, writer):\n    try:\n        data = await reader.read(65536)\n"
        "    except ConnectionResetError:\n        return\n",
        "import socket\ntry:\n    sock.close()\nexcept ConnectionResetError:\n    pass\n",
        "import ssl\nasync def pump(stream):\n    try:\n        async for chunk in stream:\n"
        "            pass\n    except ConnectionError:\n        return\n",
        # ssl bound in a way we cannot follow, but the try clearly handles TLS errors.
        "from test.support import import_helper\nssl = import_helper.import_module('ssl')\n"
        "try:\n    pass\nexcept ConnectionResetError:\n    pass\nexcept ssl.SSLError:\n    pass\n",
        # Reads: an SSLSocket read reports a TLS EOF as b'' (suppress_ragged_eofs=True).
        "import socket\ndef pump(sock):\n    try:\n        data = sock.recv(65536)\n"
        "    except ConnectionResetError:\n        return None\n    return data\n",
        "import socket\ndef getresponse(self, response):\n    try:\n        response.begin()\n"
        "    except ConnectionError:\n        self.close()\n        raise\n",
        # accept() on an event loop's (non-blocking) listener.
        "import socket, ssl\nctx = ssl.create_default_context()\ndef accept(sock):\n    try:\n"
        "        return sock.accept()\n    except BlockingIOError:\n        return None\n"
        "    except ConnectionAbortedError:\n        return None\n",
        # Local channels that never carry TLS: unix sockets, multiprocessing pipes.
        "import socket\ndef request(path, data):\n    sock = socket.socket(socket.AF_UNIX)\n"
        "    try:\n        sock.sendall(data)\n    except BrokenPipeError:\n        pass\n",
        "from multiprocessing import connection\ndef publish(subscriber, event):\n    try:\n"
        "        subscriber.send(event)\n    except BrokenPipeError:\n        pass\n",
        "from multiprocessing import Manager\ndef forget(state, name):\n    try:\n"
        "        del state[name]\n    except (BrokenPipeError, ConnectionResetError, EOFError):\n        pass\n",
        # asyncio transports and stream writers buffer; errors go to connection_lost.
        "import asyncio, socket\ndef send(self, data):\n    try:\n        self._transport.write(data)\n"
        "    except BrokenPipeError:\n        pass\n",
        # A TLS backend on pyOpenSSL: its sockets are the raw ones under the engine.
        "import socket\nimport OpenSSL.SSL\nclass Context:\n    def wrap_socket(self, sock):\n"
        "        return WrappedSocket(OpenSSL.SSL.Connection(self._ctx, sock))\n"
        "class WrappedSocket:\n    def sendall(self, data):\n        pass\n"
        "    def recv_into(self, buffer):\n        pass\n"
        "def send(sock, data):\n    try:\n        sock.sendall(data)\n    except ConnectionResetError:\n"
        "        pass\n",
        # Bare except and unrelated classes.
        "try:\n    pass\nexcept:\n    pass\n",
        "import socket\ntry:\n    pass\nexcept socket.timeout:\n    pass\n",
    )

    invalid = (
        Invalid(
            "import socket\nimport ssl\n\ntry:\n    pass\n"
            "except (ConnectionError, socket.timeout) as e:\n    pass\n"
            "except Exception:\n    pass\n",
            "import socket\nimport ssl\n\ntry:\n    pass\n"
            "except (ConnectionError, socket.timeout, ssl.SSLEOFError) as e:\n    pass\n"
            "except Exception:\n    pass\n",
        ),
        Invalid(
            "import ssl as _ssl\ntry:\n    pass\nexcept ConnectionResetError:\n    pass\n",
            "import ssl as _ssl\ntry:\n    pass\nexcept (ConnectionResetError, _ssl.SSLEOFError):\n    pass\n",
        ),
        Invalid(
            "from ssl import SSLEOFError, create_default_context\ntry:\n    pass\nexcept* ConnectionError:\n    pass\n",
            "from ssl import SSLEOFError, create_default_context\n"
            "try:\n    pass\nexcept* (ConnectionError, SSLEOFError):\n    pass\n",
            min_python=(3, 11),
        ),
        Invalid(
            '"""Server."""\nfrom __future__ import annotations\n\nimport os\nimport socket\n'
            "import sys\n\ntry:\n    pass\nexcept ConnectionAbortedError:\n    pass\n",
            '"""Server."""\nfrom __future__ import annotations\n\nimport os\nimport socket\n'
            "import ssl\nimport sys\n\ntry:\n    pass\n"
            "except (ConnectionAbortedError, ssl.SSLEOFError):\n    pass\n",
        ),
        Invalid(
            "import socket\nimport ssl\n\ndef connect(host, ssl=False):\n    try:\n        pass\n"
            "    except (ConnectionError, socket.timeout):\n        pass\n",
            "import socket\nimport ssl\nfrom ssl import SSLEOFError\n\n"
            "def connect(host, ssl=False):\n    try:\n        pass\n"
            "    except (ConnectionError, socket.timeout, SSLEOFError):\n        pass\n",
        ),
        Invalid(
            "import socket\ntry:\n    conn.sendall(data)\nexcept BrokenPipeError:\n    pass\n",
            "import socket\nimport ssl\ntry:\n    conn.sendall(data)\n"
            "except (BrokenPipeError, ssl.SSLEOFError):\n    pass\n",
        ),
        Invalid(
            "import socket\nimport ssl\n\nDROPPED = (ConnectionError, socket.timeout)\n\n"
            "def serve():\n    try:\n        pass\n    except DROPPED:\n        pass\n"
            "\ndef handle():\n    try:\n        pass\n    except DROPPED:\n        pass\n",
            "import socket\nimport ssl\n\nDROPPED = (ConnectionError, socket.timeout, ssl.SSLEOFError)\n\n"
            "def serve():\n    try:\n        pass\n    except DROPPED:\n        pass\n"
            "\ndef handle():\n    try:\n        pass\n    except DROPPED:\n        pass\n",
            count=2,
        ),
        Invalid(
            "import socket\ntry:\n    import ssl\nexcept ImportError:\n    ssl = None\n\n"
            "try:\n    pass\nexcept (ConnectionError, socket.timeout):\n    pass\n",
            None,
            unsafe_fixed="import socket\ntry:\n    import ssl\nexcept ImportError:\n    ssl = None\n\n"
            "try:\n    pass\nexcept (ConnectionError, socket.timeout, ssl.SSLEOFError):\n    pass\n",
        ),
        Invalid(
            "import socket\nimport ssl\n\ntry:\n    pass\nexcept (\n    ConnectionError,  # peer left\n"
            "    socket.timeout,\n) as e:\n    pass\n",
            "import socket\nimport ssl\n\ntry:\n    pass\nexcept (\n    ConnectionError,  # peer left\n"
            "    socket.timeout,\n    ssl.SSLEOFError,\n) as e:\n    pass\n",
        ),
        Invalid(
            "try:\n    pass\nexcept ConnectionError:\n    pass\n\ntry:\n    pass\nexcept BrokenPipeError:\n    pass\n",
            "import ssl\n\ntry:\n    pass\nexcept (ConnectionError, ssl.SSLEOFError):\n    pass\n\n"
            "try:\n    pass\nexcept BrokenPipeError:\n    pass\n",
        ),
        Invalid(
            "import ssl\nctx = ssl.create_default_context()\ntry:\n    pass\nexcept BrokenPipeError:\n    pass\n",
            "import ssl\nctx = ssl.create_default_context()\ntry:\n    pass\n"
            "except (BrokenPipeError, ssl.SSLEOFError):\n    pass\n",
        ),
        # A binding that may not exist when the clause runs is not used.
        Invalid(
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import ssl\nimport socket\n\n"
            "def send(conn):\n    try:\n        conn.sendall(b'x')\n    except ConnectionError:\n        pass\n",
            "from ssl import SSLEOFError\nfrom typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
            "    import ssl\nimport socket\n\n"
            "def send(conn):\n    try:\n        conn.sendall(b'x')\n    except (ConnectionError, SSLEOFError):\n"
            "        pass\n",
        ),
        Invalid(
            "import socket\n\ndef serve(conn, tls):\n    if tls:\n        import ssl\n"
            "    try:\n        conn.sendall(b'x')\n    except BrokenPipeError:\n        pass\n",
            "import socket\nfrom ssl import SSLEOFError\n\ndef serve(conn, tls):\n    if tls:\n"
            "        import ssl\n    try:\n        conn.sendall(b'x')\n"
            "    except (BrokenPipeError, SSLEOFError):\n        pass\n",
        ),
        Invalid(
            "import contextlib\nwith contextlib.suppress(ImportError):\n    import ssl\n\n"
            "def f(conn):\n    try:\n        conn.sendall(b'x')\n    except ConnectionError:\n        pass\n",
            None,
            unsafe_fixed="import contextlib\nwith contextlib.suppress(ImportError):\n    import ssl\n\n"
            "def f(conn):\n    try:\n        conn.sendall(b'x')\n"
            "    except (ConnectionError, ssl.SSLEOFError):\n        pass\n",
        ),
        # Code that runs at import time needs the binding above it.
        Invalid(
            "import socket\nDROPPED = (ConnectionError, socket.timeout)\nimport ssl\n\n"
            "def f(conn):\n    try:\n        pass\n    except DROPPED:\n        pass\n",
            "import socket\nfrom ssl import SSLEOFError\nDROPPED = (ConnectionError, socket.timeout, SSLEOFError)\n"
            "import ssl\n\ndef f(conn):\n    try:\n        pass\n    except DROPPED:\n        pass\n",
        ),
        Invalid(
            '"""Script."""\ntry:\n    conn.sendall(b"x")\nexcept ConnectionResetError:\n    pass\nimport socket\n',
            '"""Script."""\n\nimport ssl\n\ntry:\n    conn.sendall(b"x")\n'
            "except (ConnectionResetError, ssl.SSLEOFError):\n    pass\nimport socket\n",
        ),
        # Reads raise SSLEOFError where the module turns suppress_ragged_eofs off.
        Invalid(
            "import ssl\n\ndef serve(ctx, sock):\n"
            "    conn = ctx.wrap_socket(sock, server_side=True, suppress_ragged_eofs=False)\n"
            "    try:\n        return conn.recv(1024)\n    except ConnectionResetError:\n        return b''\n",
            "import ssl\n\ndef serve(ctx, sock):\n"
            "    conn = ctx.wrap_socket(sock, server_side=True, suppress_ragged_eofs=False)\n"
            "    try:\n        return conn.recv(1024)\n    except (ConnectionResetError, ssl.SSLEOFError):\n"
            "        return b''\n",
        ),
        # A blocking socket write in an asyncio module still counts.
        Invalid(
            "import asyncio\nimport ssl\n\ndef reply(conn, data):\n    try:\n        conn.sendall(data)\n"
            "    except ConnectionResetError:\n        pass\n",
            "import asyncio\nimport ssl\n\ndef reply(conn, data):\n    try:\n        conn.sendall(data)\n"
            "    except (ConnectionResetError, ssl.SSLEOFError):\n        pass\n",
        ),
        # Printing does not make a socket write a pipe guard.
        Invalid(
            "import ssl\n\ndef handle(conn, data):\n    try:\n        conn.sendall(data)\n"
            "        print('sent', len(data))\n    except ConnectionResetError:\n        print('gone')\n",
            "import ssl\n\ndef handle(conn, data):\n    try:\n        conn.sendall(data)\n"
            "        print('sent', len(data))\n    except (ConnectionResetError, ssl.SSLEOFError):\n"
            "        print('gone')\n",
        ),
        # A unix-socket connection class beside stdlib HTTPS: the module is not local-only.
        Invalid(
            "import http.client\nimport socket\n\n"
            "class UnixHTTPConnection(http.client.HTTPConnection):\n    def connect(self):\n"
            "        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)\n"
            "        self.sock.connect(self.path)\n\ndef post(host, body):\n"
            "    conn = http.client.HTTPSConnection(host)\n    try:\n"
            "        conn.request('POST', '/', body)\n    except ConnectionResetError:\n"
            "        return None\n    return conn.getresponse()\n",
            "import http.client\nimport socket\nimport ssl\n\n"
            "class UnixHTTPConnection(http.client.HTTPConnection):\n    def connect(self):\n"
            "        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)\n"
            "        self.sock.connect(self.path)\n\ndef post(host, body):\n"
            "    conn = http.client.HTTPSConnection(host)\n    try:\n"
            "        conn.request('POST', '/', body)\n"
            "    except (ConnectionResetError, ssl.SSLEOFError):\n        return None\n"
            "    return conn.getresponse()\n",
        ),
        # multiprocessing beside a client on stdlib ssl: a write may raise SSLEOFError.
        Invalid(
            "import multiprocessing\nimport websocket\n\ndef pump(url, queue):\n"
            "    ws = websocket.WebSocket()\n    ws.connect(url)\n    while True:\n        try:\n"
            "            ws.send_binary(queue.get())\n        except ConnectionResetError:\n"
            "            return\n",
            "import multiprocessing\nimport ssl\nimport websocket\n\ndef pump(url, queue):\n"
            "    ws = websocket.WebSocket()\n    ws.connect(url)\n    while True:\n        try:\n"
            "            ws.send_binary(queue.get())\n"
            "        except (ConnectionResetError, ssl.SSLEOFError):\n            return\n",
        ),
        # wrap_socket and ctypes, but no socket of its own: no TLS backend.
        Invalid(
            "import ctypes\nimport socket\n\nclass Server:\n    def wrap_socket(self, sock):\n"
            "        return self.ssl_adapter.wrap(sock)\n\n    def respond(self, conn, data):\n"
            "        try:\n            conn.sendall(data)\n"
            "        except (ConnectionResetError, BrokenPipeError):\n            pass\n",
            "import ctypes\nimport socket\nimport ssl\n\nclass Server:\n"
            "    def wrap_socket(self, sock):\n        return self.ssl_adapter.wrap(sock)\n\n"
            "    def respond(self, conn, data):\n        try:\n            conn.sendall(data)\n"
            "        except (ConnectionResetError, BrokenPipeError, ssl.SSLEOFError):\n"
            "            pass\n",
        ),
        # A backend that defines wrap_socket but wraps through the stdlib is no other engine.
        Invalid(
            "import ctypes\nimport ssl\nctx = ssl.create_default_context()\n"
            "def wrap_socket(sock):\n    return ctx.wrap_socket(sock)\n"
            "def send(sock, data):\n    try:\n        sock.sendall(data)\n    except ConnectionResetError:\n"
            "        pass\n",
            "import ctypes\nimport ssl\nctx = ssl.create_default_context()\n"
            "def wrap_socket(sock):\n    return ctx.wrap_socket(sock)\n"
            "def send(sock, data):\n    try:\n        sock.sendall(data)\n"
            "    except (ConnectionResetError, ssl.SSLEOFError):\n        pass\n",
        ),
        Invalid(
            "import builtins\nimport ssl\ntry:\n    pass\nexcept builtins.ConnectionError:\n    pass\n",
            "import builtins\nimport ssl\ntry:\n    pass\n"
            "except (builtins.ConnectionError, ssl.SSLEOFError):\n    pass\n",
        ),
    )


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
    heuristic (a package that sets TLS up but never on a blocking socket).

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

    ## Sources
    - CPython gh-115627, gh-95494 (when SSLEOFError is raised)
    - Python docs: `contextlib.suppress`
    """

    code = "NFX102"
    name = "ssl-eof-not-suppressed"
    fix_safety = SAFE
    trigger = _DROP_TRIGGER
    trigger_context = CAUGHT

    def check(self, facts: ModuleFacts) -> Iterator[Finding]:
        for call in facts.class_calls:
            if call.args is None or call.func.dotted is None:
                continue
            if resolve(facts, call.scope, call.func.dotted).qualname != "contextlib.suppress":
                continue
            drops = missed_drops(facts, expand_caught(facts, call.scope, call.args), call.body_calls)
            if not drops:
                continue
            fix, note = plan_fix(facts, drops, call.target, call.scope, call.span.line)
            message = (
                f"suppress() silences {describe(drops)} but not ssl.SSLEOFError, "
                f"which a dropped TLS connection raises on Python 3.10+{note}"
            )
            yield make_finding(self, message, call.span, fix)

    valid = (
        "import contextlib, ssl\nwith contextlib.suppress(ConnectionError, ssl.SSLError):\n    pass\n",
        "from contextlib import suppress\nwith suppress(OSError):\n    pass\n",
        "from contextlib import suppress\nimport sys\nwith suppress(BrokenPipeError):\n    sys.stdout.flush()\n",
        "from mylib import suppress\nwith suppress(ConnectionError):\n    pass\n",
        "import contextlib\nwith contextlib.suppress(*ERRORS):\n    pass\n",
        "import contextlib\nimport requests\nwith contextlib.suppress(requests.ConnectionError):\n    pass\n",
    )

    invalid = (
        Invalid(
            "import contextlib\nimport ssl\n\nwith contextlib.suppress(ConnectionResetError):\n"
            "    sock.sendall(data)\n",
            "import contextlib\nimport ssl\n\n"
            "with contextlib.suppress(ConnectionResetError, ssl.SSLEOFError):\n"
            "    sock.sendall(data)\n",
        ),
        Invalid(
            "from contextlib import suppress as quiet\nimport socket\n\n"
            "def close(sock):\n    with quiet(BrokenPipeError, ConnectionResetError):\n"
            "        sock.sendall(b'bye')\n",
            "from contextlib import suppress as quiet\nimport socket\nimport ssl\n\n"
            "def close(sock):\n    with quiet(BrokenPipeError, ConnectionResetError, ssl.SSLEOFError):\n"
            "        sock.sendall(b'bye')\n",
        ),
        Invalid(
            "import contextlib\nimport ssl\n\nwith contextlib.suppress(\n    ConnectionError,\n"
            "    BrokenPipeError,\n):\n    conn.send(b'x')\n",
            "import contextlib\nimport ssl\n\nwith contextlib.suppress(\n    ConnectionError,\n"
            "    BrokenPipeError,\n    ssl.SSLEOFError,\n):\n    conn.send(b'x')\n",
        ),
    )
