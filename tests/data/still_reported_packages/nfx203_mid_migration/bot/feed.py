"""Migrated to websockets.connect (the new client on >= 14), but its own retry
predicate still tests the legacy InvalidStatusCode: a 403 is retried forever."""
import websockets
from websockets.exceptions import InvalidStatusCode
from tenacity import retry, retry_if_exception


def is_not_forbidden(exc):
    return not (isinstance(exc, InvalidStatusCode) and exc.status_code == 403)  # expect: NFX203


@retry(retry=retry_if_exception(is_not_forbidden))
async def open_feed(uri):
    return await websockets.connect(uri, additional_headers={"X-Bot": "1"})
