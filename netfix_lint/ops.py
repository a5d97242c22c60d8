"""The operations a fix is made of: edits of the node a :class:`~netfix_lint.facts.Target`
names (found in a libcst tree of the checked text by :mod:`netfix_lint.locate`) or, for
requirement files, of the text; applied by :mod:`netfix_lint.rewrite`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Optional, Union

from .facts import Target


@dataclass(frozen=True)
class NodeEdit:
    """An edit of one node, named by its kind and span in the checked text."""

    target: Target


@dataclass(frozen=True)
class AppendElement(NodeEdit):
    """Add ``code`` as the last element of an except clause, tuple constant or call."""

    code: str


@dataclass(frozen=True)
class AddImport:
    """Add ``statement`` (``import ssl``) with the module's other imports."""

    statement: str
    #: The module the statement imports, used to keep an import block sorted.
    module: str
    #: A node that runs at import time and uses the import: it must go above it.
    used_by: Optional[Target] = field(default=None, compare=False, hash=False, repr=False)


@dataclass(frozen=True)
class ReplaceExpr(NodeEdit):
    """Replace one expression node by ``code`` (``InvalidStatusCode`` -> ``InvalidStatus``)."""

    code: str


@dataclass(frozen=True)
class RewriteStatusReads(NodeEdit):
    """Under a node (an except clause, an ``isinstance`` check's ``and`` chain or ``if``
    body), ``name.status_code`` / ``name.headers`` become ``name.response.status_code`` /
    ``name.response.headers``; with ``either``, ``getattr(name, "response", name).status_code``,
    which reads the same attribute from InvalidStatusCode and InvalidStatus."""

    name: str
    either: bool = False


@dataclass(frozen=True)
class RemoveUnusedImport:
    """Drop the top-level ``from ... import X [as name]`` binding ``name`` if, after the
    other edits, nothing else in the module mentions ``name``."""

    name: str


@dataclass(frozen=True)
class AddHandlerAfter(NodeEdit):
    """Insert a copy of an except clause right after it, catching ``code`` instead, with
    ``name.status_code`` / ``name.headers`` read through ``.response``."""

    code: str
    name: str


@dataclass(frozen=True)
class RenameKeyword(NodeEdit):
    """In a call, the keyword argument ``old=`` becomes ``new=`` (its value kept)."""

    old: str
    new: str


@dataclass(frozen=True)
class RemoveParameter(NodeEdit):
    """In a function (its scope's target), the parameter ``name`` is taken away."""

    name: str


@dataclass(frozen=True)
class ReplaceStatements(NodeEdit):
    """The statements of one block from ``target`` to ``last`` become ``code`` (one or
    more statements, written at no indentation)."""

    last: Target
    code: str


@dataclass(frozen=True)
class ReplaceText:
    """Replace ``old`` at (line, col) by ``new``: for files that are not Python."""

    line: int
    col: int
    old: str
    new: str


FixOp = Union[
    AppendElement,
    AddImport,
    ReplaceExpr,
    RewriteStatusReads,
    RemoveUnusedImport,
    AddHandlerAfter,
    RenameKeyword,
    RemoveParameter,
    ReplaceStatements,
    ReplaceText,
]


def targets_of(op: FixOp) -> List[Target]:
    """The nodes ``op`` names: the one it edits, and the one an import must go above."""
    targets = [op.target] if isinstance(op, NodeEdit) else []
    if isinstance(op, AddImport) and op.used_by is not None:
        targets.append(op.used_by)
    if isinstance(op, ReplaceStatements):
        targets.append(op.last)
    return targets
