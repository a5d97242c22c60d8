"""Calls that do no I/O: a ``try`` body made only of them cannot meet a dropped connection.

A drop handler around name lookups and arithmetic (privex-helpers' ``check_host``: a
``try`` whose body is ``ip = resolve_ip(host)``, a function of another module of the
package that calls ``socket.getaddrinfo``) is not reached by a TLS socket, however much TLS
the module sets up elsewhere: no socket of any kind is read or written there.

A call is pure when it is:

- a builtin that only computes (``str``, ``len``, ``isinstance``...) or an exception
  class; a ``str`` method by its name (``host.lower()``); a logging call;
- a name lookup of the ``socket`` module (``getaddrinfo``, ``gethostbyname``,
  ``inet_pton``...) or anything of ``ipaddress``: they resolve or parse names and never
  touch a connection (a lookup fails with ``socket.gaierror``, no drop);
- a plain function of the module, or of another module of the package it imports (one
  ``def``, not decorated), whose own calls are all pure, followed a few levels down.

Anything else is not: a method of an object (``self.sock.send``, ``client.query``), a call
through an expression, an awaited call, a function handed to a thread, ``print`` (stdout
may be a closed pipe). Reading the module's facts and the package view, no I/O.
"""

from __future__ import annotations

from typing import Dict, FrozenSet, Optional, Tuple

from ..context import RuleContext
from ..facts import AWAITS, IN_EXECUTOR, ModuleFacts, Scope, resolve
from .socket_origin import logs

#: Builtins that only compute on their arguments.
PURE_BUILTINS = frozenset(
    {f"builtins.{name}" for name in ("str", "repr", "isinstance", "issubclass", "any", "all", "len", "getattr")}
    | {f"builtins.{name}" for name in ("hasattr", "type", "format", "int", "float", "bool", "tuple", "list")}
    | {f"builtins.{name}" for name in ("dict", "set", "frozenset", "sorted", "min", "max", "abs", "round")}
)
#: Methods of ``str`` that only compute, by name (on any receiver: none of them is I/O).
TEXT_METHODS = frozenset(
    {"lower", "upper", "casefold", "strip", "lstrip", "rstrip", "startswith", "endswith", "split", "rsplit"}
    | {"partition", "rpartition", "replace", "join", "format", "encode", "decode"}
)
#: Functions of the ``socket`` module that look names up or convert addresses.
LOOKUPS = frozenset(
    f"socket.{name}"
    for name in (
        "getaddrinfo",
        "gethostbyname",
        "gethostbyname_ex",
        "gethostbyaddr",
        "getnameinfo",
        "getfqdn",
        "gethostname",
        "inet_aton",
        "inet_ntoa",
        "inet_pton",
        "inet_ntop",
        "getdefaulttimeout",
        "htons",
        "ntohs",
        "htonl",
        "ntohl",
    )
)
#: How many calls down the module's and the package's functions are followed.
DEPTH = 6
_OWN = "<module>."


def text_method(call: str) -> bool:
    return call.rsplit(".", 1)[-1] in TEXT_METHODS


class PureCalls:
    """Which calls do no I/O (``context.view(PureCalls)``)."""

    def __init__(self, context: RuleContext) -> None:
        self.facts = context.facts
        self.package = context.package
        #: Whether a function's calls are all pure, by id of the function's scope.
        self._functions: Dict[int, bool] = {}

    def only_pure(self, scope: Scope, calls: FrozenSet[str]) -> bool:
        """``calls`` (a ``try`` body's) are all pure: none of them can meet a connection."""
        return bool(calls) and all(self._pure(self.facts, scope, call, DEPTH) for call in calls)

    def _pure(self, facts: ModuleFacts, scope: Scope, call: str, depth: int) -> bool:
        if text_method(call) or logs(call):
            return True
        if call.startswith("?") or call in (AWAITS, IN_EXECUTOR):
            return False
        qualname = resolve(facts, scope, call).qualname
        if qualname is None:
            return False
        if qualname in PURE_BUILTINS or qualname in LOOKUPS or qualname.split(".", 1)[0] == "ipaddress":
            return True
        if qualname.startswith("builtins.") and qualname.endswith(("Error", "Exception")):
            return True
        if depth == 0:
            return False
        found = self._function(facts, qualname)
        if found is None:
            return False
        where, function = found
        known = self._functions.get(id(function))
        if known is None:
            # A call back into a function still being read is taken as impure: every
            # function of a cycle then is, whichever is asked first (an answer that
            # depended on the order of the walk would change with PYTHONHASHSEED).
            self._functions[id(function)] = False
            known = all(self._pure(where, function, c, depth - 1) for c in function.calls)
            self._functions[id(function)] = known
        return known

    def _function(self, facts: ModuleFacts, qualname: str) -> Optional[Tuple[ModuleFacts, Scope]]:
        """The plain module-level ``def`` ``qualname`` names: of ``facts``' module
        ("<module>.name"), or of another module of the package."""
        if qualname.startswith(_OWN):
            name = qualname[len(_OWN) :]
        else:
            answer = self.package.module_facts(qualname)
            if answer is None:
                return None
            name, facts = answer
        module = facts.module_scope
        function = module.children.get(name)
        bindings = module.bindings.get(name, [])
        if function is None or function.kind != "function" or function.decorated or len(bindings) != 1:
            return None
        return (facts, function) if bindings[0].kind == "def" else None
