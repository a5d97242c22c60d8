"""Every fixture: expected findings, expected fixed output, parse, idempotence."""

from __future__ import annotations

from pathlib import Path

import pytest

from netfix_lint import check_source, fix_source
from netfix_lint.engine import parse_quietly
from netfix_lint.settings import REQUIREMENT_RULES

from .conftest import (
    FIXTURES,
    assert_fix_targets_found,
    expected_findings,
    expected_output,
    fixture_files,
    settings_for,
)

FILES = fixture_files()

IDS = [str(p.relative_to(FIXTURES)) for p in FILES]


def test_every_rule_family_has_fixtures() -> None:
    families = {p.relative_to(FIXTURES).parts[0] for p in FILES}
    assert families >= {"NFX101", "NFX102", "NFX103", "NFX201", "NFX202", "NFX203"}  # NFX204: test_requirements
    # Each family has fixtures that must fire (a requirement rule's fire in its
    # requirement files: test_requirements).
    for family in families - REQUIREMENT_RULES:
        marked = [bool(expected_findings(p)) for p in FILES if p.relative_to(FIXTURES).parts[0] == family]
        assert any(marked)
    assert not all(bool(expected_findings(p)) for p in FILES)


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_findings_match_expect_markers(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    found = [(f.line, f.code) for f in check_source(source, str(path), settings_for(path))]
    assert found == expected_findings(path)
    # A fixture's folder names the rule it is about (real code may show a neighbour too).
    # A rule that reports on requirement files shows in its fixture's requirement file;
    # the modules beside it may show only a neighbour (NFX205 where NFX209 fixes the floor).
    family = path.relative_to(FIXTURES).parts[0]
    assert not found or family in {code for _, code in found} or family in REQUIREMENT_RULES


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_fixed_output_matches_expected_file(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    expected = expected_output(path)
    options = settings_for(path)
    result = fix_source(source, str(path), options)
    assert result.error is None
    assert result.source == (source if expected is None else expected)
    parse_quietly(result.source, str(path))  # as the tool parses: 3.14 clauses on any Python
    again = fix_source(result.source, str(path), options)
    assert again.source == result.source and not again.fixed
    if expected is not None:
        assert all(f.fix is None or f.fix.safety == "unsafe" for f in check_source(result.source, str(path), options))


UNSAFE = [p for p in FILES if expected_output(p, unsafe=True) is not None]


@pytest.mark.parametrize("path", UNSAFE, ids=[str(p.relative_to(FIXTURES)) for p in UNSAFE])
def test_unsafe_fixed_output(path: Path) -> None:
    expected = expected_output(path, unsafe=True)
    source = path.read_text(encoding="utf-8")
    options = settings_for(path, unsafe=True)
    result = fix_source(source, str(path), options)
    assert result.source == expected
    assert check_source(result.source, str(path), options) == []
    assert fix_source(result.source, str(path), options).source == expected


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_fixes_name_nodes_libcst_finds(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    assert_fix_targets_found(source, check_source(source, str(path), settings_for(path, unsafe=True)))
