"""The keywords some release of websockets takes, per kind of call: what NFX205 reads to
tell a keyword no release takes (``pong_timeout=``) from one a release lacks.

Read from the sources of websockets 5.0.1, 6.0, 7.0, 8.1, 9.1, 10.4, 11.0.3, 12.0, 13.1,
14.2, 15.0.1, 16.0 and 17.4: the parameters of the legacy ``Connect`` / ``Serve`` classes, of
the new asyncio ``connect`` / ``serve`` and of the threading ``connect`` / ``serve``, and
the keywords they pop from ``**kwargs`` (``loop``, ``legacy_recv``, ``klass``...). Both
implementations pass the keywords they do not know on: the asyncio ones to the event
loop's ``create_connection`` / ``create_server`` (or the unix variants), the threading
ones to ``socket.create_connection`` / ``socket.create_server``, which raise TypeError
for anything they do not take either. So a keyword outside all of these fails on every
release, at ``await`` / ``async with`` (asyncio) or at the call (threading).
``tests/test_websockets_releases.py`` checks the table against the signatures of real
releases (9.1 to 17.4) and the TypeError on a loopback server. The trio implementation
(``websockets.trio``, 17.0) passes its keywords to ``trio.open_tcp_stream`` and is not
read here.
"""

from __future__ import annotations

from typing import Dict, FrozenSet

#: The keywords of both implementations' connect, on every release read.
_CONNECT = {
    "uri", "additional_headers", "close_timeout", "compression", "create_connection", "create_protocol",
    "extensions", "extra_headers", "host", "klass", "legacy_recv", "logger", "loop", "max_queue", "max_size",
    "open_timeout", "origin", "path", "ping_interval", "ping_timeout", "port", "process_exception", "proxy",
    "proxy_server_hostname", "proxy_ssl", "read_limit", "reconnect_delays", "legacy", "server_hostname", "sock", "source_address", "ssl",
    "ssl_context", "subprotocols", "timeout", "unix", "user_agent_header", "write_limit",
}  # fmt: skip
#: What the event loop's create_connection / create_unix_connection and
#: socket.create_connection take (Python 3.8 to 3.14).
_CONNECTION = {
    "family", "proto", "flags", "local_addr", "ssl_handshake_timeout", "ssl_shutdown_timeout",
    "happy_eyeballs_delay", "interleave", "all_errors", "address",
}  # fmt: skip
#: The keywords of both implementations' serve.
_SERVE = {
    "ws_handler", "handler", "host", "port", "close_timeout", "compression", "create_connection",
    "create_protocol", "extensions", "extra_headers", "klass", "legacy_recv", "logger", "loop", "max_queue",
    "max_size", "open_timeout", "origins", "path", "ping_interval", "ping_timeout", "process_request",
    "process_response", "process_exception", "read_limit", "select_subprotocol", "server_header", "sock", "ssl",
    "ssl_context", "subprotocols", "timeout", "unix", "write_limit",
}  # fmt: skip
#: What the event loop's create_server / create_unix_server and socket.create_server take.
_SERVER = {
    "family", "flags", "backlog", "reuse_address", "reuse_port", "ssl_handshake_timeout",
    "ssl_shutdown_timeout", "start_serving", "keep_alive", "cleanup_socket", "dualstack_ipv6", "address",
}  # fmt: skip

TAKEN: Dict[str, FrozenSet[str]] = {
    "connect": frozenset(_CONNECT | _CONNECTION),
    "serve": frozenset(_SERVE | _SERVER),
}


def taken_nowhere(kind: str, keyword: str) -> bool:
    """No release's ``kind`` ("connect" or "serve") takes ``keyword``, nor what it passes
    unknown keywords on to."""
    return kind in TAKEN and keyword not in TAKEN[kind]
