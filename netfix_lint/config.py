"""``[tool.netfix-lint]`` in ``pyproject.toml``: found, read and checked.

An unknown key or a value of the wrong kind is a :class:`ConfigError` whose message is
one line naming the file and the key; the CLI prints it and exits 2.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from .files import toml_parser
from .globs import PathPattern
from .settings import RULE_NAMES

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (10 ms)
if TYPE_CHECKING:  # pragma: no cover
    from typing import Any, Dict, Iterable, Optional, Sequence, Tuple


TABLE = "netfix-lint"
_PREFIX = re.compile(r"^NFX[0-9]{0,3}$")


class ConfigError(Exception):
    """A configuration (file or option) that cannot be used; the message is one line."""


@dataclass(frozen=True)
class Config:
    """What a configuration file says; None where it says nothing."""

    #: The file read, or None when there is none (then ``root`` is the working directory).
    path: Optional[str] = None
    #: The folder that relative ``exclude`` and ``per-file-ignores`` patterns start from.
    root: str = "."
    select: Optional[Tuple[str, ...]] = None
    ignore: Optional[Tuple[str, ...]] = None
    extend_select: Tuple[str, ...] = ()
    exclude: Optional[Tuple[str, ...]] = None
    extend_exclude: Tuple[str, ...] = ()
    per_file_ignores: Tuple[Tuple[str, Tuple[str, ...]], ...] = ()
    websockets_version: Optional[str] = None
    unsafe_fixes: Optional[bool] = None
    preview: Optional[bool] = None
    jobs: Optional[int] = None
    respect_gitignore: Optional[bool] = None
    force_exclude: Optional[bool] = None
    max_file_size: Optional[float] = None
    #: Relative to ``root``.
    cache_dir: Optional[str] = None


def parse_codes(where: str, values: Iterable[str]) -> Tuple[str, ...]:
    """Rule codes or prefixes, upper-cased; an unknown one is an error naming ``where``."""
    codes = tuple(value.strip().upper() for value in values if value.strip())
    for code in codes:
        if not _PREFIX.match(code) or not any(rule.startswith(code) for rule in RULE_NAMES):
            raise ConfigError(f"{where}: unknown rule code or prefix {code!r}")
    return codes


def _size(where: str, value: object) -> float:
    # ``value != value``: NaN, which compares false with everything (``nan < 0`` too).
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value or value < 0:
        raise ConfigError(f"{where}: expected a size in MiB, 0 or more (0: no limit), not {value!r}")
    return float(value)


def parse_jobs(where: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigError(f"{where}: expected a whole number of processes, 1 or more, not {value!r}")
    return value


# -- reading a file ------------------------------------------------------------------------


def _string_list(where: str, value: Any) -> Tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{where}: expected a list of strings, not {value!r}")
    return tuple(value)


def _string(where: str, value: Any) -> str:
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{where}: expected a path, not {value!r}")
    return value


def _boolean(where: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"{where}: expected true or false, not {value!r}")
    return value


def _specifier(where: str, value: Any) -> str:
    if not isinstance(value, str):
        raise ConfigError(f"{where}: expected a version specifier string such as '>=14', not {value!r}")
    from .project import validate_specifier  # imports packaging, which most runs do without

    try:
        return validate_specifier(value)
    except ValueError as error:
        raise ConfigError(f"{where}: {error}") from None


def _per_file_ignores(where: str, value: Any) -> Tuple[Tuple[str, Tuple[str, ...]], ...]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: expected a table of glob = [codes], not {value!r}")
    return tuple(
        (pattern, parse_codes(f"{where}.{pattern!r}", _string_list(f"{where}.{pattern!r}", codes)))
        for pattern, codes in value.items()
    )


_READERS = {
    "select": lambda where, value: parse_codes(where, _string_list(where, value)),
    "ignore": lambda where, value: parse_codes(where, _string_list(where, value)),
    "extend-select": lambda where, value: parse_codes(where, _string_list(where, value)),
    "exclude": _string_list,
    "extend-exclude": _string_list,
    "per-file-ignores": _per_file_ignores,
    "websockets-version": _specifier,
    "unsafe-fixes": _boolean,
    "preview": _boolean,
    "jobs": parse_jobs,
    "respect-gitignore": _boolean,
    "force-exclude": _boolean,
    "max-file-size": _size,
    "cache-dir": _string,
}
#: The keys ``[tool.netfix-lint]`` accepts (documented in docs/configuration.md).
KEYS = tuple(_READERS)


def read_config(path: str) -> Config:
    """Read ``[tool.netfix-lint]`` of a ``pyproject.toml``, or the top level of any other
    TOML file (``--config netfix-lint.toml``)."""
    label = _label(path)
    data = _load_toml(path, label)
    if os.path.basename(path) != "pyproject.toml":
        return _config(path, data, f"{label}:")
    table = _tool_table(data, label)
    if table is None:
        raise ConfigError(f"{label}: no [tool.{TABLE}] table")
    return _config(path, table, f"{label}: [tool.{TABLE}]")


def _label(path: str) -> str:
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def _tool_table(data: Dict[str, Any], label: str) -> Optional[Dict[str, Any]]:
    """``[tool.netfix-lint]``, None when absent; a ``netfix-lint`` key under ``[tool]``
    that is no table is an error, not an absent table."""
    tool = data.get("tool")
    table = tool.get(TABLE) if isinstance(tool, dict) else None
    if table is not None and not isinstance(table, dict):
        raise ConfigError(f"{label}: [tool] {TABLE}: expected a table ([tool.{TABLE}]), not {table!r}")
    return table


def _config(path: str, table: Dict[str, Any], prefix: str) -> Config:
    values: Dict[str, Any] = {}
    for key, value in table.items():
        reader = _READERS.get(key)
        if reader is None:
            import difflib

            close = difflib.get_close_matches(key, KEYS, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else f"; known keys: {', '.join(KEYS)}"
            raise ConfigError(f"{prefix} unknown key {key!r}{hint}")
        values[key.replace("-", "_")] = reader(f"{prefix} {key}", value)
    return Config(path=os.path.abspath(path), root=os.path.dirname(os.path.abspath(path)), **values)


def _load_toml(path: str, label: str) -> Dict[str, Any]:
    tomllib = toml_parser()
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)  # type: ignore[no-any-return]
    except OSError as error:
        raise ConfigError(f"{label}: cannot read: {error.strerror or error}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"{label}: not valid TOML: {error}") from None


def find_config(paths: Sequence[str]) -> Config:
    """The nearest ``pyproject.toml`` with a ``[tool.netfix-lint]`` table at or above the
    folder the checked paths share; no configuration (rooted at the working directory)
    when there is none."""
    folders = [os.path.abspath(p if os.path.isdir(p) else os.path.dirname(p) or ".") for p in paths]
    folder = os.path.commonpath(folders) if folders else os.getcwd()
    while True:
        candidate = os.path.join(folder, "pyproject.toml")
        if os.path.isfile(candidate) and _mentions_table(candidate):
            table = _tool_table(_load_toml(candidate, _label(candidate)), _label(candidate))
            if table is not None:
                return _config(candidate, table, f"{_label(candidate)}: [tool.{TABLE}]")
        parent = os.path.dirname(folder)
        if parent == folder:
            return Config(root=os.getcwd())
        folder = parent


def _mentions_table(path: str) -> bool:
    """Cheap first look: a pyproject.toml that never names the table is not ours to parse
    (a broken one may be a file under check, reported as such)."""
    try:
        with open(path, "rb") as handle:
            return TABLE.encode() in handle.read()
    except OSError:
        return False


class PerFileIgnores:
    """``per-file-ignores``: the codes to ignore in a given file, as ruff reads them."""

    def __init__(self, entries: Sequence[Tuple[str, Tuple[str, ...]]], root: str) -> None:
        self.entries = [(PathPattern(pattern, root), codes) for pattern, codes in entries]

    def codes_for(self, path: str) -> Tuple[str, ...]:
        codes: Tuple[str, ...] = ()
        for pattern, extra in self.entries:
            if pattern.matches(path) != pattern.negated:
                codes += extra
        return codes
