# REAL BUG: except Exception around serve setup; fallback runs on >=14 when bind fails, top-level serve is new -> TypeError extra_headers
import websockets
async def run(handler):
    try:
        from websockets.asyncio.server import serve
        return await serve(handler, "0.0.0.0", 8765)
    except Exception:
        return await websockets.serve(handler, "0.0.0.0", 8766, extra_headers=[("X", "1")])
