"""The operations a fix is made of: edits of the libcst tree its finding came from (or,
for requirement files, of the text), applied by :mod:`netfix_lint.rewrite`."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class NodeEdit:
    """An edit of one node of the libcst tree the findings came from (keyed by identity)."""

    target: object = field(compare=False, hash=False, repr=False)
    target_id: int = 0


@dataclass(frozen=True)
class AppendElement(NodeEdit):
    """Add ``code`` as the last element of an except clause, tuple constant or call."""

    code: str = ""


@dataclass(frozen=True)
class AddImport:
    """Add ``statement`` (``import ssl``) with the module's other imports."""

    statement: str
    #: The module the statement imports, used to keep an import block sorted.
    module: str
    #: A node that runs at import time and uses the import: it must go above it.
    used_by: object = field(default=None, compare=False, hash=False, repr=False)


@dataclass(frozen=True)
class ReplaceExpr(NodeEdit):
    """Replace one expression node by ``code`` (``InvalidStatusCode`` -> ``InvalidStatus``)."""

    code: str = ""


@dataclass(frozen=True)
class RewriteStatusReads(NodeEdit):
    """Under a node (an except clause, an ``isinstance`` check's ``and`` chain or ``if``
    body), ``name.status_code`` / ``name.headers`` become ``name.response.status_code`` /
    ``name.response.headers``; with ``either``, ``getattr(name, "response", name).status_code``,
    which reads the same attribute from InvalidStatusCode and InvalidStatus."""

    name: str = ""
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

    code: str = ""
    name: str = ""


@dataclass(frozen=True)
class ReplaceText:
    """Replace ``old`` at (line, col) by ``new``: for files that are not Python."""

    line: int
    col: int
    old: str
    new: str


FixOp = object  # AppendElement | AddImport | ReplaceExpr | RewriteStatusReads | RemoveUnusedImport
