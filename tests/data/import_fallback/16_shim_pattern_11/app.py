# NOT a bug: classic shim; fallback (11-12) binds legacy top-level connect and extra_headers, body binds new connect and additional_headers
kwargs = {}
try:
    from websockets.asyncio.client import connect
    kwargs["additional_headers"] = {"X": "1"}
except ImportError:
    from websockets import connect
    kwargs["extra_headers"] = {"X": "1"}

async def go(url):
    return await connect(url, **kwargs)
