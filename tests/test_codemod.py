"""codemod: a fix whose nodes the libcst tree lacks is left out, named in the error, and
does not cost the file its other fixes (nor the report its other edits)."""

from __future__ import annotations

from typing import Optional

import pytest

from netfix_lint import Settings, check_source, fix_source, locate
from netfix_lint.edits import fix_edits
from netfix_lint.facts import Span, Target
from netfix_lint.model import key

#: NFX101, the rule these fixes are of, is a preview rule.
PREVIEW = Settings(preview=True)

SOURCE = """import socket
import ssl
from contextlib import suppress


def f(s: ssl.SSLSocket):
    with suppress(ConnectionResetError):
        s.sendall(b"x")
    try:
        s.sendall(b"y")
    except BrokenPipeError:
        pass
"""


@pytest.fixture
def handlers_unplaced(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if libcst placed every except clause elsewhere than ast does."""
    real = locate.libcst_span

    def shifted(target: Target, lines: list[str]) -> Optional[Span]:
        span = real(target, lines)
        if target.kind == "handler" and span is not None:
            return Span(span.line, span.col + 1, span.end_line, span.end_col)
        return span

    monkeypatch.setattr(locate, "libcst_span", shifted)


@pytest.mark.usefixtures("handlers_unplaced")
def test_a_fix_left_out_keeps_the_others_and_says_which() -> None:
    result = fix_source(SOURCE, settings=PREVIEW)
    assert [f.code for f in result.fixed] == ["NFX102"]
    assert "with suppress(ConnectionResetError, ssl.SSLEOFError):" in result.source
    assert "    except BrokenPipeError:\n" in result.source
    assert [f.code for f in result.remaining] == ["NFX101"]
    assert result.error is not None
    assert result.error.startswith("internal error, fix not applied: NFX101 at line 11, column 5: no handler")


@pytest.mark.usefixtures("handlers_unplaced")
def test_a_report_keeps_the_edits_of_the_fixes_it_can_describe() -> None:
    findings = check_source(SOURCE, settings=PREVIEW)
    edits = fix_edits(SOURCE, "<string>", findings, PREVIEW)
    by_code = {f.code: edits.get(key(f)) for f in findings}
    assert by_code["NFX102"] and by_code["NFX101"] is None


def test_nothing_placed_is_an_error_and_nothing_changes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(locate, "libcst_span", lambda target, lines: None)
    result = fix_source(SOURCE, settings=PREVIEW)
    assert result.source == SOURCE and not result.fixed
    assert result.error is not None and "NFX102 at line 7" in result.error and "(and 1 more)" in result.error
