import socket
import ssl
import xmlrpc.client


def check(host: str):
    try:
        probe = socket.create_connection((host, 443), timeout=3)
        proxy = xmlrpc.client.ServerProxy(f"https://{host}/RPC2", context=ssl.create_default_context())
        return proxy.system.listMethods(), probe
    except ConnectionError:  # expect: NFX101
        return None
