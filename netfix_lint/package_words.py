"""Which other module of a package uses a name: the package view's generic question,
for a rule whose evidence is "the package uses this API somewhere" (NFX203: a legacy
websockets client, whose ``connect`` does raise ``InvalidStatusCode``, anywhere in it).

Read off the text as :mod:`netfix_lint.package_tls` reads it (the package is the
top-level import package, every module below it, test modules aside): the code uses the
name when it stands outside a string or a comment. Nothing is remembered here: the
caller hands in the dictionary a run keeps the answers in.
"""

from __future__ import annotations

import os
from typing import Dict, List, Tuple

from .package_stamps import package_root, walk_modules
from .package_tls import code_word, is_test, read_module

#: (package folder, the names) -> the first two modules of it, tests aside, whose code
#: uses one of them (two, so that one is not the module that asks).
Uses = Dict[Tuple[str, Tuple[str, ...]], Tuple[str, ...]]


def _users(root: str, words: Tuple[str, ...]) -> Tuple[str, ...]:
    found: List[str] = []
    for path in walk_modules(root):
        if is_test(root, path):
            continue
        text = read_module(path)
        if text is not None and code_word(text, words) is not None:
            found.append(path)
            if len(found) == 2:
                break
    return tuple(found)


def used_elsewhere(path: str, words: Tuple[str, ...], uses: Uses) -> Tuple[str, str]:
    """The package folder of the module at ``path`` ("" outside a package) and the first
    other module of it (tests aside) whose code uses one of ``words`` (names, or dotted
    ``module.name``), as a path from the package's parent folder ("" if none): the
    module's own text answers for itself, and may be newer than its file. ``uses``: the
    packages read so far."""
    root = package_root(path) if os.path.isfile(path) else None
    if root is None:
        return "", ""
    key = (root, words)
    if key not in uses:
        uses[key] = _users(root, words)
    own = os.path.abspath(path)
    other = next((user for user in uses[key] if user != own), None)
    if other is None:
        return root, ""
    return root, os.path.relpath(other, os.path.dirname(root)).replace(os.sep, "/")
