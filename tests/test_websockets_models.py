"""The websockets 14 rules' model of the code, case by case: each case is one a blind
sample (corpus/README.md, round 6) or a review found, kept here with the project
versions it depends on."""

from __future__ import annotations

from typing import List, Optional

import pytest

from netfix_lint import Settings, check_source

SHIM = (
    "try:\n    from websockets.asyncio.client import connect\nexcept ModuleNotFoundError:\n"
    "    from websockets.client import connect\n\n\nasync def live(uri, headers):\n"
    "    async with connect(uri, additional_headers=headers) as ws:\n        return await ws.recv()\n"
)


def codes(source: str, versions: Optional[str]) -> List[str]:
    return [f.code for f in check_source(source, settings=Settings(preview=True, websockets_version=versions))]


@pytest.mark.parametrize(("versions", "expected"), [(">=13.0,<15", []), (">=12", ["NFX205"]), (None, ["NFX205"])])
def test_an_import_shim_is_the_new_client_where_every_allowed_release_has_it(
    versions: Optional[str], expected: List[str]
) -> None:
    # google-genai 0.3.0: websockets.asyncio.client exists from 13.0, so with that floor the
    # legacy fallback never runs and additional_headers= is right.
    assert codes(SHIM, versions) == expected


def test_a_callback_given_to_two_serve_calls_is_reported_once() -> None:
    source = (
        "import websockets\n\n\nasync def check(path, request_headers):\n    return None\n\n\n"
        "async def echo(ws):\n    pass\n\n\nasync def main(tls):\n"
        "    await websockets.serve(echo, '', 0, process_request=check)\n"
        "    await websockets.serve(echo, '', 1, process_request=check, ssl=tls)\n"
    )
    assert codes(source, ">=14") == ["NFX207"]


def test_a_callback_that_tells_both_signatures_apart_is_quiet() -> None:
    # d-back 0.0.18: its process_request inspects what it was given.
    source = (
        "import websockets\n\n\nclass Server:\n    async def check(self, path, request_headers):\n"
        "        if isinstance(path, str):\n            return None\n        return None\n\n"
        "    async def echo(self, ws):\n        pass\n\n    async def main(self):\n"
        "        await websockets.serve(self.echo, '', 0, process_request=self.check)\n"
    )
    assert codes(source, ">=14") == []


@pytest.mark.parametrize(
    "binding",
    [
        "    for ws in socks:\n        print(ws.closed)\n",
        "    with open('x') as ws:\n        print(ws.closed)\n",
        "    print([ws.closed for ws in socks])\n",
    ],
)
def test_a_name_also_bound_to_something_else_is_not_a_connection(binding: str) -> None:
    source = f"import websockets\n\n\nasync def f(uri, socks):\n    ws = await websockets.connect(uri)\n{binding}"
    assert codes(source, ">=14") == []


def test_a_connection_bound_two_ways_gets_the_form_that_reads_either() -> None:
    source = (
        "import websockets.asyncio.client\nimport websockets.legacy.client\n\n\nasync def f(uri, new):\n"
        "    if new:\n        ws = await websockets.asyncio.client.connect(uri)\n    else:\n"
        "        ws = await websockets.legacy.client.connect(uri)\n    return ws.path\n"
    )
    (finding,) = check_source(source, settings=Settings(preview=True, websockets_version=">=14"))
    assert 'hasattr(ws, "request")' in finding.message
