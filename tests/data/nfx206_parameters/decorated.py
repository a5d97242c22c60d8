import functools

import websockets


def with_legacy(func):
    @functools.wraps(func)
    async def wrapper(self, *args):
        async with websockets.legacy.client.connect(self.url) as legacy:
            return await func(self, legacy, *args)
    return wrapper


class Client:
    url = "wss://example.com"

    @with_legacy
    async def probe(self, ws, extra):
        print(ws.open)

    async def run(self):
        async with websockets.connect(self.url) as conn:
            await self.probe(conn)  # goes to `extra`: `ws` is the decorator's
