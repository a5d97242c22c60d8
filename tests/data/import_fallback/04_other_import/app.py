# REAL BUG: the body also imports an optional package (python_socks); when it is missing the fallback runs on >=14, top-level connect is new -> TypeError
import websockets

try:
    from websockets.asyncio.client import connect
    from python_socks.async_.asyncio import Proxy
except ImportError:
    Proxy = None

    async def _fallback_connect(url, headers):  # (def: not a shim part; here for contrast)
        return await websockets.connect(url, extra_headers=headers)

    WS_OPTIONS = {"extra_headers": {"User-Agent": "x"}}
    fallback_ws = websockets.connect("wss://example", extra_headers={"User-Agent": "x"})
