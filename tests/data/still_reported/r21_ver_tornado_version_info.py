"""tornado's version_info, not Python's."""
import socket
import ssl

import tornado
from tornado import version_info

CONTEXT = ssl.create_default_context()


class Conn:
    def connect(self, host):
        self._sock = CONTEXT.wrap_socket(socket.create_connection((host, 443)), server_hostname=host)

    def send(self, data):
        if version_info[0] >= 5:
            try:
                self._sock.sendall(data)
            except BrokenPipeError:  # expect: NFX101
                self.close()
        else:
            self._sock.sendall(data)

    def close(self):
        self._sock.close()
