"""What a module's package does with TLS, read off the text of all its modules.

``ssl.SSLEOFError`` reaches a drop handler only from a blocking ``ssl.SSLSocket``: one the
code wraps itself (``wrap_socket``, eventlet's ``wrap_ssl``), or one a client makes and
lets ssl errors out of: ``http.client``'s ``HTTPSConnection``, ``xmlrpc.client``,
``ftplib.FTP_TLS``, ``smtplib``/``imaplib``/``poplib`` over TLS,
``ssl.get_server_certificate``, websocket-client, ``websockets.sync``, pymemcache's
``tls_context``. asyncio and trio do TLS on memory BIOs and report a peer that hangs up
their own way; ``urllib.request`` wraps a failed request in ``URLError``; httpx,
requests, urllib3 and most drivers wrap the error in classes of their own.

So a package that sets TLS up (a context, certificates, verify modes), hands it to an
event loop (``ssl=`` in a module that imports asyncio, trio, anyio, websockets, aiohttp
or httpx) and makes no blocking TLS socket anywhere shows where its TLS goes, and it is
not where its drop handlers are: those guard plain sockets, pipes and proxies. Sanic
(asyncio servers, ``multiprocessing`` manager proxies) and SDKs on websockets and httpx
are such packages. The evidence for that must come from modules that are not tests
(``test_*.py``, ``*_test.py``, ``conftest.py``, folders named ``test``/``tests``);
blocking TLS counts from any module.

The package is the top-level import package: the folders above the module that hold an
``__init__.py``; every ``.py`` file below it is read (symbolic links followed, the
walk's default exclusions such as ``build`` and ``.venv`` skipped). A module outside any
package gives no such evidence (it answers alone), nor does a package with no TLS at all
that runs no socket itself (a library such as ``wsgiref`` is handed sockets its users
wrapped). A package with no TLS that serves, connects or listens itself
(:data:`OWN_SOCKETS`) runs plain sockets: its handlers guard those. Matches in ``#`` comments do not
count; a mention in a string or docstring does, which errs towards reporting when it
names a blocking API.

Limits: a context handed to a blocking client this list does not know, or a socket that
a user wraps and hands to a package whose own TLS is asyncio's, is not seen.

Also here: whether TLS is in sight of a module (:func:`tls_in_sight`), and how a
package is found and walked (shared with :mod:`netfix_lint.package_names`). Nothing is
remembered here: the caller hands in the dictionaries a run keeps its scans in
(:class:`netfix_lint.package.PackageMemory`).
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from typing import Dict, FrozenSet, Iterator, List, Optional, Set, Tuple

from .package_stamps import BLOCKING as BLOCKING
from .package_stamps import ELSEWHERE as ELSEWHERE
from .package_stamps import NO_TLS as NO_TLS
from .package_stamps import OWN_SOCKETS as OWN_SOCKETS
from .package_stamps import VERDICTS as VERDICTS
from .package_stamps import TlsVerdict as TlsVerdict
from .package_stamps import package_root as package_root
from .package_stamps import walk_modules as walk_modules

#: A blocking ``ssl.SSLSocket``, or a client that lets ssl errors out of one.
_TRAVELS = (
    "wrap_socket",
    "wrap_ssl",
    "SSLSocket",
    "HTTPSConnection",
    "HTTPSHandler",
    "HTTPSServer",
    "SafeTransport",
    "ServerProxy",
    "xmlrpc.client",
    "xmlrpclib",
    "get_server_certificate",
    "FTP_TLS",
    "SMTP_SSL",
    "IMAP4_SSL",
    "POP3_SSL",
    "NNTP_SSL",
    "starttls",
    "stls",
    "websockets.sync",
    "tls_context",
)
#: websocket-client, found by its import (``websocket``, not ``websockets``).
_WEBSOCKET_CLIENT = re.compile(
    r"^[ \t]*(?:import[ \t]+websocket\b(?!s)|from[ \t]+websocket(?:\.\w+)*[ \t]+import\b)", re.MULTILINE
)
#: Setting TLS up: making a context, loading certificates, choosing verify modes (a
#: name imported for a type hint, ``from ssl import SSLContext``, is not that).
_SETS_UP = (
    "SSLContext(",
    "create_default_context",
    "_create_unverified_context",
    "load_cert_chain",
    "load_verify_locations",
    "CERT_NONE",
    "CERT_OPTIONAL",
    "CERT_REQUIRED",
    "PROTOCOL_TLS",
    "PROTOCOL_TLS_CLIENT",
    "PROTOCOL_TLS_SERVER",
    "PROTOCOL_TLSv1",
    "PROTOCOL_TLSv1_1",
    "PROTOCOL_TLSv1_2",
    "PROTOCOL_SSLv23",
)
#: Handing a context to an event loop's TLS: ``ssl=`` (a keyword or a dict key) in a
#: module that imports one of these.
_HANDS_TO_LOOP = re.compile(r"\bssl[ \t]*=(?!=)|[\"']ssl[\"'][ \t]*:")
_EVENT_LOOPS = re.compile(
    r"^[ \t]*(?:import|from)[ \t]+(?:asyncio|trio|anyio|websockets|aiohttp|httpx)\b", re.MULTILINE
)
#: Running a socket of one's own: a server's loop (``httpd.serve_forever()``, whatever
#: the module imports), or a connection or a listener (a call with no argument or a
#: backlog) in a module that imports the stdlib's sockets or socket servers.
_SERVES = re.compile(r"\.serve_forever\(")
_RUNS_OWN = re.compile(r"\.serve_forever\(|\bcreate_connection\(|\.listen\([ \t]*\d*[ \t]*\)")
_IMPORTS_SOCKETS = re.compile(
    r"^[ \t]*(?:import|from)[ \t]+(?:socket|socketserver|http\.server|xmlrpc\.server)\b", re.MULTILINE
)
_MAIN_GUARD = re.compile(r"^if[ \t(]+__name__[ \t]*==[ \t]*[\"']__main__[\"']", re.MULTILINE)
_TEST_FILE = re.compile(r"^(?:test_.*|.*_test|conftest)\.py$")
_TEST_FOLDERS = frozenset({"test", "tests", "testing"})


def _found(words: Tuple[str, ...], text: str) -> bool:
    """One of ``words`` stands in ``text`` as a name (not inside a longer one), outside
    ``#`` comments. ``str.find`` per word: a regular expression of alternatives would be
    tried at every position, ten times slower over a large package."""
    return _first(words, text) is not None


#: The words of blocking TLS (:data:`_TRAVELS`), for a check of a module's code names.
TRAVELS: Tuple[str, ...] = _TRAVELS


def travel_word(text: str, words: Tuple[str, ...] = _TRAVELS) -> Optional[Tuple[str, int]]:
    """The first word of blocking TLS the text names (see :func:`travels`; only
    ``words`` of them if given) and its line, for a finding's evidence; None when there
    is none (or only websocket-client's)."""
    found = [hit for hit in (_first((word,), text) for word in words) if hit is not None]
    if not found:
        return None
    at, word = min(found)
    return word, text.count("\n", 0, at) + 1


def code_travel_word(text: str) -> Optional[Tuple[str, int]]:
    """As :func:`travel_word`, for words the code uses (a name, an attribute, a
    parameter, a keyword, an import), not text in a string or a comment; the line of the
    first such use."""
    return code_word(text, _TRAVELS)


def code_word(text: str, words: Tuple[str, ...]) -> Optional[Tuple[str, int]]:
    """The first of ``words`` (names, or ``module.name``) the code of ``text`` uses, not
    in a string or a comment, and its line."""
    if _first(words, text) is None:
        return None  # the cheap test first: most modules name none
    code = code_only(text)
    hits = [hit for hit in (_first((word,), code) for word in words) if hit is not None]
    if not hits:
        return None
    at, word = min(hits)
    return word, code.count("\n", 0, at) + 1


#: A comment or a string literal with its prefix. An unterminated one runs to the end of
#: its line (or of the text, for triple quotes).
_NOT_CODE = re.compile(
    r"#[^\n]*"
    r"|(?<![\w])[rRbBuUfF]{0,2}(?:"
    r'"""(?:[^"\\]+|\\.|"(?!""))*(?:"""|\Z)'
    r"|'''(?:[^'\\]+|\\.|'(?!''))*(?:'''|\Z)"
    r'|"(?:[^"\\\n]+|\\.)*(?:"|$)'
    r"|'(?:[^'\\\n]+|\\.)*(?:'|$))",
    re.DOTALL | re.MULTILINE,
)


def _blank(match: re.Match[str]) -> str:
    # A space keeps the names on either side apart; the newlines keep the line numbers.
    return " " + "\n" * match.group().count("\n")


def code_only(text: str) -> str:
    """``text`` with its comments and string literals blanked out, lines kept: one
    regular expression in C where Python's ``tokenize`` took 50 ms for a 50 kB module.
    An f-string counts as a string, on every Python (3.12's tokenizer splits them)."""
    return _NOT_CODE.sub(_blank, text)


def without_comments(text: str) -> str:
    """``text`` with its comments blanked out and its strings kept (``getattr(ws,
    "state")`` names the attribute in one)."""
    return _NOT_CODE.sub(lambda m: _blank(m) if m.group().startswith("#") else m.group(), text)


def _first(words: Tuple[str, ...], text: str) -> Optional[Tuple[int, str]]:
    """Where the first of ``words`` found stands as a name outside comments, and which."""
    for word in words:
        at = text.find(word)
        while at >= 0:
            end = at + len(word)
            before = text[at - 1 : at]
            after = text[end : end + 1] if word[-1].isalnum() or word[-1] == "_" else ""
            if not _is_name_char(before) and not _is_name_char(after):
                if not _in_comment(text[text.rfind("\n", 0, at) + 1 : at]):
                    return at, word
            at = text.find(word, end)
    return None


def _in_comment(before: str) -> bool:
    """Whether a ``#`` outside quotes comes before, on the line (a good guess: it does
    not follow strings across lines)."""
    quote = ""
    for char in before:
        if quote:
            if char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char == "#":
            return True
    return False


def _is_name_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def travels(text: str) -> bool:
    """The text makes a blocking TLS socket, or a client that lets ssl errors out of one:
    its code uses one of the words, not a string or a comment (a lexer's list of a
    language's builtins names ``wrap_socket``)."""
    return code_word(text, _TRAVELS) is not None or uses_websocket_client(text)


def uses_websocket_client(text: str) -> bool:
    """The text imports websocket-client (``websocket``, not ``websockets``)."""
    return "websocket" in text and _WEBSOCKET_CLIENT.search(text) is not None


@dataclass
class _Module:
    travels: bool
    #: Sets TLS up and hands a context to an event loop; False in tests.
    sets_up: bool
    hands_to_loop: bool
    #: The line where it runs a socket of its own (:data:`OWN_SOCKETS`); 0 if none or a test.
    runs_own: int = 0


def runs_own_sockets(text: str) -> int:
    """The first line where ``text`` runs a socket of its own (see :data:`OWN_SOCKETS`),
    before any ``if __name__ == "__main__":`` block; 0 if it does not."""
    pattern = _RUNS_OWN if _IMPORTS_SOCKETS.search(text) else _SERVES
    guard = _MAIN_GUARD.search(text)
    end = guard.start() if guard else len(text)
    for match in pattern.finditer(text, 0, end):
        if not _in_comment(text[text.rfind("\n", 0, match.start()) + 1 : match.start()]):
            return text.count("\n", 0, match.start()) + 1
    return 0


@dataclass
class Scan:
    """What the modules of one package show."""

    #: A module with blocking TLS: reading stops at two, so that one is not the asker.
    travels: List[str] = field(default_factory=list)
    modules: Dict[str, _Module] = field(default_factory=dict)


def is_test(root: str, path: str) -> bool:
    folders = os.path.relpath(os.path.dirname(path), root).split(os.sep)
    return bool(_TEST_FILE.match(os.path.basename(path))) or any(f in _TEST_FOLDERS for f in folders)


def _module(root: str, path: str, text: str) -> _Module:
    if is_test(root, path):
        return _Module(travels(text), False, False)
    loop = _EVENT_LOOPS.search(text) is not None and _HANDS_TO_LOOP.search(text) is not None
    return _Module(travels(text), _found(_SETS_UP, text), loop, runs_own_sockets(text))


#: A module larger than this is no source a package is made of (``/dev/zero`` behind a
#: link named ``.py``): it shows nothing.
MAX_MODULE_BYTES = 16 * 1024 * 1024


def read_module(path: str) -> Optional[str]:
    """The text of the module file at ``path``; None for what is no readable source."""
    try:
        with open(path, "rb") as handle:
            status = os.fstat(handle.fileno())
            if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_MODULE_BYTES:
                return None  # a FIFO would block, a device would not end
            return handle.read(MAX_MODULE_BYTES + 1).decode("utf-8-sig", "replace")
    except OSError:
        return None  # unreadable: it shows nothing


def module_texts(root: str) -> Iterator[Tuple[str, str]]:
    """Each readable module file below the package folder ``root`` and its text."""
    for path in walk_modules(root):
        text = read_module(path)
        if text is not None:
            yield path, text


def _scan(root: str, scans: Dict[str, Scan]) -> Scan:
    if root not in scans:
        scan = Scan()
        for path, text in module_texts(root):
            module = scan.modules[path] = _module(root, path, text)
            if module.travels:
                scan.travels.append(path)
                if len(scan.travels) == 2:
                    break
        scans[root] = scan
    return scans[root]


def tls_verdict(path: str, text: str, scans: Dict[str, Scan]) -> Tuple[TlsVerdict, Optional[str], str]:
    """BLOCKING, ELSEWHERE, OWN_SOCKETS or NO_TLS for the package of the module at
    ``path`` whose text is ``text`` (which may differ from the file's: stdin, a fix in
    progress), the package folder the answer rests on ("" outside a package; None when
    the module's own text decided, whatever the rest of the package does), and the
    witness: the other module whose blocking TLS made it BLOCKING, or the first that runs
    a socket of its own for OWN_SOCKETS, as a path from the package's parent folder (""
    if none). Outside a package, the module alone answers and ELSEWHERE becomes NO_TLS.
    ``scans``: the packages read so far."""
    if travels(text):
        return BLOCKING, None, ""
    root = package_root(path) if os.path.isfile(path) else None
    if root is None:
        return (OWN_SOCKETS if runs_own_sockets(text) else NO_TLS), "", ""
    own = os.path.abspath(path)
    scan = _scan(root, scans)
    modules = dict(scan.modules)
    modules[own] = _module(root, own, text)
    others = [module for module in scan.travels if module != own]
    if others:
        witness = os.path.relpath(others[0], os.path.dirname(root)).replace(os.sep, "/")
        return BLOCKING, root, witness
    if any(m.sets_up for m in modules.values()) and any(m.hands_to_loop for m in modules.values()):
        return ELSEWHERE, root, ""
    runner = next((where for where in sorted(modules) if modules[where].runs_own), None)
    if runner is not None and not any(m.sets_up for m in modules.values()):
        return OWN_SOCKETS, root, os.path.relpath(runner, os.path.dirname(root)).replace(os.sep, "/")
    return NO_TLS, root, ""


# -- blocking TLS linked to a module by imports ------------------------------------------

#: The name under which the results cache keeps :func:`linked_travels`' answer, beside
#: :data:`netfix_lint.package_words.QUESTIONS`'.
TLS_LINK = "blocking TLS linked by imports"


@dataclass
class Links:
    """A package's modules (dotted names) as :func:`linked_travels` reads them."""

    paths: Dict[str, str] = field(default_factory=dict)
    imports: Dict[str, Set[str]] = field(default_factory=dict)
    travels: Set[str] = field(default_factory=set)
    #: Module -> the modules it runs code of (:func:`_edges`), and the reverse: made once
    #: per package and run, not once per module that asks (a package of thousands).
    edges: Dict[str, Set[str]] = field(default_factory=dict)
    callers: Dict[str, Set[str]] = field(default_factory=dict)
    #: Module with blocking TLS -> the modules that reach it along imports, and those it
    #: reaches: one walk each way per such module, not one per module that asks.
    toward: Optional[Dict[str, Set[str]]] = None
    away: Dict[str, Set[str]] = field(default_factory=dict)
    #: Package -> name -> the modules its ``__init__.py`` imports the name from.
    reexports: Dict[str, Dict[str, Set[str]]] = field(default_factory=dict)


def _links(root: str, links: Dict[str, Links]) -> Links:
    if root not in links:
        found = Links()
        for path, text in module_texts(root):
            name = dotted_module(root, path)
            found.paths[name] = path
            found.imports[name] = imports_of(root, path, text)
            if travels(text):
                found.travels.add(name)
        for name, imported in found.imports.items():
            found.edges[name] = _edges(found, name, imported)
            for target in found.edges[name]:
                found.callers.setdefault(target, set()).add(name)
        links[root] = found
    return links[root]


def _edges(graph: Links, name: str, imported: Set[str]) -> Set[str]:
    """The modules of the package a module that imports ``imported`` runs code of: those
    it names, and, for a name a package's ``__init__.py`` re-exports (``from app import
    Client``), the module that ``__init__.py`` takes it from."""
    edges: Set[str] = set()
    for dotted in imported:
        if dotted in graph.paths:
            edges.add(dotted)
            continue
        base, _, last = dotted.rpartition(".")
        edges.update(_reexports(graph, base).get(last, ()))
    edges.discard(name)
    return edges


def _module_edges(graph: Links, name: str, imported: Set[str], plain: Set[str]) -> Set[str]:
    """:func:`_edges`, and for ``import app`` (``plain``: the modules a plain ``import``
    statement names) then ``app.open_secure()``, any module ``app/__init__.py`` takes a
    name from."""
    edges = _edges(graph, name, imported)
    for package in graph.paths.keys() & plain:
        for sources in _reexports(graph, package).values():
            edges |= sources
    edges.discard(name)
    return edges


def _reexports(graph: Links, base: str) -> Dict[str, Set[str]]:
    """For the package ``base`` (an ``__init__.py``), each name it imports from a module
    of the package and that module: indexed once per package (an ``__init__.py`` that
    re-exports thousands of names, each imported by thousands of modules)."""
    if base not in graph.reexports:
        index: Dict[str, Set[str]] = {}
        if base in graph.paths and graph.paths[base].endswith("__init__.py"):
            for other in graph.imports.get(base, ()):
                source, _, last = other.rpartition(".")
                if source in graph.paths and source != base:
                    index.setdefault(last, set()).add(source)
        graph.reexports[base] = index
    return graph.reexports[base]


def linked_travels(path: str, text: str, links: Dict[str, Links]) -> Tuple[str, str]:
    """The package folder of the module at ``path`` ("" outside a package) and the first
    other module of it with blocking TLS (:func:`travels`) that the module's code is
    linked to by imports, as a path from the package's parent folder ("" if none). A
    socket another module wraps reaches a ``try`` along calls: the module calls into the
    wrapping module (it imports it, or imports a module that does), or the wrapping
    module calls into it (and may hand it the socket). A package's ``__init__.py`` links
    nothing onwards: it imports most of the package, so every module would be linked to
    every other through it; a name it re-exports links to the module it comes from.
    ``text``: the module's own text (stdin, a fix in progress); ``links``: the packages
    read so far."""
    root = package_root(path) if os.path.isfile(path) else None
    if root is None:
        return "", ""
    graph = _links(root, links)
    own = dotted_module(root, os.path.abspath(path))
    # The module's own imports from ``text``, which may differ from its file's; what it
    # imports as the file is read stays among the callers, which a walk back from it
    # never follows.
    mine = _module_edges(graph, own, imports_of(root, os.path.abspath(path), text), _plain_imports(text))
    found = _linked(graph, own, mine)
    if found is None:
        return root, ""
    return root, os.path.relpath(graph.paths[found], os.path.dirname(root)).replace(os.sep, "/")


def _linked(graph: Links, own: str, mine: Set[str]) -> Optional[str]:
    """:func:`_linked_from`, from walks made once per package: ``own`` reaches a module
    with blocking TLS through one of its imports (``mine``) that is it, or that reaches it
    and is no ``__init__.py``; or that module reaches ``own``."""
    if graph.toward is None:
        graph.toward = {name: _walk(name, graph.callers, graph) for name in graph.travels}
        graph.away = {name: _walk(name, graph.edges, graph) for name in graph.travels}
    for name in sorted(graph.travels - {own}):
        if own in graph.away[name]:
            return name
        toward = graph.toward[name]
        if any(m == name or (m in toward and not graph.paths[m].endswith("__init__.py")) for m in mine):
            return name
    return None


def _linked_from(graph: Links, own: str, mine: Set[str]) -> Optional[str]:
    """The first other module with blocking TLS linked to ``own``, whose imports are
    ``mine``: reached on along imports, or back along callers (walked from ``own``: what
    :func:`_linked` answers from walks made once, and the property test's reference)."""
    linked = _walk(own, graph.edges, graph, mine) | _walk(own, graph.callers, graph)
    return min(graph.travels & linked - {own}, default=None)


def _plain_imports(text: str) -> Set[str]:
    """The modules an ``import a.b`` statement of the text names (not ``from`` imports)."""
    names: Set[str] = set()
    for match in _IMPORT.finditer(_COMMENT.sub("", text)):
        for part in (match.group(3) or "").split(","):
            dotted = part.split(" as ")[0].strip()
            if dotted:
                names.add(dotted)
    return names


def _walk(start: str, edges: Dict[str, Set[str]], graph: Links, first: Optional[Set[str]] = None) -> Set[str]:
    """The modules reached from ``start`` along ``edges`` (``first``: the start's own, if
    given), going on from no ``__init__.py``."""
    seen, todo = {start}, [start]
    while todo:
        at = todo.pop()
        for name in first if at == start and first is not None else edges.get(at, ()):
            if name not in seen:
                seen.add(name)
                if not graph.paths[name].endswith("__init__.py"):
                    todo.append(name)
    return seen


# -- the TLS servers of a package --------------------------------------------------------

#: A server-side wrap, or one that may be: a module that makes a TLS server
#: (``ctx.wrap_socket(httpd.socket, server_side=True)``, ``server_side=tls``, or
#: ``ctx.wrap_socket(httpd.socket, True)`` by position).
_SERVER_SIDE = re.compile(
    r"\bserver_side[ \t]*=[ \t]*(?!False\b|=)|\bwrap_socket\([ \t]*[^,()=]+,[ \t]*[^,()=\s]+[ \t]*[,)]"
)
_WORD = re.compile(r"(?<!\w)[^\W\d]\w*")


def tls_servers(
    root: str, servers: Dict[str, Dict[str, Tuple[FrozenSet[str], FrozenSet[str]]]]
) -> Dict[str, Tuple[FrozenSet[str], FrozenSet[str]]]:
    """The modules of the package folder ``root`` (tests aside) that wrap a server's
    socket in TLS, each with what it imports (:func:`imports_of`) and the names its code
    uses (strings and comments aside); ``servers``: the packages read so far."""
    if root not in servers:
        found: Dict[str, Tuple[FrozenSet[str], FrozenSet[str]]] = {}
        for path in walk_modules(root):
            if is_test(root, path):
                continue
            text = read_module(path)
            if text is None or not _SERVER_SIDE.search(_COMMENT.sub("", text)):
                continue
            found[path] = (frozenset(imports_of(root, path, text)), _code_names(text))
        servers[root] = found
    return servers[root]


def _code_names(text: str) -> FrozenSet[str]:
    """The names a module's code uses (not its strings or comments)."""
    return frozenset(_WORD.findall(code_only(text)))


#: For :func:`served_in_tls`: any class, that is any other module that makes a TLS server.
ANY_CLASS = "*"


def _defined_elsewhere(root: str, own: str, class_name: str) -> bool:
    """A module of the package folder ``root`` other than ``own`` has ``class
    class_name`` (a re-export above both could be either)."""
    pattern = re.compile(rf"^[ \t]*class[ \t]+{re.escape(class_name)}\b", re.MULTILINE)
    for path in walk_modules(root):
        if path != own:
            text = read_module(path)
            if text is not None and pattern.search(text):
                return True
    return False


def served_in_tls(
    path: str, class_name: str, servers: Dict[str, Dict[str, Tuple[FrozenSet[str], FrozenSet[str]]]]
) -> Tuple[str, str]:
    """The package folder of the module at ``path`` ("" outside a package) and the first
    other module of it that imports the class ``class_name`` from that module (``from
    .handler import Handler``, or ``import app.handler`` and ``handler.Handler``) and
    wraps a server's socket in TLS, as a path from the package's parent folder ("" if
    none): the request handler class serves that server's TLS connections. With
    ``ANY_CLASS``, the first other module that wraps a server's socket at all."""
    root = package_root(path) if os.path.isfile(path) else None
    if root is None:
        return "", ""
    own = os.path.abspath(path)
    module = dotted_module(root, own)
    # The class as the module names it, or as a package above it re-exports it (``from
    # app.web import Handler`` for app/web/handler.py: an ``__init__`` import or shim),
    # when no other module of the package defines a class of that name.
    parts = module.split(".")
    above = {".".join(parts[:end] + [class_name]) for end in range(1, len(parts) - 1 + 1)} - {f"{module}.{class_name}"}
    for other, (imports, names) in sorted(tls_servers(root, servers).items()):
        if other == own:
            continue
        if class_name == ANY_CLASS:
            return root, os.path.relpath(other, os.path.dirname(root)).replace(os.sep, "/")
        if class_name not in names:
            continue
        direct = f"{module}.{class_name}" in imports or module in imports
        if direct or (above & imports and not _defined_elsewhere(root, own, class_name)):
            return root, os.path.relpath(other, os.path.dirname(root)).replace(os.sep, "/")
    return root, ""


# -- TLS in sight of a module ------------------------------------------------------------

#: Words that show a module knows about TLS: ``import ssl``, ``ssl_context``, ``is_ssl``,
#: ``starttls``, ``HTTPSConnection``, ``"wss://"``... (any case, outside ``#`` comments).
_TLS_WORDS = ("ssl", "tls", "https", "wss")
#: An import statement: ``from <module> import <names>`` (parentheses across lines
#: included) or ``import <modules>``, at the start of a line or after ``;`` or ``:``
#: (``try: import x``), read from text whose comments and continuations are removed.
_IMPORT = re.compile(
    r"(?:^|[;:])[ \t]*(?:from(?:[ \t]+|(?=\.))(\.*[\w.]*)[ \t]*import\b[ \t]*(\([^)]*\)|[^\n;]*)|import[ \t]+([^\n;]*))",
    re.MULTILINE,
)
_COMMENT = re.compile(r"#[^\n]*")


def shows_tls(text: str) -> bool:
    """The text names TLS somewhere outside ``#`` comments (a docstring counts: that errs
    towards reporting)."""
    lower = text.lower()
    for word in _TLS_WORDS:
        at = lower.find(word)
        while at >= 0:
            if not _in_comment(text[text.rfind("\n", 0, at) + 1 : at]):
                return True
            at = lower.find(word, at + len(word))
    return False


def tls_in_sight(path: str, text: str, sights: Dict[str, Set[str]]) -> bool:
    """Whether TLS is in sight of the module at ``path`` whose text is ``text``: the module
    names TLS itself (:func:`shows_tls`), or a module of its package that names TLS
    imports it (``import top.mod``, ``from top import mod``, ``from .mod import f``), and
    so may hand it TLS sockets; importing a package counts as importing what its
    ``__init__.py`` imports. Out of sight, an errno test guards sockets the module's own
    code makes plain, or that nobody in its package wraps. Outside a package (text
    that is no file, stdin without ``--stdin-filename`` naming a file in one), the module
    alone answers. ``sights``: per top-level package folder read so far, the dotted
    names of the modules that its modules which show TLS import."""
    if shows_tls(text):
        return True
    root = package_root(path) if os.path.isfile(path) else None
    return root is not None and dotted_module(root, os.path.abspath(path)) in _imported_near_tls(root, sights)


def _imported_near_tls(root: str, sights: Dict[str, Set[str]]) -> Set[str]:
    if root not in sights:
        imported: Set[str] = set()
        #: What each package's __init__.py imports: a module that imports the package
        #: reaches what it re-exports (``from .plain import send`` there, ``app.send``).
        reexports: Dict[str, Set[str]] = {}
        for path, text in module_texts(root):
            names = (
                imports_of(root, path, text) if shows_tls(text) or os.path.basename(path) == "__init__.py" else set()
            )
            if os.path.basename(path) == "__init__.py":
                reexports[dotted_module(root, path)] = names
            if shows_tls(text):
                imported.update(names)
        pending = [name for name in imported if name in reexports]
        while pending:
            for name in reexports.pop(pending.pop(), set()) - imported:
                imported.add(name)
                if name in reexports:
                    pending.append(name)
        sights[root] = imported
    return sights[root]


def imports_of(root: str, path: str, text: str) -> Set[str]:
    """The dotted names of the modules (and of the names in them) that the module at
    ``path``, in the top-level package at ``root``, imports; relative imports resolved.
    Read off the text, so an import in a string counts too (that errs towards
    reporting)."""
    package = dotted_module(root, path)
    if os.path.basename(path) != "__init__.py":
        package = package.rpartition(".")[0]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _COMMENT.sub("", text).replace("\\\n", " ")
    top = os.path.basename(root)
    names: Set[str] = set()
    for match in _IMPORT.finditer(text):
        source, imported, modules = match.groups()
        if modules is not None:
            for part in modules.split(","):
                dotted = part.split(" as ")[0].strip()
                while dotted:
                    names.add(dotted)
                    dotted = dotted.rpartition(".")[0]
            continue
        dots = len(source) - len(source.lstrip("."))
        base = source[dots:]
        if dots:
            parent = package
            for _ in range(dots - 1):
                parent = parent.rpartition(".")[0]
            base = f"{parent}.{base}" if base else parent
        names.add(base)
        for part in imported.strip().strip("()").split(","):
            name = part.split(" as ")[0].strip()
            if name.isidentifier():
                names.add(f"{base}.{name}")
    # The top-level package named from a namespace folder above it (``ns.lib.plain``
    # for package ``lib``): the rest of the name is the module's.
    for name in list(names):
        parts = name.split(".")
        if top in parts[1:]:
            names.add(".".join(parts[parts.index(top, 1) :]))
    return names


def dotted_module(root: str, path: str) -> str:
    """``top.core.compat`` for ``<...>/top/core/compat.py`` (or ``compat/__init__.py``)."""
    relative = os.path.relpath(os.path.splitext(path)[0], os.path.dirname(root))
    parts = relative.split(os.sep)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
