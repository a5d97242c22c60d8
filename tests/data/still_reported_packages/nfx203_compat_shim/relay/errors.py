import functools

from websockets.exceptions import InvalidStatusCode


class RunError(Exception):
    pass


def reraise_refusals(function):
    @functools.wraps(function)
    async def wrapper(*args, **kwargs):
        try:
            return await function(*args, **kwargs)
        except InvalidStatusCode as exc:  # expect: NFX203
            raise RunError(f"the server refused the connection: {exc.status_code}") from exc

    return wrapper
