"""What a cached result learnt from other files, and the stamps that say it still holds.

A warm run asks, for each unchanged file whose check read its package, whether those
files are as they were (:func:`unchanged`): a listing and a ``stat`` per file. This
module is all it loads for that; the package is read again (:mod:`netfix_lint.package`,
:mod:`netfix_lint.package_tls`) only when something changed.
"""

from __future__ import annotations

import os
import stat
import time
from dataclasses import dataclass, field

try:  # hashlib would load OpenSSL as well
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - another Python than CPython
    from hashlib import blake2b

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (10 ms)
if TYPE_CHECKING:  # pragma: no cover
    from typing import Dict, Final, FrozenSet, Iterable, List, Literal, Optional, Sequence, Set, Tuple, TypeAlias


#: What a package does with TLS (:func:`tls_verdict`); these strings go into the
#: results cache.
TlsVerdict: TypeAlias = "Literal['blocking', 'elsewhere', 'own-sockets', 'none']"
#: Somewhere in the package TLS runs on a blocking socket: SSLEOFError may reach any
#: drop handler of it.
BLOCKING: Final = "blocking"
#: The package sets TLS up and never on a blocking socket.
ELSEWHERE: Final = "elsewhere"
#: No TLS in the package (no blocking TLS, nothing set up), which runs plain sockets of
#: its own: it serves a server (``serve_forever()``), connects (``create_connection()``)
#: or listens itself, outside tests and ``if __name__ == "__main__":`` demos. Its drop
#: handlers guard those.
OWN_SOCKETS: Final = "own-sockets"
#: No TLS in the package, which runs no socket itself: its users may hand it sockets
#: they wrapped (``wsgiref``'s handlers, whose server users build and may wrap).
NO_TLS: Final = "none"
VERDICTS: FrozenSet[str] = frozenset({BLOCKING, ELSEWHERE, OWN_SOCKETS, NO_TLS})

#: A file modified this recently may change again within its clock tick: its stamp is
#: not trusted by the next run (as the results cache does for the files it checks).
RACY_NS = 2_000_000_000
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


def walk_modules(root: str) -> Iterable[str]:
    """Every ``.py`` file below the package folder ``root``, in a stable order."""
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


@dataclass
class Consulted:
    """What a check of one module learnt from other files: its result holds while a
    fresh look gives the same answers (:func:`still_holds`)."""

    #: (package folder or "", verdict, witness) if a rule asked what the package does
    #: with TLS (see :func:`netfix_lint.package_tls.tls_verdict`).
    tls: Optional[Tuple[str, TlsVerdict, str]] = None
    #: Imported name (as the module spells its target) -> what the package binds it to
    #: ("" for nothing known), for each name a rule followed into the package.
    names: Dict[str, str] = field(default_factory=dict)
    #: The stamps (:func:`netfix_lint.package_names.file_stamp`) of the files those
    #: answers rest on: while they are the same, the answers are too, and a warm run
    #: need not read the files again.
    files: Dict[str, List[int]] = field(default_factory=dict)
    #: Whether TLS is in sight of the module (:func:`netfix_lint.package_tls.tls_in_sight`),
    #: if a rule asked.
    sight: Optional[bool] = None
    #: Request handler class -> the module of the package that serves it over TLS ("" for
    #: none), for each class a rule asked about (:func:`netfix_lint.package_tls.served_in_tls`).
    served: Dict[str, str] = field(default_factory=dict)
    #: Package folder -> a digest of its module files and their stamps
    #: (:func:`tree_digest`), for the answers above read off the whole package: while it
    #: is the same, so are the answers, and a warm run need not read the package again.
    trees: Dict[str, str] = field(default_factory=dict)
    #: Question -> the other module of the package that answers yes ("" for none), for
    #: each question a rule asked (:func:`netfix_lint.package_words.used_elsewhere`).
    used: Dict[str, str] = field(default_factory=dict)

    def data(self) -> List[object]:
        """As plain JSON data, for the results cache."""
        tls = None if self.tls is None else list(self.tls)
        # A digest not taken (a run that did not mean to cache) matches nothing.
        trees = {root: "" if d == PENDING else d for root, d in self.trees.items()}
        return [tls, dict(self.names), dict(self.files), self.sight, dict(self.served), trees, dict(self.used)]

    @classmethod
    def from_data(cls, data: Sequence[object]) -> Consulted:
        """The inverse of :meth:`data`; TypeError for another shape."""
        if len(data) != 7:
            raise TypeError("not consulted data")
        tls, names, files, sight, served, trees, used = data
        if not isinstance(names, dict) or not isinstance(files, dict) or not (sight is None or isinstance(sight, bool)):
            raise TypeError("not consulted data")
        if not isinstance(served, dict) or not isinstance(trees, dict) or not isinstance(used, dict):
            raise TypeError("not consulted data")
        if not (tls is None or (isinstance(tls, list) and len(tls) == 3)):
            raise TypeError("not consulted data")
        pair = None if tls is None else (str(tls[0]), _verdict(tls[1]), str(tls[2]))
        try:
            stamps = {str(k): [int(n) for n in v] for k, v in files.items()}
        except (ValueError, OverflowError) as error:  # NaN, Infinity
            raise TypeError("not consulted data") from error
        return cls(
            pair,
            {str(k): str(v) for k, v in names.items()},
            stamps,
            sight,
            {str(k): str(v) for k, v in served.items()},
            {str(root): str(digest) for root, digest in trees.items()},
            {str(k): str(v) for k, v in used.items()},
        )


def _verdict(value: object) -> TlsVerdict:
    for verdict in _VERDICTS:
        if value == verdict:
            return verdict
    raise TypeError("not a TLS verdict")


_VERDICTS: Tuple[TlsVerdict, ...] = (BLOCKING, ELSEWHERE, OWN_SOCKETS, NO_TLS)


#: A package folder whose digest was not taken: the run caches nothing.
PENDING = "pending"

#: Package folder -> :func:`tree_digest` of it, once per run (:func:`forget`).
TREES: Dict[str, str] = {}


def tree_digest(root: str, trees: Dict[str, str]) -> str:
    """A digest of the module files below the package folder ``root`` and their stamps
    (size, modification time), once per run; "" when one was modified too recently to
    tell a later change by its stamp (it then matches no digest)."""
    if root not in trees:
        digest = blake2b(digest_size=16)
        for path in walk_modules(root):
            stamp = file_stamp(path)
            if stamp == RACY:
                trees[root] = ""
                return ""
            digest.update(f"{path}\0{stamp[0]}\0{stamp[1]}\n".encode("utf-8", "surrogateescape"))
        trees[root] = digest.hexdigest()
    return trees[root]


def unchanged(path: str, consulted: Consulted) -> bool:
    """The package folders the answers of ``consulted`` were read off hold the same
    module files, with the same stamps, and every file a name was followed through has
    the stamp it had: the answers hold without reading anything again (a listing and a
    ``stat`` per file)."""
    here = (package_root(path) if os.path.isfile(path) else None) or ""
    if consulted.tls is not None and consulted.tls[0] != here:
        return False  # a package made around the module, or its folder gone
    asked = consulted.tls is not None or consulted.sight is not None or bool(consulted.served) or bool(consulted.used)
    if asked and here and here not in consulted.trees:
        return False  # an answer read off files the result does not name
    for root, digest in consulted.trees.items():
        if digest in ("", PENDING) or tree_digest(root, TREES) != digest:
            return False
    return all(stamp != RACY and file_stamp(file) == stamp for file, stamp in consulted.files.items())


def still_unchanged(path: str, data: Sequence[object]) -> bool:
    """Whether every file the cached answers ``data`` (:meth:`Consulted.data`) of the
    unchanged file at ``path`` were read off is as it was (TypeError for another shape)."""
    return unchanged(path, Consulted.from_data(data))


def forget() -> None:
    """A new run: the package folders may have changed since this process listed them."""
    TREES.clear()
