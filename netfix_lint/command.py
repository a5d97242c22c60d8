"""The command line's work, without click: options and configuration to a run of
:mod:`netfix_lint.api`, a report and an exit code. :mod:`netfix_lint.cli` is click's
parser in front of it; :func:`main` reads the common command lines (paths and on/off
flags) itself and hands every other to click, which costs 15 ms of a warm run."""

from __future__ import annotations

import dataclasses
import gc
import os
import re
import sys

from .api import Item, collect, run_bytes, run_items
from .cache import CACHE_DIR_NAME, ResultCache, cache_key
from .config import Config, ConfigError, PerFileIgnores, find_config, parse_codes, read_config
from .console import echo, unstyle
from .files import FileFilter
from .output import render
from .results import CHECK, DIFF, FIX, FileResult, RunOptions
from .settings import DIAGNOSTIC_CODES, PREVIEW_BEHAVIOUR, Settings

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (10 ms)
if TYPE_CHECKING:  # pragma: no cover
    from typing import Generator, Iterable, List, NoReturn, Optional, Sequence, Tuple, TypeVar

    _T = TypeVar("_T")


class Usage(Exception):
    """A command line that cannot run: click reports it as a usage error (exit 2)."""


@dataclasses.dataclass
class Args:
    """The command line's values, named and defaulted as :mod:`netfix_lint.cli`'s options
    (``tests/test_cli.py`` holds the two to each other)."""

    paths: Tuple[str, ...] = ()
    fix: bool = False
    unsafe_fixes: Optional[bool] = None
    diff: bool = False
    select: Optional[str] = None
    ignore: Optional[str] = None
    extend_select: Optional[str] = None
    preview: Optional[bool] = None
    exclude: Optional[str] = None
    extend_exclude: Optional[str] = None
    force_exclude: Optional[bool] = None
    respect_gitignore: Optional[bool] = None
    config_file: Optional[str] = None
    isolated: bool = False
    output_format: str = "text"
    output_file: Optional[str] = None
    statistics: bool = False
    exit_zero: bool = False
    jobs: Optional[int] = None
    no_cache: bool = False
    cache_dir: Optional[str] = None
    websockets_version: Optional[str] = None
    max_file_size: Optional[float] = None
    stdin_filename: Optional[str] = None
    explain: Optional[str] = None
    list_rules: bool = False


EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
#: Ctrl-C, as shells report a process that SIGINT ended (128 + 2).
EXIT_INTERRUPTED = 130
#: A progress bar (on a terminal) for runs of at least this many files.
PROGRESS_MIN_FILES = 100


def _split(value: Optional[str]) -> Optional[Tuple[str, ...]]:
    """A comma- or space-separated option value; None when the option was not given."""
    if value is None:
        return None
    return tuple(part for part in re.split(r"[,\s]+", value) if part)


def _codes(option: str, value: Optional[str]) -> Optional[Tuple[str, ...]]:
    parts = _split(value)
    if parts is None:
        return None
    try:
        return parse_codes(option, parts)
    except ConfigError as error:
        raise Usage(str(error)) from None


def _fail(message: str) -> NoReturn:
    """A configuration error: one line on stderr, exit 2."""
    echo(f"netfix-lint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def run(args: Args) -> NoReturn:
    """Find network exception handlers that miss what is really raised, and fix them."""
    paths = args.paths
    fix = args.fix
    unsafe_fixes = args.unsafe_fixes
    diff = args.diff
    select = args.select
    ignore = args.ignore
    extend_select = args.extend_select
    preview = args.preview
    exclude = args.exclude
    extend_exclude = args.extend_exclude
    force_exclude = args.force_exclude
    respect_gitignore = args.respect_gitignore
    config_file = args.config_file
    isolated = args.isolated
    output_format = args.output_format
    output_file = args.output_file
    statistics = args.statistics
    exit_zero = args.exit_zero
    jobs = args.jobs
    no_cache = args.no_cache
    cache_dir = args.cache_dir
    websockets_version = args.websockets_version
    max_file_size = args.max_file_size
    stdin_filename = args.stdin_filename
    explain = args.explain
    list_rules = args.list_rules
    if list_rules:
        from .rules import all_rules

        for rule in all_rules():
            maturity = "  (preview)" if rule.preview else "  (preview part)" if rule.code in PREVIEW_BEHAVIOUR else ""
            echo(f"{rule.code}  {rule.name:<40} fix: {rule.fix_safety or 'none':<6}{maturity}".rstrip())
        sys.exit(EXIT_CLEAN)
    if explain is not None:
        from .rules import REGISTRY

        explained = REGISTRY.get(explain.strip().upper())
        if explained is None:
            raise Usage(f"--explain: unknown rule code {explain!r}")
        echo(explained.documentation())
        sys.exit(EXIT_CLEAN)
    if fix and diff:
        raise Usage("--fix and --diff cannot be used together")
    if isolated and config_file is not None:
        raise Usage("--isolated and --config cannot be used together")
    if diff and output_format != "text":
        raise Usage("--diff prints a diff; it cannot be combined with --format")
    if statistics and diff:
        raise Usage("--diff prints a diff; it cannot be combined with --statistics")
    if stdin_filename is not None and not paths:
        paths = ("-",)  # as ruff does: --stdin-filename alone reads stdin
    if stdin_filename is not None and "-" not in paths:
        raise Usage("--stdin-filename names the source read from '-'; give '-' as a path")
    if statistics and output_format not in ("text", "json"):
        raise Usage("--statistics works with --format text or json")
    if jobs is not None and jobs < 1:
        raise Usage(f"--jobs: expected 1 or more, not {jobs}")
    if websockets_version is not None:
        try:
            from .project import validate_specifier

            websockets_version = validate_specifier(websockets_version)
        except ValueError as error:
            raise Usage(f"--websockets-version: {error}") from None
    select_codes = _codes("--select", select)
    ignore_codes = _codes("--ignore", ignore)
    extend_codes = _codes("--extend-select", extend_select)
    paths = paths or (".",)
    try:
        config = _configuration(paths, stdin_filename, config_file, isolated)
    except ConfigError as error:
        _fail(str(error))
    unsafe = unsafe_fixes if unsafe_fixes is not None else bool(config.unsafe_fixes)
    settings = Settings(
        websockets_version=websockets_version or config.websockets_version,
        # An empty selection selects nothing (as in ruff); only an absent one means NFX.
        select=_first(select_codes, config.select, ("NFX",)),
        ignore=ignore_codes if ignore_codes is not None else config.ignore or (),
        extend_select=config.extend_select + (extend_codes or ()),
        unsafe_fixes=unsafe,
        preview=_first(preview, config.preview, False),
        max_file_size=_first(max_file_size, config.max_file_size, Settings.max_file_size),
        read_package=True,
    )
    file_filter = FileFilter(
        config.root,
        exclude=_split(exclude) if exclude is not None else config.exclude,
        extend_exclude=config.extend_exclude + (_split(extend_exclude) or ()),
        respect_gitignore=_first(respect_gitignore, config.respect_gitignore, True),
        force_exclude=_first(force_exclude, config.force_exclude, False),
    )
    mode = FIX if fix else DIFF if diff else CHECK
    edits = output_format in ("json", "sarif")
    cache = None
    if not no_cache:
        folder = cache_dir or (os.path.join(config.root, config.cache_dir) if config.cache_dir else None)
        key = cache_key(dataclasses.astuple(settings), config.per_file_ignores, config.root, edits)
        cache = ResultCache(folder or os.path.join(config.root, CACHE_DIR_NAME), key)
    options = RunOptions(
        settings,
        mode,
        PerFileIgnores(config.per_file_ignores, config.root),
        edits=edits,
        fingerprints=cache is not None,
    )
    processes = jobs or config.jobs or os.cpu_count() or 1
    # The collector would cost about 15% of parsing and fact extraction; the cycles a
    # run makes (a parsed file's facts) are freed after each file (per_file).
    gc.disable()
    results: List[FileResult] = []
    interrupted = False
    try:
        _results(results, paths, options, file_filter, processes, stdin_filename, cache)
    except KeyboardInterrupt:
        # Ctrl-C: the files written so far (each whole) are reported, then exit 130.
        interrupted = True
    if cache is not None and not interrupted:
        problem = cache.save([path for path in paths if path != "-" and os.path.isdir(path)])
        if problem is not None:
            echo(f"netfix-lint: warning: {problem}", err=True)
    # With ``--fix -`` stdout carries the fixed source, so the report goes to stderr.
    to_stderr = mode == FIX and "-" in paths
    for result in sorted((r for r in results if r.diff), key=lambda r: r.path):
        echo(result.diff or "", nl=False)
    report = render(output_format, results, settings, mode, statistics)
    if output_file is not None:
        try:
            with open(output_file, "w", encoding="utf-8") as handle:
                handle.write(unstyle(report))
        except OSError as error:
            _fail(f"--output-file: cannot write {output_file}: {error.strerror or error}")
    else:
        echo(report, nl=False, err=to_stderr, color=False if os.environ.get("NO_COLOR") else None)
    if interrupted:
        written = sum(1 for r in results if r.fixed)
        echo(f"netfix-lint: interrupted; {written} file{'s' if written != 1 else ''} fixed before it", err=True)
        sys.exit(EXIT_INTERRUPTED)
    sys.exit(_exit_code(results, exit_zero))


def _first(*values: Optional[_T]) -> _T:
    """The first value that is set: the option, then the configuration, then the default."""
    return next(value for value in values if value is not None)


def _configuration(
    paths: Sequence[str], stdin_filename: Optional[str], config_file: Optional[str], isolated: bool
) -> Config:
    if isolated:
        return Config(root=os.getcwd())
    if config_file is not None:
        return read_config(config_file)
    located = [(stdin_filename or ".") if path == "-" else path for path in paths]
    return find_config(located)


def _results(
    results: List[FileResult],
    paths: Sequence[str],
    options: RunOptions,
    file_filter: FileFilter,
    jobs: int,
    stdin_filename: Optional[str],
    cache: Optional[ResultCache],
) -> None:
    """Add to ``results`` those with something to report, as they come (so that an
    interrupted run still has them): a clean file's is dropped at once, so that memory
    does not grow with the number of files."""
    if "-" in paths:
        results.extend(_run_stdin(options, file_filter, stdin_filename))
    items: Iterable[Item] = collect([path for path in paths if path != "-"], file_filter)
    if sys.stderr.isatty():
        items = list(items)  # a progress bar needs the count
    running = run_items(items, options, jobs, cache)
    if isinstance(items, list) and len(items) >= PROGRESS_MIN_FILES:
        label = "Fixing" if options.mode == FIX else "Checking"
        import click  # on a terminal only: the bar is click's

        with click.progressbar(running, length=len(items), label=label, file=sys.stderr) as bar:
            _gather(results, bar, running)
    else:
        _gather(results, running, running)


def _gather(results: List[FileResult], shown: Iterable[FileResult], run: Generator[FileResult, None, None]) -> None:
    """Collect the results (``shown`` is ``run``, perhaps behind a progress bar); on
    Ctrl-C, let the run report what it finished: it yields the results of the work under
    way, then raises the interrupt again."""
    try:
        results.extend(result for result in shown if result.has_news)
    except KeyboardInterrupt:
        # Wherever it landed, the run winds down (a run it landed in has done so).
        try:
            result = run.throw(KeyboardInterrupt())
            while True:
                if result.has_news:
                    results.append(result)
                result = next(run)
        except (KeyboardInterrupt, StopIteration):
            pass
        raise KeyboardInterrupt from None


def _run_stdin(options: RunOptions, file_filter: FileFilter, stdin_filename: Optional[str]) -> List[FileResult]:
    raw = sys.stdin.buffer.read()
    name = stdin_filename or "-"
    if stdin_filename is not None and file_filter.skips_given(stdin_filename):
        # Excluded (with --force-exclude): as ruff does, nothing to report, input unchanged.
        _write_stdout(raw if options.mode == FIX else None)
        return []
    result = run_bytes(raw, name, options)
    # As ruff and black do: the fixed source goes to stdout, the report to stderr.
    # Bytes, in the input's own encoding, so nothing else changes.
    _write_stdout(result.output if options.mode == FIX else None)
    return [result]


def _write_stdout(data: Optional[bytes]) -> None:
    if data is not None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()


def _exit_code(results: Sequence[FileResult], exit_zero: bool) -> int:
    if any(r.could_not_check for r in results):
        return EXIT_ERROR
    if any(f.code not in DIAGNOSTIC_CODES for r in results for f in r.findings) and not exit_zero:
        return EXIT_FINDINGS
    return EXIT_CLEAN


#: The on/off flags :func:`quick_args` reads itself: the option and the value it sets.
_FLAGS = {
    "--fix": ("fix", True),
    "--diff": ("diff", True),
    "--preview": ("preview", True),
    "--no-preview": ("preview", False),
    "--unsafe-fixes": ("unsafe_fixes", True),
    "--no-unsafe-fixes": ("unsafe_fixes", False),
    "--force-exclude": ("force_exclude", True),
    "--no-force-exclude": ("force_exclude", False),
    "--respect-gitignore": ("respect_gitignore", True),
    "--no-respect-gitignore": ("respect_gitignore", False),
    "--isolated": ("isolated", True),
    "--statistics": ("statistics", True),
    "--exit-zero": ("exit_zero", True),
    "--no-cache": ("no_cache", True),
}
#: click reads ``--cache-dir`` from here when the option is not given.
CACHE_DIR_ENV = "NETFIX_LINT_CACHE_DIR"


def quick_args(argv: Sequence[str]) -> Optional[Args]:
    """The values of a command line made of paths and on/off flags only (what pre-commit,
    editors and most users run); None for any other, which click parses."""
    values: dict[str, object] = {}
    paths: List[str] = []
    for arg in argv:
        if arg in _FLAGS:
            name, value = _FLAGS[arg]
            values[name] = value
        elif arg == "-" or not arg.startswith("-"):
            paths.append(arg)
        else:
            return None  # an option with a value, --help, --version, --, a typo: click's
    return Args(paths=tuple(paths), cache_dir=os.environ.get(CACHE_DIR_ENV) or None, **values)  # type: ignore[arg-type]


def main(argv: Optional[Sequence[str]] = None) -> NoReturn:
    """The ``netfix-lint`` command: a common command line runs at once, any other (and
    any usage error, for click's message) goes through click."""
    args = quick_args(sys.argv[1:] if argv is None else argv)
    if args is not None:
        try:
            run(args)
        except Usage:
            pass  # click says it, with the usage line
        except KeyboardInterrupt:
            echo("\nAborted!", err=True)  # as click does
            sys.exit(1)
        except BrokenPipeError:
            # As click does: the reader went away (``| head``); no traceback, exit 1.
            sys.stdout = None  # nothing more to flush at exit
            sys.exit(1)
    from .cli import main as parse_with_click

    parse_with_click(args=None if argv is None else list(argv))
    sys.exit(EXIT_ERROR)  # pragma: no cover - click exits
