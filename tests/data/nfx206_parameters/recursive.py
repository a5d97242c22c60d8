import websockets


def walk(ws, node):
    print(ws.open)
    walk(ws, node.children[0])
    walk(ws, node.children[1])
    walk(ws, node.children[2])
    walk(ws, node.children[3])
    walk(ws, node.children[4])
    walk(ws, node.children[5])
    walk(ws, node.children[6])
    walk(ws, node.children[7])


async def main(url, tree):
    async with websockets.connect(url) as ws:
        walk(ws, tree)
