import websockets


class Client:
    async def run(self, url, fake):
        async with websockets.connect(url) as ws:
            self._report(ws)
        self._report(ws=fake)  # a caller passing something else, by keyword

    def _report(self, ws):
        print(ws.open)
