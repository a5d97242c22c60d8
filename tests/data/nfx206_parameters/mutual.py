import websockets


def f0(ws, n):
    print(ws.open)
    f0(ws, n - 1)
    f1(ws, n - 1)
    f2(ws, n - 1)
    f3(ws, n - 1)
    f4(ws, n - 1)
    f5(ws, n - 1)


def f1(ws, n):
    print(ws.open)
    f0(ws, n - 1)
    f1(ws, n - 1)
    f2(ws, n - 1)
    f3(ws, n - 1)
    f4(ws, n - 1)
    f5(ws, n - 1)


def f2(ws, n):
    print(ws.open)
    f0(ws, n - 1)
    f1(ws, n - 1)
    f2(ws, n - 1)
    f3(ws, n - 1)
    f4(ws, n - 1)
    f5(ws, n - 1)


def f3(ws, n):
    print(ws.open)
    f0(ws, n - 1)
    f1(ws, n - 1)
    f2(ws, n - 1)
    f3(ws, n - 1)
    f4(ws, n - 1)
    f5(ws, n - 1)


def f4(ws, n):
    print(ws.open)
    f0(ws, n - 1)
    f1(ws, n - 1)
    f2(ws, n - 1)
    f3(ws, n - 1)
    f4(ws, n - 1)
    f5(ws, n - 1)


def f5(ws, n):
    print(ws.open)
    f0(ws, n - 1)
    f1(ws, n - 1)
    f2(ws, n - 1)
    f3(ws, n - 1)
    f4(ws, n - 1)
    f5(ws, n - 1)


async def main(url):
    async with websockets.connect(url) as ws:
        f0(ws, 3)
