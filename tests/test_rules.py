"""Every rule's embedded examples, its docs, and the registry."""

from __future__ import annotations

import ast
import dataclasses
import sys
from typing import List, Tuple, Type

import pytest

from netfix_lint import Finding, FixResult, Settings
from netfix_lint import check_source as check_python
from netfix_lint import fix_source as fix_python
from netfix_lint.engine import check_requirements, fix_requirements, websockets_needs
from netfix_lint.model import Need
from netfix_lint.rules import REGISTRY, Invalid, Rule, all_rules, register
from netfix_lint.rules.websockets_floor import example_files
from netfix_lint.settings import REQUIREMENT_RULES, RULE_NAMES

from .conftest import assert_fix_targets_found

RULE: Type[Rule]  # the rule whose examples are being run (set by the tests below)


def check_source(source: str, settings: Settings = Settings()) -> List[Finding]:
    """Check an example as the kind of file its rule reads; a requirement example may
    bring its project's modules (``--- app.py`` and their source after it)."""
    if RULE.reads == "requirements":
        text, modules = example_files(source)
        return check_requirements(text, "requirements.txt", settings, _needs(modules, settings))
    return check_python(source, settings=settings)


def fix_source(source: str, settings: Settings = Settings()) -> FixResult:
    if RULE.reads == "requirements":
        text, modules = example_files(source)
        result = fix_requirements(text, "requirements.txt", settings, _needs(modules, settings))
        return dataclasses.replace(result, source=source.replace(text, result.source, 1))
    return fix_python(source, settings=settings)


def _needs(modules: List[Tuple[str, str]], settings: Settings) -> List[Need]:
    return [need for name, code in modules for need in websockets_needs(code, name, settings)]


VALID: List[Tuple[Type[Rule], str]] = [(r, s) for r in all_rules() for s in r.valid]
INVALID: List[Tuple[Type[Rule], Invalid]] = [(r, e) for r in all_rules() for e in r.invalid]


def _needs_grammar(example: Invalid) -> None:
    if sys.version_info < example.min_python:
        pytest.skip(f"needs Python {example.min_python[0]}.{example.min_python[1]}+ grammar")


def _ids(cases: List[Tuple[Type[Rule], object]]) -> List[str]:
    return [f"{rule.code}-{i}" for i, (rule, _) in enumerate(cases)]


@pytest.mark.parametrize(("rule", "source"), VALID, ids=_ids(VALID))  # type: ignore[arg-type]
def test_valid_example_is_quiet(rule: Type[Rule], source: str) -> None:
    global RULE
    RULE = rule
    if rule.reads == "python":
        ast.parse(source)
    own = Settings(select=(rule.code,))
    assert check_source(source, own) == []
    assert fix_source(source, own).source == source


@pytest.mark.parametrize(("rule", "example"), INVALID, ids=_ids(INVALID))  # type: ignore[arg-type]
def test_invalid_example_fires_and_fixes(rule: Type[Rule], example: Invalid) -> None:
    global RULE
    RULE = rule
    _needs_grammar(example)
    project = Settings(websockets_version=example.websockets_version, preview=True)
    findings = [f for f in check_source(example.source, project) if f.code == rule.code]
    assert [f.code for f in findings] == [rule.code] * example.count
    expected = example.source if example.fixed is None else example.fixed
    result = fix_source(example.source, project)
    assert result.error is None
    assert result.source == expected
    # The fix is complete, parses, and a second run changes nothing.
    if rule.reads == "python":
        ast.parse(result.source)
    assert fix_source(result.source, project).source == result.source
    if example.fixed is not None:
        assert [f for f in check_source(result.source, project) if f.code == rule.code] == []
    if example.unsafe_fixed is not None:
        assert all(f.fix is not None and f.fix.safety == "unsafe" for f in findings)
        assert "fix unsafe" in findings[0].message
        unsafe_settings = Settings(unsafe_fixes=True, websockets_version=example.websockets_version, preview=True)
        unsafe = fix_source(example.source, unsafe_settings)
        assert unsafe.source == example.unsafe_fixed
        assert check_source(unsafe.source, project) == []


@pytest.mark.parametrize(("rule", "example"), INVALID, ids=_ids(INVALID))  # type: ignore[arg-type]
def test_example_fixes_name_nodes_libcst_finds(rule: Type[Rule], example: Invalid) -> None:
    _needs_grammar(example)
    if rule.reads != "python":
        pytest.skip("not a Python example: no syntax tree")
    assert_fix_targets_found(example.source, check_python(example.source))


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


def test_the_rule_list_known_without_importing_the_rules_is_the_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    # settings.RULE_NAMES checks --select and the configuration in runs that load no rule.
    assert {code: rule.name for code, rule in REGISTRY.items()} == RULE_NAMES
    assert {code for code, rule in REGISTRY.items() if rule.reads == "requirements"} == REQUIREMENT_RULES

    class Misnamed(Rule):
        code = "NFX101"
        name = "misnamed"

    monkeypatch.delitem(REGISTRY, "NFX101")
    with pytest.raises(ValueError, match="listed otherwise"):
        register(Misnamed)


def test_select_and_ignore_prefixes() -> None:
    global RULE
    RULE = REGISTRY["NFX101"]
    source = "import ssl\nctx = ssl.create_default_context()\ntry:\n    sock.sendall(data)\nexcept ConnectionError:\n    pass\n"
    # NFX101 is a preview rule: a prefix reaches it only with preview on.
    assert check_source(source, Settings(select=("NFX1",))) == []
    assert [f.code for f in check_source(source, Settings(select=("NFX1",), preview=True))] == ["NFX101"]
    assert check_source(source, Settings(ignore=("NFX101",), preview=True)) == []
    # The more specific prefix wins, as in flake8 and ruff.
    assert check_source(source, Settings(select=("NFX101",), ignore=("NFX1",))) != []
    assert check_source(source, Settings(select=("NFX2",))) == []
    assert check_source(source, Settings(select=("NFX2",), extend_select=("NFX101",))) != []
