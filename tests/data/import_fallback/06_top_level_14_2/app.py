# REAL BUG: `from websockets import ClientConnection` exists from 14.2; on 14.0/14.1 (allowed) the fallback runs, websockets.connect is new -> TypeError extra_headers
import websockets

try:
    from websockets.asyncio.client import connect
    from websockets import ClientConnection
except ImportError:  # "old websockets"
    ClientConnection = None
    opener = websockets.connect("wss://example", extra_headers={"X": "1"})
