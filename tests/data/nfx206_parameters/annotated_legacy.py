import asyncio

import websockets


# nemo-toolkit-asr 2.8.0rc2 (blind round 32, a miss): the parameter is annotated with the
# legacy class, but the only call passes the connection the top-level serve gives, the
# new implementation from 14.0. What runs wins over the hint.
class Transport:
    async def start(self):
        async with websockets.serve(self._client_handler, "localhost", 8765):
            await asyncio.Event().wait()

    async def _client_handler(self, websocket: websockets.WebSocketServerProtocol):
        self.task = asyncio.create_task(self._monitor(websocket, 30))

    async def _monitor(self, websocket: websockets.WebSocketServerProtocol, timeout: int):
        await asyncio.sleep(timeout)
        if not websocket.closed:  # expect: NFX206
            await websocket.close()

    # Annotated legacy and passed something the module cannot tell: the hint stands.
    async def _other(self, websocket: websockets.WebSocketServerProtocol):
        return websocket.closed

    async def run_other(self, conn):
        await self._other(conn)
