"""Extract :mod:`netfix_lint.facts` from a stdlib ``ast`` tree (the fast path)."""

from __future__ import annotations

import ast
import contextlib
import re
from dataclasses import replace
from typing import Callable, Dict, FrozenSet, Iterator, List, Optional, Set, Tuple, Union

from .ast_reading import (
    COLLECTIONS,
    LEAVES,
    NEGATED_OPERATORS,
    OPERATORS,
    FunctionNode,
    annotation_origin,
    awaited_in,
    awaited_values,
    call_name,
    calls_in,
    chain_root,
    dotted_name,
    handed_function,
    handoff,
    is_isinstance_call,
    lexical_walk,
    node_fields,
    on_python3,
    origin_of,
    outcome,
    plain_imports,
    region_reads,
    reraise_reports,
    span_of,
    status_read_spans,
    status_receiver,
    target_of,
)
from .eof_path import eof_answer, eof_decision
from .facts import (
    ASYNC_WITH,
    BUILTIN_NAMES,
    CLASS_CALLS,
    CONNECTION_ATTRIBUTES,
    IMPORT_GUARDS,
    KEYWORD_CALLS,
    LANDMARK_PARTS,
    SEND_TEXT,
    STARRED,
    STATUS_ATTRIBUTES,
    AttributeRead,
    Binding,
    CallSite,
    Comparison,
    DeclarationLines,
    Expr,
    Handler,
    HandlerBody,
    IfBranches,
    Keyword,
    KeywordCall,
    ModuleFacts,
    NameUse,
    Origin,
    Predicate,
    Scope,
    ServeRun,
    Span,
    Target,
    TryBlock,
    guards_imports,
    joined,
    lookup,
    normalize,
    printed,
)
from .tls_branch import ending, quiet_branches
from .tls_flags import PlainRange, plain_ranges

_Visit = Callable[["_Extractor", ast.AST], None]


#: The decorators that make a generator a context manager, by name and by import.
CONTEXT_MANAGERS = frozenset({"contextmanager", "asynccontextmanager"})
CONTEXTLIB = frozenset(f"contextlib.{name}" for name in CONTEXT_MANAGERS)


class _Extractor:
    #: Per node type: the method that visits it and whether it is a statement (filled
    #: as types are met).
    _dispatch: Dict[type, Tuple[_Visit, bool]] = {}

    def __init__(self, lines: List[str]) -> None:
        self.lines = lines
        #: Lines that may hold a ``global`` or ``nonlocal`` statement.
        self.declarations = DeclarationLines(lines)
        self.module_scope = Scope("module", None)
        self.scope = self.module_scope
        self.scopes: List[Scope] = [self.module_scope]
        self.tries: List[TryBlock] = []
        self.class_calls: List[CallSite] = []
        self.keyword_calls: List[KeywordCall] = []
        #: The text names websockets: only then are a few rarer facts worth a walk.
        self.names_websockets = any("websockets" in line for line in lines)
        #: The text names websockets or sockets: calls' arguments are kept, so that a
        #: parameter can be followed to what its callers pass.
        self.keeps_arguments = self.names_websockets or any("socket" in line for line in lines)
        self.names_errno = any("errno" in line or "args[0]" in line for line in lines)
        self.names_ssl_error = any("SSLError" in line for line in lines)
        #: Clauses whose TLS branches, and functions whose answer for an SSLEOFError, are
        #: read once every name of the module is bound (:meth:`read_branches`).
        self.branching: List[Tuple[HandlerBody, ast.ExceptHandler, Scope, FrozenSet[str], ast.AST, List[Handler]]] = []
        self.answering: List[Tuple[Scope, List[ast.stmt], str]] = []
        #: The last statement of each function's body ("return None": falling out of it
        #: returns that) and of each loop's ("continue"), noted as the visit passes them.
        self.tails: Dict[int, str] = {}
        #: Names a websockets ``connect`` / ``serve`` is imported as (``from
        #: websockets.asyncio.client import connect as ws_connect``): their calls count
        #: as the name's, which the rules resolve through the module's imports.
        self.call_aliases: FrozenSet[str] = (
            frozenset(m.group(1) for line in lines for m in _CALL_ALIAS.finditer(line))
            if self.names_websockets
            else frozenset()
        )
        self.connection_reads: List[AttributeRead] = []
        self.connection_uses: List[AttributeRead] = []
        #: The scope of each lambda (by node id), for the calls it is given to.
        self.lambda_scopes: Dict[int, Scope] = {}
        self.websockets_names: List[NameUse] = []
        self.in_annotation = 0
        #: ``from __future__ import annotations``: no annotation is evaluated.
        self.future_annotations = False
        #: Nodes that are a call's function or an operator's operand (see AttributeRead).
        self.called: Set[int] = set()
        self.operands: Set[int] = set()
        #: Arguments of ``loop.run_until_complete(...)`` calls.
        self.run_arguments: Set[int] = set()
        #: The receivers ``hasattr`` / ``isinstance`` test in the code being visited ("*":
        #: a ``try`` that catches AttributeError); see ``guarding``.
        self.hasattr_guards: List[Optional[str]] = []
        #: The ``getattr(ws, "open", True)`` calls of the tests being visited (by id), each
        #: a guard entry of its receiver that does not guard the call itself.
        self.stand_in_reads: List[Tuple[int, Optional[str]]] = []
        #: Variables of the comprehensions being visited.
        self.comprehension_names: List[str] = []
        self.imported_modules: Set[str] = set()
        self.has_star_import = False
        self.import_guard_depth = 0
        self.condition_depth = 0
        #: Where an import now stands in a ``try`` that guards imports (``Binding.shim``).
        self.shim_part: Optional[Tuple[int, str]] = None
        self.import_tries: Dict[int, Optional[Tuple[str, ...]]] = {}
        self.switching_fallbacks: Set[int] = set()
        self.stopping_fallbacks: Set[int] = set()
        self.line = 0  # of the statement being visited
        #: A ``with`` item's call -> the with's body (its calls are read only for the few
        #: calls the rules look at: reading them for every ``with`` was quadratic in nesting).
        self.with_bodies: Dict[int, List[ast.stmt]] = {}
        self.attribute_uses: Set[str] = set()
        #: Local names of ``contextlib.suppress`` (``from contextlib import suppress as q``).
        self.suppress_names: Set[str] = {"suppress"}
        #: isinstance call -> the nodes where it holds (see ``CallSite.region``).
        self.regions: Dict[int, List[ast.AST]] = {}
        self.wrap_calls: List[Tuple[int, bool]] = []
        #: (scope id, name) -> the constant keys of the dicts bound to the name there, for
        #: ``**name`` in a call (see ``KeywordCall.spread``); only when websockets is named.
        self.dict_keys: Dict[Tuple[int, str], Set[str]] = {}
        #: Per enclosing branch of an ``if`` that probes a signature (``if "proxy" in
        #: inspect.signature(connect).parameters:``): the keys set there that the callee
        #: takes, or None in the branch where it lacks them (every key there is the
        #: alternative spelling: a switch).
        self.probed: List[Optional[Set[str]]] = []
        #: (scope id, name) of names bound to a signature or its parameters
        #: (``params = inspect.signature(connect).parameters``).
        self.signature_names: Set[Tuple[int, str]] = set()
        #: The release below which a module-level ``if`` on websockets' version that
        #: raises has stopped the module ("13.0"), once passed; "" before.
        self.version_floor = ""
        self.plain_branches: List[PlainRange] = []
        #: How many ``try`` bodies enclose the node being visited.
        self.try_depth = 0
        #: Per import-guarding ``try`` (numbered as ``Binding.shim``): the websockets
        #: modules its body imports, which its ImportError fallback runs without.
        self.fallbacks: Dict[int, Tuple[str, ...]] = {}
        #: (scope id, dict name, key) -> the fallback's modules, for keys set only there.
        self.key_fallbacks: Dict[Tuple[int, str, str], Tuple[str, ...]] = {}
        #: (class id, attribute) -> the constant keys set on ``self.ATTR`` in its methods,
        #: and those deleted or popped there; and the ``**self.ATTR`` spreads, read when
        #: the whole module is seen (a method may set a key after the one that connects).
        self.attr_keys: Dict[Tuple[int, str], Set[str]] = {}
        self.attr_drops: Dict[Tuple[int, str], Set[str]] = {}
        self.attr_spreads: List[Tuple[int, Tuple[int, str], Span, str]] = []
        #: The clause being visited catches ImportError / ModuleNotFoundError alone.
        self.import_errors_only = False

    def span(self, node: ast.AST) -> Span:
        return span_of(node, self.lines)

    def target(self, node: ast.AST) -> Target:
        return target_of(node, self.lines)

    def expr(self, node: ast.expr, text: bool = False) -> Expr:
        code = normalize(ast.unparse(node)) if text else ""
        if isinstance(node, ast.Starred):
            return Expr(dotted_name(node.value), self.span(node), self.target(node), starred=True, text=code)
        return Expr(dotted_name(node), self.span(node), self.target(node), text=code)

    def if_branches(self, node: ast.If, is_elif: bool) -> IfBranches:
        if not node.orelse:
            return IfBranches(outcome(node.body), "end", is_elif=is_elif)
        if len(node.orelse) == 1 and isinstance(node.orelse[0], ast.If):
            test = self.span(node.orelse[0].test)
            return IfBranches(outcome(node.body), "elif", elif_test=test, is_elif=is_elif)
        return IfBranches(outcome(node.body), "else", outcome(node.orelse), is_elif=is_elif)

    def comparison(self, node: ast.Compare, branches: Optional[IfBranches] = None) -> Comparison:
        right = node.comparators[0]
        elements = [self.expr(e, True) for e in right.elts] if isinstance(right, COLLECTIONS) else None
        return Comparison(
            self.span(node),
            normalize(ast.unparse(node.left)),
            OPERATORS[type(node.ops[0])],
            self.expr(right, True),
            elements,
            branches,
        )

    def errno_test(self, body: List[ast.stmt], param: str) -> Optional[Comparison]:
        """The errno comparison of its parameter whose result a function returns for an
        ssl.SSLEOFError (``return e.errno in (...)``, also after ``isinstance`` tests:
        :mod:`.eof_path`), negated where the function answers its negation."""

        def reads_param(node: ast.expr) -> bool:
            return any(isinstance(n, ast.Name) and n.id == param for n in ast.walk(node))

        found = eof_decision(body, param, reads_param, self.class_qualname)
        if found is None or type(found[0].ops[0]) not in OPERATORS:
            return None
        comparison = self.comparison(found[0])
        return replace(comparison, op=NEGATED_OPERATORS[comparison.op]) if found[1] else comparison

    def class_qualname(self, dotted: str) -> Optional[str]:
        """What a class name means through the module's imports so far (``TLSError`` from
        ``from ssl import SSLError as TLSError``: ``ssl.SSLError``; an unbound bare name is
        a builtin's); None when the module binds it to anything but an import or a class."""
        head, _, rest = dotted.partition(".")
        bindings = self.module_scope.bindings.get(head)
        if not bindings:
            return None if rest else f"builtins.{head}"
        first = bindings[0]
        if first.kind == "import" and first.shim is not None and first.shim[1] == "body":
            # ``try: import ssl`` / ``except ImportError: ssl = _SslDummy()``: the fallback
            # runs only where the import fails, and there no TLS error arises at all.
            bindings = [b for b in bindings if b.shim != (first.shim[0], "handler")]
        if len(bindings) != 1 or bindings[0].kind not in ("import", "def"):
            return None
        if bindings[0].kind == "def":
            return f"<module>.{dotted}"
        target = bindings[0].target or head
        return f"{target}.{rest}" if rest else target

    def scoped_qualname(self, scope: Scope) -> Callable[[str], Optional[str]]:
        """:meth:`class_qualname` as seen from ``scope``: a name a function binds
        (``from ssl import SSLError`` inside it, a local tuple, a parameter) is the
        import's target or unknown; a name bound nowhere is a builtin only if Python
        has one by that name (and no ``import *`` may bind it)."""

        def qualname(dotted: str) -> Optional[str]:
            head, _, rest = dotted.partition(".")
            found = lookup(scope, head)
            if found is None:
                known = head in BUILTIN_NAMES and not self.has_star_import and not rest
                return f"builtins.{head}" if known else None
            where, bindings = found
            if where is self.module_scope:
                return self.class_qualname(dotted)
            if len(bindings) == 1 and bindings[0].kind == "import":
                target = bindings[0].target or head
                return f"{target}.{rest}" if rest else target
            return None

        return qualname

    def read_branches(self) -> None:
        """The facts read once every name of the module is bound: what the module's
        functions answer for an SSLEOFError, and the clauses' quiet TLS branches."""
        for scope, statements, param in self.answering:
            scope.eof_answer = eof_answer(statements, param, self.scoped_qualname(scope))
        # A ``try`` that ends a function's body (or a loop's): falling out of a clause
        # is ``return None`` there (or ``continue``).
        tails = self.tails
        for body, clause, scope, earlier, node, handlers in self.branching:
            assert clause.name is not None
            found = quiet_branches(clause.body, clause.name, self.scoped_qualname(scope), earlier)
            same = tails.get(id(node))
            body.quiet_branches = [(a, c, "end" if end == same else end) for a, c, end in found]
            for handler in handlers:
                handler.body.ends = "end" if handler.body.ends == same else handler.body.ends

    def handler_body(self, statements: List[ast.stmt], name: Optional[str] = None) -> HandlerBody:
        body = HandlerBody()
        branches: Dict[int, IfBranches] = {}  # by the id of an if's test (seen before it)
        elifs: Set[int] = set()  # ids of the ifs that are an elif (seen before them)
        #: ``not call(e)``: the call's id -> the ``not`` nodes around it, inner first.
        negations: Dict[int, Tuple[ast.AST, ...]] = {}
        #: The nodes of the classes a nested ``except`` names: catching SSLEOFError around
        #: the clause's own clean-up is no test of the error the clause took.
        nested_types: Set[int] = set()
        for node in lexical_walk(statements):
            if isinstance(node, ast.ExceptHandler) and node.type is not None:
                nested_types.update(id(n) for n in ast.walk(node.type))
            elif id(node) not in nested_types and (
                (isinstance(node, ast.Name) and node.id in TLS_EOF_NAMES)
                or (isinstance(node, ast.Attribute) and node.attr in TLS_EOF_NAMES)
            ):
                body.tests_tls_eof = True
            if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
                inner = node.operand
                while isinstance(inner, ast.UnaryOp) and isinstance(inner.op, ast.Not):
                    inner = inner.operand
                negations[id(inner)] = (*negations.get(id(inner), ()), node)
            if isinstance(node, ast.If):
                branches[id(node.test)] = self.if_branches(node, id(node) in elifs)
                if len(node.orelse) == 1 and isinstance(node.orelse[0], ast.If):
                    elifs.add(id(node.orelse[0]))
            if isinstance(node, ast.Name):
                body.names.add(node.id)
            elif isinstance(node, ast.Attribute):
                body.names.add(node.attr)
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                if node.value in STATUS_ATTRIBUTES:
                    body.names.add(node.value)  # getattr(exc, "status_code", None)
                elif TLS_EOF_TEXT.search(node.value):
                    body.tests_tls_eof = True
            elif isinstance(node, ast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in OPERATORS:
                body.comparisons.append(self.comparison(node, branches.get(id(node))))
            elif isinstance(node, ast.Call) and name is not None and _called_on(node, name):
                # ``if is_client_disconnect(e):`` / ``if not ...``: a test the module's own
                # function may make (Scope.errno_test).
                test = next((t for t in (node, *negations.get(id(node), ())) if id(t) in branches), node)
                negated = test is not node and len(negations.get(id(node), ())) % 2 == 1
                body.predicates.append(
                    Predicate(dotted_name(node.func) or "?", self.span(node), branches.get(id(test)), negated)
                )
            elif isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                body.aliases[node.targets[0].id] = normalize(ast.unparse(node.value))
        body.comparisons.sort(key=lambda c: (c.span.line, c.span.col))
        body.shape = " ".join(handler_shape(statements, name))
        body.ends = ending(statements)
        body.reraise_calls = reraise_reports(statements, name)
        if name is not None and name in body.names and body.names & STATUS_ATTRIBUTES:
            body.status_reads, body.rebinds_name = status_read_spans(statements, name, self.lines)
        return body

    # -- scopes and bindings ----------------------------------------------------
    def bind(self, name: str, kind: str, **extra: object) -> None:
        extra.setdefault("line", self.line)
        extra["shim"] = self.shim_part
        binding = Binding(kind, conditional=self.condition_depth > 0, **extra)  # type: ignore[arg-type]
        self.scope.bind(name, binding)

    def visit(self, node: ast.AST) -> None:
        kind = type(node)
        entry = self._dispatch.get(kind)
        if entry is None:
            method = getattr(_Extractor, f"visit_{kind.__name__}", _Extractor.generic_visit)
            entry = self._dispatch[kind] = (method, issubclass(kind, ast.stmt))
        if entry[1]:
            self.line = node.lineno  # type: ignore[attr-defined]
        entry[0](self, node)

    def generic_visit(self, node: ast.AST) -> None:
        for name in node_fields(type(node)):
            value = getattr(node, name, None)
            if isinstance(value, list):
                for item in value:
                    if isinstance(item, ast.AST) and not isinstance(item, LEAVES):
                        self.visit(item)
            elif isinstance(value, ast.AST) and not isinstance(value, LEAVES):
                self.visit(value)

    def conditionally(self, node: ast.AST) -> None:
        """Visit a statement whose body may not run (if, while, for, with, match)."""
        self.condition_depth += 1
        self.generic_visit(node)
        self.condition_depth -= 1

    def visit_If(self, node: Union[ast.If, ast.IfExp]) -> None:
        # ``if isinstance(e, X) [and ...]:``: the body may rely on ``e`` being an X.
        test = node.test
        for operand in test.values if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And) else [test]:
            if is_isinstance_call(operand):
                self.regions.setdefault(id(operand), []).extend(node.body if isinstance(node, ast.If) else [node.body])
        if isinstance(node, ast.If):
            self.plain_branches.extend(plain_ranges(node))
        # ``x.request.path if hasattr(x, "request") else x.path``: both spellings on purpose.
        probe = self.probe(test) if self.names_websockets and isinstance(node, ast.If) else None
        with self.guarding(self.tested_receivers(test), test):
            if isinstance(node, ast.If) and probe is not None:
                self.visit_probe(_live_on_python3(node), *probe)
            elif isinstance(node, ast.If):
                self.conditionally(_live_on_python3(node))
            else:
                self.generic_visit(node)
        at_top = self.scope.kind == "module" and self.condition_depth == 0 and self.try_depth == 0
        if isinstance(node, ast.If) and self.names_websockets and at_top:
            self.version_floor = max(self.version_floor, _stop_floor(node), key=_release) or self.version_floor

    visit_IfExp = visit_If

    def visit_probe(self, node: ast.AST, names: Set[str], negated: bool, alone: bool) -> None:
        """An ``if`` that tests a signature for ``names``: in the branch where the callee
        has them, those keys are taken; in the other, where the test is the whole
        condition, every key is the alternative the callee takes instead."""
        assert isinstance(node, ast.If)
        taken: List[Optional[Set[str]]] = [names]
        other: List[Optional[Set[str]]] = [None] if alone else []
        self.condition_depth += 1
        self.visit(node.test)
        for statements, state in ((node.body, other if negated else taken), (node.orelse, taken if negated else other)):
            self.probed.extend(state)
            for statement in statements:
                self.visit(statement)
            del self.probed[len(self.probed) - len(state) :]
        self.condition_depth -= 1

    def probe(self, test: ast.expr) -> Optional[Tuple[Set[str], bool, bool]]:
        """The names ``test`` looks up in a signature's parameters, whether it asks for
        their absence (``not in``), and whether that is the whole test; None if it
        probes no signature."""
        found: Set[str] = set()
        negated = False
        for node in ast.walk(test):
            if (
                isinstance(node, ast.Compare)
                and isinstance(node.left, ast.Constant)
                and isinstance(node.left.value, str)
                and isinstance(node.ops[0], (ast.In, ast.NotIn))
                and self._is_signature(node.comparators[0])
            ):
                found.add(node.left.value)
                negated = isinstance(node.ops[0], ast.NotIn)
        if not found:
            return None
        return found, negated, isinstance(test, ast.Compare)

    def _is_signature(self, node: ast.expr) -> bool:
        """``inspect.signature(f).parameters`` (``.keys()``), or a name bound to it."""
        for inner in ast.walk(node):
            if isinstance(inner, ast.Call) and call_name(inner.func).rsplit(".", 1)[-1] == "signature":
                return True
        root = node
        while isinstance(root, (ast.Attribute, ast.Call)):
            root = root.value if isinstance(root, ast.Attribute) else root.func
        return isinstance(root, ast.Name) and (id(self.scope), root.id) in self.signature_names

    def visit_While(self, node: Union[ast.While, ast.Match]) -> None:
        test = getattr(node, "test", None)
        if isinstance(node, ast.While):
            self.tails[id(node.body[-1])] = "continue"
        with self.guarding(self.tested_receivers(test) if test is not None else [], test):
            self.conditionally(node)

    def tested_receivers(self, test: ast.AST) -> List[Optional[str]]:
        """``_tested_receivers``, where they can matter: connection reads are only ever
        reported in a module that names websockets (saves a walk of every test)."""
        return _tested_receivers(test) if self.names_websockets else []

    @contextlib.contextmanager
    def guarding(self, receivers: List[Optional[str]], test: Optional[ast.AST] = None) -> Iterator[None]:
        """Reads of connection attributes on ``receivers`` ("*": any) while inside: code
        that tests which implementation it has (hasattr, isinstance, except
        AttributeError) is written for both on purpose. A ``getattr(ws, "open", True)``
        in ``test`` is such a test for the code it guards, not for itself: the read
        of the state with a stand-in answer (always the stand-in on the new connection)."""
        self.hasattr_guards.extend(receivers)
        own = [(id(c), dotted_name(c.args[0])) for c in _stand_in_reads(test)] if receivers and test else []
        self.stand_in_reads.extend(own)
        try:
            yield
        finally:
            del self.hasattr_guards[len(self.hasattr_guards) - len(receivers) :]
            del self.stand_in_reads[len(self.stand_in_reads) - len(own) :]

    def visit_ListComp(self, node: Union[ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp]) -> None:
        # The comprehension's own variables are other values than the scope's names.
        names = [n.id for g in node.generators for n in ast.walk(g.target) if isinstance(n, ast.Name)]
        self.comprehension_names.extend(names)
        self.generic_visit(node)
        del self.comprehension_names[len(self.comprehension_names) - len(names) :]

    visit_SetComp = visit_GeneratorExp = visit_DictComp = visit_ListComp

    def visit_Await(self, node: ast.Await) -> None:
        if isinstance(node.value, ast.Attribute):
            self.operands.add(id(node.value))
        self.note_awaited(node)
        self.generic_visit(node)

    def note_awaited(self, node: ast.AST) -> None:
        """What the scope's own code awaits or enters (NFX203 follows calls into it)."""
        if self.names_websockets:
            self.scope.awaited.update(awaited_values(node))

    visit_Match = visit_While

    def visit_BoolOp(self, node: ast.BoolOp) -> None:
        if isinstance(node.op, ast.And):
            for operand in node.values:
                if is_isinstance_call(operand):
                    self.regions.setdefault(id(operand), []).append(node)
        # ``hasattr(ws, "open") and ws.open``: the operands after a test are guarded by it.
        with self.guarding([r for operand in node.values for r in self.tested_receivers(operand)], node):
            self.generic_visit(node)

    def bind_target(self, target: ast.AST, origin: Optional[Origin] = None) -> None:
        """Bind the names ``target`` stores; a name alone gets ``origin``, the names of a
        tuple target an element of it (``conn, addr = server.accept()``)."""
        if isinstance(target, ast.Name) and origin is not None:
            self.bind(target.id, "other", origin=origin)
            return
        item = replace(origin, item=True) if origin is not None and origin.call is not None else None
        for node in ast.walk(target):
            # ``x[i] = ...`` and ``x.a = ...`` do not bind ``x``.
            if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
                self.bind(node.id, "other", origin=item)

    def in_scope(
        self,
        kind: str,
        body: List[ast.AST],
        function: Optional[FunctionNode],
        node: ast.AST,
        name: Optional[str] = None,
    ) -> None:
        outer, outer_depth, outer_shim = self.scope, self.condition_depth, self.shim_part
        self.shim_part = None  # a def or class body is no part of a shim
        self.scope = Scope(kind, outer, self.target(node), name)
        self.scopes.append(self.scope)
        if isinstance(node, ast.Lambda):
            self.lambda_scopes[id(node)] = self.scope
        if name is not None:
            outer.children[name] = self.scope
        if isinstance(node, ast.ClassDef):
            self.scope.bases = tuple(dotted_name(base) or "?" for base in node.bases)
        # PEP 695 type parameters (``def send[ssl](sock)``, ``class C[ssl]``) are names in
        # the body, and a generic class's are in its methods too: they shadow.
        own = [param.name for param in getattr(node, "type_params", ())]
        inherited = outer.type_params if kind == "function" and outer.kind == "class" else []
        self.scope.type_params = own
        for name_ in [*own, *inherited]:
            self.bind(name_, "param")
        # A function body is its own world: its imports run whenever it is called.
        self.condition_depth = 0 if kind == "function" else outer_depth
        if function is not None:
            args = function.args
            positional = [*args.posonlyargs, *args.args]
            decorators = getattr(function, "decorator_list", [])
            static = any(dotted_name(d) in ("staticmethod", "builtins.staticmethod") for d in decorators)
            if outer.kind == "class" and positional and name is not None and not static:
                self.scope.self_name = positional[0].arg
            self.scope.params = [arg.arg for arg in positional]
            self.scope.required_params = len(positional) - len(args.defaults)
            self.scope.varargs = args.vararg is not None
            self.scope.is_async = isinstance(node, ast.AsyncFunctionDef)
            self.scope.decorated = bool(decorators)
            # ``with own_cm() as x``: x is what a generator context manager yields.
            self.scope.context_manager = any(self._makes_context_manager(d) for d in decorators)
            own = positional[1:] if self.scope.self_name is not None else positional
            self.scope.simple_params = not args.posonlyargs and all(a.lineno == function.lineno for a in positional)
            # (A synchronous handler only matters to the threading server: websockets named.)
            if len(own) == 2 and (self.scope.is_async or self.names_websockets):
                self.scope.second_param_reads = self.reads_of(own[1].arg, body, own[0].arg)
            if len(own) == 2 and self.names_websockets:
                names = {a.arg for a in own}
                self.scope.tests_params = any(set(_tested_receivers(statement)) & names for statement in body)
            if len(own) == 1 and self.names_errno:
                self.scope.errno_test = self.errno_test([s for s in body if isinstance(s, ast.stmt)], own[0].arg)
            if name == "handle_error":
                self.scope.passes_tls_errors = _passes_tls_errors(body)
            if len(own) == 1 and self.names_ssl_error:
                self.answering.append((self.scope, [s for s in body if isinstance(s, ast.stmt)], own[0].arg))
            for arg in [*positional, *args.kwonlyargs]:
                self.bind(arg.arg, "param", origin=annotation_origin(arg.annotation, self.line))
            for arg_or_none in (args.vararg, args.kwarg):
                if arg_or_none is not None:
                    self.bind(arg_or_none.arg, "param")
        # Globals must be known before the bindings they redirect (the walk only where
        # the text may declare one).
        first, last = body[0], body[-1]
        lines = (getattr(first, "lineno"), getattr(last, "end_lineno", None) or getattr(last, "lineno"))
        for inner in lexical_walk(body) if self.declarations.between(*lines) else ():
            if isinstance(inner, ast.Global):
                self.scope.global_names.update(inner.names)
            elif isinstance(inner, ast.Nonlocal):
                self.scope.nonlocal_names.update(inner.names)
        # ``if not hasattr(ws, "request"): return ws.path`` then ``ws.request.path``: the
        # statements after a test that returns or raises are guarded by it too.
        guards = len(self.hasattr_guards)
        for node in body:
            self.visit(node)
            if kind == "function" and isinstance(node, ast.If) and node.body and _exits(node.body[-1]):
                self.hasattr_guards.extend(self.tested_receivers(node.test))
        del self.hasattr_guards[guards:]
        self.scope, self.condition_depth, self.shim_part = outer, outer_depth, outer_shim

    def reads_of(self, name: str, body: List[ast.AST], keep: str) -> Optional[List[Target]]:
        """Where ``body`` (nested scopes included) reads ``name``; None if it binds it or
        ``keep`` anywhere (then ``keep`` may not be the same object where ``name`` is read),
        or declares either ``nonlocal`` / ``global``."""
        reads: List[Target] = []
        both = (name, keep)
        for statement in body:
            for inner in ast.walk(statement):
                if isinstance(inner, ast.Name) and inner.id in both:
                    if not isinstance(inner.ctx, ast.Load):
                        return None
                    if inner.id == name:
                        reads.append(self.target(inner))
                elif (isinstance(inner, ast.arg) and inner.arg in both) or (
                    isinstance(inner, (ast.Nonlocal, ast.Global)) and set(inner.names) & set(both)
                ):
                    return None  # a nested scope's own variable of that name
        return reads

    def visit_FunctionDef(self, node: Union[ast.FunctionDef, ast.AsyncFunctionDef]) -> None:
        for decorator in node.decorator_list:
            self.visit(decorator)
        if self.names_websockets and not self.future_annotations:
            self.note_annotation_landmarks(node)
        args = node.args
        for default in [*args.defaults, *args.kw_defaults]:
            if default is not None:
                self.visit(default)
        self.bind(node.name, "def")
        self.tails[id(node.body[-1])] = "return None"
        self.in_scope("function", list(node.body), node, node, node.name)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Lambda(self, node: ast.Lambda) -> None:
        for default in [*node.args.defaults, *node.args.kw_defaults]:
            if default is not None:
                self.visit(default)
        self.in_scope("function", [node.body], node, node)

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        for child in [*node.decorator_list, *node.bases, *node.keywords]:
            self.visit(child)
        self.bind(node.name, "def")
        self.in_scope("class", list(node.body), None, node, node.name)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self.imported_modules.add(alias.name)
            self.note_websockets_import(alias.name, node, bound=alias.asname or alias.name.split(".", 1)[0])
            if alias.asname:
                self.bind(alias.asname, "import", target=alias.name, guarded=self.guarded)
            else:
                head = alias.name.split(".", 1)[0]
                self.bind(head, "import", target=head, guarded=self.guarded)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        module = "." * node.level + (node.module or "")
        self.imported_modules.add(module)
        for alias in node.names:
            if alias.name == "*":
                self.has_star_import = True
                continue
            self.imported_modules.add(joined(module, alias.name))
            bound = alias.asname or alias.name
            self.note_websockets_import(joined(module, alias.name), node, module == "websockets", bound)
            if module == "__future__" and alias.name == "annotations":
                self.future_annotations = True
            if alias.name == "suppress" and alias.asname:
                self.suppress_names.add(alias.asname)
            self.bind(
                alias.asname or alias.name,
                "import",
                target=joined(module, alias.name),
                guarded=self.guarded,
            )

    @property
    def guarded(self) -> bool:
        return self.import_guard_depth > 0

    def note_annotation_landmarks(self, node: Union[ast.FunctionDef, ast.AsyncFunctionDef]) -> None:
        """Parameter and return annotations run when the ``def`` does (before 3.14,
        without ``from __future__ import annotations``): ``ws: websockets.ClientConnection``
        needs the name."""
        args = node.args
        every = [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]
        annotations = [a.annotation for a in every if a is not None and a.annotation is not None]
        for annotation in [*annotations, *([node.returns] if node.returns is not None else [])]:
            inner = {id(n.value) for n in ast.walk(annotation) if isinstance(n, ast.Attribute)}
            for part in ast.walk(annotation):
                dotted = dotted_name(part) if isinstance(part, ast.Attribute) and id(part) not in inner else None
                if dotted is not None and not LANDMARK_PARTS.isdisjoint(dotted.split(".")[1:]):
                    self.websockets_names.append(NameUse(dotted, self.span(part), self.scope))

    def note_websockets_import(self, name: str, node: ast.AST, from_package: bool = False, bound: str = "") -> None:
        if name == "websockets" or name.startswith("websockets."):
            guarded = self.guarded or self.condition_depth > 0
            part = self.shim_part
            fallback = part[0] if part and part[1] == "body" and self.import_guard_depth == 1 else None
            if self.condition_depth > 0:
                fallback = None
            # (After ``if websockets_version < (13, 0): raise ImportError(...)``, the module
            # stops itself on the releases it does not support.)
            floor = self.version_floor
            use = NameUse(name, self.span(node), self.scope, True, guarded, from_package, fallback, bound, floor)
            self.websockets_names.append(use)

    def visit_Assign(self, node: ast.Assign) -> None:
        self.visit(node.value)
        pairs = _paired(node.targets, node.value)
        if pairs is not None:
            # ``a, self.b = x(), y()``: each name from its own element.
            for target, value in pairs:
                self.note_origins(target, origin_of(value))
                self.bind_target(target, origin_of(value))
            for target in node.targets:
                self.visit(target)
            return
        origin = origin_of(node.value)
        for target in node.targets:
            self.note_origins(target, origin)
            if self.names_websockets:
                self.note_dict_keys(target, node.value)
                if isinstance(target, ast.Name) and self._is_signature(node.value):
                    self.signature_names.add((id(self.scope), target.id))
        if len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            value = node.value
            if isinstance(value, ast.Tuple):
                self.bind(
                    node.targets[0].id,
                    "assign",
                    value=[self.expr(e, True) for e in value.elts],
                    value_is_tuple=True,
                    value_target=self.target(value),
                )
            elif isinstance(value, (ast.Set, ast.List)):
                self.bind(
                    node.targets[0].id,
                    "assign",
                    value=[self.expr(e, True) for e in value.elts],
                    value_is_collection=True,
                )
            elif dotted_name(value) is not None:
                self.bind(node.targets[0].id, "assign", value=[self.expr(value)], origin=origin)
            elif _collection_call(value):  # ``frozenset({errno.EPIPE, ...})``: a constant too
                elements = value.args[0].elts  # type: ignore[attr-defined]
                self.bind(
                    node.targets[0].id, "assign", value=[self.expr(e, True) for e in elements], value_is_collection=True
                )
            elif isinstance(value, ast.Call) and dotted_name(value.func) is not None:
                self.bind(node.targets[0].id, "assign", call=dotted_name(value.func), origin=origin)
            else:
                self.bind(node.targets[0].id, "assign", origin=origin)
            return
        for target in node.targets:
            self.bind_target(target, origin)
            self.visit(target)

    def note_dict_keys(self, target: ast.AST, value: ast.AST) -> None:
        """``NAME = {"k": v}`` (or ``dict(k=v)``, or either under ``x if c else y``), and
        ``NAME["k"] = v``: keys a ``**NAME`` may pass (see ``KeywordCall.spread``)."""
        if isinstance(target, (ast.Name, ast.Attribute)):
            keys = _dict_keys(value)
            if keys:
                self.add_keys_to(target, keys)
        elif isinstance(target, ast.Subscript):
            key = target.slice
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                self.add_keys_to(target.value, {key.value})

    def own_attribute(self, node: ast.AST) -> Optional[Tuple[int, str]]:
        """``self.ATTR`` in a method: (the class's id, ATTR)."""
        scope = self.scope
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and scope.self_name is not None
            and node.value.id == scope.self_name
            and scope.parent is not None
        ):
            return id(scope.parent), node.attr
        return None

    def add_keys_to(self, receiver: ast.AST, keys: Set[str]) -> None:
        """Keys set on the dict ``NAME`` or ``self.ATTR``; not those set where a test of
        the callee's signature chose them (:meth:`visit_probe`)."""
        for taken in self.probed:
            keys = keys - taken if taken is not None else set()
        if not keys:
            return
        if isinstance(receiver, ast.Name):
            self.add_dict_keys(receiver.id, keys)
        attribute = self.own_attribute(receiver)
        if attribute is not None:
            self.attr_keys.setdefault(attribute, set()).update(keys)

    def attribute_spreads(self) -> None:
        """Fill in the keys of each ``**self.ATTR`` spread, now that every method is seen."""
        for index, attribute, span, through in self.attr_spreads:
            keys = sorted(self.attr_keys.get(attribute, set()) - self.attr_drops.get(attribute, set()))
            call = self.keyword_calls[index]
            added = tuple(Keyword(key, span, "", through) for key in keys)
            self.keyword_calls[index] = replace(call, spread=(*call.spread, *added))

    def add_dict_keys(self, name: str, keys: Set[str]) -> None:
        """Keys a ``**name`` may pass, set here; those set only in an import fallback are
        marked with its modules (``Keyword.fallback``)."""
        noted = self.dict_keys.setdefault((id(self.scope), name), set())
        fallback = self.fallback()
        for key in keys:
            marker = (id(self.scope), name, key)
            if not fallback:
                self.key_fallbacks.pop(marker, None)
            elif key not in noted or marker in self.key_fallbacks:
                # Set in two fallbacks: it is passed where either runs.
                self.key_fallbacks[marker] = (*self.key_fallbacks.get(marker, ()), *fallback)
        noted.update(keys)

    def fallback(self) -> Tuple[str, ...]:
        """The websockets modules whose failed import the code being visited runs after
        (a clause for ImportError alone), else ()."""
        if self.shim_part is None or self.shim_part[1] != "handler" or not self.import_errors_only:
            return ()
        return self.fallbacks.get(self.shim_part[0], ())

    def spread_keys(self, name: str) -> Dict[str, Tuple[str, ...]]:
        """The keys noted for ``name`` in the scopes a read of it here may see, with the
        import fallback's modules of those set only there."""
        if name in self.comprehension_names:
            return {}  # a comprehension's own variable
        scope: Optional[Scope] = self.scope
        while scope is not None:
            if scope is self.scope or scope.kind != "class":
                keys = self.dict_keys.get((id(scope), name))
                if keys is not None:
                    return {key: self.key_fallbacks.get((id(scope), name, key), ()) for key in keys}
                if name in scope.bindings:
                    return {}  # bound here otherwise: what it holds is not known
            scope = scope.parent
        return {}

    def note_origins(self, target: ast.AST, origin: Origin) -> None:
        """``self.NAME = value`` in a method: record where the class's attribute comes from.
        (Names are bound with their origin by ``bind``.)"""
        if isinstance(target, (ast.Tuple, ast.List)):
            item = replace(origin, item=True) if origin.call is not None else Origin(origin.line)
            for element in target.elts:
                self.note_origins(element, item)
            return
        scope = self.scope
        if self.own_attribute(target) is not None:
            assert isinstance(target, ast.Attribute) and scope.parent is not None
            scope.parent.attributes.setdefault(target.attr, []).append((origin, scope))
        elif isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name):
            scope.stores.setdefault(target.attr, []).append((target.value.id, origin))

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        origin = origin_of(node.value) if node.value is not None else annotation_origin(node.annotation, self.line)
        if origin is not None:
            self.note_origins(node.target, origin)
        self.bind_target(node.target, origin)
        self.visit(node.target)
        # A local variable's annotation is never evaluated, nor any under ``from
        # __future__ import annotations``: no websockets landmark there.
        unevaluated = self.future_annotations or self.scope.kind == "function"
        self.in_annotation += unevaluated
        self.visit(node.annotation)
        self.in_annotation -= unevaluated
        if node.value is not None:
            self.visit(node.value)
            if self.names_websockets:
                self.note_dict_keys(node.target, node.value)

    def visit_Yield(self, node: ast.Yield) -> None:
        if node.value is not None and self.scope.context_manager:
            self.scope.yields.append(origin_of(node.value))
        self.generic_visit(node)

    def _makes_context_manager(self, decorator: ast.expr) -> bool:
        """``@contextmanager``, ``@contextlib.asynccontextmanager``, or either under the
        name it is imported as (``from contextlib import asynccontextmanager as acm``)."""
        dotted = dotted_name(decorator) or ""
        if dotted.rsplit(".", 1)[-1] in CONTEXT_MANAGERS:
            return True
        head, _, rest = dotted.partition(".")
        found = lookup(self.scope, head) if head else None
        bindings = found[1] if found else []
        return any((f"{b.target}.{rest}" if rest else b.target) in CONTEXTLIB for b in bindings if b.kind == "import")

    def visit_Return(self, node: ast.Return) -> None:
        if node.value is not None:
            self.scope.returns.append(origin_of(node.value))
            self.visit(node.value)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        # ``X += (a,)`` and ``X |= {a}`` add to a constant; ``-=`` and the others do not.
        if (
            isinstance(node.target, ast.Name)
            and isinstance(node.value, COLLECTIONS)
            and isinstance(node.op, (ast.Add, ast.BitOr))
        ):
            values = [self.expr(e, True) for e in node.value.elts]
            self.bind(node.target.id, "grow", value=values, value_is_collection=True)
        else:
            self.bind_target(node.target)
        self.generic_visit(node)

    def visit_NamedExpr(self, node: ast.NamedExpr) -> None:
        self.bind_target(node.target, origin_of(node.value))
        self.generic_visit(node)

    def visit_For(self, node: Union[ast.For, ast.AsyncFor]) -> None:
        self.condition_depth += 1
        # ``async for ws in connect(uri):`` (websockets' reconnecting iterator): each item
        # is what the call makes.
        iterated = isinstance(node, ast.AsyncFor) and isinstance(node.iter, ast.Call)
        self.note_awaited(node)
        if isinstance(node, ast.AsyncFor) and isinstance(node.iter, ast.Call) and self.names_websockets:
            self.scope.iterated.add(call_name(node.iter.func))
        self.bind_target(node.target, replace(origin_of(node.iter), item=True) if iterated else None)
        self.tails[id(node.body[-1])] = "continue"
        self.generic_visit(node)
        self.condition_depth -= 1

    visit_AsyncFor = visit_For

    def visit_TypeAlias(self, node: ast.AST) -> None:
        """``type ssl = int`` (PEP 695, 3.12+) binds the name; its value is evaluated lazily."""
        name = getattr(node, "name", None)
        if isinstance(name, ast.Name):
            self.bind(name.id, "other")

    def visit_Delete(self, node: ast.Delete) -> None:
        for target in node.targets:
            self.bind_target(target)
            if self.names_websockets and isinstance(target, ast.Subscript):
                self.drop_dict_key(target.value, target.slice)

    def drop_dict_key(self, receiver: ast.AST, key: Optional[ast.AST]) -> None:
        """``del NAME["k"]`` / ``NAME.pop("k")`` anywhere in the scope: the key may be gone
        (a version check that drops ``proxy``), so it no longer counts as passed."""
        attribute = self.own_attribute(receiver)
        if attribute is not None and isinstance(key, ast.Constant) and isinstance(key.value, str):
            self.attr_drops.setdefault(attribute, set()).add(key.value)
        if isinstance(receiver, ast.Name) and isinstance(key, ast.Constant) and isinstance(key.value, str):
            keys = self.dict_keys.get((id(self.scope), receiver.id))
            if keys is not None:
                keys.discard(key.value)

    def visit_With(self, node: Union[ast.With, ast.AsyncWith]) -> None:
        self.note_awaited(node)
        guard = False
        for item in node.items:
            if isinstance(item.context_expr, ast.Call):
                self.with_bodies[id(item.context_expr)] = node.body
                guard = guard or self._suppresses_import_error(item.context_expr)
            elif isinstance(node, ast.AsyncWith) and self.names_websockets:
                self.note_connection_use(item.context_expr, ASYNC_WITH)
            if item.optional_vars is not None:
                # ``with ctx.wrap_socket(raw) as tls:``: a socket's __enter__ returns itself.
                entered = replace(origin_of(item.context_expr), entered=True)
                self.bind_target(item.optional_vars, entered)
                self.note_origins(item.optional_vars, entered)
        # ``with suppress(ImportError): import ssl`` guards; any other with may swallow.
        depth = "import_guard_depth" if guard else "condition_depth"
        setattr(self, depth, getattr(self, depth) + 1)
        self.generic_visit(node)
        setattr(self, depth, getattr(self, depth) - 1)

    def _suppresses_import_error(self, call: ast.Call) -> bool:
        name = dotted_name(call.func)
        return (
            name is not None
            and name.rsplit(".", 1)[-1] in self.suppress_names
            and any((dotted_name(a) or "").rsplit(".", 1)[-1] in IMPORT_GUARDS for a in call.args)
        )

    visit_AsyncWith = visit_With

    def visit_Try(self, node: ast.Try) -> None:  # also ast.TryStar (3.11+)
        handlers: List[Handler] = []
        for handler in node.handlers:
            types: Optional[List[Expr]]
            if handler.type is None:
                types, is_tuple = None, False
            elif isinstance(handler.type, ast.Tuple):
                types, is_tuple = [self.expr(e) for e in handler.type.elts], True
            else:
                types, is_tuple = [self.expr(handler.type)], False
            handlers.append(
                Handler(
                    types,
                    is_tuple,
                    self.span(handler),
                    self.scope,
                    self.target(handler),
                    handler.name,
                    self.handler_body(handler.body, handler.name),
                )
            )
        awaited = awaited_in(list(node.body)) if self.names_websockets else frozenset()
        iterated = frozenset(
            call_name(n.iter.func)
            for n in (lexical_walk(node.body) if self.names_websockets else ())
            if isinstance(n, ast.AsyncFor) and isinstance(n.iter, ast.Call)
        )
        lines = (node.body[0].lineno, node.body[-1].end_lineno or node.body[-1].lineno)
        self.tries.append(TryBlock(handlers, calls_in(list(node.body)), awaited, iterated, lines))
        if not isinstance(node, ast.Try):
            pass  # ``except*``: the clause's name is an ExceptionGroup, not the error
        elif any(h.name is not None and _tests_name(h.body, h.name) for h in node.handlers):
            earlier: Set[str] = set()
            for clause, caught in zip(node.handlers, handlers):
                if clause.name is not None and _tests_name(clause.body, clause.name):
                    self.branching.append((caught.body, clause, self.scope, frozenset(earlier), node, handlers))
                earlier.update(calls_in(list(clause.body)))
        guard = guards_imports(handlers)
        outer = self.shim_part
        number = len(self.import_tries)
        if guard:
            self.import_tries[number] = plain_imports(node.body)
            if self.names_websockets:
                self.fallbacks[number] = _websockets_imports(node.body)
        self.import_guard_depth += guard
        attribute_guard: List[Optional[str]] = ["*"] if any(map(_catches_attribute_error, node.handlers)) else []
        # ``try: BlockingIOError`` / ``except NameError: BlockingIOError = IOError``: the
        # body names only Python 3 builtins, so the fallback runs on Python 2 alone.
        py2_fallback = any(_catches(caught, "NameError") for caught in handlers) and all(
            map(_binds_a_builtin, node.body)
        )
        self.try_depth += 1
        for statement in node.body:
            self.shim_part = (number, "body") if guard else None
            with self.guarding(attribute_guard):
                self.visit(statement)
        self.try_depth -= 1
        self.import_guard_depth -= guard
        for clause, caught in zip(node.handlers, handlers):
            if py2_fallback and _catches(caught, "NameError"):
                continue  # its bindings are not the module's as it runs today
            self.shim_part = (number, "handler") if guard and guards_imports([caught]) else None
            self.import_errors_only = _catches_import_errors_only(clause)
            if guard and self.names_websockets and self._reads_websockets(clause, number):
                self.switching_fallbacks.add(number)
            self.visit(clause)
        self.import_errors_only = False
        if guard and all(_stops(clause.body) for clause in node.handlers):
            self.stopping_fallbacks.add(number)
        self.shim_part = None
        for child in [*node.orelse, *node.finalbody]:
            self.visit(child)
        self.shim_part = outer

    visit_TryStar = visit_Try

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> None:
        if node.name:
            self.bind(node.name, "other")
        self.generic_visit(node)

    def count_status_read(self, node: ast.AST) -> None:
        receiver = status_receiver(node)
        if receiver is not None:
            self.scope.status_reads[receiver] = self.scope.status_reads.get(receiver, 0) + 1

    def visit_Attribute(self, node: ast.Attribute) -> None:
        # A chain ``a.b.c`` at once: each link is a use (``a.b.c``, ``a.b``) and may be a
        # status read; then what the chain starts from.
        link: ast.AST = node
        attributes: List[str] = []
        while isinstance(link, ast.Attribute):
            if link.attr in STATUS_ATTRIBUTES:
                self.count_status_read(link)
            if link.attr in CONNECTION_ATTRIBUTES and self.names_websockets and id(link) not in self.called:
                self.note_connection_read(link, link is node)
            attributes.append(link.attr)
            link = link.value
        if isinstance(link, ast.Name):
            dotted = link.id
            for attribute in reversed(attributes):
                dotted = f"{dotted}.{attribute}"
                self.attribute_uses.add(dotted)
            if self.names_websockets and not self.in_annotation and not LANDMARK_PARTS.isdisjoint(attributes):
                guarded = link.id in self.hasattr_guards or "*" in self.hasattr_guards
                use = NameUse(dotted, self.span(node), self.scope, False, guarded, stopped_below=self.version_floor)
                self.websockets_names.append(use)
        elif not isinstance(link, LEAVES):
            self.visit(link)

    def note_connection_read(self, node: ast.Attribute, outermost: bool) -> None:
        receiver = dotted_name(node.value)
        if receiver is None or not isinstance(node.ctx, ast.Load) or not self._unguarded(receiver):
            return
        operand = not outermost or id(node) in self.operands
        span = self.span(node)
        self.connection_reads.append(
            AttributeRead(receiver, node.attr, span, self.scope, self.target(node), operand, printed(self.lines, span))
        )

    def note_connection_use(self, receiver_node: ast.expr, use: str) -> None:
        receiver = dotted_name(receiver_node)
        if receiver is not None and self._unguarded(receiver):
            span = self.span(receiver_node)
            self.connection_uses.append(AttributeRead(receiver, use, span, self.scope, self.target(receiver_node)))

    def note_getattr_read(self, node: ast.Call) -> None:
        """``getattr(ws, "open", None)``: a read of a connection attribute whose default
        hides that the connection lacks it (``open`` on the new one, ``close_code`` on
        14.0's)."""
        if node.keywords or len(node.args) != 3:
            return  # without a default, ``getattr(ws, "open")`` is ``ws.open`` (AttributeError)
        attribute, receiver = node.args[1], dotted_name(node.args[0])
        if not isinstance(attribute, ast.Constant) or attribute.value not in CONNECTION_ATTRIBUTES:
            return
        if receiver is None or not self._unguarded(receiver, any(i == id(node) for i, _ in self.stand_in_reads)):
            return
        span = self.span(node)
        read = AttributeRead(receiver, attribute.value, span, self.scope, self.target(node), through_getattr=True)
        self.connection_reads.append(read)

    def _reads_websockets(self, clause: ast.ExceptHandler, number: int) -> bool:
        """The clause imports from websockets (a nested ``try``, a function that imports
        it), or reads a name bound to a websockets import other than by the body of the
        ``try`` numbered ``number``."""
        for node in ast.walk(clause):
            if isinstance(node, ast.Import) and any(a.name.split(".")[0] == "websockets" for a in node.names):
                return True
            if (
                isinstance(node, ast.ImportFrom)
                and not node.level
                and (node.module or "").split(".")[0] == "websockets"
            ):
                return True
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
                found = lookup(self.scope, node.id)
                if found and any(
                    b.kind == "import" and (b.target or "").startswith("websockets") and b.shim != (number, "body")
                    for b in found[1]
                ):
                    return True
        return False

    def note_hasattr_test(self, node: ast.Call) -> None:
        """``hasattr(ws, "request_headers")``: a test that is false on a connection that
        lacks the attribute (NFX206 reports it where every allowed one does)."""
        if node.keywords or len(node.args) != 2:
            return
        attribute, receiver = node.args[1], dotted_name(node.args[0])
        if receiver is None or not isinstance(attribute, ast.Constant) or attribute.value not in CONNECTION_ATTRIBUTES:
            return
        span = self.span(node)
        self.connection_reads.append(
            AttributeRead(receiver, attribute.value, span, self.scope, self.target(node), through_hasattr=True)
        )

    def _unguarded(self, receiver: str, stand_in: bool = False) -> bool:
        """Not under a ``hasattr`` test of it, nor a comprehension's own name. A
        ``stand_in`` read is not guarded by the tests' stand-in reads themselves."""
        own = [r for _, r in self.stand_in_reads].count(receiver) if stand_in else 0
        return (
            self.hasattr_guards.count(receiver) <= own
            and "*" not in self.hasattr_guards
            and receiver.partition(".")[0] not in self.comprehension_names
        )

    def visit_Compare(self, node: Union[ast.Compare, ast.BinOp, ast.UnaryOp]) -> None:
        operands = [node.left, *node.comparators] if isinstance(node, ast.Compare) else []
        if isinstance(node, ast.BinOp):
            operands = [node.left, node.right]
        elif isinstance(node, ast.UnaryOp) and not isinstance(node.op, ast.Not):
            operands = [node.operand]
        self.operands.update(id(o) for o in operands if isinstance(o, ast.Attribute))
        self.generic_visit(node)

    visit_BinOp = visit_UnaryOp = visit_Compare

    def visit_Call(self, node: ast.Call) -> None:
        self.count_status_read(node)
        self.called.add(id(node.func))
        if isinstance(node.func, ast.Attribute) and node.func.attr == "run_until_complete" and node.args:
            argument = node.args[0]
            if dotted_name(argument) is not None:  # ``start_server``, ``self.server``
                self.scope.run_names.add(dotted_name(argument))  # type: ignore[arg-type]
            elif isinstance(argument, ast.Call) and dotted_name(argument.func) is not None:
                # ``self.init_server()``: what the module's function returns is run.
                self.scope.run_names.add(f"{dotted_name(argument.func)}()")
            self.run_arguments.add(id(argument))
        name = dotted_name(node.func)
        self.scope.calls.add(name if name is not None else call_name(node.func))  # "?.lower": no name
        for chained in (node.func, handed_function(node)):
            if isinstance(chained, ast.Attribute) and dotted_name(chained) is None:
                self.scope.chain_roots.add((chained.attr, chain_root(chained.value)))
        if self.keeps_arguments and name is not None:  # (none at all: the defaults)
            passed = tuple(STARRED if isinstance(a, ast.Starred) else dotted_name(a) for a in node.args)
            named = tuple(k.arg for k in node.keywords)
            self.scope.arguments.append((name, passed, named, node.lineno))
            handed = handoff(node)
            if handed is not None:
                self.scope.handoffs.append((name, *handed, node.lineno))
        if name == "getattr" and self.names_websockets:
            self.note_getattr_read(node)
        if isinstance(node.func, ast.Attribute) and node.func.attr == "send" and self.names_websockets:
            if any(k.arg == "text" for k in node.keywords):
                self.note_connection_use(node.func.value, SEND_TEXT)
        if name == "hasattr" and self.names_websockets:
            self.note_hasattr_test(node)
        last = name.rsplit(".", 1)[-1] if name is not None else ""
        if last in CLASS_CALLS or last in self.suppress_names:
            args: Optional[List[Expr]] = [self.expr(a) for a in node.args]
            if node.keywords or any(isinstance(a, ast.Starred) for a in node.args):
                args = None
            region = self.regions.get(id(node), [])
            subject = dotted_name(node.args[0]) if args else None
            narrowed: Tuple[List[Span], bool] = ([], False)
            if region and subject is not None and "." not in subject:
                narrowed = status_read_spans(region, subject, self.lines)
            self.class_calls.append(
                CallSite(
                    self.expr(node.func),
                    args,
                    self.span(node),
                    self.scope,
                    calls_in(self.with_bodies.get(id(node), [])),
                    self.target(node),
                    [
                        [self.expr(e) for e in a.elts] if isinstance(a, ast.Tuple) else None
                        for a in (node.args if args is not None else [])
                    ],
                    [self.target(part) for part in region],
                    region_reads(region, subject),
                    len(narrowed[0]),
                    narrowed[1],
                )
            )
        func = node.func
        called = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        if called in _WRAPS:
            # (By the name called, whatever the receiver: ``make_ctx().wrap_socket(...)``.)
            line = getattr(func, "end_lineno", None) or node.lineno  # where the name called stands
            self.wrap_calls.append((line, client_wrap(node, name or "")))
        if (
            self.names_websockets
            and isinstance(func, ast.Attribute)
            and isinstance(func.value, (ast.Name, ast.Attribute))
        ):
            if func.attr == "pop" and node.args:
                self.drop_dict_key(func.value, node.args[0])
            if func.attr in ("update", "setdefault"):
                keys = {k.arg for k in node.keywords if k.arg}
                first_arg = node.args[0] if node.args else None
                if func.attr == "update" and first_arg is not None:
                    keys |= _dict_keys(first_arg) or set()
                elif isinstance(first_arg, ast.Constant) and isinstance(first_arg.value, str):
                    keys.add(first_arg.value)
                if keys:
                    self.add_keys_to(func.value, keys)
        if (last in KEYWORD_CALLS or last in self.call_aliases) and (node.keywords or node.args):
            keywords = tuple(
                Keyword(k.arg, self.span(k), normalize(ast.unparse(k.value))) for k in node.keywords if k.arg
            )
            spread = tuple(
                Keyword(key, self.span(k), "", k.value.id, fallback)
                for k in node.keywords
                if k.arg is None and isinstance(k.value, ast.Name)
                for key, fallback in sorted(self.spread_keys(k.value.id).items())
            )
            for k in node.keywords:
                attribute = self.own_attribute(k.value) if k.arg is None else None
                if attribute is not None:
                    self.attr_spreads.append((len(self.keyword_calls), attribute, self.span(k), f"self.{attribute[1]}"))
            first = _callable_name(node.args[0]) if node.args else None
            partial = node.args[0] if node.args and dotted_name(node.args[0]) is None else None
            bound = (
                (len(partial.args) - 1, tuple(k.arg for k in partial.keywords))
                if isinstance(partial, ast.Call)
                else (-1, ())
            )
            self.keyword_calls.append(
                KeywordCall(
                    self.expr(node.func),
                    keywords,
                    self.span(node),
                    self.scope,
                    self.target(node),
                    first,
                    id(node) in self.run_arguments,
                    *bound,
                    spread=spread,
                    fallback=self.fallback(),
                )
            )
            if node.args and isinstance(node.args[0], ast.Lambda):
                index = len(self.keyword_calls) - 1
                self.generic_visit(node)  # makes the lambda's scope
                lambda_scope = self.lambda_scopes.get(id(node.args[0]))
                self.keyword_calls[index] = replace(self.keyword_calls[index], first_lambda=lambda_scope)
                return
        self.generic_visit(node)

    # Bindings made by ``match`` patterns.
    def visit_MatchAs(self, node: Union[ast.MatchAs, ast.MatchStar]) -> None:
        if node.name is not None:
            self.bind(node.name, "other")
        self.generic_visit(node)

    visit_MatchStar = visit_MatchAs

    def visit_MatchMapping(self, node: ast.MatchMapping) -> None:
        if node.rest is not None:
            self.bind(node.rest, "other")
        self.generic_visit(node)


def _live_on_python3(node: ast.If) -> ast.AST:
    """The ``if`` with the branch that never runs on Python 3 emptied (``if six.PY2:
    ConnectionError = socket.error``, the ``else`` of ``if sys.version_info[0] >= 3:``):
    its bindings and clauses are not the module's as it runs today."""
    holds = on_python3(node.test)
    if holds is None:
        return node
    if holds:
        return ast.If(test=node.test, body=node.body, orelse=[])
    return ast.If(test=node.test, body=[], orelse=node.orelse)


def _collection_call(node: ast.expr) -> bool:
    """``frozenset({...})`` or ``tuple((...))`` of a literal collection of names and
    constants: as constant as the literal (a ``set(...)`` may grow later; a ``*rest`` or
    a ``getattr(ssl, "SSL_ERROR_EOF", 8)`` element cannot be read)."""
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in ("frozenset", "tuple")
        and len(node.args) == 1
        and not node.keywords
        and isinstance(node.args[0], COLLECTIONS)
        and all(isinstance(e, (ast.Name, ast.Attribute, ast.Constant)) for e in node.args[0].elts)
    )


def _dict_keys(value: ast.AST) -> Optional[Set[str]]:
    """The constant string keys of a dict display, ``dict(k=v)``, or of either branch of
    ``x if c else y`` whose branches are such; None for anything else."""
    if isinstance(value, ast.Dict):
        return {k.value for k in value.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)}
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "dict":
        keys = {k.arg for k in value.keywords if k.arg}
        if value.args:
            keys |= _dict_keys(value.args[0]) or set()
        return keys
    if isinstance(value, ast.IfExp):
        branches = [_dict_keys(value.body), _dict_keys(value.orelse)]
        if all(branch is None for branch in branches):
            return None
        return set().union(*(branch for branch in branches if branch is not None))
    return None


def _callable_name(node: ast.expr) -> Optional[str]:
    """The dotted name of a function passed as an argument, also through
    ``functools.partial(f, ...)`` (which calls ``f`` with the arguments it is given)."""
    if isinstance(node, ast.Call) and (dotted_name(node.func) or "").rsplit(".", 1)[-1] == "partial" and node.args:
        return dotted_name(node.args[0])
    return dotted_name(node)


def _exits(statement: ast.AST) -> bool:
    return isinstance(statement, (ast.Return, ast.Raise))


def _stops(body: List[ast.stmt]) -> bool:
    """The clause ends in ``raise`` or in a call that ends the program (``sys.exit(1)``)."""
    last = body[-1] if body else None
    if isinstance(last, ast.Raise):
        return True
    call = last.value if isinstance(last, ast.Expr) else None
    return isinstance(call, ast.Call) and dotted_name(call.func) in ("sys.exit", "exit", "quit", "os._exit")


def _tested_receivers(test: ast.AST) -> List[Optional[str]]:
    """What ``hasattr(x, ...)``, ``getattr(x, ...)`` or ``isinstance(x, ...)`` in ``test``
    test."""
    return [
        dotted_name(n.args[0])
        for n in ast.walk(test)
        if isinstance(n, ast.Call)
        and isinstance(n.func, ast.Name)
        and n.func.id in ("hasattr", "getattr", "isinstance")
        and len(n.args) >= 2
    ]


def _stand_in_reads(test: Optional[ast.AST]) -> List[ast.Call]:
    """``getattr(ws, "open", True)`` / ``getattr(ws, "closed", None)`` used for its truth in
    ``test``: a read of the state whose default stands in for it (compared with a
    default that is no state, ``getattr(ws, "closed", None) is None`` asks which
    implementation ``ws`` is instead). ``getattr(ws, "close_code", None)`` is one
    however it is used, with any constant default: None is the open connection's own
    close code, and 0 or "" no close code at all (oto-core's ``self.ws is not None and
    getattr(self.ws, "close_code", None) is None``)."""
    if test is None:
        return []
    compared = {id(o) for n in ast.walk(test) if isinstance(n, ast.Compare) for o in (n.left, *n.comparators)}
    return [
        n
        for n in ast.walk(test)
        if isinstance(n, ast.Call)
        and isinstance(n.func, ast.Name)
        and n.func.id == "getattr"
        and len(n.args) == 3
        and not n.keywords
        and isinstance(n.args[1], ast.Constant)
        and isinstance(n.args[2], ast.Constant)
        and (
            (
                n.args[1].value in ("open", "closed")
                # (A state for a default, ``getattr(ws, "closed", True) is False``, stands
                # in for the state even when compared.)
                and (id(n) not in compared or isinstance(n.args[2].value, bool))
            )
            or n.args[1].value in ("close_code", "close_reason")
        )
    ]


def _binds_a_builtin(statement: ast.stmt) -> bool:
    """``X = Y`` with Y a builtin of Python 3, or ``Y`` alone (a probe): a statement that
    raises no NameError there (a body that does anything else may be what fails, and its
    fallback then runs)."""
    if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Name):
        return statement.value.id in BUILTIN_NAMES
    return (
        isinstance(statement, ast.Assign)
        and len(statement.targets) == 1
        and isinstance(statement.targets[0], ast.Name)
        and isinstance(statement.value, ast.Name)
        and statement.value.id in BUILTIN_NAMES
    )


def _catches(handler: Handler, name: str) -> bool:
    """The clause names ``name`` (``except NameError``, ``except (NameError, X)``)."""
    return handler.types is not None and any(
        e.dotted is not None and e.dotted.rsplit(".", 1)[-1] == name for e in handler.types
    )


def _catches_attribute_error(handler: ast.ExceptHandler) -> bool:
    caught = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return any(dotted_name(c) in ("AttributeError", "builtins.AttributeError") for c in caught if c is not None)


def _passes_tls_errors(body: List[ast.AST]) -> bool:
    """An ``if`` whose test holds ``isinstance(x, ...SSLError)`` (or ``SSLEOFError``) and
    whose branch does nothing (``pass``, a bare ``return``, a docstring)."""
    for node in (inner for statement in body for inner in ast.walk(statement)):
        if not isinstance(node, ast.If) or not _tests_tls_class(node.test):
            continue
        if all(_does_nothing(statement) for statement in node.body):
            return True
    return False


def _tests_tls_class(test: ast.expr) -> bool:
    for call in ast.walk(test):
        if isinstance(call, ast.Call) and is_isinstance_call(call) and len(call.args) == 2:
            classes = call.args[1]
            elements = classes.elts if isinstance(classes, ast.Tuple) else [classes]
            if any((dotted_name(e) or "").rsplit(".", 1)[-1] in ("SSLError", "SSLEOFError") for e in elements):
                return True
    return False


def _does_nothing(statement: ast.stmt) -> bool:
    if isinstance(statement, (ast.Pass, ast.Continue)):
        return True
    if isinstance(statement, ast.Return):
        return statement.value is None or isinstance(statement.value, ast.Constant)
    return isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)


def _paired(targets: List[ast.expr], value: ast.expr) -> Optional[List[Tuple[ast.expr, ast.expr]]]:
    """The (target, value) pairs of ``a, b = x, y``: one tuple (or list) target and a
    display of as many elements, none starred; None for any other assignment."""
    if len(targets) != 1 or not isinstance(targets[0], (ast.Tuple, ast.List)):
        return None
    if not isinstance(value, (ast.Tuple, ast.List)):
        return None
    names, values = targets[0].elts, value.elts
    if len(names) != len(values) or any(isinstance(e, ast.Starred) for e in (*names, *values)):
        return None
    return list(zip(names, values))


_CALL_ALIAS = re.compile(r"\b(?:unix_)?(?:connect|serve)[ \t]+as[ \t]+(\w+)")


def extract(tree: ast.Module, lines: List[str]) -> ModuleFacts:
    extractor = _Extractor(lines)
    extractor.module_scope.target = Target("module", Span(1, 0, len(lines) + 1, 0))
    extractor.visit(tree)
    extractor.read_branches()
    extractor.attribute_spreads()
    return ModuleFacts(
        extractor.module_scope,
        extractor.scopes,
        extractor.tries,
        extractor.class_calls,
        extractor.imported_modules,
        extractor.has_star_import,
        lines,
        extractor.attribute_uses,
        import_tries=extractor.import_tries,
        switching_fallbacks=frozenset(extractor.switching_fallbacks),
        stopping_fallbacks=frozenset(extractor.stopping_fallbacks),
        keyword_calls=extractor.keyword_calls,
        connection_reads=extractor.connection_reads,
        connection_uses=extractor.connection_uses,
        websockets_names=extractor.websockets_names,
        websockets_stop=extractor.version_floor,
        serve_runs=serve_runs(tree, lines) if any("run_forever" in line for line in lines) else [],
        wrap_calls=extractor.wrap_calls,
        plain_branches=extractor.plain_branches,
    )


#: The stdlib's TLS wraps, and how many positional arguments each takes before
#: ``server_side`` (``ssl.wrap_socket(sock, keyfile, certfile, server_side)``: 3).
_WRAPS = {"wrap_socket": 1, "wrap_bio": 2}


def client_wrap(node: ast.Call, name: str) -> bool:
    """A wrap that can only make a client's TLS socket: it leaves ``server_side`` at its
    default, False, or says False (tunnelmate's ``ctx.wrap_socket(upstream,
    server_hostname=host)``), or names a non-empty ``server_hostname`` constant, which a
    server-side wrap refuses. ``*args`` or ``**options`` may hold server_side: not known."""
    if any(k.arg is None for k in node.keywords) or any(isinstance(a, ast.Starred) for a in node.args):
        return False
    keywords = {k.arg: k.value for k in node.keywords}
    last = name.rsplit(".", 1)[-1] if name else getattr(node.func, "attr", "")
    before = 3 if name == "ssl.wrap_socket" else _WRAPS.get(last, 1)
    side = node.args[before] if len(node.args) > before else keywords.get("server_side")
    if side is None or (isinstance(side, ast.Constant) and side.value is False):
        return True
    hostname = keywords.get("server_hostname")
    return isinstance(hostname, ast.Constant) and isinstance(hostname.value, str) and hostname.value != ""


def _websockets_imports(body: List[ast.stmt]) -> Tuple[str, ...]:
    """What a ``try`` body imports, when every import it makes (its own statements) is
    of websockets (``websockets.asyncio.client.connect``); () when one is of anything
    else (an optional package, a relative import), which may fail on any release."""
    found: List[str] = []
    for statement in body:
        if isinstance(statement, ast.Import):
            names = [a.name for a in statement.names]
        elif isinstance(statement, ast.ImportFrom):
            module = "." * statement.level + (statement.module or "")
            names = [joined(module, a.name) for a in statement.names]
        else:
            continue
        if not all(n == "websockets" or n.startswith("websockets.") for n in names):
            return ()
        found.extend(names)
    return tuple(found)


def _catches_import_errors_only(clause: ast.ExceptHandler) -> bool:
    caught = clause.type
    names = caught.elts if isinstance(caught, ast.Tuple) else [caught] if caught is not None else []
    return bool(names) and all(dotted_name(n) in ("ImportError", "ModuleNotFoundError") for n in names)


def _tests_name(body: List[ast.stmt], name: str) -> bool:
    """An ``if`` of the clause's body (not nested in another statement) tests its error."""
    return any(
        isinstance(statement, ast.If)
        and any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(statement.test))
        for statement in body
    )


def _called_on(node: ast.Call, name: str) -> bool:
    """``f(name)``: a call with the clause's exception as its one argument."""
    return (
        len(node.args) == 1
        and not node.keywords
        and isinstance(node.args[0], ast.Name)
        and node.args[0].id == name
        and dotted_name(node.func) is not None
    )


def serve_runs(tree: ast.Module, lines: List[str]) -> List[ServeRun]:
    """Every block's ``NAME = call(...)``, ``loop.run_until_complete(NAME)``,
    ``loop.run_forever()`` (see ServeRun)."""
    found: List[ServeRun] = []
    text = "\n".join(lines)
    for node in ast.walk(tree):
        for field_name in ("body", "orelse", "finalbody"):
            block = getattr(node, field_name, None)
            if not isinstance(block, list):
                continue
            for first, second, third in zip(block, block[1:], block[2:]):
                run = _serve_run(first, second, third, text, lines)
                if run is not None:
                    found.append(run)
    return found


def _serve_run(first: ast.AST, second: ast.AST, third: ast.AST, text: str, lines: List[str]) -> Optional[ServeRun]:
    if not (
        isinstance(first, ast.Assign)
        and len(first.targets) == 1
        and isinstance(first.targets[0], ast.Name)
        and isinstance(first.value, ast.Call)
    ):
        return None
    name = first.targets[0].id
    calls = [s.value for s in (second, third) if isinstance(s, ast.Expr) and isinstance(s.value, ast.Call)]
    if len(calls) != 2 or not all(isinstance(c.func, ast.Attribute) for c in calls):
        return None
    run, forever = calls
    if not (
        run.func.attr == "run_until_complete"  # type: ignore[attr-defined]
        and len(run.args) == 1
        and not run.keywords
        and isinstance(run.args[0], ast.Name)
        and run.args[0].id == name
        and forever.func.attr == "run_forever"  # type: ignore[attr-defined]
        and not forever.args
        and len(re.findall(rf"\b{re.escape(name)}\b", text)) == 2
    ):
        return None
    return ServeRun(
        target_of(first, lines),
        target_of(third, lines),
        span_of(first.value, lines),
        ast.unparse(forever.func.value),  # type: ignore[attr-defined]
    )


#: Names a handler body uses when it singles out a TLS peer's EOF. (Generic TLS error
#: handling, ``is_ssl_error(e)`` logged as an error, is Werkzeug's bug, not a fix for it.)
TLS_EOF_NAMES = frozenset({"SSLEOFError", "SSL_ERROR_EOF"})
#: The text of that error, which a handler may look for in ``str(e)`` / ``repr(e)``.
TLS_EOF_TEXT = re.compile(r"EOF occurred in violation of protocol|UNEXPECTED_EOF")


def handler_shape(statements: List[ast.stmt], name: Optional[str]) -> Iterator[str]:
    """A handler body's statements as tokens, with every text (a message with spaces or
    punctuation, an f-string) one token and the ``as`` name another, so that two clauses
    that log different text and do the same otherwise have the same shape. A string that
    is a name (``"info"``, ``"error"``) stays itself."""
    stack: List[ast.AST] = list(reversed(statements))
    while stack:
        node = stack.pop()
        if isinstance(node, ast.JoinedStr):
            yield "<text>"
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            # Prose is what a clause says; a name (a log level, a key, an event) is what
            # it does: self.log("info", ...) and self.log("error", ...) differ.
            yield repr(node.value) if node.value.isidentifier() else "<text>"
            continue
        if isinstance(node, ast.Name):
            yield "<as>" if node.id == name else node.id
            continue
        if isinstance(node, ast.Attribute):
            yield "." + node.attr
        elif isinstance(node, ast.Constant):
            yield repr(node.value)
        else:
            yield type(node).__name__
            operator = getattr(node, "op", None)
            if isinstance(operator, ast.AST):
                yield type(operator).__name__
        children: List[ast.AST] = []
        for field in node_fields(type(node)):
            value = getattr(node, field, None)
            if isinstance(value, list):
                children.extend(item for item in value if isinstance(item, ast.AST))
            elif isinstance(value, ast.AST):
                children.append(value)
        stack.extend(reversed(children))


def _stop_floor(node: ast.If) -> str:
    """The release below which ``node`` raises: ``if websockets_version < (13, 0): raise
    ImportError(...)`` (yt-dlp's ``networking/_websockets.py``), also as one of several
    ``or`` tests, or ``if version >= Version("13.0"): ... else: raise``; "" for any other
    ``if``. The compared value must name websockets and a version; a bare string is no
    version (``"9.1" < "13"`` is False)."""
    raises = bool(node.body) and isinstance(node.body[-1], ast.Raise)
    raises_else = bool(node.orelse) and isinstance(node.orelse[-1], ast.Raise) and not raises
    if not raises and not raises_else:
        return ""
    tests = node.test.values if isinstance(node.test, ast.BoolOp) and isinstance(node.test.op, ast.Or) else [node.test]
    if raises_else and len(tests) > 1:
        return ""  # the else runs only where every test fails
    floors = []
    for test in tests:
        if not isinstance(test, ast.Compare) or len(test.ops) != 1:
            continue
        left, op, right = test.left, test.ops[0], test.comparators[0]
        if isinstance(op, (ast.Gt, ast.LtE)):  # ``(13, 0) > version``
            left, right = right, left
            op = ast.Lt() if isinstance(op, ast.Gt) else ast.GtE()
        if not isinstance(op, ast.Lt if raises else ast.GtE):
            continue
        text = ast.unparse(left).lower()
        floor = _version_constant(right)
        if floor and "websockets" in text and "version" in text:
            floors.append(floor)
    return max(floors, key=_release) if floors else ""


def _version_constant(node: ast.expr) -> str:
    """``(13, 0)`` or ``Version("13.0")`` as "13.0"."""
    if isinstance(node, ast.Tuple) and node.elts:
        parts = [e.value for e in node.elts if isinstance(e, ast.Constant) and type(e.value) is int]
        return ".".join(map(str, parts)) if len(parts) == len(node.elts) else ""
    if isinstance(node, ast.Call) and len(node.args) == 1 and isinstance(node.args[0], ast.Constant):
        value = node.args[0].value
        return value if isinstance(value, str) and re.fullmatch(r"\d+(\.\d+)*", value) else ""
    return ""


def _release(version: str) -> Tuple[int, ...]:
    return tuple(int(part) for part in version.split(".")) if version else ()
