import websockets
from websockets.exceptions import InvalidStatusCode


class Pool:
    def __init__(self, uris):
        self.uris = uris
        self.spares = self._spares()

    async def _spares(self):
        for uri in self.uris:
            yield await websockets.connect(uri)

    async def start(self, uri):
        self.ws = await websockets.connect(uri)

    async def failover(self):
        try:
            await self.ws.close()
            self.spare = await anext(self.spares)   # runs _spares: a handshake
        except InvalidStatusCode:  # expect: NFX203
            pass
