"""What every rule is: a code, a name, docs, examples, a fix safety and a check; and
how a check makes a finding."""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass
from typing import ClassVar, Dict, Iterator, List, Literal, Optional, Pattern, Tuple, Type

from ..context import RuleContext
from ..facts import Expr, Span
from ..model import Finding, Fix, Related, Safety
from ..settings import PREVIEW_BEHAVIOUR, PREVIEW_RULES, REQUIREMENT_RULES, RULE_NAMES

#: What a rule reads: Python modules (their facts) or requirement files.
Reads = Literal["python", "requirements"]


@dataclass(frozen=True)
class Invalid:
    """An example that must fire ``count`` times, and what ``--fix`` must make of it."""

    source: str
    fixed: Optional[str] = None  # None: no fix is offered (or only an unsafe one)
    count: int = 1
    unsafe_fixed: Optional[str] = None  # the result with --unsafe-fixes
    #: The oldest Python whose grammar has the example's syntax (``except*``: 3.11).
    min_python: Tuple[int, int] = (3, 9)
    #: The websockets versions the example's project allows (None: unknown, any).
    websockets_version: Optional[str] = None


class Rule:
    """Base class; a subclass's docstring is its user documentation (``--explain``)."""

    code: ClassVar[str]
    name: ClassVar[str]
    #: safe, unsafe or None (report only).
    fix_safety: ClassVar[Optional[Safety]]
    #: A cheap regular expression over the source: no match, no finding possible.
    trigger: ClassVar[Pattern[str]]
    #: Where a match must stand to count (``prefilter.CAUGHT`` or ``COMPARED``), read off
    #: the facts the rule reports from; None: anywhere.
    trigger_context: ClassVar[Optional[str]] = None
    #: The trigger when the rule's preview part runs too (``Settings.previews``), for a
    #: rule whose preview part reads other words than its default part; None: ``trigger``.
    preview_trigger: ClassVar[Optional[Pattern[str]]] = None
    #: A further trigger, for runs that read the file's package
    #: (``Settings.read_package``): words that must all occur in the text for the rule
    #: to report through a name another module binds.
    package_words: ClassVar[Tuple[str, ...]] = ()
    #: Words that must all occur in the text besides the trigger (wherever they stand):
    #: without one of them the rule cannot report, whatever its trigger matched.
    trigger_needs: ClassVar[Tuple[str, ...]] = ()
    #: Whether the rule reads the websockets versions the project allows
    #: (``context.websockets_spec``): where no rule that may report does, a run without
    #: a cache does not look them up (NFX101-103 never do).
    reads_websockets_spec: ClassVar[bool] = True
    valid: ClassVar[Tuple[str, ...]] = ()
    invalid: ClassVar[Tuple[Invalid, ...]] = ()
    #: "python" (reads a module's facts) or "requirements" (requirements*.txt,
    #: pyproject.toml, setup.cfg, read line by line); the examples are of that kind.
    reads: ClassVar[Reads] = "python"
    #: A preview rule (SPEC, "Rule maturity"): off unless named or ``--preview``.
    preview: ClassVar[bool] = False

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """The findings in the module ``context.facts`` describes."""
        raise NotImplementedError

    @classmethod
    def documentation(cls) -> str:
        doc = inspect.cleandoc(cls.__doc__ or "")
        safety = cls.fix_safety or "none (report only)"
        return f"{cls.code} ({cls.name})\n\n{cls.maturity()}\n\n{doc}\n\nFix safety: {safety}\n"

    @classmethod
    def maturity(cls) -> str:
        if cls.preview:
            return (
                f"Maturity: preview. Its precision on a blind sample of real code is below 90% or not measured "
                f"yet, so it is off unless selected by its full code (--select {cls.code}, extend-select) or "
                f"run with --preview."
            )
        stable = "Maturity: stable (on by default: at least 90% precision on a blind sample of real code)."
        if cls.code in PREVIEW_BEHAVIOUR:
            return (
                f"{stable} It has a preview part (see Preview below), which runs only when selected by its "
                f"full code (--select {cls.code}, extend-select) or with --preview."
            )
        return stable


REGISTRY: Dict[str, Type[Rule]] = {}
_CODE = re.compile(r"^NFX[0-9]{3}$")


def register(rule: Type[Rule]) -> Type[Rule]:
    """Add a rule to the registry; codes and names must be unique and well formed."""
    if not _CODE.match(rule.code):
        raise ValueError(f"bad rule code {rule.code!r}")
    if rule.code in REGISTRY:
        raise ValueError(f"duplicate rule code {rule.code}")
    if any(other.name == rule.name for other in REGISTRY.values()):
        raise ValueError(f"duplicate rule name {rule.name}")
    listed = RULE_NAMES.get(rule.code)
    if listed is not None and (
        listed != rule.name
        or (rule.reads == "requirements") != (rule.code in REQUIREMENT_RULES)
        or rule.preview != (rule.code in PREVIEW_RULES)
    ):
        raise ValueError(
            f"{rule.code} {rule.name} is listed otherwise in settings.RULE_NAMES, REQUIREMENT_RULES or PREVIEW_RULES"
        )
    REGISTRY[rule.code] = rule
    return rule


def all_rules() -> List[Type[Rule]]:
    return [REGISTRY[code] for code in sorted(REGISTRY)]


def make_finding(
    rule: Rule, message: str, span: Span, fix: Optional[Fix], related: Tuple[Related, ...] = ()
) -> Finding:
    """A finding of ``rule`` at ``span`` (its 0-based columns become 1-based), with the
    evidence ``related`` (a line of 0 or a path of None stand as they are)."""
    return Finding(
        rule.code,
        rule.name,
        message,
        span.line,
        span.col + 1,
        span.end_line,
        span.end_col + 1,
        fix=fix,
        related=related,
    )


def clause_span(start: Span, exprs: List[Expr]) -> Span:
    """From the start of an ``except`` clause to the end of the classes it names."""
    end = exprs[-1].span if exprs else start
    return Span(start.line, start.col, end.end_line, end.end_col)
