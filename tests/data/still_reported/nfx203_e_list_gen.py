from websockets.exceptions import InvalidStatusCode
from websockets.sync.client import connect


class Pool:
    def __init__(self, uri, uris):
        self.ws = connect(uri)
        self.spares = (connect(u) for u in uris)

    def failover(self):
        try:
            self.ws.close()
            self.pool = list(self.spares)
        except InvalidStatusCode:  # expect: NFX203
            pass
