# REAL BUG: outer try imports only a non-websockets optional module; its fallback (runs on >=14 when uvloop missing) is NOT inside the websockets try
import websockets
try:
    import uvloop
    try:
        from websockets.asyncio.client import connect
    except ImportError:
        connect = None
except ImportError:
    opener = websockets.connect("wss://e", extra_headers={"X": "1"})
