"""A fix applied to a module of only the statements it edits (netfix_lint.segments)
gives, byte for byte, what libcst's tree of the whole module gives: on every fixture,
safe and unsafe fixes, as written and reshaped (statements of other code between the
fixture's own, other indentations, line endings, a docstring), and on a generated
large-ish module like the benchmark's."""

from __future__ import annotations

import ast
import random
from pathlib import Path
from typing import Callable, List, Optional, Tuple

import pytest

from netfix_lint import check_source, codemod, fix_source
from netfix_lint.edits import fix_edits
from netfix_lint.facts import Span, Target
from netfix_lint.model import Finding, FixResult
from netfix_lint.ops import AddImport, AppendElement, RemoveUnusedImport
from netfix_lint.segments import MARKER, LineMap, segment
from netfix_lint.settings import Settings

from .conftest import FIXTURES, fixture_files, settings_for

FILES = fixture_files()
IDS = [str(p.relative_to(FIXTURES)) for p in FILES]


def both_ways(source: str, path: str, settings: Settings) -> Tuple[FixResult, FixResult, int]:
    """The fix with the smaller modules, the fix with the whole module, and how many
    passes took the smaller module."""
    original = codemod._segmented_pass
    used = []

    def counting(current: str, todo: List[Finding]) -> Optional[Tuple[str, List[Finding], Optional[str]]]:
        result = original(current, todo)
        used.append(result is not None)
        return result

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(codemod, "_segmented_pass", counting)
        segmented = fix_source(source, path, settings)
        patch.setattr(codemod, "_segmented_pass", lambda current, todo: None)
        whole = fix_source(source, path, settings)
    return segmented, whole, sum(used)


def assert_same(source: str, path: str, settings: Settings) -> int:
    segmented, whole, used = both_ways(source, path, settings)
    assert segmented.source == whole.source
    assert segmented.error == whole.error
    assert [(f.code, f.line, f.col) for f in segmented.fixed] == [(f.code, f.line, f.col) for f in whole.fixed]
    assert segmented.remaining == whole.remaining
    return used


# -- reshaping a fixture ---------------------------------------------------------------


def _top_level_ends(source: str) -> List[int]:
    """The last line of each top-level statement after the module's ``__future__``
    imports (where other statements may go)."""
    body = ast.parse(source).body
    futures = [s for s in body if isinstance(s, ast.ImportFrom) and s.module == "__future__"]
    after = max((s.end_lineno or s.lineno for s in futures), default=0)
    return sorted({s.end_lineno or s.lineno for s in body if s.lineno > after})


def with_filler(source: str, indent: str = "  ", every: int = 1) -> str:
    """Other functions (indented with ``indent``) after every ``every``-th top-level
    statement, and one at the top: runs of statements the fixes leave out, and a module
    whose indentation libcst takes from a function no fix touches."""
    lines = source.splitlines(keepends=True)
    ends = set(_top_level_ends(source)[::every])
    out: List[str] = []
    for number, line in enumerate(lines, 1):
        out.append(line)
        if number in ends and line.endswith("\n") and not line.rstrip().endswith("\\"):
            out.append(f"\n\ndef _filler_{number}(v):\n{indent}if v:\n{indent * 2}return v\n{indent}return 0\n")
    first = _top_level_ends(source)[:1]
    if first:
        start = first[0] - 1
        while start > 0 and lines[start - 1].strip() != "":
            start -= 1
        out.insert(start, f"def _first(v):\n{indent}return v\n\n\n")
    return "".join(out)


def with_docstring(source: str) -> str:
    return source if source.startswith(('"""', "from __future__")) else f'"""A module."""\n\n{source}'


def with_line_ends(source: str, end: str) -> str:
    return source.replace("\r\n", "\n").replace("\n", end)


def with_tabs(source: str) -> str:
    out = []
    for line in source.splitlines(keepends=True):
        stripped = line.lstrip(" ")
        depth = (len(line) - len(stripped)) // 4
        out.append("\t" * depth + " " * ((len(line) - len(stripped)) % 4) + stripped)
    return "".join(out)


def with_block_comments(source: str) -> str:
    """An indented comment after each top-level statement's last line: libcst gives it
    to the statement's block, the cut between statements to the next one."""
    ends = set(_top_level_ends(source))
    out = []
    for number, line in enumerate(source.splitlines(keepends=True), 1):
        out.append(line)
        if number in ends and line.endswith("\n") and not line.rstrip().endswith("\\"):
            out.append("    # after the block\n")
    return "".join(out)


#: Lone-CR line ends take the whole module (libcst drops a file's last CR): compared all the same.
RESHAPES: List[Tuple[str, Callable[[str], str]]] = [
    ("as written", lambda s: s),
    ("filler between", with_filler),
    ("filler every other, tabs", lambda s: with_filler(s, "\t", every=2)),
    ("docstring and filler", lambda s: with_filler(with_docstring(s), "   ")),
    ("CRLF and filler", lambda s: with_line_ends(with_filler(s), "\r\n")),
    ("CR", lambda s: with_line_ends(s, "\r")),
    ("tabs", with_tabs),
    ("block comments", with_block_comments),
    ("no final newline", lambda s: with_filler(s).rstrip("\n")),
]


def _reshaped(source: str, reshape: Callable[[str], str]) -> Optional[str]:
    try:
        text = reshape(source)
        compile(text, "<reshaped>", "exec", dont_inherit=True)
    except SyntaxError:
        return None  # a fixture of Python 3.14's syntax, say
    return text


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_every_fixture_fixes_the_same_both_ways(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    for _, reshape in RESHAPES:
        text = _reshaped(source, reshape)
        if text is not None:
            assert_same(text, str(path), settings_for(path))
    # The unsafe fixes too (fewer shapes: they are the same operations).
    for _, reshape in RESHAPES[:2]:
        text = _reshaped(source, reshape)
        if text is not None:
            assert_same(text, str(path), settings_for(path, unsafe=True))


def test_the_smaller_module_is_what_most_fixtures_use() -> None:
    """Not a vacuous comparison: most fixtures' passes take the smaller module."""
    used = total = 0
    for path in FILES:
        text = _reshaped(path.read_text(encoding="utf-8"), with_filler)
        if text is None:
            continue
        segmented, _, count = both_ways(text, str(path), settings_for(path))
        used += count
        total += bool(segmented.fixed)
    assert total > 20 and used >= total * 0.7


def edits_both_ways(source: str, path: str, settings: Settings) -> None:
    """The edits a JSON or SARIF report gives each fix: the same both ways."""
    findings = check_source(source, path, settings)
    segmented = fix_edits(source, path, findings, settings)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(codemod, "smaller_module", lambda text, ops: None)
        whole = fix_edits(source, path, findings, settings)
    assert segmented == whole


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_every_fixtures_report_edits_are_the_same_both_ways(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    for _, reshape in RESHAPES[:2]:
        text = _reshaped(source, reshape)
        if text is not None:
            edits_both_ways(text, str(path), settings_for(path, unsafe=True))


# -- generated modules -------------------------------------------------------------------


def large_module(functions: int, every: int, seed: int = 0) -> str:
    """Like the benchmark's 100k-line file, smaller: filler functions and every
    ``every``-th a drop handler, TLS set up in the module, no ``import ssl``."""
    chance = random.Random(seed)
    parts = ["import socket\n", "\n\ndef make_tls(sock):\n    return ssl.create_default_context().wrap_socket(sock)\n"]
    for number in range(functions):
        if number % every == every - 1:
            parts.append(
                f"\n\ndef handle_{number}(conn):\n    try:\n        conn.sendall(b'x')\n"
                "    except (ConnectionResetError, BrokenPipeError, socket.timeout):\n        return\n"
            )
        else:
            body = "".join(f"    v = v + {chance.randrange(1000)}\n" for _ in range(chance.randrange(1, 30)))
            parts.append(f"\n\n# filler {number}\ndef filler_{number}(v):\n{body}    return v\n")
    return "".join(parts)


def test_a_large_generated_module_fixes_the_same_both_ways() -> None:
    source = large_module(400, 20)
    segmented, whole, used = both_ways(source, "big.py", Settings(preview=True))
    assert len(segmented.fixed) == 20 and used == 1
    assert segmented.source == whole.source
    assert segmented.source.count("ssl.SSLEOFError") == 20 and "\nimport ssl\n" in segmented.source
    edits_both_ways(source, "big.py", Settings(preview=True))


GENERATED = [
    # Where the import goes: no imports, after a docstring, after __future__, sorted,
    # unsorted, from-imports only, an import block after code, an f-string docstring.
    "import socket\n\n\ndef tls(s):\n    return ssl.create_default_context().wrap_socket(s)\n",
    '"""Doc."""\nimport socket\n\n\ndef tls(s):\n    return ssl.create_default_context().wrap_socket(s)\n',
    "from __future__ import annotations\nimport socket\nimport zlib\n\nX = 1\n\n\ndef tls(s):\n"
    "    return ssl.create_default_context().wrap_socket(s)\n",
    "import zlib\nimport socket\n\n\ndef tls(s):\n    return ssl.create_default_context().wrap_socket(s)\n",
    "from socket import timeout\nX = 1\nimport socket\n\n\ndef tls(s):\n"
    "    return ssl.create_default_context().wrap_socket(s)\n",
    'f"""doc"""\nimport socket\n\n\ndef tls(s):\n    return ssl.create_default_context().wrap_socket(s)\n',
    "# a comment\n\nimport socket  # note\n\n\ndef tls(s):\n  return ssl.create_default_context().wrap_socket(s)\n",
]


@pytest.mark.parametrize("head", GENERATED)
@pytest.mark.parametrize("seed", range(4))
def test_generated_modules_fix_the_same_both_ways(head: str, seed: int) -> None:
    chance = random.Random(seed)
    parts = [head]
    for number in range(chance.randrange(3, 12)):
        kind = chance.randrange(5)
        if kind == 0:
            parts.append(
                f"\n\ndef handle_{number}(conn):\n    try:\n        conn.sendall(b'x')\n"
                "    except ConnectionResetError:\n        return\n"
            )
        elif kind == 1:
            parts.append(f"\n\n@staticmethod\ndef filler_{number}(v):\n  if v:\n      return v\n  # trailing\n")
        elif kind == 2:
            parts.append(f"\nx_{number} = 1; y_{number} = 2\n")
        elif kind == 3:
            parts.append(
                f"\n\nclass Server{number}:\n    def handle(self, conn):\n        try:\n"
                "            conn.sendall(b'x')\n        except (BrokenPipeError,\n"
                "                ConnectionResetError):  # drops\n            pass\n"
            )
        else:
            parts.append(f"\n\ndef filler_{number}(v):\n\treturn v\n")
    source = "".join(parts)
    assert_same(source, "generated.py", Settings(preview=True))
    assert_same(with_line_ends(source, "\r\n"), "generated.py", Settings(preview=True))


# -- the pieces ----------------------------------------------------------------------------


def _target(line: int, end_line: int) -> Target:
    return Target("handler", Span(line, 4, end_line, 10))


SOURCE = "import socket\n\n\ndef a():\n    pass\n\n\ndef b():\n    pass\n\n\ndef c():\n    pass\n"


def test_only_the_statements_edited_are_kept_and_the_rest_comes_back() -> None:
    segments = segment(SOURCE, [AppendElement(_target(8, 9), "X")])
    assert segments is not None
    assert segments.text.count(MARKER) == 2 and "def b():" in segments.text and "def a():" not in segments.text
    assert segments.join(segments.text) == SOURCE
    fixed = segments.text.replace("def b():", "def b(x):")
    assert segments.join(fixed) == SOURCE.replace("def b():", "def b(x):")


def test_an_import_keeps_the_module_head() -> None:
    segments = segment(SOURCE, [AddImport("import ssl", "ssl"), AppendElement(_target(12, 13), "X")])
    assert segments is not None
    assert segments.text.startswith("import socket\n\n\ndef a():") and "def c():" in segments.text


def test_lines_map_to_the_smaller_module() -> None:
    lines = LineMap([(1, 3, 1), (8, 9, 6)])
    assert lines.inward(_target(8, 9)) == _target(6, 7)
    assert lines.inward(_target(5, 5)) is None
    assert lines.inward(_target(3, 8)) is None


def test_a_lost_placeholder_is_refused() -> None:
    segments = segment(SOURCE, [AppendElement(_target(8, 9), "X")])
    assert segments is not None
    first = segments.gaps[0][0]
    assert segments.join(segments.text.replace(first, "")) is None
    assert segments.join(segments.text.replace(first, first + first)) is None


@pytest.mark.parametrize(
    "source, op",
    [
        (SOURCE, RemoveUnusedImport("x")),  # counts mentions in the whole module
        (SOURCE, AppendElement(Target("module", Span(1, 0, 13, 8)), "X")),
        (f"# {MARKER}\n{SOURCE}", AppendElement(_target(9, 10), "X")),
        ("x = 1 \\\n\ndef b():\n    pass\n", AppendElement(_target(3, 4), "X")),
    ],
    ids=["remove import", "module", "marker in text", "backslash at a cut"],
)
def test_the_whole_module_where_a_cut_cannot_be_made(source: str, op: AppendElement) -> None:
    assert segment(source, [op]) is None
