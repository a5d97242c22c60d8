"""What a module's package tells the rules: what it does with TLS, read off the text of
all its modules, and what a name imported from another of its modules is
(:func:`resolve_in_package`, below).

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
package gives no such evidence, nor does a package with no TLS at all (a library such as
``wsgiref`` is handed sockets its users wrapped). Matches in ``#`` comments do not
count; a mention in a string or docstring does, which errs towards reporting when it
names a blocking API.

Limits: a context handed to a blocking client this list does not know, or a socket that
a user wraps and hands to a package whose own TLS is asyncio's, is not seen.

Verdicts are worked out once per package and process, lazily: rules ask only about a
finding they would otherwise report. A cached result that asked keeps the verdict, and
each warm run reads the package again to confirm it (:mod:`netfix_lint.cache`).
"""

from __future__ import annotations

import os
import re
import stat
import time
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional, Sequence, Set, Tuple

#: Somewhere in the package TLS runs on a blocking socket: SSLEOFError may reach any
#: drop handler of it.
BLOCKING = "blocking"
#: The package sets TLS up and never on a blocking socket.
ELSEWHERE = "elsewhere"
#: No TLS in the package: its users may hand it sockets they wrapped.
NO_TLS = "none"

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
_TEST_FILE = re.compile(r"^(?:test_.*|.*_test|conftest)\.py$")
_TEST_FOLDERS = frozenset({"test", "tests", "testing"})


def _found(words: Tuple[str, ...], text: str) -> bool:
    """One of ``words`` stands in ``text`` as a name (not inside a longer one), outside
    ``#`` comments. ``str.find`` per word: a regular expression of alternatives would be
    tried at every position, ten times slower over a large package."""
    for word in words:
        at = text.find(word)
        while at >= 0:
            end = at + len(word)
            before = text[at - 1 : at]
            after = text[end : end + 1] if word[-1].isalnum() or word[-1] == "_" else ""
            if not _is_name_char(before) and not _is_name_char(after):
                if not _in_comment(text[text.rfind("\n", 0, at) + 1 : at]):
                    return True
            at = text.find(word, end)
    return False


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


def _travels(text: str) -> bool:
    if _found(_TRAVELS, text):
        return True
    return "websocket" in text and _WEBSOCKET_CLIENT.search(text) is not None


def package_root(path: str) -> Optional[str]:
    """The folder of the top-level package ``path`` belongs to; None outside a package."""
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isfile(os.path.join(folder, "__init__.py")):
        return None
    while True:
        parent = os.path.dirname(folder)
        if parent == folder or not os.path.isfile(os.path.join(parent, "__init__.py")):
            return folder
        folder = parent


@dataclass
class _Module:
    travels: bool
    #: Sets TLS up and hands a context to an event loop; False in tests.
    sets_up: bool
    hands_to_loop: bool


@dataclass
class _Scan:
    """What the modules of one package show."""

    #: A module with blocking TLS: reading stops at two, so that one is not the asker.
    travels: List[str] = field(default_factory=list)
    modules: Dict[str, _Module] = field(default_factory=dict)


@dataclass
class Consulted:
    """What a check of one module learnt from other files: its result holds while a
    fresh look gives the same answers (:func:`still_holds`)."""

    #: (package folder or "", verdict) if a rule asked what the package does with TLS.
    tls: Optional[Tuple[str, str]] = None
    #: Imported name (as the module spells its target) -> what the package binds it to
    #: ("" for nothing known), for each name a rule followed into the package.
    names: Dict[str, str] = field(default_factory=dict)
    #: The stamps (:func:`file_stamp`) of the files those answers rest on: while they are
    #: the same, the answers are too, and a warm run need not read the files again.
    files: Dict[str, List[int]] = field(default_factory=dict)
    #: Whether TLS is in sight of the module (:func:`tls_in_sight`), if a rule asked.
    sight: Optional[bool] = None

    def data(self) -> List[object]:
        """As plain JSON data, for the results cache."""
        return [None if self.tls is None else list(self.tls), dict(self.names), dict(self.files), self.sight]

    @classmethod
    def from_data(cls, data: Sequence[object]) -> Consulted:
        """The inverse of :meth:`data`; TypeError for another shape."""
        if len(data) != 4:
            raise TypeError("not consulted data")
        tls, names, files, sight = data
        if not isinstance(names, dict) or not isinstance(files, dict) or not (sight is None or isinstance(sight, bool)):
            raise TypeError("not consulted data")
        if not (tls is None or (isinstance(tls, list) and len(tls) == 2)):
            raise TypeError("not consulted data")
        pair = None if tls is None else (str(tls[0]), str(tls[1]))
        try:
            stamps = {str(k): [int(n) for n in v] for k, v in files.items()}
        except (ValueError, OverflowError) as error:  # NaN, Infinity
            raise TypeError("not consulted data") from error
        return cls(pair, {str(k): str(v) for k, v in names.items()}, stamps, sight)


_SCANS: Dict[str, _Scan] = {}
#: path -> what rules asked about it beyond its own text, since the last
#: take_consulted(path).
_CONSULTED: Dict[str, Consulted] = {}


def _modules(root: str) -> Iterable[str]:
    from .files import DEFAULT_EXCLUDE

    skipped = {name for name in DEFAULT_EXCLUDE if "*" not in name}
    seen: Set[str] = set()
    for folder, subfolders, names in os.walk(root, followlinks=True):
        real = os.path.realpath(folder)
        if real in seen:  # a link back up the tree
            subfolders[:] = []
            continue
        seen.add(real)
        subfolders[:] = sorted(
            d
            for d in subfolders
            if d not in skipped
            and not d.endswith(".egg-info")
            and not os.path.isfile(os.path.join(folder, d, "pyvenv.cfg"))
        )
        for name in sorted(names):
            if name.endswith(".py"):
                yield os.path.join(folder, name)


def _is_test(root: str, path: str) -> bool:
    folders = os.path.relpath(os.path.dirname(path), root).split(os.sep)
    return bool(_TEST_FILE.match(os.path.basename(path))) or any(f in _TEST_FOLDERS for f in folders)


def _module(root: str, path: str, text: str) -> _Module:
    if _is_test(root, path):
        return _Module(_travels(text), False, False)
    loop = _EVENT_LOOPS.search(text) is not None and _HANDS_TO_LOOP.search(text) is not None
    return _Module(_travels(text), _found(_SETS_UP, text), loop)


#: A module larger than this is no source a package is made of (``/dev/zero`` behind a
#: link named ``.py``): it shows nothing.
MAX_MODULE_BYTES = 16 * 1024 * 1024


def _read(path: str) -> Optional[str]:
    try:
        with open(path, "rb") as handle:
            status = os.fstat(handle.fileno())
            if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_MODULE_BYTES:
                return None  # a FIFO would block, a device would not end
            return handle.read(MAX_MODULE_BYTES + 1).decode("utf-8-sig", "replace")
    except OSError:
        return None  # unreadable: it shows nothing


def _scan(root: str) -> _Scan:
    if root not in _SCANS:
        scan = _Scan()
        for path in _modules(root):
            text = _read(path)
            if text is None:
                continue
            module = scan.modules[path] = _module(root, path, text)
            if module.travels:
                scan.travels.append(path)
                if len(scan.travels) == 2:
                    break
        _SCANS[root] = scan
    return _SCANS[root]


def tls_verdict(path: str, text: str) -> str:
    """BLOCKING, ELSEWHERE or NO_TLS for the package of the module at ``path`` whose text
    is ``text`` (which may differ from the file's: stdin, a fix in progress). Outside a
    package, the module alone answers and ELSEWHERE becomes NO_TLS."""
    if _travels(text):
        return BLOCKING  # whatever the rest of the package does
    root = package_root(path) if os.path.isfile(path) else None
    if root is None:
        verdict = NO_TLS
    else:
        own = os.path.abspath(path)
        scan = _scan(root)
        modules = dict(scan.modules)
        modules[own] = _module(root, own, text)
        if any(module != own for module in scan.travels):
            verdict = BLOCKING
        elif any(m.sets_up for m in modules.values()) and any(m.hands_to_loop for m in modules.values()):
            verdict = ELSEWHERE
        else:
            verdict = NO_TLS
    # An __init__.py added later, or a change elsewhere in the package, may change it.
    _CONSULTED.setdefault(path, Consulted()).tls = (root or "", verdict)
    return verdict


def still_holds(path: str, data: Sequence[object]) -> Optional[Consulted]:
    """Whether what a check of the unchanged file at ``path`` learnt from other files
    (:meth:`Consulted.data`) is still what they say: if so, what they say now (with
    fresh stamps), else None."""
    consulted = Consulted.from_data(data)
    if consulted.tls is not None:
        tls_verdict(path, _read(path) or "")
    if consulted.sight is not None:
        tls_in_sight(path, _read(path) or "")
    if all(stamp != RACY and file_stamp(file) == stamp for file, stamp in consulted.files.items()):
        # Every file the names were followed through is as it was: so are the answers.
        fresh = _CONSULTED.setdefault(path, Consulted())
        fresh.names.update(consulted.names)
        fresh.files.update(consulted.files)
    else:
        for target in consulted.names:
            resolve_in_package(path, target)
    fresh = take_consulted(path) or Consulted()
    same = (fresh.tls, fresh.names, fresh.sight) == (consulted.tls, consulted.names, consulted.sight)
    return fresh if same else None


def take_consulted(path: str) -> Optional[Consulted]:
    """What a check of ``path`` learnt from other files, if anything (and forget it)."""
    return _CONSULTED.pop(path, None)


def forget() -> None:
    """Read the packages again: a new run may see changed files."""
    _SCANS.clear()
    _SIGHTS.clear()
    _CONSULTED.clear()
    _MODULE_NAMES.clear()


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
#: Top-level package folder -> the dotted names of the modules that its modules which
#: show TLS import; once per run.
_SIGHTS: Dict[str, Set[str]] = {}


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


def tls_in_sight(path: str, text: str) -> bool:
    """Whether TLS is in sight of the module at ``path`` whose text is ``text``: the module
    names TLS itself (:func:`shows_tls`), or a module of its package that names TLS
    imports it (``import top.mod``, ``from top import mod``, ``from .mod import f``), and
    so may hand it TLS sockets; importing a package counts as importing what its
    ``__init__.py`` imports. Out of sight, an errno test guards sockets the module's own
    code makes plain, or that nobody in its package wraps. Outside a package (text
    that is no file, stdin without ``--stdin-filename`` naming a file in one), the module
    alone answers."""
    sight = shows_tls(text)
    if not sight:
        root = package_root(path) if os.path.isfile(path) else None
        sight = root is not None and _dotted_module(root, os.path.abspath(path)) in _imported_near_tls(root, path)
    # An import added to a module of the package later may change it.
    _CONSULTED.setdefault(path, Consulted()).sight = sight
    return sight


def _imported_near_tls(root: str, asker: str) -> Set[str]:
    if root not in _SIGHTS:
        imported: Set[str] = set()
        #: What each package's __init__.py imports: a module that imports the package
        #: reaches what it re-exports (``from .plain import send`` there, ``app.send``).
        reexports: Dict[str, Set[str]] = {}
        for path in _modules(root):
            text = _read(path)
            if text is None:
                continue
            names = (
                imports_of(root, path, text) if shows_tls(text) or os.path.basename(path) == "__init__.py" else set()
            )
            if os.path.basename(path) == "__init__.py":
                reexports[_dotted_module(root, path)] = names
            if shows_tls(text):
                imported.update(names)
        pending = [name for name in imported if name in reexports]
        while pending:
            for name in reexports.pop(pending.pop(), set()) - imported:
                imported.add(name)
                if name in reexports:
                    pending.append(name)
        _SIGHTS[root] = imported
    return _SIGHTS[root]


def imports_of(root: str, path: str, text: str) -> Set[str]:
    """The dotted names of the modules (and of the names in them) that the module at
    ``path``, in the top-level package at ``root``, imports; relative imports resolved.
    Read off the text, so an import in a string counts too (that errs towards
    reporting)."""
    package = _dotted_module(root, path)
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


# -- names bound by other modules of the package -----------------------------------------

#: How many modules a name is followed through (``from .core import X``, which is
#: ``from .compat import X``, ...).
MAX_HOPS = 5
#: A file modified this recently may change again within its clock tick: its stamp is
#: not trusted by the next run (as the results cache does for the files it checks).
RACY_NS = 2_000_000_000
#: Module path -> its stamp when read, and what its module-level names are (qualified
#: name, or None when unknown, rebound or conditional), or None when it cannot be
#: parsed; once per run.
_MODULE_NAMES: Dict[str, Tuple[List[int], Optional[Dict[str, Optional[str]]]]] = {}


class _Probe:
    """The files one answer depends on, with the stamps they had."""

    def __init__(self) -> None:
        self.stamps: Dict[str, List[int]] = {}

    def isfile(self, path: str) -> bool:
        stamp = file_stamp(path)
        self.stamps[path] = stamp
        return stamp != MISSING

    def root(self, path: str) -> Optional[str]:
        """As :func:`package_root`, noting each ``__init__.py`` it looked for."""
        folder = os.path.dirname(os.path.abspath(path))
        if not self.isfile(os.path.join(folder, "__init__.py")):
            return None
        while True:
            parent = os.path.dirname(folder)
            if parent == folder or not self.isfile(os.path.join(parent, "__init__.py")):
                return folder
            folder = parent


#: The stamp of a path that is no regular file.
MISSING = [-1, 0]
#: The stamp of a file modified too recently to trust: never equal to a later one.
RACY = [-1, -1]


def file_stamp(path: str) -> List[int]:
    """[size, modification time in ns] of a regular file, else MISSING or RACY."""
    try:
        status = os.stat(path)
    except (OSError, ValueError):
        return MISSING
    if not stat.S_ISREG(status.st_mode):
        return MISSING
    if status.st_mtime_ns > time.time_ns() - RACY_NS:
        return RACY
    return [status.st_size, status.st_mtime_ns]


def resolve_in_package(path: str, target: str) -> Optional[Tuple[str, str]]:
    """What an imported name is when another module of the package binds it: ``target``
    is the name as the module at ``path`` imports it (``..core.compat.Status`` or
    ``top.core.compat.Status`` inside package ``top``). Returns (qualified name, dotted
    name of the last module of the chain) when the chain ends outside the package,
    followed through imports, aliases (``X = Y``) and ImportError shims
    (:func:`netfix_lint.facts.resolve_shim`), not star imports; None when it ends
    anywhere else (a class of the package, something unknown, rebound or conditional, a
    module not found). The answer, and the stamps of the files it rests on, are
    remembered for the results cache."""
    probe = _Probe()
    answer: Optional[Tuple[str, str]] = None
    root = probe.root(path) if os.path.isfile(path) else None  # stdin: no package
    if root is not None:
        followed = _follow(probe, root, path, target, MAX_HOPS)
        if followed is not None:
            answer = (followed[0], _dotted_module(root, followed[1]))
    consulted = _CONSULTED.setdefault(path, Consulted())
    consulted.names[target] = "" if answer is None else f"{answer[0]} {answer[1]}"
    consulted.files.update(probe.stamps)
    return answer


def _follow(probe: _Probe, root: str, path: str, target: str, hops: int) -> Optional[Tuple[str, str]]:
    located = _defining_module(probe, root, path, target)
    if located is None or hops == 0:
        return None
    module, name = located
    stamp, names = _module_names(module)
    probe.stamps[module] = stamp  # as it was when read, whatever it is now
    qualname = None if names is None else names.get(name)
    if qualname is None or qualname.startswith("<module>."):
        return None  # unknown, rebound or conditional, or a class of the package
    if _defining_module(probe, root, module, qualname) is not None:
        return _follow(probe, root, module, qualname, hops - 1)
    if qualname.startswith((".", f"{os.path.basename(root)}.")):
        return None  # in the package, but no module of it: a submodule's attribute, a typo
    return qualname, module


def _dotted_module(root: str, path: str) -> str:
    """``top.core.compat`` for ``<...>/top/core/compat.py`` (or ``compat/__init__.py``)."""
    relative = os.path.relpath(os.path.splitext(path)[0], os.path.dirname(root))
    parts = relative.split(os.sep)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _defining_module(probe: _Probe, root: str, path: str, target: str) -> Optional[Tuple[str, str]]:
    """(module file, name in it) for ``target`` imported by the module at ``path``, when
    ``target``'s module is a module of the top-level package at ``root``."""
    dots = len(target) - len(target.lstrip("."))
    if not (dots or "." in target):
        return None
    if dots:
        folder = os.path.dirname(os.path.abspath(path))
        for _ in range(dots - 1):
            if folder == root:
                return None  # above the top-level package
            folder = os.path.dirname(folder)
        parts = target[dots:].split(".")
    else:
        parts = target.split(".")
        if parts[0] != os.path.basename(root):
            return None
        folder = os.path.dirname(root)
    *module_parts, name = parts
    base = os.path.join(folder, *module_parts)
    # A package comes before a module of the same name, as Python imports them; for
    # ``from . import name`` (no module part) the package's own __init__.py.
    candidates = [os.path.join(base, "__init__.py")] + ([base + ".py"] if module_parts else [])
    for candidate in candidates:
        if probe.isfile(candidate):
            return candidate, name
    return None


def _module_names(path: str) -> Tuple[List[int], Optional[Dict[str, Optional[str]]]]:
    """The stamp of the module at ``path``, taken before it is read, and what its
    module-level names are; only these are kept, not its tree."""
    if path not in _MODULE_NAMES:
        stamp = file_stamp(path)
        import ast
        import warnings

        from .facts import UNKNOWN, physical_lines, resolve, resolve_shim
        from .facts_ast import extract

        text = _read(path)
        names: Optional[Dict[str, Optional[str]]] = None
        if text is not None:
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    facts = extract(ast.parse(text, filename=path), physical_lines(text))
            except (SyntaxError, ValueError, RecursionError, MemoryError):
                facts = None
            if facts is not None:
                names = {}
                scope = facts.module_scope
                for name in scope.bindings:
                    resolved = resolve(facts, scope, name)
                    if resolved == UNKNOWN:
                        resolved = resolve_shim(facts, scope, name)
                    names[name] = None if resolved.maybe_missing else resolved.qualname
        _MODULE_NAMES[path] = (stamp, names)
    return _MODULE_NAMES[path]
