# REAL BUG: websockets.asyncio.router exists from 15; on 13.x the fallback runs, top-level connect legacy -> additional_headers TypeError; should be reported
import websockets

try:
    from websockets.asyncio.router import route
except ImportError:
    route = None
    opener = websockets.connect("wss://example", additional_headers={"X": "1"})
