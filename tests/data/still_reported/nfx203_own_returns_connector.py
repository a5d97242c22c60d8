import websockets
from websockets.exceptions import InvalidStatusCode


class Feed:
    def __init__(self, uri):
        self.connector = websockets.connect(uri)

    def _opener(self):
        return self.connector

    async def reopen(self):
        try:
            ws = await self._opener()   # the handshake runs here
            await ws.send("hello")
        except InvalidStatusCode:  # expect: NFX203
            pass
