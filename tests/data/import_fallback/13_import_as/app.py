# NOT a bug: import ... as x fallback runs only <13 -> quiet expected
import websockets

try:
    import websockets.asyncio.client as wac
except ImportError:
    opener = websockets.connect("wss://example", extra_headers={"X": "1"})
