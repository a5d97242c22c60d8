"""What a run is asked to do with each file (:class:`RunOptions`, the modes) and what it
gives back for one (:class:`FileResult`): shared by the runner (:mod:`netfix_lint.api`),
the per-file work it hands out (:mod:`netfix_lint.per_file`) and the adapters."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from .cache import Fingerprint, ResultCache
from .config import PerFileIgnores
from .model import Edit, Finding, FindingKey, Need
from .settings import CANNOT_CHECK, DEFAULT_SETTINGS, INTERNAL_ERROR, Settings

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (10 ms)
if TYPE_CHECKING:  # pragma: no cover
    from typing import Dict, List, Literal, Optional, Tuple, TypeAlias

    from .package_stamps import Consulted

#: Report findings; rewrite files; print the diff a fix would make.
Mode: TypeAlias = "Literal['check', 'fix', 'diff']"
CHECK: Mode = "check"
FIX: Mode = "fix"
DIFF: Mode = "diff"

#: In place of a file's websockets specifier: not looked up yet. Without a cache only
#: the files that reach a rule need it (no valid specifier reads like this).
UNRESOLVED = "<not looked up>"


@dataclass
class FileResult:
    path: str
    #: What is left to report (diagnostics about the file included).
    findings: List[Finding] = field(default_factory=list)
    fixed: List[Finding] = field(default_factory=list)
    diff: Optional[str] = None
    #: The bytes ``--fix -`` prints: the fixed source in the input's encoding, or the
    #: input exactly as read when nothing changed or it could not be decoded.
    output: Optional[bytes] = None
    #: With ``RunOptions.edits``: the text edits of each remaining finding's fix.
    edits: Dict[FindingKey, Tuple[Edit, ...]] = field(default_factory=dict)
    #: With ``RunOptions.fingerprints``: the file as it was read, for the cache.
    fingerprint: Optional[Fingerprint] = None
    #: What rules learnt from the file's package (its TLS verdict, names bound by other
    #: modules; see :mod:`netfix_lint.package`): the result holds while that does.
    package: Optional[Consulted] = None
    #: What the file's code needs of the websockets release installed (NFX209): the
    #: run checks its project's requirement file against it.
    needs: List[Need] = field(default_factory=list)

    @property
    def could_not_check(self) -> bool:
        return any(f.code in (CANNOT_CHECK, INTERNAL_ERROR) for f in self.findings)

    @property
    def has_news(self) -> bool:
        """Anything to report: findings, fixes or a diff (a clean file has none)."""
        return bool(self.findings or self.fixed or self.diff)


@dataclass(frozen=True)
class RunOptions:
    """How to treat each file of a run."""

    settings: Settings = DEFAULT_SETTINGS
    mode: Mode = CHECK
    #: Extra codes to ignore per file (``per-file-ignores``).
    per_file_ignores: Optional[PerFileIgnores] = None
    #: Describe each fix as text edits (for the JSON and SARIF reports).
    edits: bool = False
    #: Take each file's size, time and digest as it is read (for the cache).
    fingerprints: bool = False

    def settings_for(self, path: str, specifier: Optional[str]) -> Settings:
        """The settings of one file; ``specifier``: its project's websockets versions
        (see ``specifier``), used unless the settings name them."""
        settings = self.settings
        extra = self.per_file_ignores.codes_for(path) if self.per_file_ignores else ()
        if extra:
            settings = dataclasses.replace(settings, ignore=settings.ignore + extra)
        if settings.websockets_version is None and specifier is not None:
            # What the file's own project allows decides NFX202's fix.
            settings = dataclasses.replace(settings, websockets_version=specifier)
        return settings

    def specifier(self, path: str, cache: Optional[ResultCache] = None) -> Optional[str]:
        """The websockets versions to assume for ``path``: the settings', else those its
        project allows."""
        if self.settings.websockets_version is not None:
            return self.settings.websockets_version
        if cache is not None:
            return cache.websockets_specifier(path)
        from .project import websockets_specifier

        return websockets_specifier(path)


DEFAULT_OPTIONS = RunOptions()
