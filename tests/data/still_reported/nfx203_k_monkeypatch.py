import websockets
from websockets.exceptions import InvalidStatusCode


class Client:
    async def start(self, uri):
        self.uri = uri
        self.ws = await websockets.connect(uri)

    async def before_send(self):
        pass

    async def publish(self, msg):
        try:
            await self.before_send()
            await self.ws.send(msg)
        except InvalidStatusCode:  # expect: NFX203
            pass


async def _reconnect(self):
    self.ws = await websockets.connect(self.uri)


def enable_reconnect():
    Client.before_send = _reconnect
