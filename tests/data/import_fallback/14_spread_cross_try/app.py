# REAL BUG (contrived): key first set in a never-running fallback (asyncio, <13) keeps that marker when the same key is set in a later fallback that runs on 14.x (router, <15) -> hidden
import websockets
OPTS = {}
try:
    from websockets.asyncio.client import connect
except ImportError:
    OPTS["extra_headers"] = {"X": "1"}
try:
    from websockets.asyncio.router import route
except ImportError:  # 14.x: runs
    OPTS["extra_headers"] = {"X": "1"}

async def go(url):
    return await websockets.connect(url, **OPTS)
