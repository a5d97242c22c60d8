"""Where a trigger word stands: the second half of the text prefilter.

A rule's trigger is a word it cannot report without (``ConnectionResetError``, ``EPIPE``).
Most files that contain one only raise it, mention it in a comment or a string, or test
for it with ``assertRaises``; parsing those finds nothing. So a rule can also name the
*context* its word must stand in, and a file reaches the parser only when some match
does. The contexts are read off the rules' facts (``facts_ast``), so that a context
that says no means no finding, whatever the rest of the file says:

``CAUGHT`` (NFX101/102: a connection-drop class). The rules resolve only dotted names:
  the elements of an ``except`` clause or of a ``suppress(...)`` call (any call: it may be
  ``suppress`` under another name), followed through imports (``from builtins import
  ConnectionError as CE``) and through assignments of a name or a tuple of names (module
  constants, aliases, ``+=``). So the word must follow ``except``, ``import``, a call's
  ``(`` or an ``=``, with nothing but names, dots, commas, brackets, ``*``, whitespace,
  line continuations and comments between. A string or a call among the elements makes
  a clause one the rules cannot see through (quiet), so a quote may stop the scan.

``COMPARED`` (NFX103: an errno name). Errno names count as the right side of a handler's
  ``==``, ``!=``, ``in`` or ``not in`` (alone, or in a tuple, set or list display), or
  through a constant, an alias or an import of them. So the word must follow ``=``
  (also ``==``, ``!=``), ``in`` or ``import`` in the same way; a display may also hold a
  string before it (``in ('x', errno.EPIPE)`` still counts its names), so a quote stops
  the scan only when no comma stands between it and the word.

Anything the scan cannot read with certainty (a ``#`` after a quote on the same line,
more than ``MAX_SCAN`` characters of names) counts as in context: this filter may only
ever let more files through, never fewer. ``tests/test_prefilter.py`` checks that a check
with it finds exactly what a check without it finds, on the fixtures, the rules'
examples, the standard library and generated modules.
"""

from __future__ import annotations

import re
from typing import Iterable, List, Optional

CAUGHT = "caught"
COMPARED = "compared"

#: What a scan walks back over within a line: names, dots, commas, brackets, ``*``,
#: blanks and backslashes (the text between an ``except`` and a name in its tuple).
_ALLOWED = re.compile(r"[\w\u0080-\U0010ffff.,()\[\]{}*\\ \t\f]*")
#: Further back than this, stop looking and let the file through.
MAX_SCAN = 4000
_QUOTE = re.compile(r"[\"']")
_CALL = re.compile(r"(\w+)\s*\(")
_WORDS = {
    CAUGHT: re.compile(r"\b(?:except|import)\b"),
    COMPARED: re.compile(r"\b(?:in|import)\b"),
}
#: Keywords that may end a line inside brackets (``[x for x in`` / ``y]``).
_OPEN_KEYWORDS = frozenset(
    ["and", "as", "async", "await", "else", "for", "from", "if", "in", "is", "lambda", "not", "or", "yield"]
)
#: Keywords a ``(`` may follow without being a call (``return (``, ``if (``).
_NOT_CALLS = frozenset(
    [
        "and",
        "assert",
        "await",
        "del",
        "elif",
        "else",
        "for",
        "if",
        "in",
        "is",
        "lambda",
        "not",
        "or",
        "raise",
        "return",
        "while",
        "with",
        "yield",
    ]
)
_LAST_WORD = re.compile(r"(\w+)\Z")
_FIRST_WORD = re.compile(r"\w+")
#: ``NAME =`` / ``NAME += `` (any operator) starting a statement (after a ``;`` or a
#: compound statement's ``:`` too), the name maybe in brackets, up to its ``=``.
_NAME = r"(?:[^\W\d]|[^\x00-\x7f])(?:\w|[^\x00-\x7f])*"
_BINDS = re.compile(rf"(?:.*[;:])?[ \t\f(]*{_NAME}[ \t\f)]*(?:[-+*/%&|^@]|<<|>>|//|\*\*)?")


def _line_start(text: str, index: int) -> Optional[int]:
    """Where the line holding ``text[index]`` starts; None if that is more than
    MAX_SCAN characters back (a scan never walks further, so the work per word is
    bounded whatever the length of the file's lines)."""
    lowest = max(0, index - MAX_SCAN)
    start = max(text.rfind("\n", lowest, index), text.rfind("\r", lowest, index)) + 1
    return None if start == 0 and lowest > 0 else start


def in_context(text: str, start: int, kinds: Iterable[str], names_suppress: Optional[bool] = None) -> bool:
    """Whether the word at ``text[start:]`` may stand where a rule of ``kinds`` reads it.
    ``names_suppress``: whether ``suppress`` occurs in ``text`` (a call's arguments count
    only then), if the caller has looked."""
    kinds = tuple(kinds)
    calls = ("suppress" in text) if names_suppress is None else names_suppress
    line_start = _line_start(text, start)
    if line_start is None:
        return True  # a line too long to look back along: let the file through
    code = text[line_start:start]
    if ("#" in code or _QUOTE.search(code)) and "{" not in code and not _may_be_code(code, text, line_start):
        return False  # in a comment or a string (not an f-string's {expression}, which is code)
    walked = ""  # the text walked back over, from the start of ``code`` to the word
    while True:
        run = _ALLOWED.match(code[::-1])
        length = run.end() if run else 0
        if length < len(code):
            # Stopped on this line, at a character that is no name or bracket.
            stop = line_start + len(code) - length - 1
            return _decides(text, stop, code[len(code) - length :] + walked, kinds, calls)
        walked = code + walked
        if line_start == 0:
            return _decides(text, -1, walked, kinds, calls)  # the file's first statement
        if len(walked) > MAX_SCAN:
            return True  # too far back to tell
        previous_start = _line_start(text, line_start - 1)
        if previous_start is None:
            return True
        previous = text[previous_start : line_start - 1]
        hash_at = previous.find("#")
        if hash_at >= 0:
            if _QUOTE.search(previous, 0, hash_at):
                return True  # a quote before the ``#``: cannot tell a comment from a string
            previous = previous[:hash_at]
        if _ends_statement(previous, walked):
            return _decides(text, -1, walked, kinds, calls)
        code, line_start = previous, previous_start


def _may_be_code(prefix: str, text: str, line_start: int) -> bool:
    """Whether the word after ``prefix`` (the start of its line) may be code, not in a
    comment or a string, however the line starts: outside a string, inside a
    triple-quoted one, or inside a quoted one that a backslash continued."""
    states: List[Optional[str]] = [None, '"""', "'''"]
    if text[max(0, line_start - 3) : line_start].rstrip("\r\n").endswith("\\"):
        states += ['"', "'"]
    for state in states:
        index = 0
        while index < len(prefix):
            char = prefix[index]
            if state is None:
                if char == "#":
                    break  # a comment to the end of the line
                if char in "\"'":
                    state = prefix[index : index + 3] if prefix.startswith(char * 3, index) else char
                    index += len(state)
                    continue
            elif char == "\\":
                index += 1
            elif prefix.startswith(state, index):
                index += len(state)
                state = None
                continue
            index += 1
        else:
            if state is None:
                return True
    return False


def _ends_statement(before: str, after: str) -> bool:
    """Whether a line break between ``before`` and ``after`` (walked text, names and
    brackets only) must end a statement: a name or closing bracket then a name cannot
    continue an expression, even inside brackets, unless the name is a keyword
    (``[x for x in`` / ``y]``) or a backslash joins the lines."""
    before = before.rstrip()
    after = after.lstrip()
    if not before or not after or not (after[0].isalnum() or after[0] == "_"):
        return False
    first = _FIRST_WORD.match(after)
    if first is not None and first.group(0) in _OPEN_KEYWORDS:
        return False  # ``(a`` / ``or b)``: a keyword may continue it
    if before[-1] in ")]}":
        return True
    last = _LAST_WORD.search(before)
    return last is not None and last.group(1) not in _OPEN_KEYWORDS


def _decides(text: str, stop: int, between: str, kinds: Iterable[str], calls: bool) -> bool:
    """The scan stopped at ``text[stop]`` (-1: at the end of a statement); ``between``
    is what it walked back over."""
    char = text[stop] if stop >= 0 else "\n"
    for kind in kinds:
        if _WORDS[kind].search(between):
            return True
        if char == "=" and _binds(text, stop):
            return True  # NAME = ..., NAME += ...: constants and aliases are followed
        if kind == CAUGHT and calls and any(n not in _NOT_CALLS for n in _CALL.findall(between)):
            return True  # a call's arguments: suppress() under any name it is bound to
        if kind == COMPARED and char == "=" and stop > 0 and text[stop - 1] in "=!":
            return True  # == and !=
        if kind == COMPARED and char in "\"'" and "," in between:
            return True  # a string before it in a display: in ('x', errno.EPIPE)
    return False


def _binds(text: str, equals: int) -> bool:
    """Whether the ``=`` at ``equals`` binds a plain name to what follows: ``NAME = ``
    or ``NAME += `` starting a statement (the only assignments the facts follow; an
    attribute, a subscript, an annotation, several targets or a keyword are not)."""
    if equals + 1 < len(text) and text[equals + 1] == "=":
        return False
    line_start = _line_start(text, equals)
    if line_start is None or not text[line_start:equals].strip() or text[line_start:equals].lstrip().startswith("("):
        return True  # a target on the line before (a backslash) or in brackets: cannot tell
    return _BINDS.fullmatch(text, line_start, equals) is not None


def first_in_context(pattern: re.Pattern[str], text: str, kinds: Optional[Iterable[str]]) -> bool:
    """Whether ``pattern`` matches ``text`` somewhere in context (anywhere, without kinds)."""
    if not kinds:
        return pattern.search(text) is not None
    calls = "suppress" in text
    return any(in_context(text, match.start(), kinds, calls) for match in pattern.finditer(text))
