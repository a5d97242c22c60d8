"""Every fixture: expected findings, expected fixed output, parse, idempotence."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from netfix_lint import Settings, check_source, fix_source
from netfix_lint.engine import check_with_libcst

from .conftest import FIXTURES, expected_findings, expected_output, fixture_files

FILES = fixture_files()
IDS = [str(p.relative_to(FIXTURES)) for p in FILES]


def test_every_rule_family_has_fixtures() -> None:
    assert {p.parent.name for p in FILES} >= {"NFX101", "NFX102"}
    # Each family has fixtures that must fire and fixtures that must stay quiet.
    for family in ("NFX101", "NFX102"):
        marked = [bool(expected_findings(p)) for p in FILES if p.parent.name == family]
        assert any(marked)
    assert not all(bool(expected_findings(p)) for p in FILES)


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_findings_match_expect_markers(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    found = [(f.line, f.code) for f in check_source(source, str(path))]
    assert found == expected_findings(path)
    # A fixture's folder names the rule it is about.
    assert {code for _, code in found} <= {path.parent.name}


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_fixed_output_matches_expected_file(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    expected = expected_output(path)
    result = fix_source(source, str(path))
    assert result.error is None
    assert result.source == (source if expected is None else expected)
    ast.parse(result.source)
    again = fix_source(result.source, str(path))
    assert again.source == result.source and not again.fixed
    if expected is not None:
        assert all(f.fix is None or f.fix.safety == "unsafe" for f in check_source(result.source))


UNSAFE = [p for p in FILES if expected_output(p, unsafe=True) is not None]


@pytest.mark.parametrize("path", UNSAFE, ids=[str(p.relative_to(FIXTURES)) for p in UNSAFE])
def test_unsafe_fixed_output(path: Path) -> None:
    expected = expected_output(path, unsafe=True)
    source = path.read_text(encoding="utf-8")
    result = fix_source(source, str(path), Settings(unsafe_fixes=True))
    assert result.source == expected
    assert check_source(result.source, str(path)) == []
    assert fix_source(result.source, str(path), Settings(unsafe_fixes=True)).source == expected


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_both_trees_agree_on_fixtures(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    assert check_with_libcst(source, str(path)) == check_source(source, str(path))
