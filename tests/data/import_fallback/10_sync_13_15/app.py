# NOT a bug: websockets.sync exists from 11; fallback never runs on 13-14 -> quiet expected
import websockets

try:
    import websockets.sync.client as sc
except ImportError:
    opener = websockets.connect("wss://example", additional_headers={"X": "1"})
