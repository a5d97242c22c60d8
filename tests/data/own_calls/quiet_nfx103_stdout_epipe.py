"""NFX103: the classic `prog | head` idiom (errno EPIPE around print) in a CLI whose
printed value comes from a TLS client's read-only method (recv). A read of a
default-wrapped SSLSocket returns b"" on EOF; EPIPE here is stdout's.
Expected: quiet."""
import errno
import socket
import ssl


class Tail:
    def __init__(self, host):
        ctx = ssl.create_default_context()
        self.sock = ctx.wrap_socket(socket.create_connection((host, 6514)), server_hostname=host)

    def lines(self):
        buf = b""
        while True:
            chunk = self.sock.recv(4096)
            if not chunk:
                return
            buf += chunk
            *done, buf = buf.split(b"\n")
            yield from done


def main(host):
    tail = Tail(host)
    try:
        for line in tail.lines():
            print(line.decode())
    except IOError as e:
        if e.errno != errno.EPIPE:
            raise
