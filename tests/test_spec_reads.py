"""A rule that says it ignores the websockets versions (``reads_websockets_spec =
False``) never reads them: a run without a cache skips the project lookup for files only
such rules may report on (``per_file.run_file``), so its findings must not depend on it."""

from __future__ import annotations

import ast
from typing import Any, List

import pytest

from netfix_lint import facts_ast
from netfix_lint.context import RuleContext
from netfix_lint.facts import physical_lines
from netfix_lint.rules import all_rules

from .conftest import fixture_files

IGNORING = [rule for rule in all_rules() if not rule.reads_websockets_spec]


class _Unreadable(RuleContext):
    """A context whose websockets versions fail the test when read."""

    @property
    def websockets_spec(self) -> Any:
        raise AssertionError("websockets_spec read")

    @websockets_spec.setter
    def websockets_spec(self, value: Any) -> None:
        pass


def _sources() -> List[str]:
    sources = [source for rule in IGNORING for source in (*rule.valid, *(i.source for i in rule.invalid))]
    return sources + [path.read_text(encoding="utf-8") for path in fixture_files() if path.suffix == ".py"]


def test_the_ssl_rules_ignore_the_versions() -> None:
    assert {rule.code for rule in IGNORING} == {"NFX101", "NFX102", "NFX103", "NFX104"}


@pytest.mark.parametrize("rule", IGNORING, ids=lambda rule: rule.code)
def test_never_read(rule: Any) -> None:
    for source in _sources():
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        context = _Unreadable(facts_ast.extract(tree, physical_lines(source)), previewing=frozenset({"NFX206"}))
        list(rule().check(context))
