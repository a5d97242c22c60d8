import websockets
from websockets.exceptions import InvalidStatusCode


class Client:
    def __init__(self, uri, reconnect_before_send=False):
        self.uri = uri
        if reconnect_before_send:
            self.before_send = self._reconnect

    async def _reconnect(self):
        self.ws = await websockets.connect(self.uri)

    async def start(self):
        self.ws = await websockets.connect(self.uri)

    async def before_send(self):
        pass

    async def publish(self, msg):
        try:
            await self.before_send()
            await self.ws.send(msg)
        except InvalidStatusCode:  # expect: NFX203
            pass
