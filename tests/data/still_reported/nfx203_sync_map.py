from concurrent.futures import ThreadPoolExecutor

from websockets.exceptions import InvalidStatusCode
from websockets.sync.client import connect


class Mesh:
    def __init__(self, uri, peers):
        self.ws = connect(uri)
        self.peers = peers
        self.pool = ThreadPoolExecutor(4)

    def broadcast(self, msg):
        try:
            self.ws.send(msg)
            return list(self.pool.map(connect, self.peers))   # a handshake per peer
        except InvalidStatusCode:  # expect: NFX203
            return []

    def broadcast2(self, msg):
        try:
            self.ws.send(msg)
            return list(map(connect, self.peers))   # a handshake per peer
        except InvalidStatusCode:  # expect: NFX203
            return []
