# Real bug (hidden by 7c08a47): writer thread stores the TLS error; flush() re-raises it in the caller, while a reset just marks the stream closed
import logging
import queue
import socket
import ssl
import threading

log = logging.getLogger(__name__)


class Stream:
    def __init__(self, host):
        ctx = ssl.create_default_context()
        self.sock = ctx.wrap_socket(socket.create_connection((host, 443)), server_hostname=host)
        self.pending = queue.Queue()
        self.closed = False
        self.error = None
        threading.Thread(target=self._writer, daemon=True).start()

    def _writer(self):
        try:
            while True:
                self.sock.sendall(self.pending.get())
        except (ConnectionResetError, BrokenPipeError):  # expect: NFX101
            self.closed = True
        except Exception as e:
            if isinstance(e, ssl.SSLError):
                log.debug("TLS error in writer: %s", e)
                self.error = e
                return
            raise

    def flush(self):
        if self.error is not None:
            raise self.error
