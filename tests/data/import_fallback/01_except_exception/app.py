# REAL BUG: `except Exception` fallback runs on >=14 whenever the connect fails (network error); websockets.connect is new there -> TypeError extra_headers
import websockets

async def listen(url, token):
    headers = {"Authorization": token}
    try:
        from websockets.asyncio.client import connect
        return await connect(url, additional_headers=headers)
    except Exception:
        return await websockets.connect(url, extra_headers=headers)
