"""Can ``ssl.SSLEOFError`` arrive here? What NFX101, NFX102 and NFX103 share.

FACTS.md section 1: on Python 3.10+ a TLS peer that hangs up mid-transfer raises
``ssl.SSLEOFError`` (an ``OSError`` through ``ssl.SSLError``), which is not a
``ConnectionError``. Whether a ``try`` (or ``with``) body can raise it depends on the
body's calls and on the module around it: what the module imports, whether it wraps
sockets in TLS, what its package does with TLS. The module's side is worked out once
per check (:class:`SslModule`); the body's per clause: first where its socket comes from
(:mod:`.socket_origin`), and only when that cannot be told, the module and its package.
Every finding says which of these made it fire (:meth:`SslModule.evidence`).
"""

from __future__ import annotations

import bisect
import dataclasses
import io
import re
import tokenize
from collections import Counter
from functools import cached_property
from typing import Dict, FrozenSet, List, Optional, Set, Tuple

from ..context import (
    ANY_CLASS,
    ELSEWHERE,
    OWN_SOCKETS,
    TRAVELS,
    RuleContext,
    TlsVerdict,
    code_only,
    code_travel_word,
    code_word,
    uses_websocket_client,
)
from ..facts import (
    AWAITS,
    IN_EXECUTOR,
    STARRED,
    CaughtName,
    ModuleFacts,
    Resolved,
    Scope,
    Span,
    Target,
    TryBlock,
    expand_caught,
    lookup,
    resolve,
)
from ..model import UNSAFE, AppendElement, Finding, Fix, FixOp, Related
from .base import Rule, make_finding
from .callers import CallSites, enclosing
from .google_requests import GoogleApiRequests
from .importer import Importer, spell_ssl_eof
from .mail_clients import WrappingClients
from .pure_calls import PURE_BUILTINS, PureCalls, text_method
from .socket_origin import EveryWayTls, MemoryBios, SocketOrigins, logs
from .value_origin import Provenance, class_of, mro

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


def names_tls_errors(caught: List[CaughtName], scope: Optional[Scope] = None) -> bool:
    """The clause handles TLS errors on purpose. An unresolvable ``x.SSLError`` (say
    ``ssl = import_helper.import_module("ssl")``) counts too, and so does a name that one
    of its bindings makes an SSL error class (google-api-python-client's
    ``_ssl_SSLError = ssl.SSLError``, ``object()`` where ssl is missing): spelling may
    only ever make a rule quieter, never louder."""
    return any(
        c.resolved.qualname in EXPLICIT_SSL
        or (c.resolved.qualname is None and _spells_ssl_error(c.expr.dotted or "", scope))
        or _reexported_ssl_error(c.resolved.qualname)
        for c in caught
    )


def _reexported_ssl_error(qualname: Optional[str]) -> bool:
    """``SSLError`` of a module named ``ssl`` other than the stdlib's: a package's compat
    module that re-exports it (hyper's ``from ..compat import ssl``), gevent's or
    eventlet's green ``ssl``. (``requests.exceptions.SSLError`` is another class.)"""
    parts = (qualname or "").split(".")
    return len(parts) > 2 and parts[-2] == "ssl" and parts[-1] in _SSL_ERROR_NAMES


_SSL_ERROR_NAMES = ("SSLError", "SSLEOFError")


def _spells_ssl_error(dotted: str, scope: Optional[Scope]) -> bool:
    if dotted.rsplit(".", 1)[-1] in _SSL_ERROR_NAMES:
        return True
    found = lookup(scope, dotted) if scope is not None and "." not in dotted else None
    if found is None:
        return False
    return any(
        (b.target or "").rsplit(".", 1)[-1] in _SSL_ERROR_NAMES
        or any((v.dotted or "").rsplit(".", 1)[-1] in _SSL_ERROR_NAMES for v in b.value or ())
        for b in found[1]
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

#: The calls whose receiver's provenance decides (writes, handshakes, socket calls).
IO_METHODS = SOCKET_METHODS | frozenset({"write", "writelines", "flush", "request", "endheaders", "putrequest"})

#: The stdlib's request handler classes: a subclass's ``self.request`` (and the files
#: ``self.rfile`` / ``self.wfile`` over it, ``self.connection``) is the connection its
#: server accepted, a TLS one when the server's socket is wrapped.
REQUEST_HANDLERS = frozenset(
    {
        "socketserver.BaseRequestHandler",
        "socketserver.StreamRequestHandler",
        "http.server.BaseHTTPRequestHandler",
        "http.server.SimpleHTTPRequestHandler",
        "http.server.CGIHTTPRequestHandler",
        "wsgiref.simple_server.WSGIRequestHandler",
        "xmlrpc.server.SimpleXMLRPCRequestHandler",
    }
)
_HANDLER_STREAMS = ("request", "rfile", "wfile", "connection")
#: The stdlib's request handlers whose ``wfile`` is buffered (``wbufsize = -1``).
BUFFERED_HANDLERS = frozenset({"xmlrpc.server.SimpleXMLRPCRequestHandler"})
#: The stdlib's server classes: an error that leaves a request handler ends in their
#: ``handle_error``.
SERVERS = frozenset(
    {
        "socketserver.BaseServer",
        "socketserver.TCPServer",
        "socketserver.ThreadingTCPServer",
        "socketserver.ForkingTCPServer",
        "http.server.HTTPServer",
        "http.server.ThreadingHTTPServer",
        "wsgiref.simple_server.WSGIServer",
        "xmlrpc.server.SimpleXMLRPCServer",
    }
)

#: Modules only Python 2 has: a module importing one (unguarded, at its top) cannot run
#: where ssl.SSLEOFError exists.
PYTHON2_ONLY = frozenset(
    {
        "SocketServer",
        "BaseHTTPServer",
        "SimpleHTTPServer",
        "CGIHTTPServer",
        "httplib",
        "urllib2",
        "urlparse",
        "cStringIO",
        "cPickle",
        "cookielib",
        "xmlrpclib",
        "SimpleXMLRPCServer",
        "__builtin__",
    }
)

#: Words of server-side stdlib TLS (eventlet's ``wrap_ssl`` takes ``server_side`` too): a
#: module with none of them, whose wraps all make clients (:attr:`SslModule._wraps_clients_only`),
#: wraps no server's socket.
_SERVER_TLS = ("server_side", "PROTOCOL_TLS_SERVER", "CLIENT_AUTH", "wrap_ssl")
#: A stdlib wrap named in code: each must be a call the facts saw.
_WRAP_WORD = re.compile(r"(?<!\w)(?:wrap_socket|wrap_bio)(?!\w)")
#: Words that show where a module sets TLS up, for a finding's evidence.
_TLS_SETUP = ("wrap_socket", "wrap_ssl", "wrap_bio", "SSLContext", "create_default_context", "load_cert_chain")

#: Calls that show a handler guards a standard stream or a subprocess pipe.
_STDIO_PART = re.compile(r"(?:^|\.)(?:stdin|stdout|stderr|__stdout__|__stderr__)(?:\.|$)")
_PIPE_CALLS = frozenset({"print", "os.write", "os.read", "input"})
_PIPE_METHODS = frozenset({"communicate", "pipe", "popen"})


#: How many calls down the module's own functions a body's socket calls are looked for
#: (``client.command(cmd)`` -> ``self._send(...)`` -> ``self.sock.send(...)``).
OWN_CALL_DEPTH = 3


def guards_a_pipe(body_calls: FrozenSet[str]) -> bool:
    for call in body_calls:
        if call in _PIPE_CALLS or call.startswith("subprocess."):
            return True
        if _STDIO_PART.search(call) or call.rsplit(".", 1)[-1] in _PIPE_METHODS:
            return True
    return False


#: HTTP libraries that wrap transport errors (a TLS drop included) in their own classes.
WRAPPING_LIBRARIES = frozenset({"requests", "httpx", "httpcore", "aiohttp", "urllib3"})


#: The classes of WRAPPING_LIBRARIES that stand for their network errors (not
#: ``JSONDecodeError``, ``InvalidURL``, or requests' ``HTTPError`` for a status).
LIBRARY_NETWORK_ERRORS = frozenset(
    {
        "RequestException",
        "ConnectionError",
        "Timeout",
        "ConnectTimeout",
        "ReadTimeout",
        "SSLError",
        "RequestError",
        "TransportError",
        "NetworkError",
        "ConnectError",
        "ClientError",
        "ClientConnectionError",
        "ClientOSError",
        "ProtocolError",
        "NewConnectionError",
        "MaxRetryError",
    }
)


def library_network_error(qualname: Optional[str]) -> bool:
    """A class an HTTP library raises for a network error (``requests.RequestException``)."""
    return wrapping_library(qualname) and (qualname or "").rsplit(".", 1)[-1] in LIBRARY_NETWORK_ERRORS


def wrapping_library(qualname: Optional[str]) -> bool:
    """A name of one of WRAPPING_LIBRARIES, imported absolutely (so by another package:
    the libraries' own modules import theirs relatively), vendored ones included."""
    parts = (qualname or "").split(".")
    return parts[0] in WRAPPING_LIBRARIES or (
        len(parts) > 2 and parts[1] == "_vendor" and parts[2] in WRAPPING_LIBRARIES
    )


#: urllib's class for a failed request (an ``OSError`` that wraps the one that failed it).
URLLIB_ERRORS = frozenset({"urllib.error.URLError", "urllib.request.URLError", "six.moves.urllib.error.URLError"})
URLOPEN = frozenset({"urllib.request.urlopen", "six.moves.urllib.request.urlopen"})
#: Functions that write to a file (or a socket's file) they are handed.
WRITES_TO_A_FILE = frozenset(
    {"shutil.copyfileobj", "json.dump", "pickle.dump", "marshal.dump", "builtins.print", "yaml.dump", "yaml.safe_dump"}
)


def _writes_by_name(call: str) -> bool:
    """A call named like a write, a flush or TLS work, by any word of its last name
    (``sendall``, ``_send_events``, ``write``, ``_tls_handshake``); reads are not."""
    name = _method(call)
    return _writes(name) or any(_writes(word) or word in _TLS_WORDS for word in name.lower().split("_") if word)


#: The weakest evidence: the module does socket work, and nothing more is known.
NO_EVIDENCE = "the module does socket work, on sockets made elsewhere that may be TLS ones"


def does_io(call: str) -> bool:
    """A call named like socket or stream I/O, by any word of its last name (``sendall``,
    ``_send_events``, ``blocking_send``, ``readline``)."""
    name = _method(call)
    return name in SOCKET_METHODS or any(
        word in SOCKET_METHODS or word in _TLS_WORDS or word.startswith(_READ_PREFIXES) or _writes(word)
        for word in name.lower().split("_")
        if word
    )


#: Words of a function's name that say it does TLS work (``_tls_handshake``, ``wrap``).
_TLS_WORDS = frozenset({"handshake", "wrap", "tls", "ssl", "starttls", "negotiate"})


def _blocking_io(call: str) -> bool:
    """A socket method, TLS work, or a lower-case write (``sendall``, ``starttls``,
    ``ftp.sendcmd``): a blocking socket's or stdlib client's, not Twisted's camel-case
    API (``sendLine``) nor a read of a file (``payload.read``)."""
    name = _method(call)
    if name in SOCKET_METHODS or any(word in _TLS_WORDS for word in name.lower().split("_")):
        return True
    return name == name.lower() and does_io(call) and not name.startswith(_READ_PREFIXES) and name != "write"


def _quiet(call: str) -> bool:
    """A call that does no I/O by its name: a known callee that is neither socket or stream
    I/O nor a hand-off to a thread or an event loop."""
    return not call.startswith("?") and call not in (AWAITS, IN_EXECUTOR) and not does_io(call)


def _referenced(text: str, name: str) -> bool:
    """``x.name`` stands in the code other than as a call (``target=self.loop``)."""
    if f".{name}" not in text:
        return False
    return re.search(rf"\.\s*{re.escape(name)}\b(?!\s*\()", code_only(text)) is not None


def _names_tls_client(qualname: str) -> bool:
    parts = qualname.split(".")
    return parts[0] in ("ssl", "_ssl", "websocket") or any(
        word in parts or word == qualname[: len(word)] for word in TRAVELS
    )


#: The stdlib's socket classes (a subclass's ``super()`` methods are theirs).
_SOCKET_CLASSES = frozenset({"socket.socket", "ssl.SSLSocket"})


def only_closes(body_calls: FrozenSet[str], in_socket_class: bool = False) -> bool:
    """``sock.close()`` or ``sock.shutdown(how)`` alone: neither does a TLS shutdown
    (``unwrap`` does); ``SSLSocket.shutdown`` drops the TLS object and shuts the TCP
    stream down, so no SSL error can come from it. In a method of a socket class
    (``in_socket_class``), ``super().shutdown(how)`` is one too: ``super()`` only finds the
    socket's method. (Elsewhere ``super().close()`` may flush a buffer to a TLS socket.)"""
    calls = body_calls - {"super"} if in_socket_class else body_calls
    return bool(calls) and all(call.rsplit(".", 1)[-1] in ("close", "shutdown") for call in calls)


def calls_socket_methods(body_calls: FrozenSet[str]) -> bool:
    return any(call.rsplit(".", 1)[-1] in SOCKET_METHODS for call in body_calls)


#: The attribute of a socketserver server that holds its request handler class.
HANDLER_CLASS = "RequestHandlerClass"
#: Classes a clause catches everything (an SSLEOFError too) with.
_BROAD = frozenset({"builtins.Exception", "builtins.BaseException"})


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


def broad_catchers(facts: ModuleFacts) -> Set[int]:
    """The ids of the functions of a module with a clause of their own that takes an
    SSLEOFError (``except OSError``, ``except ssl.SSLError``, ``except Exception``, a bare
    ``except:``): what reaches their callers cannot be told; so does a ``with
    suppress(...)`` in them."""
    found = {
        id(site.scope)
        for site in facts.class_calls
        if site.func.dotted and site.func.dotted.rsplit(".", 1)[-1] == "suppress"
    }
    for block in facts.tries:
        for handler in block.handlers:
            function = handler.scope
            if id(function) in found:
                continue
            if handler.types is None:
                found.add(id(function))
                continue
            for expr in handler.types:
                qualname = resolve(facts, function, expr.dotted).qualname if expr.dotted else None
                if qualname is None or qualname in CATCHES_SSL_EOF or qualname in _BROAD:
                    found.add(id(function))
                    break
    return found


def _writes_on_receivers(body_calls: FrozenSet[str]) -> bool:
    """The body calls a write or socket method on a receiver (``self.sock.sendall``)."""
    return any(_method(call) in IO_METHODS for call in body_calls if "." in call)


def _sends(name: str) -> bool:
    """A write or a handshake by name (``send``, ``sendall``, ``write``, ``do_handshake``),
    not another socket call (``settimeout``, ``setblocking``, ``shutdown``)."""
    return name.startswith(_WRITE_PREFIXES) or name in _HTTP_WRITES or name in ("do_handshake", "unwrap")


_RAGGED_EOFS_RAISED = re.compile(r"suppress_ragged_eofs\s*=\s*False")


#: Modules whose streams report a TLS peer that hangs up without ssl.SSLEOFError.
ASYNC_FRAMEWORKS = frozenset({"asyncio", "trio", "anyio"})
_STREAM_WRITES = frozenset({"write", "writelines", "write_eof"})

#: Modules through which a TLS backend reaches another engine than the stdlib's:
#: pyOpenSSL, or native bindings (urllib3's Secure Transport backend uses ctypes).
_OTHER_TLS_ENGINES = frozenset({"OpenSSL", "ctypes"})
#: What wrapping a socket through the stdlib's ssl module names.
_STDLIB_WRAPPING = frozenset({"SSLContext", "SSLSocket", "SSLObject", "MemoryBIO", "create_default_context"})


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


#: Names that show a module reaches other hosts (or may): its sockets are not all local.
_INET_NAMES = frozenset({"AF_INET", "AF_INET6", "create_connection", "create_server", "getaddrinfo", "gethostbyname"})


#: Attributes that wrap a socket in TLS or configure it, whatever object they hang on
#: (``context.wrap_socket``, ``eventlet.wrap_ssl``...).
_TLS_WRAPPING = frozenset({"wrap_socket", "wrap_ssl", "load_cert_chain", "SSLContext", "create_default_context"})


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


#: What NFX101 and NFX102 look for in the text before anything else.
DROP_TRIGGER = re.compile(r"Connection(?:Reset|Aborted)?Error|BrokenPipeError")


class SslModule:
    """What NFX101-103 work out about a module, once per check (``context.view(SslModule)``),
    and the questions they ask of a ``try`` (or ``with``) body in it."""

    def __init__(self, context: RuleContext) -> None:
        self.facts = context.facts
        self.package = context.package
        self.importer = context.view(Importer)
        self.origins = context.view(SocketOrigins)
        self.bios = context.view(MemoryBios)
        self.view_every_way = context.view(EveryWayTls)
        self.mail_clients = context.view(WrappingClients)
        self.google = context.view(GoogleApiRequests)
        self.pure = context.view(PureCalls)
        #: python2_only per scope (by id), worked out once.
        self._python2_scopes: Dict[int, bool] = {}
        #: :func:`broad_catchers` of other modules of the package (by id of their facts),
        #: and whether each function of theirs that was read is one (by id).
        self._catchers_elsewhere: Dict[int, Set[int]] = {}
        self._caught_elsewhere: Dict[int, bool] = {}
        #: Each scope's ``arguments`` by line (:meth:`_arguments_within`).
        self._arguments_by_line: Dict[
            int, List[Tuple[str, Tuple[Optional[str], ...], Tuple[Optional[str], ...], int]]
        ] = {}

    # -- the module ------------------------------------------------------------------------

    @cached_property
    def ragged_eofs_raised(self) -> bool:
        """The module passes ``suppress_ragged_eofs=False`` somewhere."""
        return any(_RAGGED_EOFS_RAISED.search(line) for line in self.facts.lines)

    def python2_only(self, scope: Scope) -> bool:
        """The code of ``scope`` imports, unguarded, a module only Python 2 has: in its own
        function or class, in one around it, or at the top of the module."""
        known = self._python2_scopes.get(id(scope))
        if known is None:
            outer = scope.parent is not None and self.python2_only(scope.parent)
            known = self._python2_scopes[id(scope)] = outer or _imports_python2(scope)
        return known

    @cached_property
    def imports_async_framework(self) -> bool:
        """The module imports asyncio, trio or anyio."""
        return any(module.split(".", 1)[0] in ASYNC_FRAMEWORKS for module in self.facts.imported_modules)

    @cached_property
    def own_tls_engine(self) -> bool:
        """The module is a TLS backend on another engine: it defines ``wrap_socket`` (an
        ``SSLContext`` stand-in, as urllib3's pyOpenSSL and Secure Transport backends do) and
        the socket that hands back (``sendall``, ``recv_into``), imports pyOpenSSL or ctypes,
        and wraps nothing through the stdlib (no ``ssl`` context, socket or object, no
        ``wrap_socket`` call). ssl.SSLEOFError comes from the
        stdlib's ``ssl`` only; the sockets such a module handles are the raw TCP sockets
        beneath its own engine."""
        facts = self.facts
        # The backend's two halves: a context's wrap_socket, and the socket it hands back.
        if not (self._defines("wrap_socket") and self._defines("sendall") and self._defines("recv_into")):
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

    @cached_property
    def runs_on_twisted(self) -> bool:
        """The module imports Twisted (not only for type checking) and does no TLS work
        itself: the connections it writes to are Twisted transports, whose TLS is
        pyOpenSSL's (never ssl.SSLEOFError) and whose writes buffer, reporting a drop to
        ``connectionLost``, not to the caller. (Asked only of bodies that write the
        Twisted way: see :meth:`_twisted_way`.)"""
        if self.wraps_in_tls or self._travel_word is not None:
            return False
        return any(
            b.kind == "import" and not b.conditional and (b.target or "").split(".", 1)[0] == "twisted"
            for scope in self.facts.scopes
            for bindings in scope.bindings.values()
            for b in bindings
        )

    def _twisted_way(self, scope: Scope, body_calls: FrozenSet[str]) -> bool:
        """What the body does (into the module's own functions, as deep as they go, up
        to five calls) calls no socket method (``sendall``, ``recv``), no TLS work
        (``starttls``) and no lower-case write of a blocking client (``ftp.sendcmd``,
        ``send_message``): it writes the Twisted way (``transport.write``, a request's
        ``write``, a protocol's camel-case ``sendLine``)."""
        frontier: List[Tuple[Scope, FrozenSet[str]]] = [(scope, body_calls)]
        seen: Set[int] = set()
        leaves: Set[str] = set()
        for _ in range(5):
            further: List[Tuple[Scope, FrozenSet[str]]] = []
            for where, calls in frontier:
                cls = class_of(where)
                for call in calls:
                    special = call.startswith("?") or call in (AWAITS, IN_EXECUTOR)
                    function = None if special else self.origins.own_function(where, call, cls)
                    if function is None:
                        leaves.add(call)
                    elif id(function) not in seen:
                        seen.add(id(function))
                        further.append((function, frozenset(function.calls)))
            frontier = further
        if frontier:
            return False  # deeper than followed
        return not any(_blocking_io(call) for call in leaves if not logs(call))

    def _defines(self, name: str) -> bool:
        return any(b.kind == "def" for scope in self.facts.scopes for b in scope.bindings.get(name, ()))

    @cached_property
    def uses_tls(self) -> bool:
        """The module uses ssl for more than naming its exceptions (contexts, wrapping...)."""
        facts = self.facts
        for module in facts.imported_modules:
            head, _, rest = module.partition(".")
            if head in ("ssl", "_ssl") and rest and not _is_ssl_exception_name(rest):
                return True  # from ssl import create_default_context
        aliases = self._module_aliases(("ssl", "_ssl"))
        for use in facts.attribute_uses:
            head, _, rest = use.partition(".")
            if head in aliases and not _is_ssl_exception_name(rest.split(".", 1)[0]):
                return True
        return False

    def _module_aliases(self, modules: Tuple[str, ...]) -> Set[str]:
        """The module-level names bound by an import of one of ``modules``."""
        return {
            name
            for name, bindings in self.facts.module_scope.bindings.items()
            if any(b.kind == "import" and b.target in modules for b in bindings)
        }

    @cached_property
    def _last_names(self) -> FrozenSet[str]:
        """The last part of every attribute chain read and module imported."""
        return frozenset(name.rsplit(".", 1)[-1] for name in self.facts.attribute_uses | self.facts.imported_modules)

    @cached_property
    def wraps_in_tls(self) -> bool:
        """The module does TLS work: ``ssl`` beyond its exception names (uses_tls), or a
        ``wrap_socket`` / ``wrap_ssl`` / ``load_cert_chain`` on any object."""
        return bool(self._last_names & _TLS_WRAPPING) or self.uses_tls

    @cached_property
    def local_ipc_only(self) -> bool:
        """The module's sockets and pipes never carry TLS: it does no TLS work, and every
        socket it names is ``AF_UNIX`` (web3's IPC provider, multiprocessing's forkserver), or
        its only channel is ``multiprocessing`` (pipes between processes) with no network
        module imported."""
        if self.wraps_in_tls:
            return False
        if self._last_names & _INET_NAMES:
            return False
        if "AF_UNIX" in self._last_names:
            return True
        return (
            any(m.split(".", 1)[0] == "multiprocessing" for m in self.facts.imported_modules)
            and not self.imports_network
        )

    @cached_property
    def imports_network(self) -> bool:
        """The module imports a network module (NETWORK_MODULES, or a green one of eventlet
        or gevent), other than ``socket`` for name lookups alone."""
        for module in self.facts.imported_modules:
            if module.split(".", 1)[0] in ("socket", "_socket") and (
                module.partition(".")[2] in _NAME_LOOKUPS
                or (module in ("socket", "_socket") and self._socket_for_lookups_only)
            ):
                continue  # name lookups are no socket work
            if any(module == prefix or module.startswith(prefix + ".") for prefix in NETWORK_MODULES):
                return True
            head, _, last = module.rpartition(".")
            if head.split(".", 1)[0] in ("eventlet", "gevent") and last in _GREEN_NETWORK_MODULES:
                return True
        return False

    @cached_property
    def _socket_for_lookups_only(self) -> bool:
        """The module uses the ``socket`` module, and only for name lookups."""
        aliases = self._module_aliases(("socket", "_socket"))
        uses = [
            use.split(".", 2)[1] for use in self.facts.attribute_uses if use.partition(".")[0] in aliases and "." in use
        ]
        if not uses or not all(use in _NAME_LOOKUPS for use in uses):
            return False
        # The module itself, not one of its attributes (``net = socket``, ``f(socket)``):
        # it may go anywhere.
        return not _names_bare(self.facts.lines, aliases)

    @cached_property
    def tls_elsewhere_in_package(self) -> bool:
        """The module's package sets TLS up and makes no blocking TLS socket anywhere (see
        :mod:`netfix_lint.package_tls`): its drop handlers guard plain sockets, pipes and
        proxies. Asked last, for a finding that is otherwise reported: it may read the
        package."""
        return self._package_verdict == ELSEWHERE

    @cached_property
    def _package_verdict(self) -> TlsVerdict:
        return self.package.tls_verdict()

    @cached_property
    def runs_own_plain_sockets(self) -> bool:
        """Neither the module nor its package names any TLS this rule knows, and the
        package (or the module, outside one) serves, connects or listens on sockets of its
        own (:data:`netfix_lint.package_tls.OWN_SOCKETS`): a socket made elsewhere in it is
        one of those, plain. Asked last: it may read the package."""
        return not self.wraps_in_tls and self._package_verdict == OWN_SOCKETS

    @cached_property
    def tls_in_sight(self) -> bool:
        """TLS is in sight of the module (:func:`netfix_lint.package_tls.tls_in_sight`).
        Asked last, for a finding that is otherwise reported: it may read the package."""
        return self.package.tls_in_sight()

    # -- a try (or with) body --------------------------------------------------------------

    def only_reads(self, body_calls: FrozenSet[str]) -> bool:
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
        return not self.ragged_eofs_raised

    def writes_to_async_streams(self, body_calls: FrozenSet[str]) -> bool:
        """In an asyncio (trio, anyio) module, a body that writes only through ``write()``
        and makes no blocking socket call is writing to a transport or a StreamWriter: they
        buffer and report errors to the protocol (``connection_lost``), never to the caller."""
        if not self.imports_async_framework:
            return False
        names = {_method(call) for call in body_calls}
        return bool(names & _STREAM_WRITES) and not any(
            name in SOCKET_METHODS or name.startswith(("send", "flush")) for name in names
        )

    def accepts_on_plain_listener(self, body_calls: FrozenSet[str], nonblocking: bool) -> bool:
        """The body's only socket call is ``accept()``, on a listening socket that does no TLS
        handshake: the module wraps nothing in TLS, or the listener is non-blocking (the
        ``try`` also handles BlockingIOError or tests EAGAIN/EWOULDBLOCK). An event loop's
        listener cannot shake hands in ``accept()`` without blocking the loop, so such
        servers wrap the accepted connection later; ECONNABORTED here is a connection
        aborted while it waited in the accept queue, before any TLS."""
        methods = {_method(call) for call in body_calls} & SOCKET_METHODS
        return methods == {"accept"} and (nonblocking or not self.wraps_in_tls)

    def no_tls_possible(self, body_calls: FrozenSet[str], scope: Optional[Scope] = None) -> bool:
        """A ``try`` (or ``with``) body in ``scope`` that cannot raise ssl.SSLEOFError."""
        # asyncio (and trio, anyio) streams report a TLS peer that hangs up as
        # ConnectionResetError or their own class, never ssl.SSLEOFError.
        in_socket_class = scope is not None and self._socket_class(scope)
        if (AWAITS in body_calls and IN_EXECUTOR not in body_calls) or only_closes(body_calls, in_socket_class):
            return True
        if self.only_reads(body_calls) or self.writes_to_async_streams(body_calls):
            return True
        if self.own_tls_engine:
            return True
        # stdout or a subprocess pipe, unless the body also calls socket methods, or the
        # module's own functions it calls write to a TLS socket (``print(client.command(cmd))``).
        if not guards_a_pipe(body_calls) or calls_socket_methods(body_calls):
            return False
        return scope is None or self._written_by_own_functions(scope, body_calls) is None

    def _socket_class(self, scope: Scope) -> bool:
        """``scope`` is a method of a class whose base is the stdlib's socket class."""
        cls = class_of(scope)
        where = cls.parent if cls is not None else None
        return (
            cls is not None
            and where is not None
            and any(resolve(self.facts, where, base).qualname in _SOCKET_CLASSES for base in cls.bases)
        )

    def does_socket_work(self, body_calls: FrozenSet[str]) -> bool:
        if self.local_ipc_only:
            return False
        if calls_socket_methods(body_calls):
            return True
        if any(_method(call) in _HTTP_WRITES for call in body_calls if "." in call and not call.startswith("?")):
            return True  # an HTTP connection's request() / endheaders() write to its socket
        if self.imports_network:
            return True
        return self.uses_tls

    def provenance(self, scope: Scope, body_calls: FrozenSet[str]) -> Provenance:
        """Where the sockets the body writes to come from (:mod:`.socket_origin`). A body
        that also reads or writes a memory BIO carries that BIO's TLS records: its socket
        is the raw one beneath (impacket's TDS ``tls_send``), plain."""
        found = self._of_calls(scope, body_calls)
        if found.verdict == "unknown":
            found = self._written_by_own_functions(scope, body_calls) or found
        if found.verdict != "tls":
            handed = self._handed_to_writers(scope, body_calls)
            # Plain only when the body writes to no receiver of its own the walk cannot tell.
            if handed is not None and (handed.verdict == "tls" or not _writes_on_receivers(body_calls)):
                found = handed
        bio = self.bios.moved(scope, body_calls)
        if bio is None or self._drives_tls_object(scope, body_calls):
            return found
        if found.verdict == "tls" and self.view_every_way.of_calls(scope, body_calls, IO_METHODS).verdict == "tls":
            return found  # a socket wrapped however it is bound: TLS records over TLS
        why = f"the socket carries a TLS object's records ({bio.why}), not TLS itself"
        return Provenance("plain", why, bio.line)

    def _handed_to_writers(self, scope: Scope, body_calls: FrozenSet[str]) -> Optional[Provenance]:
        """The sockets the ``try`` body hands to a function that writes to them: a
        function or method of the module, or a function of another module of the package
        (toolrecall's ``send_message(conn, reply)``, whose body is ``sock.sendall``), by
        the parameters whose ``send`` / ``sendall`` / ``write`` it calls. ``tls`` if one of
        them is. ``plain`` if there is one and all are, and nothing else the body calls
        of the module or the package writes: every helper writes to its parameters only,
        never rebound in it, each given by position; no other function of theirs is
        called. None otherwise, or when the body is not a ``try`` of the module's (its
        lines tell which calls are its). A helper that catches what a socket raises
        (``except OSError``) lets nothing reach the body."""
        block = self._tries_by_calls.get(id(body_calls))
        if block is None:
            return None
        found: List[Provenance] = []
        whole = True  # every write of the body's own functions is to a socket followed here
        read: Set[str] = set()
        for call, passed, named, line in self._arguments_within(scope, block.lines):
            if call not in body_calls:
                continue
            function = self._function_of(scope, call)
            if function is None:
                continue
            read.add(call)
            if id(function) in self._broad_catchers or self._caught_elsewhere.get(id(function)):
                continue  # what a socket raises there stays there
            params = function.params[1:] if function.self_name is not None else function.params
            written = {c.rpartition(".")[0] for c in function.calls if "." in c and _sends(_method(c))}
            if not written:
                continue
            if not written <= set(params) or named or STARRED in passed:
                whole = False  # writes elsewhere too, or arguments it cannot tell apart
            for index, param in enumerate(params):
                argument = passed[index] if index < len(passed) else None
                if param not in written:
                    continue
                if (
                    argument in (None, STARRED)
                    or STARRED in passed[:index]
                    or len(function.bindings.get(param, ())) != 1
                ):
                    whole = False  # a keyword or ``*args`` for it, or rebound (a wrap?) in it
                    continue
                given = self.origins.of_name(scope, argument, 0)
                if given.verdict in ("tls", "plain"):
                    why = f"`{call}()` (line {line}) writes to `{argument}`, {given.why}"
                    given = dataclasses.replace(given, why=why, line=line)
                found.append(given)
        if not found:
            return None
        combined = self.origins.combine(found)
        if combined.verdict == "tls":
            return combined
        others = [
            c
            for c in body_calls - read
            if not c.startswith("?")
            and (self.origins.own_function(scope, c, class_of(scope)) or self._function_of(scope, c)) is not None
        ]
        if combined.verdict != "plain" or not whole or others:
            return None  # (another function of the module or the package may write elsewhere)
        return combined

    def _arguments_within(
        self, scope: Scope, lines: Tuple[int, int]
    ) -> List[Tuple[str, Tuple[Optional[str], ...], Tuple[Optional[str], ...], int]]:
        """``scope.arguments`` of the calls on ``lines`` (first, last)."""
        by_line = self._arguments_by_line.get(id(scope))
        if by_line is None:
            by_line = self._arguments_by_line[id(scope)] = sorted(scope.arguments, key=lambda a: a[3])
        keys = [a[3] for a in by_line]
        return by_line[bisect.bisect_left(keys, lines[0]) : bisect.bisect_right(keys, lines[1])]

    def _function_of(self, scope: Scope, call: str) -> Optional[Scope]:
        """The module's own function or method ``call`` runs, or the function of another
        module of the package it is imported from (one plain ``def``)."""
        own = self.origins.own_function(scope, call, class_of(scope))
        if own is not None and self._overridden(own):
            return None  # a subclass's may be what runs
        if own is not None or "." in call and call.partition(".")[0] in ("self", "cls"):
            return own
        resolved = resolve(self.facts, scope, call)
        if resolved.qualname is None or resolved.maybe_missing or resolved.guarded:
            return None
        answer = self.package.module_facts(resolved.qualname)
        if answer is None:
            return None
        name, facts = answer
        function = facts.module_scope.children.get(name)
        bindings = facts.module_scope.bindings.get(name, [])
        if function is None or function.kind != "function" or function.decorated or len(bindings) != 1:
            return None
        if bindings[0].kind != "def":
            return None
        if id(facts) not in self._catchers_elsewhere:
            self._catchers_elsewhere[id(facts)] = broad_catchers(facts)
        self._caught_elsewhere[id(function)] = id(function) in self._catchers_elsewhere[id(facts)]
        return function

    @cached_property
    def _tries_by_calls(self) -> Dict[int, TryBlock]:
        """The module's ``try`` blocks by their body's calls (the set a rule passes on)."""
        return {id(block.body_calls): block for block in self.facts.tries}

    def _of_calls(self, scope: Scope, calls: FrozenSet[str]) -> Provenance:
        """The sockets ``calls`` do I/O on; a Google API request's are TLS ones."""
        found = self.origins.of_calls(scope, calls, IO_METHODS)
        return self.google.of_calls(scope, calls) if found.verdict == "unknown" else found

    def _written_by_own_functions(self, scope: Scope, body_calls: FrozenSet[str]) -> Optional[Provenance]:
        """A TLS socket that a function or method of the module, called from the body,
        writes to (paho's ``self._sock_send(buf)``, whose body is ``self._sock.send``),
        itself or through the module's own functions it calls, up to OWN_CALL_DEPTH calls
        down (a console's ``client.command(cmd)`` -> ``self._send`` -> ``self.sock.send``);
        its writes only (a read of a TLS socket reports a ragged EOF as ``b""``), and not
        through a function that catches what the socket raises. A plain socket there says
        nothing of the body's other calls."""
        seen = {id(scope)}
        frontier: List[Tuple[Scope, str, Tuple[str, ...]]] = [(scope, call, ()) for call in sorted(body_calls)]
        for _ in range(OWN_CALL_DEPTH):
            further: List[Tuple[Scope, str, Tuple[str, ...]]] = []
            for where, call, chain in frontier:
                if call.startswith("?"):
                    continue
                function = self.origins.own_function(where, call, class_of(where))
                if function is None or id(function) in seen or id(function) in self._broad_catchers:
                    continue
                seen.add(id(function))
                writes = frozenset(c for c in function.calls if "." in c and _sends(_method(c)))
                found = self.origins.of_calls(function, writes, IO_METHODS)
                if found.verdict == "unknown":
                    found = self.google.of_calls(function, function.calls)
                if found.verdict == "tls":
                    first, *rest = (*chain, call)
                    through = f" (through {', '.join(f'`{c}()`' for c in rest)})" if rest else ""
                    return dataclasses.replace(found, why=f"`{first}()` writes to a TLS socket{through}: {found.why}")
                further.extend((function, inner, (*chain, call)) for inner in sorted(function.calls))
            frontier = further
        return None

    @cached_property
    def _broad_catchers(self) -> Set[int]:
        """The ids of the module's functions with a clause of their own that takes an
        SSLEOFError (:func:`broad_catchers`). Once per module: asked for every function a
        body reaches."""
        return broad_catchers(self.facts)

    def _drives_tls_object(self, scope: Scope, body_calls: FrozenSet[str]) -> bool:
        """The body shakes hands, reads or writes through a TLS object itself (an
        ``SSLObject`` from ``wrap_bio`` raises SSLEOFError after ``write_eof()``)."""
        for call in body_calls:
            receiver, _, method = call.rpartition(".")
            if method in ("do_handshake", "unwrap"):
                return True
            if method in ("read", "write") and receiver and not receiver.startswith("?"):
                if self.origins.of_name(scope, receiver, 0).verdict == "tls":
                    return True
        return False

    def missed_drops(
        self, caught: List[CaughtName], body_calls: FrozenSet[str], scope: Scope, strong_only: bool = False
    ) -> Tuple[List[CaughtName], Optional[Related], bool]:
        """The connection-drop classes of a clause that lets SSLEOFError through, why it
        can arrive there, and whether that evidence shows TLS in the module itself
        (:meth:`shows_tls_here`); ([], None, False) when it cannot arrive, or with
        ``strong_only`` when nothing in the module shows TLS (the package is not read)."""
        drops, why, strong = self._missed_drops(caught, body_calls, scope, strong_only)
        if drops and self.handled_by_base_callers(scope):
            return [], None, False
        return drops, why, strong

    def _missed_drops(
        self, caught: List[CaughtName], body_calls: FrozenSet[str], scope: Scope, strong_only: bool
    ) -> Tuple[List[CaughtName], Optional[Related], bool]:
        caught = [self._through_package(c) for c in caught]
        qualnames = [c.resolved.qualname for c in caught]
        if any(q is None for q in qualnames):
            return [], None, False  # something we cannot see through might catch it
        if any(q in CATCHES_SSL_EOF for q in qualnames):
            return [], None, False
        drops = [c for c in caught if c.resolved.qualname in CONNECTION_DROP]
        if not drops or self.no_tls_possible(body_calls, scope) or self.python2_only(scope):
            return [], None, False
        if self.handled_by_callers(scope) or self.only_stdlib_finish(scope, body_calls):
            return [], None, False
        if self.ends_in_quiet_server(scope):
            return [], None, False
        if self._only_connects(scope, body_calls):
            return [], None, False  # connecting a plain socket: no TLS yet
        if self.only_wrapping_commands(scope, body_calls):
            return [], None, False  # smtplib and imaplib raise their own class for a drop
        if self.raises_its_own(scope, body_calls):
            return [], None, False
        if self.pure.only_pure(scope, body_calls):
            return [], None, False  # name lookups and arithmetic: no connection to drop
        provenance = self.provenance(scope, body_calls)
        if provenance.verdict == "tls":
            return drops, self.evidence(provenance, body_calls), True
        if provenance.verdict == "plain":
            return [], None, False
        served = self.served_by_tls_server(scope, body_calls)
        if served is not None:
            return drops, served, True
        if self.serves_plain_itself(scope, body_calls):
            return [], None, False  # its own server, never wrapped: the module's TLS is a client's
        if self.runs_on_twisted and self._twisted_way(scope, body_calls):
            return [], None, False
        if strong_only and not self.shows_tls_here(provenance):
            return [], None, False
        # Where the socket comes from cannot be told: what the module and its package do.
        if self.local_ipc_only and not self.imports_network and not any(_writes(_method(c)) for c in body_calls):
            return [], None, False  # a process's pipe or manager proxy went away, in a module with no TLS
        if all(c.resolved.qualname == "builtins.BrokenPipeError" for c in drops):
            # BrokenPipeError alone mostly guards stdout or a subprocess pipe.
            # (One level into the module's own functions: ``self._send_bytes(conn, frame)``.)
            if not self.does_socket_work(self.reached_calls(scope, body_calls)):
                return [], None, False
        if self.tls_elsewhere_in_package or self.runs_own_plain_sockets:
            return [], None, False
        if self.through_http_library(scope, body_calls):
            return [], None, False
        reached = self.reached_calls(scope, body_calls)
        if self.coroutine_without_io(scope, body_calls, reached):
            return [], None, False
        why = self.evidence(provenance, body_calls)
        if why.message == NO_EVIDENCE and body_calls and not any(does_io(call) for call in reached):
            # No TLS in sight, and the body's calls do no socket I/O: nothing says TLS can
            # reach it. (No calls at all: an empty body, or a suppress() object whose body
            # is not known.)
            return [], None, False
        return drops, why, self.shows_tls_here(provenance)

    def raises_its_own(self, scope: Scope, body_calls: FrozenSet[str]) -> bool:
        """Every call of the body is to the module's own functions (or an exception class),
        and they call nothing but exception classes and logging: the drop the clause
        catches is one this code raises (``raise ConnectionError("upstream down")``)."""
        if not body_calls:
            return False
        cls = class_of(scope)
        for call in body_calls:
            if call.startswith("?") or call in (AWAITS, IN_EXECUTOR):
                return False
            if self._raises_drop(scope, call):
                continue
            function = self.origins.own_function(scope, call, cls)
            if function is None or self._overridden(function):
                return False  # (a method a subclass overrides may do the I/O)
            calls = function.calls
            if not any(self._raises_drop(function, c) for c in calls):
                return False  # an abstract method (NotImplementedError, ``...``) says nothing
            if not all(logs(c) or self._exception_class(function, c) or self._computes(function, c) for c in calls):
                return False
        return True

    def _computes(self, scope: Scope, call: str) -> bool:
        """A call that only computes on values (``str(exc).lower()``, ``isinstance``,
        ``any(...)``): no I/O, so what the function raises is its own."""
        return text_method(call) or resolve(self.facts, scope, call).qualname in PURE_BUILTINS

    def _exception_class(self, scope: Scope, call: str) -> bool:
        qualname = resolve(self.facts, scope, call).qualname or ""
        return qualname.startswith("builtins.") and qualname.endswith(("Error", "Exception"))

    def _raises_drop(self, scope: Scope, call: str) -> bool:
        """``call`` makes one of the builtin connection-drop classes."""
        return resolve(self.facts, scope, call).qualname in CONNECTION_DROP

    def _overridden(self, function: Scope) -> bool:
        """A method that another class of the module defines too."""
        owner = function.parent
        if function.self_name is None or owner is None or owner.kind != "class":
            return False
        return any(s is not owner and s.kind == "class" and function.name in s.children for s in self.facts.scopes)

    def _only_connects(self, scope: Scope, body_calls: FrozenSet[str]) -> bool:
        """The body makes a plain socket, and nothing else it calls, nor the module's own
        functions it calls (four levels down), does I/O by its name (``url.host()``,
        ``logger.debug(...)``)."""
        reached = self.reached_calls(scope, body_calls, depth=4)  # ``secure(s)`` -> ``_upgrade(s)`` -> starttls
        if self.reached_calls(scope, body_calls, depth=5) != reached:
            return False  # the module's own calls go deeper than followed: they may shake hands
        further = reached - body_calls
        if any(does_io(call) for call in further if not logs(call)):
            return False
        if self._unseen_methods(scope, body_calls):
            return False
        return self.origins.only_makes_sockets(
            scope, body_calls, lambda call: _quiet(call) and not self._tls_client(scope, call)
        )

    def only_wrapping_commands(self, scope: Scope, body_calls: FrozenSet[str]) -> bool:
        """The body's I/O is commands of smtplib or imaplib clients the module makes
        (``smtp.sendmail``), which turn a TLS drop into their own class
        (:mod:`.mail_clients`); its other calls, and the module's own functions they
        reach (four levels down), do no I/O by their name and no handshake
        (``smtplib.SMTP_SSL(host)`` does one)."""
        commands = frozenset(c for c in body_calls if self.mail_clients.command(scope, c).verdict == "wrapped")
        others = body_calls - commands
        if not commands or self._unseen_methods(scope, others):
            return False
        if not all(logs(call) or (_quiet(call) and not self._tls_client(scope, call)) for call in others):
            return False
        if any(self.mail_clients.network(scope, call) for call in others):
            return False  # another client's command (``self.pop.dele(n)``): unwrapped
        reached = self.reached_calls(scope, others, depth=4)
        if self.reached_calls(scope, others, depth=5) != reached:
            return False  # the module's own calls go deeper than followed
        module = self.facts.module_scope
        further = [call for call in reached - others if not logs(call)]
        # A name the module imports for a TLS client (``IMAP4_SSL as Mailbox``) shakes hands.
        return not any(does_io(call) or self._tls_client(module, call) for call in further)

    def _unseen_methods(self, scope: Scope, body_calls: FrozenSet[str]) -> bool:
        """The body calls a method of its own object (``self.secure(raw)``) that is not
        found in the class or the bases the module defines: a base that cannot be told
        (bound twice, or elsewhere) may define it to shake hands."""
        me = next((s.self_name for s in enclosing(scope) if s.self_name), None)
        if me is None:
            return False
        cls = class_of(scope)
        return any(
            call.startswith(f"{me}.")
            and call.count(".") == 1
            and not logs(call)
            and self.origins.own_function(scope, call, cls) is None
            for call in body_calls
        )

    def _tls_client(self, scope: Scope, call: str) -> bool:
        """``call`` is ssl's, a blocking TLS client's (``xmlrpc.client.ServerProxy``,
        websocket-client's ``create_connection``), or a method of a local name one made."""
        if _names_tls_client(resolve(self.facts, scope, call).qualname or call):
            return True
        head = call.partition(".")[0]
        found = lookup(scope, head) if "." in call else None
        return found is not None and any(
            b.call is not None and _names_tls_client(resolve(self.facts, found[0], b.call).qualname or b.call)
            for b in found[1]
        )

    def served_by_tls_server(self, scope: Scope, body_calls: FrozenSet[str]) -> Optional[Related]:
        """In a method of a request handler class (a subclass of ``BaseHTTPRequestHandler``
        and the like), a body that writes to the connection (``self.wfile.write``,
        ``self.request.sendall``) when another module of the package names the class
        and wraps a server's socket in TLS: the connection is one that server accepted.
        Asked only of such bodies: it reads the package."""
        cls = class_of(scope)
        if cls is None or cls.name is None or not self._handles_requests(cls):
            return None
        reached = self._reached_uncaught(scope, body_calls)
        if not self._writes_to_connection(scope, reached):
            return None
        if reached != body_calls and self._streams_plain(scope, reached):
            return None  # ``self.wfile = io.BytesIO()`` in ``setup()``: not the connection
        found = self.package.tls_server_of(cls.name)
        if found is None:
            return None
        witness, path = found
        return Related(f"the handler class `{cls.name}` serves the TLS server that `{witness}` makes", 0, path)

    def _reached_uncaught(self, scope: Scope, body_calls: FrozenSet[str]) -> FrozenSet[str]:
        """The body's calls, and those of the module's own functions and methods it calls
        (OWN_CALL_DEPTH levels down: ``do_GET`` -> ``self._do_get_inner()`` ->
        ``self._json()`` -> ``self.wfile.write``), not through one that catches what a
        socket raises itself."""
        found = set(body_calls)
        frontier = [(scope, body_calls)]
        seen = {id(scope)}
        for _ in range(OWN_CALL_DEPTH):
            further = []
            for where, calls in frontier:
                for call in calls:
                    if call.startswith("?") or call in (AWAITS, IN_EXECUTOR):
                        continue
                    function = self.origins.own_function(where, call, class_of(where))
                    if function is None or id(function) in seen or id(function) in self._broad_catchers:
                        continue
                    if self._overridden(function):
                        continue  # a subclass's may be what runs
                    seen.add(id(function))
                    found.update(function.calls)
                    further.append((function, frozenset(function.calls)))
            frontier = further
        return frozenset(found)

    def _streams_plain(self, scope: Scope, calls: FrozenSet[str]) -> bool:
        """The handler's streams that ``calls`` write to are all plain (set by the class
        to a file or a buffer), as the walk tells them."""
        me = next((s.self_name for s in enclosing(scope) if s.self_name), None)
        streams = {f"{me}.{stream}" for stream in _HANDLER_STREAMS}
        written = {c.rpartition(".")[0] for c in calls if c.rpartition(".")[0] in streams and _method(c) in IO_METHODS}
        found = [self.origins.of_name(scope, stream, 0) for stream in sorted(written)]
        return bool(found) and all(f.verdict == "plain" for f in found)

    @staticmethod
    def _writes_to_connection(scope: Scope, body_calls: FrozenSet[str]) -> bool:
        """The body writes to its request handler's connection (``self.wfile.write``)."""
        me = next((s.self_name for s in enclosing(scope) if s.self_name), None)
        streams = {f"{me}.{stream}" for stream in _HANDLER_STREAMS}
        return me is not None and any(
            call.rpartition(".")[0] in streams and _method(call) in IO_METHODS for call in body_calls
        )

    def serves_plain_itself(self, scope: Scope, body_calls: FrozenSet[str]) -> bool:
        """In a request handler's method that writes to its connection: the module runs
        the server itself (it makes a stdlib server, or one of its own subclasses of one),
        its code wraps no socket and sets no server-side TLS up (no ``wrap_socket``,
        ``server_side=``, ``PROTOCOL_TLS_SERVER``, ``Purpose.CLIENT_AUTH``, eventlet's
        ``wrap_ssl``), and no other module of the package wraps a server's socket: the TLS the
        module sets up is a client's (transmission-announce-relay's context for its
        upstream HTTPSConnection), and the connection is its plain server's."""
        cls = class_of(scope)
        if cls is None or not self._writes_to_connection(scope, body_calls) or not self._handles_requests(cls):
            return False
        if code_word(self._text, _SERVER_TLS) is not None or not self._wraps_clients_only:
            return False  # it may wrap the server's socket
        if self.package.tls_server_of(ANY_CLASS) is not None:
            return False  # another module of the package may
        return self._makes_stdlib_server or self._makes_own_server

    @cached_property
    def _wraps_clients_only(self) -> bool:
        """Every stdlib wrap the module's code names is a call that makes a client's TLS
        socket (``ctx.wrap_socket(upstream, server_hostname=host)``): such a socket is not
        one its server accepted. A wrap named any other way (``wrap = ctx.wrap_socket``)
        may be a server's."""
        calls = self.facts.wrap_calls
        if not calls:
            return "wrap_" not in self._text or _WRAP_WORD.search(code_only(self._text)) is None
        if not all(client for _, client in calls):
            return False
        # Each word must be where a client wrap's call names it: as many on each line (the
        # code's columns are not the text's: strings and comments are blanked out).
        code = code_only(self._text)
        named = Counter(code.count("\n", 0, match.start()) + 1 for match in _WRAP_WORD.finditer(code))
        return named == Counter(line for line, _ in calls)

    @cached_property
    def _own_servers(self) -> List[Scope]:
        """The module's top-level classes that subclass a stdlib server."""
        module = self.facts.module_scope
        return [
            klass
            for klass in module.children.values()
            if klass.kind == "class"
            and any(
                resolve(self.facts, base.parent or module, name).qualname in SERVERS
                for base in mro(klass)
                for name in base.bases
                if name != "?"
            )
        ]

    @cached_property
    def _makes_own_server(self) -> bool:
        """The module makes one of its own server classes (``Relay(address, Handler)``)."""
        names = {server.name for server in self._own_servers if server.name}
        return any(call in names for scope in self.facts.scopes for call in scope.calls)

    def _handles_requests(self, cls: Scope) -> bool:
        """``cls`` or a base of it defined in the module subclasses a stdlib request handler."""
        module = self.facts.module_scope
        return any(
            resolve(self.facts, klass.parent or module, base).qualname in REQUEST_HANDLERS
            for klass in mro(cls)
            for base in klass.bases
            if base != "?"
        )

    def only_stdlib_finish(self, scope: Scope, body_calls: FrozenSet[str]) -> bool:
        """``super().finish()`` (or ``StreamRequestHandler.finish(self)``), logging aside,
        in a request handler's own ``finish``, with ``wbufsize`` left at 0 by its classes:
        the stdlib's ``finish`` flushes ``wfile`` under ``except OSError: pass`` and
        closing an unbuffered ``wfile`` writes nothing, so no SSLEOFError comes out."""
        function = _function_of(scope)
        cls = class_of(scope)
        if function is None or function.name != "finish" or cls is None or not self._handles_requests(cls):
            return False
        module = self.facts.module_scope
        if any("wbufsize" in klass.bindings for klass in mro(cls)):
            return False  # a write buffer: closing wfile flushes it again, outside the except
        if any(
            resolve(self.facts, klass.parent or module, base).qualname in BUFFERED_HANDLERS
            for klass in mro(cls)
            for base in klass.bases
            if base != "?"
        ):
            return False  # a stdlib handler with a write buffer (SimpleXMLRPCRequestHandler)
        calls = {call for call in body_calls if not logs(call)}
        if calls == {"super", "?.finish"}:
            return not any("finish" in klass.children for klass in mro(cls)[1:])
        return len(calls) == 1 and resolve(self.facts, scope, next(iter(calls))).qualname in {
            f"{handler}.finish" for handler in REQUEST_HANDLERS if handler != "socketserver.BaseRequestHandler"
        }

    def ends_in_quiet_server(self, scope: Scope) -> bool:
        """In a request handler's method, an error that leaves the method ends the request
        in the server's ``handle_error`` (socketserver's prints a traceback). When the
        module defines servers, each overrides it to say nothing (no call, no ``raise``) or
        to let TLS errors pass on purpose (``if isinstance(error, ssl.SSLError): pass``),
        and the module makes no stdlib server itself (whose ``handle_error`` prints), an
        SSLEOFError that escapes the clause ends the request there, as the dropped
        connection it is."""
        cls = class_of(scope)
        if cls is None or not self._handles_requests(cls):
            return False
        return self._quiet_servers

    @cached_property
    def _quiet_servers(self) -> bool:
        servers = self._own_servers
        if not servers or self._makes_stdlib_server:
            return False
        for server in servers:
            if self._runs_handlers_under_tls_clauses(server):
                continue
            handle_error = next((k.children["handle_error"] for k in mro(server) if "handle_error" in k.children), None)
            if handle_error is None or self._raises(handle_error):
                return False
            if handle_error.calls and not handle_error.passes_tls_errors:
                return False
        return True

    def _runs_handlers_under_tls_clauses(self, server: Scope) -> bool:
        """The server runs its handler class itself (an override of ``finish_request``
        that wraps each accepted socket: clipto's ``self.RequestHandlerClass(tls_sock,
        ...)``), every call of it in a ``try`` whose clause for TLS errors ends there
        quietly (no ``raise``, no call but logging and ``close()``): an SSLEOFError that
        leaves a handler's method ends there, not in ``handle_error``. (A call of the
        stdlib's ``finish_request`` beside it, ``super().finish_request(request, ...)``,
        hands on the socket as accepted.)"""
        callers = [c for klass in mro(server) for c in self._calls.callers(HANDLER_CLASS, True, within=klass)]
        for caller in callers:
            spelled = f"{caller.self_name}.{HANDLER_CLASS}"
            lines = [line for called, _, _, line in caller.arguments if called == spelled]
            if not lines or not all(self._under_quiet_tls_clause(caller, line) for line in lines):
                return False
        return bool(callers)

    def _under_quiet_tls_clause(self, scope: Scope, line: int) -> bool:
        """``line`` of ``scope`` is in the body of a ``try`` of it with a clause that
        names TLS errors and ends quietly."""
        for block in self.facts.tries:
            if not block.handlers or block.handlers[0].scope is not scope:
                continue
            if not block.lines[0] <= line <= block.lines[1]:
                continue
            for handler in block.handlers:
                if handler.types is None:
                    continue
                caught = expand_caught(self.facts, handler.scope, handler.types)
                if names_tls_errors(caught, handler.scope) and self._ends_quietly(handler.span):
                    return True
        return False

    def _ends_quietly(self, span: Span) -> bool:
        """The clause's body (after its ``except`` line) raises nothing and calls nothing
        but logging, ``close()`` / ``shutdown()`` and ``print``."""
        body = code_only("\n".join(self.facts.lines[span.line : span.end_line]))
        if code_word(body, ("raise",)) is not None:
            return False
        calls = re.findall(r"([A-Za-z_][\w.]*)\s*\(", body)
        return all(logs(call) or _method(call) in ("close", "shutdown", "print") for call in calls)

    @cached_property
    def _makes_stdlib_server(self) -> bool:
        """The module calls a stdlib server class itself (``http.server.HTTPServer(...)``)."""
        return any(
            resolve(self.facts, scope, call).qualname in SERVERS
            for scope in self.facts.scopes
            for call in scope.calls
            if not call.startswith("?")
        )

    def _raises(self, function: Scope) -> bool:
        """A ``raise`` in the function's code: the error goes on, out of the server loop."""
        if function.target is None:
            return True
        span = function.target.span
        text = "\n".join(self.facts.lines[span.line - 1 : span.end_line])
        return code_word(text, ("raise",)) is not None

    def handled_by_callers(self, scope: Scope) -> bool:
        """The function around the clause is called in the module, and only from ``try``
        bodies that handle TLS errors on purpose (``except ssl.SSLError``): an
        SSLEOFError that leaves it is dealt with one level up, as in the same ``try``
        (:mod:`.callers`; for callers in a base class's module, see
        :meth:`handled_by_base_callers`)."""
        function = _function_of(scope)
        if function is None or function.name is None:
            return False
        known = self._handled_by_callers.get(id(function))
        if known is None:
            method = function.self_name is not None
            callers = [c for c in self._calls.callers(function.name, method) if c is not function]
            known = self._calls.all_handled(callers, function.name, method)
            self._handled_by_callers[id(function)] = known
        return known

    def handled_by_base_callers(self, scope: Scope) -> bool:
        """The method around the clause is called nowhere in the module, and its class's
        base comes from another module of the package whose methods call it only from
        ``try`` bodies that handle TLS errors. Asked last: it reads the package."""
        function = _function_of(scope)
        cls = class_of(scope)
        if function is None or function.name is None or function.self_name is None or cls is None:
            return False
        if self._calls.callers(function.name, True):
            return False  # the module's own callers decide (handled_by_callers)
        if _referenced(self._text, function.name):
            return False  # ``Thread(target=self.loop)``: called from somewhere unseen
        module = self.facts.module_scope
        # Methods this module defines for the class replace the base's (its handle()).
        own = {name for klass in mro(cls) for name in klass.children}
        for base in cls.bases:
            if base == "?" or base in module.children:
                continue
            qualname = resolve(self.facts, cls.parent or module, base).qualname
            found = self.package.module_facts(qualname) if qualname else None
            if found is None:
                continue
            name, facts = found
            klass = facts.module_scope.children.get(name)
            if klass is None or klass.kind != "class":
                continue
            sites = self._sites_of(facts)
            callers = [c for c in sites.callers(function.name, True, within=klass) if c.name not in own]
            if callers:
                return sites.all_handled(callers, function.name, True)
        return False

    @cached_property
    def _handled_by_callers(self) -> Dict[int, bool]:
        return {}

    @cached_property
    def _calls(self) -> CallSites:
        return CallSites(self.facts, names_tls_errors)

    def _sites_of(self, facts: ModuleFacts) -> CallSites:
        """The call sites of another module of the package, worked out once per check."""
        if id(facts) not in self._other_sites:
            self._other_sites[id(facts)] = CallSites(facts, names_tls_errors)
        return self._other_sites[id(facts)]

    @cached_property
    def _other_sites(self) -> Dict[int, CallSites]:
        return {}

    def reached_calls(self, scope: Scope, body_calls: FrozenSet[str], depth: int = 1) -> FrozenSet[str]:
        """The body's calls, and ``depth`` levels further those of the module's own
        functions and methods it calls (``self._send_events(batch)`` ->
        ``self._transport.send``)."""
        found = set(body_calls)
        frontier: List[Tuple[Scope, FrozenSet[str]]] = [(scope, body_calls)]
        seen: Set[int] = set()
        for _ in range(depth):
            further: List[Tuple[Scope, FrozenSet[str]]] = []
            for where, calls in frontier:
                cls = class_of(where)
                for call in calls:
                    if call.startswith("?") or call in (AWAITS, IN_EXECUTOR):
                        continue
                    function = self.origins.own_function(where, call, cls)
                    if function is not None and id(function) not in seen:
                        seen.add(id(function))
                        found.update(function.calls)
                        further.append((function, frozenset(function.calls)))
            frontier = further
        return frozenset(found)

    def coroutine_without_io(self, scope: Scope, body_calls: FrozenSet[str], reached: FrozenSet[str]) -> bool:
        """In a coroutine of an asyncio (trio, anyio) module, a body that awaits nothing,
        hands nothing to a thread, and makes no socket, read or write call (nor do the
        module's functions it calls) does no network I/O: a coroutine's I/O is awaited,
        and blocking socket calls there would stall its loop. The drops it catches are
        the ones its own code raises (Telethon's ``ConnectionError`` when disconnected)."""
        if scope.kind != "function" or not scope.is_async or not self.imports_async_framework:
            return False
        if AWAITS in body_calls or IN_EXECUTOR in body_calls:
            return False
        return not any(does_io(call) for call in reached)

    def through_http_library(self, scope: Scope, body_calls: FrozenSet[str]) -> bool:
        """The body's network I/O goes through an HTTP library that wraps a TLS drop in
        its own classes (``requests.exceptions.SSLError``...), so no raw SSLEOFError comes
        out: it calls the library's functions (``requests.post``) and no socket method.
        (A clause that names the library's classes beside the builtins says less: it may
        guard a TLS socket transport too, as python-logstash-async's does.)"""
        if any(_method(call) in IO_METHODS for call in body_calls):
            return False
        return any(
            wrapping_library(resolve(self.facts, scope, call).qualname)
            for call in body_calls
            if not call.startswith("?")
        )

    def through_urllib(self, scope: Scope, body_calls: FrozenSet[str], names_url_error: bool) -> bool:
        """The body opens a URL, through ``urllib.request.urlopen`` or (in a ``try`` one of
        whose clauses names urllib's ``URLError``, which says whose I/O it is) an opener's
        ``open``, and does no other I/O that this can see. urllib's ``do_open`` wraps a
        failed request, the connect, the TLS handshake and the write of the request
        included, in ``URLError``; the response's reads report a TLS peer that hangs up as
        ``b""`` (``suppress_ragged_eofs``, unless the module turns it off): no bare
        SSLEOFError comes out of urllib (attested-relay, blind round 19).

        Other I/O is: a call (in the body or the module's functions it calls) named like
        a write, a flush or TLS work, or one that writes to a file it is handed
        (``shutil.copyfileobj(response, self.wfile)``, ``json.dump``); any code in a
        request handler class, whose ``wfile`` is its client's connection; any code in a
        module that wraps sockets itself or uses a blocking TLS client other than urllib's
        own ``HTTPSHandler`` / ``HTTPSConnection`` (``FTP_TLS``'s ``storbinary`` is
        named like no write)."""
        opens = frozenset(
            call
            for call in body_calls
            if resolve(self.facts, scope, call).qualname in URLOPEN
            or (names_url_error and "." in call and _method(call) == "open")
        )
        if not opens or self.ragged_eofs_raised or self._tls_besides_urllib:
            return False
        cls = class_of(scope)
        if cls is not None and self._handles_requests(cls):
            return False
        for call in self.reached_calls(scope, body_calls, depth=4) - opens:
            if call.startswith("?"):
                continue
            if _writes_by_name(call) or resolve(self.facts, scope, call).qualname in WRITES_TO_A_FILE:
                return False
        return True

    @cached_property
    def _tls_besides_urllib(self) -> bool:
        """The module wraps sockets itself, or names a blocking TLS client other than the
        ones urllib.request runs (:meth:`through_urllib`)."""
        if self._last_names & {"wrap_socket", "wrap_bio", "wrap_ssl", "SSLSocket", "SSLObject"}:
            return True
        words = tuple(word for word in TRAVELS if word not in ("HTTPSHandler", "HTTPSConnection"))
        return code_word(self._text, words) is not None or uses_websocket_client(self._text)

    def no_io_by_name(self, scope: Scope, body_calls: FrozenSet[str]) -> bool:
        """The body, and the module's functions it calls, make no call named like socket or
        stream I/O. Asked of a ``try`` one of whose clauses names an HTTP library's class
        (``except RequestException``): its I/O is then that library's, made through a call
        the module cannot name (thingsboard-gateway's ``request_dict["request"](**params)``),
        and the library wraps a TLS drop in its own classes. A body that also makes a socket
        or stream call stays reported: python-logstash-async's clause names requests' classes
        beside a TLS socket transport's ``send``; so does a module that uses a blocking TLS
        client (``ServerProxy``, ``FTP_TLS``: their commands are named like no I/O), and a
        body whose every call the module can name (``self.client.call()`` is its own)."""
        if self._travel_word is not None or not any(call.startswith("?") for call in body_calls):
            return False
        return not any(does_io(call) for call in self.reached_calls(scope, body_calls, depth=4))

    def _through_package(self, name: CaughtName) -> CaughtName:
        """A drop class imported from a module of the package that re-exports the builtin
        (urllib3-future's ``from .connection import BrokenPipeError``, where connection.py
        says ``BrokenPipeError = BrokenPipeError``) is the builtin. Asked of the package
        only for such names."""
        qualname = name.resolved.qualname
        if (
            qualname is None
            or qualname.startswith("builtins.")
            or f"builtins.{qualname.rsplit('.', 1)[-1]}" not in CONNECTION_DROP
        ):
            return name
        found = self.package.resolve_name(qualname)
        if found is None or found[0] not in CONNECTION_DROP:
            return name
        return dataclasses.replace(name, resolved=Resolved(found[0]))

    def shows_tls_here(self, provenance: Provenance) -> bool:
        """The strong evidence levels: the socket is known to be a TLS one, the module
        sets TLS up, or it uses a blocking TLS client. Blind samples (corpus/README.md)
        put NFX101's findings there near 80% true, and below them (the package wraps
        sockets elsewhere, a socket made elsewhere) 1 true in 18: those go to NFX104."""
        return provenance.verdict == "tls" or self.wraps_in_tls or self._travel_word is not None

    def evidence(self, provenance: Provenance, body_calls: FrozenSet[str]) -> Related:
        """Why TLS can reach a handler, strongest first: where the socket comes from; the
        module setting TLS up; another module of the package wrapping blocking sockets;
        socket work on a socket made elsewhere (``--explain NFX101``, "Evidence")."""
        if provenance.verdict == "tls":
            return Related(provenance.why, provenance.line)
        if self.wraps_in_tls:
            line = self._tls_setup_line
            where = f" (line {line})" if line else ""
            return Related(f"this module sets TLS up{where} and the socket may be one it wraps", line)
        named = self._travel_word
        if named is not None:
            word, line = named
            return Related(f"this module uses blocking TLS (`{word}`, line {line})", line)
        witness = self._tls_witness
        if witness is not None:
            message = f"the package wraps sockets in TLS in `{witness[0]}`, a module linked to this one by imports"
            return Related(message, 0, witness[1])
        calls = sorted(c for c in body_calls if _method(c) in IO_METHODS and not c.startswith("?"))
        if calls:
            return Related(f"`{calls[0]}()` writes to a socket made elsewhere, which may be a TLS one")
        return Related(NO_EVIDENCE)

    @cached_property
    def _text(self) -> str:
        return "\n".join(self.facts.lines)

    @cached_property
    def _travel_word(self) -> Optional[Tuple[str, int]]:
        # Once per module: a scan of the whole text per finding grows with handlers squared.
        # Words the code uses, not text in a string: a TLS analyser's own
        # b"<starttls .../>" is no blocking TLS client.
        return code_travel_word(self._text)

    @cached_property
    def _tls_witness(self) -> Optional[Tuple[str, str]]:
        return self.package.tls_witness()

    @cached_property
    def _tls_setup_line(self) -> int:
        # The code's words, not a docstring's.
        found = code_word(self._text, _TLS_SETUP)
        return found[1] if found else 0

    def finding(
        self,
        rule: Rule,
        says: str,
        caught: List[CaughtName],
        body_calls: FrozenSet[str],
        target: Target,
        scope: Scope,
        span: Span,
        weak: bool = False,
    ) -> Optional[Finding]:
        """The finding for a clause (or a ``suppress()`` call) whose classes, ``caught``,
        let SSLEOFError through from a body that makes ``body_calls``, if they do; ``says``
        is what the message starts with ("suppress() silences"), ``target`` the node a
        fix edits. Only findings whose evidence shows TLS in the module (NFX101, NFX102),
        or with ``weak`` only those whose evidence does not (NFX104)."""
        if self.in_plain_branch(span.line, scope, body_calls):
            return None
        drops, why, strong = self.missed_drops(caught, body_calls, scope, strong_only=not weak)
        if not drops or why is None or strong == weak:
            return None
        fix, note = self.plan_fix(drops, target, scope, span.line)
        message = (
            f"{says} {describe(drops)} but not ssl.SSLEOFError, "
            f"which a dropped TLS connection raises on Python 3.10+: {why.message}{note}"
        )
        return make_finding(rule, message, span, fix, (why,))

    def in_plain_branch(self, line: int, scope: Scope, body_calls: FrozenSet[str]) -> bool:
        """``line`` sits in a branch that runs only where the code's own TLS switch is off
        (``if not self.is_ssl:``, :mod:`netfix_lint.tls_flags`), and the body's socket is
        not known to be a TLS one: the code says the connection there is plain."""
        if not any(first <= line <= last for first, last, _ in self.facts.plain_branches):
            return False
        return self.provenance(scope, body_calls).verdict != "tls"

    def plan_fix(
        self, drops: List[CaughtName], target: Optional[Target], scope: Scope, line: int
    ) -> Tuple[Optional[Fix], str]:
        """The fix that adds SSLEOFError where the drops are named, and a note for the message."""
        constant = drops[0].via_constant
        if constant is not None:
            target, scope, line = constant.value_target, scope.module(), constant.value[0].span.line  # type: ignore[index]
        before_line = line if scope.runs_at_import() else None
        spelling = spell_ssl_eof(self.importer, scope, before_line, target if before_line else None)
        if spelling is None:
            return None, ""
        assert target is not None
        ops: Tuple[FixOp, ...] = (AppendElement(target, spelling.code), *spelling.imports)
        fix = Fix(spelling.safety, f"Add `{spelling.code}`", ops)
        note = f" (fix unsafe: {spelling.why_unsafe})" if spelling.safety == UNSAFE else ""
        return fix, note


def _imports_python2(scope: Scope) -> bool:
    # (An import in an ``except ImportError:`` fallback is what runs where the first
    # choice is missing: ``import urlparse`` after ``from urllib import parse``.)
    return any(
        b.kind == "import"
        and not b.guarded
        and not b.conditional
        and not (b.shim is not None and b.shim[1] == "handler")
        and (b.target or "") in PYTHON2_ONLY
        for bindings in scope.bindings.values()
        for b in bindings
    )


def _names_bare(lines: List[str], aliases: Set[str]) -> bool:
    """One of ``aliases`` stands in the code other than before a ``.`` or in an import
    (strings and comments aside); True when the text cannot be tokenized."""
    try:
        tokens = [
            t
            for t in tokenize.generate_tokens(io.StringIO("\n".join(lines) + "\n").readline)
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


def describe(drops: List[CaughtName]) -> str:
    """The drop classes a clause names, as a message lists them."""
    names: List[str] = []
    for drop in drops:
        name = drop.expr.dotted or "?"
        if name not in names:
            names.append(name)
    return ", ".join(names)


def _function_of(scope: Scope) -> Optional[Scope]:
    return next((s for s in enclosing(scope) if s.kind == "function"), None)
