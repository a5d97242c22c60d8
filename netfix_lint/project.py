"""What a file's project allows: its websockets requirement, read from the nearest
``pyproject.toml``, ``requirements*.txt`` or ``setup.cfg`` above the file (as ruff finds
the closest configuration for each file, not the working directory's)."""

from __future__ import annotations

import configparser
import functools
import glob
import os
import re
import sys
from typing import Any, Iterable, Iterator, List, Optional, Set

from packaging.requirements import InvalidRequirement, Requirement
from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised by the 3.9/3.10 matrix
    import tomli as tomllib

#: Release numbers probed to tell which sides of websockets 14.0 a specifier allows.
_PROBES = [Version(f"{major}.{minor}{patch}") for major in range(1, 40) for minor in range(12) for patch in ("", ".1", ".2")]
NEW_CLIENT_DEFAULT = Version("14.0")

PROJECT_FILES = ("pyproject.toml", "setup.cfg")


def allowed_sides(specifier: Optional[str]) -> Set[str]:
    """{"legacy", "new"}: whether releases before 14.0, from 14.0, or both are allowed.
    ``None`` or ``"any"`` (unknown) allows both; ``"A or B"`` is the union of A and B."""
    if not specifier or specifier.strip().lower() == "any":
        return {"legacy", "new"}
    sides = set()
    for alternative in specifier.split(" or "):
        spec = SpecifierSet(alternative)
        for version in _PROBES:
            if spec.contains(version, prereleases=True):
                sides.add("new" if version >= NEW_CLIENT_DEFAULT else "legacy")
    return sides


def validate_specifier(specifier: str) -> str:
    """Raise ValueError with a readable message for a bad ``--websockets-version``."""
    if specifier.strip().lower() == "any":
        return "any"
    try:
        SpecifierSet(specifier)
    except InvalidSpecifier:
        try:
            Version(specifier)
        except Exception:
            raise ValueError(f"not a version or version specifier: {specifier!r}") from None
        return f"=={specifier}"
    return specifier


def websockets_specifier(path: str) -> Optional[str]:
    """The websockets specifier of the project ``path`` belongs to; None when unknown."""
    return _for_directory(os.path.dirname(os.path.abspath(path)))


@functools.lru_cache(maxsize=None)
def _for_directory(directory: str) -> Optional[str]:
    files = [os.path.join(directory, name) for name in PROJECT_FILES]
    files += sorted(glob.glob(os.path.join(glob.escape(directory), "requirements*.txt")))
    present = [f for f in files if os.path.isfile(f)]
    # Each requirement is an alternative (optional groups, markers, sibling files): the
    # project allows their union, so a fix chosen from it is right for every one.
    specifiers: List[str] = []
    for requirement in _requirements(present):
        if canonicalize_name(requirement.name) == "websockets":
            text = str(requirement.specifier)
            if not text:
                return None  # an unpinned "websockets": any release
            if text not in specifiers:
                specifiers.append(text)
    if specifiers:
        return " or ".join(specifiers)
    # Nothing here names websockets (a tool-only pyproject.toml, a [flake8] setup.cfg):
    # ask the folder above, as a monorepo's root may.
    parent = os.path.dirname(directory)
    return None if parent == directory else _for_directory(parent)


def _requirements(paths: Iterable[str]) -> Iterator[Requirement]:
    for path in paths:
        try:
            if path.endswith(".toml"):
                lines = _pyproject_lines(path)
            elif path.endswith(".cfg"):
                lines = _setup_cfg_lines(path)
            else:
                lines = list(_requirements_txt_lines(path, set()))
        except (OSError, ValueError, TypeError, AttributeError, UnicodeDecodeError, configparser.Error):
            # A project file we cannot read (or of unexpected shape, such as
            # ``project = "oops"``) says nothing about websockets.
            continue
        for line in lines:
            try:
                yield Requirement(line)
            except InvalidRequirement:
                continue


def _pyproject_lines(path: str) -> List[str]:
    with open(path, "rb") as handle:
        data: Any = tomllib.load(handle)
    project = _table(data.get("project"))
    lines: List[Any] = list(_array(project.get("dependencies")))
    for group in _table(project.get("optional-dependencies")).values():
        lines.extend(_array(group))
    for group in _table(data.get("dependency-groups")).values():
        lines.extend(_array(group))  # {include-group = ...} entries are not strings
    lines.extend(_poetry_lines(_table(_table(data.get("tool")).get("poetry"))))
    return [line for line in lines if isinstance(line, str)]


def _poetry_lines(poetry: Any) -> Iterator[str]:
    """Poetry's dependency tables as PEP 508 lines (``websockets = "~14.1"``)."""
    tables = [poetry.get("dependencies"), poetry.get("dev-dependencies")]
    tables += [_table(group).get("dependencies") for group in _table(poetry.get("group")).values()]
    for table in tables:
        for name, value in _table(table).items():
            # A string, {version = "..."}, or a list of those for several markers.
            for entry in value if isinstance(value, list) else [value]:
                constraint = entry.get("version") if isinstance(entry, dict) else entry
                if isinstance(name, str) and isinstance(constraint, str):
                    for alternative in constraint.split("||"):
                        converted = poetry_specifier(alternative)
                        if converted is not None:
                            yield f"{name}{converted}"


_POETRY_VERSION = re.compile(r"^\d+(?:\.\d+)*(?:\.\*)?$")


def poetry_specifier(constraint: str) -> Optional[str]:
    """A Poetry constraint (``^14.1``, ``~14.1``, ``14.1``, ``>=14,<15``, ``*``) as a PEP 440
    specifier; None when it is not one Poetry documents."""
    parts = []
    joined = re.sub(r"([<>=!~^]+)\s+", r"\1", constraint.strip())  # ">= 14" -> ">=14"
    for raw in re.split(r"[,\s]+", joined):
        part = raw.strip().rstrip(",")
        if part in ("", "*"):
            continue
        if part.startswith("^") or (part.startswith("~") and not part.startswith("~=")):
            version = part[1:].strip()
            if not _POETRY_VERSION.match(version) or version.endswith("*"):
                return None
            numbers = [int(n) for n in version.split(".")]
            if part.startswith("^"):
                # The first non-zero component may not change (^0.3 is >=0.3,<0.4).
                index = next((i for i, n in enumerate(numbers) if n), len(numbers) - 1)
            else:
                index = 0 if len(numbers) == 1 else 1  # ~14 is >=14,<15; ~14.1 is >=14.1,<14.2
            upper = numbers[: index + 1]
            upper[-1] += 1
            parts.append(f">={version},<{'.'.join(map(str, upper))}")
        elif _POETRY_VERSION.match(part):
            parts.append(f"=={part}")
        elif part.startswith("=") and not part.startswith("=="):
            parts.append("=" + part)  # Poetry's "=14.1" is "==14.1"
        elif part.startswith(("<", ">", "==", "!", "~=")):
            parts.append(part)
        else:
            return None
    return ",".join(parts)


def _table(value: Any) -> Any:
    return value if isinstance(value, dict) else {}


def _array(value: Any) -> List[Any]:
    return value if isinstance(value, list) else []


def _setup_cfg_lines(path: str) -> List[str]:
    parser = configparser.ConfigParser()
    parser.read(path, encoding="utf-8")
    lines = parser.get("options", "install_requires", fallback="").splitlines()
    if parser.has_section("options.extras_require"):
        for _, value in parser.items("options.extras_require"):
            lines.extend(value.splitlines())
    return [line.strip() for line in lines if line.strip()]


def _requirements_txt_lines(path: str, seen: Set[str]) -> Iterator[str]:
    real = os.path.realpath(path)
    if real in seen:
        return  # -r loops
    seen.add(real)
    with open(path, encoding="utf-8") as handle:
        for raw in handle:
            line = raw.split(" #", 1)[0].strip()
            include = _INCLUDE.match(line)
            if include is not None:
                # -r/--requirement and -c/--constraint (constraints narrow what is
                # installed: counted as one more alternative, which only widens the union).
                included = os.path.join(os.path.dirname(path), include.group(1).strip())
                try:
                    yield from _requirements_txt_lines(included, seen)
                except (OSError, UnicodeDecodeError):
                    continue  # a missing include says nothing; the rest of the file does
            elif line and not line.startswith(("#", "-")):
                yield line


_INCLUDE = re.compile(r"^(?:-r|-c|--requirement|--constraint)(?:\s*=\s*|\s+|(?<=^-r)|(?<=^-c))(\S.*)$")
