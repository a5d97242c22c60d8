"""What a module's package does with TLS, read off the text of all its modules.

``ssl.SSLEOFError`` reaches a drop handler only from a blocking ``ssl.SSLSocket``: one the
code wraps itself (``wrap_socket``, eventlet's ``wrap_ssl``), or one a stdlib client makes
and hands errors through from (``http.client``, ``urllib.request``, ``xmlrpc.client``,
``ftplib.FTP_TLS``, ``smtplib``/``imaplib``/``poplib`` over TLS) or websocket-client.
asyncio and trio do TLS on memory BIOs and report a peer that hangs up their own way;
httpx, requests, urllib3 and the database drivers wrap the error in their own classes.

So a package that sets TLS up (an ``SSLContext``, certificates, verify modes) and makes
no blocking TLS socket anywhere shows where its TLS goes, and it is not where its drop
handlers are: those guard plain sockets, pipes and proxies. Sanic (asyncio servers,
``multiprocessing`` manager proxies) and SDKs on websockets and httpx are such packages.

The package is the top-level import package: the folders above the module that hold an
``__init__.py``. A module outside any package gives no such evidence (its context may go
to a caller that wraps a socket), nor does a package with no TLS at all (a library such
as ``wsgiref`` is handed sockets its users wrapped). Matches in ``#`` comments do not
count; a mention in a docstring does, which errs towards reporting when it names a
blocking API.

Verdicts are worked out once per package and process, lazily: rules ask only about a
finding they would otherwise report. Results that asked are cached with the verdict and
checked against it again (:mod:`netfix_lint.cache`).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional, Set, Tuple

#: Somewhere in the package TLS runs on a blocking socket: SSLEOFError may reach any
#: drop handler of it.
BLOCKING = "blocking"
#: The package sets TLS up and never on a blocking socket.
ELSEWHERE = "elsewhere"
#: No TLS in the package: its users may hand it sockets they wrapped.
NO_TLS = "none"

#: A blocking ``ssl.SSLSocket``, or an object holding one, that the package may hand
#: anywhere: a wrapped socket, a client connection that lets ssl errors through
#: (websocket-client's, found by its import).
_TRAVELS = (
    "wrap_socket", "wrap_ssl", "SSLSocket", "HTTPSConnection", "HTTPSHandler", "HTTPSServer", "SafeTransport",
    "FTP_TLS", "SMTP_SSL", "IMAP4_SSL", "POP3_SSL", "NNTP_SSL", "starttls", "stls",
)
_WEBSOCKET_CLIENT = re.compile(r"^[ \t]*(?:import[ \t]+websocket\b(?!s)|from[ \t]+websocket(?:\.\w+)*[ \t]+import\b)", re.MULTILINE)
#: A blocking TLS socket that lives and dies inside one call (``urlopen``): its errors
#: reach only the callers of the module that makes it.
_CALLS = ("urlopen", "urllib.request", "urllib2")
#: Setting TLS up: making a context, loading certificates, choosing verify modes (a
#: name imported for a type hint, ``from ssl import SSLContext``, is not that).
_SETS_UP = (
    "SSLContext(", "create_default_context", "_create_unverified_context", "load_cert_chain",
    "load_verify_locations", "CERT_NONE", "CERT_OPTIONAL", "CERT_REQUIRED", "PROTOCOL_TLS", "PROTOCOL_TLS_CLIENT",
    "PROTOCOL_TLS_SERVER", "PROTOCOL_TLSv1", "PROTOCOL_TLSv1_1", "PROTOCOL_TLSv1_2", "PROTOCOL_SSLv23",
)
_FROM_IMPORT = re.compile(r"^[ \t]*from[ \t]+(\.*)([\w.]*)[ \t]+import[ \t]*(\([^)]*\)|[^\n]*)", re.MULTILINE)
_IMPORT = re.compile(r"^[ \t]*import[ \t]+([^\n]*)", re.MULTILINE)


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
                start = text.rfind("\n", 0, at) + 1
                if "#" not in text[start:at]:
                    return True
            at = text.find(word, end)
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
    calls: bool
    sets_up: bool
    #: The package's modules this one imports (files); read when first needed.
    imports: Optional[Set[str]] = None


@dataclass
class _Scan:
    """What the modules of one package show."""

    #: Two modules whose blocking TLS may travel anywhere: nothing else matters then.
    travels: List[str] = field(default_factory=list)
    modules: Dict[str, _Module] = field(default_factory=dict)


_SCANS: Dict[str, _Scan] = {}
#: path -> (package root, verdict) for each module a rule asked about since the last
#: take_consulted(path): what its result depends on beyond its own text.
_CONSULTED: Dict[str, Tuple[str, str]] = {}


def _modules(root: str) -> Iterable[str]:
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith(".") and d != "__pycache__")
        for name in sorted(names):
            if name.endswith(".py"):
                yield os.path.join(folder, name)


def _module(text: str) -> _Module:
    return _Module(_travels(text), _found(_CALLS, text), _found(_SETS_UP, text))


def _read(path: str) -> Optional[str]:
    try:
        with open(path, "rb") as handle:
            return handle.read().decode("utf-8", "replace")
    except OSError:
        return None  # unreadable: it shows nothing


def _scan(root: str) -> _Scan:
    if root not in _SCANS:
        scan = _Scan()
        for path in _modules(root):
            text = _read(path)
            if text is None:
                continue
            module = scan.modules[path] = _module(text)
            if module.travels:
                scan.travels.append(path)
                if len(scan.travels) == 2:
                    break
        _SCANS[root] = scan
    return _SCANS[root]


def _imports(root: str, path: str, text: str) -> Set[str]:
    """The files of the package that ``text`` (the module at ``path``) imports."""
    top = os.path.dirname(root)
    here = os.path.relpath(os.path.dirname(path), top).split(os.sep)
    targets: List[List[str]] = []
    for match in _FROM_IMPORT.finditer(text):
        dots, name, names = match.groups()
        if dots:
            base = here[: len(here) - (len(dots) - 1)] if len(dots) > 1 else list(here)
        else:
            base = []
        parts = base + [part for part in name.split(".") if part]
        targets.append(parts)
        for imported in re.split(r"[\s,()\\]+", names):
            if imported.isidentifier() and imported != "as":
                targets.append(parts + [imported])  # perhaps a submodule
    for match in _IMPORT.finditer(text):
        for clause in match.group(1).split("#", 1)[0].split(","):
            words = clause.split()
            if words:
                targets.append(words[0].split("."))
    found = set()
    package = os.path.basename(root)
    for parts in targets:
        if not parts or parts[0] != package:
            continue
        folder = os.path.join(top, *parts)
        for candidate in (folder + ".py", os.path.join(folder, "__init__.py")):
            if os.path.isfile(candidate):
                found.add(candidate)
        # Importing a.b.c runs a/__init__.py and a/b/__init__.py too.
        for depth in range(1, len(parts)):
            init = os.path.join(top, *parts[:depth], "__init__.py")
            if os.path.isfile(init):
                found.add(init)
    return found


def tls_verdict(path: str, text: str) -> str:
    """BLOCKING, ELSEWHERE or NO_TLS for the package of the module at ``path`` whose text
    is ``text`` (which may differ from the file's: stdin, a fix in progress). Outside a
    package, the module alone answers and ELSEWHERE becomes NO_TLS.

    Blocking TLS counts from any module when it may travel (a wrapped socket, a client
    connection), and from the module and those it imports, directly or not, when it
    lives inside one call (``urlopen``)."""
    if _travels(text) or _found(_CALLS, text):
        return BLOCKING
    root = package_root(path) if os.path.isfile(path) else None
    if root is None:
        return NO_TLS
    own = os.path.abspath(path)
    scan = _scan(root)
    if any(module != own for module in scan.travels) or _calls_blocking(root, scan, own, text):
        verdict = BLOCKING
    elif _found(_SETS_UP, text) or any(m.sets_up for p, m in scan.modules.items() if p != own):
        verdict = ELSEWHERE
    else:
        verdict = NO_TLS
    _CONSULTED[path] = (root, verdict)
    return verdict


def _calls_blocking(root: str, scan: _Scan, own: str, text: str) -> bool:
    """Whether the module imports, directly or not, one with call-bound blocking TLS."""
    if not any(module.calls for path, module in scan.modules.items() if path != own):
        return False
    seen, todo = {own}, list(_imports(root, own, text))
    while todo:
        path = todo.pop()
        module = scan.modules.get(path)
        if path in seen or module is None:
            continue
        seen.add(path)
        if module.calls:
            return True
        if module.imports is None:
            module.imports = _imports(root, path, _read(path) or "")
        todo.extend(module.imports - seen)
    return False


def package_verdict_on_disk(path: str) -> Optional[Tuple[str, str]]:
    """(package folder, verdict) for the file at ``path`` as it is on disk, or None when
    its own text decides (or it is outside a package)."""
    with open(path, "rb") as handle:
        text = handle.read().decode("utf-8", "replace")
    tls_verdict(path, text)
    return take_consulted(path)


def take_consulted(path: str) -> Optional[Tuple[str, str]]:
    """The package verdict a check of ``path`` used, if any (and forget it)."""
    return _CONSULTED.pop(path, None)


def forget() -> None:
    """Read the packages again: a new run may see changed files."""
    _SCANS.clear()
    _CONSULTED.clear()
