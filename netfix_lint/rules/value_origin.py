"""Where a value comes from: the walk through a module that the provenance models share.

A name (``sock``, ``ws``, ``self.conn``) is followed through the module: locals and their
assignments, ``with ... as``, annotated parameters, ``self.x`` assigned in the class's
methods (and in its bases defined here), module globals, and what the module's own
functions and methods return. Where the walk ends (a call, an annotation) a model says
what the value is: :class:`~netfix_lint.rules.socket_origin.SocketOrigins` (a TLS or a
plain socket), :class:`~netfix_lint.rules.connection_origin.ConnectionOrigins` (a
websockets connection of the new or the legacy implementation).

A name bound several ways is the model's ``positive`` verdict if any way is, its
``negative`` one if every way is, else ``unknown``; ``None`` and other literals
(``self.sock = None`` on close) say nothing. Reading only the module's facts, no I/O.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Dict, Iterable, Iterator, List, Literal, Optional, Set, Tuple

from ..context import RuleContext, code_only
from ..facts import STARRED, Binding, ModuleFacts, Origin, Scope

#: "none": no value of the kind at all (``self.sock = None``, a literal): says nothing of
#: what the name holds at other times, so ``combine`` passes over it.
Verdict = Literal["tls", "plain", "bio", "wrapped", "network", "new", "legacy", "unknown", "none"]

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
    #: The verdict holds on some of the releases the project allows only (the top-level
    #: ``websockets.connect`` when releases on both sides of 14.0 are allowed).
    only_some: bool = False
    #: A model's own detail ("sync": a connection of the threading implementation).
    detail: str = ""
    #: The value is what awaiting the call that made it gives (``await connect(uri)``).
    awaited: bool = False


UNKNOWN = Provenance("unknown")
NOTHING = Provenance("none")


class ValueOrigins:
    """The walk; a model fills in :meth:`of_call` and :meth:`of_annotation`."""

    #: The verdict one way of binding a name is enough for, and the one all must have.
    positive: Verdict = "unknown"
    negative: Verdict = "unknown"
    #: Whether what the module's callers pass (``positive``) wins over a parameter's
    #: ``negative`` annotation: the annotation is the author's belief, the argument is
    #: what runs (a ``WebSocketServerProtocol`` hint on what the new serve passes).
    callers_over_annotation = False

    def __init__(self, context: RuleContext) -> None:
        self.facts: ModuleFacts = context.facts
        #: The (class, attribute) pairs being walked: a store that copies one into itself
        #: is cut short (see :meth:`of_name`).
        self._walking: Set[Tuple[int, str]] = set()
        #: (function, parameter) -> what :meth:`passed` found (None while walked).
        self._passing: Dict[Tuple[int, str], Optional[Provenance]] = {}
        #: A walk of :meth:`passed` met one still being walked (its answer is partial).
        self._cut_short = False
        #: Whether a parameter is followed to what the module's calls pass (not in a walk
        #: of another module's function, whose callers are elsewhere).
        self.follows_callers = True

    # -- what a model says ------------------------------------------------------------------

    def of_call(self, scope: Scope, origin: Origin, depth: int, cls: Optional[Scope]) -> Provenance:
        """A value made by ``origin.call``; by default what the module's own function
        returns, if it is one."""
        return self.returned(scope, origin, depth, cls)

    def of_annotation(self, scope: Scope, origin: Origin) -> Provenance:
        """A parameter (or variable) annotated ``origin.annotation``."""
        return UNKNOWN

    # -- the walk -----------------------------------------------------------------------------

    def combine(self, found: Iterable[Provenance]) -> Provenance:
        """``positive`` if one is (the first), ``negative`` if there is one and all are,
        else unknown (values that are nothing, ``None``, aside)."""
        results = [result for result in found if result.verdict != "none"]
        for result in results:
            if result.verdict == self.positive:
                return result
        if results and all(result.verdict == self.negative for result in results):
            return results[0]
        return UNKNOWN

    def of_name(self, scope: Scope, dotted: str, depth: int) -> Provenance:
        """The provenance of the value ``dotted`` names in ``scope``."""
        if depth > MAX_DEPTH:
            return UNKNOWN
        head, _, rest = dotted.partition(".")
        method, owner = method_of(scope, head)
        if method is not None and owner is not None:
            if not rest:
                return UNKNOWN  # the object itself (a socket subclass?)
            if "." in rest:
                return UNKNOWN  # ``self.conn.sock``: another object's attribute
            key = (id(owner), rest)
            if key in self._walking:
                # ``other.sock = self.sock``: the attribute's value copied into itself says
                # no more than its other assignments (as a walk cut off at MAX_DEPTH would).
                return UNKNOWN
            family = self.family(owner)
            # Evaluated where assigned; ``self`` there is still an instance of ``owner``
            # (in another class's method that stores on one, an instance of that class).
            origins: List[Tuple[Origin, Scope, Optional[Scope]]] = [
                (*o, owner) for klass in family for o in klass.attributes.get(rest, ())
            ]
            origins.extend((origin, where, class_of(where)) for origin, where in self._stored_on(family, rest))
            if not origins:
                return UNKNOWN
            self._walking.add(key)
            try:
                return self.combine([self.of_origin(where, origin, depth + 1, cls) for origin, where, cls in origins])
            finally:
                self._walking.discard(key)
        if rest:
            return UNKNOWN
        found = lookup(scope, head)
        if found is None:
            return UNKNOWN
        where, bindings = found
        result = self.combine(self._of_binding(where, binding, depth) for binding in bindings)
        if depth > MAX_DEPTH or not all(b.kind == "param" for b in bindings):
            return result
        if result.verdict == "unknown":
            # (an annotation that says nothing, ``conn: socket.socket``, or none)
            return self.passed(where, head, depth) or result
        if result.verdict == self.negative and self.callers_over_annotation:
            given = self.passed(where, head, depth)
            if given is not None and given.verdict == self.positive:
                return given
        return result

    # -- a parameter: what its callers pass ----------------------------------------------

    def passed(self, function: Scope, name: str, depth: int) -> Optional[Provenance]:
        """A parameter of the module's own function is what every call of it in the
        module passes there (``self._producer(ws)`` with ``ws`` a connection, or
        ``pool.submit(self._handle, conn)`` with ``conn`` a socket), when the function is
        only ever called or handed to such a caller (never handed on otherwise, as
        ``callback=self._handle``, where unseen callers may pass anything), not decorated
        (a decorator may pass arguments of its own), and every call passes a name for it by
        position: ``self.f(...)`` from a method of the class, or ``f(...)`` for a function
        of the module. A function other modules may call (a public name, not nested in
        another function) gives only the ``positive`` verdict: what it is passed here is
        not all it is passed. Each (function, parameter) is walked once; a call back into
        one being walked says nothing, and what was found meanwhile is not kept (the
        answer must not depend on which function was asked first)."""
        if not self.follows_callers:
            return None
        key = (id(function), name)
        if key in self._passing:
            found = self._passing[key]
            self._cut_short |= found is None
            return found
        outer, self._cut_short = self._cut_short, False
        self._passing[key] = None  # while it is walked
        found = self._walk_passed(function, name, depth)
        if found is not None and found.verdict != self.positive and not _private(function):
            found = None
        if self._cut_short:
            del self._passing[key]
        else:
            self._passing[key] = found
        self._cut_short = outer or self._cut_short
        return found

    def _walk_passed(self, function: Scope, name: str, depth: int) -> Optional[Provenance]:
        if function.kind != "function" or not function.name or function.decorated:
            return None
        params = function.params[1:] if function.self_name is not None else function.params
        if name not in params:
            return None
        index = params.index(name)
        # Named other than called (``callback=self.f``, ``getattr(self, "f")``) more often
        # than handed to a caller that passes it arguments (``pool.submit(self.f, conn)``):
        # handed on.
        sites = self._call_sites.get(function.name, [])
        if self._named_apart.get(function.name, 0) > sum(bool(site[-1]) for site in sites):
            return None
        method = function.parent is not None and function.parent.kind == "class"
        found: List[Provenance] = []
        for scope, call, passed, named, line, runner in sites:
            if method:
                spelled = scope.self_name is not None and call == f"{scope.self_name}.{function.name}"
            else:
                spelled = call == function.name
            if not spelled or self.own_function(scope, call, class_of(scope)) is not function:
                if call == function.name or call.endswith(f".{function.name}"):
                    return None  # a call this cannot tell the target of may be one
                continue
            argument = passed[index] if index < len(passed) else None
            if argument is None or STARRED in passed[: index + 1] or None in named:
                return None  # a keyword, ``**``, a default or a value the walk cannot name
            given = self.of_name(scope, argument, depth + 1)
            if given.verdict not in ("unknown", "none"):
                if runner:
                    shown = f"`{call}` is run by `{runner}()` (line {line}) with `{argument}`"
                    given = replace(given, why=f"{shown}: {given.why}", line=line)
                else:
                    shown = f"{call}({'..., ' if index else ''}{argument})"
                    given = replace(given, why=f"`{shown}` (line {line}) passes it: {given.why}", line=line)
            found.append(given)
        return self.combine(found) if found else None

    @cached_property
    def _call_sites(
        self,
    ) -> Dict[str, List[Tuple[Scope, str, Tuple[Optional[str], ...], Tuple[Optional[str], ...], int, str]]]:
        """Every call of the module that passes arguments, and every hand-off, by the last
        name of the function called: (scope, its dotted name, the arguments' names, the
        keywords' names, line, the caller it is handed to or "")."""
        found: Dict[str, List[Tuple[Scope, str, Tuple[Optional[str], ...], Tuple[Optional[str], ...], int, str]]] = {}
        for scope in self.facts.scopes:
            for call, passed, named, line in scope.arguments:
                found.setdefault(call.rsplit(".", 1)[-1], []).append((scope, call, passed, named, line, ""))
            for runner, call, passed, line in scope.handoffs:
                found.setdefault(call.rsplit(".", 1)[-1], []).append((scope, call, passed, (), line, runner))
        return found

    @cached_property
    def _named_apart(self) -> Dict[str, int]:
        """How often each name stands in the module's code other than where it is called or
        defined, or is looked up by its name (``getattr(self, "f")``)."""
        text = "\n".join(self.facts.lines)
        named = Counter(re.findall(r"(?<![\w])([A-Za-z_]\w*)\b(?!\s*\()", code_only(text)))
        named.update(re.findall(r"""getattr\(\s*[\w.]+\s*,\s*["']([A-Za-z_]\w*)["']""", text))
        return named

    def _of_binding(self, scope: Scope, binding: Binding, depth: int) -> Provenance:
        if binding.origin is None:
            return UNKNOWN
        return self.of_origin(scope, binding.origin, depth + 1, class_of(scope))

    def of_origin(self, scope: Scope, origin: Origin, depth: int, cls: Optional[Scope] = None) -> Provenance:
        """What a value that comes from ``origin`` in ``scope`` is; ``cls`` is the class
        ``self`` is an instance of there (for ``self.method()``)."""
        if depth > MAX_DEPTH:
            return UNKNOWN
        if origin.literal:
            return NOTHING
        if origin.annotation is not None:
            return self.of_annotation(scope, origin)
        if origin.copy is not None:
            return self.of_name(scope, origin.copy, depth + 1)
        if origin.call is None:
            return UNKNOWN
        return self.of_call(scope, origin, depth, cls)

    def returned(self, scope: Scope, origin: Origin, depth: int, cls: Optional[Scope]) -> Provenance:
        """What the module's own function or method ``origin.call`` returns."""
        call, line = origin.call or "?", origin.line
        function = self.own_function(scope, call, cls)
        if function is None:
            return UNKNOWN
        # A generator context manager: ``with f() as x`` gets what it yields, ``x = f()``
        # the manager itself.
        values = (function.yields if origin.entered else []) if function.context_manager else function.returns
        if not values:
            return UNKNOWN
        returned = self.combine(self.of_origin(function, o, depth + 1, class_of(function)) for o in values)
        if returned.verdict == "unknown":
            return returned
        gives = "yields" if function.context_manager else "returns"
        return replace(returned, why=f"`{call}()` (line {line}) {gives} {_what(returned.why)}")

    def own_function(self, scope: Scope, call: str, cls: Optional[Scope] = None) -> Optional[Scope]:
        """The module's own function or method ``call`` runs (``helper``, ``self._connect``)."""
        head, _, rest = call.partition(".")
        method, owner = method_of(scope, head)
        if owner is None and rest and "." not in rest:
            owner = self._instance_of(scope, head)
            method = owner
            cls = owner  # an instance of that class, whatever the caller's own class is
        if method is not None and owner is not None and rest and "." not in rest:
            for klass in mro(cls or owner):
                found = klass.children.get(rest)
                if found is not None and found.kind == "function":
                    return found
            return None
        if rest:
            return None
        looked = lookup(scope, head)
        if looked is None:
            return None
        where, bindings = looked
        if len(bindings) != 1 or bindings[0].kind != "def":
            return None
        found = where.children.get(head)
        return found if found is not None and found.kind == "function" else None

    def _instance_of(self, scope: Scope, name: str) -> Optional[Scope]:
        """The module's class ``name`` is an instance of, when its one binding is a call of
        that class (``feed = Feed(url)``), or of ``cls`` in a classmethod (``self =
        cls(...)``, aiocoap's constructors)."""
        looked = lookup(scope, name)
        if looked is None or len(looked[1]) != 1 or looked[1][0].origin is None:
            return None
        made_by = looked[1][0].origin.call
        if made_by is None or "." in made_by:
            return None
        if made_by in self._classes:
            return self._classes[made_by]
        owner = class_of(looked[0])
        method = looked[0]
        if owner is not None and method.kind == "function" and method.params[:1] == [made_by]:
            return owner  # ``cls``, the first parameter of a method of ``owner``
        return None

    def _stored_on(self, family: List[Scope], attribute: str) -> Iterator[Tuple[Origin, Scope]]:
        """``conn.ATTR = value`` made elsewhere in the module on an instance of one of
        ``family``: ``conn`` made by the class (``conn = Conn()``) or a parameter
        annotated with it (``conn: Conn``, ``Optional[Conn]``). When the module also
        stores ATTR on objects whose class cannot be told (a loop variable, a factory's
        result), those may be instances too: an unknown origin stands for them, so the
        stores that can be told never narrow the verdict on their own."""
        stores = self._stores.get(attribute, ())
        ours = [(origin, scope) for cls, origin, scope in stores if cls is not None and cls in family]
        if ours and any(cls is None for cls, _, _ in stores):
            ours.append((Origin(0), ours[0][1]))  # (an Origin with nothing set: unknown)
        yield from ours

    @cached_property
    def _stores(self) -> Dict[str, List[Tuple[Optional[Scope], Origin, Scope]]]:
        """Every ``NAME.ATTR = value`` of the module by ATTR: the class NAME is an
        instance of (None when it cannot be told), the value's origin, the scope."""
        found: Dict[str, List[Tuple[Optional[Scope], Origin, Scope]]] = {}
        for scope in self.facts.scopes:
            for attribute, stored in scope.stores.items():
                for name, origin in stored:
                    found.setdefault(attribute, []).append((self._class_of_value(scope, name), origin, scope))
        return found

    def _class_of_value(self, scope: Scope, name: str) -> Optional[Scope]:
        made = self._instance_of(scope, name)
        if made is not None:
            return made
        looked = lookup(scope, name)
        if looked is None or len(looked[1]) != 1 or looked[1][0].origin is None:
            return None
        annotation = looked[1][0].origin.annotation
        return self._classes.get(annotation) if annotation is not None else None

    @cached_property
    def _classes(self) -> Dict[str, Scope]:
        """The module's top-level classes by name (bases are looked up here)."""
        return {name: s for name, s in self.facts.module_scope.children.items() if s.kind == "class"}

    @cached_property
    def _families(self) -> Dict[int, List[Scope]]:
        """Per class (by id): it, its bases and its subclasses of the module
        (``self`` in its methods may be an instance of any of them)."""
        every = [s for s in self.facts.scopes if s.kind == "class"]  # nested ones too
        lines = {id(cls): mro(cls) for cls in every}
        family = {key: list(order) for key, order in lines.items()}
        for cls in every:
            for base in lines[id(cls)][1:]:
                family[id(base)].append(cls)
        return family

    def family(self, cls: Scope) -> List[Scope]:
        """``cls``, its bases and its subclasses of the module."""
        return self._families.get(id(cls)) or [cls]


def _private(function: Scope) -> bool:
    """No other module calls ``function``: a ``_name`` (not a dunder), or nested in a
    function."""
    name = function.name or ""
    nested = function.parent is not None and function.parent.kind == "function"
    return nested or (name.startswith("_") and not name.endswith("__"))


def lookup(scope: Scope, name: str) -> Optional[Tuple[Scope, List[Binding]]]:
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


def method_of(scope: Scope, name: str) -> Tuple[Optional[Scope], Optional[Scope]]:
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


def class_of(scope: Scope) -> Optional[Scope]:
    """The class of the method ``scope`` is (or is nested in), if any."""
    current: Optional[Scope] = scope
    while current is not None and current.kind == "function":
        if current.self_name is not None:
            return current.parent
        current = current.parent
    return None


def mro(cls: Scope) -> List[Scope]:
    """``cls`` and the bases of it defined in the module, depth first. A base is looked
    up as Python finds it where the ``class`` statement stands (a class nested in a
    class or a function subclasses its neighbours); one it cannot be sure of (a name
    bound twice, or by a parameter or an assignment) is left out."""
    order: List[Scope] = []
    stack = [cls]
    while stack and len(order) < 16:
        current = stack.pop(0)
        if current in order:
            continue
        order.append(current)
        line = current.target.span.line if current.target is not None else 0
        for base in current.bases:
            found = _class_named(current.parent, base, line)
            if found is not None:
                stack.append(found)
    return order


def _class_named(where: Optional[Scope], name: str, line: int) -> Optional[Scope]:
    """The class ``name`` is where a ``class`` statement at ``line`` in ``where`` runs:
    the one ``class`` statement that binds it in the first scope that does, skipping
    class bodies above ``where`` (as :func:`lookup`). A class body that binds the name
    only after ``line`` reads the module's (Python looks a class body's own names up
    there). None when the name is bound several times (``if ssl: class Channel ...
    else: class Channel``) or otherwise (``def factory(Conn)``, ``Conn = pick()``), or
    its ``class`` statement stands in another scope (``global Base`` in a function)."""
    first = True
    while where is not None:
        if name in where.global_names:
            where = where.module()
        bindings = where.bindings.get(name, []) if first or where.kind != "class" else []
        if first and where.kind == "class" and bindings and all(b.line > line for b in bindings):
            where, first = where.module(), False
            continue
        if bindings:
            found = where.children.get(name)
            if len(bindings) != 1 or bindings[0].kind != "def" or found is None or found.kind != "class":
                return None
            if found.target is None or found.target.span.line != bindings[0].line:
                return None  # the class statement binds the name in another scope (global, nonlocal)
            return found if not first or bindings[0].line < line else None
        first = False
        where = where.parent
    return None


def _what(why: str) -> str:
    """``why`` as what a function gives: "the socket, which comes from `x()` (line 4)",
    "what `inner()` (line 9) returns ..."."""
    found = re.match(r"the (\w+) comes from (.*)", why, re.S)
    if found:
        return f"the {found.group(1)}, which comes from {found.group(2)}"
    return f"what {why}" if why.startswith("`") else why
