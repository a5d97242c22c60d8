import websockets
from websockets.exceptions import InvalidStatusCode


class Client:
    async def start(self, uri):
        self.uri = uri
        self.ws = await websockets.connect(uri)

    async def before_send(self):
        pass   # a hook

    async def publish(self, msg):
        try:
            await self.before_send()   # ReconnectingClient's reconnects
            await self.ws.send(msg)
        except InvalidStatusCode:  # expect: NFX203
            pass


class ReconnectingClient(Client):
    async def before_send(self):
        self.ws = await websockets.connect(self.uri)
