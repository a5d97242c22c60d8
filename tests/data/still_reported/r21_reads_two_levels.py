"""Line protocol client over TLS: the reply loop answers PINGs through a helper two levels down."""
import socket
import ssl


class Client:
    def connect(self, context: ssl.SSLContext, host: str) -> None:
        raw = socket.create_connection((host, 6697))
        self._sock = context.wrap_socket(raw, server_hostname=host)

    def _send_line(self, line: bytes) -> None:
        self._sock.sendall(line + b"\r\n")

    def _pong(self, token: bytes) -> None:
        self._send_line(b"PONG " + token)

    def _handle(self, line: bytes) -> None:
        if line.startswith(b"PING "):
            self._pong(line[5:])

    def _read_line(self) -> bytes:
        data = self._sock.recv(4096)
        if not data:
            raise ConnectionResetError("closed")
        self._handle(data)
        return data

    def loop(self) -> None:
        while True:
            try:
                self._read_line()
            except ConnectionResetError:  # expect: NFX101
                self.reconnect()

    def reconnect(self) -> None:
        pass
