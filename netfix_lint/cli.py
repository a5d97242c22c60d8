"""The command line: parse options and configuration, call :mod:`netfix_lint.api`,
print a report, pick the exit code."""

from __future__ import annotations

import dataclasses
import gc
import os
import re
import sys
from typing import Generator, Iterable, List, NoReturn, Optional, Sequence, Tuple, TypeVar

import click

from . import __version__
from .api import Item, collect, run_bytes, run_items
from .cache import CACHE_DIR_NAME, ResultCache, cache_key
from .config import Config, ConfigError, PerFileIgnores, find_config, parse_codes, read_config
from .files import FileFilter
from .output import FORMATS, render
from .results import CHECK, DIFF, FIX, FileResult, RunOptions
from .settings import DIAGNOSTIC_CODES, PREVIEW_BEHAVIOUR, Settings

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
        raise click.UsageError(str(error)) from None


def _fail(message: str) -> NoReturn:
    """A configuration error: one line on stderr, exit 2."""
    click.echo(f"netfix-lint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
# readable=False: click's own check would end the run with a usage error; an unreadable
# file gets its NFX001 line like any other, and the run goes on.
@click.argument("paths", nargs=-1, type=click.Path(readable=False))
@click.option("--fix", is_flag=True, help="Apply safe fixes to the files.")
@click.option(
    "--unsafe-fixes/--no-unsafe-fixes",
    default=None,
    help="Also apply (and mark as fixable) fixes marked unsafe. Config: unsafe-fixes.",
)
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff; write nothing.")
@click.option(
    "--select", metavar="CODES", help="Comma-separated codes or prefixes to report (default: NFX). Config: select."
)
@click.option("--ignore", metavar="CODES", help="Comma-separated codes or prefixes not to report. Config: ignore.")
@click.option(
    "--extend-select",
    metavar="CODES",
    help="Codes or prefixes to report on top of the selection. Config: extend-select.",
)
@click.option(
    "--preview/--no-preview",
    default=None,
    help="Also run the preview rules the selection reaches, and the preview parts of stable rules "
    "(NFX206's connection attributes); without it, only those named by their full code run. Config: preview.",
)
@click.option(
    "--exclude",
    metavar="PATTERNS",
    help="Comma-separated globs of files and folders to skip, replacing the defaults. Config: exclude.",
)
@click.option(
    "--extend-exclude",
    metavar="PATTERNS",
    help="Globs to skip on top of the exclude list. Config: extend-exclude.",
)
@click.option(
    "--force-exclude/--no-force-exclude",
    default=None,
    help="Apply the excludes and .gitignore to paths named on the command line too. Config: force-exclude.",
)
@click.option(
    "--respect-gitignore/--no-respect-gitignore",
    default=None,
    help="Skip what .gitignore files ignore (default: on). Config: respect-gitignore.",
)
@click.option(
    "--config",
    "config_file",
    metavar="FILE",
    type=click.Path(dir_okay=False),
    help="Read settings from FILE (a pyproject.toml's [tool.netfix-lint], or a TOML file of those keys) "
    "instead of the nearest pyproject.toml.",
)
@click.option("--isolated", is_flag=True, help="Read no configuration file.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Report format: text, json (one object per finding), sarif (SARIF 2.1.0) or github (annotations).",
)
@click.option("--output-file", metavar="FILE", type=click.Path(dir_okay=False), help="Write the report to FILE.")
@click.option("--statistics", is_flag=True, help="Count the findings per code instead of listing them.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings remain.")
@click.option(
    "--jobs",
    "-j",
    type=int,
    metavar="N",
    help="Check files in N processes (default: one per core; they start once 32 files wait). Config: jobs.",
)
@click.option("--no-cache", is_flag=True, help="Neither read nor write the cache of results.")
@click.option(
    "--cache-dir",
    metavar="DIR",
    type=click.Path(file_okay=False),
    envvar="NETFIX_LINT_CACHE_DIR",
    show_envvar=True,
    help=f"Keep the cache of results in DIR (default: {CACHE_DIR_NAME} in the configuration's folder, "
    "or the working directory). Config: cache-dir.",
)
@click.option(
    "--websockets-version",
    metavar="SPEC",
    help="The websockets versions to assume (e.g. '>=15', '==13.1', 'any'); "
    "default: read from the nearest pyproject.toml, requirements*.txt or setup.cfg. Config: websockets-version.",
)
@click.option(
    "--max-file-size",
    type=click.FloatRange(min=0),
    default=None,
    metavar="MIB",
    help="Report, rather than parse, files larger than this that may have findings "
    f"(default {Settings.max_file_size:g}; 0: no limit). Config: max-file-size.",
)
@click.option(
    "--stdin-filename", metavar="PATH", help="The name to report, and configure by, for source read from '-'."
)
@click.option("--explain", metavar="CODE", help="Print the documentation of a rule and exit.")
@click.option("--list-rules", is_flag=True, help="List the rules and exit.")
@click.version_option(__version__, "--version", prog_name="netfix-lint")
def main(
    paths: Tuple[str, ...],
    fix: bool,
    unsafe_fixes: Optional[bool],
    diff: bool,
    select: Optional[str],
    ignore: Optional[str],
    extend_select: Optional[str],
    preview: Optional[bool],
    exclude: Optional[str],
    extend_exclude: Optional[str],
    force_exclude: Optional[bool],
    respect_gitignore: Optional[bool],
    config_file: Optional[str],
    isolated: bool,
    output_format: str,
    output_file: Optional[str],
    statistics: bool,
    exit_zero: bool,
    jobs: Optional[int],
    no_cache: bool,
    cache_dir: Optional[str],
    websockets_version: Optional[str],
    max_file_size: Optional[float],
    stdin_filename: Optional[str],
    explain: Optional[str],
    list_rules: bool,
) -> None:
    """Find network exception handlers that miss what is really raised, and fix them.

    PATHS are files and directories (walked for *.py, *.pyi and requirement files);
    '-' reads stdin. Settings come from [tool.netfix-lint] in the nearest pyproject.toml;
    options given here override them.
    """
    if list_rules:
        from .rules import all_rules

        for rule in all_rules():
            maturity = "  (preview)" if rule.preview else "  (preview part)" if rule.code in PREVIEW_BEHAVIOUR else ""
            click.echo(f"{rule.code}  {rule.name:<40} fix: {rule.fix_safety or 'none':<6}{maturity}".rstrip())
        sys.exit(EXIT_CLEAN)
    if explain is not None:
        from .rules import REGISTRY

        explained = REGISTRY.get(explain.strip().upper())
        if explained is None:
            raise click.UsageError(f"--explain: unknown rule code {explain!r}")
        click.echo(explained.documentation())
        sys.exit(EXIT_CLEAN)
    if fix and diff:
        raise click.UsageError("--fix and --diff cannot be used together")
    if isolated and config_file is not None:
        raise click.UsageError("--isolated and --config cannot be used together")
    if diff and output_format != "text":
        raise click.UsageError("--diff prints a diff; it cannot be combined with --format")
    if statistics and diff:
        raise click.UsageError("--diff prints a diff; it cannot be combined with --statistics")
    if stdin_filename is not None and not paths:
        paths = ("-",)  # as ruff does: --stdin-filename alone reads stdin
    if stdin_filename is not None and "-" not in paths:
        raise click.UsageError("--stdin-filename names the source read from '-'; give '-' as a path")
    if statistics and output_format not in ("text", "json"):
        raise click.UsageError("--statistics works with --format text or json")
    if jobs is not None and jobs < 1:
        raise click.UsageError(f"--jobs: expected 1 or more, not {jobs}")
    if websockets_version is not None:
        try:
            from .project import validate_specifier

            websockets_version = validate_specifier(websockets_version)
        except ValueError as error:
            raise click.UsageError(f"--websockets-version: {error}") from None
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
            click.echo(f"netfix-lint: warning: {problem}", err=True)
    # With ``--fix -`` stdout carries the fixed source, so the report goes to stderr.
    to_stderr = mode == FIX and "-" in paths
    for result in sorted((r for r in results if r.diff), key=lambda r: r.path):
        click.echo(result.diff, nl=False)
    report = render(output_format, results, settings, mode, statistics)
    if output_file is not None:
        try:
            with open(output_file, "w", encoding="utf-8") as handle:
                handle.write(click.unstyle(report))
        except OSError as error:
            _fail(f"--output-file: cannot write {output_file}: {error.strerror or error}")
    else:
        click.echo(report, nl=False, err=to_stderr, color=False if os.environ.get("NO_COLOR") else None)
    if interrupted:
        written = sum(1 for r in results if r.fixed)
        click.echo(f"netfix-lint: interrupted; {written} file{'s' if written != 1 else ''} fixed before it", err=True)
        sys.exit(EXIT_INTERRUPTED)
    sys.exit(_exit_code(results, exit_zero))


_T = TypeVar("_T")


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
