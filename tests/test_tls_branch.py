"""Drop clauses followed by a clause with a TLS branch that does not handle the TLS EOF
on purpose stay reported (tests/data/tls_branch/README.md)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from netfix_lint import api
from netfix_lint.results import DEFAULT_OPTIONS

DATA = Path(__file__).with_name("data") / "tls_branch"
EVERY_RULE = dataclasses.replace(DEFAULT_OPTIONS, settings=dataclasses.replace(DEFAULT_OPTIONS.settings, preview=True))


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("*.py")))
def test_still_reported(name: str) -> None:
    path = DATA / name
    expected = [
        (number, line.split("# expect: ", 1)[1].strip())
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if "# expect: " in line
    ]
    assert expected
    found = api.run_bytes(path.read_bytes(), str(path), EVERY_RULE).findings
    # (Other clauses may go quiet under a better model; these may not.)
    assert set(expected) <= {(f.line, f.code) for f in found}
