# REAL BUG (contrived): process_exception is in websockets.asyncio.client from 13.1; on 13.0 (allowed) the fallback runs, top-level connect is legacy -> TypeError additional_headers
import websockets

try:
    from websockets.asyncio.client import connect, process_exception
except ImportError:
    process_exception = None
    opener = websockets.connect("wss://example", additional_headers={"X": "1"})
