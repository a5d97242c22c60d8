"""Filter stdin to stdout, or to a TLS log collector when a host is given."""
import os
import socket
import ssl
import sys

CONTEXT = ssl.create_default_context()


def remote_stream(host: str):
    tls = CONTEXT.wrap_socket(socket.create_connection((host, 6514)), server_hostname=host)
    return tls.makefile("wb")


def main(argv: list) -> int:
    out = remote_stream(argv[1]) if argv[1:] else sys.stdout.buffer
    try:
        for line in sys.stdin.buffer:
            out.write(line.upper())
        out.flush()
    except BrokenPipeError:  # expect: NFX101
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    return 0
