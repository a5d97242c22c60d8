"""Stdlib mail clients that wrap their socket's errors in their own classes.

smtplib's commands turn any ``OSError`` of the socket, ``SSLEOFError`` included, into
``SMTPServerDisconnected``, and imaplib's into ``IMAP4.abort``: a drop handler around
``smtp.sendmail(...)`` never sees SSLEOFError, over TLS or not. Only their handshakes
raise it themselves: the ``_SSL`` constructors, ``connect`` / ``open`` and ``starttls``
(and imaplib's raw ``send``). poplib, ftplib and nntplib write unwrapped and are not
here. Measured on 3.9-3.13 by tests/test_mail_clients_proof.py. Reading only the
module's facts, no I/O.
"""

from __future__ import annotations

from functools import cached_property
from typing import Optional

from ..facts import Origin, Scope, resolve
from .value_origin import UNKNOWN, Provenance, ValueOrigins, Verdict

#: The clients whose commands wrap their socket's errors.
WRAPPING_CLIENTS = frozenset(
    {
        "smtplib.SMTP",
        "smtplib.SMTP_SSL",
        "smtplib.LMTP",
        "imaplib.IMAP4",
        "imaplib.IMAP4_SSL",
        "imaplib.IMAP4_stream",
    }
)
#: Their methods that do not wrap: the ones that shake hands, and imaplib's ``send``
#: (smtplib's wraps; reporting it too errs on the loud side).
UNWRAPPED_METHODS = frozenset({"connect", "open", "starttls", "send", "sock", "file"})


#: Modules whose objects do network I/O that no library wraps (poplib, ftplib, xmlrpc,
#: http.client, sockets, websocket-client...): a call on one of them is I/O.
_NETWORK_MODULES = frozenset(
    {"poplib", "ftplib", "nntplib", "telnetlib", "xmlrpc", "http", "socket", "ssl", "urllib", "websocket"}
)


class WrappingClients(ValueOrigins):
    """Which values are clients of :data:`WRAPPING_CLIENTS` (``context.view(WrappingClients)``):
    ``wrapped`` when every way a name is bound makes one; ``network`` when one way makes
    an object of :data:`_NETWORK_MODULES` (``self.pop = poplib.POP3_SSL(host)``); else
    unknown. A module that subclasses a wrapping client may override its commands
    (``send`` straight to ``self.sock``): there, annotations say nothing."""

    positive: Verdict = "network"
    negative: Verdict = "wrapped"

    def of_call(self, scope: Scope, origin: Origin, depth: int, cls: Optional[Scope]) -> Provenance:
        call = origin.call or "?"
        qualname = resolve(self.facts, scope, call).qualname if not call.startswith("?") else None
        return self._made_by(qualname, f"`{call}()` (line {origin.line})", origin.line) or self.returned(
            scope, origin, depth, cls
        )

    def of_annotation(self, scope: Scope, origin: Origin) -> Provenance:
        annotation = origin.annotation or ""
        found = self._made_by(resolve(self.facts, scope, annotation).qualname, f"annotated `{annotation}`", 0)
        if found is None or (found.verdict == "wrapped" and self._subclassed):
            return UNKNOWN
        return found

    @staticmethod
    def _made_by(qualname: Optional[str], why: str, line: int) -> Optional[Provenance]:
        if qualname in WRAPPING_CLIENTS:
            return Provenance("wrapped", why, line)
        if (qualname or "").partition(".")[0] in _NETWORK_MODULES:
            return Provenance("network", why, line)
        return None

    @cached_property
    def _subclassed(self) -> bool:
        """A class of the module has a wrapping client for a base."""
        return any(
            resolve(self.facts, scope.parent or self.facts.module_scope, base).qualname in WRAPPING_CLIENTS
            for scope in self.facts.scopes
            if scope.kind == "class"
            for base in scope.bases
            if base != "?"
        )

    def network(self, scope: Scope, call: str) -> bool:
        """``call`` is a method of an object :data:`_NETWORK_MODULES` make (``self.pop.dele``)."""
        receiver = call.rpartition(".")[0]
        return bool(receiver) and not receiver.startswith("?") and self.of_name(scope, receiver, 0).verdict == "network"

    def command(self, scope: Scope, call: str) -> Provenance:
        """``call`` is a wrapping command (``smtp.sendmail``, ``self.imap.select``) of a
        client made in the module: ``wrapped`` and the client's origin, else unknown."""
        receiver, _, method = call.rpartition(".")
        if not receiver or receiver.startswith("?") or method in UNWRAPPED_METHODS:
            return UNKNOWN
        return self.of_name(scope, receiver, 0)
