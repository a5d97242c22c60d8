"""The engine: pure functions from source text to findings.

It knows nothing of files, options or output. Checking runs a cheap text filter, then
the stdlib ``ast`` (the one tree facts come from); fixing is :mod:`netfix_lint.codemod`.
"""

from __future__ import annotations

import ast
import dataclasses
import functools
import gc
import io
import os
import re
import sys
import tokenize
import warnings
from typing import (
    TYPE_CHECKING,
    Any,
    Callable,
    Dict,
    FrozenSet,
    Iterable,
    List,
    Optional,
    Pattern,
    Sequence,
    Set,
    Tuple,
    TypeVar,
)

from . import facts_ast
from .context import NO_PATH, RuleContext, module_text
from .facts import ModuleFacts, physical_lines
from .model import SAFE, Finding, Fix, FixResult, Need, ReplaceText
from .newer_syntax import older_form, restore_columns
from .package import DiskPackage
from .prefilter import first_in_context
from .rules import all_rules
from .rules.base import Rule
from .settings import CANNOT_CHECK as CANNOT_CHECK  # the engine's public names, re-exported
from .settings import DEFAULT_SETTINGS as DEFAULT_SETTINGS
from .settings import DIAGNOSTIC_CODES as DIAGNOSTIC_CODES
from .settings import INTERNAL_ERROR as INTERNAL_ERROR
from .settings import PREVIEW_BEHAVIOUR
from .settings import Settings as Settings
from .settings import diagnostic as diagnostic

if TYPE_CHECKING:  # pragma: no cover
    pass

T = TypeVar("T")


class RuleSet:
    """The enabled rules of one configuration and their combined text filter."""

    _cache: Dict[Settings, RuleSet] = {}

    def __init__(self, settings: Settings) -> None:
        self.rules = [rule() for rule in all_rules() if settings.enabled(rule.code) and rule.reads == "python"]
        # One search per alternative: each starts with a literal, which ``re`` finds
        # with a fast scan, where one joined pattern is tried at every position. Each
        # keeps the contexts its rules need (none if one rule takes it anywhere), per
        # set of words its rules also need.
        contexts: Dict[Tuple[str, Tuple[str, ...]], Optional[Set[str]]] = {}
        codes: Dict[Tuple[str, Tuple[str, ...]], Set[str]] = {}
        for rule in self.rules:
            trigger = rule.trigger
            if rule.preview_trigger is not None and settings.previews(rule.code):
                trigger = rule.preview_trigger
            for part in _top_level_alternatives(trigger.pattern):
                key = (part, rule.trigger_needs)
                codes.setdefault(key, set()).add(rule.code)
                known = contexts.setdefault(key, set())
                if rule.trigger_context is None or known is None:
                    contexts[key] = None
                else:
                    known.add(rule.trigger_context)
        self.triggers: List[Tuple[Pattern[str], Optional[FrozenSet[str]], Tuple[str, ...]]] = [
            (re.compile(part), None if kinds is None else frozenset(kinds), needs)
            for (part, needs), kinds in sorted(contexts.items(), key=lambda item: item[0])
        ]
        # The literal each alternative starts with: ``in`` finds it faster than ``re``.
        self._searches = [(_literal_start(t.pattern), t, kinds, needs) for t, kinds, needs in self.triggers]
        #: The codes of the rules each search is for (a search serves several rules).
        self._codes = [frozenset(codes[(t.pattern, needs)]) for t, _, needs in self.triggers]
        self._gates = _gates({literal for literal, *_ in self._searches})
        #: Words that must all occur, for rules that may report through a name another
        #: module of the package binds (only in runs that read packages).
        package: Dict[Tuple[str, ...], Set[str]] = {}
        for rule in self.rules:
            if rule.package_words and settings.read_package:
                package.setdefault(rule.package_words, set()).add(rule.code)
        self.package_words = sorted(package)
        self._package_codes = [frozenset(package[words]) for words in self.package_words]

    @classmethod
    def of(cls, settings: Settings) -> RuleSet:
        if settings not in cls._cache:
            cls._cache[settings] = cls(settings)
        return cls._cache[settings]

    def may_match(self, source: str) -> bool:
        """Whether a rule may report on ``source``: a trigger matches where it counts."""
        # Each word is scanned for at most once a file, and not at all when the gate of
        # the words with its first letter finds none (``_gates``): a scan costs ~10 ms
        # on the stdlib, and most files hold none of the words.
        # (A method, not a closure: a closure that calls itself is a reference cycle,
        # which would keep every file's text alive while the CLI runs without the
        # cycle collector.)
        seen: Dict[str, bool] = {}
        return any(
            all(self._has(word, source, seen) for word in needs)
            and self._has(literal, source, seen)
            and first_in_context(trigger, source, kinds)
            for literal, trigger, kinds, needs in self._searches
        ) or any(all(self._has(word, source, seen) for word in words) for words in self.package_words)

    def matching(self, source: str) -> List[Rule]:
        """The rules that may report on ``source``: those whose trigger matches where it
        counts (or whose package words all occur). A rule not among them cannot report,
        so it is not run (NFX201-203 cost 28 ms on the stdlib's 23 parsed files, where
        none of them can fire)."""
        seen: Dict[str, bool] = {}
        codes: Set[str] = set()
        for (literal, trigger, kinds, needs), searched in zip(self._searches, self._codes):
            if not searched <= codes and (
                all(self._has(word, source, seen) for word in needs)
                and self._has(literal, source, seen)
                and first_in_context(trigger, source, kinds)
            ):
                codes |= searched
        for words, searched in zip(self.package_words, self._package_codes):
            if not searched <= codes and all(self._has(word, source, seen) for word in words):
                codes |= searched
        return [rule for rule in self.rules if rule.code in codes]

    def _has(self, word: str, source: str, seen: Dict[str, bool]) -> bool:
        """Whether ``word`` occurs in ``source``, remembered in ``seen`` (its group's
        gate too, under the gate's pattern)."""
        found = seen.get(word)
        if found is None:
            gate = self._gates.get(word)
            if gate is not None:
                opened = seen.get(gate.pattern)
                if opened is None:
                    opened = seen[gate.pattern] = gate.search(source) is not None
                if not opened:
                    seen[word] = False
                    return False
            found = seen[word] = word in source
        return found

    def run(
        self, facts: ModuleFacts, path: str, settings: Settings, rules: Optional[List[Rule]] = None
    ) -> List[Finding]:
        """The findings of ``rules`` (by default every enabled rule) on a module."""
        context = rule_context(facts, path, settings)
        chosen = self.rules if rules is None else rules
        findings = [dataclasses.replace(finding, path=path) for rule in chosen for finding in rule.check(context)]
        return sorted(findings, key=lambda f: f.sort_key)


def rule_context(facts: ModuleFacts, path: str, settings: Settings) -> RuleContext:
    """What the rules read for one check of a module: its package on disk in a run that
    reads packages, else (and for text that is no file) the module alone, with no I/O."""
    previewing = frozenset(code for code in PREVIEW_BEHAVIOUR if settings.previews(code))
    if not settings.read_package or path == NO_PATH:
        return RuleContext(facts, websockets_spec=settings.websockets_version, previewing=previewing)
    package = DiskPackage(path, functools.partial(module_text, facts))
    return RuleContext(facts, package, settings.websockets_version, path, previewing)


def _gates(literals: Set[str]) -> Dict[str, Pattern[str]]:
    """Literals that start with the same character share one regex of them all
    (``E(?:CONNABORTED|CONNRESET|SHUTDOWN|PIPE)``), searched first: ``re`` scans for the
    shared first character in C, so one search rules out the group in most files (the
    four errno names: 13 ms on the stdlib, where ``in`` took 37 ms for three prefixes).
    Literals with different first characters are not joined: that regex tries every
    position (over 300 ms)."""
    groups: Dict[str, List[str]] = {}
    for literal in literals:
        groups.setdefault(literal[:1], []).append(literal)
    gates: Dict[str, Pattern[str]] = {}
    for first, members in groups.items():
        if first and len(members) > 1:
            tails = sorted((re.escape(m[1:]) for m in members), key=lambda tail: (-len(tail), tail))
            gates.update(dict.fromkeys(members, re.compile(f"{re.escape(first)}(?:{'|'.join(tails)})")))
    return gates


def _literal_start(pattern: str) -> str:
    """The letters a pattern's every match starts with (``Connection`` of ``Connection(?:...``)."""
    letters = len(pattern) - len(pattern.lstrip("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"))
    if pattern[letters : letters + 1] in ("?", "*", "{"):
        letters -= 1  # ``ab?``: the b may be missing
    return pattern[: max(letters, 0)]


def _top_level_alternatives(pattern: str) -> List[str]:
    """``a(?:b|c)|d`` -> [``a(?:b|c)``, ``d``]."""
    parts, depth, start, escaped = [], 0, 0, False
    for index, char in enumerate(pattern):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:index])
            start = index + 1
    return [*parts, pattern[start:]]


def parse_error(error: SyntaxError, path: str) -> Finding:
    line = error.lineno or 1
    col = (error.offset or 1) if error.lineno else 1
    return diagnostic(CANNOT_CHECK, f"Cannot parse: {error.msg}", path, line, max(col, 1))


# -- checking ---------------------------------------------------------------------------


def check_source(
    source: str, path: str = "<string>", settings: Settings = DEFAULT_SETTINGS, tree: Optional[ast.Module] = None
) -> List[Finding]:
    """Findings for ``source``, after ``# noqa`` comments; a parse failure is a finding.
    ``tree``: the ``ast`` tree of ``source``, if the caller has already built it."""
    rules = RuleSet.of(settings)
    if not rules.may_match(source):
        return []
    size = len(source) / 2**20
    if settings.max_file_size and size > settings.max_file_size:
        message = (
            f"Not checked: {size:.1f} MiB is over the {settings.max_file_size:g} MiB limit for "
            "files to parse (raise it with --max-file-size, 0 for no limit)"
        )
        return [diagnostic(CANNOT_CHECK, message, path)]
    try:
        tree = tree if tree is not None else parse_quietly(source, path)
    except SyntaxError as error:
        return [parse_error(error, path)]
    except (ValueError, RecursionError, MemoryError) as error:
        return [diagnostic(CANNOT_CHECK, f"Cannot parse: {type(error).__name__}: {error}", path)]
    return apply_noqa(check_tree(tree, source, path, settings), source)


def free_cycles() -> None:
    """Free what a check left in reference cycles: its facts (scopes and their bindings
    point at each other, ~10,000 objects for a large module), which hold its ``ast``
    tree, a few hundred bytes per byte of source. The CLI and a fix run without the
    automatic collector, so these would stay (memory growing with the corpus: 43 MiB
    for the stdlib, 138 MiB for ten copies; a fix would hold two trees at once). Then
    the youngest generation holds little but this file's objects, so this is cheap. With
    the collector on (a program using the API), the young generations: a full collection
    walks the caller's whole heap, seconds per file in a large process."""
    gc.collect(0 if not gc.isenabled() else 1)


def parse_quietly(source: str, path: str) -> ast.Module:
    """``ast.parse`` without the SyntaxWarnings (``"\\d"``, ``True()``) that compiling
    prints to stderr: they are about the user's code, which we are not here to lint.
    Python 3.14's unparenthesized ``except A, B:``, 3.12's type parameters and 3.14's
    template strings parse on every Python (:mod:`netfix_lint.newer_syntax`)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return ast.parse(source, filename=path)
        except SyntaxError:
            # Newer syntax than this Python's (PEP 758 clauses on 3.13 and earlier, PEP
            # 695 type parameters on 3.11): parsed in a form it reads, with the same
            # positions; else the first error.
            newer = older_form(source)
            if newer is None:
                raise
            try:
                return restore_columns(ast.parse(newer, filename=path), source, newer)
            except SyntaxError:
                pass
            raise


def check_tree(
    tree: ast.Module, source: str, path: str = "<string>", settings: Settings = DEFAULT_SETTINGS
) -> List[Finding]:
    """Findings from an ``ast`` tree already built (flake8 builds one), before noqa."""
    rules = RuleSet.of(settings)
    chosen = rules.matching(source)
    if not chosen:
        return []
    try:
        facts = deep(facts_ast.extract, tree, physical_lines(source))
    except RecursionError:
        return [diagnostic(CANNOT_CHECK, "Cannot check: too deeply nested", path)]
    return rules.run(facts, path, settings, chosen)


#: The recursion limit for a second try at a tree walk that was too deep for the
#: default (a 400-term ``"a" + "a" + ...`` is 400 levels of BinOp). From 3.11 Python
#: calls no longer use the C stack, so a high limit is safe there.
DEEP_RECURSION_LIMIT = 50_000 if sys.version_info >= (3, 11) else 8_000


def deep(function: Callable[..., T], *args: Any) -> T:
    """Run a recursive tree walk; if it hits the recursion limit, retry once with more."""
    try:
        return function(*args)
    except RecursionError:
        limit = sys.getrecursionlimit()
        sys.setrecursionlimit(max(limit, DEEP_RECURSION_LIMIT))
        try:
            return function(*args)
        finally:
            sys.setrecursionlimit(limit)


# -- requirement files (NFX204) -----------------------------------------------------------


def check_requirements(
    text: str, path: str, settings: Settings = DEFAULT_SETTINGS, needs: Sequence[Need] = ()
) -> List[Finding]:
    """Findings in a requirements*.txt, pyproject.toml or setup.cfg; ``needs``: what the
    code of the project that reads it needs of websockets (NFX209, see websockets_needs)."""
    from .rules import websockets_floor as floor
    from .rules import websockets_pins as pins

    if "websockets" not in text.lower():
        if not (needs and settings.enabled(floor.CODE) and os.path.isfile(path)):
            return []
        from .project import lists_without_websockets

        if not lists_without_websockets(path):
            return []
        return apply_noqa(floor.undeclared_findings(text, path, needs), text)
    findings = []
    if settings.enabled(pins.CODE):
        findings += [
            Finding(
                pins.CODE,
                pins.NAME,
                pins.pin_message(pin),
                pin.line,
                pin.col,
                pin.line,
                pin.end_col,
                path=path,
                fix=None
                if pin.new is None
                else Fix(SAFE, f"Use `{pin.new}`", (ReplaceText(pin.line, pin.col, pin.old, pin.new),)),
            )
            for pin in pins.find_pins(text, path)
        ]
    if settings.enabled(floor.CODE) and needs:
        from .project import install_floor

        # Whether the install the file describes states a floor (read from disk, with
        # its includes; else from the text alone): a name with no version adds nothing.
        floored = install_floor(path) if os.path.isfile(path) else None
        findings += floor.floor_findings(text, path, needs, floored)
    return apply_noqa(sorted(findings, key=lambda f: f.sort_key), text)


def fix_requirements(
    text: str, path: str, settings: Settings = DEFAULT_SETTINGS, needs: Sequence[Need] = ()
) -> FixResult:
    """NFX204's fixes, then NFX209's on the text they leave (a raised 14.x bound may be
    all NFX209 wanted)."""
    findings = check_requirements(text, path, settings, needs)
    todo = [f for f in findings if settings.applies(f)]
    if not todo:
        return FixResult(text, (), tuple(findings))
    new, done = text, []
    for code in ("NFX204", "NFX209"):
        chosen = [f for f in check_requirements(new, path, settings, needs) if f.code == code and settings.applies(f)]
        new = _replace_texts(new, chosen)
        done += chosen
    remaining = check_requirements(new, path, settings, needs)
    chosen_lines = {(f.line, f.code) for f in done}
    if any((f.line, f.code) in chosen_lines for f in remaining):
        return FixResult(
            text, (), tuple(findings), "internal error, fix not applied: a fixed requirement is still reported"
        )
    return FixResult(new, tuple(done), tuple(remaining))


def _replace_texts(text: str, findings: Sequence[Finding]) -> str:
    """Apply the ReplaceText ops of requirement findings (one per line)."""
    lines = text.splitlines(keepends=True)
    for finding in findings:
        for op in finding.fix.ops if finding.fix is not None else ():
            assert isinstance(op, ReplaceText)
            line = lines[op.line - 1]
            start = op.col - 1
            if line[start : start + len(op.old)] == op.old:
                lines[op.line - 1] = line[:start] + op.new + line[start + len(op.old) :]
    return "".join(lines)


def websockets_needs(source: str, path: str, settings: Settings = DEFAULT_SETTINGS) -> List[Need]:
    """What a module's code needs of the websockets release installed (NFX209): its
    project's requirement file is checked against them. Nothing for a module that does
    not name websockets or cannot be parsed."""
    from .rules import websockets_floor as floor

    if not settings.enabled(floor.CODE) or "websockets" not in source:
        return []
    try:
        tree = parse_quietly(source, path)
        facts = deep(facts_ast.extract, tree, physical_lines(source))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return []
    # (Its package too, in a run that reads packages: a caught name bound in another module.)
    needs = floor.module_needs(rule_context(facts, path, settings), path)
    if not needs:
        return []
    noqa = noqa_lines(source) if _MAY_NOQA.search(source) else {}
    return [n for n in needs if not is_noqa(floor.CODE, noqa.get(n.line, ""))]


# -- noqa, exactly as flake8 reads it ------------------------------------------------------

NOQA_INLINE = re.compile(r"# noqa(?::[\s]?(?P<codes>([A-Z]+[0-9]+(?:[,\s]+)?)+))?", re.IGNORECASE)
NOQA_FILE = re.compile(r"\s*# (?:flake8|netfix-lint)[:=]\s*noqa", re.IGNORECASE)
#: Our own file-level marker, which flake8 does not know: the plugin honours it itself.
OWN_NOQA_FILE = re.compile(r"\s*# netfix-lint[:=]\s*noqa", re.IGNORECASE)
_CODE_SEPARATOR = re.compile(r"[,\s]")


_MAY_NOQA = re.compile("noqa", re.IGNORECASE)


def file_is_noqa(lines: Iterable[str]) -> bool:
    return any(NOQA_FILE.match(line) for line in lines)


def noqa_lines(source: str) -> Dict[int, str]:
    """flake8's mapping from a line to the text searched for ``# noqa``: a statement or
    string spanning several lines is one unit, so a comment on any of its lines counts."""
    lines = physical_lines(source, keepends=True)
    mapping: Dict[int, str] = {}
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, SyntaxError):
        return mapping
    first, last = len(lines) + 2, -1
    for token in tokens:
        if token.type in (tokenize.ENDMARKER, tokenize.DEDENT):
            continue
        first, last = min(first, token.start[0]), max(last, token.end[0])
        if token.type in (tokenize.NL, tokenize.NEWLINE):
            joined = "".join(lines[first - 1 : last])
            mapping.update(dict.fromkeys(range(first, last + 1), joined))
            first, last = len(lines) + 2, -1
    return mapping


def is_noqa(code: str, text: str) -> bool:
    match = NOQA_INLINE.search(text)
    if match is None:
        return False
    codes_text = match.group("codes")
    if codes_text is None:
        return True
    codes = [c.strip() for c in _CODE_SEPARATOR.split(codes_text) if c.strip()]
    return code in codes or code.startswith(tuple(codes))


def apply_noqa(findings: List[Finding], source: str) -> List[Finding]:
    if not findings or not _MAY_NOQA.search(source):
        return findings  # no "noqa" anywhere: nothing to tokenize for
    lines = physical_lines(source)
    if file_is_noqa(lines):
        return [f for f in findings if f.code in DIAGNOSTIC_CODES]
    mapping = noqa_lines(source)
    kept = []
    for finding in findings:
        text = mapping.get(finding.line)
        if text is None:
            text = lines[finding.line - 1] if 0 < finding.line <= len(lines) else ""
        if finding.code in DIAGNOSTIC_CODES or not is_noqa(finding.code, text):
            kept.append(finding)
    return kept
