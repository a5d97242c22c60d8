"""What an imported name is when another module of the package binds it
(:func:`resolve_in_package`): Fern's generated SDKs catch ``InvalidWebSocketStatus``,
bound to ``InvalidStatusCode`` by an ImportError shim in ``core/websocket_compat.py``.

Each answer comes with the stamps of the files it rests on, so that a cached result can
be trusted while they stay the same (:mod:`netfix_lint.package`). Nothing is remembered
here: the caller hands in the dictionary a run keeps what it parsed in.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Dict, List, Optional, Tuple

from .package_stamps import MISSING as MISSING
from .package_stamps import RACY as RACY
from .package_stamps import file_stamp as file_stamp
from .package_tls import dotted_module, read_module

if TYPE_CHECKING:
    from .facts import ModuleFacts

#: How many modules a name is followed through (``from .core import X``, which is
#: ``from .compat import X``, ...).
MAX_HOPS = 5
#: A module's stamp when read, and what its module-level names are (qualified name, or
#: None when unknown, rebound or conditional), or None when it cannot be parsed.
ModuleNames = Tuple[List[int], Optional[Dict[str, Optional[str]]]]


class _Probe:
    """The files one answer depends on, with the stamps they had, and the modules
    parsed so far (by path)."""

    def __init__(self, parsed: Dict[str, ModuleNames]) -> None:
        self.stamps: Dict[str, List[int]] = {}
        self.parsed = parsed

    def isfile(self, path: str) -> bool:
        stamp = file_stamp(path)
        self.stamps[path] = stamp
        return stamp != MISSING

    def root(self, path: str) -> Optional[str]:
        """As :func:`netfix_lint.package_tls.package_root`, noting each ``__init__.py`` it looked for."""
        folder = os.path.dirname(os.path.abspath(path))
        if not self.isfile(os.path.join(folder, "__init__.py")):
            return None
        while True:
            parent = os.path.dirname(folder)
            if parent == folder or not self.isfile(os.path.join(parent, "__init__.py")):
                return folder
            folder = parent


def resolve_in_package(
    path: str, target: str, parsed: Dict[str, ModuleNames]
) -> Tuple[Optional[Tuple[str, str]], Dict[str, List[int]]]:
    """What an imported name is when another module of the package binds it: ``target``
    is the name as the module at ``path`` imports it (``..core.compat.Status`` or
    ``top.core.compat.Status`` inside package ``top``). Returns (qualified name, dotted
    name of the last module of the chain) when the chain ends outside the package,
    followed through imports, aliases (``X = Y``) and ImportError shims
    (:func:`netfix_lint.facts.resolve_shim`), not star imports; None when it ends
    anywhere else (a class of the package, something unknown, rebound or conditional, a
    module not found). Also returns the stamps of the files the answer rests on, for the
    results cache. ``parsed``: the modules parsed so far, by path."""
    probe = _Probe(parsed)
    answer: Optional[Tuple[str, str]] = None
    root = probe.root(path) if os.path.isfile(path) else None  # stdin: no package
    if root is not None:
        followed = _follow(probe, root, path, target, MAX_HOPS)
        if followed is not None:
            answer = (followed[0], dotted_module(root, followed[1]))
    return answer, probe.stamps


def _follow(probe: _Probe, root: str, path: str, target: str, hops: int) -> Optional[Tuple[str, str]]:
    located = _defining_module(probe, root, path, target)
    if located is None or hops == 0:
        return None
    module, name = located
    stamp, names = _module_names(module, probe.parsed)
    probe.stamps[module] = stamp  # as it was when read, whatever it is now
    qualname = None if names is None else names.get(name)
    if qualname is None or qualname.startswith("<module>."):
        return None  # unknown, rebound or conditional, or a class of the package
    if _defining_module(probe, root, module, qualname) is not None:
        return _follow(probe, root, module, qualname, hops - 1)
    if qualname.startswith((".", f"{os.path.basename(root)}.")):
        return None  # in the package, but no module of it: a submodule's attribute, a typo
    return qualname, module


def _defining_module(probe: _Probe, root: str, path: str, target: str) -> Optional[Tuple[str, str]]:
    """(module file, name in it) for ``target`` imported by the module at ``path``, when
    ``target``'s module is a module of the top-level package at ``root``."""
    dots = len(target) - len(target.lstrip("."))
    if not (dots or "." in target):
        return None
    if dots:
        folder = os.path.dirname(os.path.abspath(path))
        for _ in range(dots - 1):
            if folder == root:
                return None  # above the top-level package
            folder = os.path.dirname(folder)
        parts = target[dots:].split(".")
    else:
        parts = target.split(".")
        if parts[0] != os.path.basename(root):
            return None
        folder = os.path.dirname(root)
    *module_parts, name = parts
    base = os.path.join(folder, *module_parts)
    # A package comes before a module of the same name, as Python imports them; for
    # ``from . import name`` (no module part) the package's own __init__.py.
    candidates = [os.path.join(base, "__init__.py")] + ([base + ".py"] if module_parts else [])
    for candidate in candidates:
        if probe.isfile(candidate):
            return candidate, name
    return None


#: A module's stamp when read, and its facts, or None when it cannot be parsed.
ModuleRead = Tuple[List[int], Optional["ModuleFacts"]]


def facts_in_package(
    path: str, target: str, read: Dict[str, ModuleRead]
) -> Tuple[Optional[Tuple[str, str, ModuleFacts]], Dict[str, List[int]]]:
    """The module of the package that defines ``target``, a name the module at ``path``
    imports (``..base.Handler``, ``top.base.Handler``): (its path, the name in it, its
    facts), or None when no module of the package does or it cannot be parsed; with the
    stamps of the files the answer rests on. ``read``: the modules read so far, by path."""
    probe = _Probe({})
    root = probe.root(path) if os.path.isfile(path) else None  # stdin: no package
    located = _defining_module(probe, root, path, target) if root is not None else None
    if located is None:
        return None, probe.stamps
    module, name = located
    if module not in read:
        stamp = file_stamp(module)
        read[module] = (stamp, _facts_of(module))
    stamp, facts = read[module]
    probe.stamps[module] = stamp
    return (None if facts is None else (module, name, facts)), probe.stamps


def _facts_of(path: str) -> Optional[ModuleFacts]:
    import ast
    import warnings

    from .facts import physical_lines
    from .facts_ast import extract

    text = read_module(path)
    if text is None:
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return extract(ast.parse(text, filename=path), physical_lines(text))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def _module_names(path: str, parsed: Dict[str, ModuleNames]) -> ModuleNames:
    """The stamp of the module at ``path``, taken before it is read, and what its
    module-level names are; only these are kept, not its tree."""
    if path not in parsed:
        from .facts import UNKNOWN, resolve, resolve_shim

        stamp = file_stamp(path)
        facts = _facts_of(path)
        names: Optional[Dict[str, Optional[str]]] = None
        if facts is not None:
            names = {}
            scope = facts.module_scope
            for name in scope.bindings:
                resolved = resolve(facts, scope, name)
                if resolved == UNKNOWN:
                    resolved = resolve_shim(facts, scope, name)
                names[name] = None if resolved.maybe_missing else resolved.qualname
        parsed[path] = (stamp, names)
    return parsed[path]
