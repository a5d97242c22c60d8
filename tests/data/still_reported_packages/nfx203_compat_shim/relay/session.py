from .compat import connect
from .errors import reraise_refusals


@reraise_refusals
async def follow_logs(uri):
    async with connect(uri) as ws:
        async for line in ws:
            print(line)
