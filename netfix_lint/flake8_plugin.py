"""The flake8 adapter: reuses the ``ast`` tree flake8 already built; flake8 applies noqa.

Installed, the plugin runs on every file of every flake8 run, so it bails out early:
when flake8 would drop all of our codes anyway (``--select E722``), and when the file's
text cannot match any rule's trigger, before any other per-file work. It imports the
engine only when flake8 may show one of our codes, once, before flake8 starts its
worker processes (which inherit it).
"""

from __future__ import annotations

import argparse
import ast
import dataclasses
from typing import Any, Callable, ClassVar, Iterator, List, Optional, Tuple, Type

from . import __version__
from .project import validate_specifier, websockets_specifier
from .settings import DIAGNOSTIC_CODES, PREVIEW_BEHAVIOUR, PREVIEW_RULES, REQUIREMENT_RULES, RULE_NAMES, Settings


def _python_prefilter(settings: Settings) -> Callable[[str], bool]:
    """A rule that reads Python files can match only where its trigger matches in
    context: the engine's own prefilter, for the rules these settings run."""
    from .engine import RuleSet

    return RuleSet.of(settings).may_match


def _codes_flake8_reports(options: Any) -> bool:
    """Whether flake8's --select/--ignore (and friends) leave any of our codes shown."""
    try:
        from flake8.style_guide import Decision, DecisionEngine

        decider = DecisionEngine(options)
        codes = [code for code in RULE_NAMES if code not in REQUIREMENT_RULES] + sorted(DIAGNOSTIC_CODES)
        return any(decider.decision_for(code) == Decision.Selected for code in codes)
    except Exception:  # another flake8 than the ones we know: run, as without this check
        return True


def _named_preview_rules(options: Any) -> Tuple[str, ...]:
    """The preview rules (and rules with a preview part) flake8's --select /
    --extend-select name by their full code: those run without --netfix-preview, as with
    the CLI (a prefix like NFX1 does not)."""
    named = {
        str(code).strip().upper()
        for option in ("select", "extend_select")
        for code in (getattr(options, option, None) or ())
    }
    return tuple(sorted(named & (PREVIEW_RULES | PREVIEW_BEHAVIOUR)))


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
    #: ``--netfix-preview``: run the preview rules too (flake8's selection still applies).
    preview = False
    #: Preview rules flake8's selection names by their full code: they run anyway.
    named_preview: Tuple[str, ...] = ()
    #: False when flake8 would not show any NFX code: then the plugin does nothing.
    enabled = True
    #: The engine's prefilter, loaded when the plugin is enabled (None until then).
    prefilter: ClassVar[Optional[Callable[[str], bool]]] = None

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
        manager.add_option(
            "--netfix-preview",
            action="store_true",
            default=False,
            parse_from_config=True,
            help="also run netfix-lint's preview rules (" + ", ".join(sorted(PREVIEW_RULES)) + ") and the "
            "preview parts of " + ", ".join(sorted(PREVIEW_BEHAVIOUR)) + "; without it they run only when "
            "--select or --extend-select names the full code",
        )

    @classmethod
    def parse_options(cls, options: Any) -> None:
        cls.websockets_version = getattr(options, "netfix_websockets_version", None) or None
        cls.preview = bool(getattr(options, "netfix_preview", False))
        cls.named_preview = _named_preview_rules(options)
        cls.enabled = _codes_flake8_reports(options)
        if cls.enabled:
            cls.prefilter = _python_prefilter(cls.settings())

    @classmethod
    def settings(cls) -> Settings:
        """What this flake8 run asks of the engine (flake8 then applies its own selection)."""
        return Settings(read_package=True, preview=cls.preview, extend_select=cls.named_preview)

    def __init__(self, tree: ast.Module, lines: List[str], filename: str = "<string>") -> None:
        self.tree = tree
        self.lines = lines
        self.filename = filename

    def run(self) -> Iterator[Tuple[int, int, str, Type[Plugin]]]:
        if not self.enabled:
            return
        if Plugin.prefilter is None:  # run without parse_options (the API, tests)
            Plugin.prefilter = _python_prefilter(self.settings())
        source = "".join(self.lines)
        if not Plugin.prefilter(source):
            return  # the common case: no rule can match, so skip the project lookup too
        from .engine import OWN_NOQA_FILE, check_tree
        from .package import take_consulted

        if any(OWN_NOQA_FILE.match(line) for line in self.lines):
            return  # flake8 knows "# flake8: noqa"; "# netfix-lint: noqa" is ours to honour
        versions = self.websockets_version or websockets_specifier(self.filename)
        settings = dataclasses.replace(self.settings(), websockets_version=versions)
        findings = check_tree(self.tree, source, self.filename, settings)
        take_consulted(self.filename)  # flake8 keeps no cache: forget what the check learnt
        for finding in findings:
            # flake8 wants a 0-based column and prints it plus one, as the CLI does.
            yield finding.line, finding.col - 1, f"{finding.code} {finding.message}", type(self)
