import ssl
from xmlrpc.server import SimpleXMLRPCRequestHandler

CONTEXT = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)


class RpcHandler(SimpleXMLRPCRequestHandler):
    def finish(self) -> None:
        try:
            super().finish()
        except ConnectionResetError:  # expect: NFX101
            pass
