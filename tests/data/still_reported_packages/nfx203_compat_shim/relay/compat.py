"""The usual import shim: on the websockets >= 14.2 the project requires, the first
import always succeeds, so `connect` is the NEW client (raises InvalidStatus)."""
try:
    from websockets.asyncio.client import connect
except ImportError:  # websockets < 13
    from websockets.legacy.client import connect

__all__ = ["connect"]
