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
#: anywhere: a wrapped socket, a client connection that lets ssl errors through.
_TRAVELS = re.compile(
    r"\b(?:wrap_socket|wrap_ssl|SSLSocket|HTTPSConnection|HTTPSHandler|HTTPSServer|SafeTransport|FTP_TLS"
    r"|SMTP_SSL|IMAP4_SSL|POP3_SSL|NNTP_SSL|starttls|stls)\b"
    r"|^[ \t]*(?:import[ \t]+websocket\b(?!s)|from[ \t]+websocket(?:\.\w+)*[ \t]+import\b)",
    re.MULTILINE,
)
#: A blocking TLS socket that lives and dies inside one call (``urlopen``): its errors
#: reach only the callers of the module that makes it.
_CALLS = re.compile(r"\b(?:urlopen|urllib\.request|urllib2)\b")
#: Setting TLS up: contexts, certificates, verify modes.
_SETS_UP = re.compile(
    r"\b(?:SSLContext|create_default_context|_create_unverified_context|load_cert_chain"
    r"|load_verify_locations|PROTOCOL_TLS\w*|CERT_(?:NONE|OPTIONAL|REQUIRED))\b"
)
_FROM_IMPORT = re.compile(r"^[ \t]*from[ \t]+(\.*)([\w.]*)[ \t]+import[ \t]*(\([^)]*\)|[^\n]*)", re.MULTILINE)
_IMPORT = re.compile(r"^[ \t]*import[ \t]+([^\n]*)", re.MULTILINE)


def _found(pattern: "re.Pattern[str]", text: str) -> bool:
    """A match outside ``#`` comments."""
    for match in pattern.finditer(text):
        start = text.rfind("\n", 0, match.start()) + 1
        if "#" not in text[start : match.start()]:
            return True
    return False


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
    #: The package's modules this one imports (files).
    imports: Set[str]


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


def _module(root: str, path: str, text: str) -> _Module:
    return _Module(_found(_TRAVELS, text), _found(_CALLS, text), _found(_SETS_UP, text), _imports(root, path, text))


def _scan(root: str) -> _Scan:
    if root not in _SCANS:
        scan = _Scan()
        for path in _modules(root):
            try:
                with open(path, "rb") as handle:
                    text = handle.read().decode("utf-8", "replace")
            except OSError:
                continue  # unreadable: it shows nothing
            module = scan.modules[path] = _module(root, path, text)
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
    if _found(_TRAVELS, text) or _found(_CALLS, text):
        return BLOCKING
    root = package_root(path) if os.path.isfile(path) else None
    if root is None:
        return NO_TLS
    own = os.path.abspath(path)
    scan = _scan(root)
    modules = dict(scan.modules)
    modules[own] = _module(root, own, text)
    if any(module != own for module in scan.travels) or _calls_blocking(modules, own):
        verdict = BLOCKING
    elif any(module.sets_up for module in modules.values()):
        verdict = ELSEWHERE
    else:
        verdict = NO_TLS
    _CONSULTED[path] = (root, verdict)
    return verdict


def _calls_blocking(modules: Dict[str, _Module], own: str) -> bool:
    """Whether ``own`` imports, directly or not, a module with call-bound blocking TLS."""
    seen, todo = {own}, [own]
    while todo:
        module = modules.get(todo.pop())
        if module is None:
            continue
        if module.calls:
            return True
        for imported in module.imports - seen:
            seen.add(imported)
            todo.append(imported)
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
