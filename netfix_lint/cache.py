"""The results cache: a check skips the files it has already checked, unchanged, with
the same tool and the same settings.

One JSON file per cache folder and key (``<cache-dir>/<key>.json``); the key is a
digest of the tool (its version, the Python running it, its own module files) and of
the resolved settings, so a change of either starts a file of its own. It maps each
file, by absolute path, to its size, modification time, content digest, the websockets
versions its project allowed (NFX202/203 depend on them) and its findings, as plain
data: a run served from it imports neither the rules nor a parser.

A file whose size and modification time are unchanged is a hit without being read (as
ruff does); one whose time changed is read and still a hit if its digest is the same.
A file modified within ``RACY_NS`` of the run is not trusted by its time next run (it
may change again within one tick of the clock): its content is compared. The project
files the websockets requirement came from are kept per folder, with the listing of
each folder searched and the digest of each file read; the requirement is read again
when any of them differs. A result for which a rule asked what the file's package does
with TLS, or followed an imported name into another module of the package
(:mod:`netfix_lint.package`), keeps those answers, and is a hit only while the package,
read again, gives the same ones.

A cache file that cannot be read or has another shape is ignored and rewritten; writes
go to a temporary file in the cache folder, then ``os.replace``, so concurrent runs
never leave a torn file; a run merges in what another one wrote meanwhile for the files
it did not check itself.
"""

from __future__ import annotations

import json
import os
import stat
import sys
import time

from . import __version__
from .model import SAFE, UNSAFE, Edit, Finding, FindingKey, Fix, Need, Related

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (10 ms)
if TYPE_CHECKING:  # pragma: no cover
    from typing import Any, Dict, Iterable, List, Optional, Sequence, Set, Tuple, TypeAlias

    from .package_stamps import Consulted

try:  # hashlib would load OpenSSL as well: 3 ms of every run's start
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - another Python than CPython
    from hashlib import blake2b

#: The default cache folder, in the configuration's root (as ruff's ``.ruff_cache``).
CACHE_DIR_NAME = ".netfix_lint_cache"
#: The shape of a cache file; another shape is ignored.
FORMAT = 7
#: A file modified less than this long before the run is compared by content next time.
RACY_NS = 2_000_000_000

#: (size, modification time in ns, content digest) of a file as it was read.
Fingerprint: TypeAlias = "Tuple[int, int, str]"


def _still_holds(path: str, consulted: Sequence[Any]) -> Optional[List[Any]]:
    """What the result of an unchanged file learnt from its package, as it is now, if it
    still holds (None if not)."""
    from .package_stamps import still_unchanged

    if still_unchanged(path, consulted):
        return list(consulted)  # no file it rests on changed: the package is not read
    from .package import still_holds

    fresh = still_holds(path, consulted)
    return None if fresh is None else fresh.data()


def content_digest(raw: bytes) -> str:
    return blake2b(raw, digest_size=16).hexdigest()


def tool_fingerprint() -> str:
    """netfix-lint's version, the Python running it, and the size and time of each of its
    module files: a new release, another Python or an edited checkout is another tool."""
    package = os.path.dirname(os.path.abspath(__file__))
    parts = [__version__, sys.version]
    for folder in (package, os.path.join(package, "rules")):
        with os.scandir(folder) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                if entry.name.endswith(".py"):
                    status = entry.stat()
                    parts.append(f"{entry.path}:{status.st_size}:{status.st_mtime_ns}")
    return "\n".join(parts)


def cache_key(*settings: object) -> str:
    """The name of the cache file for this tool and these settings (any JSON-able values)."""
    text = json.dumps([tool_fingerprint(), FORMAT, *settings], sort_keys=True, default=repr)
    return blake2b(text.encode(), digest_size=16).hexdigest()


def _finding_data(finding: Finding) -> List[Any]:
    fix = finding.fix
    return [
        finding.code,
        finding.name,
        finding.message,
        finding.line,
        finding.col,
        finding.end_line,
        finding.end_col,
        None if fix is None else fix.safety,
        None if fix is None else fix.description,
        [[r.message, r.line, r.path] for r in finding.related],
    ]


def _related(data: Any) -> Tuple[Related, ...]:
    if not isinstance(data, list):
        raise TypeError("not evidence")
    found = []
    for item in data:
        if not (isinstance(item, list) and len(item) == 3):
            raise TypeError("not evidence")
        message, line, where = item
        if not isinstance(message, str) or type(line) is not int or not (where is None or isinstance(where, str)):
            raise TypeError("not evidence")
        found.append(Related(message, line, where))
    return tuple(found)


def _finding(data: Sequence[Any], path: str) -> Finding:
    code, name, message, line, col, end_line, end_col, safety, description, related = data
    texts, numbers = (code, name, message), (line, col, end_line, end_col)
    if not all(isinstance(t, str) for t in texts) or not all(type(n) is int for n in numbers):
        raise TypeError("not a finding")  # a damaged entry: checked again
    if not (safety is None or (safety in (SAFE, UNSAFE) and isinstance(description, str))):
        raise TypeError("not a fix")
    fix = None if safety is None else Fix(safety, description, ())
    return Finding(code, name, message, line, col, end_line, end_col, path=path, fix=fix, related=_related(related))


def _edits_data(edits: Dict[FindingKey, Tuple[Edit, ...]]) -> List[Any]:
    return [[*k, [[e.line, e.col, e.end_line, e.end_col, e.content] for e in v]] for k, v in edits.items()]


def _edits(data: Sequence[Any]) -> Dict[FindingKey, Tuple[Edit, ...]]:
    return {(line, col, code): tuple(Edit(*edit) for edit in edits) for line, col, code, edits in data}


class Cached:
    """What the cache knows of a file: its findings, and their fixes' text edits when
    the run asked for them."""

    def __init__(
        self, findings: List[Finding], edits: Dict[FindingKey, Tuple[Edit, ...]], needs: Sequence[Need] = ()
    ) -> None:
        self.findings = findings
        self.edits = edits
        #: What the file's code needs of websockets (NFX209).
        self.needs = list(needs)


class ResultCache:
    def __init__(self, directory: str, key: str) -> None:
        self.directory = directory
        self.path = os.path.join(directory, f"{key}.json")
        self.started = time.time_ns()
        self.cwd = os.getcwd()
        self.files: Dict[str, List[Any]] = {}
        #: folder -> [specifier, [[folder, [project file names], mtime_ns]...], [[file, digest or None]...]]
        self.folders: Dict[str, List[Any]] = {}
        self.changed = False
        #: Absolute paths looked up or stored in this run.
        self.seen: Set[str] = set()
        self._specifiers: Dict[str, Optional[str]] = {}
        self._listings: Dict[str, List[str]] = {}
        self._mtimes: Dict[str, Optional[int]] = {}
        self._digests: Dict[str, Optional[str]] = {}
        self._load()

    def _load(self) -> None:
        stored = self._read()
        if stored is None:
            self.changed = os.path.exists(self.path)  # one of another shape: rewrite it
        else:
            self.files, self.folders = stored

    def _read(self) -> Optional[Tuple[Dict[str, List[Any]], Dict[str, List[Any]]]]:
        """The files and folders of the cache file; None if there is none, or it cannot
        be read (torn by a crash, another shape)."""
        try:
            with open(self.path, "rb") as handle:
                data = json.load(handle)
        except (OSError, ValueError):
            return None
        if (
            isinstance(data, dict)
            and data.get("format") == FORMAT
            and isinstance(data.get("files"), dict)
            and isinstance(data.get("folders"), dict)
        ):
            return data["files"], data["folders"]
        return None

    # -- files ----------------------------------------------------------------------
    def lookup(self, path: str, specifier: Optional[str]) -> Optional[Cached]:
        """The cached result of ``path``, if the file and its project are unchanged."""
        absolute = self.absolute(path)
        self.seen.add(absolute)
        entry = self.files.get(absolute)
        if entry is None:
            return None
        try:
            size, mtime_ns, digest, cached_specifier, findings, edits, package, needs = entry
            if cached_specifier != specifier:
                return None
            status = os.stat(path)
            if not stat.S_ISREG(status.st_mode) or status.st_size != size:
                return None
            if status.st_mtime_ns != mtime_ns:
                with open(path, "rb") as handle:
                    if content_digest(handle.read()) != digest:
                        return None
                if not self._racy(status.st_mtime_ns):
                    entry[1] = status.st_mtime_ns  # the same content: trust the new time
                    self.changed = True
            if package is not None:
                fresh = _still_holds(path, package)
                if fresh is None:
                    return None
                if fresh != package and not self._racy(status.st_mtime_ns):
                    entry[6] = fresh  # newer stamps (a file followed was too recent to trust)
                    self.changed = True
            return Cached(
                [_finding(f, path) for f in findings],
                _edits(edits),
                [Need(use, path, line, broken, why) for use, line, broken, why in needs],
            )
        except (OSError, ValueError, TypeError):
            return None  # gone, unreadable, or an entry of another shape: check again

    def store(
        self,
        path: str,
        fingerprint: Fingerprint,
        specifier: Optional[str],
        findings: Iterable[Finding],
        edits: Dict[FindingKey, Tuple[Edit, ...]],
        package: Optional[Consulted] = None,
        needs: Sequence[Need] = (),
    ) -> None:
        size, mtime_ns, digest = fingerprint
        absolute = self.absolute(path)
        self.seen.add(absolute)
        # -1 never equals a time: the content is compared next run.
        stored_mtime = -1 if self._racy(mtime_ns) else mtime_ns
        self.files[absolute] = [
            size,
            stored_mtime,
            digest,
            specifier,
            [_finding_data(f) for f in findings],
            _edits_data(edits),
            None if package is None else package.data(),
            [[n.use, n.line, n.broken, n.why] for n in needs],
        ]
        self.changed = True

    def absolute(self, path: str) -> str:
        """os.path.abspath without asking for the working directory each time."""
        return path if os.path.isabs(path) else os.path.normpath(os.path.join(self.cwd, path))

    def _racy(self, mtime_ns: int) -> bool:
        return mtime_ns > self.started - RACY_NS

    # -- the websockets requirement of each folder ------------------------------------
    def websockets_specifier(self, path: str) -> Optional[str]:
        """As project.websockets_specifier, from the cache while the project files it was
        read from are unchanged."""
        given = os.path.dirname(path)  # the folder as the path names it: no abspath per file
        if given not in self._specifiers:
            self._specifiers[given] = self._folder_specifier(os.path.dirname(self.absolute(path)))
        return self._specifiers[given]

    def _folder_specifier(self, folder: str) -> Optional[str]:
        entry = self.folders.get(folder)
        try:
            if entry is not None:
                specifier, listings, digests = entry
                if all(map(self._same_listing, listings)) and all(self._digest(f) == d for f, d in digests):
                    return specifier  # type: ignore[no-any-return]
        except (OSError, ValueError, TypeError):
            pass
        from .project import websockets_lookup  # reads the requirements: imports packaging

        lookup = websockets_lookup(folder)
        digests = [[f, self._digest(f)] for f in lookup.files]
        # A file changed this lately may have been read before the change: not kept.
        if not any(self._recent(f) for f in lookup.files):
            listings = [[f, list(names), self._trusted_mtime(f)] for f, names in lookup.folders]
            self.folders[folder] = [lookup.specifier, listings, digests]
            self.changed = True
        return lookup.specifier

    def _same_listing(self, listing: List[Any]) -> bool:
        """Whether a folder searched for project files holds the same ones: its time is
        unchanged (adding, removing or renaming a file changes it), or else its listing."""
        folder, names, mtime_ns = listing
        if folder not in self._mtimes:
            try:
                self._mtimes[folder] = os.stat(folder).st_mtime_ns
            except OSError:
                self._mtimes[folder] = None
        if self._mtimes[folder] == mtime_ns:
            return True
        if self._listing(folder) != names:
            return False
        # The same files: trust the new time, once it is old enough to. Until then the
        # stale time stays (the folder is listed again, which is cheap) and the cache is
        # not rewritten for it: a project root where files come and go (an editor's swap
        # file, a build folder) would otherwise cost every run a rewrite.
        trusted = self._trusted_mtime(folder)
        if trusted != -1:
            listing[2] = trusted
            self.changed = True
        return True

    def _trusted_mtime(self, path: str) -> int:
        """The modification time to compare next run; -1 (never equal) if it is so recent
        that the path may change again within the same tick."""
        try:
            mtime_ns = os.stat(path).st_mtime_ns
        except OSError:
            return -1
        return -1 if self._racy(mtime_ns) else mtime_ns

    def _listing(self, folder: str) -> List[str]:
        if folder not in self._listings:
            from .project import project_files

            self._listings[folder] = [os.path.basename(f) for f in project_files(folder)]
        return self._listings[folder]

    def _digest(self, path: str) -> Optional[str]:
        if path not in self._digests:
            try:
                with open(path, "rb") as handle:
                    self._digests[path] = content_digest(handle.read())
            except OSError:
                self._digests[path] = None
        return self._digests[path]

    def _recent(self, path: str) -> bool:
        """Changed so lately that what was read of it may already be out of date."""
        return self._trusted_mtime(path) == -1 and os.path.exists(path)

    # -- writing --------------------------------------------------------------------
    def save(self, walked: Sequence[str] = ()) -> Optional[str]:
        """Write the cache if anything changed; entries under the folders ``walked`` that
        this run did not see (deleted or now excluded files) are dropped. Returns why the
        cache could not be written, or None."""
        roots = tuple(os.path.join(os.path.abspath(folder), "") for folder in walked)
        gone = [path for path in self.files if path not in self.seen and path.startswith(roots)]
        for path in gone:
            del self.files[path]
        if not (self.changed or gone):
            return None
        # Runs at the same time (pre-commit starts several) each write the file whole:
        # keep what another one wrote since this one read it, for files this one did not see.
        stored = self._read()
        if stored is not None:
            files, folders = stored
            for path, entry in files.items():
                if path not in self.seen and not path.startswith(roots):
                    self.files[path] = entry
            for folder, entry in folders.items():
                self.folders.setdefault(folder, entry)
        import tempfile

        temporary = None
        try:
            self._make_folder()
            handle, temporary = tempfile.mkstemp(prefix=".tmp-", suffix=".json", dir=self.directory)
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump({"format": FORMAT, "files": self.files, "folders": self.folders}, out, separators=(",", ":"))
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)  # as an open() would make it, not mkstemp's 0600
            os.replace(temporary, self.path)
        except OSError as error:
            if temporary is not None and os.path.exists(temporary):
                os.unlink(temporary)
            return f"cannot write the cache in {self.directory}: {error.strerror or error}"
        self.changed = False
        return None

    def _make_folder(self) -> None:
        if os.path.isdir(self.directory):
            return
        os.makedirs(self.directory, exist_ok=True)
        # As ruff, mypy and pytest do: the folder ignores itself, and says what it is.
        with open(os.path.join(self.directory, ".gitignore"), "w", encoding="utf-8") as out:
            out.write("# Automatically created by netfix-lint.\n*\n")
        with open(os.path.join(self.directory, "CACHEDIR.TAG"), "w", encoding="utf-8") as out:
            out.write(
                "Signature: 8a477f597d28d172789f06886806bc55\n"
                "# This file is a cache directory tag created by netfix-lint.\n"
                "# For information about cache directory tags see https://bford.info/cachedir/\n"
            )
