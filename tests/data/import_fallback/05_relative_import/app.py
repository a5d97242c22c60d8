# REAL BUG: a relative import in the body may fail; the fallback then runs on >=14 -> TypeError extra_headers
import websockets

try:
    from websockets.asyncio.client import connect
    from .native import fast_mask
except ImportError:
    fast_mask = None
    ws_call = websockets.connect("wss://example", extra_headers={"X": "1"})
