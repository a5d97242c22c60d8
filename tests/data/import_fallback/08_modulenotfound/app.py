# NOT a bug: ModuleNotFoundError fallback runs only <13, not allowed -> should be quiet
import websockets

try:
    from websockets.asyncio.client import connect
except ModuleNotFoundError:
    opener = websockets.connect("wss://example", extra_headers={"X": "1"})
