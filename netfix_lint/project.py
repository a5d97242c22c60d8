"""What a file's project allows: its websockets requirement, read from the nearest
``pyproject.toml``, ``requirements*.txt`` or ``setup.cfg`` above the file (as ruff finds
the closest configuration for each file, not the working directory's)."""

from __future__ import annotations

import configparser
import functools
import glob
import os
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
    return [line for line in lines if isinstance(line, str)]


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
            if line.startswith(("-r ", "--requirement ")):
                included = line.split(None, 1)[1].strip()
                yield from _requirements_txt_lines(os.path.join(os.path.dirname(path), included), seen)
            elif line and not line.startswith(("#", "-")):
                yield line
