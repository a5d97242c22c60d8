"""Every rule's embedded examples, its docs, and the registry."""

from __future__ import annotations

import ast
import sys
from typing import List, Tuple, Type

import pytest

from netfix_lint import Settings, check_source, fix_source
from netfix_lint.engine import check_with_libcst
from netfix_lint.rules import REGISTRY, Invalid, Rule, all_rules, register

VALID: List[Tuple[Type[Rule], str]] = [(r, s) for r in all_rules() for s in r.valid]
INVALID: List[Tuple[Type[Rule], Invalid]] = [(r, e) for r in all_rules() for e in r.invalid]


def _needs_grammar(example: Invalid) -> None:
    if sys.version_info < example.min_python:
        pytest.skip(f"needs Python {example.min_python[0]}.{example.min_python[1]}+ grammar")


def _ids(cases: List[Tuple[Type[Rule], object]]) -> List[str]:
    return [f"{rule.code}-{i}" for i, (rule, _) in enumerate(cases)]


@pytest.mark.parametrize(("rule", "source"), VALID, ids=_ids(VALID))  # type: ignore[arg-type]
def test_valid_example_is_quiet(rule: Type[Rule], source: str) -> None:
    ast.parse(source)
    own = Settings(select=(rule.code,))
    assert check_source(source, settings=own) == []
    assert fix_source(source, settings=own).source == source


@pytest.mark.parametrize(("rule", "example"), INVALID, ids=_ids(INVALID))  # type: ignore[arg-type]
def test_invalid_example_fires_and_fixes(rule: Type[Rule], example: Invalid) -> None:
    _needs_grammar(example)
    findings = [f for f in check_source(example.source) if f.code == rule.code]
    assert [f.code for f in findings] == [rule.code] * example.count
    expected = example.source if example.fixed is None else example.fixed
    result = fix_source(example.source)
    assert result.error is None
    assert result.source == expected
    # The fix is complete, parses, and a second run changes nothing.
    ast.parse(result.source)
    assert fix_source(result.source).source == result.source
    if example.fixed is not None:
        assert [f for f in check_source(result.source) if f.code == rule.code] == []
    if example.unsafe_fixed is not None:
        assert all(f.fix is not None and f.fix.safety == "unsafe" for f in findings)
        assert "fix unsafe" in findings[0].message
        unsafe = fix_source(example.source, settings=Settings(unsafe_fixes=True))
        assert unsafe.source == example.unsafe_fixed
        assert check_source(unsafe.source) == []


@pytest.mark.parametrize(("rule", "example"), INVALID, ids=_ids(INVALID))  # type: ignore[arg-type]
def test_both_trees_agree_on_examples(rule: Type[Rule], example: Invalid) -> None:
    _needs_grammar(example)
    assert check_with_libcst(example.source) == check_source(example.source)


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_rule_documentation_has_every_section(rule: Type[Rule]) -> None:
    doc = rule.documentation()
    for section in ("## What it does", "## Why is this bad?", "## Example", "## Fix", "## Fix safety", "## Sources"):
        assert section in doc, section
    assert rule.code in doc and rule.name in doc
    assert rule.valid and rule.invalid


def test_registry_refuses_duplicates() -> None:
    existing = REGISTRY["NFX101"]

    class Again(Rule):
        code = existing.code
        name = "another-name"

    with pytest.raises(ValueError, match="duplicate rule code"):
        register(Again)

    class SameName(Rule):
        code = "NFX999"
        name = existing.name

    with pytest.raises(ValueError, match="duplicate rule name"):
        register(SameName)
    assert "NFX999" not in REGISTRY


def test_select_and_ignore_prefixes() -> None:
    source = "import ssl\ntry:\n    pass\nexcept ConnectionError:\n    pass\n"
    assert [f.code for f in check_source(source, settings=Settings(select=("NFX1",)))] == ["NFX101"]
    assert check_source(source, settings=Settings(ignore=("NFX101",))) == []
    # The more specific prefix wins, as in flake8 and ruff.
    assert check_source(source, settings=Settings(select=("NFX101",), ignore=("NFX1",))) != []
    assert check_source(source, settings=Settings(select=("NFX2",))) == []
    assert check_source(source, settings=Settings(select=("NFX2",), extend_select=("NFX101",))) != []
