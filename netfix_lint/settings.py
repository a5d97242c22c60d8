"""What a run reports and fixes, and the codes it knows.

Light on purpose (no rules, no parser): a run served from the cache, ``--version`` and
the flake8 plugin under a selection without NFX codes import this and nothing heavier.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import SAFE, Finding

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (10 ms)
if TYPE_CHECKING:  # pragma: no cover
    from typing import Dict, FrozenSet, Optional, Tuple


#: Diagnostics about the run itself: always shown, whatever --select says.
CANNOT_CHECK = "NFX001"
INTERNAL_ERROR = "NFX002"
DIAGNOSTIC_CODES = frozenset({CANNOT_CHECK, INTERNAL_ERROR})

#: Every rule's code and name, known without importing the rules (to check --select
#: and the configuration); the registry refuses a rule that is not listed here.
RULE_NAMES: Dict[str, str] = {
    "NFX101": "ssl-eof-not-caught",
    "NFX102": "ssl-eof-not-suppressed",
    "NFX103": "ssl-eof-errno-check",
    "NFX104": "ssl-eof-tls-unproven",
    "NFX201": "websockets-status-never-caught",
    "NFX202": "websockets-status-version-dependent",
    "NFX203": "websockets-invalid-status-code-elsewhere",
    "NFX204": "websockets-pin-without-handshake-fixes",
    "NFX205": "websockets-connect-argument",
    "NFX206": "websockets-connection-attribute",
    "NFX207": "websockets-handler-signature",
    "NFX208": "websockets-serve-outside-loop",
    "NFX209": "websockets-floor",
}
#: The rules that read requirement files, not Python (flake8 never runs them).
REQUIREMENT_RULES: FrozenSet[str] = frozenset({"NFX204", "NFX209"})
#: Preview rules (SPEC, "Rule maturity"): their precision on a blind sample is below 90%,
#: so they run only when named by their full code in select / extend-select, or with
#: ``preview``. The registry refuses a rule whose ``preview`` flag disagrees.
PREVIEW_RULES: FrozenSet[str] = frozenset({"NFX101", "NFX102", "NFX103", "NFX104", "NFX203", "NFX207"})
#: Stable rules with a preview part (ruff's "preview behavior"): what they report beyond
#: their measured part runs only under the same conditions as a preview rule. NFX206's
#: connection attributes (``ws.open``) are new; its ``InvalidStatus`` reads are stable.
PREVIEW_BEHAVIOUR: FrozenSet[str] = frozenset({"NFX206"})


@dataclass(frozen=True)
class Settings:
    """What to report and fix; built by the CLI or the flake8 plugin from their options."""

    select: Tuple[str, ...] = ("NFX",)
    ignore: Tuple[str, ...] = ()
    extend_select: Tuple[str, ...] = ()
    unsafe_fixes: bool = False
    #: The websockets versions the checked file's project allows (a PEP 440 specifier,
    #: "any", or None for unknown); the CLI fills it per file from the project's files.
    websockets_version: Optional[str] = None
    #: Files that pass the prefilter and are larger than this (in MiB of text) are not
    #: parsed but reported: ``ast`` needs about 400 times a file's size in memory for
    #: dense code (a 30 MB module took 85 s and 12 GB). 0 means no limit.
    max_file_size: float = 10.0
    #: Let NFX101-103 read the other modules of a checked file's package (see
    #: netfix_lint.package). The CLI and the flake8 plugin do; the API stays pure (no
    #: I/O) unless asked.
    read_package: bool = False
    #: Run preview rules wherever the selection reaches them, not only where it names them.
    preview: bool = False

    def enabled(self, code: str) -> bool:
        """Like flake8 and ruff: the longest matching prefix wins; a tie goes to ignore.
        A preview rule counts as selected only by its full code, unless ``preview`` is on
        (ruff's explicit-preview-rules: ``--select NFX1`` does not turn NFX103 on)."""
        if code in DIAGNOSTIC_CODES:
            return True
        selecting = (*self.select, *self.extend_select)
        if code in PREVIEW_RULES and not self.preview:
            selecting = tuple(p for p in selecting if p == code)
        chosen = max((len(p) for p in selecting if code.startswith(p)), default=-1)
        ignored = max((len(p) for p in self.ignore if code.startswith(p)), default=-1)
        return chosen > ignored

    def previews(self, code: str) -> bool:
        """Whether ``code``'s preview part runs: with ``preview``, or when select /
        extend-select name the code in full (as for a preview rule)."""
        return self.preview or code in (*self.select, *self.extend_select)

    def applies(self, finding: Finding) -> bool:
        """Whether ``--fix`` applies this finding's fix under these settings."""
        fix = finding.fix
        return fix is not None and (fix.safety == SAFE or self.unsafe_fixes)


DEFAULT_SETTINGS = Settings()


def diagnostic(code: str, message: str, path: str, line: int = 1, col: int = 1) -> Finding:
    name = "cannot-check-file" if code == CANNOT_CHECK else "internal-error"
    return Finding(code, name, message, line, col, line, col, path=path)
