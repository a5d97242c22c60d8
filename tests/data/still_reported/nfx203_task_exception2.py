import asyncio
import websockets
from websockets.exceptions import InvalidStatusCode


class Feed:
    def __init__(self, uri):
        self.uri = uri
        self.dialer = None

    async def _dial(self):
        self.spare = await websockets.connect(self.uri)

    async def start(self):
        self.ws = await websockets.connect(self.uri)
        self.dialer = asyncio.create_task(self._dial())

    async def wait_spare(self):
        try:
            await self.ws.ping()
            await asyncio.wait({self.dialer})
            error = self.dialer.exception()
            if error is not None:
                raise error
        except InvalidStatusCode:  # expect: NFX203
            pass
