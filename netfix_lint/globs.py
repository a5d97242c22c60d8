"""Path patterns as git reads ``.gitignore`` files, and as ruff reads ``exclude`` and
``per-file-ignores``: one glob translator for both.

Globs: ``*`` and ``?`` never match ``/``; ``**`` as a whole path component matches any
number of folders; ``[a-z]``, ``[!a-z]`` and ``[[:digit:]]`` classes; ``\\`` escapes.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (10 ms)
if TYPE_CHECKING:  # pragma: no cover
    from typing import Callable, Dict, List, Optional, Pattern, Sequence, Tuple


_POSIX_CLASSES = {
    "alnum": "a-zA-Z0-9",
    "alpha": "a-zA-Z",
    "blank": " \\t",
    "digit": "0-9",
    "lower": "a-z",
    "punct": re.escape("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"),
    "space": " \\t\\n\\r\\f\\v",
    "upper": "A-Z",
    "xdigit": "0-9a-fA-F",
}


def glob_to_regex(pattern: str) -> str:
    """The regular expression (without anchors) for a slash-separated glob."""
    out: List[str] = []
    i, n = 0, len(pattern)
    while i < n:
        char = pattern[i]
        if char == "*":
            start = i
            while i < n and pattern[i] == "*":
                i += 1
            stars = i - start
            at_start = start == 0 or pattern[start - 1] == "/"
            at_end = i == n or pattern[i] == "/"
            if stars >= 2 and at_start and at_end:
                if i == n:
                    out.append(".*")  # "dir/**": everything inside; "**": everything
                else:
                    out.append("(?:.*/)?")  # "**/x", "a/**/b": zero or more folders
                    i += 1  # the slash is part of the group
            else:
                out.append("[^/]*")
            continue
        if char == "?":
            out.append("[^/]")
        elif char == "[":
            translated, i = _char_class(pattern, i)
            out.append(translated)
            continue
        elif char == "\\" and i + 1 < n:
            i += 1
            out.append(re.escape(pattern[i]))
        else:
            out.append(re.escape(char))
        i += 1
    return "".join(out)


def _char_class(pattern: str, start: int) -> Tuple[str, int]:
    """Translate the class opening at ``start``; an unclosed ``[`` is a literal."""
    i = start + 1
    negate = i < len(pattern) and pattern[i] in "!^"
    if negate:
        i += 1
    parts: List[str] = []
    first = True
    while i < len(pattern):
        char = pattern[i]
        if char == "]" and not first:
            body = "".join(parts)
            return (f"[^/{body}]" if negate else f"(?!/)[{body}]"), i + 1
        first = False
        if char == "[" and pattern.startswith("[:", i):
            end = pattern.find(":]", i + 2)
            name = pattern[i + 2 : end] if end != -1 else ""
            if name in _POSIX_CLASSES:
                parts.append(_POSIX_CLASSES[name])
                i = end + 2
                continue
        if char == "\\" and i + 1 < len(pattern):
            i += 1
            char = pattern[i]
        if char == "-" and parts and i + 1 < len(pattern) and pattern[i + 1] != "]":
            parts.append("-")
        else:
            parts.append(re.escape(char))
        i += 1
    return re.escape("["), start + 1


# -- .gitignore -----------------------------------------------------------------------------


@dataclass(frozen=True)
class IgnoreRule:
    regex: Pattern[str]
    negated: bool
    dir_only: bool


def parse_gitignore(text: str) -> List[IgnoreRule]:
    """The rules of one ``.gitignore`` file, in order (the last match decides)."""
    rules = []
    for raw in text.splitlines():
        line = raw.rstrip("\r")
        # Trailing spaces are ignored unless escaped with a backslash.
        while line.endswith(" ") and not line.endswith("\\ "):
            line = line[:-1]
        if not line or line.startswith("#"):
            continue
        negated = line.startswith("!")
        if negated:
            line = line[1:]
        dir_only = line.endswith("/")
        line = line.rstrip("/")
        if not line:
            continue
        # A slash at the start or in the middle anchors the pattern to the file's folder;
        # otherwise it matches a name at any depth below it.
        anchored = "/" in line
        body = glob_to_regex(line.lstrip("/") if anchored else line)
        prefix = "" if anchored else "(?:.*/)?"
        rules.append(IgnoreRule(re.compile(f"^{prefix}{body}$", re.DOTALL), negated, dir_only))
    return rules


class GitIgnore:
    """Decides what the ``.gitignore`` files of a tree (and ``.git/info/exclude``) ignore.

    ``root`` is the top of the work tree: ``.gitignore`` files from there down to a
    path's folder apply to it, deeper files after shallower, the last match deciding.
    A walk does not enter an ignored folder, so, as in git, nothing inside one can be
    re-included.
    """

    def __init__(self, root: str) -> None:
        self.root = os.path.abspath(root)
        #: For each folder, the (folder, rules) pairs that apply below it, root first.
        self._chains: Dict[str, List[Tuple[str, List[IgnoreRule]]]] = {}

    def _chain(self, folder: str) -> List[Tuple[str, List[IgnoreRule]]]:
        chain = self._chains.get(folder)
        if chain is None:
            if folder == self.root:
                chain = []
                rules = _read_rules(os.path.join(folder, ".git", "info", "exclude"))
            else:
                chain = list(self._chain(os.path.dirname(folder)))
                rules = []
            rules = rules + _read_rules(os.path.join(folder, ".gitignore"))
            if rules:
                chain.append((folder, rules))
            self._chains[folder] = chain
        return chain

    def ignored(self, path: str, is_dir: bool) -> bool:
        """Whether the rules ignore ``path`` itself (a walk does not enter an ignored
        folder, so what is inside one is never asked about)."""
        return self.ignored_absolute(os.path.abspath(path), is_dir)

    def ignored_absolute(self, path: str, is_dir: bool) -> bool:
        """As ignored, for an absolute, normalised path."""
        return self.ignored_in(os.path.dirname(path))(os.path.basename(path), is_dir)

    def ignored_in(self, folder: str) -> Callable[[str, bool], bool]:
        """``ignored`` for the entries of ``folder`` (absolute, normalised), by name: the
        rules that apply there, and each one's path prefix, worked out once."""
        if not (folder == self.root or inside(folder, self.root)):
            return _never
        chain = []
        for top, rules in self._chain(folder):
            below = folder[len(top) :].lstrip(os.sep).replace(os.sep, "/")
            chain.append((f"{below}/" if below else "", rules))

        def ignored(name: str, is_dir: bool) -> bool:
            decision = False
            for prefix, rules in chain:
                relative = prefix + name
                for rule in rules:
                    if (is_dir or not rule.dir_only) and rule.regex.match(relative):
                        decision = not rule.negated
            return decision

        return ignored


def _never(name: str, is_dir: bool) -> bool:
    return False


def inside(path: str, folder: str) -> bool:
    """Whether ``path`` is strictly below ``folder`` (both absolute and normalised)."""
    return path != folder and path.startswith(folder.rstrip(os.sep) + os.sep)


def _read_rules(path: str) -> List[IgnoreRule]:
    try:
        with open(path, encoding="utf-8", errors="surrogateescape") as handle:
            return parse_gitignore(handle.read())
    except OSError:
        return []


def work_tree_root(path: str) -> Optional[str]:
    """The folder holding ``.git`` at or above ``path``, or None outside a repository."""
    return work_tree_of(os.path.abspath(path if os.path.isdir(path) else os.path.dirname(path) or "."))


@functools.lru_cache(maxsize=4096)
def work_tree_of(folder: str) -> Optional[str]:
    """As work_tree_root, for an absolute folder; cached, as a walk asks once a file."""
    if os.path.exists(os.path.join(folder, ".git")):
        return folder
    parent = os.path.dirname(folder)
    return None if parent == folder else work_tree_of(parent)


# -- exclude and per-file-ignores, as ruff reads them --------------------------------------


class PathPattern:
    """A pattern of ``exclude`` or ``per-file-ignores``: without a slash it matches a
    file or folder name anywhere; with one, a path relative to ``root`` (the folder of
    the configuration file). A leading ``!`` negates it (per-file-ignores)."""

    def __init__(self, pattern: str, root: str) -> None:
        self.text = pattern
        self.negated = pattern.startswith("!")
        body = pattern[1:] if self.negated else pattern
        body = body.rstrip("/")
        self.by_name = "/" not in body
        if not self.by_name:
            body = body[2:] if body.startswith("./") else body
            if os.path.isabs(body):
                body = os.path.relpath(body, root).replace(os.sep, "/")
        self.root = os.path.abspath(root)
        self.regex = re.compile(f"^{glob_to_regex(body.lstrip('/'))}$", re.DOTALL)

    def matches(self, path: str) -> bool:
        """Whether ``path`` matches, ignoring negation."""
        path = os.path.abspath(path)
        if self.by_name:
            return bool(self.regex.match(os.path.basename(path)))
        relative = os.path.relpath(path, self.root).replace(os.sep, "/")
        return not relative.startswith("../") and bool(self.regex.match(relative))


class PatternSet:
    """``exclude`` patterns matched at once: one regular expression for the name
    patterns, one for the path patterns (relative to ``root``)."""

    def __init__(self, patterns: Sequence[str], root: str) -> None:
        self.root = os.path.abspath(root)
        compiled = [PathPattern(p, root) for p in patterns]
        self._names = _union([p.regex.pattern for p in compiled if p.by_name])
        self._paths = _union([p.regex.pattern for p in compiled if not p.by_name])

    def matches(self, path: str) -> bool:
        """``path`` must be absolute and normalised."""
        return self.matcher_in(os.path.dirname(path))(os.path.basename(path))

    def matcher_in(self, folder: str) -> Callable[[str], bool]:
        """``matches`` for the entries of ``folder`` (absolute, normalised), by name."""
        names, paths = self._names, self._paths
        prefix: Optional[str] = None
        if paths is not None and (folder == self.root or inside(folder, self.root)):
            below = folder[len(self.root.rstrip(os.sep)) + 1 :].replace(os.sep, "/")
            prefix = f"{below}/" if below else ""

        def matches(name: str) -> bool:
            if names is not None and names.match(name):
                return True
            return paths is not None and prefix is not None and bool(paths.match(prefix + name))

        return matches


def _union(regexes: Sequence[str]) -> Optional[Pattern[str]]:
    return re.compile("|".join(f"(?:{r})" for r in regexes), re.DOTALL) if regexes else None
