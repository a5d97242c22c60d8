"""Extract :mod:`netfix_lint.facts` from a libcst tree (the path that fixes).

It mirrors ``facts_ast`` node for node; ``tests/test_trees_agree.py`` holds the two to the
same findings on every fixture and example.
"""

from __future__ import annotations

from typing import Callable, Dict, FrozenSet, Iterator, List, Mapping, Optional, Sequence, Set, Tuple, Union, cast

import libcst as cst
from libcst.metadata import CodeRange, MetadataWrapper, PositionProvider

from .facts import (
    AWAITS,
    CLASS_CALLS,
    IMPORT_GUARDS,
    STATUS_ATTRIBUTES,
    Binding,
    CallSite,
    Comparison,
    DeclarationLines,
    Expr,
    Handler,
    HandlerBody,
    IfBranches,
    ModuleFacts,
    Outcome,
    Scope,
    Span,
    TryBlock,
    guards_imports,
    joined,
    normalize,
)

_NESTED_SCOPES = (cst.FunctionDef, cst.Lambda, cst.ClassDef)
_AnyHandler = Union[cst.ExceptHandler, cst.ExceptStarHandler]
_OPERATORS = {cst.In: "in", cst.NotIn: "not in", cst.Equal: "==", cst.NotEqual: "!="}
_COLLECTIONS = (cst.Tuple, cst.Set, cst.List)
#: Where a name may mean another variable: the rewriter leaves reads there alone.
_OWN_NAMES = (*_NESTED_SCOPES, cst.ListComp, cst.SetComp, cst.DictComp, cst.GeneratorExp)
_EMPTY = cst.Module([])


def source_text(node: cst.CSTNode) -> str:
    return normalize(_EMPTY.code_for_node(node))


_CONSTANTS = frozenset({"None", "True", "False"})  # names to libcst, constants to ast


def dotted_name(node: cst.CSTNode) -> Optional[str]:
    parts: List[str] = []
    while isinstance(node, cst.Attribute):
        parts.append(node.attr.value)
        node = node.value
    if not isinstance(node, cst.Name) or node.value in _CONSTANTS:
        return None
    parts.append(node.value)
    return ".".join(reversed(parts))


def _is_message(node: cst.CSTNode) -> bool:
    """A string, f-string, or ``%`` / ``+`` / ``.format`` on one: a message."""
    if isinstance(node, cst.SimpleString):
        return isinstance(node.evaluated_value, str)
    if isinstance(node, cst.ConcatenatedString):  # "a" f"b": one string to ast
        return _is_message(node.left) and _is_message(node.right)
    if isinstance(node, cst.FormattedString):
        return True
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, (cst.Modulo, cst.Add)):
        return _is_message(node.left) or _is_message(node.right)
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "format":
        return _is_message(node.func.value)
    return False


def _argument(node: cst.CSTNode) -> Optional[str]:
    if _is_message(node):
        return "<msg>"
    if isinstance(node, cst.Integer):
        return repr(node.evaluated_value)
    if isinstance(node, cst.Name) and node.value in _CONSTANTS:
        return node.value
    return dotted_name(node)


def _call_outcome(node: cst.CSTNode) -> Optional[str]:
    """``f(a, <msg>, k=1)``; None unless every part is a name, a number or a message."""
    if not isinstance(node, cst.Call):
        return None
    name = dotted_name(node.func)
    parts = []
    for arg in node.args:
        value = _argument(arg.value)
        if arg.star or value is None:
            return None
        parts.append(value if arg.keyword is None else f"{arg.keyword.value}={value}")
    if name is None:
        return None
    return f"{name}({','.join(parts)})"


def _small_statements(suite: cst.BaseSuite) -> Optional[List[cst.CSTNode]]:
    if isinstance(suite, cst.SimpleStatementSuite):
        return list(suite.body)
    statements: List[cst.CSTNode] = []
    for line in suite.body:
        if not isinstance(line, cst.SimpleStatementLine):
            return None  # a compound statement: not covered
        statements.extend(line.body)
    return statements


def outcome(suite: cst.BaseSuite) -> Outcome:
    """What ``suite`` does, in the terms of ``facts.Outcome`` (as facts_ast.outcome)."""
    statements = _small_statements(suite)
    if statements is None:
        return None
    done: List[str] = []
    for statement in statements:
        if isinstance(statement, cst.Pass):
            continue
        if isinstance(statement, cst.Expr):
            call = _call_outcome(statement.value)
            if call is None:
                return None
            done.append(f"call:{call}")
        elif isinstance(statement, cst.Raise) and statement.cause is None:
            if statement.exc is None:
                done.append("reraise")
                continue
            exc = statement.exc
            raised = _call_outcome(exc) if isinstance(exc, cst.Call) else dotted_name(exc)
            if raised is None:
                return None
            done.append(f"raise:{raised}")
        elif isinstance(statement, cst.Return):
            value = "" if statement.value is None else _argument(statement.value)
            if value is None or value == "<msg>":
                return None
            done.append(f"return:{value}")
        elif isinstance(statement, (cst.Break, cst.Continue)):
            done.append(type(statement).__name__.lower())
        else:
            return None
    return tuple(done)


def module_name(node: Union[cst.Name, cst.Attribute]) -> str:
    name = dotted_name(node)
    assert name is not None
    return name


def _call_name(func: cst.BaseExpression) -> str:
    name = dotted_name(func)
    if name is not None:
        return name
    if isinstance(func, cst.Attribute):
        return f"?.{func.attr.value}"
    return "?"


def lexical_walk(statements: Sequence[cst.CSTNode]) -> Iterator[cst.CSTNode]:
    """Every node under ``statements``, not descending into nested functions or classes."""
    stack: List[cst.CSTNode] = list(statements)
    while stack:
        node = stack.pop()
        if isinstance(node, _NESTED_SCOPES):
            continue
        yield node
        stack.extend(node.children)


def status_receiver(node: cst.CSTNode) -> Optional[str]:
    """``X`` for a read of ``X.status_code`` / ``X.headers`` or ``getattr(X, "headers")``."""
    if isinstance(node, cst.Attribute) and node.attr.value in STATUS_ATTRIBUTES:
        return dotted_name(node.value)
    if (
        isinstance(node, cst.Call)
        and isinstance(node.func, cst.Name)
        and node.func.value in ("getattr", "hasattr")
        and len(node.args) >= 2
        and all(a.keyword is None and not a.star for a in node.args[:2])
        and isinstance(node.args[1].value, cst.SimpleString)
        and node.args[1].value.evaluated_value in STATUS_ATTRIBUTES
    ):
        return dotted_name(node.args[0].value)
    return None


def _is_isinstance(node: cst.CSTNode) -> bool:
    return isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value == "isinstance"


def _and_operands(node: cst.BaseExpression) -> List[cst.BaseExpression]:
    """``a and b and c`` as ast sees it: one chain, unless parentheses split it."""
    if not (isinstance(node, cst.BooleanOperation) and isinstance(node.operator, cst.And)):
        return [node]
    operands: List[cst.BaseExpression] = []
    for side in (node.left, node.right):
        nested = isinstance(side, cst.BooleanOperation) and isinstance(side.operator, cst.And) and not side.lpar
        operands.extend(_and_operands(side) if nested else [side])
    return operands


def region_reads(nodes: Sequence[cst.CSTNode], receiver: Optional[str]) -> int:
    """Status reads of ``receiver`` under ``nodes``, outside nested scopes and comprehensions."""
    count, stack = 0, list(nodes)
    while stack:
        node = stack.pop()
        if isinstance(node, _OWN_NAMES):
            continue
        count += receiver is not None and status_receiver(node) == receiver
        stack.extend(node.children)
    return count


def calls_in(statements: Sequence[cst.CSTNode]) -> FrozenSet[str]:
    """Dotted names of the calls made lexically in ``statements`` (and AWAITS)."""
    found: Set[str] = set()
    for node in lexical_walk(statements):
        if isinstance(node, cst.Call):
            found.add(_call_name(node.func))
        elif isinstance(node, cst.Await) or (isinstance(node, (cst.For, cst.With)) and node.asynchronous is not None):
            found.add(AWAITS)
    return frozenset(found)


def _body(
    node: Union[
        cst.FunctionDef, cst.ClassDef, cst.With, cst.Try, cst.TryStar, cst.ExceptHandler, cst.ExceptStarHandler
    ],
) -> Sequence[cst.CSTNode]:
    body = node.body
    if isinstance(body, (cst.IndentedBlock, cst.SimpleStatementSuite)):
        return list(body.body)
    return [body]


_Visit = Callable[["_Extractor", cst.CSTNode], None]


class _Extractor:
    #: Per node type: the method that visits it (filled as types are met).
    _dispatch: Dict[type, _Visit] = {}

    def __init__(self, positions: Mapping[cst.CSTNode, CodeRange], lines: List[str]) -> None:
        self.positions = positions
        self.lines = lines
        #: Lines that may hold a ``global`` or ``nonlocal`` statement.
        self.declarations = DeclarationLines(lines)
        self.module_scope = Scope("module", None)
        self.scope = self.module_scope
        self.scopes: List[Scope] = [self.module_scope]
        self.tries: List[TryBlock] = []
        self.class_calls: List[CallSite] = []
        self.imported_modules: Set[str] = set()
        self.has_star_import = False
        self.import_guard_depth = 0
        self.condition_depth = 0
        #: Where an import now stands in a ``try`` that guards imports (``Binding.shim``).
        self.shim_part: Optional[Tuple[int, str]] = None
        self.import_tries: Dict[int, Optional[Tuple[str, ...]]] = {}
        self.line = 0  # of the statement being visited
        self.with_bodies: Dict[int, FrozenSet[str]] = {}
        self.attribute_uses: Set[str] = set()
        #: Local names of ``contextlib.suppress`` (``from contextlib import suppress as q``).
        self.suppress_names: Set[str] = {"suppress"}
        #: isinstance call -> the nodes where it holds (see ``CallSite.region``).
        self.regions: Dict[int, List[cst.CSTNode]] = {}
        #: ``and`` operations already seen as part of a longer chain.
        self.chained: Set[int] = set()

    def span(self, node: cst.CSTNode) -> Span:
        position = self.positions[node]
        return Span(position.start.line, position.start.column, position.end.line, position.end.column)

    def expr(self, node: cst.BaseExpression, text: bool = False) -> Expr:
        return Expr(dotted_name(node), self.span(node), node, text=source_text(node) if text else "")

    def element(self, node: cst.BaseElement, text: bool = False) -> Expr:
        if isinstance(node, cst.StarredElement):
            code = source_text(node) if text else ""
            return Expr(dotted_name(node.value), self.span(node), node, starred=True, text=code)
        return self.expr(node.value, text)

    @staticmethod
    def next_if(node: cst.If) -> Union[cst.If, cst.Else, None]:
        """The ``elif`` after ``node`` (an ``else:`` holding only an ``if`` counts, as
        ast sees it), else its ``else`` or None."""
        orelse = node.orelse
        if isinstance(orelse, cst.Else) and isinstance(orelse.body, cst.IndentedBlock):
            lines = orelse.body.body
            if len(lines) == 1 and isinstance(lines[0], cst.If):
                return lines[0]
        return orelse

    def if_branches(self, node: cst.If, is_elif: bool) -> IfBranches:
        orelse = self.next_if(node)
        if orelse is None:
            return IfBranches(outcome(node.body), "end", is_elif=is_elif)
        if isinstance(orelse, cst.If):
            return IfBranches(outcome(node.body), "elif", elif_test=self.span(orelse.test), is_elif=is_elif)
        return IfBranches(outcome(node.body), "else", outcome(orelse.body), is_elif=is_elif)

    def handler_body(self, statements: Sequence[cst.CSTNode]) -> HandlerBody:
        body = HandlerBody()
        branches: Dict[int, IfBranches] = {}  # by the id of an if's test (seen before it)
        elifs: Set[int] = set()  # ids of the tests of the ifs that are an elif
        for node in lexical_walk(statements):
            if isinstance(node, cst.If):
                branches[id(node.test)] = self.if_branches(node, id(node.test) in elifs)
                following = self.next_if(node)
                if isinstance(following, cst.If):
                    elifs.add(id(following.test))
            if isinstance(node, cst.Name):
                body.names.add(node.value)
            elif isinstance(node, cst.SimpleString) and node.evaluated_value in STATUS_ATTRIBUTES:
                body.names.add(str(node.evaluated_value))  # getattr(exc, "status_code", None)
            elif (
                isinstance(node, cst.Comparison)
                and len(node.comparisons) == 1
                and type(node.comparisons[0].operator) in _OPERATORS
            ):
                target = node.comparisons[0]
                right = target.comparator
                elements = [self.element(e, True) for e in right.elements] if isinstance(right, _COLLECTIONS) else None
                body.comparisons.append(
                    Comparison(
                        self.span(node),
                        source_text(node.left),
                        _OPERATORS[type(target.operator)],
                        self.expr(right, True),
                        elements,
                        branches.get(id(node)),
                    )
                )
            elif (
                isinstance(node, cst.Assign) and len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name)
            ):
                body.aliases[node.targets[0].target.value] = source_text(node.value)
        body.comparisons.sort(key=lambda c: (c.span.line, c.span.col))
        return body

    def bind(self, name: str, kind: str, **extra: object) -> None:
        extra.setdefault("line", self.line)
        if kind == "import":
            extra["shim"] = self.shim_part
        binding = Binding(kind, conditional=self.condition_depth > 0, **extra)  # type: ignore[arg-type]
        self.scope.bind(name, binding)

    def conditionally(self, node: cst.CSTNode) -> None:
        """Visit a statement whose body may not run (if, while, for, with, match)."""
        self.condition_depth += 1
        self.visit_children(node)
        self.condition_depth -= 1

    def visit_If(self, node: Union[cst.If, cst.IfExp]) -> None:
        # ``if isinstance(e, X) [and ...]:``: the body may rely on ``e`` being an X.
        for operand in _and_operands(node.test):
            if _is_isinstance(operand):
                self.regions.setdefault(id(operand), []).append(node.body)
        if isinstance(node, cst.If):
            self.conditionally(node)
        else:
            self.visit_children(node)

    visit_IfExp = visit_If

    def visit_While(self, node: Union[cst.While, cst.Match]) -> None:
        self.conditionally(node)

    visit_Match = visit_While

    def visit_BooleanOperation(self, node: cst.BooleanOperation) -> None:
        if isinstance(node.operator, cst.And) and id(node) not in self.chained:
            for operand in _and_operands(node):
                if _is_isinstance(operand):
                    self.regions.setdefault(id(operand), []).append(node)
            stack: List[cst.CSTNode] = [node.left, node.right]
            while stack:  # the chain's inner links belong to this chain
                side = stack.pop()
                if isinstance(side, cst.BooleanOperation) and isinstance(side.operator, cst.And) and not side.lpar:
                    self.chained.add(id(side))
                    stack.extend((side.left, side.right))
        self.visit_children(node)

    def bind_target(self, target: cst.CSTNode) -> None:
        if isinstance(target, cst.Name):
            self.bind(target.value, "other")
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self.bind_target(element.value)
        elif isinstance(target, cst.StarredElement):
            self.bind_target(target.value)
        # Attributes and subscripts bind nothing.

    @property
    def guarded(self) -> bool:
        return self.import_guard_depth > 0

    # -- traversal ----------------------------------------------------------------
    def visit(self, node: cst.CSTNode) -> None:
        if isinstance(node, (cst.BaseSmallStatement, cst.BaseCompoundStatement)):
            self.line = self.positions[node].start.line
        kind = type(node)
        method = self._dispatch.get(kind)
        if method is None:
            method = self._dispatch[kind] = getattr(_Extractor, f"visit_{kind.__name__}", _Extractor.visit_children)
        method(self, node)

    def visit_children(self, node: cst.CSTNode) -> None:
        for child in node.children:
            self.visit(child)

    # Bindings made by ``match`` patterns.
    def visit_MatchAs(self, node: Union[cst.MatchAs, cst.MatchStar]) -> None:
        if node.name is not None:
            self.bind(node.name.value, "other")
        self.visit_children(node)

    visit_MatchStar = visit_MatchAs

    def visit_MatchMapping(self, node: cst.MatchMapping) -> None:
        if node.rest is not None:
            self.bind(node.rest.value, "other")
        self.visit_children(node)

    def in_scope(
        self, kind: str, body: Sequence[cst.CSTNode], params: Optional[cst.Parameters], node: cst.CSTNode
    ) -> None:
        outer, outer_depth, outer_shim = self.scope, self.condition_depth, self.shim_part
        self.shim_part = None  # imports in a def or class body are no part of a shim
        self.scope = Scope(kind, outer, node)
        self.scopes.append(self.scope)
        # A function body is its own world: its imports run whenever it is called.
        self.condition_depth = 0 if kind == "function" else outer_depth
        if params is not None:
            every = [*params.posonly_params, *params.params, *params.kwonly_params]
            for extra in (params.star_arg, params.star_kwarg):
                if isinstance(extra, cst.Param):
                    every.append(extra)
            for param in every:
                self.bind(param.name.value, "param")
        # Globals must be known before the bindings they redirect (the walk only where
        # the text may declare one).
        lines = (self.positions[body[0]].start.line, self.positions[body[-1]].end.line)
        for inner in lexical_walk(body) if self.declarations.between(*lines) else ():
            if isinstance(inner, cst.Global):
                self.scope.global_names.update(item.name.value for item in inner.names)
            elif isinstance(inner, cst.Nonlocal):
                self.scope.nonlocal_names.update(item.name.value for item in inner.names)
        for statement in body:
            self.visit(statement)
        self.scope, self.condition_depth, self.shim_part = outer, outer_depth, outer_shim

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        for decorator in node.decorators:
            self.visit(decorator)
        params = node.params
        for param in [*params.posonly_params, *params.params, *params.kwonly_params]:
            if param.default is not None:
                self.visit(param.default)
        self.bind(node.name.value, "def")
        self.in_scope("function", _body(node), node.params, node.body)

    def visit_Lambda(self, node: cst.Lambda) -> None:
        params = node.params
        for param in [*params.posonly_params, *params.params, *params.kwonly_params]:
            if param.default is not None:
                self.visit(param.default)
        self.in_scope("function", [node.body], node.params, node.body)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        for child in [*node.decorators, *node.bases, *node.keywords]:
            self.visit(child)
        self.bind(node.name.value, "def")
        self.in_scope("class", _body(node), None, node.body)

    def visit_Import(self, node: cst.Import) -> None:
        for alias in node.names:
            name = module_name(alias.name)
            self.imported_modules.add(name)
            if alias.asname is not None:
                asname = alias.asname.name
                assert isinstance(asname, cst.Name)
                self.bind(asname.value, "import", target=name, guarded=self.guarded)
            else:
                head = name.split(".", 1)[0]
                self.bind(head, "import", target=head, guarded=self.guarded)

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        module = "." * len(node.relative) + (module_name(node.module) if node.module else "")
        self.imported_modules.add(module)
        if isinstance(node.names, cst.ImportStar):
            self.has_star_import = True
            return
        for alias in node.names:
            name = module_name(alias.name)
            self.imported_modules.add(joined(module, name))
            bound = name
            if alias.asname is not None:
                asname = alias.asname.name
                assert isinstance(asname, cst.Name)
                bound = asname.value
                if name == "suppress":
                    self.suppress_names.add(bound)
            self.bind(bound, "import", target=joined(module, name), guarded=self.guarded)

    def visit_Assign(self, node: cst.Assign) -> None:
        self.visit(node.value)
        if len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name):
            name = node.targets[0].target.value
            value = node.value
            if isinstance(value, cst.Tuple):
                self.bind(
                    name,
                    "assign",
                    value=[self.element(e, True) for e in value.elements],
                    value_is_tuple=True,
                    value_node=value,
                )
            elif isinstance(value, (cst.Set, cst.List)):
                self.bind(
                    name,
                    "assign",
                    value=[self.element(e, True) for e in value.elements],
                    value_is_collection=True,
                )
            elif dotted_name(value) is not None:
                self.bind(name, "assign", value=[self.expr(value)])
            elif isinstance(value, cst.Call) and dotted_name(value.func) is not None:
                self.bind(name, "assign", call=dotted_name(value.func))
            else:
                self.bind(name, "assign")
            return
        for target in node.targets:
            self.bind_target(target.target)
            self.visit(target.target)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self.bind_target(node.target)
        self.visit_children(node)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        # ``X += (a,)`` and ``X |= {a}`` add to a constant; ``-=`` and the others do not.
        if (
            isinstance(node.target, cst.Name)
            and isinstance(node.value, _COLLECTIONS)
            and isinstance(node.operator, (cst.AddAssign, cst.BitOrAssign))
        ):
            values = [self.element(e, True) for e in node.value.elements]
            self.bind(node.target.value, "grow", value=values, value_is_collection=True)
        else:
            self.bind_target(node.target)
        self.visit_children(node)

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        self.bind_target(node.target)
        self.visit_children(node)

    def visit_For(self, node: cst.For) -> None:
        self.condition_depth += 1
        self.bind_target(node.target)
        self.visit_children(node)
        self.condition_depth -= 1

    def visit_Del(self, node: cst.Del) -> None:
        self.bind_target(node.target)

    def visit_With(self, node: cst.With) -> None:
        body_calls = calls_in(_body(node))
        guard = False
        for item in node.items:
            if isinstance(item.item, cst.Call):
                self.with_bodies[id(item.item)] = body_calls
                guard = guard or self._suppresses_import_error(item.item)
            if item.asname is not None:
                self.bind_target(item.asname.name)
        # ``with suppress(ImportError): import ssl`` guards; any other with may swallow.
        depth = "import_guard_depth" if guard else "condition_depth"
        setattr(self, depth, getattr(self, depth) + 1)
        self.visit_children(node)
        setattr(self, depth, getattr(self, depth) - 1)

    def _suppresses_import_error(self, call: cst.Call) -> bool:
        name = dotted_name(call.func)
        return (
            name is not None
            and name.rsplit(".", 1)[-1] in self.suppress_names
            and any((dotted_name(a.value) or "").rsplit(".", 1)[-1] in IMPORT_GUARDS for a in call.args)
        )

    def visit_Try(self, node: Union[cst.Try, cst.TryStar]) -> None:
        handlers: List[Handler] = []
        for handler in node.handlers:
            types: Optional[List[Expr]]
            if handler.type is None:
                types, is_tuple = None, False
            elif isinstance(handler.type, cst.Tuple):
                types, is_tuple = [self.element(e) for e in handler.type.elements], True
            else:
                types, is_tuple = [self.expr(handler.type)], False
            name = handler.name.name if handler.name is not None else None
            handlers.append(
                Handler(
                    types,
                    is_tuple,
                    self.span(handler),
                    self.scope,
                    handler,
                    name.value if isinstance(name, cst.Name) else None,
                    self.handler_body(_body(handler)),
                )
            )
        body = _body(node)
        self.tries.append(TryBlock(handlers, calls_in(body)))
        guard = guards_imports(handlers)
        outer = self.shim_part
        number = len(self.import_tries)
        if guard:
            self.import_tries[number] = _plain_imports(body)
        self.import_guard_depth += guard
        for statement in body:
            self.shim_part = (number, "body") if guard else None
            self.visit(statement)
        self.import_guard_depth -= guard
        for clause, caught in zip(node.handlers, handlers):
            self.shim_part = (number, "handler") if guard and guards_imports([caught]) else None
            self.visit(clause)
        self.shim_part = None
        for child in [node.orelse, node.finalbody]:
            if child is not None:
                self.visit(child)
        self.shim_part = outer

    visit_TryStar = visit_Try

    def visit_ExceptHandler(self, node: _AnyHandler) -> None:
        if node.name is not None:
            self.bind_target(node.name.name)
        self.visit_children(node)

    visit_ExceptStarHandler = visit_ExceptHandler

    def count_status_read(self, node: cst.CSTNode) -> None:
        receiver = status_receiver(node)
        if receiver is not None:
            self.scope.status_reads[receiver] = self.scope.status_reads.get(receiver, 0) + 1

    def visit_Attribute(self, node: cst.Attribute) -> None:
        name = dotted_name(node)
        if name is not None:
            self.attribute_uses.add(name)
        self.count_status_read(node)
        self.visit_children(node)

    def visit_Call(self, node: cst.Call) -> None:
        self.count_status_read(node)
        name = dotted_name(node.func)
        last = name.rsplit(".", 1)[-1] if name is not None else ""
        if last in CLASS_CALLS or last in self.suppress_names:
            positional = [a for a in node.args if a.keyword is None and not a.star]
            args: Optional[List[Expr]] = [self.expr(a.value) for a in positional]
            if len(positional) != len(node.args):
                args = None
            region = self.regions.get(id(node), [])
            subject = dotted_name(positional[0].value) if args else None
            elements = [
                [self.element(e) for e in a.value.elements] if isinstance(a.value, cst.Tuple) else None
                for a in (positional if args is not None else [])
            ]
            self.class_calls.append(
                CallSite(
                    self.expr(node.func),
                    args,
                    self.span(node),
                    self.scope,
                    self.with_bodies.get(id(node), frozenset()),
                    node,
                    elements,
                    list(region),
                    region_reads(region, subject),
                )
            )
        self.visit_children(node)


def positions_of(wrapper: MetadataWrapper) -> Mapping[cst.CSTNode, CodeRange]:
    """``wrapper.resolve(PositionProvider)`` without what libcst 1.x does after it: a
    visit of the whole module for the batchable providers, of which there are none here
    (a full traversal that rebuilds every node: a sixth of a fix's time)."""
    try:
        return cast(Mapping[cst.CSTNode, CodeRange], PositionProvider()._gen(wrapper))
    except AttributeError:  # pragma: no cover - a libcst without this internal
        return wrapper.resolve(PositionProvider)


def _plain_imports(body: Sequence[cst.CSTNode]) -> Optional[Tuple[str, ...]]:
    """What a ``try`` body imports, when it does nothing else that may fail (defining a
    function without decorators, ``pass`` and a plain string are nothing); None
    otherwise. As ``facts_ast._plain_imports``, statement for statement."""
    targets: List[str] = []
    for statement in body:
        if isinstance(statement, cst.FunctionDef) and not statement.decorators:
            continue
        # A line of small statements, or (``try: import x``) a small statement itself.
        smalls = statement.body if isinstance(statement, cst.SimpleStatementLine) else [statement]
        for small in smalls:
            if isinstance(small, cst.Import):
                targets.extend(module_name(alias.name) for alias in small.names)
            elif isinstance(small, cst.ImportFrom) and not isinstance(small.names, cst.ImportStar):
                module = "." * len(small.relative) + (module_name(small.module) if small.module else "")
                targets.extend(joined(module, module_name(alias.name)) for alias in small.names)
            elif isinstance(small, cst.Pass) or (isinstance(small, cst.Expr) and _plain_string(small.value)):
                continue
            else:
                return None
    return tuple(targets)


def _plain_string(node: cst.BaseExpression) -> bool:
    """A string with no f-string part (``ast.Constant`` holding a str)."""
    if isinstance(node, cst.SimpleString):
        return "b" not in node.prefix.lower()
    return isinstance(node, cst.ConcatenatedString) and _plain_string(node.left) and _plain_string(node.right)


def extract(
    wrapper: MetadataWrapper, lines: List[str], positions: Optional[Mapping[cst.CSTNode, CodeRange]] = None
) -> ModuleFacts:
    """``positions``: the module's, if the caller has resolved them (positions_of)."""
    positions = positions if positions is not None else positions_of(wrapper)
    extractor = _Extractor(positions, lines)
    extractor.module_scope.node = wrapper.module
    extractor.visit(wrapper.module)
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
    )
