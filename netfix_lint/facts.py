"""The facts the rules read, and name resolution over them.

One extractor fills these structures, ``facts_ast``, from the stdlib ``ast`` tree. A fact
that a fix may edit names its node by kind and source span (:class:`Target`); at fix time
:mod:`netfix_lint.locate` finds that node in a libcst tree of the same text.
"""

from __future__ import annotations

import bisect
import builtins
import io
from dataclasses import dataclass, field
from typing import Dict, FrozenSet, List, Literal, Optional, Set, Tuple, cast, get_args

BUILTIN_NAMES: FrozenSet[str] = frozenset(dir(builtins))

#: Put in a body's call set when the body awaits (``await``, ``async for``, ``async with``).
AWAITS = "<await>"
#: Put there when it awaits a function run in a thread (``loop.run_in_executor``).
IN_EXECUTOR = "<in-executor>"

#: Attributes of InvalidStatusCode that InvalidStatus has under ``.response``.
STATUS_ATTRIBUTES = frozenset({"status_code", "headers"})

#: How deep module-level constants are followed (``A = (B, C)``, ``B = (D,)``, ...).
MAX_CONSTANT_DEPTH = 5


def joined(module: str, name: str) -> str:
    """What ``from module import name`` imports: ``a.b.name``, ``.b.name``, and for
    ``from . import name`` (module ``.``) ``.name``, as Python spells it."""
    return f"{module}{name}" if module.endswith(".") else f"{module}.{name}"


def physical_lines(source: str, keepends: bool = False) -> List[str]:
    """Lines as the tokenizer sees them: split at \\n, \\r\\n and \\r only.

    ``str.splitlines`` also splits at form feeds, \\v, \\x1c-\\x1e, \\x85 and
    U+2028/2029, which would shift every line after one of them."""
    lines = io.StringIO(source, newline="").readlines()
    return lines if keepends else [line.rstrip("\r\n") for line in lines]


class DeclarationLines:
    """The numbers of the lines that name ``global`` or ``nonlocal``: only a scope that
    spans one of them can declare such names, so only that scope's body is searched."""

    def __init__(self, lines: List[str]) -> None:
        self.numbers = [number for number, line in enumerate(lines, 1) if "global" in line or "nonlocal" in line]

    def between(self, first: int, last: int) -> bool:
        index = bisect.bisect_left(self.numbers, first)
        return index < len(self.numbers) and self.numbers[index] <= last


@dataclass(frozen=True)
class Span:
    """A source range: 1-based lines, 0-based columns counted in characters."""

    line: int
    col: int
    end_line: int
    end_col: int


#: What kind of node a :class:`Target` names: an except clause, a tuple display, a call,
#: any other expression, a statement, a function / lambda / class, or the whole module.
NodeKind = Literal["handler", "tuple", "call", "expression", "statement", "scope", "module"]


@dataclass(frozen=True)
class Target:
    """The node a fix edits, as ``ast`` places it: its kind and its span."""

    kind: NodeKind
    span: Span


@dataclass
class Expr:
    """An expression a rule looks at: a dotted name (``a.b.c``) or something opaque."""

    dotted: Optional[str]
    span: Span
    #: The expression itself, for a fix that edits it.
    target: Target = field(compare=False, repr=False)
    starred: bool = False
    #: Normalized source text; filled where a rule compares text (constants, NFX103).
    text: str = ""


@dataclass(frozen=True)
class Origin:
    """Where a value comes from, as far as socket provenance needs it (read by
    ``rules/socket_origin.py``): the call that made it, a name it is a copy of, a literal,
    or a parameter's annotation. Exactly one of ``call``, ``copy``, ``literal`` and
    ``annotation`` is set."""

    line: int
    #: ``ctx.wrap_socket`` for ``sock = ctx.wrap_socket(raw)``; "?" when not a dotted name.
    call: Optional[str] = None
    #: The last part of every dotted name among the call's arguments, and its keyword
    #: names: ``socket.socket(AF_INET, SOCK_DGRAM)`` has AF_INET and SOCK_DGRAM.
    words: FrozenSet[str] = frozenset()
    #: The dotted names of the call's positional arguments (None where not a name).
    args: Tuple[Optional[str], ...] = ()
    #: The value is one element of the call's result (``conn, addr = server.accept()``).
    item: bool = False
    #: The value is this dotted name's (``sock = self.sock``, ``with conn as c``).
    copy: Optional[str] = None
    #: A constant, a display, an f-string, arithmetic: no socket.
    literal: bool = False
    #: The literal is ``None`` (a callback's "nothing to say", not a value).
    none: bool = False
    #: A parameter's annotation, as a dotted name (``ssl.SSLSocket``).
    annotation: Optional[str] = None
    #: For a call on a call's result (``call`` "?.list"), what the chain starts from
    #: (:func:`netfix_lint.ast_reading.chain_root`: ``service``, ``build()``).
    root: Optional[str] = None
    #: The call is awaited where it stands (``await connect(uri)``, also through
    #: ``asyncio.wait_for``): the value is the awaited result, not the awaitable.
    awaited: bool = False
    #: The value is what a ``with`` statement entered gives (``with f() as x``).
    entered: bool = False


#: How a statement binds a name: "import", "assign" (a plain ``NAME = value``), "grow"
#: (``NAME += (a, b)``), "param", "def" (a function or class) or "other".
BindingKind = Literal["import", "assign", "grow", "param", "def", "other"]
#: What holds a scope's code: a module, a function (or lambda), a class body.
ScopeKind = Literal["module", "function", "class"]
SCOPE_KINDS: FrozenSet[str] = frozenset(get_args(ScopeKind))


@dataclass
class Binding:
    """One statement that binds a name in a scope."""

    kind: BindingKind
    #: For imports: the qualified name the binding refers to ("ssl", "ssl.SSLEOFError").
    target: Optional[str] = None
    #: An import inside a ``try`` whose handlers catch ImportError (or a
    #: ``with suppress(ImportError)``): the module may not exist.
    guarded: bool = False
    #: Bound under ``if``/``while``/``for``/``with``/``match``: it may not have run.
    conditional: bool = False
    #: Line of the binding statement (1-based).
    line: int = 0
    #: For ``NAME = a, b`` / ``NAME = (a, b)`` / ``NAME = a``: the value's elements.
    value: Optional[List[Expr]] = None
    #: True when the value is a tuple display (and so can take one more element).
    value_is_tuple: bool = False
    #: True when the value is a set or list display (followed by NFX103 only).
    value_is_collection: bool = False
    #: For ``NAME = f(...)``: the dotted name of ``f`` (``conn = connect(uri)``).
    call: Optional[str] = None
    #: A binding straight in the body ("body") or an ImportError clause ("handler") of
    #: the ``try`` numbered so in ``ModuleFacts.import_tries`` (see ``resolve_shim``).
    shim: Optional[Tuple[int, str]] = None
    #: The tuple display of a ``NAME = (a, b)`` constant, where a fix appends to it.
    value_target: Optional[Target] = field(default=None, compare=False, repr=False)
    #: Where the bound value comes from (assignments, ``with ... as``, annotated
    #: parameters); None where the extractor does not say.
    origin: Optional[Origin] = None


#: ``Scope.arguments``' name for a ``*args`` argument (its positions are unknown from there).
STARRED = "*"


class Scope:
    """A module, function (or lambda) or class scope and the names bound in it."""

    def __init__(
        self, kind: str, parent: Optional[Scope], target: Optional[Target] = None, name: Optional[str] = None
    ) -> None:
        # The extractors pass a str: checked here once, so every reader has a ScopeKind.
        if kind not in SCOPE_KINDS:
            raise ValueError(f"not a scope kind: {kind!r}")
        self.kind = cast(ScopeKind, kind)
        self.parent = parent
        #: The function, lambda, class or module holding the scope's code: where a fix
        #: that edits the whole scope applies.
        self.target = target
        self.bindings: Dict[str, List[Binding]] = {}
        self.global_names: Set[str] = set()
        self.nonlocal_names: Set[str] = set()
        #: Reads of ``X.status_code`` / ``X.headers`` (also through getattr/hasattr) made
        #: lexically in this scope, by receiver ``X`` ("exc", "excinfo.value").
        self.status_reads: Dict[str, int] = {}
        #: The function's or class's name (None for a module or lambda).
        self.name = name
        #: A class's bases, as dotted names ("?" where not a name).
        self.bases: Tuple[str, ...] = ()
        #: A method's first parameter (``self``), when the scope is a function in a class.
        self.self_name: Optional[str] = None
        #: A class's ``self.NAME = value`` assignments, made in its methods: NAME -> the
        #: value's origin and the method's scope.
        self.attributes: Dict[str, List[Tuple[Origin, Scope]]] = {}
        #: ``NAME.ATTR = value`` made in this scope's code on a name other than ``self``:
        #: ATTR -> (NAME, the value's origin) (``conn.ws = await connect(...)`` in a manager
        #: that fills in another class's attribute).
        self.stores: Dict[str, List[Tuple[str, Origin]]] = {}
        #: A function's ``return value`` statements (lexically its own).
        self.returns: List[Origin] = []
        #: An ``@contextmanager`` / ``@asynccontextmanager`` function: its ``yield value``
        #: statements, what ``with f() as x`` gives ``x`` (``x = f()`` is the manager).
        self.context_manager = False
        self.yields: List[Origin] = []
        #: A function's inner scopes, and a class's methods, by name.
        self.children: Dict[str, Scope] = {}
        #: A generic function's or class's PEP 695 type parameters.
        self.type_params: List[str] = []
        #: Names this scope passes to ``loop.run_until_complete(NAME)``, and the functions
        #: whose result it passes, with "()" (``run_until_complete(self.init_server())``).
        self.run_names: Set[str] = set()
        #: Dotted names of the calls made in the scope's own code ("?" when not a name):
        #: what one level of a call into the module's own function does.
        self.calls: Set[str] = set()
        #: (method, what the chain starts from) for each call, or function handed to a
        #: thread, on a call's result (``service.files().list().execute()``: ("execute",
        #: "service"); see :func:`netfix_lint.ast_reading.chain_root`).
        self.chain_roots: Set[Tuple[str, str]] = set()
        #: What its own code awaits that is not a call (see ``TryBlock.awaited``).
        self.awaited: Set[str] = set()
        #: The functions whose calls its own code iterates with ``async for`` (see
        #: ``TryBlock.iterated``). Only noted where websockets is named.
        self.iterated: Set[str] = set()
        #: In a module that names websockets, the calls of its own code that pass
        #: arguments: (function's dotted name, each positional argument's dotted name or
        #: None, the keywords' names (None for ``**``), line), so that a parameter can be
        #: followed to what its callers pass. (``STARRED`` for a ``*args``.)
        self.arguments: List[Tuple[str, Tuple[Optional[str], ...], Tuple[Optional[str], ...], int]] = []
        #: In a module that names websockets or sockets, the functions its own code hands to
        #: something that calls them with arguments it is given (``pool.submit(f, conn)``,
        #: ``Thread(target=f, args=(conn,))``): (the caller's dotted name, the function's,
        #: the dotted name of each argument or None, line).
        self.handoffs: List[Tuple[str, str, Tuple[Optional[str], ...], int]] = []
        #: A function's positional parameters, in order (``self`` included), and how many
        #: of them have no default.
        self.params: List[str] = []
        self.required_params = 0
        #: A function that takes ``*args``: called with more positional arguments, it still runs.
        self.varargs = False
        self.is_async = False
        #: A function with decorators (what runs when it is called is not its body alone).
        self.decorated = False
        #: For a coroutine function (or any, in a module naming websockets) with two
        #: positional parameters besides ``self`` (``async def handler(websocket, path)``): where its body (nested scopes
        #: included) reads the second one, or None when it also stores or deletes it.
        self.second_param_reads: Optional[List[Target]] = None
        #: The positional parameters stand on the ``def`` line, none positional-only: a
        #: parameter can be taken away without touching comments or a ``/``.
        self.simple_params = False
        #: For a function with two positional parameters besides ``self``, in a module
        #: that names websockets: its body tests one of them with hasattr / isinstance /
        #: getattr (a callback written for both signatures).
        self.tests_params = False
        #: A function of one parameter (besides ``self``) that answers an SSLEOFError by
        #: an errno test of it (``return param.errno in (...)``, also after ``isinstance``
        #: tests: :mod:`netfix_lint.eof_path`): that comparison, negated where the
        #: function answers its negation (NFX103 follows it from handlers).
        self.errno_test: Optional[Comparison] = None
        #: A ``handle_error`` method with an ``if isinstance(error, ssl.SSLError)`` (or
        #: ``SSLEOFError``) branch that does nothing: it lets TLS errors pass on purpose.
        self.passes_tls_errors = False
        #: For a function of one parameter (besides ``self``) in a module that names
        #: SSLError: what it returns for an SSLEOFError, when a test of the error's class
        #: decides it (Werkzeug's ``is_ssl_error(e)``: True; :func:`.eof_path.eof_answer`).
        self.eof_answer: Optional[bool] = None

    def bind(self, name: str, binding: Binding) -> None:
        if name in self.global_names and self.parent is not None:
            # ``global ssl; ssl = True`` rebinds the module's name, not a local one.
            self.module().bind(name, binding)
            return
        if name in self.nonlocal_names:
            # ``nonlocal ssl; ssl = None`` rebinds the enclosing function's name.
            outer = self.parent
            while outer is not None and (outer.kind != "function" or name not in outer.bindings):
                outer = outer.parent
            if outer is not None:
                outer.bind(name, binding)
                return
        self.bindings.setdefault(name, []).append(binding)

    def runs_at_import(self) -> bool:
        """Code in this scope runs when the module is imported (module or class body)."""
        scope: Optional[Scope] = self
        while scope is not None:
            if scope.kind == "function":
                return False
            scope = scope.parent
        return True

    def module(self) -> Scope:
        scope = self
        while scope.parent is not None:
            scope = scope.parent
        return scope

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Scope({self.kind}, {sorted(self.bindings)})"


def normalize(code: str) -> str:
    """Source text compared across trees: no whitespace, one quote style, no outer parens."""
    text = "".join(code.split()).replace('"', "'")
    while text.startswith("(") and text.endswith(")") and _balanced(text[1:-1]):
        text = text[1:-1]
    return text


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


#: What a block of statements does, statement by statement, told apart only by what
#: can change behaviour: "call:self.close()", "raise:ReqlDriverError(<msg>)", "reraise".
#: Messages (strings, f-strings, ``%`` and ``+`` on them, ``.format``) read as <msg>.
#: None: a statement or argument this summary does not cover (never equal to another).
Outcome = Optional[Tuple[str, ...]]


@dataclass
class IfBranches:
    """The ``if`` (or ``elif``) a comparison is the whole test of."""

    body: Outcome
    #: "end" (no else), "else", or "elif" (``else:`` holding only an ``if`` counts too).
    orelse: str
    orelse_body: Outcome = None
    #: With "elif": where its test is (a Comparison of the same handler, if it is one).
    elif_test: Optional[Span] = None
    #: This is an ``elif`` (or the only ``if`` of an ``else:``): earlier tests come first.
    is_elif: bool = False


@dataclass
class Comparison:
    """``left <op> right`` with one operator (in, not in, ==, !=) in a handler body."""

    span: Span
    left: str  # normalized source text
    op: str
    right: Expr
    #: The elements when ``right`` is a tuple, set or list display.
    right_elements: Optional[List[Expr]]
    #: When the comparison is the whole test of an ``if`` / ``elif``: its branches.
    branches: Optional[IfBranches] = None
    #: Made by a function the handler calls (``is_disconnect(e)``, line 8), as a message says it.
    via: Optional[str] = None


@dataclass(frozen=True)
class Predicate:
    """``f(e)`` on the clause's exception in a handler body (``if is_disconnect(e):``):
    the test ``f`` makes, when it is the module's own errno test (Scope.errno_test)."""

    func: str
    span: Span
    #: When the call (or ``not`` it) is the whole test of an ``if`` / ``elif``.
    branches: Optional[IfBranches] = None
    #: Under ``not``: the test holds where ``f`` says no.
    negated: bool = False


@dataclass
class HandlerBody:
    """What NFX103 reads in a handler's body (lexically, outside nested functions)."""

    comparisons: List[Comparison] = field(default_factory=list)
    predicates: List[Predicate] = field(default_factory=list)
    #: ``name = value`` statements: name -> normalized value text.
    aliases: Dict[str, str] = field(default_factory=dict)
    #: Every identifier and attribute name mentioned.
    names: Set[str] = field(default_factory=set)
    #: Reads of the clause's ``as`` name's ``.status_code`` / ``.headers`` (also through
    #: ``getattr``), where they are.
    status_reads: List[Span] = field(default_factory=list)
    #: The body stores the ``as`` name again (``exc = Note()``): which object a later
    #: read sees cannot always be told, so rewriting the reads is unsafe.
    rebinds_name: bool = False
    #: What the body does, with the text it prints or logs and the ``as`` name left out:
    #: two clauses of one shape handle what they catch the same way.
    shape: str = ""
    #: The body singles out a TLS EOF: names ``SSLEOFError`` or ``SSL_ERROR_EOF``, or
    #: tests its text (``"EOF occurred in violation of protocol" in repr(e)``).
    tests_tls_eof: bool = False
    #: For a body that only makes calls and raises the error again (``raise`` / ``raise
    #: e``): those calls' names (``("log.exception",)``); None for any other body.
    reraise_calls: Optional[Tuple[str, ...]] = None
    #: How the body ends as far as its last statement says (``end``, ``return None``,
    #: ``continue``...: :func:`.tls_branch.ending`).
    ends: str = "end"
    #: The ways an SSLEOFError the clause takes goes through a TLS branch quietly
    #: (:func:`.tls_branch.quiet_branches`): per assumed answers of the module's
    #: functions it calls on the error (``is_ssl_error(e)``), whether a TLS context's
    #: test was taken as holding, and how the path ends. NFX101 checks the answers.
    quiet_branches: List[Tuple[Tuple[Tuple[str, bool], ...], bool, str]] = field(default_factory=list)


@dataclass
class Handler:
    """One ``except`` / ``except*`` clause."""

    #: The caught expressions, one per tuple element; None for a bare ``except:``.
    types: Optional[List[Expr]]
    is_tuple: bool
    span: Span
    scope: Scope
    target: Target = field(compare=False, repr=False)
    #: The ``as`` name, if any.
    name: Optional[str] = None
    body: HandlerBody = field(default_factory=HandlerBody)


#: A ``try`` with a clause catching one of these guards the imports in its body.
IMPORT_GUARDS = frozenset({"ImportError", "ModuleNotFoundError", "Exception", "BaseException"})


def guards_imports(handlers: List[Handler]) -> bool:
    """``try: import ssl / except ImportError:``: the module may be missing at run time."""
    return any(
        handler.types is None
        or any(e.dotted is not None and e.dotted.rsplit(".", 1)[-1] in IMPORT_GUARDS for e in handler.types)
        for handler in handlers
    )


@dataclass
class TryBlock:
    handlers: List[Handler]
    #: Dotted names of the calls made lexically in the ``try`` body ("self.wfile.write",
    #: "?.sendall" where the receiver is not a name).
    body_calls: FrozenSet[str]
    #: What the body awaits or enters (``await x``, ``async for _ in x``, ``async with
    #: x``, ``with x``), as dotted names ("?" where not a name), a call as its function's
    #: name with "()" (``await asyncio.sleep(1)``: "asyncio.sleep()"): code made elsewhere
    #: may run and raise there. Only noted in a module that names websockets.
    awaited: FrozenSet[str] = frozenset()
    #: The functions whose calls the body iterates with ``async for`` (websockets'
    #: reconnecting ``async for ws in connect(uri)``). Only noted where websockets is named.
    iterated: FrozenSet[str] = frozenset()
    #: The body's first and last lines (its calls' ``Scope.arguments`` are those between).
    lines: Tuple[int, int] = (0, 0)


#: Calls that take exception classes as arguments, by the last part of their name
#: (``contextlib.suppress`` is also collected under the names it is imported as).
CLASS_CALLS = frozenset({"suppress", "isinstance", "raises"})


@dataclass
class CallSite:
    """A call of ``suppress``, ``isinstance`` or ``raises`` (by the function's last name)."""

    func: Expr
    #: Positional arguments; None when keywords or ``*args`` make them unknowable.
    args: Optional[List[Expr]]
    span: Span
    scope: Scope
    #: Calls made lexically in the body of the ``with`` this call is an item of.
    body_calls: FrozenSet[str]
    target: Target = field(compare=False, repr=False)
    #: Per positional argument: its elements when it is a tuple display, else None.
    elements: List[Optional[List[Expr]]] = field(default_factory=list)
    #: Where an ``isinstance`` call holds: the ``and`` chain it is an operand of and the
    #: body of the ``if`` (or conditional expression) it is the test of.
    region: List[Target] = field(default_factory=list, compare=False, repr=False)
    #: Status reads (see ``Scope.status_reads``) of the first argument inside ``region``.
    region_reads: int = 0
    #: Of those, the ones that read an InvalidStatus wrongly where the test holds (as
    #: ``HandlerBody.status_reads`` counts them: not a fallback after a defaulted getattr,
    #: not an older exception's branch), and whether the region stores the name again.
    narrowed_reads: int = 0
    narrowed_rebound: bool = False


#: Calls whose keyword arguments NFX205 reads, by the function's last name.
KEYWORD_CALLS = frozenset({"connect", "unix_connect", "serve", "unix_serve"})
#: Attributes the legacy websockets connection has and the new one does not (FACTS.md
#: section 3, rows 2 and 5).
#: Attributes only the new connection has (``close_code`` / ``close_reason`` from 14.1;
#: ``request`` / ``response``, the opening handshake, from its first release): NFX209
#: reads them for a floor, NFX206 does not.
NEW_CONNECTION_ATTRIBUTES = frozenset({"close_code", "close_reason", "request", "response"})
CONNECTION_ATTRIBUTES = (
    frozenset({"open", "closed", "path", "request_headers", "response_headers", "host", "port", "secure"})
    | NEW_CONNECTION_ATTRIBUTES
)


#: How :attr:`ModuleFacts.connection_uses` name a use (``AttributeRead.attribute``):
#: ``send(..., text=...)`` (the new connection's, from 14.0) and ``async with`` on a
#: connection itself, not on the ``connect(...)`` call (the new connection's only).
SEND_TEXT, ASYNC_WITH = "send(text=...)", "async with"


@dataclass(frozen=True)
class Keyword:
    """A keyword argument of a call: its name and where ``name=value`` stands."""

    name: str
    span: Span
    #: Normalized source text of the value ("" for a key of a dict spread into the call).
    value: str
    #: The dict a key came through (``connect(uri, **options)``: "options"), else "".
    through: str = ""
    #: Set only in the ImportError fallback of a ``try`` importing these websockets
    #: modules: it runs only where one of those imports fails (see KeywordCall.fallback).
    fallback: Tuple[str, ...] = ()


@dataclass
class KeywordCall:
    """A call of one of :data:`KEYWORD_CALLS` with arguments."""

    func: Expr
    keywords: Tuple[Keyword, ...]
    span: Span
    scope: Scope
    target: Target = field(compare=False, repr=False)
    #: The first positional argument, when it is a dotted name (``serve(handler, ...)``).
    first_arg: Optional[str] = None
    #: The call is the argument of a ``loop.run_until_complete(...)`` call.
    run_until_complete: bool = False
    #: ``first_arg`` came through ``functools.partial``: how many positional arguments the
    #: partial binds, and the keywords it binds (None for a ``**``): it may supply the rest.
    partial_args: int = -1
    partial_keywords: Tuple[Optional[str], ...] = ()
    #: The first positional argument is a lambda: its scope (``serve(lambda ws, _: ...)``).
    first_lambda: Optional[Scope] = field(default=None, compare=False, repr=False)
    #: The keys a ``**name`` argument may pass: those of a dict the module builds under
    #: that name with constant keys (a display, ``dict(k=v)``, ``name["k"] = v``,
    #: ``name.update(k=v)``). Keywords that may be passed, not surely: no fix renames them.
    spread: Tuple[Keyword, ...] = ()
    #: The call stands in the ImportError fallback of a ``try`` that imports these
    #: websockets modules (``from websockets.asyncio.client import connect``): it runs
    #: only on releases where one of them fails to import.
    fallback: Tuple[str, ...] = ()


@dataclass(frozen=True)
class AttributeRead:
    """A read of one of :data:`CONNECTION_ATTRIBUTES` (``ws.open``), not called."""

    receiver: str
    attribute: str
    span: Span
    scope: Scope = field(compare=False, repr=False)
    target: Target = field(compare=False, repr=False)
    #: An operand of a comparison or another operator (``ws.open == True``): a longer
    #: expression put in its place needs parentheses.
    operand: bool = False
    #: In an f-string's ``{ws.path=}``, which prints the expression's text too.
    debug: bool = False
    #: Read as ``getattr(ws, "open", None)``: the default hides the missing attribute.
    through_getattr: bool = False
    #: Tested as ``hasattr(ws, "request_headers")``: false wherever it is missing.
    through_hasattr: bool = False


#: Parts of a dotted name that may make it a websockets landmark (NFX209): modules and
#: top-level names some allowed releases lack. Chains with none of them are not kept.
LANDMARK_PARTS = frozenset(
    {"asyncio", "sync", "protocol", "http", "router", "ClientConnection", "ServerConnection", "State"}
    | {"Request", "Response", "Server", "Close", "CloseCode"}
    # ``protocol.Side`` after ``from websockets import protocol`` (websockets_reach.protocol_floor)
    | {"Side", "Protocol", "SEND_EOF"}
)


def printed(lines: List[str], span: Span) -> bool:
    """The expression at ``span`` is an f-string's ``{expr=}``, which prints its text."""
    if span.end_line > len(lines):
        return False
    after = lines[span.end_line - 1][span.end_col :].lstrip()
    return after.startswith("=") and not after.startswith("==")


@dataclass(frozen=True)
class NameUse:
    """An import of a websockets module or name, or a dotted read that may be one
    (``websockets.State.OPEN``), kept for NFX209 in modules that name websockets."""

    #: The imported qualified name, or the chain as written (resolved by the rule).
    dotted: str
    span: Span
    scope: Scope = field(compare=False, repr=False)
    import_: bool = False
    #: It may not run, or its failure is handled: an import guarded by ``except
    #: ImportError`` or under an ``if`` (a version switch, ``TYPE_CHECKING``); a read
    #: under ``hasattr`` or ``except AttributeError``.
    guarded: bool = False
    #: ``from websockets import protocol``: the module's attribute is read (a lazy alias on
    #: some releases), not its module path imported.
    from_package: bool = False
    #: An import guarded by nothing but an ImportError ``try`` (numbered as
    #: ``Binding.shim``), and the name it binds: unless that try's fallback imports the
    #: name from elsewhere (a switch), the fallback runs as if websockets were missing.
    fallback: Optional[int] = None
    bound: str = ""
    #: The module raised before this import on releases below this one ("13.0"): a
    #: module-level ``if websockets_version < (13, 0): raise ImportError(...)``.
    stopped_below: str = ""


@dataclass(frozen=True)
class ServeRun:
    """The tutorial's three statements in one block: ``NAME = <call>``,
    ``<loop>.run_until_complete(NAME)``, ``<loop>.run_forever()``, where ``NAME`` is used
    nowhere else in the module."""

    first: Target
    last: Target
    #: The call ``NAME`` is bound to.
    call: Span
    #: The loop expression of the third statement, as written (``asyncio.get_event_loop()``).
    loop: str


@dataclass
class ModuleFacts:
    module_scope: Scope
    scopes: List[Scope]
    tries: List[TryBlock]
    class_calls: List[CallSite]
    #: Every module named by an import anywhere in the file ("ssl", "http.server").
    imported_modules: Set[str]
    has_star_import: bool
    lines: List[str] = field(repr=False, default_factory=list)
    #: Every dotted attribute chain read anywhere (``ssl.create_default_context``).
    attribute_uses: Set[str] = field(default_factory=set)
    #: Per ``try`` that guards imports (numbered as ``Binding.shim``): what its body
    #: imports, or None when the body does anything but import and define functions.
    import_tries: Dict[int, Optional[Tuple[str, ...]]] = field(default_factory=dict)
    #: The import-guarding ``try`` blocks (numbered as ``Binding.shim``) whose fallback
    #: reads a name the module imports from websockets outside that ``try``: a switch.
    switching_fallbacks: FrozenSet[int] = frozenset()
    #: Those whose every ImportError clause ends the program or the call (``raise``,
    #: ``sys.exit(1)``): the code after the ``try`` runs only where the body imported.
    stopping_fallbacks: FrozenSet[int] = frozenset()
    keyword_calls: List[KeywordCall] = field(default_factory=list)
    connection_reads: List[AttributeRead] = field(default_factory=list)
    #: Uses of a connection that only some releases' connections support, as
    #: :data:`CONNECTION_USES` names them: ``ws.send(msg, text=True)``, ``async with ws:``.
    connection_uses: List[AttributeRead] = field(default_factory=list)
    serve_runs: List[ServeRun] = field(default_factory=list)
    websockets_names: List[NameUse] = field(default_factory=list)
    #: The release below which the module stops itself at its top ("14.0"; see
    #: ``NameUse.stopped_below``): functions run only where it did not.
    websockets_stop: str = ""
    #: Every call of a stdlib TLS wrap (``wrap_socket``, ``wrap_bio``, whatever the
    #: receiver): the line of the name called, and whether it can only make a client's TLS
    #: socket (:func:`netfix_lint.facts_ast.client_wrap`).
    wrap_calls: List[Tuple[int, bool]] = field(default_factory=list)
    #: Branches that run only where the code's own TLS switch is off
    #: (:func:`netfix_lint.tls_flags.plain_ranges`): first line, last line, the test.
    plain_branches: List[Tuple[int, int, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Resolved:
    """What a dotted name refers to at some point of the module."""

    #: Qualified name ("builtins.ConnectionError", "ssl.SSLEOFError"); None if unknown.
    qualname: Optional[str]
    #: The binding may be absent or something else at run time (guarded or rebound import).
    maybe_missing: bool = False
    #: The import sits in a ``try`` that catches ImportError: the module may not exist.
    guarded: bool = False
    #: How the name was reached when not by a plain import of this module: "shim" (an
    #: ImportError shim whose first import always succeeds), or the path of the package
    #: module that binds it (:func:`netfix_lint.package_names.resolve_in_package`).
    via: str = ""


UNKNOWN = Resolved(None)


def lookup(scope: Scope, name: str) -> Optional[Tuple[Scope, List[Binding]]]:
    """Find the bindings a name refers to, following Python's scoping rules."""
    current: Optional[Scope] = scope
    first = True
    while current is not None:
        if name in current.global_names:
            current = current.module()
        if current.kind == "class" and not first:
            # Class bodies do not enclose the functions defined in them.
            current = current.parent
            continue
        if name in current.bindings:
            return current, current.bindings[name]
        current = current.parent
        first = False
    return None


def resolve(facts: ModuleFacts, scope: Scope, dotted: str, depth: int = 0) -> Resolved:
    """Resolve ``dotted`` through the module's imports; builtins get a ``builtins.`` prefix.

    A module-level or local alias (``connect = websockets.asyncio.client.connect``),
    bound once, is followed."""
    head, _, rest = dotted.partition(".")
    found = lookup(scope, head)
    if found is None:
        if head in BUILTIN_NAMES and not facts.has_star_import:
            return Resolved(f"builtins.{dotted}")
        # Undefined, or possibly rebound by ``from x import *``.
        return UNKNOWN
    owner, bindings = found
    # (A NameError fallback whose ``try`` names only builtins binds nothing: see facts_ast.)
    alias = bindings[0] if len(bindings) == 1 else None
    if (
        alias is not None
        and owner.kind in ("module", "function")
        and alias.kind == "assign"
        and not (alias.value_is_tuple or alias.value_is_collection)
        and alias.value
        and alias.value[0].dotted
        and depth < MAX_CONSTANT_DEPTH
    ):
        aliased = alias.value[0].dotted
        if owner.kind == "module" and aliased.partition(".")[0] == head:
            # ``BrokenPipeError = BrokenPipeError`` (a re-export): the right side is the
            # name as it was before this module bound it, a builtin.
            if head in BUILTIN_NAMES and not facts.has_star_import:
                return Resolved(f"builtins.{aliased}.{rest}" if rest else f"builtins.{aliased}")
            return UNKNOWN
        return resolve(facts, owner, f"{aliased}.{rest}" if rest else aliased, depth + 1)
    if all(b.kind == "def" for b in bindings):
        # A class or function of this module: known, and never a builtin or ssl class.
        return Resolved(f"<module>.{dotted}")
    if alias is not None and alias.kind == "assign" and alias.call and depth < MAX_CONSTANT_DEPTH:
        returned = _returned_import(facts, owner, alias.call, depth)
        if returned is not None:
            # ``websockets = _require_websockets()``: what the function returns.
            qualname = f"{returned.qualname}.{rest}" if rest else returned.qualname
            return Resolved(qualname, returned.maybe_missing, returned.guarded)
    imports = [b for b in bindings if b.kind == "import"]
    targets = {b.target for b in imports}
    if len(targets) != 1:
        return UNKNOWN
    (target,) = targets
    qualname = f"{target}.{rest}" if rest else target
    guarded = any(b.guarded for b in imports)
    unsure = guarded or len(imports) != len(bindings) or any(b.conditional for b in imports)
    return Resolved(qualname, unsure, guarded)


def _returned_import(facts: ModuleFacts, scope: Scope, call: str, depth: int) -> Optional[Resolved]:
    """What the module's own function ``call`` returns when every ``return`` gives the
    same imported name (``def _require_websockets(): import websockets ... return
    websockets``), else None."""
    if "." in call:
        return None
    found = lookup(scope, call)
    if found is None or len(found[1]) != 1 or found[1][0].kind != "def":
        return None
    function = found[0].children.get(call)
    if function is None or function.kind != "function" or not function.returns:
        return None
    answers = {
        resolve(facts, function, origin.copy, depth + 1) if origin.copy else UNKNOWN for origin in function.returns
    }
    if len(answers) != 1:
        return None
    (answer,) = answers
    return answer if answer.qualname is not None and not answer.qualname.startswith("<module>.") else None


#: Imports that succeed on every websockets release from 10.0 to 17.4 (FACTS.md section 2:
#: ``InvalidStatusCode`` still imports, with a DeprecationWarning from 14.0, and so does
#: the legacy client), so an ``except ImportError`` fallback after them never runs.
ALWAYS_IMPORTABLE = frozenset(
    {
        f"{module}.{name}"
        for module in ("websockets", "websockets.exceptions")
        for name in ("InvalidStatusCode", "InvalidStatus", "InvalidHandshake", "WebSocketException")
    }
    | {
        f"{module}.{name}"
        for module in ("websockets.client", "websockets.legacy.client")
        for name in ("connect", "unix_connect")
    }
    | {"websockets", "websockets.exceptions", "websockets.client", "websockets.legacy", "websockets.legacy.client"}
)


def resolve_shim(facts: ModuleFacts, scope: Scope, dotted: str) -> Resolved:
    """What ``dotted`` is when its head is bound by an import shim, ``try: from a import
    X`` / ``except ImportError: from b import X``, whose body always imports
    (:data:`ALWAYS_IMPORTABLE`): ``a.X``, the fallback never runs. UNKNOWN otherwise.

    The first binding must be an unconditional import straight in the body of a ``try``
    that holds nothing but such imports (and function definitions), and every other
    binding an import in one of that ``try``'s ImportError clauses: a binding in its
    ``else``, ``finally`` or after it would rebind the name."""
    head, _, rest = dotted.partition(".")
    found = lookup(scope, head)
    if found is None or len(found[1]) < 2:
        return UNKNOWN
    first, *others = sorted(found[1], key=lambda b: b.line)
    if first.kind != "import" or first.conditional or first.target not in ALWAYS_IMPORTABLE:
        return UNKNOWN
    if first.shim is None or first.shim[1] != "body":
        return UNKNOWN
    number = first.shim[0]
    body = facts.import_tries.get(number)
    if body is None or not all(target in ALWAYS_IMPORTABLE for target in body):
        return UNKNOWN
    if any(b.kind != "import" or b.shim != (number, "handler") for b in others):
        return UNKNOWN
    return Resolved(f"{first.target}.{rest}" if rest else first.target, via="shim")


@dataclass(frozen=True)
class CaughtName:
    """One class a clause catches, after following constants."""

    resolved: Resolved
    expr: Expr
    #: The tuple constant this name was found in, if any (the place a fix should edit).
    via_constant: Optional[Binding] = None


def expand_caught(facts: ModuleFacts, scope: Scope, exprs: List[Expr], depth: int = 0) -> List[CaughtName]:
    """Resolve a clause's expressions, following single-assignment tuple constants."""
    caught: List[CaughtName] = []
    for expr in exprs:
        if expr.dotted is None or expr.starred:
            caught.append(CaughtName(UNKNOWN, expr))
            continue
        constant = _constant_binding(scope, expr.dotted)
        if constant is not None and depth < MAX_CONSTANT_DEPTH:
            assert constant.value is not None
            for inner in expand_caught(facts, scope.module(), constant.value, depth + 1):
                via = inner.via_constant
                if via is None and constant.value_is_tuple:
                    via = constant
                caught.append(CaughtName(inner.resolved, inner.expr, via))
            continue
        caught.append(CaughtName(resolve(facts, scope, expr.dotted), expr))
    return caught


def _constant_binding(scope: Scope, dotted: str) -> Optional[Binding]:
    if "." in dotted:
        return None
    found = lookup(scope, dotted)
    if found is None:
        return None
    owner, bindings = found
    if owner.kind != "module" or len(bindings) != 1:
        return None
    binding = bindings[0]
    if binding.kind != "assign" or binding.value is None or binding.value_is_collection:
        return None
    return binding


def constant_elements(facts: ModuleFacts, scope: Scope, dotted: str) -> Optional[List[Expr]]:
    """The elements of a tuple, set or list constant named ``dotted`` (``NAME`` of the
    module or of the function around, or ``self.NAME`` / ``cls.NAME`` for a class
    attribute), if it has one known value."""
    head, _, rest = dotted.partition(".")
    if rest and head in ("self", "cls") and "." not in rest:
        owner: Optional[Scope] = scope
        while owner is not None and owner.kind != "class":
            owner = owner.parent
        bindings = owner.bindings.get(rest, []) if owner is not None else []
    elif not rest:
        found = lookup(scope, head)
        bindings = found[1] if found is not None and found[0].kind in ("module", "function") else []
    else:
        return None
    # ``X = (a, b)`` then ``X += (c,)`` (gevent's ignored_socket_errors): all of them.
    if not bindings or bindings[0].kind != "assign" or any(b.kind != "grow" for b in bindings[1:]):
        return None
    first = bindings[0]
    if not (first.value_is_tuple or first.value_is_collection):
        return None
    return [value for binding in bindings for value in binding.value or []]


def names_bound_anywhere(facts: ModuleFacts) -> Set[str]:
    names: Set[str] = set()
    for scope in facts.scopes:
        names.update(scope.bindings)
    return names
