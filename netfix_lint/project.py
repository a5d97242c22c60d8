"""What a file's project allows: its websockets requirement, read from the nearest
``pyproject.toml``, ``requirements*.txt`` or ``setup.cfg`` above the file (as ruff finds
the closest configuration for each file, not the working directory's).

``packaging`` is imported only when a specifier is read: a run served from the cache
(and ``--version``) does without it."""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass

from .files import toml_parser

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (10 ms)
if TYPE_CHECKING:  # pragma: no cover
    from typing import Any, Iterable, Iterator, List, Optional, Sequence, Set, Tuple

    from packaging.requirements import Requirement
    from packaging.version import Version

PROJECT_FILES = ("pyproject.toml", "setup.cfg")
#: The specifier of a project that requires ``websockets`` with no version: every release,
#: stated, unlike an unknown one (None). pip keeps whatever release is installed already,
#: however old (``pip install`` upgrades only what the requirement rejects).
UNPINNED = ">=0"
#: The specifier of a project that lists its dependencies and not websockets: every
#: release, as with no version, since whichever is installed (by the user, or for
#: another dependency) is what the code gets. Spelled apart from UNPINNED for messages.
UNDECLARED = ">=0.0"


def describe(specifier: Optional[str]) -> str:
    """The allowed releases, as a message names them."""
    if specifier == UNPINNED:
        return "any release: `websockets` is required with no version"
    if specifier == UNDECLARED:
        return "any release: `websockets` is not among the project's requirements"
    return specifier or "any version"


def why_every(specifier: Optional[str]) -> str:
    """Why a project allows every release, where it names no version: "" otherwise."""
    if specifier == UNDECLARED:
        return ": `websockets` is not among its requirements, so whichever release is installed runs"
    if specifier == UNPINNED:
        return ": `websockets` is required with no version"
    return ""


def allowed_sides(specifier: Optional[str]) -> Set[str]:
    """{"legacy", "new"}: whether releases before 14.0, from 14.0, or both are allowed.
    ``None`` or ``"any"`` (unknown) allows both; ``"A or B"`` is the union of A and B."""
    if not specifier or specifier.strip().lower() == "any":
        return {"legacy", "new"}
    from packaging.specifiers import SpecifierSet

    probes, new_client = _probes()
    sides = set()
    for alternative in specifier.split(" or "):
        spec = SpecifierSet(alternative)
        for version in probes:
            if spec.contains(version, prereleases=True):
                sides.add("new" if version >= new_client else "legacy")
    return sides


def allows_below(specifier: Optional[str], release: str) -> bool:
    """Whether ``specifier`` (None or "any": unknown) admits a websockets release older
    than ``release`` ("13.0": the first with ``websockets.asyncio.client``)."""
    return _admits(specifier, release, below=True)


def allows_from(specifier: Optional[str], release: str) -> bool:
    """Whether ``specifier`` (None or "any": unknown) admits ``release`` or a later one."""
    return _admits(specifier, release, below=False)


def _admits(specifier: Optional[str], release: str, below: bool) -> bool:
    if not specifier or specifier.strip().lower() == "any":
        return True
    from packaging.specifiers import SpecifierSet
    from packaging.version import Version

    probes, _ = _probes()
    bound = Version(release)
    return any(
        SpecifierSet(alternative).contains(version, prereleases=True)
        for alternative in specifier.split(" or ")
        for version in probes
        if (version < bound) == below
    )


@functools.cache
def _probes() -> Tuple[List[Version], Version]:
    """Release numbers probed to tell which sides of websockets 14.0 a specifier allows,
    and 14.0, the first release whose ``connect`` is the new client."""
    from packaging.version import Version

    releases = [
        f"{major}.{minor}{patch}" for major in range(1, 40) for minor in range(12) for patch in ("", ".1", ".2")
    ]
    return [Version(release) for release in releases], Version("14.0")


def validate_specifier(specifier: str) -> str:
    """Raise ValueError with a readable message for a bad ``--websockets-version``."""
    if specifier.strip().lower() == "any":
        return "any"
    from packaging.specifiers import InvalidSpecifier, SpecifierSet
    from packaging.version import Version

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
    return websockets_lookup(os.path.dirname(os.path.abspath(path))).specifier


def declaring_folder(path: str) -> Optional[str]:
    """The folder whose project files give ``path`` its websockets requirement, or list
    the requirements that leave websockets out (UNDECLARED)."""
    lookup = websockets_lookup(os.path.dirname(os.path.abspath(path)))
    return lookup.declared_in or lookup.listed_in


def lists_without_websockets(path: str) -> bool:
    """Whether ``path`` is the file that lists the requirements of a project that leaves
    websockets out (UNDECLARED): the first of its folder's project files that lists any."""
    path = os.path.abspath(path)
    folder = os.path.dirname(path)
    lookup = websockets_lookup(folder)
    if lookup.specifier != UNDECLARED or lookup.listed_in != folder:
        return False
    # pyproject.toml, setup.cfg, then requirements.txt before requirements-dev.txt and kin.
    files = [f for f in project_files(folder) if _read_here(f)]
    files.sort(key=lambda f: f.endswith(".txt") and os.path.basename(f) != "requirements.txt")
    first = next((f for f in files if _declares([f])), None)
    return first == path


@dataclass(frozen=True)
class Lookup:
    """The websockets specifier for the files of a folder, and what it was read from:
    the answer holds as long as the folders searched list the same project files and
    the files read (or looked for and missing) keep their content."""

    specifier: Optional[str]
    #: The folder whose project files name websockets (None: no folder above does).
    declared_in: Optional[str]
    #: Each folder searched, with the names of the project files it held.
    folders: Tuple[Tuple[str, Tuple[str, ...]], ...]
    files: Tuple[str, ...]
    #: UNDECLARED: the nearest folder with project files, which lists the requirements.
    listed_in: Optional[str] = None
    #: A folder searched may hold or pin requirements that are not read (a setup.py, a
    #: lock or dev list naming websockets, a uv workspace): never UNDECLARED below it.
    defers: bool = False


#: Files (and a folder) that may hold a project's requirements, or pin what installs, but
#: are not read for them: a lock, a dev or test list, tox's or nox's environments.
UNREAD = (
    *("setup.py", "Pipfile", "environment.yml", "environment.yaml", "requirements", "tox.ini", "noxfile.py"),
    *("Pipfile.lock", "poetry.lock", "uv.lock", "pdm.lock", "pylock.toml"),
)
UNREAD_PATTERNS = ("*requirements*.txt", "*requirements*.in", "constraints*.txt", "requirements*.lock", "pylock.*.toml")


def project_files(directory: str) -> List[str]:
    """The files of ``directory`` that may declare the project's requirements: those read
    (pyproject.toml, setup.cfg, requirements*.txt) and those that are not (UNREAD)."""
    import fnmatch

    try:
        names = sorted(entry.name for entry in os.scandir(directory))
    except OSError:
        return []
    known = {*PROJECT_FILES, *UNREAD}
    chosen = [n for n in names if n in known or any(fnmatch.fnmatchcase(n, p) for p in UNREAD_PATTERNS)]
    return [os.path.join(directory, n) for n in chosen]


def _read_here(path: str) -> bool:
    """Whether a project file is one the lookup reads requirements from."""
    name = os.path.basename(path)
    read = name in PROJECT_FILES or (name.startswith("requirements") and name.endswith(".txt"))
    return read and os.path.isfile(path)


@functools.cache
def websockets_lookup(directory: str) -> Lookup:
    from packaging.utils import canonicalize_name

    listed = project_files(directory)
    listing = (directory, tuple(os.path.basename(f) for f in listed))
    present = [f for f in listed if _read_here(f)]
    read: List[str] = []
    # Each requirement is an alternative (optional groups, markers, sibling files): the
    # project allows their union, so a fix chosen from it is right for every one. An
    # extra's requirement adds to the package's own, when it has one: it cannot lower
    # the floor of an install that always has the other (``websockets>=14`` beside
    # ``websockets>=11; extra == "test"`` allows 14 on).
    found = [r for r in _requirements(present, read) if canonicalize_name(r[0].name) == "websockets"]
    if any(not optional for _, optional in found):
        found = [(r, optional) for r, optional in found if not optional]
    specifiers: List[str] = []
    unpinned = url = False
    for requirement, _ in found:
        text = str(requirement.specifier)
        url = url or bool(requirement.url)  # a build from a URL: its release is not read
        unpinned = unpinned or not (text or requirement.url)
        if text and text not in specifiers:
            specifiers.append(text)
    if url:
        return Lookup(None, directory, (listing,), tuple(read))
    if specifiers:
        # A name with no version beside one with (a dev file repeating it, ``-c
        # constraints.txt``) adds nothing: the stated one is what installs hold to.
        return Lookup(" or ".join(specifiers), directory, (listing,), tuple(read))
    if unpinned:
        return Lookup(UNPINNED, directory, (listing,), tuple(read))
    # Nothing here names websockets (a tool-only pyproject.toml, a [flake8] setup.cfg):
    # ask the folder above, as a monorepo's root may. If none does, the nearest folder
    # with project files decides: one that lists the project's requirements without
    # websockets gets whichever release is installed (UNDECLARED), unless a folder on
    # the way may hold or pin requirements the lookup does not read.
    here = _declares(listed, read) if listed else None
    parent = os.path.dirname(directory)
    above = websockets_lookup(parent) if parent != directory else None
    folders, files = (listing, *(above.folders if above else ())), (*read, *(above.files if above else ()))
    if above is not None and above.declared_in is not None:
        return Lookup(above.specifier, above.declared_in, folders, files)
    defers = here is False or (above is not None and above.defers)
    if listed:
        listed_in = directory if here else None
    else:
        listed_in = above.listed_in if above is not None else None
    if defers:
        listed_in = None
    return Lookup(UNDECLARED if listed_in else None, None, folders, files, listed_in, defers)


def _declares(paths: Sequence[str], read: Optional[List[str]] = None) -> Optional[bool]:
    """Whether a folder's project files list the project's requirements in full: True for
    static ``[project]`` dependencies, Poetry's, setup.cfg's ``install_requires`` or a
    requirements file of requirements. False where some may be elsewhere, whatever the
    others list: a ``setup.py`` or a ``requirements/`` folder; a file not read for
    requirements that names websockets (a lock, a dev or test list, ``tox.ini``, a
    Pipfile); dynamic dependencies or ``file:`` in setup.cfg; a local project or a URL in
    any list (``-e .``, ``./libs/x``, ``x @ file:...``, Poetry's ``path`` / ``git``, uv's
    sources and workspaces); websockets named in a table not read (uv's, hatch's); a line
    that is not a requirement, a value of the wrong type, a file that cannot be read.
    None where none of them lists any. ``read`` gets the files opened."""
    found: Optional[bool] = None
    for path in paths:
        if read is not None and os.path.isfile(path) and path not in read:
            read.append(path)
        says = _file_says(path)
        if says is False:
            return False
        found = found or says
    return found


@functools.cache
def _file_says(path: str) -> Optional[bool]:
    """:func:`_declares` for one file (read once per process, as the lookup is)."""
    import configparser

    name = os.path.basename(path)
    if name in ("setup.py", "requirements"):
        return False
    try:
        with open(path, "rb") as handle:
            content = handle.read()
        if b"websockets" in content.lower():
            return False
        if not _read_here(path):
            return None  # a lock or a dev list without websockets: nothing either way
        if name == "pyproject.toml":
            return _pyproject_declares(toml_parser().loads(content.decode("utf-8-sig")))
        if name == "setup.cfg":
            parser = configparser.ConfigParser()
            parser.read_string(content.decode("utf-8-sig"))
            main = parser.get("options", "install_requires", fallback="")
            main = main or parser.get("options", "install-requires", fallback="")
            return _all_requirements(main.splitlines(), False)
        return _all_requirements(_txt_lines(path, set()), True)
    except (OSError, ValueError, TypeError, AttributeError, UnicodeDecodeError, configparser.Error):
        return False  # unread: it may list anything


def _pyproject_declares(data: Any) -> Optional[bool]:
    tool = _table(data.get("tool"))
    uv = _table(tool.get("uv"))
    if uv.get("sources") or uv.get("workspace"):
        return False  # packages from paths or a workspace: their requirements are theirs
    found: Optional[bool] = None
    project = data.get("project")
    if project is not None:
        if not isinstance(project, dict) or "dependencies" in _strings(project.get("dynamic", [])):
            return False
        found = True  # a [project] table without dependencies lists none, by PEP 621
        lists = [project.get("dependencies", []), *_values(project.get("optional-dependencies", {}))]
        lists += _values(data.get("dependency-groups", {}))
        for listed in lists:
            if _all_requirements(_strings(listed, groups=True), False) is False:
                return False
    poetry = _table(tool.get("poetry"))
    tables = [poetry.get("dependencies"), poetry.get("dev-dependencies")]
    tables += [_table(group).get("dependencies") for group in _table(poetry.get("group")).values()]
    for table in tables:
        for value in _table(table).values():
            for entry in value if isinstance(value, list) else [value]:
                if isinstance(entry, dict) and any(key in entry for key in ("path", "git", "url", "file")):
                    return False
    return True if _table(poetry.get("dependencies")) else found


def _strings(value: Any, groups: bool = False) -> List[str]:
    """A TOML array of strings; ValueError for anything else (a malformed file says
    nothing it can be trusted for). ``groups``: ``{include-group = ...}`` tables pass."""
    if not isinstance(value, list):
        raise ValueError("not an array")
    if any(not isinstance(v, str) and not (groups and isinstance(v, dict)) for v in value):
        raise ValueError("not an array of strings")
    return [v for v in value if isinstance(v, str)]


def _values(value: Any) -> List[Any]:
    if not isinstance(value, dict):
        raise ValueError("not a table")
    return list(value.values())


def _all_requirements(lines: Iterable[str], options: bool) -> Optional[bool]:
    """True if ``lines`` hold requirements, all of them by name (a requirements file's
    option lines aside); False if one installs a local project or a URL (``file:`` in
    setup.cfg names a file), or cannot be read; None if there are none."""
    from packaging.requirements import InvalidRequirement, Requirement

    found: Optional[bool] = None
    for raw in lines:
        line = raw.strip()
        if _LOCAL_INSTALL.match(line):
            return False
        if not line or (options and line.startswith("-")):
            continue
        found = True
        if _PLAIN_REQUIREMENT.match(line):
            continue  # (most lines: a name and versions, without packaging's parse)
        try:
            if Requirement(line).url:
                return False
        except InvalidRequirement:
            return False
    return found


def _txt_lines(path: str, seen: Set[str]) -> Iterator[str]:
    """A requirements file's logical lines, with the files it includes (``-r``, ``-c``)."""
    real = os.path.realpath(path)
    if real in seen:
        return
    seen.add(real)
    for line in _logical_lines(path):
        include = _INCLUDE.match(line)
        if include is not None:
            yield from _txt_lines(os.path.join(os.path.dirname(path), include.group(1).strip()), seen)
        else:
            yield line


def _logical_lines(path: str) -> List[str]:
    """The lines of a requirements file as pip reads them: a byte-order mark dropped,
    lines ended by a backslash joined, comments and a requirement's options
    (``--hash=...``) cut off."""
    with open(path, encoding="utf-8-sig") as handle:
        text = re.sub(r"\\\r?\n", " ", handle.read())
    lines = []
    for raw in text.splitlines():
        line = _COMMENT.sub("", raw).strip()
        option = _OPTIONS.search(line) if line and not line.startswith("-") else None
        if option is not None:
            line = line[: option.start()].strip()
        lines.append(line)
    return lines


_COMMENT = re.compile(r"(?:^|\s)#.*$")
#: A requirement's own options (``--hash=...``), searched from their dashes, not from the
#: whitespace before them (a long run of blanks would make that quadratic).
_OPTIONS = re.compile(r"(?<=\s)--[A-Za-z]")
#: A name with versions and nothing else, read without packaging's parser.
_PLAIN_REQUIREMENT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*(?:\s*[<>=!~]=?\s*[\w.*+!-]+(?:\s*,)?)*\s*$")
#: A line that installs a project from a folder or names a file (whose requirements are
#: their own): ``-e``, ``.``, ``./x``, ``../x``, ``/abs``, ``file:``, a bare relative path.
_LOCAL_INSTALL = re.compile(r"^(?:-e|--editable)\b|^\.{1,2}(?:[/\\\[]|$)|^(?:file:|/)|^[\w.-]+[/\\]")


def install_floor(path: str) -> bool:
    """Whether the install a requirement file describes states a websockets floor: its
    lines with the files they include (``-r``, ``-c``), or a pyproject.toml's / setup.cfg's
    main dependencies, which every extra and group is installed with. A name with no
    version in it adds nothing to that floor; elsewhere (a dev file, a sibling
    requirements file) the floor belongs to another install."""
    from packaging.utils import canonicalize_name

    found = [r for r, optional in _requirements([path], []) if not optional or path.endswith(".txt")]
    return any(canonicalize_name(r.name) == "websockets" and _FLOOR.search(str(r.specifier)) is not None for r in found)


_FLOOR = re.compile(r"(>=|>|===|==|~=)\s*\d")


def _requirements(paths: Iterable[str], read: List[str]) -> Iterator[Tuple[Requirement, bool]]:
    """The requirements the project files declare, each with whether it is an extra's (an
    optional-dependencies group, ``extras_require``, an ``extra ==`` marker); ``read``
    gets every file opened or looked for (includes of requirements files too)."""
    import configparser

    from packaging.requirements import InvalidRequirement, Requirement

    for path in paths:
        read.append(path)
        try:
            if path.endswith(".toml"):
                lines = _pyproject_lines(path)
            elif path.endswith(".cfg"):
                lines = _setup_cfg_lines(path)
            else:
                lines = [(line, False) for line in _requirements_txt_lines(path, set(), read)]
        except (OSError, ValueError, TypeError, AttributeError, UnicodeDecodeError, configparser.Error):
            # A project file we cannot read (or of unexpected shape, such as
            # ``project = "oops"``) says nothing about websockets.
            continue
        for line, optional in lines:
            try:
                requirement = Requirement(line)
            except InvalidRequirement:
                continue
            yield requirement, optional or "extra" in str(requirement.marker or "")


def _pyproject_lines(path: str) -> List[Tuple[str, bool]]:
    """PEP 508 lines, each with whether it is optional (an extra's or a group's)."""
    with open(path, "rb") as handle:
        data: Any = toml_parser().load(handle)
    project = _table(data.get("project"))
    lines: List[Tuple[Any, bool]] = [(line, False) for line in _array(project.get("dependencies"))]
    for group in _table(project.get("optional-dependencies")).values():
        lines.extend((line, True) for line in _array(group))
    for group in _table(data.get("dependency-groups")).values():
        lines.extend((line, True) for line in _array(group))  # {include-group = ...} entries are not strings
    lines.extend(_poetry_lines(_table(_table(data.get("tool")).get("poetry"))))
    return [(line, optional) for line, optional in lines if isinstance(line, str)]


def _poetry_lines(poetry: Any) -> Iterator[Tuple[str, bool]]:
    """Poetry's dependency tables as PEP 508 lines (``websockets = "~14.1"``), each with
    whether it is a group's (dev-dependencies included)."""
    tables = [(poetry.get("dependencies"), False), (poetry.get("dev-dependencies"), True)]
    tables += [(_table(group).get("dependencies"), True) for group in _table(poetry.get("group")).values()]
    for table, optional in tables:
        for name, value in _table(table).items():
            # A string, {version = "..."}, or a list of those for several markers.
            for entry in value if isinstance(value, list) else [value]:
                constraint = entry.get("version") if isinstance(entry, dict) else entry
                if isinstance(name, str) and isinstance(constraint, str):
                    for alternative in constraint.split("||"):
                        converted = poetry_specifier(alternative)
                        if converted is not None:
                            yield f"{name}{converted}", optional


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


def _setup_cfg_lines(path: str) -> List[Tuple[str, bool]]:
    import configparser

    parser = configparser.ConfigParser()
    parser.read(path, encoding="utf-8")
    # (setuptools reads ``install-requires`` too)
    main = parser.get("options", "install_requires", fallback="") or parser.get(
        "options", "install-requires", fallback=""
    )
    lines = [(line, False) for line in main.splitlines()]
    if parser.has_section("options.extras_require"):
        for _, value in parser.items("options.extras_require"):
            lines.extend((line, True) for line in value.splitlines())
    return [(line.strip(), optional) for line, optional in lines if line.strip()]


def _requirements_txt_lines(path: str, seen: Set[str], read: List[str]) -> Iterator[str]:
    real = os.path.realpath(path)
    if real in seen:
        return  # -r loops
    seen.add(real)
    for line in _logical_lines(path):
        include = _INCLUDE.match(line)
        if include is not None:
            # -r/--requirement and -c/--constraint (constraints narrow what is
            # installed: counted as one more alternative, which only widens the union).
            included = os.path.join(os.path.dirname(path), include.group(1).strip())
            read.append(included)
            try:
                yield from _requirements_txt_lines(included, seen, read)
            except (OSError, UnicodeDecodeError):
                continue  # a missing include says nothing; the rest of the file does
        elif line and not line.startswith("-"):
            yield line


_INCLUDE = re.compile(r"^(?:-r|-c|--requirement|--constraint)(?:\s*=\s*|\s+|(?<=^-r)|(?<=^-c))(\S.*)$")
