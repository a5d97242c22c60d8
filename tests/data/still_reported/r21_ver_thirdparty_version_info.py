"""gevent-era client: the code path for current gevent is under a gevent version test."""
import socket
import ssl

import gevent

CONTEXT = ssl.create_default_context()


class Conn:
    def connect(self, host):
        self._sock = CONTEXT.wrap_socket(socket.create_connection((host, 443)), server_hostname=host)

    if gevent.version_info >= (20, 0):
        def send(self, data):
            try:
                self._sock.sendall(data)
            except ConnectionError:  # expect: NFX101
                self.close()
    else:
        def send(self, data):
            self._sock.sendall(data)

    def close(self):
        self._sock.close()
