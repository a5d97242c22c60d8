"""How a fix names a class of another module (``ssl.SSLEOFError``,
``websockets.exceptions.InvalidStatus``): the way the file already reaches that class or
its module where the fix goes, or through an import the fix adds.

What that takes is worked out once per module and scope (:class:`Importer`), so that a
file with thousands of clauses to fix is spelled for in linear time.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Dict, FrozenSet, List, Optional, Tuple

from ..context import RuleContext
from ..facts import Resolved, Scope, Target, lookup, resolve
from ..model import SAFE, UNSAFE, AddImport, FixOp, Safety

#: The names a module reaches, per scope: name -> what it resolves to there.
Reached = Dict[str, Resolved]


class Importer:
    """What one module binds, for spelling names of other modules in it; built once per
    check (``context.view(Importer)``)."""

    def __init__(self, context: RuleContext) -> None:
        self.facts = context.facts
        self._reached: Dict[Tuple[Scope, FrozenSet[str]], Reached] = {}
        self._guarded: Dict[str, bool] = {}

    @cached_property
    def bound_anywhere(self) -> FrozenSet[str]:
        """Every name bound in any scope of the module: names an added import must avoid."""
        return frozenset(name for scope in self.facts.scopes for name in scope.bindings)

    def reaching(self, scope: Scope, wanted: FrozenSet[str]) -> Reached:
        """The names bound in ``scope`` or a scope around it that resolve, there, to one of
        the qualified names ``wanted`` (``ssl``, ``ssl.SSLEOFError``).

        A name a scope neither binds nor declares ``global`` resolves as it does in the
        scope around it (class bodies do not enclose), so each scope resolves only its
        own names and takes the rest from its enclosing scope's answer, computed once."""
        key = (scope, wanted)
        reached = self._reached.get(key)
        if reached is None:
            own = scope.bindings.keys() | scope.global_names
            reached = {}
            if scope.parent is not None:
                outer = scope.parent
                while outer.kind == "class" and outer.parent is not None:
                    outer = outer.parent
                reached = {name: r for name, r in self.reaching(outer, wanted).items() if name not in own}
            for name in own:
                resolved = resolve(self.facts, scope, name)
                if resolved.qualname in wanted:
                    reached[name] = resolved
            self._reached[key] = reached
        return reached

    def may_be_missing(self, module: str) -> bool:
        """An import of ``module`` (or of a name from it) somewhere in the file is guarded
        by ``except ImportError``: the module may not exist at run time."""
        if module not in self._guarded:
            self._guarded[module] = any(
                binding.guarded and (binding.target or "").split(".")[0] == module
                for scope in self.facts.scopes
                for bindings in scope.bindings.values()
                for binding in bindings
            )
        return self._guarded[module]


def bound_above(scope: Scope, name: str, line: int) -> bool:
    """Every binding ``name`` has where ``scope`` reads it is made above ``line``."""
    found = lookup(scope, name)
    return found is not None and all(0 < binding.line < line for binding in found[1])


# -- ssl.SSLEOFError ------------------------------------------------------------------------


@dataclass(frozen=True)
class Spelling:
    """How to name a class at one place of a module."""

    code: str
    imports: Tuple[AddImport, ...]
    safety: Safety
    why_unsafe: str = ""


_SSL_EOF = frozenset({"ssl.SSLEOFError", "ssl"})


def spell_ssl_eof(
    importer: Importer, scope: Scope, before_line: Optional[int] = None, used_by: Optional[Target] = None
) -> Optional[Spelling]:
    """Find (or add) a binding that reaches the real ``ssl.SSLEOFError`` from ``scope``.

    ``before_line`` is set when the code runs at import time (module level, class
    body): a binding must then be made above that line to exist when it runs.
    """
    clean: List[Tuple[int, str]] = []
    guarded: List[Tuple[int, str]] = []
    for name, resolved in importer.reaching(scope, _SSL_EOF).items():
        if resolved.qualname == "ssl.SSLEOFError":
            rank, code = 0, name
        else:
            rank, code = (1 if name == "ssl" else 2), f"{name}.SSLEOFError"
        if before_line is not None and not bound_above(scope, name, before_line):
            continue  # ``DROPPED = (...)`` above ``import ssl`` would raise NameError
        if not resolved.maybe_missing:
            clean.append((rank, code))
        elif resolved.guarded:
            guarded.append((rank, code))
    if clean:
        return Spelling(min(clean)[1], (), SAFE)
    if guarded:
        code = min(guarded)[1]
        root = code.split(".", 1)[0]
        return Spelling(
            code,
            (),
            UNSAFE,
            f"`{root}` may be missing here (its import is guarded by `except ImportError`), "
            f"and evaluating `{code}` would then raise instead of matching",
        )
    if importer.may_be_missing("ssl"):
        return None  # ssl is guarded elsewhere but unreachable here: leave it to a human
    bound = importer.bound_anywhere
    if "ssl" not in bound:
        return Spelling("ssl.SSLEOFError", (AddImport("import ssl", "ssl", used_by),), SAFE)
    if "SSLEOFError" not in bound:
        return Spelling("SSLEOFError", (AddImport("from ssl import SSLEOFError", "ssl", used_by),), SAFE)
    for alias in ("_ssl", "ssl_module", "_ssl_module"):
        if alias not in bound:
            return Spelling(f"{alias}.SSLEOFError", (AddImport(f"import ssl as {alias}", "ssl", used_by),), SAFE)
    return None


# -- websockets' InvalidStatus --------------------------------------------------------------

#: Modules that export InvalidStatus (and InvalidStatusCode) in every release from 10.0.
EXCEPTION_MODULES = ("websockets", "websockets.exceptions")
_INVALID_STATUS = frozenset(f"{module}.InvalidStatus" for module in EXCEPTION_MODULES)
_INVALID_STATUS_OR_MODULE = _INVALID_STATUS | frozenset(EXCEPTION_MODULES)


def spell_invalid_status(
    importer: Importer, scope: Scope, old: str, old_qualname: str
) -> Tuple[str, Tuple[FixOp, ...]]:
    """How to name InvalidStatus where ``old`` (InvalidStatusCode) was written, the way
    the module already names websockets exceptions."""
    prefix = old.rpartition(".")[0]
    if prefix and old_qualname.rpartition(".")[0] in EXCEPTION_MODULES:
        return f"{prefix}.InvalidStatus", ()  # websockets.exceptions.InvalidStatusCode
    by_name: List[str] = []
    modules: List[str] = []
    for name, resolved in sorted(importer.reaching(scope, _INVALID_STATUS_OR_MODULE).items()):
        if resolved.maybe_missing:
            continue
        (by_name if resolved.qualname in _INVALID_STATUS else modules).append(name)
    if by_name:
        return by_name[0], ()
    if prefix and modules:  # written as module.InvalidStatusCode: stay with attributes
        return f"{modules[0]}.InvalidStatus", ()
    # Imported by name: import InvalidStatus by name, from the same module.
    source = old_qualname.rpartition(".")[0]
    module = source if source in EXCEPTION_MODULES else "websockets.exceptions"
    if "InvalidStatus" in importer.bound_anywhere:
        return "_InvalidStatus", (AddImport(f"from {module} import InvalidStatus as _InvalidStatus", module),)
    return "InvalidStatus", (AddImport(f"from {module} import InvalidStatus", module),)
