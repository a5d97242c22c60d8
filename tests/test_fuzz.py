"""Programs nobody wrote by hand: checking never crashes, and a fix that is made parses,
is idempotent and leaves every byte outside the lines it edits as it was.

Two sources: ``hypothesmith`` (random programs from Python's grammar, with a drop
handler put in front so the rules have something to look at) and random mutations of the
shipped fixtures (lines deleted, duplicated, swapped, re-indented, cut short, joined with
``;``, given CRLF endings, a BOM or ``# noqa``).
"""

from __future__ import annotations

import ast
import difflib
import warnings
from typing import List

import hypothesmith
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from netfix_lint import Settings, check_source, fix_source
from netfix_lint.engine import DIAGNOSTIC_CODES
from netfix_lint.newer_syntax import older_form

from .conftest import FIXTURES, settings_for

HANDLER = (
    "import socket, ssl\ntry:\n    ssl.create_default_context().wrap_socket(socket.socket()).sendall(b'x')\n"
    "except (ConnectionError, socket.timeout):\n    pass\n"
)
FIXTURE_FILES = sorted(FIXTURES.rglob("*.py"))
SOURCES = [p.read_text(encoding="utf-8") for p in FIXTURE_FILES]
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
#: Words an edited line may hold: what the fixes add or change.
EDIT_WORDS = (
    "except",
    "suppress",
    "import",
    "SSLEOFError",
    "InvalidStatus",
    "status_code",
    "headers",
    "isinstance",
    "State",  # NFX206: ws.state is State.OPEN
    "request",  # NFX206/207: ws.request.path, ws.request.headers
    "response",
    "_headers",  # NFX205: additional_headers=
    "close_timeout",
    "websockets.asyncio",  # NFX205: the explicit new client
    "raises",
    "(",
    ")",
    ",",
)


def parses(source: str) -> bool:
    """As the tool reads it: a file in syntax newer than this Python's (3.14's
    unparenthesized except clauses, 3.12's type parameters and aliases, 3.14's template
    strings) is read in its older form (:func:`netfix_lint.newer_syntax.older_form`)."""
    for text in (source, older_form(source)):
        if text is None:
            continue
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                ast.parse(text)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        return True
    return False


def assert_sound(source: str, unsafe: bool = False) -> None:
    """The whole contract on one input."""
    options = Settings(unsafe_fixes=unsafe, preview=True)
    findings = check_source(source, settings=options)  # never raises
    if not parses(source):
        assert {f.code for f in findings} <= DIAGNOSTIC_CODES
    result = fix_source(source, settings=options)
    assert not any(f.code == "NFX002" for f in (*findings, *result.remaining)), findings
    if result.error is not None or not result.fixed:
        assert result.source == source  # nothing written when not verified
        return
    assert parses(result.source)
    again = fix_source(result.source, settings=options)
    assert again.source == result.source and not again.fixed
    # Every line that changed is one a fix is about; everything else is byte-identical.
    old, new = source.splitlines(keepends=True), result.source.splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    originals = {line.strip() for line in old}
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        for line in old[a1:a2] + new[b1:b2]:
            # (NFX202 may add a copy of a clause: its body lines are copies, status reads
            # going through ``.response``.)
            copied = line.strip().replace(".response.", ".") in originals
            assert not line.strip() or copied or any(word in line for word in EDIT_WORDS), line


@FUZZ
@given(hypothesmith.from_grammar(), st.booleans())
def test_random_programs_with_a_drop_handler(program: str, unsafe: bool) -> None:
    source = HANDLER + program
    assume(parses(source))
    assert_sound(source, unsafe)


@st.composite
def mutated_fixture(draw: st.DrawFn) -> str:
    lines: List[str] = draw(st.sampled_from(SOURCES)).splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        index = draw(st.integers(0, len(lines) - 1))
        kind = draw(st.sampled_from(["delete", "duplicate", "swap", "indent", "dedent", "cut", "join", "noqa"]))
        line = lines[index]
        if kind == "delete":
            del lines[index]
        elif kind == "duplicate":
            lines.insert(index, line)
        elif kind == "swap" and index + 1 < len(lines):
            lines[index], lines[index + 1] = lines[index + 1], line
        elif kind == "indent":
            lines[index] = "    " + line
        elif kind == "dedent":
            lines[index] = line[4:] if line.startswith("    ") else line
        elif kind == "cut":
            lines[index] = line[: draw(st.integers(0, len(line)))] + "\n"
        elif kind == "join" and index + 1 < len(lines):
            lines[index : index + 2] = [line.rstrip("\n") + "; " + lines[index + 1].lstrip()]
        elif kind == "noqa":
            lines[index] = line.rstrip("\n") + "  # noqa\n"
    text = "".join(lines)
    ending = draw(st.sampled_from(["\n", "\r\n", "\r\n-mixed"]))
    if ending == "\r\n":
        text = text.replace("\n", "\r\n")
    elif ending == "\r\n-mixed":
        text = text.replace("\n", "\r\n", text.count("\n") // 2)
    return draw(st.sampled_from(["", "\ufeff"])) + text


@FUZZ
@given(mutated_fixture(), st.booleans())
def test_mutated_fixtures(source: str, unsafe: bool) -> None:
    assert_sound(source, unsafe)


def test_the_fuzzers_reach_the_rules() -> None:
    """The inputs above are not vacuous: the fixtures fire, and so does the handler."""
    assert len(SOURCES) >= 15
    # As the CLI checks them: some (fixtures/NFX201/fern_sdk) report a name bound in
    # another module of their package, some only on the versions their project allows.
    marked = [p for p, source in zip(FIXTURE_FILES, SOURCES) if "# expect:" in source]
    assert all(check_source(p.read_text(encoding="utf-8"), str(p), settings_for(p)) for p in marked)
    assert [f.code for f in check_source(HANDLER, settings=Settings(preview=True))] == ["NFX101"]
