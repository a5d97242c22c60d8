import random
import websockets
from websockets.exceptions import InvalidStatusCode


class Feed:
    def __init__(self, uris):
        self.connectors = [websockets.connect(uri) for uri in uris]

    async def start(self, uri):
        self.ws = await websockets.connect(uri)

    async def hop(self):
        try:
            await self.ws.close()
            self.spare = await random.choice(self.connectors)   # handshake
        except InvalidStatusCode:  # expect: NFX203
            pass
