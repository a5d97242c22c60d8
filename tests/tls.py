"""TLS helpers for the proof tests: a certificate made at test time, the Pythons to
measure, and clients that go away the ways real clients do.

Everything stays on 127.0.0.1, and every socket has a timeout.
"""

from __future__ import annotations

import datetime
import functools
import ipaddress
import os
import shutil
import socket
import ssl
import struct
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, FrozenSet, List, Optional, Sequence

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

TIMEOUT = 20.0
PYTHONS = ["3.9", "3.10", "3.11", "3.12", "3.13"]

SSL_EOF = frozenset({"SSLEOFError"})
# Which of the two depends on timing: ECONNRESET if the server's write meets the RST,
# EPIPE if an earlier write already did. Both are ConnectionErrors, which is what counts.
CONNECTION_DROP = frozenset({"ConnectionResetError", "BrokenPipeError"})
NOTHING = frozenset({"-"})

# What the server's blocking ssl.SSLSocket raises when the client goes away, per Python,
# measured by tests/test_tls_proof.py and asserted there. Measured on CPython 3.9.18,
# 3.10.13, 3.11.7, 3.12.1 and 3.13.0 with OpenSSL 3.0.19; should another patch release
# or OpenSSL behave otherwise, the tests say so, and this table is what to correct.
SERVER_SEES: Dict[str, Dict[str, FrozenSet[str]]] = {
    # abort_download: the client resets the connection in the middle of a download; the
    # server is writing (sendall). 3.10-3.12 report any failed write as SSLEOFError
    # (CPython gh-115627); 3.13 reports the errno again.
    "download": {
        "3.9": CONNECTION_DROP,
        "3.10": SSL_EOF,
        "3.11": SSL_EOF,
        "3.12": SSL_EOF,
        "3.13": CONNECTION_DROP,
    },
    # abort_handshake: the client closes the TCP connection before its ClientHello; the
    # server is in do_handshake().
    "handshake": {
        "3.9": frozenset({"SSLZeroReturnError"}),
        "3.10": SSL_EOF,
        "3.11": SSL_EOF,
        "3.12": SSL_EOF,
        "3.13": SSL_EOF,
    },
    # close_without_close_notify: the server is reading, with suppress_ragged_eofs=False;
    # 3.9 returns b"" (a quiet end of file).
    "ragged": {
        "3.9": NOTHING,
        "3.10": SSL_EOF,
        "3.11": SSL_EOF,
        "3.12": SSL_EOF,
        "3.13": SSL_EOF,
    },
}


@dataclass(frozen=True)
class Certificate:
    """A self-signed certificate for 127.0.0.1 and its key, as PEM files."""

    cert: Path
    key: Path

    def client_context(self) -> ssl.SSLContext:
        """A client context that trusts this certificate only (verification stays on)."""
        return ssl.create_default_context(cafile=str(self.cert))


def make_certificate(folder: Path) -> Certificate:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "netfix-lint test server")])
    now = datetime.datetime.now(datetime.timezone.utc)
    public = key.public_key()
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=7))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(public), critical=False)
        .sign(key, hashes.SHA256())
    )
    folder.mkdir(parents=True, exist_ok=True)
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return Certificate(cert_path, key_path)


def run_on_python(minor: str, script: str, certificate: Certificate) -> str:
    """What ``script`` prints, run by Python ``minor`` with the certificate and key files
    as its arguments; the test is skipped, saying so, where that Python is missing."""
    import pytest

    python = find_python(minor)
    if python is None:
        pytest.skip(f"Python {minor} is not on this machine (the tests run on {sys.version.split()[0]})")
    result = subprocess.run(
        [str(python), "-c", script, str(certificate.cert), str(certificate.key)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@functools.cache
def find_python(minor: str) -> Optional[Path]:
    """The interpreter for ``minor`` (like "3.12"): the newest patch release pyenv lists,
    else the one running the tests if it is that version, else None."""
    candidates: List[Path] = []
    if shutil.which("pyenv"):
        root = subprocess.run(["pyenv", "root"], capture_output=True, text=True, timeout=60).stdout.strip()
        listed = subprocess.run(["pyenv", "versions", "--bare"], capture_output=True, text=True, timeout=60)
        patches = [
            int(name.strip()[len(minor) + 1 :])
            for name in listed.stdout.splitlines()
            if name.strip().startswith(minor + ".") and name.strip()[len(minor) + 1 :].isdigit()
        ]
        candidates += [
            Path(root, "versions", f"{minor}.{patch}", "bin", "python") for patch in sorted(patches, reverse=True)
        ]
    if "%d.%d" % sys.version_info[:2] == minor:
        candidates.append(Path(sys.executable))
    return next((python for python in candidates if python.exists()), None)


def reset(sock: socket.socket) -> None:
    """Close with an RST (SO_LINGER 0), as a killed browser tab or a proxy timeout does.
    The TLS layer sends nothing: no close_notify."""
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


def abort_download(port: int, certificate: Certificate, read_at_least: int = 256 * 1024) -> int:
    """Start an HTTPS-like download, read part of it, then reset the connection.

    Returns how many bytes arrived. Whether the server's next write then fails with
    ECONNRESET or EPIPE depends on timing; the exception class Python makes of it does
    not on 3.10-3.12 (SSLEOFError either way), and on 3.13 both are ConnectionErrors."""
    raw = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)
    tls = certificate.client_context().wrap_socket(raw, server_hostname="127.0.0.1")
    tls.sendall(b"GET /download HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    received = 0
    while received < read_at_least:
        data = tls.recv(65536)
        assert data, "the server ended the download before the client aborted it"
        received += len(data)
    reset(socket.socket(fileno=tls.detach()))
    return received


def abort_handshake(port: int) -> None:
    """Connect, then close the TCP connection before sending a ClientHello (a port
    scanner, a load balancer's health check, a client that gave up)."""
    socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT).close()


def close_without_close_notify(port: int, certificate: Certificate) -> None:
    """Send a line, read its echo, then close the TCP connection without the TLS
    close_notify alert (a "ragged" end of file)."""
    raw = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)
    tls = certificate.client_context().wrap_socket(raw, server_hostname="127.0.0.1")
    tls.sendall(b"hello\n")
    echoed = b""
    while not echoed.endswith(b"\n"):
        data = tls.recv(1024)
        assert data, "the server closed before echoing"
        echoed += data
    assert echoed == b"hello\n"
    # Everything sent was read, so this close is a FIN, not an RST.
    socket.socket(fileno=tls.detach()).close()


@dataclass(frozen=True)
class ServerRun:
    """How a one-connection server subprocess ended."""

    returncode: int
    stdout: str
    stderr: str

    def reported(self, key: str) -> str:
        """The value of a ``KEY value`` line the server printed (tests/tls_server.py)."""
        values = [line.split(" ", 1)[1] for line in self.stdout.splitlines() if line.startswith(key + " ")]
        assert len(values) == 1, (key, self.stdout, self.stderr)
        return values[0]


def serve_once(
    command: Sequence[str],
    client: Callable[[int], object],
    env: Optional[Dict[str, str]] = None,
    cwd: Optional[Path] = None,
) -> ServerRun:
    """Start a server subprocess that prints ``PORT <n>`` and serves one connection, run
    ``client(port)`` against it, and wait for the server to end. The server is killed
    if anything goes wrong, so no test leaves one behind."""
    # Unbuffered binary pipes: reading the PORT line must not swallow what follows it.
    process = subprocess.Popen(
        list(command),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        bufsize=0,
        env={**os.environ, **(env or {})},
        cwd=cwd,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline().decode()
        assert line.startswith("PORT "), f"the server did not start: {line!r}"
        client(int(line.split()[1]))
        stdout, stderr = process.communicate(timeout=2 * TIMEOUT)
    except BaseException:
        process.kill()
        stdout, stderr = process.communicate()
        print(f"server stdout:\n{stdout.decode()}\nserver stderr:\n{stderr.decode()}")
        raise
    return ServerRun(process.returncode, line + stdout.decode(), stderr.decode())
