"""Property tests over generated modules: every fix names nodes the codemod finds, fixes
parse, converge, and change only the lines they are about."""

from __future__ import annotations

import ast
import difflib
import sys
from collections import Counter
from typing import Dict, List, Optional, Tuple

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from netfix_lint import Settings, check_source, fix_source
from netfix_lint.facts import IfBranches, ModuleFacts, Span, physical_lines

from .conftest import assert_fix_targets_found

IMPORTS = [
    "import ssl",
    "import ssl as _ssl",
    "from ssl import SSLEOFError",
    "from ssl import SSLError",
    "try:\n    import ssl\nexcept ImportError:\n    ssl = None",
    "import socket",
    "from socket import timeout as T",
    "from requests.exceptions import ConnectionError",
    "from compat import *",
    "import contextlib",
    "from contextlib import suppress",
    "import builtins",
    "import sys",
    '"""Docstring."""',
    "from __future__ import annotations",
]
NAMES = [
    "ConnectionError",
    "ConnectionResetError",
    "ConnectionAbortedError",
    "BrokenPipeError",
    "socket.timeout",
    "T",
    "OSError",
    "ssl.SSLError",
    "ssl.SSLEOFError",
    "SSLEOFError",
    "Exception",
    "DROPPED",
    "self.errors",
    "ValueError",
    "builtins.ConnectionError",
    "requests.ConnectionError",
    "InvalidStatusCode",
    "wse.InvalidStatusCode",
    "websockets.InvalidStatusCode",
    "InvalidStatus",
]
IMPORTS += [
    "import websockets",
    "from websockets.exceptions import InvalidStatusCode",
    "from websockets import exceptions as wse",
    "from websockets.asyncio.client import connect",
    "from websockets import connect",
    "from websockets.legacy.client import connect as legacy_connect",
    "import websockets.sync.client",
    # Paired, so that new-client calls and InvalidStatusCode clauses meet often (NFX201).
    "from websockets.asyncio.client import connect as new_connect\nfrom websockets.exceptions import InvalidStatusCode",
    "import websockets.sync.client\nimport websockets.exceptions as wse",
    "import pytest",
]
BODIES = [
    "pass",
    "sock.sendall(b'x')",
    "print('x')",
    "sys.stdout.write('x')",
    "conn.recv(1)",
    "connect('ws://x')",
    "websockets.connect('ws://x')",
    "websockets.sync.client.connect('ws://x')",
    "legacy_connect('ws://x')",
    "new_connect('ws://x')",
    "new_connect('ws://x')",
]


@st.composite
def clause_types(draw: st.DrawFn) -> str:
    names = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=4))
    layout = draw(st.sampled_from(["single", "tuple", "multiline", "trailing", "multiline-trailing"]))
    if layout == "single" and len(names) == 1:
        return names[0]
    if layout in ("multiline", "multiline-trailing"):
        inner = ",\n    ".join(names) + ("," if layout == "multiline-trailing" else "")
        return f"(\n    {inner}\n)"
    return "(" + ", ".join(names) + ("," if layout == "trailing" or len(names) == 1 else "") + ")"


@st.composite
def statement(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["try", "try", "suppress", "with-contextlib", "class-test"]))
    body = draw(st.sampled_from(BODIES))
    if kind == "class-test":  # isinstance checks and pytest.raises (NFX203)
        types = draw(clause_types())
        read = draw(st.sampled_from(["e.status_code", "e.headers", "getattr(e, 'status_code', None)", "e.other"]))
        return draw(
            st.sampled_from(
                [
                    f"def predicate(e):\n    return isinstance(e, {types}) and {read} == 403\n",
                    f"def predicate(e):\n    return not (isinstance(e, {types}) and ({read} == 401 or {read}))\n",
                    f"if isinstance(e, {types}):\n    print({read})\n",
                    f"x = {read} if isinstance(e, {types}) else None\n",
                    f"if not isinstance(e, {types}):\n    pass\nprint({read})\n",
                    f"with pytest.raises({types}) as excinfo:\n    {body}\nprint(excinfo.value.status_code)\n",
                    f"with pytest.raises({types}):\n    {body}\n",
                ]
            )
        )
    if kind == "try":
        clauses = draw(st.lists(clause_types(), min_size=1, max_size=3))
        text = f"try:\n    {body}\n"
        for types in clauses:
            binding = draw(st.sampled_from(["", " as e"]))
            text += f"except {types}{binding}:\n    pass\n"
        return text
    args = ", ".join(draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=3)))
    func = "suppress" if kind == "suppress" else "contextlib.suppress"
    return f"with {func}({args}):\n    {body}\n"


def indent(text: str, prefix: str = "    ") -> str:
    return "".join(prefix + line if line.strip() else line for line in text.splitlines(True))


@st.composite
def modules(draw: st.DrawFn) -> str:
    header = draw(st.lists(st.sampled_from(IMPORTS), unique=True, max_size=6))
    # A docstring and __future__ imports only count at the top.
    header.sort(key=lambda line: (not line.startswith('"""'), not line.startswith("from __future__")))
    parts: List[str] = [line + "\n" for line in header]
    if draw(st.booleans()):
        parts.append("DROPPED = (ConnectionError, socket.timeout)\n")
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.sampled_from(["module", "function", "shadowing", "method", "global"]))
        inner = draw(statement())
        if where == "module":
            parts.append(inner)
        elif where == "function":
            parts.append("def handler(sock):\n" + indent(inner))
        elif where == "shadowing":
            parts.append("def connect(host, ssl=False):\n" + indent(inner))
        elif where == "global":
            parts.append("def reset():\n    global ssl\n    ssl = None\n" + indent(inner))
        else:
            parts.append("class Handler:\n    def handle(self):\n" + indent(inner, "        "))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return "\n".join(parts).replace("\n", newline)


PROPERTY_SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY_SETTINGS
@given(modules())
def test_every_fix_names_nodes_libcst_finds(source: str) -> None:
    ast.parse(source)
    assert_fix_targets_found(source, check_source(source, settings=Settings(unsafe_fixes=True)))


@PROPERTY_SETTINGS
@given(modules(), st.booleans())
@example(  # found by CI: the diff re-aligns the ``):`` lines of one-per-line clauses
    "try:\n    sock.sendall(data)\nexcept (\n    ConnectionError\n):\n    pass\nexcept (\n    ConnectionError\n):\n"
    "    pass\nexcept (\n    ConnectionError,\n):\n    pass\n",
    False,
)
@example(  # found by CI: the last element gains the comma before the appended class
    "from websockets.asyncio.client import connect as new_connect\n"
    "from websockets.exceptions import InvalidStatusCode\n\n"
    "try:\n    sock.sendall(data)\nexcept (\n    InvalidStatusCode,\n    self.errors\n):\n    pass\n",
    False,
)
@example(
    "from websockets.exceptions import InvalidStatusCode\n\ntry:\n    sock.sendall(data)\nexcept InvalidStatusCode:\n"
    "    pass\n\nif not isinstance(e, (InvalidStatusCode, InvalidStatus)):\n    pass\n",
    False,
)
@example(  # found by a local run: the read is the whole branch where the test holds
    "import websockets.sync.client\nimport websockets.exceptions as wse\n\n"
    "x = e.status_code if isinstance(e, wse.InvalidStatusCode) else None\n",
    False,
)
def test_fixes_parse_converge_and_touch_only_their_lines(source: str, unsafe: bool) -> None:
    options = Settings(unsafe_fixes=unsafe)
    before = check_source(source, settings=options)
    result = fix_source(source, settings=options)
    assert result.error is None
    ast.parse(result.source)
    # Nothing fixable is left, and a second run changes nothing.
    assert not any(options.applies(f) for f in check_source(result.source, settings=options))
    assert fix_source(result.source, settings=options).source == result.source
    # (More may be fixed than was found: an import a fix adds can define a name that an
    # unresolvable clause used, and the clause is then checked and fixed as well.)
    assert len(result.fixed) >= sum(1 for f in before if options.applies(f))
    # A fix never makes another clause count (say, through the import it adds); the
    # import may make one stop counting (``isinstance(e, (InvalidStatusCode,
    # InvalidStatus))`` with ``InvalidStatus`` unbound is reported until it is imported).
    after = Counter(f.code for f in check_source(result.source, settings=options))
    assert not after - Counter(f.code for f in before if not options.applies(f))
    if not result.fixed:
        assert result.source == source
        return
    # Line endings are kept: no bare LF sneaks into a CRLF file.
    if "\r\n" in source:
        assert result.source.count("\n") == result.source.count("\r\n")
    old = source.splitlines()
    new = result.source.splitlines()
    removed = [line for line in difflib.ndiff(old, new) if line.startswith("- ")]
    added = [line[2:] for line in difflib.ndiff(old, new) if line.startswith("+ ")]
    # A line that is on both sides was only re-aligned by the diff (``):`` of two clauses).
    removed = [line for line in removed if line[2:] not in new and line[2:].rstrip() + "," not in new]
    added = [line for line in added if line not in old]
    for line in removed:
        # Only except clauses, suppress calls, the constant and tuple element lines change.
        words = (
            "except",
            "suppress",
            "DROPPED",
            "Error",
            "timeout",
            "T",
            "InvalidStatusCode",
            "status_code",
            "headers",
            "isinstance",
            "raises",
        )
        assert any(word in line for word in words), line
    for line in added:
        assert (
            not line.strip()
            or any(word in line for word in ("SSLEOFError", "import ssl", "InvalidStatus", ".response.", '"response"'))
            or line.rstrip().endswith(",")
        ), line


SCOPES = """\
import socket
import ssl


def reset():
    global ssl
    ssl = None


def outer():
    ssl = 1

    def inner():
        nonlocal ssl
        ssl = 2

    return inner


def handle(command, sock):
    match command:
        case {"ssl": ssl, **rest}:
            pass
        case [first, *others]:
            pass
        case str() as name:
            pass
    try:
        sock.recv(1)
    except ConnectionResetError:
        pass
"""


#: A scope's kind, global and nonlocal names, and per name its bindings (kind, line, conditional).
ScopeSummary = Tuple[str, List[str], List[str], Dict[str, List[Tuple[str, int, bool]]]]


def _scopes(facts: ModuleFacts) -> List[ScopeSummary]:
    return [
        (
            scope.kind,
            sorted(scope.global_names),
            sorted(scope.nonlocal_names),
            {name: [(b.kind, b.line, b.conditional) for b in bindings] for name, bindings in scope.bindings.items()},
        )
        for scope in facts.scopes
    ]


@pytest.mark.skipif(sys.version_info < (3, 10), reason="`match` needs Python 3.10+ grammar")
def test_global_nonlocal_and_match_bindings() -> None:
    from netfix_lint import facts_ast

    lines = physical_lines(SCOPES)
    module, reset, outer, inner, handle = _scopes(facts_ast.extract(ast.parse(SCOPES), lines))
    assert reset[1] == ["ssl"] and len(module[3]["ssl"]) == 2  # ``global ssl`` rebinds the module's
    assert inner[2] == ["ssl"] and len(outer[3]["ssl"]) == 2
    assert {"ssl", "rest", "first", "others", "name"} <= set(handle[3])


BRANCHES = """
import errno

def send(self, data):
    try:
        self.sock.send(data)
    except OSError as ex:
        if ex.errno == errno.ECONNRESET:
            self.close()
            raise DriverError("closed: %s" % ex)
        elif ex.errno != errno.EINTR:
            self.close(); raise DriverError(("a" "b") + str(ex))
        if ex.errno in (errno.EPIPE,):
            self.skip(f"{self.name!r} gone "
                      f"away", code=3)
        else:
            if ex.errno == errno.EAGAIN:
                return None
        if ex.errno == errno.ESHUTDOWN: log("x {}".format(ex), b"raw"); continue
        elif ex.errno == 8:
            raise
        else:
            x = 1
"""


def _branches(facts: ModuleFacts) -> List[Tuple[Span, Optional[IfBranches]]]:
    return [(c.span, c.branches) for t in facts.tries for h in t.handlers for c in h.body.comparisons]


def test_if_branch_summaries() -> None:
    """NFX103's if/elif summaries (facts.IfBranches): messages (implicit concatenation,
    f-strings, % and .format), bytes, keywords, numbers, one-line suites and an
    ``else:`` holding only an ``if``."""
    from netfix_lint import facts_ast

    source = BRANCHES
    from_ast = _branches(facts_ast.extract(ast.parse(source), physical_lines(source)))
    summaries = [branches for _, branches in from_ast if branches is not None]
    assert summaries[0].body == ("call:self.close()", "raise:DriverError(<msg>)") and summaries[0].orelse == "elif"
    assert summaries[1].body == summaries[0].body and summaries[1].orelse == "end"
    assert summaries[2].body == ("call:self.skip(<msg>,code=3)",) and summaries[2].orelse == "elif"
    assert summaries[3].body == ("return:None",)
    assert summaries[4].body is None  # b"raw" is no message
    assert summaries[5].body == ("reraise",) and summaries[5].orelse == "else" and summaries[5].orelse_body is None


@pytest.mark.parametrize("small", [200, 0])
def test_text_edits_turn_any_text_into_any_other(small: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Random line edits of texts with every line break (and none at the end): the edits
    ``text_edits`` finds, applied, give the new text, whatever the common ends are; with
    ``_SMALL`` at 0, through the patience diff's anchors everywhere."""
    import random

    from netfix_lint import edits
    from netfix_lint.edits import apply_edits, text_edits

    monkeypatch.setattr(edits, "_SMALL", small)

    rng = random.Random(19)
    pieces = ["a", "b", "x = 1", "", "  pass", "\u00e9t\u00e9"]
    breaks = ["\n", "\r\n", "\r"]
    for _ in range(3000):
        lines = [rng.choice(pieces) + rng.choice(breaks) for _ in range(rng.randint(0, 8))]
        lines += [f"unique {n}\n" for n in range(rng.randint(0, 4))]
        rng.shuffle(lines)
        before = "".join(lines)
        if rng.random() < 0.3 and before:
            before = before.rstrip("\r\n")
        after_lines = list(lines)
        for _ in range(rng.randint(1, 3)):
            where = rng.randint(0, len(after_lines))
            change = rng.choice(("insert", "delete", "replace", "break"))
            if change == "insert" or not after_lines:
                after_lines.insert(where, rng.choice(pieces) + rng.choice(breaks))
            elif change == "delete":
                del after_lines[min(where, len(after_lines) - 1)]
            elif change == "replace":
                after_lines[min(where, len(after_lines) - 1)] = rng.choice(pieces) + rng.choice(breaks)
            else:
                index = min(where, len(after_lines) - 1)
                after_lines[index] = after_lines[index].rstrip("\r\n") + rng.choice(breaks)
        after = "".join(after_lines)
        assert apply_edits(before, text_edits(before, after)) == after, (before, after)
