"""The body writes to the TLS socket itself, through its makefile()."""
import os
import ssl
import sys


def relay_file(tls: ssl.SSLSocket, data: bytes) -> int:
    out = tls.makefile("wb")
    try:
        out.write(data)
        out.flush()
    except BrokenPipeError:  # expect: NFX101
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return 0
