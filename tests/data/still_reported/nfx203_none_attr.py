import websockets
from websockets.exceptions import ConnectionClosed, InvalidStatusCode


class Bridge:
    def __init__(self):
        self.ws = None
        self.upstream = None   # attached by the application: bridge.upstream = Upstream(uri)

    async def start(self, uri):
        self.ws = await websockets.connect(uri)

    async def forward(self, msg):
        try:
            await self.ws.send(msg)
            await self.upstream.reconnect()   # unknown object: may open a websockets connection
        except (ConnectionClosed, InvalidStatusCode):  # expect: NFX203
            self.ws = None
