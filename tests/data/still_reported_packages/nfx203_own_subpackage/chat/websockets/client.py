"""The project's own browser-facing websocket helpers (not the websockets library)."""


class ChatClient:
    def __init__(self, name):
        self.name = name
