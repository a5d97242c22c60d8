from chat.websockets.client import ChatClient


def make(name):
    return ChatClient(name)
