# REAL BUG: bare except fallback runs on connect failure on >=14 -> TypeError extra_headers
import websockets

async def listen(url, token):
    headers = {"Authorization": token}
    try:
        from websockets.asyncio.client import connect
        return await connect(url, additional_headers=headers)
    except:
        return await websockets.connect(url, extra_headers=headers)
