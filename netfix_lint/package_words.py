"""Which other module of a package does something a rule asks about, read off its code:
the package view's open question, for evidence such as "the package connects with the
legacy websockets client in another module" (NFX203: that client does raise
``InvalidStatusCode``, so a handler away from any connect may be for it).

Each question has a name (:data:`QUESTIONS`), which the results cache keeps with the
answer. The package is the top-level import package, every module below it, test
modules aside, read as :mod:`netfix_lint.package_tls` reads it: code only, strings and
comments blanked. Nothing is remembered here: the caller hands in the dictionary a run
keeps the answers in.
"""

from __future__ import annotations

import os
import re
from typing import Callable, Dict, List, Tuple

from .package_stamps import package_root, walk_modules
from .package_tls import code_only, is_test, read_module

#: The legacy client (``websockets.client.connect``, ``websockets.legacy.client``), named
#: as websockets' (not ``app.websockets.client``) and not as the new Sans-I/O
#: ``websockets.client.ClientProtocol``.
_LEGACY_CLIENT = re.compile(
    r"(?<![\w.])websockets\.legacy\.client\b"
    r"|(?<![\w.])websockets\.client\.(?:connect|unix_connect|WebSocketClientProtocol)\b"
    r"|^[ \t]*from[ \t]+websockets\.client[ \t]+import[ \t]*(?:\([^)]*|[^\n]*)"
    r"\b(?:connect|unix_connect|WebSocketClientProtocol)\b"
    r"|^[ \t]*from[ \t]+websockets\.legacy[ \t]+import[ \t]*(?:\([^)]*|[^\n]*)\bclient\b",
    re.MULTILINE,
)
#: The clause a fallback import sits in: ``except ImportError:`` (or ModuleNotFoundError).
_FALLBACK = re.compile(r"[ \t]*except\b[^\n]*\b(?:ImportError|ModuleNotFoundError)\b")


def _in_fallback(code: str, at: int) -> bool:
    """The code at ``at`` is in the body of an ``except ImportError`` clause: the first
    line above it that is indented less (blank lines aside) is that clause's."""
    line_start = code.rfind("\n", 0, at) + 1
    line = code[line_start : code.find("\n", at) if "\n" in code[at:] else len(code)]
    indent = len(line) - len(line.lstrip())
    for above in reversed(code[: max(line_start - 1, 0)].split("\n")):
        if not above.strip():
            continue
        if len(above) - len(above.lstrip()) < indent:
            return _FALLBACK.match(above) is not None
    return False


def connects_with_legacy_websockets(text: str) -> bool:
    """The module's code names the legacy websockets client, other than as the fallback
    of an import shim (``try: from websockets.asyncio.client import connect`` /
    ``except ImportError: from websockets.legacy.client import connect``, whose fallback
    never runs where the new client exists)."""
    if "websockets" not in text:
        return False  # the cheap test first: most modules name none
    code = code_only(text)
    return any(not _in_fallback(code, match.start()) for match in _LEGACY_CLIENT.finditer(code))


#: The question NFX203 asks (:func:`connects_with_legacy_websockets`).
LEGACY_WEBSOCKETS = "legacy websockets client"
#: The questions a rule may ask of the other modules of its package, by name.
QUESTIONS: Dict[str, Callable[[str], bool]] = {LEGACY_WEBSOCKETS: connects_with_legacy_websockets}

#: (package folder, question) -> the first two modules of it, tests aside, that answer
#: yes (two, so that one is not the module that asks).
Uses = Dict[Tuple[str, str], Tuple[str, ...]]


def _users(root: str, question: Callable[[str], bool]) -> Tuple[str, ...]:
    found: List[str] = []
    for path in walk_modules(root):
        if is_test(root, path):
            continue
        text = read_module(path)
        if text is not None and question(text):
            found.append(path)
            if len(found) == 2:
                break
    return tuple(found)


def used_elsewhere(path: str, question: str, uses: Uses) -> Tuple[str, str]:
    """The package folder of the module at ``path`` ("" outside a package) and the first
    other module of it (tests aside) whose code answers yes to the question named
    ``question`` (:data:`QUESTIONS`), as a path from the package's parent folder ("" if
    none): the module's own text answers for itself, and may be newer than its file.
    ``uses``: the packages read so far."""
    root = package_root(path) if os.path.isfile(path) else None
    if root is None:
        return "", ""
    key = (root, question)
    if key not in uses:
        uses[key] = _users(root, QUESTIONS[question])
    own = os.path.abspath(path)
    other = next((user for user in uses[key] if user != own), None)
    if other is None:
        return root, ""
    return root, os.path.relpath(other, os.path.dirname(root)).replace(os.sep, "/")
