"""Why a drop handler around smtplib and imaplib commands stays quiet: they wrap the drop.

NFX101-103 leave a ``try`` alone when its I/O is commands of smtplib or imaplib clients
(netfix_lint/rules/mail_clients.py). Measured here on every Python from 3.9 to 3.13 the
machine has, against a TLS server on 127.0.0.1 that greets and then resets the
connection: ``SMTP_SSL(...).noop()`` raises ``SMTPServerDisconnected`` and
``IMAP4_SSL(...).noop()`` raises ``IMAP4.abort``, never ``ssl.SSLEOFError``, while
poplib's ``noop()`` lets SSLEOFError out on 3.10-3.12 (the contrast the rules still
report). Their handshakes are not wrapped: a server that reads the ClientHello and
hangs up makes the ``_SSL`` constructors raise SSLEOFError on 3.10+ (those stay
reported). Every socket has a timeout.
"""

from __future__ import annotations

from typing import Dict

import pytest

from .tls import PYTHONS, Certificate, run_on_python

SCRIPT = r"""
import imaplib, poplib, smtplib, socket, ssl, struct, sys, threading, time

cert, key = sys.argv[1], sys.argv[2]
GREETING = {"smtp": b"220 ready\r\n", "imap": b"* OK ready\r\n", "pop": b"+OK ready\r\n"}


def serve(listener, protocol):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    conn, _ = listener.accept()
    conn.settimeout(10)
    tls = context.wrap_socket(conn, server_side=True)
    tls.sendall(GREETING[protocol])
    if protocol == "imap":  # the constructor asks for the capabilities
        tag = tls.recv(4096).split()[0]
        tls.sendall(b"* CAPABILITY IMAP4rev1\r\n" + tag + b" OK done\r\n")
    time.sleep(0.1)
    raw = socket.socket(fileno=tls.detach())
    raw.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    raw.close()  # a reset: the client's next write fails


def refuse_tls(listener):
    conn, _ = listener.accept()
    conn.settimeout(10)
    conn.recv(4096)  # the ClientHello, unanswered
    conn.close()


def handshake(protocol):
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(10)
    thread = threading.Thread(target=refuse_tls, args=(listener,))
    thread.start()
    context = ssl.create_default_context()
    host, port = listener.getsockname()[:2]
    try:
        if protocol == "smtp":
            smtplib.SMTP_SSL(host, port, context=context, timeout=10)
        else:
            imaplib.IMAP4_SSL(host, port, ssl_context=context, timeout=10)
        outcome = "-"
    except Exception as error:
        outcome = type(error).__module__.replace("builtins", "") + "." + type(error).__qualname__
    thread.join(20)
    listener.close()
    print(protocol + "-handshake", outcome.lstrip("."))


def run(protocol):
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(10)
    thread = threading.Thread(target=serve, args=(listener, protocol))
    thread.start()
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    host, port = listener.getsockname()[:2]
    if protocol == "smtp":
        client = smtplib.SMTP_SSL(host, port, context=context, timeout=10)
    elif protocol == "imap":
        client = imaplib.IMAP4_SSL(host, port, ssl_context=context, timeout=10)
    else:
        client = poplib.POP3_SSL(host, port, context=context, timeout=10)
    thread.join(20)
    listener.close()
    time.sleep(0.2)
    try:
        client.noop()
        outcome = "-"
    except Exception as error:
        outcome = type(error).__module__.replace("builtins", "") + "." + type(error).__qualname__
    print(protocol, outcome.lstrip("."))


for protocol in ("smtp", "imap", "pop"):
    run(protocol)
for protocol in ("smtp", "imap"):
    handshake(protocol)
"""


@pytest.mark.parametrize("minor", PYTHONS)
def test_mail_client_commands_wrap_a_tls_drop(minor: str, certificate: Certificate) -> None:
    stdout = run_on_python(minor, SCRIPT, certificate)
    seen: Dict[str, str] = dict(line.split() for line in stdout.splitlines())
    print(f"Python {minor}: {seen}")
    assert seen["smtp"] == "smtplib.SMTPServerDisconnected", seen
    assert seen["imap"] == "imaplib.IMAP4.abort", seen
    new_eof = minor in ("3.10", "3.11", "3.12")
    # Reset or broken pipe depends on timing (tests/tls.py); both are ConnectionErrors.
    pop_drop = {"ssl.SSLEOFError"} if new_eof else {"ConnectionResetError", "BrokenPipeError"}
    assert seen["pop"] in pop_drop, seen
    handshake = "ssl.SSLZeroReturnError" if minor == "3.9" else "ssl.SSLEOFError"
    assert seen["smtp-handshake"] == handshake, seen
    assert seen["imap-handshake"] == handshake, seen
