"""Not migrated yet: still the legacy client, with its own handler next to the call."""
import websockets.client
from websockets.exceptions import InvalidStatusCode


async def admin(uri):
    try:
        return await websockets.client.connect(uri, extra_headers={"X-Admin": "1"})
    except InvalidStatusCode as exc:
        raise RuntimeError(exc.status_code) from exc
