import asyncio

import websockets
from websockets.exceptions import InvalidStatusCode
from websockets.sync.client import connect as sync_connect


class Feed:
    async def start(self, uri):
        self.uri = uri
        self.ws = await websockets.connect(uri)

    def _dial(self):
        return sync_connect(self.uri)   # a handshake, in a thread

    async def _spare(self):
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(None, self._dial)

    async def publish(self, msg):
        try:
            await self.ws.send(msg)
            self.spare = await self._spare()
        except InvalidStatusCode:  # expect: NFX203
            pass

    async def publish_direct(self, msg):
        try:
            await self.ws.send(msg)
            loop = asyncio.get_running_loop()
            self.spare = await loop.run_in_executor(None, self._dial)
        except InvalidStatusCode:  # expect: NFX203
            pass
