import asyncio
import websockets
from websockets.exceptions import InvalidStatusCode


class Feed:
    def __init__(self, uri):
        self.uri = uri
        self.tasks = {}

    async def _dial(self):
        return await websockets.connect(self.uri)

    async def start(self):
        self.ws = await websockets.connect(self.uri)
        self.tasks["spare"] = asyncio.create_task(self._dial())

    async def swap(self):
        try:
            await self.ws.close()
            self.spare = await self.tasks.pop("spare")   # the dial task's InvalidStatus
        except InvalidStatusCode:  # expect: NFX203
            pass
