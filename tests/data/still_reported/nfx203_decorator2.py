import websockets
from websockets.exceptions import InvalidStatusCode


def connected(method):
    async def wrapper(self, *args):
        if self.ws is None:
            self.ws = await websockets.connect(self.uri)
        return await method(self, *args)
    return wrapper


class Client:
    def __init__(self, uri):
        self.uri = uri
        self.ws = None

    async def start(self):
        self.ws = await websockets.connect(self.uri)

    @connected
    async def send(self, msg):
        await self.ws.send(msg)

    async def publish(self, msg):
        try:
            await self.send(msg)
            await self.ws.ping()
        except InvalidStatusCode:  # expect: NFX203
            self.ws = None
