"""Connects with websockets.connect (the new client on >= 14) and retries with a
predicate written for the legacy InvalidStatusCode: a 403 is retried forever."""
import websockets
from websockets.exceptions import InvalidStatusCode
from tenacity import retry, retry_if_exception


def is_not_forbidden(exc):
    return not (isinstance(exc, InvalidStatusCode) and exc.status_code == 403)  # expect: NFX203


class RpcClient:
    def __init__(self, uri):
        self.uri = uri

    @retry(retry=retry_if_exception(is_not_forbidden))
    async def open(self):
        self.ws = await websockets.connect(self.uri)
        return self.ws
