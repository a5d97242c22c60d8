from websockets.exceptions import InvalidStatusCode
from websockets.sync.client import connect


class Mesh:
    def __init__(self, uri, peers):
        self.ws = connect(uri)
        self.peers = peers

    def fastest(self, msg):
        try:
            self.ws.send(msg)
            return min(self.peers, key=lambda uri: connect(uri).latency)
        except InvalidStatusCode:  # expect: NFX203
            return None
