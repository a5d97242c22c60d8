from websockets.exceptions import InvalidStatusCode
from websockets.sync.client import connect


class Uplink:
    def __init__(self, uri):
        self.uri = uri

    def __enter__(self):
        self.conn = connect(self.uri)   # a handshake
        return self.conn

    def __exit__(self, *exc):
        self.conn.close()


class Relay:
    def __init__(self, uri, up):
        self.ws = connect(uri)
        self.uplink = Uplink(up)

    def relay(self):
        try:
            msg = self.ws.recv()
            with self.uplink as up:
                self.ws.send(msg)
        except InvalidStatusCode:  # expect: NFX203
            pass
