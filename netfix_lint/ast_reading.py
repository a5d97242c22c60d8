"""What the fact extractor reads off ``ast`` nodes: where a node is (as a fix names it),
dotted names, what a block of statements does, lexical walks and status reads."""

from __future__ import annotations

import ast
from typing import Callable, Dict, FrozenSet, Iterator, List, Optional, Sequence, Set, Tuple, Union

from .facts import AWAITS, IN_EXECUTOR, STATUS_ATTRIBUTES, Origin, Outcome, Span, Target, joined


def char_col(lines: List[str], line: int, byte_col: int) -> int:
    """ast columns count UTF-8 bytes; findings count characters, as libcst does."""
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    if text.isascii():
        return byte_col
    return len(text.encode("utf-8")[:byte_col].decode("utf-8", "replace"))


def span_of(node: ast.AST, lines: List[str]) -> Span:
    line = getattr(node, "lineno")
    end_line = getattr(node, "end_lineno", None) or line
    return Span(
        line,
        char_col(lines, line, getattr(node, "col_offset")),
        end_line,
        char_col(lines, end_line, getattr(node, "end_col_offset", None) or 0),
    )


def target_of(node: ast.AST, lines: List[str]) -> Target:
    """The node as a fix names it (see :class:`netfix_lint.facts.Target`)."""
    span = span_of(node, lines)
    if isinstance(node, ast.Tuple):
        first = span_of(node.elts[0], lines) if node.elts else span
        if (first.line, first.col) > (span.line, span.col) and lines[span.line - 1][span.col : span.col + 1] != "(":
            # A tuple that starts before its first element, where the source has no
            # parenthesis: a Python 3.14 clause parsed with parentheses added
            # (newer_syntax.py). The tuple is its elements, as libcst has it.
            last = span_of(node.elts[-1], lines)
            span = Span(first.line, first.col, last.end_line, last.end_col)
        return Target("tuple", span)
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
        return Target("scope", span)
    if isinstance(node, ast.stmt):
        return Target("statement", span)
    if isinstance(node, ast.ExceptHandler):
        return Target("handler", span)
    if isinstance(node, ast.Call):
        return Target("call", span)
    return Target("expression", span)


FunctionNode = Union[ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda]
NESTED_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
OPERATORS = {ast.In: "in", ast.NotIn: "not in", ast.Eq: "==", ast.NotEq: "!="}
#: Each of those operators under ``not``.
NEGATED_OPERATORS = {"in": "not in", "not in": "in", "==": "!=", "!=": "=="}
COLLECTIONS = (ast.Tuple, ast.Set, ast.List)
#: Where a name may mean another variable: the rewriter leaves reads there alone.
OWN_NAMES = (*NESTED_SCOPES, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
#: Nodes whose visit does nothing, and fields that hold only such nodes (contexts and
#: operators): the walk skips them instead of dispatching on each.
LEAVES = (ast.Name, ast.Constant)
SKIPPEDFIELDS_BY_TYPE = frozenset({"ctx", "op", "ops"})


def dotted_name(node: ast.AST) -> Optional[str]:
    parts: List[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(node.id)
    return ".".join(reversed(parts))


def call_name(func: ast.AST) -> str:
    name = dotted_name(func)
    if name is not None:
        return name
    if isinstance(func, ast.Attribute):
        return f"?.{func.attr}"
    return "?"


def chain_root(node: ast.AST) -> str:
    """What a chain of calls and attributes starts from: ``service`` for
    ``service.files().list(q=q)``, ``self.service`` for ``self.service.users()``, a
    call of a name as that name and "()" (``build()`` for ``build("drive", "v3").files()``),
    "?" for anything else (a subscript, a literal)."""
    while True:
        name = dotted_name(node)
        if name is not None:
            return name
        if isinstance(node, ast.Call):
            name = dotted_name(node.func)
            if name is not None:
                return f"{name}()"
            node = node.func
        elif isinstance(node, ast.Attribute):
            node = node.value
        else:
            return "?"


def _is_message(node: ast.AST) -> bool:
    """A string, f-string, or ``%`` / ``+`` / ``.format`` on one: a message."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Mod, ast.Add)):
        return _is_message(node.left) or _is_message(node.right)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        return _is_message(node.func.value)
    return False


def _argument(node: ast.AST) -> Optional[str]:
    if _is_message(node):
        return "<msg>"
    if isinstance(node, ast.Constant) and (node.value is None or isinstance(node.value, (bool, int))):
        return repr(node.value)
    return dotted_name(node)


def _call_outcome(node: ast.AST) -> Optional[str]:
    """``f(a, <msg>, k=1)``; None unless every part is a name, a number or a message."""
    if not isinstance(node, ast.Call):
        return None
    name = dotted_name(node.func)
    parts = [_argument(arg) for arg in node.args]
    parts += [_argument(k.value) if k.arg is None else f"{k.arg}={_argument(k.value)}" for k in node.keywords]
    if name is None or None in parts or any(k.arg is None or _argument(k.value) is None for k in node.keywords):
        return None
    return f"{name}({','.join(parts)})"  # type: ignore[arg-type]


def outcome(statements: Sequence[ast.stmt]) -> Outcome:
    """What ``statements`` do, in the terms of ``facts.Outcome``."""
    done: List[str] = []
    for statement in statements:
        if isinstance(statement, ast.Pass):
            continue
        if isinstance(statement, ast.Expr):
            call = _call_outcome(statement.value)
            if call is None:
                return None
            done.append(f"call:{call}")
        elif isinstance(statement, ast.Raise) and statement.cause is None:
            if statement.exc is None:
                done.append("reraise")
                continue
            raised = _call_outcome(statement.exc) if isinstance(statement.exc, ast.Call) else dotted_name(statement.exc)
            if raised is None:
                return None
            done.append(f"raise:{raised}")
        elif isinstance(statement, ast.Return):
            value = "" if statement.value is None else _argument(statement.value)
            if value is None or value == "<msg>":
                return None
            done.append(f"return:{value}")
        elif isinstance(statement, (ast.Break, ast.Continue)):
            done.append(type(statement).__name__.lower())
        else:
            return None
    return tuple(done)


def reraise_reports(statements: Sequence[ast.stmt], name: Optional[str]) -> Optional[Tuple[str, ...]]:
    """For a clause body that only makes calls (``print(e)``, ``log.exception(...)``) and
    then raises the error it took again, unchanged (``raise`` / ``raise e``): the names of
    those calls; None for any other body."""
    done = outcome(statements)
    if not done or done[-1] not in ("reraise", f"raise:{name}"):
        return None
    if not all(step.startswith("call:") for step in done[:-1]):
        return None
    return tuple(step[len("call:") :].partition("(")[0] for step in done[:-1])


def lexical_walk(statements: Sequence[ast.AST]) -> Iterator[ast.AST]:
    """Every node under ``statements`` (contexts and operators aside), not descending
    into nested functions or classes."""
    stack: List[ast.AST] = list(statements)
    while stack:
        node = stack.pop()
        if isinstance(node, NESTED_SCOPES):
            continue
        yield node
        for name in node_fields(type(node)):
            value = getattr(node, name, None)
            if isinstance(value, list):
                stack.extend(item for item in value if isinstance(item, ast.AST))
            elif isinstance(value, ast.AST):
                stack.append(value)


#: Per node type: the fields that may hold nodes, contexts and operators aside.
FIELDS_BY_TYPE: Dict[type, Tuple[str, ...]] = {}


def node_fields(kind: type) -> Tuple[str, ...]:
    fields = FIELDS_BY_TYPE.get(kind)
    if fields is None:
        fields = FIELDS_BY_TYPE[kind] = tuple(
            name for name in getattr(kind, "_fields") if name not in SKIPPEDFIELDS_BY_TYPE
        )
    return fields


def status_receiver(node: ast.AST) -> Optional[str]:
    """``X`` for a read of ``X.status_code`` / ``X.headers`` or ``getattr(X, "headers")``."""
    if isinstance(node, ast.Attribute) and node.attr in STATUS_ATTRIBUTES:
        return dotted_name(node.value)
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in ("getattr", "hasattr")
        and len(node.args) >= 2
        and isinstance(node.args[1], ast.Constant)
        and node.args[1].value in STATUS_ATTRIBUTES
    ):
        return dotted_name(node.args[0])
    return None


def status_read_spans(statements: Sequence[ast.AST], name: str, lines: List[str]) -> Tuple[List[Span], bool]:
    """Where ``statements`` (a handler's body) read ``name.status_code`` /
    ``name.headers`` (or through ``getattr``) while ``name`` is still the exception: in
    source order, into nested functions, lambdas, classes and comprehensions that do not
    bind ``name`` themselves, up to the first statement that stores ``name`` again.
    Also whether such a store exists: then which object a read sees cannot always be told
    (a closure reads the variable when called), and a rewrite of the reads is unsafe.
    The rewriter (:mod:`netfix_lint.rewrite`) rewrites exactly these reads."""
    found: List[Span] = []
    rebound = False

    def walk(node: ast.AST) -> None:
        nonlocal rebound
        if rebound:
            return
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            if name in _parameters(node.args) or (not isinstance(node, ast.Lambda) and _stores(node.body, name)):
                return
        elif isinstance(node, ast.ClassDef) and _stores(node.body, name):
            return
        elif isinstance(node, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
            if any(_binds(generator.target, name) for generator in node.generators):
                return
        elif isinstance(node, ast.ExceptHandler) and node.name == name:
            rebound = True  # bound again, then deleted when the inner clause ends
            return
        elif (
            isinstance(node, (ast.If, ast.IfExp))
            and _tests_status(node.test, name)
            and _reads_response(
                ast.Module(body=node.orelse, type_ignores=[]) if isinstance(node.orelse, list) else node.orelse, name
            )
        ):
            # `e.status_code if hasattr(e, "status_code") else e.response.status_code`: the
            # test and its branch are an older exception's; the other branch is walked.
            other: List[ast.AST] = list(node.orelse) if isinstance(node.orelse, list) else [node.orelse]
            for part in other:
                walk(part)
            return
        elif isinstance(node, (ast.If, ast.IfExp)) and _has_response(node.test, name) is not None:
            # `e.response.status_code if hasattr(e, "response") else e.status_code`: the
            # branch without `.response` is an older exception's, where the read is right.
            walk(node.test)
            new_style = node.body if _has_response(node.test, name) else node.orelse
            branch: List[ast.AST] = list(new_style) if isinstance(new_style, list) else [new_style]
            for part in branch:
                walk(part)
            return
        elif isinstance(node, ast.BoolOp) and _response_fallback(node, name):
            # `getattr(e, "status_code", None) or e.response.status_code`: the default
            # stands for the newer exception, whose response the next operand reads.
            for value in node.values:
                if not _defaulted_status(value, name):
                    walk(value)
            return
        if status_receiver(node) == name:
            found.append(span_of(node, lines))
        # The value is evaluated before the target is bound.
        stored: List[ast.AST] = []
        walked: List[ast.AST] = []
        if isinstance(node, ast.Assign):
            walked, stored = [node.value], list(node.targets)
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign, ast.NamedExpr)):
            walked, stored = ([node.value] if node.value is not None else []), [node.target]
        elif isinstance(node, (ast.For, ast.AsyncFor)):
            walked, stored = [node.iter], [node.target]
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            for item in node.items:
                walk(item.context_expr)
                if item.optional_vars is not None and _binds(item.optional_vars, name):
                    rebound = True
                    return
            for statement in node.body:
                walk(statement)
            return
        elif isinstance(node, ast.Delete):
            stored = list(node.targets)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            if any((alias.asname or alias.name.split(".")[0]) == name for alias in node.names):
                rebound = True
            return
        for first in walked:
            walk(first)
        if any(_binds(target, name) for target in stored):
            rebound = True
            return
        for child in ast.iter_child_nodes(node):
            if not any(child is first for first in walked):
                walk(child)

    try:
        for statement in statements:
            walk(statement)
    except RecursionError:  # a pathologically deep expression: say a rewrite is unsafe
        return found, True
    return found, rebound or _stores(list(statements), name)


def _tests_status(test: ast.AST, name: str) -> bool:
    """``hasattr(name, "status_code")`` (or ``"headers"``)."""
    return (
        isinstance(test, ast.Call)
        and isinstance(test.func, ast.Name)
        and test.func.id == "hasattr"
        and status_receiver(test) == name
    )


def _response_fallback(node: ast.AST, name: str) -> bool:
    """``getattr(name, "status_code", None) or <a read of name's response>``."""
    return (
        isinstance(node, ast.BoolOp)
        and isinstance(node.op, ast.Or)
        and any(_defaulted_status(value, name) for value in node.values)
        and any(_reads_response(value, name) for value in node.values)
    )


def _reads_response(node: ast.AST, name: str) -> bool:
    """``node`` reads ``name.response`` (also ``getattr(name, "response", ...)``)."""
    for part in ast.walk(node):
        if isinstance(part, ast.Attribute) and part.attr == "response" and dotted_name(part.value) == name:
            return True
        if (
            isinstance(part, ast.Call)
            and isinstance(part.func, ast.Name)
            and part.func.id == "getattr"
            and len(part.args) >= 2
            and dotted_name(part.args[0]) == name
            and isinstance(part.args[1], ast.Constant)
            and part.args[1].value == "response"
        ):
            return True
    return False


def _defaulted_status(node: ast.AST, name: str) -> bool:
    """``getattr(name, "status_code", None)``: no AttributeError, a false default that
    lets an ``or`` go on to the next operand (a true one, ``500``, would stop it there)."""
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "getattr"
        and len(node.args) == 3
        and isinstance(node.args[2], ast.Constant)
        and not node.args[2].value
        and status_receiver(node) == name
    )


def _has_response(test: ast.AST, name: str) -> Optional[bool]:
    """True for ``hasattr(name, "response")``, False for ``not hasattr(name, "response")``,
    None for any other test."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        inner = _has_response(test.operand, name)
        return None if inner is None else not inner
    if (
        isinstance(test, ast.Call)
        and isinstance(test.func, ast.Name)
        and test.func.id == "hasattr"
        and len(test.args) == 2
        and dotted_name(test.args[0]) == name
        and isinstance(test.args[1], ast.Constant)
        and test.args[1].value == "response"
    ):
        return True
    return None


def _parameters(args: ast.arguments) -> Set[str]:
    every = [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]
    return {arg.arg for arg in every if arg is not None}


def _binds(target: ast.AST, name: str) -> bool:
    """A store target that binds ``name`` (``e``, ``a, e``, ``*e``; not ``e.x`` or ``e[0]``)."""
    if isinstance(target, ast.Name):
        return target.id == name
    if isinstance(target, (ast.Tuple, ast.List)):
        return any(_binds(element, name) for element in target.elts)
    if isinstance(target, ast.Starred):
        return _binds(target.value, name)
    return False


def _stores(body: Sequence[ast.AST], name: str) -> bool:
    """Whether code (not descending into nested scopes and comprehensions, which have
    their own) stores ``name``."""
    stack: List[ast.AST] = list(body)
    while stack:
        node = stack.pop()
        if isinstance(node, OWN_NAMES):
            continue
        if isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, (ast.Store, ast.Del)):
            return True
        if isinstance(node, ast.ExceptHandler) and node.name == name:
            return True
        stack.extend(ast.iter_child_nodes(node))
    return False


def is_isinstance_call(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "isinstance"


def region_reads(nodes: Sequence[ast.AST], receiver: Optional[str]) -> int:
    """Status reads of ``receiver`` under ``nodes``, outside nested scopes and comprehensions."""
    count, stack = 0, list(nodes)
    while stack:
        node = stack.pop()
        if isinstance(node, OWN_NAMES):
            continue
        count += receiver is not None and status_receiver(node) == receiver
        stack.extend(ast.iter_child_nodes(node))
    return count


def calls_in(statements: List[ast.stmt]) -> FrozenSet[str]:
    """Dotted names of the calls made lexically in ``statements`` (and AWAITS).

    A function handed to a thread (``await loop.run_in_executor(None, send, data)``,
    ``asyncio.to_thread``, ``anyio`` / ``trio``'s ``to_thread.run_sync``) runs blocking
    code: it counts as called, and such an ``await`` as IN_EXECUTOR, not AWAITS."""
    found: Set[str] = set()
    for node in lexical_walk(statements):
        if isinstance(node, ast.Call):
            found.add(call_name(node.func))
        elif isinstance(node, (ast.Await, ast.AsyncFor, ast.AsyncWith)):
            handed = handed_to_thread(node.value) if isinstance(node, ast.Await) else None
            if handed is None:
                found.add(AWAITS)
            else:
                found.update((IN_EXECUTOR, handed))
    return frozenset(found)


def awaited_values(node: ast.AST) -> List[str]:
    """What ``await x``, ``async for _ in x``, ``async with x`` or ``with x`` awaits or
    enters, where code made elsewhere may run: its dotted name ("?" when not a name); a
    call as its function's name and "()" (``await asyncio.sleep(1)``: "asyncio.sleep()");
    nothing for other nodes (a plain ``for`` iterates data, mostly, and is not noted)."""
    if isinstance(node, ast.Await):
        values: List[ast.expr] = [node.value]
    elif isinstance(node, ast.AsyncFor):
        values = [node.iter]
    elif isinstance(node, (ast.AsyncWith, ast.With)):
        values = [item.context_expr for item in node.items]
    else:
        return []
    return [
        f"{dotted_name(value.func) or '?'}()" if isinstance(value, ast.Call) else dotted_name(value) or "?"
        for value in values
    ]


def awaited_in(statements: List[ast.stmt]) -> FrozenSet[str]:
    """:func:`awaited_values` of every node lexically in ``statements``."""
    return frozenset(name for node in lexical_walk(statements) for name in awaited_values(node))


#: Calls that run a function in a thread, by their last name: the function's position.
_THREAD_RUNNERS = {"run_in_executor": 1, "to_thread": 0, "run_sync": 0}


def handed_function(node: ast.AST) -> Optional[ast.expr]:
    """The function ``node`` runs in a thread (``functools.partial``'s first argument for a
    partial), or None when ``node`` is no such call."""
    if not isinstance(node, ast.Call):
        return None
    position = _THREAD_RUNNERS.get(call_name(node.func).rsplit(".", 1)[-1])
    if position is None or len(node.args) <= position:
        return None
    function = node.args[position]
    if isinstance(function, ast.Call) and call_name(function.func).endswith("partial") and function.args:
        function = function.args[0]  # functools.partial(send, data)
    return function


#: Calls that call a function with the arguments they are given after it, by their last
#: name: the function's position (an executor's ``submit``, gevent's ``spawn``, a trio or
#: anyio nursery's ``start_soon``, besides the thread runners).
_CALLERS_OF = {**_THREAD_RUNNERS, "submit": 0, "spawn": 0, "start_soon": 0}
#: Calls given the function as ``target=`` and its arguments as a tuple (``args=``, or
#: ``start_new_thread``'s second argument).
_TARGET_CALLERS = frozenset({"Thread", "Process", "Timer", "start_new_thread"})


def handoff(node: ast.Call) -> Optional[Tuple[str, Tuple[Optional[str], ...]]]:
    """The function ``node`` hands on to be called (by its dotted name) and the dotted
    name of each argument it will be called with (None for one that is not a name), or
    None when ``node`` is no such call, or its arguments cannot all be told (``*args``,
    a keyword given through). (``node``'s own name says who calls it.)"""
    last = call_name(node.func).rsplit(".", 1)[-1]
    position = _CALLERS_OF.get(last)
    function: Optional[ast.expr]
    if position is not None and len(node.args) > position and not node.keywords:
        function, given = node.args[position], node.args[position + 1 :]
    elif last in _TARGET_CALLERS:
        keywords = {k.arg: k.value for k in node.keywords}
        function, tupled = keywords.get("target"), keywords.get("args")
        if last == "start_new_thread" and len(node.args) == 2:
            function, tupled = node.args
        elif last == "Timer" and len(node.args) >= 2:
            function, tupled = node.args[1], (node.args[2] if len(node.args) > 2 else keywords.get("args"))
        if None in keywords or "kwargs" in keywords or not isinstance(tupled, (ast.Tuple, ast.List, type(None))):
            return None
        given = tupled.elts if tupled is not None else []
    else:
        return None
    name = dotted_name(function) if function is not None else None
    if name is None or any(isinstance(a, ast.Starred) for a in given):
        return None
    return name, tuple(dotted_name(a) for a in given)


def handed_to_thread(node: ast.AST) -> Optional[str]:
    """The dotted name of the function ``node`` runs in a thread (as :func:`call_name`
    names a call's: ``?.execute`` for a bound method of a call's result), or None when
    ``node`` is no such call."""
    function = handed_function(node)
    return None if function is None else call_name(function)


#: Values that are no socket: constants, displays, comprehensions, arithmetic.
_LITERALS = (
    ast.Constant,
    ast.JoinedStr,
    ast.List,
    ast.Tuple,
    ast.Set,
    ast.Dict,
    ast.ListComp,
    ast.SetComp,
    ast.DictComp,
    ast.GeneratorExp,
    ast.BinOp,
    ast.Compare,
    ast.UnaryOp,
    ast.Lambda,
)


def _words(node: ast.AST, found: Set[str]) -> None:
    """The last parts of the dotted names in an argument, through ``|`` and ``or``."""
    if isinstance(node, ast.Name):
        found.add(node.id)
    elif isinstance(node, ast.Attribute):
        found.add(node.attr)
    elif isinstance(node, ast.BinOp):
        _words(node.left, found)
        _words(node.right, found)
    elif isinstance(node, ast.BoolOp):
        for value in node.values:
            _words(value, found)


#: asyncio functions whose awaited result is their first argument's (``asyncio.wait_for``).
_PASS_THROUGH = frozenset({"wait_for", "shield"})


def origin_of(node: ast.AST) -> Origin:
    """Where the value of expression ``node`` comes from (see :class:`Origin`); an Origin
    with nothing set where it cannot be told."""
    line = getattr(node, "lineno", 0)
    awaited = isinstance(node, ast.Await)
    if isinstance(node, ast.Await):
        node = node.value
        # ``await asyncio.wait_for(connect(uri), 5)``: the value is the awaited call's.
        while isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Call):
            if (call_name(node.func) or "").rsplit(".", 1)[-1] not in _PASS_THROUGH:
                break
            node = node.args[0]
    if isinstance(node, ast.Call):
        found: Set[str] = set()
        for argument in node.args:
            _words(argument, found)
        for keyword in node.keywords:
            if keyword.arg is not None:
                found.add(keyword.arg)
            _words(keyword.value, found)
        arguments = tuple(dotted_name(a) for a in node.args)
        call = call_name(node.func)
        root = chain_root(node.func) if call.startswith("?.") else None
        return Origin(line, call=call, words=frozenset(found), args=arguments, root=root, awaited=awaited)
    name = dotted_name(node)
    if name is not None:
        return Origin(line, copy=name)
    if isinstance(node, _LITERALS):
        return Origin(line, literal=True, none=isinstance(node, ast.Constant) and node.value is None)
    return Origin(line)


def annotation_origin(node: Optional[ast.AST], line: int) -> Optional[Origin]:
    """A parameter's annotation as an Origin: ``ssl.SSLSocket``, ``"ssl.SSLSocket"``,
    ``Optional[SSLSocket]``, ``SSLSocket | None``; None when there is none to read."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value.strip()
        return Origin(line, annotation=text) if all(part.isidentifier() for part in text.split(".")) else None
    if isinstance(node, ast.Subscript):
        return annotation_origin(node.slice, line)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return annotation_origin(node.left, line)
    name = dotted_name(node) if node is not None else None
    return Origin(line, annotation=name) if name is not None else None


def plain_imports(body: List[ast.stmt]) -> Optional[Tuple[str, ...]]:
    """What a ``try`` body imports, when it does nothing else that may fail (defining a
    function without decorators, ``pass`` and a plain string are nothing); None
    otherwise."""
    targets: List[str] = []
    for statement in body:
        if isinstance(statement, ast.Import):
            targets.extend(alias.name for alias in statement.names)
        elif isinstance(statement, ast.ImportFrom):
            module = "." * statement.level + (statement.module or "")
            targets.extend(joined(module, alias.name) for alias in statement.names)
        elif (
            isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef))
            and not statement.decorator_list
            or isinstance(statement, ast.Pass)
            or (
                isinstance(statement, ast.Expr)
                and isinstance(statement.value, ast.Constant)
                and isinstance(statement.value.value, str)
            )
        ):
            continue
        else:
            return None
    return tuple(targets)


#: Names a module binds to "this is Python 2" / "this is Python 3" (six's, and the
#: compatibility modules that copy it).
_PY2_FLAGS = frozenset({"PY2", "IS_PY2", "PYTHON2"})
_PY3_FLAGS = frozenset({"PY3", "IS_PY3", "PYTHON3", "PY3K"})
#: The ends of Python 3: comparisons of ``sys.version_info`` are monotonic in it.
_PYTHON3 = ((3, 0, 0), (3, 1_000_000, 0))
_COMPARE: Dict[type, Callable[[Tuple[int, ...], Tuple[int, ...]], bool]] = {
    ast.Eq: lambda a, b: a == b,
    ast.NotEq: lambda a, b: a != b,
    ast.Lt: lambda a, b: a < b,
    ast.LtE: lambda a, b: a <= b,
    ast.Gt: lambda a, b: a > b,
    ast.GtE: lambda a, b: a >= b,
}


def on_python3(test: ast.AST) -> Optional[bool]:
    """True when ``test`` holds on every Python 3 (``six.PY3``, ``sys.version_info[0] >=
    3``, ``sys.version_info >= (3,)``), False when on none (``six.PY2``,
    ``sys.version_info[0] == 2``, ``sys.version_info < (3,)``); None when it depends or
    is no version test (``sys.version_info >= (3, 8)``)."""
    name = dotted_name(test)
    if name is not None:
        last = name.rsplit(".", 1)[-1]
        return False if last in _PY2_FLAGS else True if last in _PY3_FLAGS else None
    if not isinstance(test, ast.Compare) or len(test.ops) != 1 or type(test.ops[0]) not in _COMPARE:
        return None
    compare = _COMPARE[type(test.ops[0])]
    read, bound = _version_read(test.left), _constant_version(test.comparators[0])
    if read is None or bound is None or (read == "major" and isinstance(test.comparators[0], ast.Tuple)):
        return None
    answers = {compare(version[:1] if read == "major" else version, bound) for version in _PYTHON3}
    return answers.pop() if len(answers) == 1 else None


def _version_read(node: ast.AST) -> Optional[str]:
    """ "major" for ``sys.version_info[0]`` / ``sys.version_info.major``, "version" for
    ``sys.version_info`` itself."""
    name = dotted_name(node)
    if name is not None:
        # ``sys``'s only: a library's own ``version_info`` (gevent's, tornado's) is no
        # Python version.
        return {"sys.version_info.major": "major", "sys.version_info": "version"}.get(name)
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) and node.slice.value == 0:
        return "major" if dotted_name(node.value) == "sys.version_info" else None
    return None


def _constant_version(node: ast.AST) -> Optional[Tuple[int, ...]]:
    """``3`` as (3,), ``(3, 0)`` as (3, 0); None for anything else."""
    parts = node.elts if isinstance(node, ast.Tuple) else [node]
    if not parts or not all(isinstance(p, ast.Constant) and type(p.value) is int for p in parts):
        return None
    return tuple(p.value for p in parts)  # type: ignore[attr-defined]
