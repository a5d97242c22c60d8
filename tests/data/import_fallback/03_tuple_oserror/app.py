# REAL BUG: except (ImportError, OSError): fallback runs on any OSError from connect on >=14
import websockets

async def listen(url, token):
    headers = {"Authorization": token}
    try:
        from websockets.asyncio.client import connect
        return await connect(url, additional_headers=headers)
    except (ImportError, OSError):
        return await websockets.connect(url, extra_headers=headers)
