# REAL BUG on bare requirement: any release allowed -> fallback runs on <13 -> additional_headers rejected; expected reported
import websockets

try:
    from websockets.asyncio.client import connect
except ImportError:
    opener = websockets.connect("wss://example", additional_headers={"X": "1"})
