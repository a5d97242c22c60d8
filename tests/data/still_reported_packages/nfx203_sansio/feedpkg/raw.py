"""A Sans-I/O client for tests of the protocol layer: websockets.client.ClientProtocol
is the new (Sans-I/O) implementation, not the legacy client."""
from websockets.client import ClientProtocol
from websockets.uri import parse_uri


def handshake_bytes(uri):
    protocol = ClientProtocol(parse_uri(uri))
    request = protocol.connect()
    protocol.send_request(request)
    return protocol.data_to_send()
