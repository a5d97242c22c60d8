import functools
import ssl

_CTX = ssl.create_default_context()


def with_tls(fn):
    @functools.wraps(fn)
    def wrapper(host, port):
        return _CTX.wrap_socket(fn(host, port), server_hostname=host)
    return wrapper
