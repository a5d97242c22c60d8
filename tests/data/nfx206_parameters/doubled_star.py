import websockets


class Client:
    async def run(self, url, options):
        async with websockets.connect(url) as ws:
            self._report(ws)
        self._report(**options)

    def _report(self, ws):
        print(ws.open)
