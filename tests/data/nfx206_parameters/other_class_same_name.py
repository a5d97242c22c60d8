import websockets


class Probe:
    def check(self, conn):
        return conn.state


class Monitor:
    def check(self, ws):
        # Only ever given legacy connections by its users in other modules.
        return ws.open

    async def run(self, url):
        probe = Probe()
        async with websockets.connect(url) as conn:
            probe.check(conn)  # Probe.check, not Monitor.check
