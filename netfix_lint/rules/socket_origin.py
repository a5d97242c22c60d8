"""Where the socket in a ``try`` body comes from: the provenance model NFX101-103 share.

For each socket call of a body (``sock.sendall``, ``self.conn.send``), the receiver is
followed through the module (:mod:`netfix_lint.rules.value_origin`). Each value ends as
one of:

- ``tls``: a stdlib TLS socket (``ctx.wrap_socket``, ``ssl.wrap_socket``, ``wrap_bio``,
  eventlet's ``wrap_ssl``, an ``ssl.SSLSocket`` annotation, ``accept()`` on one of them);
- ``plain``: a socket that never carries stdlib TLS (``socket.socket`` /
  ``create_connection`` / ``socketpair`` never rebound to a wrapped one, a datagram or
  unix socket, ``accept()`` on a plain listener, a file or a pipe), or a call an
  ``SSLSocket`` refuses (``sendto``);
- ``unknown``: anything else (a parameter, another module's object, an attribute chain).

A name bound several ways is ``tls`` if any way is, ``plain`` if every way is, else
``unknown``. A value a function of another module of the package returns
(``conn = sync_connect(host)``, imported from ``.sync_api``) is ``tls`` when that function
returns a TLS socket there, followed through that module alone (one module away). Reading
only the module's facts and those the package view hands over, no I/O.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Dict, FrozenSet, Iterable, List, Optional, Tuple

from ..context import BLOCKING, RuleContext
from ..facts import Origin, Scope, lookup, resolve
from .value_origin import MAX_DEPTH, UNKNOWN, Provenance, ValueOrigins, Verdict, class_of

#: Calls whose result is a stdlib TLS socket or object, by their last name.
_WRAPS = frozenset({"wrap_socket", "wrap_ssl", "wrap_bio"})
#: Calls that make a plain socket, by qualified name (green ones included).
_SOCKET_MAKERS = frozenset({"socket", "create_connection", "create_server", "fromfd", "socketpair"})
_SOCKET_MODULES = frozenset({"socket", "_socket", "gevent.socket", "eventlet.green.socket", "gevent._socket3"})
#: Stdlib clients whose constructor connects over plain TCP and reads the greeting there:
#: TLS, if any, starts later with ``starttls()`` (their ``_SSL`` siblings and FTP_TLS,
#: whose ``login`` shakes hands, are not here).
_PLAIN_CLIENTS = frozenset(
    {"smtplib.SMTP", "smtplib.LMTP", "ftplib.FTP", "imaplib.IMAP4", "poplib.POP3", "nntplib.NNTP", "telnetlib.Telnet"}
)
#: How many steps of another module's walk a returned socket is followed (of MAX_DEPTH).
_ELSEWHERE_STEPS = 3
#: Calls whose result carries its receiver's errors: a file over the socket, a copy.
_SAME_AS_RECEIVER = frozenset({"makefile", "dup"})
#: Calls that make a file or a pipe, never a socket.
_FILES = frozenset({"open", "io.open", "os.fdopen", "io.BytesIO", "io.StringIO", "subprocess.Popen"})
#: Libraries whose connections speak SSH over a plain socket they make themselves.
_SSH_LIBRARIES = frozenset({"paramiko", "asyncssh", "fabric"})
#: Socket methods that an SSLSocket refuses (ValueError): the socket is a datagram one.
_DATAGRAM_ONLY = frozenset({"sendto", "recvfrom", "recvfrom_into"})


class SocketOrigins(ValueOrigins):
    """The provenance of the values a module's ``try`` bodies call socket methods on
    (``context.view(SocketOrigins)``, one per check)."""

    positive: Verdict = "tls"
    negative: Verdict = "plain"

    def __init__(self, context: RuleContext) -> None:
        super().__init__(context)
        self.package = context.package
        #: Whether calls of other modules' functions are followed (:meth:`_returned_elsewhere`).
        self.follows_package = True
        #: What functions of other modules return, by qualified name (:meth:`_returned_elsewhere`).
        self._elsewhere: Dict[Tuple[str, bool], Provenance] = {}
        #: Walking the listener an ``accept()`` is called on (how deep).
        self._listening = 0

    # -- a body ---------------------------------------------------------------------------

    def of_calls(self, scope: Scope, calls: Iterable[str], methods: FrozenSet[str]) -> Provenance:
        """What the receivers of ``calls`` whose method is one of ``methods`` are: ``tls``
        if one of them is, ``plain`` if there is one and all are, else ``unknown``."""
        found: List[Provenance] = []
        for call in calls:
            receiver, _, method = call.rpartition(".")
            if method not in methods:
                continue
            if method in _DATAGRAM_ONLY:
                found.append(Provenance("plain", f"`{call}()` is a datagram socket's call: an SSLSocket refuses it"))
            elif not receiver or receiver.startswith("?"):
                found.append(UNKNOWN)
            else:
                found.append(self.of_name(scope, receiver, 0))
        return self.combine(found)

    def only_makes_sockets(self, scope: Scope, calls: Iterable[str], quiet: Callable[[str], bool]) -> bool:
        """The body makes a plain socket (``socket.create_connection(...)``, a plain
        ``smtplib.SMTP(host)``) and its other calls are ``quiet`` ones (logging,
        ``url.host()`` for the address): a TLS handshake, if any, comes later, from
        another call. Beside a plain client, a quiet call counts only on the client
        itself (``smtp.ehlo()``): ``self.imap.login()`` may be a TLS session's."""
        makes = client = other = False
        for call in calls:
            qualname = resolve(self.facts, scope, call).qualname if not call.startswith("?") else None
            module, _, name = (qualname or "").rpartition(".")
            if module in _SOCKET_MODULES and name in _SOCKET_MAKERS:
                makes = True
            elif qualname in _PLAIN_CLIENTS:
                client = True
            elif logs(call):
                continue
            elif not quiet(call):
                return False
            elif not self._plain_client_named(scope, call.partition(".")[0] if "." in call else ""):
                other = True
        return (makes or client) and not (client and other)

    def _plain_client_named(self, scope: Scope, name: str) -> bool:
        """``name`` is a local bound only to plain clients (``smtp = smtplib.SMTP(host)``)."""
        looked = lookup(scope, name) if name else None
        if looked is None or looked[0] is not scope:
            return False
        made = [b.call or (b.origin.call if b.origin is not None else None) for b in looked[1]]
        return all(call is not None and resolve(self.facts, scope, call).qualname in _PLAIN_CLIENTS for call in made)

    # -- what a value is ---------------------------------------------------------------

    def of_annotation(self, scope: Scope, origin: Origin) -> Provenance:
        qualname = resolve(self.facts, scope, origin.annotation or "").qualname or ""
        if qualname in ("ssl.SSLSocket", "ssl.SSLObject"):
            line = origin.line
            return Provenance("tls", f"the socket is annotated `{origin.annotation}` (line {line})", line)
        return UNKNOWN

    def of_call(self, scope: Scope, origin: Origin, depth: int, cls: Optional[Scope]) -> Provenance:
        call, line = origin.call or "?", origin.line
        receiver, _, last = call.rpartition(".")
        if last in _WRAPS:
            return Provenance("tls", f"the socket comes from `{call}()` (line {line})", line)
        resolved = resolve(self.facts, scope, call) if not call.startswith("?") else None
        qualname = resolved.qualname if resolved is not None else None
        module, _, name = (qualname or "").rpartition(".")
        if module in _SOCKET_MODULES and name in _SOCKET_MAKERS:
            if "SOCK_DGRAM" in origin.words:
                return Provenance("plain", f"a datagram socket (`SOCK_DGRAM`, line {line})", line)
            if "AF_UNIX" in origin.words or name == "socketpair":
                return Provenance("plain", f"a local socket (`{call}()`, line {line})", line)
            return Provenance("plain", f"a plain socket from `{call}()` (line {line}), never wrapped in TLS", line)
        if qualname in _FILES:
            return Provenance("plain", f"a file or pipe from `{call}()` (line {line})", line)
        if (qualname or "").partition(".")[0] in _SSH_LIBRARIES:
            return Provenance("plain", f"an SSH connection from `{call}()` (line {line}): SSH, never stdlib TLS", line)
        if (
            receiver
            and not receiver.startswith("?")
            and (last in _SAME_AS_RECEIVER or (last == "accept" and origin.item))
        ):
            self._listening += last == "accept"
            try:
                listener = self.of_name(scope, receiver, depth + 1)
            finally:
                self._listening -= last == "accept"
            if last == "accept" and listener.verdict != "unknown":
                kind = "a TLS" if listener.verdict == "tls" else "a plain"
                why = f"accepted from {kind} listener, `{receiver}` (line {line}); {listener.why}"
                return Provenance(listener.verdict, why, line)
            return listener
        found = self.returned(scope, origin, depth, cls)
        if (
            found.verdict == "unknown"
            and self.follows_package
            and resolved is not None
            and qualname
            and not qualname.startswith("builtins.")
        ):
            if not (resolved.maybe_missing or resolved.guarded):  # the import is what runs
                return self._returned_elsewhere(qualname, origin)
        return found

    def _returned_elsewhere(self, qualname: str, origin: Origin) -> Provenance:
        """A TLS socket that a function of another module of the package returns
        (``open_connection`` imported from ``.connect``), followed through that module
        alone. Only ``tls`` counts: a plain socket there may be wrapped by code that
        module cannot show (a monkeypatch, a STARTTLS helper storing on the caller's
        object), so it says nothing. The package is read only when it wraps sockets
        somewhere (:data:`BLOCKING`); each function is followed once per check."""
        key = (qualname, self._listening > 0)
        if key not in self._elsewhere:
            self._elsewhere[key] = UNKNOWN
            if self._listening or self.package.tls_verdict() == BLOCKING:
                self._elsewhere[key] = self._follow(qualname)
        found = self._elsewhere[key]
        # A plain listener made there is plain here too when nothing here wraps it: no
        # other module's code sits between a listener and its ``accept()`` as a STARTTLS
        # helper sits between a connection and its writes.
        if found.verdict != "tls" and not (found.verdict == "plain" and self._listening):
            return UNKNOWN
        why = f"`{origin.call}()` (line {origin.line}) is `{qualname}`; in that module, {found.why}"
        return replace(found, why=why, line=origin.line)

    def _follow(self, qualname: str) -> Provenance:
        answer = self.package.module_facts(qualname)
        if answer is None:
            return UNKNOWN
        name, facts = answer
        if not facts.wrap_calls and not self._listening:
            return UNKNOWN  # no wrap in that module: its walk cannot end in one
        function = facts.module_scope.children.get(name)
        bindings = facts.module_scope.bindings.get(name, [])
        # One plain ``def`` only: another binding (an ``if``/``try`` twin, a rebinding
        # assignment) or a decorator may be what runs.
        if function is None or function.kind != "function" or function.decorated or len(bindings) != 1:
            return UNKNOWN
        if bindings[0].kind != "def" or not function.returns:
            return UNKNOWN
        # That module's own names only (its imports are not followed further), and a
        # short walk: a wrap a few steps from the ``return``, not the whole module.
        there = type(self)(RuleContext(facts))
        there.follows_package = False
        there.follows_callers = False  # its callers are elsewhere (this module among them)
        depth = MAX_DEPTH - _ELSEWHERE_STEPS
        return there.combine(there.of_origin(function, o, depth, class_of(function)) for o in function.returns)


class EveryWayTls(SocketOrigins):
    """As :class:`SocketOrigins`, but a name is ``tls`` only when every way it is bound is
    (``context.view(EveryWayTls)``): a socket attribute that is sometimes the raw one
    under a memory BIO and sometimes wrapped is not."""

    positive: Verdict = "plain"
    negative: Verdict = "tls"


class MemoryBios(ValueOrigins):
    """Which values are ``ssl.MemoryBIO`` objects (``context.view(MemoryBios)``): a body
    that moves bytes between one and a socket is the transport under a TLS object of
    the BIO's (``wrap_bio``), whose EOF errors come from the TLS object, not the socket."""

    positive = "bio"
    negative = "plain"

    def of_call(self, scope: Scope, origin: Origin, depth: int, cls: Optional[Scope]) -> Provenance:
        call = origin.call or "?"
        qualname = resolve(self.facts, scope, call).qualname if not call.startswith("?") else None
        if qualname in ("ssl.MemoryBIO", "_ssl.MemoryBIO"):
            return Provenance("bio", f"`{call}()` (line {origin.line})", origin.line)
        return self.returned(scope, origin, depth, cls)

    def moved(self, scope: Scope, calls: Iterable[str]) -> Optional[Provenance]:
        """A memory BIO the body reads or writes (``out_bio.read()``), if any."""
        for call in calls:
            receiver, _, method = call.rpartition(".")
            if method in ("read", "write") and receiver and not receiver.startswith("?"):
                found = self.of_name(scope, receiver, 0)
                if found.verdict == "bio":
                    return Provenance("bio", f"`{call}()` is a memory BIO's, from {found.why}", found.line)
        return None


#: The receivers of logging calls (``logger.debug(...)``, ``self.log.info(...)``).
_LOGGERS = frozenset({"log", "logger", "logging", "_log", "_logger", "LOG", "LOGGER"})
#: The methods of a ``logging.Logger`` that write a record.
_LOG_METHODS = frozenset({"debug", "info", "warning", "warn", "error", "exception", "critical", "fatal", "log"})


def logs(call: str) -> bool:
    """A logging call (``log.debug(...)``): it writes a log record, never to the socket.
    (``self.log.send(...)`` is something else's ``send``.)"""
    parts = call.split(".")
    return len(parts) >= 2 and parts[-2] in _LOGGERS and parts[-1] in _LOG_METHODS
