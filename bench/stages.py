#!/usr/bin/env python3
"""Where netfix-lint's time goes, stage by stage: ``stages.py [--preview] CORPUS``.

``bench/run --profile`` runs it with the benchmark's own interpreter (netfix-lint
installed, non-editable) on the copy of the standard library. It prints:

1. start-up: a bare interpreter, ``python -m netfix_lint --version`` and the import cost
   of each heavy dependency, each in fresh processes (medians of 5);
2. a check, stage by stage: the CLI's pipeline (discover, read, decode, the project
   lookup, the text prefilter, ``ast.parse``, fact extraction, the rules, noqa) re-run
   here with a clock around each stage and no profiler (a profiler inflates Python code
   several times more than C code such as ``ast.parse`` and ``re``);
3. how many files each prefilter candidate lets through, and what it costs;
4. ``--fix``: the files that reach libcst and where their time goes (cProfile, so
   relative), and the same files' plain check for comparison.

It uses the package's internal functions, which may move: a stage whose function is
gone prints as such and the rest goes on. Nothing here is asserted by a test.
"""

from __future__ import annotations

import ast
import cProfile
import gc
import os
import pstats
import re
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from typing import TYPE_CHECKING, Callable, Dict, Iterable, List, Optional, Sequence, Tuple, TypeVar

if TYPE_CHECKING:  # pragma: no cover
    from netfix_lint.settings import Settings

REPEATS = 5
#: Run the preview rules too (``--preview``), as ``bench/run`` measures the CLI when it has them.
PREVIEW = False
T = TypeVar("T")


def heading(text: str) -> None:
    print(f"\n### {text}\n")


def fresh_process_seconds(code: str) -> float:
    """Median wall time of ``python -c code`` (or the seconds it prints, if it prints one)."""
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
        elapsed = time.perf_counter() - start
        times.append(float(out) if re.fullmatch(r"[0-9.e-]+\s*", out or "") else elapsed)
    return statistics.median(times)


def startup() -> None:
    heading("Start-up and imports (fresh processes, medians of 5)")
    print("| what | ms |\n| --- | ---: |")
    print(f"| `python -c pass` (interpreter start) | {fresh_process_seconds('pass') * 1000:.0f} |")
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "netfix_lint", "--version"], capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    print(f"| `python -m netfix_lint --version` (whole process) | {statistics.median(times) * 1000:.0f} |")
    for module in (
        "netfix_lint.cli",
        "netfix_lint.engine",
        "netfix_lint.flake8_plugin",
        "netfix_lint.project",
        "libcst",
        "libcst.metadata",
        "click",
        "packaging.requirements",
        "flake8.main.application",
    ):
        code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
        try:
            seconds = fresh_process_seconds(code)
        except subprocess.CalledProcessError:
            print(f"| `import {module}` | not importable |")
            continue
        print(f"| `import {module}` (on top of start-up) | {seconds * 1000:.0f} |")
    probe = (
        "import sys, netfix_lint.cli; "
        "print(' '.join(m for m in ('libcst', 'flake8', 'packaging', 'click') if m in sys.modules))"
    )
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True).stdout.strip()
    print(f"\nLoaded by `import netfix_lint.cli` (what `--version` pays for): {loaded or 'none of them'}")


class Clock:
    """Seconds and counts per stage."""

    def __init__(self) -> None:
        self.seconds: Dict[str, float] = defaultdict(float)
        self.count: Dict[str, int] = defaultdict(int)
        self.order: List[str] = []

    def time(self, stage: str, function: Callable[..., T], *args: object, count: bool = True) -> T:
        if stage not in self.order:
            self.order.append(stage)
        start = time.perf_counter()
        try:
            return function(*args)
        finally:
            self.seconds[stage] += time.perf_counter() - start
            self.count[stage] += count


def check_stages(corpus: str) -> Tuple[List[str], Dict[str, str]]:
    """Re-run the check pipeline with a clock per stage; return the files and their text."""
    from netfix_lint import engine, facts_ast, files, project
    from netfix_lint.context import RuleContext
    from netfix_lint.engine import Settings
    from netfix_lint.facts import physical_lines
    from netfix_lint.rules import all_rules

    heading(f"A check, stage by stage ({corpus})")
    gc.disable()  # as the CLI does
    settings = Settings(preview=PREVIEW)
    rules = [rule() for rule in all_rules() if rule.reads == "python" and settings.enabled(rule.code)]
    prefilter = engine.RuleSet.of(settings).may_match  # the engine's own, searched once a file
    clock = Clock()
    start = time.perf_counter()
    paths = clock.time(
        "discover (walk the folders)", lambda: [p for p in files.discover([corpus]) if isinstance(p, str)]
    )
    texts: Dict[str, str] = {}
    total_bytes = 0
    findings = 0
    for path in paths:
        if files.is_requirements_file(path):
            continue
        raw = clock.time("read (open + read bytes)", _read, path)
        total_bytes += len(raw)
        try:
            source = clock.time("decode (PEP 263 + UTF-8)", files.decode_source, path, raw)
        except files.ReadError:
            continue
        text = source.text
        texts[path] = text
        if not clock.time("prefilter (trigger words, then where they stand)", prefilter, text):
            continue
        # As the CLI does without a cache: only a file that reaches the rules needs it.
        spec = clock.time("project lookup (websockets requirement)", project.websockets_specifier, path)
        try:
            tree = clock.time("ast.parse", ast.parse, text, path)
        except (SyntaxError, ValueError, RecursionError):
            continue
        try:
            facts = clock.time("fact extraction (facts_ast)", facts_ast.extract, tree, physical_lines(text))
        except RecursionError:
            continue
        context = RuleContext(facts, websockets_spec=spec)
        found_here = clock.time(
            "rule logic (rule.check)", lambda context=context: [f for rule in rules for f in rule.check(context)]
        )
        findings += len(clock.time("noqa", engine.apply_noqa, found_here, text))
    total = time.perf_counter() - start
    print(
        f"{len(paths)} files, {total_bytes / 1e6:.1f} MB, {findings} findings; {total:.2f} s in all (one process, no profiler)\n"
    )
    print("| stage | files | s | share |\n| --- | ---: | ---: | ---: |")
    for stage in clock.order:
        print(f"| {stage} | {clock.count[stage]} | {clock.seconds[stage]:.3f} | {clock.seconds[stage] / total:.0%} |")
    accounted = sum(clock.seconds.values())
    print(f"| (loop and bookkeeping) | | {total - accounted:.3f} | {(total - accounted) / total:.0%} |")
    passed = clock.count["ast.parse"]
    print(
        f"\nPrefilter: {passed} of {len(texts)} decoded files pass ({passed / max(len(texts), 1):.1%}) and reach ast.parse."
    )
    return paths, texts


def _unfiltered_findings(text: str, settings: Settings) -> bool:
    """Whether a check that skips the prefilter (the whole tree, every rule) finds anything:
    the files no prefilter may drop."""
    from netfix_lint import facts_ast
    from netfix_lint.engine import RuleSet
    from netfix_lint.facts import physical_lines

    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError):
        return False
    rules = RuleSet.of(settings)
    return bool(rules.run(facts_ast.extract(tree, physical_lines(text)), "<file>", settings))


def _read(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()


#: The names the current rule triggers look for, as plain bytes (NFX101/102, NFX103, NFX2xx).
TRIGGER_WORDS = (
    b"ConnectionError",
    b"ConnectionResetError",
    b"ConnectionAbortedError",
    b"BrokenPipeError",
    b"EPIPE",
    b"ECONNRESET",
    b"ECONNABORTED",
    b"ESHUTDOWN",
    b"InvalidStatusCode",
)
_DROP = rb"(?:Connection(?:Reset|Aborted)?Error|BrokenPipeError)"
#: The first candidate for a tighter filter, one regex over the bytes: a drop name where
#: it is caught (an except clause up to its colon, a suppress(...) call) or bound (an
#: assignment or an import); errno names in a file that also catches something;
#: InvalidStatusCode anywhere. Kept for comparison with what the engine now does
#: (netfix_lint/prefilter.py, proven against a check without it by tests/test_prefilter.py).
CONTEXT = re.compile(
    rb"except\b[^:]*?\b"
    + _DROP
    + rb"|suppress\([^)]*?\b"
    + _DROP
    + rb"|^[ \t]*[A-Za-z_][\w.]*\s*=\s*[(\[{]?[^=\n]*\b"
    + _DROP
    + rb"|^[ \t]*[A-Za-z_][\w.]*\s*=\s*[(\[{][^=)\]}]*?\b"
    + _DROP
    + rb"|import\b[^\n]*\b"
    + _DROP
    + rb"|InvalidStatusCode",
    re.MULTILINE,
)
ERRNO = re.compile(rb"E(?:PIPE|CONNRESET|CONNABORTED|SHUTDOWN)\b")


def branches(pattern: str) -> List[str]:
    """The top-level alternatives of a regular expression (``A|B(?:C|D)`` -> A, B(?:C|D)).

    ``search(A|B)`` finds a match exactly when ``search(A)`` or ``search(B)`` does, and
    ``re`` scans much faster for a pattern that starts with a literal."""
    if pattern.startswith("(?") and not pattern.startswith(("(?:", "(?P", "(?=", "(?!", "(?<")):
        return [pattern]  # global inline flags: leave whole
    parts, depth, start, index, in_class = [], 0, 0, 0, False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:index])
            start = index + 1
        index += 1
    return [*parts, pattern[start:]]


def prefilters(paths: Sequence[str], texts: Dict[str, str]) -> None:
    from netfix_lint.engine import RuleSet, Settings
    from netfix_lint.rules import all_rules

    heading("Prefilter candidates (same files; time of the filter alone, best of 3)")
    settings = Settings(preview=PREVIEW)
    rules = [rule for rule in all_rules() if rule.reads == "python"]
    trigger = re.compile("|".join(f"(?:{p})" for p in sorted({r.trigger.pattern for r in rules})))
    trigger_bytes = re.compile(trigger.pattern.encode())
    raws = {path: _read(path) for path in texts}

    def words(raw: bytes) -> bool:
        return any(word in raw for word in TRIGGER_WORDS)

    def context(raw: bytes) -> bool:
        return CONTEXT.search(raw) is not None or (ERRNO.search(raw) is not None and b"except" in raw)

    engine_prefilter = RuleSet.of(settings).may_match
    separate = list({r.trigger.pattern: r.trigger for r in rules}.values())
    split = [re.compile(b) for r in separate for b in branches(r.pattern)]

    def split_search(text: str) -> bool:
        return any(t.search(text) for t in split)

    with_findings = {p for p, text in texts.items() if split_search(text) and _unfiltered_findings(text, settings)}

    candidates: List[Tuple[str, Callable[[], Iterable[bool]]]] = [
        (
            "one regex joining the rule triggers, on the decoded text",
            lambda: [trigger.search(texts[p]) is not None for p in texts],
        ),
        (
            "the same regex on the raw bytes (no decoding first)",
            lambda: [trigger_bytes.search(raws[p]) is not None for p in texts],
        ),
        ("each rule's trigger on its own", lambda: [any(t.search(texts[p]) for t in separate) for p in texts]),
        (
            f"each top-level branch of the triggers on its own ({len(split)} regexes)",
            lambda: [any(t.search(texts[p]) for t in split) for p in texts],
        ),
        (f"`word in raw bytes` for the {len(TRIGGER_WORDS)} trigger words", lambda: [words(raws[p]) for p in texts]),
        (
            "the words, then one context regex (caught / bound / imported)",
            lambda: [words(raws[p]) and context(raws[p]) for p in texts],
        ),
        (
            "now: the words where their rules read them (engine prefilter)",
            lambda: [engine_prefilter(texts[p]) for p in texts],
        ),
    ]
    print("| filter | files through | of which with findings | MB through | ms |\n| --- | ---: | ---: | ---: | ---: |")
    for name, run in candidates:
        best = float("inf")
        verdicts: List[bool] = []
        for _ in range(3):
            start = time.perf_counter()
            verdicts = list(run())
            best = min(best, time.perf_counter() - start)
        through = [p for p, ok in zip(texts, verdicts) if ok]
        missed = with_findings - set(through)
        size = sum(len(raws[p]) for p in through) / 1e6
        flag = f" (MISSES {len(missed)} with findings!)" if missed else ""
        print(
            f"| {name} | {len(through)} | {len(with_findings & set(through))}{flag} | {size:.1f} | {best * 1000:.0f} |"
        )
    print(
        f"| floor: the files that have a finding | {len(with_findings)} | {len(with_findings)} | "
        f"{sum(len(raws[p]) for p in with_findings) / 1e6:.1f} | |"
    )


#: cProfile entries to report for --fix: (label, file suffix, function name).
FIX_STAGES = (
    ("fix_source, in all", "netfix_lint/codemod.py", "fix_source"),
    (
        "  check_source (ast path: the first check, and verify's check of each result)",
        "netfix_lint/engine.py",
        "check_source",
    ),
    ("  libcst parse_module", "libcst/_parser/entrypoints.py", "parse_module"),
    ("  apply_ops (find the nodes the fixes name, transform, add imports)", "netfix_lint/rewrite.py", "apply_ops"),
    ("    Locator.node (positions of the statements that hold them)", "netfix_lint/locate.py", "node"),
    ("      positions (PositionProvider's step)", "libcst/metadata/position_provider.py", "_gen_impl"),
    ("  Module.code (code generation)", "libcst/_nodes/module.py", "code"),
    ("  verify_fix (ast.parse + a check of the result)", "netfix_lint/codemod.py", "verify_fix"),
)


def fix_stages(texts: Dict[str, str]) -> None:
    from netfix_lint.codemod import fix_source
    from netfix_lint.engine import Settings, check_source

    heading("--fix: what reaches libcst")
    settings = Settings(preview=PREVIEW)
    to_fix = [p for p, text in texts.items() if any(settings.applies(f) for f in check_source(text, p, settings))]
    print(f"{len(to_fix)} of {len(texts)} files have a fix to apply and go through libcst.\n")
    if not to_fix:
        return
    check_seconds = fix_seconds = 0.0
    for path in to_fix:
        start = time.perf_counter()
        check_source(texts[path], path, settings)
        check_seconds += time.perf_counter() - start
        start = time.perf_counter()
        fix_source(texts[path], path, settings)
        fix_seconds += time.perf_counter() - start
    print(
        f"Without a profiler: checking these files takes {check_seconds:.2f} s, fixing them {fix_seconds:.2f} s "
        f"({fix_seconds / max(check_seconds, 1e-9):.0f}x).\n"
    )
    profile = cProfile.Profile()
    profile.enable()
    for path in to_fix:
        fix_source(texts[path], path, settings)
    profile.disable()
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    by_function: Dict[Tuple[str, str], Tuple[int, float]] = {}
    for (filename, _, function), (_, calls, _, cumulative, _) in stats.items():
        for _, suffix, name in FIX_STAGES:
            if filename.replace(os.sep, "/").endswith(suffix) and function == name:
                old = by_function.get((suffix, name), (0, 0.0))
                by_function[(suffix, name)] = (old[0] + calls, max(old[1], cumulative))
    total = by_function.get(("netfix_lint/codemod.py", "fix_source"), (0, 0.0))[1]
    print("| stage (cProfile, cumulative; nested rows overlap) | calls | s | share |\n| --- | ---: | ---: | ---: |")
    for label, suffix, name in FIX_STAGES:
        calls, cumulative = by_function.get((suffix, name), (0, 0.0))
        share = f"{cumulative / total:.0%}" if total else ""
        print(f"| {label} | {calls} | {cumulative:.2f} | {share} |")


def profile_cli(corpus: str) -> None:
    heading("cProfile of the real CLI check (--no-cache, one process), top functions by own time")
    out = os.path.join(os.environ.get("XDG_CACHE_HOME", "/tmp"), "netfix-check.prof")
    # Cold and in one process: a profile sees neither a cache's shortcuts nor the workers.
    subprocess.run(
        [
            sys.executable,
            "-m",
            "cProfile",
            "-o",
            out,
            "-m",
            "netfix_lint",
            "--no-cache",
            "-j",
            "1",
            *(["--preview"] if PREVIEW else []),
            corpus,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    stats = pstats.Stats(out)
    total = stats.total_tt  # type: ignore[attr-defined]
    rows = sorted(stats.stats.items(), key=lambda item: item[1][2], reverse=True)[:15]  # type: ignore[attr-defined]
    print(f"{total:.2f} s under the profiler.\n")
    print("| function | calls | own s | cumulative s |\n| --- | ---: | ---: | ---: |")
    for (filename, line, function), (_, calls, own, cumulative, _) in rows:
        where = "/".join(filename.split(os.sep)[-2:]) if filename != "~" else "builtin"
        print(f"| `{where}:{line}({function})` | {calls} | {own:.2f} | {cumulative:.2f} |")


def main(argv: Optional[Sequence[str]] = None) -> int:
    global PREVIEW
    args = list(sys.argv[1:] if argv is None else argv)
    PREVIEW = "--preview" in args
    args = [arg for arg in args if arg != "--preview"]
    if len(args) != 1 or not os.path.isdir(args[0]):
        print("usage: stages.py [--preview] CORPUS_FOLDER", file=sys.stderr)
        return 2
    corpus = args[0]
    startup()
    paths, texts = check_stages(corpus)
    sections: List[Callable[[], None]] = [
        lambda: prefilters(paths, texts),
        lambda: fix_stages(texts),
        lambda: profile_cli(corpus),
    ]
    for section in sections:
        try:
            section()
        except (ImportError, AttributeError, TypeError) as error:
            print(f"\n(section skipped: the package changed: {type(error).__name__}: {error})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
