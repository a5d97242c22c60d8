"""Who calls a function, and whether every call sits in a ``try`` that handles TLS errors
on purpose (``except ssl.SSLError``): an SSLEOFError that leaves the function is then dealt
with one level up, as if by a clause of the same ``try`` (NFX101-104).

The module's own calls decide (``self.exchange_loop(...)`` from ``handle()``). A method
that nothing in its module calls, of a class whose base comes from another module of the
package, is called by that base's methods: the base's module decides (defweb's reverse
proxy, whose ``handle()`` calls the ``exchange_loop`` each subclass overrides, under
``except ssl.SSLError``). Reading only facts: the other module's come from the package
view.
"""

from __future__ import annotations

from functools import cached_property
from typing import Callable, Dict, FrozenSet, List, Optional, Tuple

from ..facts import CaughtName, ModuleFacts, Scope, expand_caught

#: Whether a clause's classes handle TLS errors on purpose (``ssl_reach.names_tls_errors``).
HandlesTls = Callable[[List[CaughtName], Scope], bool]


class CallSites:
    """The calls of one module's scopes, by the last name called, and its ``try`` blocks
    with a clause that handles TLS errors."""

    def __init__(self, facts: ModuleFacts, handles_tls: HandlesTls) -> None:
        self.facts = facts
        self._handles_tls = handles_tls

    def callers(self, name: str, method: bool, within: Optional[Scope] = None) -> List[Scope]:
        """The scopes that call the function ``name`` (with ``method``, ``self.name`` on
        their own instance), inside the class ``within`` if given."""
        return [
            caller
            for caller in self._by_name.get(name, ())
            if spelling(caller, name, method) in caller.calls and (within is None or _inside(caller, within))
        ]

    def all_handled(self, callers: List[Scope], name: str, method: bool) -> bool:
        """Every one of ``callers`` calls ``name`` from a ``try`` body that handles TLS
        errors (and there is one)."""
        return bool(callers) and all(
            any(tried is caller and spelling(caller, name, method) in calls for tried, calls in self._tls_tries)
            for caller in callers
        )

    @cached_property
    def _by_name(self) -> Dict[str, List[Scope]]:
        index: Dict[str, List[Scope]] = {}
        for caller in self.facts.scopes:
            for last in {call.rsplit(".", 1)[-1] for call in caller.calls if not call.startswith("?")}:
                index.setdefault(last, []).append(caller)
        return index

    @cached_property
    def _tls_tries(self) -> List[Tuple[Scope, FrozenSet[str]]]:
        """The scope and body calls of each ``try`` with a clause naming TLS errors."""
        found = []
        for block in self.facts.tries:
            for handler in block.handlers:
                if handler.types is None:
                    continue
                if self._handles_tls(expand_caught(self.facts, handler.scope, handler.types), handler.scope):
                    found.append((handler.scope, block.body_calls))
                    break
        return found


def enclosing(scope: Scope) -> List[Scope]:
    """``scope`` and the scopes around it, innermost first."""
    found: List[Scope] = []
    current: Optional[Scope] = scope
    while current is not None:
        found.append(current)
        current = current.parent
    return found


def spelling(caller: Scope, name: str, method: bool) -> Optional[str]:
    """How ``caller`` calls the module's function (or, with ``method``, the method of its
    own class) named ``name``: ``self.name`` or ``name``; None where it cannot (no
    ``self`` to call a method on)."""
    if not method:
        return name
    me = next((s.self_name for s in enclosing(caller) if s.self_name), None)
    return f"{me}.{name}" if me else None


def _inside(scope: Scope, cls: Scope) -> bool:
    return any(s is cls for s in enclosing(scope))
