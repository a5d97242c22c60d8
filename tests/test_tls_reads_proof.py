"""Why a drop handler around reads only stays quiet: reads never raise SSLEOFError.

NFX101/NFX103 leave a ``try`` alone when its body only reads (``recv``, ``read``...).
Measured here on every Python from 3.9 to 3.13 the machine has: a TLS server's
``recv()`` on a socket wrapped the default way (``suppress_ragged_eofs=True``) answers a
client that goes away (closing without close_notify, resetting, or closing before its
ClientHello while the server's first read does the handshake) with ``b""`` or a
ConnectionResetError, never ``ssl.SSLEOFError``; with ``suppress_ragged_eofs=False`` the
same read raises SSLEOFError on 3.10-3.12 (the case the rules still report). Everything stays on
127.0.0.1, and every socket has a timeout.
"""

from __future__ import annotations

from typing import Dict

import pytest

from .tls import PYTHONS, Certificate, run_on_python

SCRIPT = r"""
import socket, ssl, struct, sys, threading, time

cert, key = sys.argv[1], sys.argv[2]


def serve(listener, suppress, handshake_first, out):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    conn, _ = listener.accept()
    conn.settimeout(10)
    try:
        tls = context.wrap_socket(conn, server_side=True, suppress_ragged_eofs=suppress,
                                  do_handshake_on_connect=handshake_first)
        while True:
            if not tls.recv(4096):
                out.append("EOF")
                return
    except Exception as error:
        out.append(type(error).__name__)


def run(way, suppress):
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(10)
    out = []
    thread = threading.Thread(target=serve, args=(listener, suppress, way != "before-hello", out))
    thread.start()
    raw = socket.create_connection(listener.getsockname(), timeout=10)
    if way == "before-hello":
        time.sleep(0.2)
        raw.close()
    else:
        client = ssl.create_default_context()
        client.check_hostname = False
        client.verify_mode = ssl.CERT_NONE
        tls = client.wrap_socket(raw)
        tls.sendall(b"hello")
        time.sleep(0.2)
        plain = socket.socket(fileno=tls.detach())
        if way == "reset":
            plain.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        plain.close()
    thread.join(20)
    listener.close()
    print(way, "default" if suppress else "strict", out[0] if out else "HUNG")


for way in ("ragged", "reset", "before-hello"):
    run(way, True)
run("ragged", False)
"""


@pytest.mark.parametrize("minor", PYTHONS)
def test_reads_of_a_default_tls_socket_never_raise_ssl_eof(minor: str, certificate: Certificate) -> None:
    stdout = run_on_python(minor, SCRIPT, certificate)
    seen: Dict[str, str] = {}
    for line in stdout.splitlines():
        way, mode, outcome = line.split()
        seen[f"{way}/{mode}"] = outcome
    print(f"Python {minor}: {seen}")
    for case in ("ragged/default", "reset/default", "before-hello/default"):
        assert seen[case] in ("EOF", "ConnectionResetError"), (case, seen)
    # The contrast: with the strict setting the same close raises SSLEOFError on
    # 3.10-3.12 (3.9 and 3.13 may see the kernel's RST for the unread session tickets).
    if minor in ("3.10", "3.11", "3.12"):
        assert seen["ragged/strict"] == "SSLEOFError", seen
