import asyncio
import websockets
from websockets.exceptions import InvalidStatusCode


class Feed:
    def __init__(self, uri, backup):
        self.backup = websockets.connect(backup)

    async def start(self, uri):
        self.ws = await websockets.connect(uri)

    async def failover(self):
        try:
            await self.ws.close()
            self.spare = await asyncio.ensure_future(self.backup)  # handshake
        except InvalidStatusCode:  # expect: NFX203
            pass
