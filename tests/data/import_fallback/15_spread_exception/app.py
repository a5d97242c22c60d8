# REAL BUG: key set in an `except Exception` fallback of a try whose body also loads a config (may raise) -> runs on >=14; spread into websockets.connect (new) -> TypeError
import json
import websockets
OPTS = {}
try:
    from websockets.asyncio.client import connect
    OPTS.update(json.load(open("ws.json")))
except Exception:
    OPTS["extra_headers"] = {"User-Agent": "bot"}

async def go(url):
    return await websockets.connect(url, **OPTS)
