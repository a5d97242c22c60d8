"""Where the socket in a ``try`` body comes from: the provenance model NFX101-103 share.

For each socket call of a body (``sock.sendall``, ``self.conn.send``), the receiver is
followed through the module: locals and their assignments, ``with ... as``, annotated
parameters, ``self.x`` assigned in the class's methods (and in its bases defined here),
module globals, and what the module's own functions and methods return. Each value ends
as one of:

- ``tls``: a stdlib TLS socket (``ctx.wrap_socket``, ``ssl.wrap_socket``, ``wrap_bio``,
  eventlet's ``wrap_ssl``, an ``ssl.SSLSocket`` annotation, ``accept()`` on one of them);
- ``plain``: a socket that never carries stdlib TLS (``socket.socket`` /
  ``create_connection`` / ``socketpair`` never rebound to a wrapped one, a datagram or
  unix socket, ``accept()`` on a plain listener, a file or a pipe), or a call an
  ``SSLSocket`` refuses (``sendto``);
- ``unknown``: anything else (a parameter, another module's object, an attribute chain).

A name bound several ways is ``tls`` if any way is, ``plain`` if every way is, else
``unknown``; ``None`` and other literals (``self.sock = None`` on close) say nothing. Reading only the module's facts, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Dict, FrozenSet, Iterable, List, Literal, Optional, Tuple

from ..context import RuleContext
from ..facts import Binding, ModuleFacts, Origin, Scope, resolve

#: "none": no socket at all (``self.sock = None``, a literal): says nothing of the
#: socket the name holds at other times, so ``combine`` passes over it.
Verdict = Literal["tls", "plain", "unknown", "none"]

#: How far values are followed (copies, returns, accept() on a listener).
MAX_DEPTH = 6


@dataclass(frozen=True)
class Provenance:
    verdict: Verdict
    #: Why, as a finding's message says it: "the socket comes from `ctx.wrap_socket()`
    #: (line 41)"; "" for unknown.
    why: str = ""
    #: The line the evidence is on (0: none).
    line: int = 0


UNKNOWN = Provenance("unknown")
NO_SOCKET = Provenance("none")

#: Calls whose result is a stdlib TLS socket or object, by their last name.
_WRAPS = frozenset({"wrap_socket", "wrap_ssl", "wrap_bio"})
#: Calls that make a plain socket, by qualified name (green ones included).
_SOCKET_MAKERS = frozenset({"socket", "create_connection", "create_server", "fromfd", "socketpair"})
_SOCKET_MODULES = frozenset({"socket", "_socket", "gevent.socket", "eventlet.green.socket", "gevent._socket3"})
#: Calls whose result carries its receiver's errors: a file over the socket, a copy.
_SAME_AS_RECEIVER = frozenset({"makefile", "dup"})
#: Calls that make a file or a pipe, never a socket.
_FILES = frozenset({"open", "io.open", "os.fdopen", "io.BytesIO", "io.StringIO", "subprocess.Popen"})
#: Socket methods that an SSLSocket refuses (ValueError): the socket is a datagram one.
_DATAGRAM_ONLY = frozenset({"sendto", "recvfrom", "recvfrom_into"})


class SocketOrigins:
    """The provenance of the values a module's ``try`` bodies call socket methods on
    (``context.view(SocketOrigins)``, one per check)."""

    def __init__(self, context: RuleContext) -> None:
        self.facts: ModuleFacts = context.facts

    # -- a body ---------------------------------------------------------------------------

    def of_calls(self, scope: Scope, calls: Iterable[str], methods: FrozenSet[str]) -> Provenance:
        """What the receivers of ``calls`` whose method is one of ``methods`` are: ``tls``
        if one of them is, ``plain`` if there is one and all are, else ``unknown``."""
        found: List[Provenance] = []
        for call in calls:
            receiver, _, method = call.rpartition(".")
            if method not in methods:
                continue
            if method in _DATAGRAM_ONLY:
                found.append(Provenance("plain", f"`{call}()` is a datagram socket's call: an SSLSocket refuses it"))
            elif not receiver or receiver.startswith("?"):
                found.append(UNKNOWN)
            else:
                found.append(self.of_name(scope, receiver, 0))
        return combine(found)

    def only_makes_sockets(self, scope: Scope, calls: Iterable[str]) -> bool:
        """Every call is one that makes a plain socket (``socket.create_connection(...)``
        alone in a ``try``): a TLS handshake, if any, comes later, from another call."""
        calls = list(calls)
        for call in calls:
            qualname = resolve(self.facts, scope, call).qualname if not call.startswith("?") else None
            module, _, name = (qualname or "").rpartition(".")
            if module not in _SOCKET_MODULES or name not in _SOCKET_MAKERS:
                return False
        return bool(calls)

    # -- a value --------------------------------------------------------------------------

    def of_name(self, scope: Scope, dotted: str, depth: int) -> Provenance:
        """The provenance of the value ``dotted`` names in ``scope``."""
        if depth > MAX_DEPTH:
            return UNKNOWN
        head, _, rest = dotted.partition(".")
        method, owner = _method_of(scope, head)
        if method is not None and owner is not None:
            if not rest:
                return UNKNOWN  # the object itself (a socket subclass?)
            if "." in rest:
                return UNKNOWN  # ``self.conn.sock``: another object's attribute
            origins = [o for klass in self._family(owner) for o in klass.attributes.get(rest, ())]
            if not origins:
                return UNKNOWN
            # Evaluated where assigned; ``self`` there is still an instance of ``owner``.
            return combine(self.of_origin(where, origin, depth + 1, owner) for origin, where in origins)
        if rest:
            return UNKNOWN
        found = _lookup(scope, head)
        if found is None:
            return UNKNOWN
        where, bindings = found
        return combine(self._of_binding(where, binding, depth) for binding in bindings)

    def _of_binding(self, scope: Scope, binding: Binding, depth: int) -> Provenance:
        if binding.origin is None:
            return UNKNOWN
        return self.of_origin(scope, binding.origin, depth + 1, _class_of(scope))

    def of_origin(self, scope: Scope, origin: Origin, depth: int, cls: Optional[Scope] = None) -> Provenance:
        """What a value that comes from ``origin`` in ``scope`` is; ``cls`` is the class
        ``self`` is an instance of there (for ``self.method()``)."""
        if depth > MAX_DEPTH:
            return UNKNOWN
        line = origin.line
        if origin.literal:
            return NO_SOCKET
        if origin.annotation is not None:
            qualname = resolve(self.facts, scope, origin.annotation).qualname or ""
            if qualname in ("ssl.SSLSocket", "ssl.SSLObject"):
                return Provenance("tls", f"the socket is annotated `{origin.annotation}` (line {line})", line)
            return UNKNOWN
        if origin.copy is not None:
            return self.of_name(scope, origin.copy, depth + 1)
        if origin.call is None:
            return UNKNOWN
        return self._of_call(scope, origin, depth, cls)

    def _of_call(self, scope: Scope, origin: Origin, depth: int, cls: Optional[Scope]) -> Provenance:
        call, line = origin.call or "?", origin.line
        receiver, _, last = call.rpartition(".")
        if last in _WRAPS:
            return Provenance("tls", f"the socket comes from `{call}()` (line {line})", line)
        qualname = resolve(self.facts, scope, call).qualname if not call.startswith("?") else None
        module, _, name = (qualname or "").rpartition(".")
        if module in _SOCKET_MODULES and name in _SOCKET_MAKERS:
            if "SOCK_DGRAM" in origin.words:
                return Provenance("plain", f"a datagram socket (`SOCK_DGRAM`, line {line})", line)
            if "AF_UNIX" in origin.words or name == "socketpair":
                return Provenance("plain", f"a local socket (`{call}()`, line {line})", line)
            return Provenance("plain", f"a plain socket from `{call}()` (line {line}), never wrapped in TLS", line)
        if qualname in _FILES:
            return Provenance("plain", f"a file or pipe from `{call}()` (line {line})", line)
        if (
            receiver
            and not receiver.startswith("?")
            and (last in _SAME_AS_RECEIVER or (last == "accept" and origin.item))
        ):
            listener = self.of_name(scope, receiver, depth + 1)
            if last == "accept" and listener.verdict != "unknown":
                kind = "a TLS" if listener.verdict == "tls" else "a plain"
                why = f"accepted from {kind} listener, `{receiver}` (line {line}); {listener.why}"
                return Provenance(listener.verdict, why, line)
            return listener
        function = self._own_function(scope, call, cls)
        if function is not None and function.returns:
            returned = combine(self.of_origin(function, o, depth + 1, _class_of(function)) for o in function.returns)
            if returned.verdict == "unknown":
                return returned
            why = f"`{call}()` (line {line}) returns {returned.why}"
            return Provenance(returned.verdict, why, returned.line)
        return UNKNOWN

    def _own_function(self, scope: Scope, call: str, cls: Optional[Scope]) -> Optional[Scope]:
        """The module's own function or method ``call`` runs (``helper``, ``self._connect``)."""
        head, _, rest = call.partition(".")
        method, owner = _method_of(scope, head)
        if method is not None and owner is not None and rest and "." not in rest:
            for klass in _mro(cls or owner, self._classes):
                found = klass.children.get(rest)
                if found is not None and found.kind == "function":
                    return found
            return None
        if rest:
            return None
        looked = _lookup(scope, head)
        if looked is None:
            return None
        where, bindings = looked
        if len(bindings) != 1 or bindings[0].kind != "def":
            return None
        found = where.children.get(head)
        return found if found is not None and found.kind == "function" else None

    @cached_property
    def _classes(self) -> Dict[str, Scope]:
        """The module's top-level classes by name (bases are looked up here)."""
        return {name: s for name, s in self.facts.module_scope.children.items() if s.kind == "class"}

    @cached_property
    def _families(self) -> Dict[int, List[Scope]]:
        """Per top-level class (by id): it, its bases and its subclasses of the module
        (``self`` in its methods may be an instance of any of them)."""
        classes = self._classes
        lines = {id(cls): _mro(cls, classes) for cls in classes.values()}
        family = {key: list(mro) for key, mro in lines.items()}
        for cls in classes.values():
            for base in lines[id(cls)][1:]:
                family[id(base)].append(cls)
        return family

    def _family(self, cls: Scope) -> List[Scope]:
        return self._families.get(id(cls)) or [cls]


def combine(found: Iterable[Provenance]) -> Provenance:
    """``tls`` if one is (the first), ``plain`` if there is one and all are, else unknown
    (values that are no socket, ``None``, aside)."""
    results = [result for result in found if result.verdict != "none"]
    for result in results:
        if result.verdict == "tls":
            return result
    if results and all(result.verdict == "plain" for result in results):
        return results[0]
    return UNKNOWN


def _lookup(scope: Scope, name: str) -> Optional[Tuple[Scope, List[Binding]]]:
    """The scope that binds ``name`` as Python finds it from ``scope`` (class bodies are
    skipped from the functions in them), and its bindings there."""
    current: Optional[Scope] = scope
    first = True
    while current is not None:
        if (first or current.kind != "class") and name in current.bindings:
            return current, current.bindings[name]
        first = False
        current = current.parent
    return None


def _method_of(scope: Scope, name: str) -> Tuple[Optional[Scope], Optional[Scope]]:
    """When ``name`` is ``self`` of a method enclosing ``scope`` (not rebound on the way):
    that method and its class."""
    current: Optional[Scope] = scope
    while current is not None and current.kind == "function":
        if current.self_name is not None:
            if current.self_name != name or len(current.bindings.get(name, ())) != 1:
                return None, None
            return current, current.parent
        if name in current.bindings:
            return None, None
        current = current.parent
    return None, None


def _class_of(scope: Scope) -> Optional[Scope]:
    """The class of the method ``scope`` is (or is nested in), if any."""
    current: Optional[Scope] = scope
    while current is not None and current.kind == "function":
        if current.self_name is not None:
            return current.parent
        current = current.parent
    return None


def _mro(cls: Scope, classes: Dict[str, Scope]) -> List[Scope]:
    """``cls`` and the bases of it defined at the top of the module, depth first."""
    order: List[Scope] = []
    stack = [cls]
    while stack and len(order) < 16:
        current = stack.pop(0)
        if current in order:
            continue
        order.append(current)
        stack.extend(classes[base] for base in current.bases if base in classes)
    return order
