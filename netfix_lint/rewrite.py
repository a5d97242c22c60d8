"""Apply fix operations to a libcst module, touching nothing else.

An element is appended in the layout the sequence already has: one line gets ``, X``;
a sequence written one element per line gets a new line with the same indentation,
keeping a trailing comma and comments where they were.
"""

from __future__ import annotations

from typing import Callable, Dict, List, Optional, Sequence, Set, Tuple, TypeVar, Union

import libcst as cst

from .facts import Target
from .locate import Locator
from .ops import (
    AddHandlerAfter,
    AddImport,
    AppendElement,
    FixOp,
    RemoveParameter,
    RemoveUnusedImport,
    RenameKeyword,
    ReplaceExpr,
    ReplaceStatements,
    RewriteStatusReads,
    targets_of,
)

_Item = TypeVar("_Item", cst.Element, cst.Arg)
_AnyHandler = Union[cst.ExceptHandler, cst.ExceptStarHandler]
_EMPTY = cst.Module([])


class TargetNotFound(Exception):
    """A fix names a node the libcst tree of its text does not have."""


def apply_ops(locator: Locator, ops: Sequence[FixOp]) -> cst.Module:
    """The module ``locator`` holds with ``ops`` applied; the nodes they name are found
    by ``locator``, which also lets the rewrite pass over the statements that hold none."""
    module = locator.module
    nodes: Dict[Target, cst.CSTNode] = {}
    for op in ops:
        for target in targets_of(op):
            found = locator.node(target)
            if found is None:
                raise TargetNotFound(f"no {target.kind} at line {target.span.line}, column {target.span.col + 1}")
            nodes[target] = found
    appends: Dict[int, List[str]] = {}
    imports: List[AddImport] = []
    replacements: Dict[int, str] = {}
    status_reads: Dict[int, Tuple[str, bool]] = {}
    removals: List[str] = []
    copies: Dict[int, AddHandlerAfter] = {}
    renames: Dict[int, Dict[str, str]] = {}
    runs: Dict[int, Tuple[int, str]] = {}
    for op in ops:
        if isinstance(op, RenameKeyword):
            renames.setdefault(id(nodes[op.target]), {})[op.old] = op.new
        if isinstance(op, RemoveParameter):
            renames.setdefault(id(nodes[op.target]), {})[op.name] = ""
        if isinstance(op, ReplaceStatements):
            runs[id(nodes[op.target])] = (id(nodes[op.last]), op.code)
        if isinstance(op, AddHandlerAfter):
            copies[id(nodes[op.target])] = op
        if isinstance(op, ReplaceExpr):
            replacements[id(nodes[op.target])] = op.code
        elif isinstance(op, RewriteStatusReads):
            status_reads[id(nodes[op.target])] = (op.name, op.either)
        elif isinstance(op, RemoveUnusedImport) and op.name not in removals:
            removals.append(op.name)
        if isinstance(op, AppendElement):
            codes = appends.setdefault(id(nodes[op.target]), [])
            if op.code not in codes:
                codes.append(op.code)
        elif isinstance(op, AddImport) and op not in imports:
            imports.append(op)
    # Where each import must go at the latest: above the first statement that runs at
    # import time and uses it (found before the appends replace the statements).
    limits: Dict[str, int] = {}
    for add in (op for op in ops if isinstance(op, AddImport) and op.used_by is not None):
        index = _top_level_index(module, nodes[add.used_by])  # type: ignore[index]
        if index is not None:
            limits[add.statement] = min(limits.get(add.statement, index), index)
    if appends or replacements or status_reads or copies or renames or runs:
        # One pass: libcst rebuilds every node it visits, so node identities (which the
        # operations are keyed by) only hold in the tree the targets were found in.
        replacer = _Replacer(replacements, status_reads, copies, appends, locator.holds_no_target, renames, runs)
        module = module.visit(replacer)
    for add in imports:
        module = add_import(module, add, limits.get(add.statement))
    for name in removals:
        module = remove_unused_import(module, name)
    return module


def _statement_ids(statement: cst.CSTNode) -> Set[int]:
    """The statement and, for a simple statement line, its small statements: a target
    named "statement" is located as either."""
    ids = {id(statement)}
    if isinstance(statement, cst.SimpleStatementLine):
        ids.update(id(small) for small in statement.body)
    return ids


def _unindented_blank_lines(statement: cst.BaseStatement) -> cst.BaseStatement:
    lines = [line.with_changes(indent=False) for line in getattr(statement, "leading_lines", ())]
    return statement.with_changes(leading_lines=lines)


def _replace_runs(
    original: Union[cst.Module, cst.IndentedBlock],
    updated: Union[cst.Module, cst.IndentedBlock],
    runs: Dict[int, Tuple[int, str]],
) -> Union[cst.Module, cst.IndentedBlock]:
    """``updated`` with each run of statements in ``runs`` replaced by its code."""
    body: List[cst.CSTNode] = []
    ending: Optional[int] = None
    for before, after in zip(original.body, updated.body):
        ids = _statement_ids(before)
        if ending is None:
            start = next((runs[i] for i in ids if i in runs), None)
            if start is None:
                body.append(after)
                continue
            ending = start[0]
            # Blank lines between the new statements stay blank (unindented) in a block.
            new = [_unindented_blank_lines(statement) for statement in cst.parse_module(start[1]).body]
            new[0] = new[0].with_changes(leading_lines=getattr(after, "leading_lines", ()))
            body.extend(new)
        if ending in ids:
            ending = None
    return updated.with_changes(body=body)


def _without_parameters(function: cst.FunctionDef, removed: Dict[str, str]) -> cst.FunctionDef:
    """``function`` without the positional parameters named in ``removed``; the one left
    last keeps a trailing comma only if the original last one had it."""
    params = function.params
    kept = [p for p in params.params if p.name.value not in removed]
    if kept and len(kept) < len(params.params) and params.params[-1].name.value in removed:
        last_comma = params.params[-1].comma
        kept[-1] = kept[-1].with_changes(
            comma=last_comma if isinstance(last_comma, cst.Comma) else cst.MaybeSentinel.DEFAULT
        )
    return function.with_changes(params=params.with_changes(params=kept))


class _Replacer(cst.CSTTransformer):
    """Expression replacements by node identity, and status reads inside given handlers."""

    def __init__(
        self,
        replacements: Dict[int, str],
        status_reads: Dict[int, Tuple[str, bool]],
        copies: Optional[Dict[int, AddHandlerAfter]] = None,
        appends: Optional[Dict[int, List[str]]] = None,
        skip: Optional[Callable[[cst.CSTNode], bool]] = None,
        renames: Optional[Dict[int, Dict[str, str]]] = None,
        runs: Optional[Dict[int, Tuple[int, str]]] = None,
    ) -> None:
        super().__init__()
        #: Runs of statements to replace: first statement's id -> (last's id, code).
        self.runs = runs or {}
        #: Per call, by node identity: keyword argument names to rename.
        self.renames = renames or {}
        #: Which statements hold no node the operations are about: they are left as
        #: they are, unvisited.
        self.skip = skip
        self.replacements = replacements
        self.status_reads = status_reads
        self.copies = copies or {}
        self.appender = _Appender(appends or {})
        #: The exception's name (and ``either``) in the regions being visited; "" where
        #: the name means another variable.
        self.inside: List[Tuple[str, bool]] = []
        self.blockers: Set[int] = set()  # nodes below which the name means something else
        #: Nodes after which the name is rebound in the region (``exc = Note()``: the value
        #: is read first, then stored): from then on its reads are another object's.
        self.rebind_after: Set[int] = set()
        #: The quotes of the f-strings around the node being visited: a string the
        #: rewrite adds there must not use them (before 3.12 it ends the f-string).
        self.fstring_quotes: List[str] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        if isinstance(node, cst.FormattedString):
            self.fstring_quotes.append(node.start.lstrip("fFrRbBuU"))
        if (
            self.skip is not None
            and not self.inside
            and isinstance(node, (cst.BaseStatement, cst.BaseSmallStatement))
            and self.skip(node)
        ):
            return False
        if id(node) in self.status_reads:
            self.inside.append(self.status_reads[id(node)])
        elif self.inside and self.inside[-1][0]:
            self._note_rebinding(node, self.inside[-1][0])
        if self.inside and id(node) not in self.status_reads and self._rebinds(node, self.inside[-1][0]):
            # ``def g(e)``, ``lambda e:``, ``[e for e in ...]``, an inner ``except X as e``:
            # there ``e`` is another variable, whose reads must stay as they are.
            self.inside.append(("", False))
            self.blockers.add(id(node))
        return True

    def _note_rebinding(self, node: cst.CSTNode, name: str) -> None:
        """A statement of the region that stores ``name``: the reads after it are of
        another object (the rules make such a fix unsafe)."""
        if isinstance(node, cst.Assign) and any(_binds(t.target, name) for t in node.targets):
            self.rebind_after.add(id(node.value))
        elif isinstance(node, (cst.AnnAssign, cst.AugAssign)) and _binds(node.target, name):
            self.rebind_after.add(id(node.value if node.value is not None else node.target))
        elif isinstance(node, (cst.For, cst.NamedExpr)) and _binds(node.target, name):
            self.rebind_after.add(id(node.iter if isinstance(node, cst.For) else node.value))
        elif isinstance(node, cst.WithItem) and node.asname is not None and _binds(node.asname.name, name):
            self.rebind_after.add(id(node.item))
        elif isinstance(node, cst.Del) and _binds(node.target, name):
            self.rebind_after.add(id(node.target))

    @staticmethod
    def _rebinds(node: cst.CSTNode, name: str) -> bool:
        """Whether ``name`` means another variable under ``node``: a nested function,
        lambda, class or comprehension that binds it itself (a parameter, a local, a
        comprehension target), or an inner ``except ... as name``. One that does not sees
        the exception: its reads are rewritten too."""
        if not name:
            return False
        if isinstance(node, (cst.FunctionDef, cst.Lambda)):
            params = node.params
            every = [*params.posonly_params, *params.params, *params.kwonly_params]
            every += [p for p in (params.star_arg, params.star_kwarg) if isinstance(p, cst.Param)]
            if any(p.name.value == name for p in every):
                return True
            return isinstance(node, cst.FunctionDef) and _stores(node.body, name)
        if isinstance(node, cst.ClassDef):
            return _stores(node.body, name)
        if isinstance(node, (cst.ListComp, cst.SetComp, cst.DictComp, cst.GeneratorExp)):
            comp: Optional[cst.CompFor] = node.for_in
            while comp is not None:
                if _binds(comp.target, name):
                    return True
                comp = comp.inner_for_in
            return False
        if isinstance(node, (cst.ExceptHandler, cst.ExceptStarHandler)) and node.name is not None:
            return isinstance(node.name.name, cst.Name) and node.name.name.value == name
        return False

    def _string(self, text: str) -> str:
        """``text`` as a string literal that can stand inside the f-strings around."""
        used = "".join(self.fstring_quotes)
        return f"'{text}'" if '"' in used else f'"{text}"'

    def on_leave(self, original_node: cst.CSTNode, updated_node: cst.CSTNode) -> cst.CSTNode:  # type: ignore[override]
        if isinstance(original_node, cst.FormattedString):
            self.fstring_quotes.pop()
        if id(original_node) in self.rebind_after and self.inside:
            self.inside[-1] = ("", False)  # rebound: later reads are another object's
        # Read before the pop: the region may be the read itself (``e.status_code if
        # isinstance(e, InvalidStatus) else None``).
        name, either = self.inside[-1] if self.inside else ("", False)
        if id(original_node) in self.status_reads or id(original_node) in self.blockers:
            self.inside.pop()
        if isinstance(original_node, (cst.Try, cst.TryStar)) and isinstance(updated_node, (cst.Try, cst.TryStar)):
            return self._add_copies(original_node, updated_node)
        if self.runs and isinstance(original_node, (cst.Module, cst.IndentedBlock)):
            updated_node = _replace_runs(original_node, updated_node, self.runs)  # type: ignore[arg-type]
        if id(original_node) in self.appender.appends:
            return self.appender.append(original_node, updated_node)
        renames = self.renames.get(id(original_node))
        if renames and isinstance(updated_node, cst.FunctionDef):
            return _without_parameters(updated_node, renames)
        if renames and isinstance(updated_node, cst.Call):
            args = [
                arg.with_changes(keyword=cst.Name(renames[arg.keyword.value]))
                if arg.keyword is not None and arg.keyword.value in renames
                else arg
                for arg in updated_node.args
            ]
            return updated_node.with_changes(args=args)
        code = self.replacements.get(id(original_node))
        if code is not None and isinstance(updated_node, cst.BaseExpression):
            if '"' in code and "'" not in code and '"' in "".join(self.fstring_quotes):
                code = code.replace('"', "'")  # a string the code adds must not end the f-string
            new = cst.parse_expression(code)
            if updated_node.lpar:  # keep the written parentheses; a tuple keeps its own
                new = new.with_changes(lpar=updated_node.lpar, rpar=updated_node.rpar)
            return new
        if (
            name
            and isinstance(updated_node, cst.Attribute)
            and isinstance(updated_node.value, cst.Name)
            and updated_node.value.value == name
            and updated_node.attr.value in ("status_code", "headers")
        ):
            # exc.status_code -> exc.response.status_code, or, where exc may also be an
            # InvalidStatusCode, getattr(exc, "response", exc).status_code
            response: cst.BaseExpression = (
                cst.parse_expression(f"getattr({name}, {self._string('response')}, {name})")
                if either
                else cst.Attribute(updated_node.value, cst.Name("response"))
            )
            return updated_node.with_changes(value=response)
        if name and isinstance(updated_node, cst.Call) and _is_status_getattr(updated_node, name):
            # getattr(exc, "status_code") -> getattr(exc.response, "status_code"); with a
            # default (or hasattr) the code expects other classes too: stay defensive,
            # getattr(getattr(exc, "response", None), "status_code", None).
            first = updated_node.args[0]
            defensive = len(updated_node.args) >= 3 or (
                isinstance(updated_node.func, cst.Name) and updated_node.func.value == "hasattr"
            )
            through: cst.BaseExpression
            if either:
                through = cst.parse_expression(f"getattr({name}, {self._string('response')}, {name})")
            elif defensive:
                through = cst.parse_expression(f"getattr({name}, {self._string('response')}, None)")
            else:
                through = cst.Attribute(first.value, cst.Name("response"))
            return updated_node.with_changes(args=[first.with_changes(value=through), *updated_node.args[1:]])
        return updated_node

    def _add_copies(self, original: Union[cst.Try, cst.TryStar], updated: Union[cst.Try, cst.TryStar]) -> cst.CSTNode:
        handlers: List[_AnyHandler] = []
        for before, after in zip(original.handlers, updated.handlers):
            handlers.append(after)  # type: ignore[arg-type]
            copy = self.copies.get(id(before))
            if copy is None:
                continue
            clone: _AnyHandler = after.deep_clone().with_changes(  # type: ignore[assignment]
                type=cst.parse_expression(copy.code), leading_lines=[]
            )
            if isinstance(clone.body, cst.IndentedBlock):
                # A comment on the except line (noqa, pragma) belongs to the original.
                clone = clone.with_changes(body=clone.body.with_changes(header=cst.TrailingWhitespace()))
            reads = _Replacer({}, {id(clone): (copy.name, False)})
            handlers.append(clone.visit(reads))  # type: ignore[arg-type]
        return updated.with_changes(handlers=handlers)


def _is_status_getattr(call: cst.Call, name: str) -> bool:
    if not (isinstance(call.func, cst.Name) and call.func.value in ("getattr", "hasattr")) or len(call.args) < 2:
        return False
    subject, attribute = call.args[0].value, call.args[1].value
    return (
        isinstance(subject, cst.Name)
        and subject.value == name
        and isinstance(attribute, cst.SimpleString)
        and attribute.evaluated_value in ("status_code", "headers")
    )


def remove_unused_import(module: cst.Module, name: str) -> cst.Module:
    """Remove every ``from x import y [as name]`` binding ``name`` (at any level, in
    any layout) when nothing else in the module mentions ``name`` any more: no other
    use, and no string naming it (an ``__all__`` re-export)."""
    counter = _Mentions(name)
    module.visit(counter)
    if counter.mentions:
        return module
    return module.visit(_ImportPruner(name))


class _Mentions(cst.CSTVisitor):
    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self.mentions = 0

    def visit_ImportAlias(self, node: cst.ImportAlias) -> bool:
        return False  # the bindings themselves

    def visit_Name(self, node: cst.Name) -> None:
        self.mentions += node.value == self.name

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        self.mentions += node.evaluated_value == self.name


class _ImportPruner(cst.CSTTransformer):
    """Drops the aliases binding ``name``, and statements left empty, block by block; a
    block that would be left with nothing stays as it was."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        body = self._prune(updated_node.body)
        return updated_node if body is None else updated_node.with_changes(body=body)

    def leave_IndentedBlock(
        self, original_node: cst.IndentedBlock, updated_node: cst.IndentedBlock
    ) -> cst.IndentedBlock:
        body = self._prune(updated_node.body)
        return updated_node if body is None else updated_node.with_changes(body=body)

    def _prune(self, statements: Sequence[cst.BaseStatement]) -> Optional[List[cst.BaseStatement]]:
        kept: List[cst.BaseStatement] = []
        carried: List[cst.EmptyLine] = []  # comments above a removed line
        changed = False
        for statement in statements:
            if isinstance(statement, cst.SimpleStatementLine):
                smalls = [self._drop(small) for small in statement.body]
                if any(new is not old for new, old in zip(smalls, statement.body)):
                    changed = True
                    remaining = [small for small in smalls if small is not None]
                    if not remaining:
                        carried.extend(statement.leading_lines)
                        continue
                    if smalls[-1] is None:  # ``a; from x import B``: no dangling ``;``
                        remaining[-1] = remaining[-1].with_changes(semicolon=cst.MaybeSentinel.DEFAULT)
                    statement = statement.with_changes(body=remaining)
            if carried and isinstance(statement, (cst.SimpleStatementLine, cst.BaseCompoundStatement)):
                statement = statement.with_changes(leading_lines=[*carried, *statement.leading_lines])
                carried = []
            kept.append(statement)
        if not changed or not kept or any(line.comment for line in carried):
            return None
        return kept

    def _drop(self, small: cst.BaseSmallStatement) -> Optional[cst.BaseSmallStatement]:
        """``small`` without the aliases binding the name; None if nothing is left."""
        if not isinstance(small, cst.ImportFrom) or isinstance(small.names, cst.ImportStar):
            return small
        names = list(small.names)
        if not any(_bound_name(alias) == self.name for alias in names):
            return small
        rpar = small.rpar
        for index in reversed(range(len(names))):
            if _bound_name(names[index]) != self.name:
                continue
            removed = names.pop(index)
            if index == len(names) and names:
                # The new last alias takes the removed one's ending (trailing comma or
                # not, the line break before ``)``) and keeps its own comment.
                previous = names[-1]
                own = previous.comma.whitespace_after if isinstance(previous.comma, cst.Comma) else None
                comment = own.first_line if isinstance(own, cst.ParenthesizedWhitespace) else None
                if isinstance(removed.comma, cst.Comma):
                    after = removed.comma.whitespace_after
                    if comment is not None and isinstance(after, cst.ParenthesizedWhitespace):
                        after = after.with_changes(first_line=comment)
                    comma: Union[cst.Comma, cst.MaybeSentinel] = removed.comma.with_changes(whitespace_after=after)
                else:
                    comma = cst.MaybeSentinel.DEFAULT
                    closing = rpar.whitespace_before if rpar is not None else None
                    if comment is not None and isinstance(closing, cst.ParenthesizedWhitespace) and rpar is not None:
                        rpar = rpar.with_changes(whitespace_before=closing.with_changes(first_line=comment))
                names[-1] = previous.with_changes(comma=comma)
        if not names:
            return None
        return small.with_changes(names=names, rpar=rpar)


def _bound_name(alias: cst.ImportAlias) -> str:
    if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
        return alias.asname.name.value
    return cst.Module([]).code_for_node(alias.name).split(".")[0]


def _walk(node: cst.CSTNode) -> List[cst.CSTNode]:
    found: List[cst.CSTNode] = []
    stack = [node]
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(current.children)
    return found


def _top_level_index(module: cst.Module, node: object) -> Optional[int]:
    for index, statement in enumerate(module.body):
        stack: List[cst.CSTNode] = [statement]
        while stack:
            current = stack.pop()
            if current is node:
                return index
            stack.extend(current.children)
    return None


class _Appender:
    """Appends one more element to except clauses, tuples and calls (see _append)."""

    def __init__(self, appends: Dict[int, List[str]]) -> None:
        self.appends = appends

    def _handler(self, original: _AnyHandler, updated: _AnyHandler) -> _AnyHandler:
        codes = self.appends.get(id(original))
        if not codes or updated.type is None:
            return updated
        kind = updated.type
        if isinstance(kind, cst.Tuple) and kind.elements:
            return updated.with_changes(type=append_to_tuple(kind, codes))
        # A single class becomes a tuple; its parentheses, if any, become the tuple's.
        first = cst.Element(kind.with_changes(lpar=[], rpar=[]))
        tuple_node = cst.Tuple([first], lpar=kind.lpar or [cst.LeftParen()], rpar=kind.rpar or [cst.RightParen()])
        changes: Dict[str, object] = {"type": append_to_tuple(tuple_node, codes)}
        # ``except*`` keeps the space after its star; ``except`` after its keyword.
        space = "whitespace_after_star" if isinstance(updated, cst.ExceptStarHandler) else "whitespace_after_except"
        if not kind.lpar and not getattr(updated, space).value:
            changes[space] = cst.SimpleWhitespace(" ")
        return updated.with_changes(**changes)

    def append(self, original: cst.CSTNode, updated: cst.CSTNode) -> cst.CSTNode:
        """Append this node's codes: to an except clause, a tuple or a call."""
        if isinstance(original, (cst.ExceptHandler, cst.ExceptStarHandler)):
            return self._handler(original, updated)  # type: ignore[arg-type]
        if isinstance(original, cst.Tuple) and isinstance(updated, cst.Tuple):
            return append_to_tuple(updated, self.appends[id(original)])
        if isinstance(original, cst.Call) and isinstance(updated, cst.Call):
            return self._call(original, updated)
        return updated

    def _call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        codes = self.appends.get(id(original_node))
        if not codes or not updated_node.args:
            return updated_node
        args = list(updated_node.args)
        for code in _missing(codes, [arg.value for arg in args]):
            last = args[-1]
            # The whitespace before ``)``: after a trailing comma, or after the argument.
            if isinstance(last.comma, cst.Comma):
                closing = last.comma.whitespace_after
                args[-1] = last.with_changes(comma=last.comma.with_changes(whitespace_after=cst.SimpleWhitespace("")))
            else:
                closing = last.whitespace_after_arg
                args[-1] = last.with_changes(whitespace_after_arg=cst.SimpleWhitespace(""))
            new = cst.Arg(cst.parse_expression(code))
            args, closing = _append(args, new, updated_node.whitespace_before_args, closing)
            end = args[-1]
            if isinstance(end.comma, cst.Comma):
                args[-1] = end.with_changes(comma=end.comma.with_changes(whitespace_after=closing))
            else:
                args[-1] = end.with_changes(whitespace_after_arg=closing)
        return updated_node.with_changes(args=args)


def _missing(codes: Sequence[str], present: Sequence[cst.BaseExpression]) -> List[str]:
    """The codes not already written among ``present`` (an undefined name counts too)."""
    written = {"".join(_EMPTY.code_for_node(value).split()) for value in present}
    return [code for code in codes if "".join(code.split()) not in written]


def append_to_tuple(node: cst.Tuple, codes: Sequence[str]) -> cst.Tuple:
    opening = node.lpar[0].whitespace_after if node.lpar else cst.SimpleWhitespace("")
    closing = node.rpar[0].whitespace_before if node.rpar else cst.SimpleWhitespace("")
    elements: List[cst.Element] = list(node.elements)  # type: ignore[arg-type]
    for code in _missing(codes, [element.value for element in elements]):
        elements, closing = _append(elements, cst.Element(cst.parse_expression(code)), opening, closing)
    rpar = [node.rpar[0].with_changes(whitespace_before=closing), *node.rpar[1:]] if node.rpar else []
    return node.with_changes(elements=elements, rpar=rpar)


def _separator_layout(
    items: Sequence[Union[cst.Element, cst.Arg]], opening: cst.BaseParenthesizableWhitespace
) -> Optional[cst.ParenthesizedWhitespace]:
    """The whitespace that starts an element line, if the sequence is one per line."""
    samples: List[cst.BaseParenthesizableWhitespace] = [opening]
    if len(items) >= 2 and isinstance(items[-2].comma, cst.Comma):
        samples.insert(0, items[-2].comma.whitespace_after)
    for sample in samples:
        if isinstance(sample, cst.ParenthesizedWhitespace):
            return cst.ParenthesizedWhitespace(
                first_line=cst.TrailingWhitespace(),
                empty_lines=[],
                indent=sample.indent,
                last_line=sample.last_line,
            )
    return None


def _append(
    items: List[_Item],
    new: _Item,
    opening: cst.BaseParenthesizableWhitespace,
    closing: cst.BaseParenthesizableWhitespace,
) -> Tuple[List[_Item], cst.BaseParenthesizableWhitespace]:
    """Append ``new`` after ``items``; ``closing`` is the whitespace before ``)``, which
    the caller has taken out of the items and puts back after the returned new closing."""
    last = items[-1]
    trailing = isinstance(last.comma, cst.Comma)
    layout = _separator_layout(items, opening)
    if layout is not None and isinstance(closing, cst.ParenthesizedWhitespace):
        # ``B,  # note\n)`` -> ``B,  # note\n    new,\n)``: the note stays on B's line.
        separator: cst.BaseParenthesizableWhitespace = closing.with_changes(
            indent=layout.indent, last_line=layout.last_line
        )
        closing = cst.ParenthesizedWhitespace(
            first_line=cst.TrailingWhitespace(),
            empty_lines=[],
            indent=closing.indent,
            last_line=closing.last_line,
        )
    else:
        separator = layout or cst.SimpleWhitespace(" ")
    before = last.comma.whitespace_before if isinstance(last.comma, cst.Comma) else cst.SimpleWhitespace("")
    last = last.with_changes(comma=cst.Comma(whitespace_before=before, whitespace_after=separator))
    # A trailing comma is kept as a style, except the one a one-element tuple needs.
    one_element_tuple = len(items) == 1 and isinstance(new, cst.Element) and layout is None
    if trailing and not one_element_tuple:
        new = new.with_changes(comma=cst.Comma())
    return [*items[:-1], last, new], closing  # type: ignore[list-item]


# -- imports -------------------------------------------------------------------------


def _binds(target: cst.CSTNode, name: str) -> bool:
    """A store target (a name, a tuple or list of targets, a starred one) that binds ``name``."""
    if isinstance(target, cst.Name):
        return target.value == name
    if isinstance(target, (cst.Tuple, cst.List)):
        return any(_binds(element.value, name) for element in target.elements)
    if isinstance(target, cst.StarredElement):
        return _binds(target.value, name)
    return False


def _stores(body: cst.CSTNode, name: str) -> bool:
    """Whether a function's or class's own code stores ``name`` (making it a local)."""

    class Finder(cst.CSTVisitor):
        found = False

        def on_visit(self, node: cst.CSTNode) -> bool:
            if isinstance(node, (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
                return False
            if (
                isinstance(node, cst.AssignTarget)
                and _binds(node.target, name)
                or isinstance(node, (cst.AugAssign, cst.AnnAssign, cst.For, cst.NamedExpr))
                and _binds(node.target, name)
                or isinstance(node, cst.AsName)
                and _binds(node.name, name)
            ):
                self.found = True
            return not self.found

    finder = Finder()
    body.visit(finder)
    return finder.found


def _is_docstring(statement: cst.CSTNode) -> bool:
    return (
        isinstance(statement, cst.SimpleStatementLine)
        and len(statement.body) == 1
        and isinstance(statement.body[0], cst.Expr)
        and isinstance(statement.body[0].value, (cst.SimpleString, cst.ConcatenatedString))
    )


def _import_key(statement: cst.CSTNode) -> Optional[Tuple[str, str]]:
    """("import"|"from", module) for a top-level import line, None for anything else."""
    if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1:
        return None
    small = statement.body[0]
    if isinstance(small, cst.Import):
        return "import", cst.Module([]).code_for_node(small.names[0].name)
    if isinstance(small, cst.ImportFrom):
        module = cst.Module([]).code_for_node(small.module) if small.module else ""
        return "from", "." * len(small.relative) + module
    return None


def _has_future_import(statement: cst.CSTNode) -> bool:
    return isinstance(statement, cst.SimpleStatementLine) and any(
        isinstance(small, cst.ImportFrom)
        and not small.relative
        and small.module is not None
        and cst.Module([]).code_for_node(small.module) == "__future__"
        for small in statement.body
    )


def add_import(module: cst.Module, add: AddImport, limit: Optional[int] = None) -> cst.Module:
    """Insert ``add`` with the other imports, or right after the docstring and
    ``__future__`` imports when that place would be below statement ``limit``."""
    body = list(module.body)
    start = 0
    if body and _is_docstring(body[0]):
        start = 1
    # Past every line holding a __future__ import, also one that holds more
    # (``from __future__ import annotations; import os``, ``"""doc"""; from __future__
    # import x``): nothing may come before a __future__ import but the docstring.
    while start < len(body) and _has_future_import(body[start]):
        start += 1
    # The first run of top-level import lines after that is "the other imports".
    block: List[Tuple[int, Tuple[str, str]]] = []
    for index in range(start, len(body) if limit is None else limit):
        key = _import_key(body[index])
        if key is None:
            if block:
                break
            continue
        block.append((index, key))
    new = cst.parse_statement(add.statement + "\n")
    kind = "from" if add.statement.startswith("from ") else "import"
    if not block:
        # No imports yet: after the docstring and __future__ imports, set off by one
        # blank line from what is above and from the code below (PEP 8 grouping).
        new = new.with_changes(leading_lines=[cst.EmptyLine()] if start > 0 else [])
        if start < len(body):
            follower = body[start]
            lines = list(getattr(follower, "leading_lines", []))
            if not any(line.comment is None for line in lines):
                body[start] = follower.with_changes(leading_lines=[cst.EmptyLine(), *lines])
        body.insert(start, new)
        return module.with_changes(body=body)
    same = [(index, key[1]) for index, key in block if key[0] == kind]
    if same:
        keys = [key.lower() for _, key in same]
        if keys == sorted(keys):
            after = [index for index, key in same if key.lower() <= add.module.lower()]
            position, goes_before = (after[-1] + 1, False) if after else (same[0][0], True)
        else:
            position, goes_before = same[-1][0] + 1, False
    elif kind == "import":
        position, goes_before = block[0][0], True
    else:
        position, goes_before = block[-1][0] + 1, False
    if goes_before:
        # The blank lines and comments above the statement now stand above the group.
        anchor = body[position]
        new = new.with_changes(leading_lines=anchor.leading_lines)
        body[position] = anchor.with_changes(leading_lines=[])
    body.insert(position, new)
    return module.with_changes(body=body)
