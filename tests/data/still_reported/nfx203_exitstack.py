import contextlib
import websockets
from websockets.exceptions import InvalidStatusCode


class Feed:
    def __init__(self, backup):
        self.stack = contextlib.AsyncExitStack()
        self.backup = websockets.connect(backup)

    async def start(self, uri):
        self.ws = await websockets.connect(uri)

    async def failover(self):
        try:
            await self.ws.close()
            self.spare = await self.stack.enter_async_context(self.backup)  # handshake
        except InvalidStatusCode:  # expect: NFX203
            pass
