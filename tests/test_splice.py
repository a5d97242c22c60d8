"""Carrying libcst's edits over to a file it does not print back byte for byte
(``netfix_lint/splice.py``; issue 17, #11). The end-to-end cases are in test_cli.py."""

from __future__ import annotations

import libcst as cst
import pytest

from netfix_lint import Settings, check_source
from netfix_lint.codemod import _spliceable
from netfix_lint.facts import physical_lines
from netfix_lint.locate import Locator
from netfix_lint.splice import Splice

SOURCE = "try:\n    sock.sendall(data)\nexcept ConnectionError :\n    pass\n"
RENDERED = "try:\n    sock.sendall(data)\nexcept ConnectionError:\n    pass\n"


def test_an_exact_rendering_passes_the_fix_through() -> None:
    splice = Splice(RENDERED, RENDERED)
    assert splice.exact and splice.first_difference_line() == 0
    assert splice.apply("anything") == "anything"


@pytest.mark.parametrize(
    ("fixed", "expected"),
    [
        # an element added around the name: the dropped space stays where it was
        (
            "try:\n    sock.sendall(data)\nexcept (ConnectionError, ssl.SSLEOFError):\n    pass\n",
            "try:\n    sock.sendall(data)\nexcept (ConnectionError, ssl.SSLEOFError) :\n    pass\n",
        ),
        # an insertion right where libcst dropped a byte goes after what precedes it
        (
            "try:\n    sock.sendall(data)\nexcept ConnectionError as e:\n    pass\n",
            "try:\n    sock.sendall(data)\nexcept ConnectionError as e :\n    pass\n",
        ),
        # lines added and removed elsewhere
        ("import ssl\n" + RENDERED.replace("    pass\n", "", 1), "import ssl\n" + SOURCE.replace("    pass\n", "", 1)),
        (RENDERED, SOURCE),
    ],
)
def test_edits_are_carried_over_and_every_other_byte_kept(fixed: str, expected: str) -> None:
    splice = Splice(SOURCE, RENDERED)
    assert not splice.exact
    assert splice.first_difference_line() == 3
    assert splice.apply(fixed) == expected


def test_an_edit_of_a_dropped_byte_is_refused() -> None:
    splice = Splice(SOURCE, RENDERED)
    # Deleting "r:" spans the space libcst dropped between the two; deleting ":" alone does not.
    assert splice.apply(RENDERED.replace("Error:\n", "Erro\n")) is None
    assert splice.apply(RENDERED.replace("Error:\n", "Error\n")) == SOURCE.replace("Error :\n", "Error \n")


def test_lines_end_only_at_cr_and_lf() -> None:
    # A lone CR ends a line; a form feed does not (str.splitlines would split there).
    source = "a = 1\r\fb = 2\r"
    rendered = "a = 1\rb = 2"
    splice = Splice(source, rendered)
    assert splice.first_difference_line() == 2
    assert splice.apply("a = 1\rb = 3") == "a = 1\r\fb = 3\r"
    assert splice.apply("a = 0\rb = 2") == "a = 0\r\fb = 2\r"


def test_fixes_that_would_edit_dropped_bytes_are_left_out_one_by_one() -> None:
    # Two clauses, each with a fix; the original differs from libcst's printing right
    # where the first fix inserts (as if libcst had printed "r:" of the first clause
    # otherwise), not near the second.
    source = (
        "import ssl\nCONTEXT = ssl.create_default_context()\ntry:\n    sock.sendall(data)\nexcept ConnectionError:\n    pass\n\n"
        "try:\n    sock.sendall(data)\nexcept ConnectionResetError:\n    pass\n"
    )
    settings = Settings(preview=True)
    findings = check_source(source, settings=settings)
    assert [f.line for f in findings] == [5, 10]
    module = cst.parse_module(source)
    locator = Locator(module, physical_lines(source))
    for finding in findings:
        assert locator.misses(finding.fix.ops) is None  # type: ignore[union-attr]
    splice = Splice(source.replace("ConnectionError:", "ConnectionErroX;"), module.code)
    kept, why = _spliceable(locator, splice, findings)
    assert kept == [findings[1]]
    assert why == (
        "libcst does not print this file back byte for byte (first at line 5), and the fix would edit bytes it drops"
    )
