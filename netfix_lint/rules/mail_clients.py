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


class WrappingClients(ValueOrigins):
    """Which values are clients of :data:`WRAPPING_CLIENTS` (``context.view(WrappingClients)``):
    ``wrapped`` when every way a name is bound makes one, else unknown."""

    positive: Verdict = "unknown"
    negative: Verdict = "wrapped"

    def of_call(self, scope: Scope, origin: Origin, depth: int, cls: Optional[Scope]) -> Provenance:
        call = origin.call or "?"
        qualname = resolve(self.facts, scope, call).qualname if not call.startswith("?") else None
        if qualname in WRAPPING_CLIENTS:
            return Provenance("wrapped", f"`{call}()` (line {origin.line})", origin.line)
        return self.returned(scope, origin, depth, cls)

    def of_annotation(self, scope: Scope, origin: Origin) -> Provenance:
        annotation = origin.annotation or ""
        if resolve(self.facts, scope, annotation).qualname in WRAPPING_CLIENTS:
            return Provenance("wrapped", f"annotated `{annotation}` (line {origin.line})", origin.line)
        return UNKNOWN

    def command(self, scope: Scope, call: str) -> Provenance:
        """``call`` is a wrapping command (``smtp.sendmail``, ``self.imap.select``) of a
        client made in the module: ``wrapped`` and the client's origin, else unknown."""
        receiver, _, method = call.rpartition(".")
        if not receiver or receiver.startswith("?") or method in UNWRAPPED_METHODS:
            return UNKNOWN
        return self.of_name(scope, receiver, 0)
