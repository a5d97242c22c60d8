"""The text prefilter only ever skips files a check would find nothing in.

A file reaches the parser when a rule's trigger word stands where the rule reads it
(``netfix_lint/prefilter.py``). Each test here compares the prefilter's answer with a
check that ignores it (the facts of the whole tree, every rule): whenever the check finds
something, the prefilter must have let the file through. Sources: the rules' examples,
the fixtures, every standard library file with a trigger word, mutated fixtures and
generated modules that put the words in every context the rules read, and in many they
do not, with comments, strings, brackets and line continuations around them.
"""

from __future__ import annotations

import ast
import re
import sysconfig
import warnings
from pathlib import Path
from typing import List

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netfix_lint import Settings, facts_ast
from netfix_lint.engine import RuleSet, check_source
from netfix_lint.facts import physical_lines
from netfix_lint.prefilter import CAUGHT, COMPARED, in_context
from netfix_lint.rules import all_rules
from netfix_lint.settings import DEFAULT_SETTINGS

from .conftest import fixture_files
from .test_fuzz import mutated_fixture

SETTINGS = Settings(preview=True)  # every rule, the preview ones too
DROP_WORD = r"Connection(?:Reset|Aborted)?Error|BrokenPipeError"
ERRNO_WORD = r"EPIPE|ECONNRESET"
RULES = RuleSet.of(SETTINGS)


def unfiltered(source: str, settings: Settings = SETTINGS) -> List[str]:
    """The codes every rule of ``settings`` reports on ``source``, the prefilter skipped."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return []
    facts = facts_ast.extract(tree, physical_lines(source))
    return [finding.code for finding in RuleSet.of(settings).run(facts, "<string>", settings)]


def assert_kept(source: str) -> None:
    """The file is kept, and each rule that reports on it is among those a check runs
    (``RuleSet.matching``: a rule whose own trigger does not match is skipped): with
    every rule, and with the default rules, whose triggers may be narrower (a rule's
    preview part may read other words, NFX206's)."""
    for chosen in (SETTINGS, DEFAULT_SETTINGS):
        rules = RuleSet.of(chosen)
        found = unfiltered(source, chosen)
        if found:
            assert rules.may_match(source), (found, source)
            assert set(found) <= {rule.code for rule in rules.matching(source)}, (found, source)
        assert rules.may_match(source) == bool(rules.matching(source)), source


def word_at(source: str, word: str, kind: str) -> bool:
    """Whether the first match of ``word`` (a pattern) stands in a context of ``kind``."""
    match = re.search(word, source)
    assert match is not None
    return in_context(source, match.start(), [kind])


# -- what the contexts are ----------------------------------------------------------------


@pytest.mark.parametrize(
    "source",
    [
        "try:\n    sock.sendall(data)\nexcept ConnectionError:\n    pass\n",
        "try:\n    sock.sendall(data)\nexcept* (OSError, ConnectionError):\n    pass\n",
        "try:\n    sock.sendall(data)\nexcept (\n    socket.timeout,  # note: a comment 'with' quotes\n    ConnectionError,\n):\n    pass\n",
        "try:\n    sock.sendall(data)\nexcept (socket.timeout\n        , ConnectionError):\n    pass\n",
        "try:\n    sock.sendall(data)\nexcept \\\n    ConnectionError:\n    pass\n",
        "DROPPED = (ConnectionError, socket.timeout)\n",
        "DROPPED = (\n    # why: peers hang up\n    ConnectionError,\n)\n",
        "x = 1; DROPPED = ConnectionError\n",
        "DROPPED += (ConnectionError,)\n",
        "from builtins import ConnectionError as CE\n",
        "from builtins import (\n    ConnectionError as CE,\n)\n",
        "with quiet(socket.timeout, ConnectionError):\n    pass\n  # suppress\n",
        "with open('x') as f, suppress(ConnectionError):\n    pass\n",
    ],
)
def test_where_a_drop_class_is_read(source: str) -> None:
    assert word_at(source, DROP_WORD, CAUGHT)


@pytest.mark.parametrize(
    "source",
    [
        "raise ConnectionResetError('peer left')\n",
        "x = foo(bar)\nraise ConnectionResetError\n",
        "# ConnectionError is what the peer causes\n",
        "send(b'x')  # may raise ConnectionError\n",
        "'''Raises ConnectionError.'''\n",
        "log('the ConnectionError')\n",
        "mock.side_effect = ConnectionError\n",
        "a = b = ConnectionError\n",
        "def f(e: ConnectionError) -> None:\n    pass\n",
        "self.assertRaises(ConnectionError, f)\n",  # a call, and no suppress in the file
        "if x == ConnectionError:\n    pass\n",
    ],
)
def test_where_a_drop_class_is_not_read(source: str) -> None:
    assert not word_at(source, DROP_WORD, CAUGHT)


@pytest.mark.parametrize(
    "source",
    [
        "if e.errno == errno.EPIPE:\n    pass\n",
        "if e.args[0] != errno.EPIPE:\n    pass\n",
        "if e.errno in (errno.ECONNRESET,\n               # the peer: hung up\n               errno.EPIPE):\n    pass\n",
        "if e.errno in ('x', errno.EPIPE):\n    pass\n",
        "BROKEN = {errno.ECONNRESET, errno.EPIPE}\n",
        "class H:\n    ignored = (errno.EPIPE,)\n",
        "from errno import EPIPE\n",
        "RESET = errno.ECONNRESET\n",
    ],
)
def test_where_an_errno_name_is_read(source: str) -> None:
    assert word_at(source, ERRNO_WORD, COMPARED)


@pytest.mark.parametrize(
    "source",
    [
        "raise OSError(errno.EPIPE, 'closed')\n",
        "self.assertEqual(proc.returncode, errno.EPIPE)\n",
        "# avoid ECONNRESET on close\n",
        "codes = [('ECONNRESET', 104)]\n",
        "r = TransientResource(OSError, errno=errno.ECONNRESET)\n",
        "if e.errno <= errno.EPIPE:\n    pass\n",
    ],
)
def test_where_an_errno_name_is_not_read(source: str) -> None:
    assert not word_at(source, ERRNO_WORD, COMPARED)


#: Shapes a review found the first version of the scan skipping, each with a finding.
REVIEWED = {
    "A1": "import socket\nif True: CE = ConnectionError\ntry:\n    conn.sendall(b'x')\nexcept CE:\n    pass\n",
    "A2": "import errno, socket, ssl\nif True: GONE = errno.EPIPE\ntry:\n    conn.sendall(b'x')\nexcept OSError as e:\n    if e.errno != GONE:\n        raise\n",
    "A3": "import errno\nimport socket\nimport ssl\n\nclass H:\n    if True: ignored = (errno.EPIPE, errno.ECONNRESET)\n    def handle(self):\n        try:\n            self.sock.sendall(b'x')\n        except socket.error as ex:\n            if ex.args[0] in self.ignored:\n                pass\n            else:\n                raise\n",
    "B1": "import socket\n(CE) = ConnectionError\ntry:\n    conn.sendall(b'x')\nexcept CE:\n    pass\n",
    "B2": "import socket\nCE \\\n  = ConnectionError\ntry:\n    conn.sendall(b'x')\nexcept CE:\n    pass\n",
    "C": "import errno, socket, ssl\ndef send(sock, data):\n    try:\n        sock.sendall(data)\n    except OSError as e:\n        if e.errno in (getattr(errno, 'WSAECONNRESET', None)\n                       or 10054, errno.EPIPE):\n            pass\n        else:\n            raise\n",
    "D1": 'import errno, socket, ssl\ndef send(sock, data, log):\n    try:\n        sock.sendall(data)\n    except OSError as e:\n        log.info(f"peer gone: {e.errno == errno.EPIPE}")\n        raise\n',
    "D2": "import errno, socket, ssl\ndef send(sock, data, log):\n    try:\n        sock.sendall(data)\n    except OSError as e:\n        log.info(f\"{'client left' if e.errno in (errno.EPIPE, errno.ECONNRESET) else 'error'}\")\n        raise\n",
    "F": "import errno, socket, ssl\nBROKEN = {errno.ENOTCONN}\nBROKEN |= {errno.EPIPE, errno.ECONNRESET}\ndef send(sock, data):\n    try:\n        sock.sendall(data)\n    except OSError as e:\n        if e.errno not in BROKEN:\n            raise\n",
    "G1": "import socket\nत्रुटियाँ = (ConnectionError, BrokenPipeError)\ndef भेजो(s):\n    try:\n        s.sendall(b'x')\n    except त्रुटियाँ:\n        pass\n",
    "G2": "import errno, socket, ssl\nதுண்டிப்பு = {errno.EPIPE, errno.ECONNRESET}\ndef send(sock, data):\n    try:\n        sock.sendall(data)\n    except OSError as e:\n        if e.errno not in துண்டிப்பு:\n            raise\n",
}
REVIEWED["E (3.12 f-string quotes)"] = (
    "import socket\nx = f\"{'#'}\"; CE = ConnectionError\ntry:\n    conn.sendall(b'x')\nexcept CE:\n    pass\n"
)


@pytest.mark.parametrize("name", sorted(REVIEWED))
def test_shapes_a_review_found(name: str) -> None:
    """One-line compound statements, bracketed or continued targets, a keyword opening
    a continuation line, errno tests inside f-strings, ``|=``, and names with combining
    marks (which ``\\w`` does not match)."""
    source = REVIEWED[name]
    assert unfiltered(source), "the rules report it"
    assert RULES.may_match(source)


def test_only_adding_operators_grow_a_constant() -> None:
    removed = (
        "import errno, socket, ssl\nBROKEN = {errno.ENOTCONN, errno.ECONNRESET}\nBROKEN -= {errno.ECONNRESET}\n"
        "def send(sock, data):\n    try:\n        sock.sendall(data)\n    except OSError as e:\n"
        "        if e.errno not in BROKEN:\n            raise\n"
    )
    assert unfiltered(removed) == []
    assert unfiltered(removed.replace("-=", "|=")) == ["NFX103"]


# -- nothing a check finds is skipped -----------------------------------------------------


def test_the_rules_examples_and_the_fixtures() -> None:
    sources = [example for rule in all_rules() if rule.reads == "python" for example in rule.valid]
    sources += [case.source for rule in all_rules() if rule.reads == "python" for case in rule.invalid]
    sources += [path.read_text(encoding="utf-8") for path in fixture_files()]
    reported = 0
    for source in sources:
        assert_kept(source)
        reported += bool(unfiltered(source))
    assert reported >= 40  # not vacuous


def test_the_standard_library() -> None:
    """Every file of the running Python's standard library with a trigger word: the
    prefilter keeps each file with a finding, and skips most of the others."""
    root = Path(sysconfig.get_paths()["stdlib"])
    words = [trigger for trigger, _, _ in RULES.triggers]
    seen, kept, reported = 0, 0, 0
    for path in sorted(root.rglob("*.py")):
        if "site-packages" in path.parts:
            continue
        try:
            source = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        if not any(word.search(source) for word in words):
            continue
        seen += 1
        kept += RULES.may_match(source)
        if unfiltered(source):
            reported += 1
            assert_kept(source)
    assert seen > 20 and reported >= 1, (seen, reported)
    assert kept < seen, "the contexts skipped nothing"


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(mutated_fixture())
def test_mutated_fixtures(source: str) -> None:
    assert_kept(source)


DROPS = [
    "ConnectionError",
    "ConnectionResetError",
    "BrokenPipeError",
    "ConnectionAbortedError",
    "builtins.ConnectionError",
    "CE",
    "DROPPED",
]
ERRNOS = ["errno.EPIPE", "errno.ECONNRESET", "EPIPE", "BROKEN", "R"]
#: Text that may stand between the parts of a statement, inside brackets.
GAPS = [" ", "\n    ", "  # a comment: with 'quotes' and (brackets)\n    ", " \\\n    ", "\n\n    "]
#: Statements around the one under test.
NOISE = [
    "x = foo(bar)",
    "log('ConnectionError: EPIPE')  # ConnectionError = ECONNRESET",
    "'''A docstring: except ConnectionError, e.errno == errno.EPIPE'''",
    "raise ConnectionResetError('gone')",
    "raise OSError(errno.EPIPE, 'x')",
    "mock.side_effect = BrokenPipeError",
    "s = 'a # b'; t = \"ConnectionError\"",
    "if ready: pass",
    'log(f"{x} ConnectionError {y}")',
    "value = {'k': ConnectionError}",
    "self.assertRaises(ConnectionError, f)",
]
HEADERS = [
    "import errno, socket, ssl",
    "import socket",
    "from errno import EPIPE",
    "from builtins import ConnectionError as CE",
    "from contextlib import suppress as quiet",
    "import contextlib",
    "from errno import ECONNRESET as R",
    "CE = ConnectionResetError",
    "BROKEN = (errno.EPIPE, errno.ECONNRESET)",
    "BROKEN = {\n    errno.EPIPE,  # the peer: gone\n    errno.ECONNRESET,\n}",
]


@st.composite
def elements(draw: st.DrawFn, names: List[str]) -> str:
    chosen = draw(st.lists(st.sampled_from(names + ["socket.timeout", "OSError", "'x'"]), min_size=1, max_size=3))
    if len(chosen) == 1 and draw(st.booleans()):
        return chosen[0]
    gap = draw(st.sampled_from(GAPS))
    return "(" + gap + ("," + gap).join(chosen) + draw(st.sampled_from(["", ","])) + gap + ")"


@st.composite
def contexts(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["except", "suppress", "quiet", "constant", "errno", "errno-constant"]))
    body = draw(st.sampled_from(["sock.sendall(b'x')", "pass", "conn.send(data)"]))
    if kind == "except":
        return f"try:\n    {body}\nexcept {draw(elements(DROPS))}:\n    pass\n"
    if kind in ("suppress", "quiet"):
        func = "contextlib.suppress" if kind == "suppress" else "quiet"
        return f"with {func}{draw(elements(DROPS))}:\n    {body}\n"
    if kind == "constant":
        target = draw(st.sampled_from(["DROPPED = ", "if True: DROPPED = ", "(DROPPED) = ", "DROPPED \\\n    = "]))
        return f"{target}{draw(elements(DROPS))}\ntry:\n    {body}\nexcept DROPPED:\n    pass\n"
    op = draw(st.sampled_from(["==", "!=", "in", "not in"]))
    right = draw(elements(ERRNOS))
    read = draw(st.sampled_from(["e.errno", "e.args[0]", "getattr(e, 'errno', None)"]))
    test = draw(st.sampled_from([f"if {read} {op} {right}:\n        pass\n", f'log(f"{{{read} {op} {right}}}")\n']))
    if kind == "errno-constant":
        grow = draw(st.sampled_from(["", "BROKEN |= {errno.ESHUTDOWN}\n", "BROKEN += (errno.ESHUTDOWN,)\n"]))
        return (
            f"BROKEN = {right}\n{grow}try:\n    {body}\nexcept OSError as e:\n    if {read} in BROKEN:\n        pass\n"
        )
    return f"try:\n    {body}\nexcept OSError as e:\n    {test}"


@st.composite
def modules(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.sampled_from(HEADERS), unique=True, max_size=4))
    for _ in range(draw(st.integers(1, 3))):
        parts.append(draw(st.sampled_from(NOISE)))
        statement = draw(contexts())
        if draw(st.booleans()):
            statement = "def handler(sock, e):\n" + "".join(
                "    " + line if line.strip() else line for line in statement.splitlines(True)
            )
        parts.append(statement)
    return "\n".join(parts) + "\n"


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(modules())
def test_generated_modules(source: str) -> None:
    assert_kept(source)


def test_generated_modules_reach_the_rules() -> None:
    """The generator above is not vacuous: its modules parse and often have findings."""
    found = []

    @settings(max_examples=100, deadline=None, database=None, derandomize=True, suppress_health_check=list(HealthCheck))
    @given(modules())
    def collect(source: str) -> None:
        found.append(bool(unfiltered(source)))

    collect()
    assert sum(found) >= 15, sum(found)  # about a third have findings


def test_the_check_uses_the_prefilter() -> None:
    """A file whose trigger words all stand where no rule reads them is not parsed:
    even a syntax error in it goes unreported, as in any file without the words."""
    assert check_source("raise ConnectionResetError(\n") == []
    suppressed = "from contextlib import suppress\nwith suppress(ConnectionError):\n"
    assert check_source(suppressed) == []  # NFX102, the rule that reads it, is a preview rule
    assert [f.code for f in check_source(suppressed, settings=SETTINGS)] == ["NFX001"]
    # The default rules read an except clause's drop classes nowhere (NFX101, NFX102 and
    # NFX104 are preview rules); NFX102 reads only a call that resolves to contextlib.suppress.
    caught = "try:\n    sock.sendall(data)\nexcept ConnectionError:\n"
    assert check_source(caught) == []
    assert [f.code for f in check_source(caught, settings=SETTINGS)] == ["NFX001"]


def test_long_lines_cost_a_bounded_scan() -> None:
    """Minified code: a few megabytes on one line, a trigger word every few bytes. Each
    word's scan looks back a bounded distance, so this takes a moment, not hours."""
    line = "x=f(1);raise ConnectionResetError;" * 100_000 + "\n"
    assert RULES.may_match(line)  # too long a line to tell: let through
    lines = "x = f(1)\nraise ConnectionResetError('a # b')  # ConnectionError\n" * 50_000
    assert not RULES.may_match(lines)


def test_every_python_trigger_starts_with_a_literal() -> None:
    """The engine scans for each trigger's literal start with ``in`` before any regex: a
    trigger that starts with ``\\b`` or a group has none, and would run its regex over
    every file (NFX205-207's first triggers did: ~1 s more on the stdlib)."""
    from netfix_lint.engine import _literal_start, _top_level_alternatives

    for rule in all_rules():
        if rule.reads != "python":
            continue
        for trigger in (rule.trigger, rule.preview_trigger or rule.trigger):
            for part in _top_level_alternatives(trigger.pattern):
                assert len(_literal_start(part)) >= 4, (rule.code, part)


def test_words_a_rule_also_needs() -> None:
    """NFX208's trigger counts only in a text that also names websockets (its serve
    resolves through this module's imports): asyncio's own callers are not parsed."""
    plain = "import asyncio\nloop = asyncio.new_event_loop()\nloop.run_until_complete(main())\n"
    assert not RULES.may_match(plain)
    served = "import asyncio, websockets\nstart = websockets.serve(h, '', 0)\n"
    assert RULES.may_match(served + "asyncio.get_event_loop().run_until_complete(start)\n")
    # Every example a rule reports on has the words it needs.
    for rule in all_rules():
        for example in rule.invalid:
            assert all(word in example.source for word in rule.trigger_needs), (rule.code, example.source)


def test_the_prefilter_makes_no_reference_cycles() -> None:
    """The CLI runs with the cycle collector off: a cycle made per file (a closure that
    calls itself) would keep every file's text alive to the end of the run."""
    import gc

    source = "import errno\ntry:\n    pass\nexcept OSError as e:\n    if e.errno == errno.ECONNRESET:\n        pass\n"
    RULES.may_match(source)  # any first-use caches
    gc.collect()
    gc.disable()
    try:
        for _ in range(10):
            RULES.may_match(source)
            RULES.may_match("x = 1\n")
        assert gc.collect() == 0
    finally:
        gc.enable()
