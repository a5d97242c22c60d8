"""NFX204: a websockets requirement that can only resolve to 14.0 or 14.1.

Those releases (and the new client before 14.2 generally) raise raw NotImplementedError,
ValueError or EOFError instead of InvalidHandshake for chunked, malformed or empty
handshake responses (websockets issues #1548, #1550; fixed in 14.2 by PR #1568).
Requirement files are not Python: this rule reads them line by line, and its fix edits
only the version bounds inside the requirement's own text.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator, List, Optional, Tuple

from ..project import poetry_specifier
from .base import Invalid, Rule, register

if TYPE_CHECKING:  # pragma: no cover
    from packaging.specifiers import SpecifierSet
    from packaging.version import Version

CODE, NAME = "NFX204", "websockets-pin-without-handshake-fixes"


@functools.cache
def _releases() -> Tuple[Version, Tuple[Version, ...], Tuple[Version, ...]]:
    """14.2 (the fixed release), 14.0 and 14.1 (the broken ones), and the releases from
    14.2 on, future ones included: if a specifier admits one, a resolver picks it. 14.2
    is the last 14.x release (checked on the package index), so no 14.3 is probed.
    (packaging is imported here, where a requirement is read: most runs read none.)"""
    from packaging.version import Version

    fixed = Version("14.2")
    later = [
        Version(f"{major}.{minor}{patch}") for major in range(15, 40) for minor in range(12) for patch in ("", ".1")
    ]
    return fixed, (Version("14.0"), Version("14.1")), (fixed, *later)


_TOML_STRING = re.compile(r""""((?:[^"\\\n]|\\.)*)"|'([^'\n]*)'""")
_CLAUSE = re.compile(r"(===|==|~=|<=|<)(\s*)(\d+(?:\.\d+)*(?:(?:a|b|rc|\.post|\.dev)\d+)*(?:\.\*)?)")


def resolves_to_broken_release(specifier: SpecifierSet) -> bool:
    """The newest release ``specifier`` admits is 14.0 or 14.1."""
    _, broken, later = _releases()
    if any(specifier.contains(v, prereleases=False) for v in later):
        return False
    return any(specifier.contains(v) for v in broken)


def raise_bounds(text: str) -> str:
    """Raise every bound in a specifier text that excludes 14.2, keeping the rest."""
    from packaging.version import Version

    fixed, broken, _ = _releases()

    def bump(match: re.Match[str]) -> str:
        # The spacing between operator and version is the user's: kept (``== 14.1``).
        op, space, version = match.group(1), match.group(2), match.group(3)
        if version.endswith(".*"):
            # ==14.1.* / ==14.0.* -> ==14.2.*
            head = Version(version[:-2])
            return f"{op}{space}14.2.*" if op == "==" and head.release[:2] in ((14, 0), (14, 1)) else match.group(0)
        value = Version(version)
        if op in ("==", "===") and value in broken:
            return f"{op}{space}14.2"
        if op == "<=" and value < fixed:
            return f"<={space}14.2"  # also a pre-release of 14.2 (<=14.2.0a1)
        if op == "<" and value <= fixed:
            return f"<{space}14.3"
        if op == "~=" and value.release[:2] in ((14, 0), (14, 1)) and len(value.release) >= 3:
            return f"~={space}14.2.0"
        return match.group(0)

    return _CLAUSE.sub(bump, text)


@dataclass(frozen=True)
class PinFinding:
    line: int  # 1-based
    col: int  # 1-based, where the requirement text starts
    end_col: int
    old: str  # the requirement text
    #: The same text with the bounds raised; None when that cannot admit 14.2 (an
    #: explicit ``!=14.2`` is the user's choice, not ours to drop) or the requirement is
    #: hash-pinned (the hashes are 14.1's files: ``--require-hashes`` would refuse 14.2).
    new: Optional[str]
    #: The PEP 440 specifier the text means (a Poetry ``~14.1`` is ``>=14.1,<14.2``).
    specifier: str = ""
    #: Hashes pin the release's files: no fix (regenerate them, pip-compile --upgrade-package).
    hashed: bool = False


def _candidates(line: str, toml: bool) -> Iterator[Tuple[int, str]]:
    """(column, text) of the requirement strings a line may hold."""
    if toml:
        # TOML basic ("...", may hold single quotes) and literal ('...') strings, up to
        # a comment: a "#" outside any string.
        previous = 0
        for match in _TOML_STRING.finditer(line):
            if "#" in line[previous : match.start()]:
                return
            group = 1 if match.group(1) is not None else 2
            yield match.start(group), match.group(group)
            previous = match.end()
        return
    # requirements.txt: drop a comment (after any whitespace), pip-compile's
    # "--hash=..." options and a trailing line continuation.
    stripped = re.split(r"\s#|\s--|\s\\$", line.rstrip("\r\n"), maxsplit=1)[0].rstrip()
    if stripped.strip() and not stripped.lstrip().startswith(("#", "-", "[")):
        start = len(stripped) - len(stripped.lstrip())
        text = stripped.strip()
        if "=" in re.split("websockets", text, maxsplit=1, flags=re.IGNORECASE)[0] and not toml:
            # setup.cfg "install_requires = websockets==14.1" on one line
            key, _, value = text.partition("=")
            if not value.startswith("="):
                start += len(key) + 1 + (len(value) - len(value.lstrip()))
                text = value.strip()
        yield start, text


def _unescape(text: str) -> str:
    return text.replace('\\"', '"').replace("\\\\", "\\")


_POETRY_TABLE = re.compile(r"^\s*\[\s*tool\.poetry\.(?:group\.[^.\]]+\.)?(?:dev-)?dependencies\s*\]")
_POETRY_ENTRY = re.compile(r"""^\s*["']?websockets["']?\s*=\s*""", re.IGNORECASE)
_POETRY_VERSION_KEY = re.compile(r"""\bversion\s*=\s*$""")


def _poetry_constraint(line: str) -> Optional[Tuple[int, str]]:
    """In a Poetry dependency table, ``websockets = "14.1"`` or ``{ version = "~14.1" }``:
    (column, constraint)."""
    entry = _POETRY_ENTRY.match(line)
    if entry is None:
        return None
    for match in _TOML_STRING.finditer(line, entry.end()):
        before = line[entry.end() : match.start()]
        if "#" in before:
            return None
        if before.strip() and not _POETRY_VERSION_KEY.search(before):
            continue  # another key of the inline table (extras, markers, source)
        group = 1 if match.group(1) is not None else 2
        return match.start(group), match.group(group)
    return None


def _raise_poetry(constraint: str) -> Optional[str]:
    text = constraint.strip()
    if text.startswith("~") and not text.startswith("~="):
        return f">={text[1:].strip()},<14.3"  # ~14.1 is >=14.1,<14.2: keep the lower bound
    if re.fullmatch(r"=?\s*14\.[01](?:\.0)?", text):
        return "14.2"  # an exact Poetry pin
    if re.fullmatch(r"14\.[01]\.\*", text):
        return "14.2.*"
    return raise_bounds(text)


@dataclass(frozen=True)
class RequirementText:
    """A websockets requirement in a requirement file: where its text stands, and the
    PEP 440 specifier it means."""

    line: int  # 1-based
    col: int  # 0-based, where ``text`` starts
    text: str
    specifier: str
    #: A Poetry constraint (``"^12.0"``, ``{ version = "~14.1" }``), not PEP 508 text.
    poetry: bool = False
    #: Pinned by ``--hash`` options: its files, not only its version.
    hashed: bool = False


_INCLUDE_GROUP = re.compile(r"include-group\s*=\s*$")
_TABLE = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]")
_TOML_KEY = re.compile(r"""^\s*(["']?)([A-Za-z0-9_.-]+)\1\s*=""")
_CFG_KEY = re.compile(r"^([^\s=:#;][^=:]*?)\s*[=:]")


_LIST_WORDS = ("dependencies", "requires", "require", "requirements", "dependency-groups", "deps")


def _dependency_list(table: str, key: str) -> bool:
    """Whether a value under ``[table]`` ``key =`` is a list of requirements (any table or
    dotted key part naming one: ``optional-dependencies.ws``, hatch's ``dependencies``,
    setup.cfg's ``install_requires`` / ``install-requires``, tox's ``deps``): not
    ``keywords = ["websockets"]``, a mypy override's ``module``, isort's
    ``known_third_party``, Poetry's ``extras``, which name the package too."""
    parts = f"{table}.{key}".lower().replace("_", "-").split(".")
    return any(part.strip().endswith(_LIST_WORDS) for part in parts)


def requirement_texts(text: str, path: str) -> Iterator[RequirementText]:
    """Every websockets requirement of a requirements*.txt, pyproject.toml (any
    dependency list, Poetry's tables) or setup.cfg."""
    from packaging.requirements import InvalidRequirement, Requirement
    from packaging.utils import canonicalize_name

    name = os.path.basename(path)
    toml, cfg = name.endswith(".toml"), name.endswith(".cfg")
    poetry = False  # inside a [tool.poetry...dependencies] table
    table = key = ""  # where a value of pyproject.toml or setup.cfg is
    lines = text.splitlines()
    for number, line in enumerate(lines, 1):
        header = _TABLE.match(line) if toml or cfg else None
        if header is not None:
            table, key = header.group(1).replace('"', "").replace("'", ""), ""
            poetry = toml and bool(_POETRY_TABLE.match(line))
            continue
        named = _TOML_KEY.match(line) if toml else _CFG_KEY.match(line) if cfg else None
        start = 0
        if named is not None:
            key = named.group(2) if toml else named.group(1).strip()
            start = named.end()  # (setup.cfg: ``websockets = websockets==14.1`` in extras_require)
        # Names compare canonicalised (PEP 503): WebSockets is websockets.
        if "websockets" not in line.lower():
            continue
        if (toml or cfg) and not poetry and not _dependency_list(table, key):
            continue
        if poetry:
            found = _poetry_constraint(line)
            if found is not None:
                start, constraint = found
                yield RequirementText(number, start, constraint, poetry_specifier(constraint) or "", poetry=True)
            continue
        for col, candidate in _candidates(line[start:] if cfg else line, toml):
            col += start if cfg else 0
            if toml and _INCLUDE_GROUP.search(line, 0, max(col - 1, 0)):
                continue  # ``{include-group = "websockets"}`` names a group
            try:
                # A TOML basic string may escape quotes in markers: \"3.9\".
                requirement = Requirement(_unescape(candidate) if toml else candidate)
            except InvalidRequirement:
                continue
            if canonicalize_name(requirement.name) != "websockets":
                continue
            hashed = not toml and _hash_pinned(lines, number - 1)
            yield RequirementText(number, col, candidate, str(requirement.specifier), hashed=hashed)


def find_pins(text: str, path: str) -> List[PinFinding]:
    from packaging.requirements import Requirement
    from packaging.specifiers import SpecifierSet

    found = []
    for req in requirement_texts(text, path):
        if not req.specifier or not resolves_to_broken_release(SpecifierSet(req.specifier)):
            continue
        new: Optional[str]
        if req.poetry:
            new = _raise_poetry(req.text)
            fixed = poetry_specifier(new) if new is not None else None
            if fixed is None or resolves_to_broken_release(SpecifierSet(fixed)):
                new = None
        else:
            new = raise_bounds(req.text)
            if resolves_to_broken_release(Requirement(_unescape(new)).specifier):
                new = None
        start = req.col + 1
        found.append(
            PinFinding(
                req.line,
                start,
                start + len(req.text),
                req.text,
                None if req.hashed else new,
                req.specifier,
                req.hashed,
            )
        )
    return found


MESSAGE = (
    "websockets requirement resolves to {release}, which raises NotImplementedError, "
    "ValueError or EOFError instead of InvalidHandshake on bad handshake responses; "
    "fixed in 14.2"
)


@register
class WebsocketsPinWithoutHandshakeFixes(Rule):
    """
    ## What it does
    Finds a websockets requirement whose newest admissible release is 14.0 or 14.1
    (`websockets==14.1`, `websockets<14.2`, `websockets>=14,<14.2`, `<=14.1`,
    `~=14.1.0`) in `requirements*.txt`, `pyproject.toml` (any dependency list, and
    Poetry's dependency tables: `websockets = "~14.1"`, `{ version = "14.0" }`) and
    `setup.cfg`. The command line checks these files when it walks a folder or is
    given them; flake8 does not read them.

    ## Why is this bad?
    websockets 14.0 and 14.1 answer a refused handshake whose error response is
    chunked with a raw `NotImplementedError("transfer codings aren't supported")`, a
    malformed response with `ValueError` and a server that closes before answering with
    `EOFError`: none of them is an `InvalidHandshake`, so handlers for refused
    connections miss them. 14.2 raises `InvalidStatus` / `InvalidMessage` instead.
    (Measured with this project's tests: the new client of 13.x has the same flaw;
    the legacy client does not.)

    ## Example
    ```text
    websockets==14.1  # realtime API
    ```

    Use instead:
    ```text
    websockets==14.2  # realtime API
    ```

    ## Fix
    Raises the bound that keeps 14.2 out (`==14.1` to `==14.2`, `<14.2` to `<14.3`,
    `<=14.1` to `<=14.2`, `~=14.1.0` to `~=14.2.0`; Poetry's `14.1` to `14.2` and
    `~14.1` to `>=14.1,<14.3`), keeping the rest of the line: other bounds, extras,
    markers, comments.

    ## Fix safety
    Safe: 14.2 is a bug-fix release of the 14 series.

    ## Sources
    - websockets issues #1548 and #1550, PR #1568 (released in 14.2)
    - websockets 14.2 changelog
    """

    code = CODE
    name = NAME
    fix_safety = "safe"
    reads = "requirements"
    trigger = re.compile(r"(?i)websockets")
    valid = ("websockets==14.2\n", "websockets>=14,<16\n", "websockets<14\n", "websockets~=14.0\n")
    invalid = (
        Invalid("websockets==14.1  # realtime\n", "websockets==14.2  # realtime\n"),
        Invalid(
            "websockets[speedups]>=14,<14.2 ; python_version >= '3.9'\n",
            "websockets[speedups]>=14,<14.3 ; python_version >= '3.9'\n",
        ),
        Invalid("websockets<=14.1\n", "websockets<=14.2\n"),
        Invalid("websockets==14.1.*\n", "websockets==14.2.*\n"),
        Invalid("websockets>=14,<15,!=14.2\n"),  # reported; 14.2 excluded on purpose: no fix
        # Hash-pinned (pip-compile --generate-hashes): the hashes are 14.1's, so a raised
        # bound would fail `pip install --require-hashes`: reported, no fix.
        Invalid("websockets==14.1 \\\n    --hash=sha256:0123456789abcdef\n"),
        Invalid("websockets==14.1 --hash=sha256:0123456789abcdef\n"),
        Invalid("WebSockets==14.1\n", "WebSockets==14.2\n"),
        Invalid("websockets == 14.1\n", "websockets == 14.2\n"),
        Invalid("websockets >= 14, < 14.2\n", "websockets >= 14, < 14.3\n"),
        Invalid("websockets==14.1\t# tab before the comment\n", "websockets==14.2\t# tab before the comment\n"),
        Invalid("websockets<=14.2.0a1\n", "websockets<=14.2\n"),
    )


def _hash_pinned(lines: List[str], index: int) -> bool:
    """The requirement on ``lines[index]`` carries ``--hash`` options, on its line or on
    the continuation lines after it (as ``pip-compile --generate-hashes`` writes)."""
    while index < len(lines):
        line = lines[index].split(" #", 1)[0]
        if "--hash" in line:
            return True
        if not line.rstrip().endswith("\\"):
            return False
        index += 1
    return False


def pin_message(pin: PinFinding) -> str:
    from packaging.specifiers import SpecifierSet

    newest = [v for v in _releases()[1] if SpecifierSet(pin.specifier).contains(v)]
    message = MESSAGE.format(release=str(max(newest)) if newest else "14.1")
    if pin.hashed:
        message += " (no fix: the hashes pin its files; raise the bound and regenerate them)"
    return message
