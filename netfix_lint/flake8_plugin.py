"""The flake8 adapter: reuses the ``ast`` tree flake8 already built; flake8 applies noqa."""

from __future__ import annotations

import argparse
import ast
from typing import Any, Iterator, List, Optional, Tuple, Type

from . import __version__
from .engine import OWN_NOQA_FILE, Settings, check_tree
from .project import validate_specifier, websockets_specifier


def _specifier(value: str) -> str:
    try:
        return validate_specifier(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


class Plugin:
    name = "netfix-lint"
    version = __version__
    #: ``--netfix-websockets-version`` (or ``netfix-websockets-version`` in flake8's config).
    websockets_version: Optional[str] = None

    @classmethod
    def add_options(cls, manager: Any) -> None:
        # parse_from_config: also read as ``netfix-websockets-version`` (or with
        # underscores) from the [flake8] section of setup.cfg, tox.ini or .flake8; argparse
        # runs ``type`` on config values too, so a bad one is a usage error, not a traceback.
        manager.add_option(
            "--netfix-websockets-version",
            default=None,
            type=_specifier,
            parse_from_config=True,
            help="websockets versions to assume for NFX202 (e.g. '>=15', 'any'); "
            "default: the nearest pyproject.toml, requirements*.txt or setup.cfg",
        )

    @classmethod
    def parse_options(cls, options: Any) -> None:
        cls.websockets_version = getattr(options, "netfix_websockets_version", None) or None

    def __init__(self, tree: ast.Module, lines: List[str], filename: str = "<string>") -> None:
        self.tree = tree
        self.lines = lines
        self.filename = filename

    def run(self) -> Iterator[Tuple[int, int, str, Type["Plugin"]]]:
        if any(OWN_NOQA_FILE.match(line) for line in self.lines):
            return  # flake8 knows "# flake8: noqa"; "# netfix-lint: noqa" is ours to honour
        source = "".join(self.lines)
        versions = self.websockets_version or websockets_specifier(self.filename)
        settings = Settings(websockets_version=versions)
        for finding in check_tree(self.tree, source, self.filename, settings):
            # flake8 wants a 0-based column and prints it plus one, as the CLI does.
            yield finding.line, finding.col - 1, f"{finding.code} {finding.message}", type(self)
