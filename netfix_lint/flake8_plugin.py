"""The flake8 adapter: reuses the ``ast`` tree flake8 already built; flake8 applies noqa."""

from __future__ import annotations

import ast
from typing import Iterator, List, Tuple, Type

from . import __version__
from .engine import OWN_NOQA_FILE, check_tree


class Plugin:
    name = "netfix-lint"
    version = __version__

    def __init__(self, tree: ast.Module, lines: List[str], filename: str = "<string>") -> None:
        self.tree = tree
        self.lines = lines
        self.filename = filename

    def run(self) -> Iterator[Tuple[int, int, str, Type["Plugin"]]]:
        if any(OWN_NOQA_FILE.match(line) for line in self.lines):
            return  # flake8 knows "# flake8: noqa"; "# netfix-lint: noqa" is ours to honour
        source = "".join(self.lines)
        for finding in check_tree(self.tree, source, self.filename):
            # flake8 wants a 0-based column and prints it plus one, as the CLI does.
            yield finding.line, finding.col - 1, f"{finding.code} {finding.message}", type(self)
