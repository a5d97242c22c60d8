"""The bookkeeping of a run that reads packages: what it has read of them (once per
run and process), what each check of a module consulted beyond the module's own text,
and the disk-backed package view the engine hands the rules (:class:`DiskPackage`).

The questions themselves are answered in :mod:`netfix_lint.package_tls` (what a package
does with TLS, TLS in sight) and :mod:`netfix_lint.package_names` (names bound by other
modules of the package). Rules ask only about a finding they would otherwise report. A
cached result that asked keeps the answers, and each warm run asks again to confirm them
(:func:`still_holds`, :mod:`netfix_lint.cache`).
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Dict, FrozenSet, List, Optional, Sequence, Set, Tuple

from .package_names import ModuleNames, ModuleRead, facts_in_package, resolve_in_package
from .package_stamps import PENDING, RACY, TREES, Consulted, file_stamp, tree_digest, unchanged
from .package_tls import (
    BLOCKING,
    TLS_LINK,
    Links,
    Scan,
    TlsVerdict,
    linked_travels,
    package_root,
    read_module,
    served_in_tls,
    tls_in_sight,
    tls_verdict,
)
from .package_words import QUESTIONS, Uses, used_elsewhere

if TYPE_CHECKING:  # a warm run loads no facts
    from .facts import ModuleFacts


@dataclass
class PackageMemory:
    """What a run has read of packages, and what each check consulted."""

    #: Package folder -> what its modules show about TLS.
    scans: Dict[str, Scan] = field(default_factory=dict)
    #: Package folder -> the dotted names of the modules its modules that show TLS import.
    sights: Dict[str, Set[str]] = field(default_factory=dict)
    #: Module path -> its stamp and module-level names, for names followed into it.
    parsed: Dict[str, ModuleNames] = field(default_factory=dict)
    #: Package folder -> its modules that wrap a server's socket in TLS, with the names
    #: they mention.
    servers: Dict[str, Dict[str, Tuple[FrozenSet[str], FrozenSet[str]]]] = field(default_factory=dict)
    #: (package folder, question) -> its modules that answer yes.
    uses: Uses = field(default_factory=dict)
    #: Package folder -> its modules' imports and blocking TLS (:func:`linked_travels`).
    links: Dict[str, Links] = field(default_factory=dict)
    #: Module path -> its stamp and facts, for modules whose code a rule reads.
    modules: Dict[str, ModuleRead] = field(default_factory=dict)
    #: Package folder -> :func:`tree_digest` of it (this process's are
    #: :data:`netfix_lint.package_stamps.TREES`, which a warm run fills without this module).
    trees: Dict[str, str] = field(default_factory=dict)
    #: Whether answers note the digests of the folders they are read off: a run that
    #: caches its results does (set per file by :mod:`netfix_lint.per_file`).
    digests: bool = False
    #: Module path -> what checks of it asked beyond its own text, since the last
    #: :func:`take_consulted`.
    consulted: Dict[str, Consulted] = field(default_factory=dict)

    def clear(self) -> None:
        memos = (
            self.scans,
            self.sights,
            self.parsed,
            self.modules,
            self.servers,
            self.links,
            self.uses,
            self.trees,
            self.consulted,
        )
        for memo in memos:
            memo.clear()


#: This process's memory: a run starts with :func:`forget`; worker processes have their own.
MEMORY = PackageMemory(trees=TREES)


class DiskPackage:
    """The package of the module at ``path`` as the files on disk show it (runs with
    ``Settings.read_package``): each answer is recorded, with the files it rests on,
    for the results cache. ``text`` gives the module's own text, which may differ from
    the file's (stdin, a fix in progress); it is asked for only when a rule asks."""

    def __init__(self, path: str, text: Callable[[], str], memory: PackageMemory = MEMORY) -> None:
        self.path = path
        self._text = text
        self._memory = memory

    def tls_verdict(self) -> TlsVerdict:
        return self._tls()[0]

    def tls_witness(self) -> Optional[Tuple[str, str]]:
        verdict, root, witness = self._tls()
        if verdict != BLOCKING or not witness or not root:
            return None
        # Of the modules with blocking TLS, one the module is linked to by imports.
        digest = self._digest(root)
        root, linked = linked_travels(self.path, self._text(), self._memory.links)
        if root:
            self._consulted().used[TLS_LINK] = linked
            self._record_tree(root, digest)
        return self._named(root, linked)

    def _tls(self) -> Tuple[TlsVerdict, Optional[str], str]:
        digest = self._digest(self._root())  # before anything of the package is read
        verdict, root, witness = tls_verdict(self.path, self._text(), self._memory.scans)
        if root is not None:
            # An __init__.py added later, or a change elsewhere in the package, may change it.
            self._consulted().tls = (root, verdict, witness)
            self._record_tree(root, digest)
        return verdict, root, witness

    def tls_in_sight(self) -> bool:
        root = self._root()
        digest = self._digest(root)
        sight = tls_in_sight(self.path, self._text(), self._memory.sights)
        # An import added to a module of the package later may change it.
        self._consulted().sight = sight
        self._record_tree(root, digest)
        return sight

    def tls_server_of(self, class_name: str) -> Optional[Tuple[str, str]]:
        """The other module of the package that names the request handler class
        ``class_name`` and wraps a server's socket in TLS: its path from the package's
        parent folder and as the run names files; None if there is none."""
        digest = self._digest(self._root())
        root, witness = served_in_tls(self.path, class_name, self._memory.servers)
        if root:
            self._consulted().served[class_name] = witness
            self._record_tree(root, digest)
        return self._named(root, witness)

    def used_elsewhere(self, question: str) -> Optional[Tuple[str, str]]:
        """The other module of the package (tests aside) whose code answers yes to
        ``question`` (:data:`netfix_lint.package_words.QUESTIONS`), as
        :meth:`tls_server_of` names it; None if there is none."""
        digest = self._digest(self._root())
        root, witness = used_elsewhere(self.path, question, self._memory.uses)
        if root:
            self._consulted().used[question] = witness
            self._record_tree(root, digest)
        return self._named(root, witness)

    def _named(self, root: str, witness: str) -> Optional[Tuple[str, str]]:
        """A module ``witness`` of the package folder ``root`` (a path from its parent
        folder) as that path and as the run names files; None for no module."""
        if not witness:
            return None
        where = os.path.join(os.path.dirname(root), witness)
        relative = os.path.relpath(where, os.path.dirname(os.path.abspath(self.path)))
        return witness, os.path.normpath(os.path.join(os.path.dirname(self.path), relative))

    def resolve_name(self, target: str) -> Optional[Tuple[str, str]]:
        answer, stamps = resolve_in_package(self.path, target, self._memory.parsed)
        self.remember({target: "" if answer is None else f"{answer[0]} {answer[1]}"}, stamps)
        return answer

    def module_facts(self, target: str) -> Optional[Tuple[str, ModuleFacts]]:
        """The facts of the module of the package that defines ``target``, a name the
        module imports, and the name in it; None if there is none. The answer is kept with
        the file's stamp: a cached result that read it holds only while the file does."""
        found, stamps = facts_in_package(self.path, target, self._memory.modules)
        stamp = None if found is None else stamps.get(found[0])
        where = "" if found is None else f"{found[0]} {stamp}"
        if stamp == RACY:
            where += f" {time.monotonic_ns()}"  # too fresh to trust: equal to no later answer
        self.remember({f"{CODE_OF}{target}": where}, stamps)
        return None if found is None else (found[1], found[2])

    def remember(self, names: Dict[str, str], files: Dict[str, List[int]]) -> None:
        """Record answers about names (see :attr:`Consulted.names`) and the stamps of the
        files they rest on, known without asking again."""
        consulted = self._consulted()
        consulted.names.update(names)
        consulted.files.update(files)

    def _consulted(self) -> Consulted:
        return self._memory.consulted.setdefault(self.path, Consulted())

    def _root(self) -> str:
        return (package_root(self.path) if os.path.isfile(self.path) else None) or ""

    def _digest(self, root: str) -> str:
        """The digest of the package folder ``root`` ("" none), taken before the package is
        read for an answer: a file saved while the run reads it then fails the digest
        next time, never the reverse. PENDING in a run that caches nothing
        (``PackageMemory.digests`` off), which does not list the folder for it."""
        if not root or not self._memory.digests:
            return PENDING
        return tree_digest(root, self._memory.trees)

    def _record_tree(self, root: str, digest: str) -> None:
        """Note that the answers rest on the package folder ``root`` as ``digest`` says."""
        if root:
            self._consulted().trees.setdefault(root, digest)


#: How :attr:`Consulted.names` notes a module whose code a rule read
#: (:meth:`DiskPackage.module_facts`), beside the names followed into the package.
CODE_OF = "code of "


def take_consulted(path: str) -> Optional[Consulted]:
    """What checks of ``path`` learnt from other files, if anything (and forget it)."""
    return MEMORY.consulted.pop(path, None)


def forget() -> None:
    """Read the packages again: a new run may see changed files."""
    MEMORY.clear()


def still_holds(path: str, data: Sequence[object]) -> Optional[Consulted]:
    """Whether what a check of the unchanged file at ``path`` learnt from other files
    (:meth:`Consulted.data`) is still what they say: if so, what they say now (with
    fresh stamps), else None."""
    consulted = Consulted.from_data(data)
    MEMORY.digests = True  # what is confirmed here is cached again
    if unchanged(path, consulted):
        # Every file the answers were read off is as it was, and no module came or went.
        return consulted
    view = DiskPackage(path, lambda: read_module(path) or "")
    if consulted.tls is not None:
        view.tls_verdict()
    if consulted.sight is not None:
        view.tls_in_sight()
    for class_name in consulted.served:
        view.tls_server_of(class_name)
    for question in consulted.used:
        if question in QUESTIONS:
            view.used_elsewhere(question)
        elif question == TLS_LINK:
            view.tls_witness()
    if all(stamp != RACY and file_stamp(file) == stamp for file, stamp in consulted.files.items()):
        # Every file the names were followed through is as it was: so are the answers.
        view.remember(consulted.names, consulted.files)
    else:
        for target in consulted.names:
            if target.startswith(CODE_OF):
                view.module_facts(target[len(CODE_OF) :])  # its file's stamp is in the answer
            else:
                view.resolve_name(target)
    fresh = take_consulted(path) or Consulted()
    same = (fresh.tls, fresh.names, fresh.sight, fresh.served, fresh.used) == (
        consulted.tls,
        consulted.names,
        consulted.sight,
        consulted.served,
        consulted.used,
    )
    return fresh if same else None
