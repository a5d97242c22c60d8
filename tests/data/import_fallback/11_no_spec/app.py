# REAL BUG on unknown spec: fallback may run on <13 where additional_headers is rejected -> expected reported (as before)
import websockets

try:
    from websockets.asyncio.client import connect
except ImportError:
    opener = websockets.connect("wss://example", additional_headers={"X": "1"})
