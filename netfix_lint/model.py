"""Results the engine hands to its adapters: frozen, tree-free dataclasses.

The fix operations a finding's fix carries are defined in :mod:`netfix_lint.ops` and
loaded from there on first use (PEP 562): only the rules and the rewriter need them, so
a run served from the cache does without.
"""

from __future__ import annotations

from dataclasses import dataclass, field

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (10 ms)
if TYPE_CHECKING:  # pragma: no cover
    from typing import Any, Final, Literal, Optional, Tuple, TypeAlias

    from .ops import AddHandlerAfter as AddHandlerAfter
    from .ops import AddImport as AddImport
    from .ops import AppendElement as AppendElement
    from .ops import FixOp as FixOp
    from .ops import NodeEdit as NodeEdit
    from .ops import RemoveParameter as RemoveParameter
    from .ops import RemoveUnusedImport as RemoveUnusedImport
    from .ops import RenameKeyword as RenameKeyword
    from .ops import ReplaceExpr as ReplaceExpr
    from .ops import ReplaceStatements as ReplaceStatements
    from .ops import ReplaceText as ReplaceText
    from .ops import RewriteStatusReads as RewriteStatusReads

#: How sure a fix is: "safe" ones ``--fix`` applies, "unsafe" ones only with
#: ``--unsafe-fixes``. The strings are the JSON and SARIF output's.
Safety: TypeAlias = "Literal['safe', 'unsafe']"
SAFE: Final = "safe"
UNSAFE: Final = "unsafe"

_OPS = frozenset(
    {
        "AddHandlerAfter",
        "AddImport",
        "AppendElement",
        "FixOp",
        "NodeEdit",
        "RemoveUnusedImport",
        "RemoveParameter",
        "RenameKeyword",
        "ReplaceStatements",
        "ReplaceExpr",
        "ReplaceText",
        "RewriteStatusReads",
    }
)


def __getattr__(name: str) -> Any:
    if name in _OPS:
        from . import ops

        return getattr(ops, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(frozen=True)
class Fix:
    safety: Safety
    description: str
    ops: Tuple[FixOp, ...] = field(compare=False, repr=False)


@dataclass(frozen=True)
class Related:
    """Evidence for a finding: why it fired, and where that shows (JSON ``related``,
    SARIF ``relatedLocations``)."""

    message: str
    #: 1-based; 0 when the evidence is a whole file.
    line: int = 0
    #: The file, as the run names files; None for the finding's own file.
    path: Optional[str] = None


@dataclass(frozen=True)
class Need:
    """What one place of a module's code needs of the websockets release installed
    (NFX209): collected per module, judged against its project's requirement."""

    #: The use as a message shows it (`websockets.asyncio`, `ws.close_code`).
    use: str
    #: The module, as the run names files, and the line of the use.
    path: str
    line: int
    #: The releases it breaks on, as a PEP 440 specifier ("<13.0", "==14.0.*", ">=17.0").
    broken: str
    #: Why, in a few words ("exists from 13.0").
    why: str
    #: A clause for a failed handshake that 14.0/14.1 break too: where the requirement
    #: admits nothing else, NFX204 reports it.
    handshake: bool = False


@dataclass(frozen=True)
class Finding:
    code: str
    name: str
    message: str
    line: int  # 1-based
    col: int  # 1-based, in characters
    end_line: int
    end_col: int
    path: str = "<string>"
    fix: Optional[Fix] = None
    related: Tuple[Related, ...] = ()

    @property
    def sort_key(self) -> Tuple[str, int, int, str]:
        return (self.path, self.line, self.col, self.code)


@dataclass(frozen=True)
class FixResult:
    """What ``fix_source`` did: the new text, what it fixed and what is left."""

    source: str
    fixed: Tuple[Finding, ...]
    remaining: Tuple[Finding, ...]
    #: Why the source could not be fixed, if it could not (round-trip, verification).
    error: Optional[str] = None

    @property
    def changed(self) -> bool:
        return bool(self.fixed)


#: A finding within its file: (line, col, code).
FindingKey: TypeAlias = "Tuple[int, int, str]"


def key(finding: Finding) -> FindingKey:
    return (finding.line, finding.col, finding.code)


@dataclass(frozen=True)
class Edit:
    """Replace the text from (line, col) up to, not including, (end_line, end_col) by
    ``content``; lines and columns are 1-based, columns count characters."""

    line: int
    col: int
    end_line: int
    end_col: int
    content: str
