"""A ``try`` body's calls of the module's own functions, followed three calls down
(``ssl_reach.OWN_CALL_DEPTH``): the cases a fresh-eyes review built
(tests/data/own_calls/README.md) stay as marked, and the message names the chain."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from netfix_lint import api
from netfix_lint.results import DEFAULT_OPTIONS, FileResult

DATA = Path(__file__).with_name("data") / "own_calls"
EVERY_RULE = dataclasses.replace(DEFAULT_OPTIONS, settings=dataclasses.replace(DEFAULT_OPTIONS.settings, preview=True))


def _check(path: Path) -> FileResult:
    return api.run_bytes(path.read_bytes(), str(path), EVERY_RULE)


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("*.py")))
def test_findings_are_the_marked_ones(name: str) -> None:
    path = DATA / name
    expected = [
        (number, line.split("# expect: ", 1)[1].strip())
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if "# expect: " in line
    ]
    assert bool(expected) == name.startswith("reported_")
    assert [(f.line, f.code) for f in _check(path).findings] == expected


def test_the_message_names_every_call_of_the_chain() -> None:
    (finding,) = _check(DATA / "reported_depth3_chain.py").findings
    assert "`client.command()` writes to a TLS socket (through `self._request()`, `self._frame()`)" in finding.message
    assert "the socket comes from `ctx.wrap_socket()` (line 11)" in finding.message
