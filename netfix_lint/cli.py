"""The command line: parse options, call :mod:`netfix_lint.api`, print, pick the exit code."""

from __future__ import annotations

import re
import sys
from typing import List, Optional, Sequence, Tuple

import click

from . import __version__
from .api import CHECK, DIFF, FIX, FileResult, run_bytes, run_paths
from .engine import DIAGNOSTIC_CODES, Settings
from .model import Finding
from .project import validate_specifier
from .rules import REGISTRY, all_rules

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
_PREFIX = re.compile(r"^NFX[0-9]{0,3}$")


def _codes(option: str, value: Optional[str]) -> Tuple[str, ...]:
    if value is None:
        return ()
    codes = tuple(c.strip().upper() for c in re.split(r"[,\s]+", value) if c.strip())
    for code in codes:
        if not _PREFIX.match(code) or not any(rule.startswith(code) for rule in REGISTRY):
            raise click.UsageError(f"{option}: unknown rule code or prefix {code!r}")
    return codes


def _format(finding: Finding, settings: Settings) -> str:
    marker = "[*] " if settings.applies(finding) else ""
    return f"{finding.path}:{finding.line}:{finding.col}: {finding.code} {marker}{finding.message}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--fix", is_flag=True, help="Apply safe fixes to the files.")
@click.option("--unsafe-fixes", is_flag=True, help="Also apply fixes marked unsafe.")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff; write nothing.")
@click.option("--select", metavar="CODES", help="Comma-separated codes or prefixes to report (default: NFX).")
@click.option("--ignore", metavar="CODES", help="Comma-separated codes or prefixes not to report.")
@click.option("--extend-select", metavar="CODES", help="Codes or prefixes to report on top of --select.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings remain.")
@click.option(
    "--websockets-version",
    metavar="SPEC",
    help="The websockets versions to assume (e.g. '>=15', '==13.1', 'any'); "
    "default: read from the nearest pyproject.toml, requirements*.txt or setup.cfg.",
)
@click.option(
    "--max-file-size",
    type=click.FloatRange(min=0),
    default=Settings.max_file_size,
    show_default=True,
    metavar="MIB",
    help="Report, rather than parse, files larger than this that may have findings (0: no limit).",
)
@click.option("--stdin-filename", metavar="PATH", help="The name to report for source read from '-'.")
@click.option("--explain", metavar="CODE", help="Print the documentation of a rule and exit.")
@click.option("--list-rules", is_flag=True, help="List the rules and exit.")
@click.version_option(__version__, "--version", prog_name="netfix-lint")
def main(
    paths: Tuple[str, ...],
    fix: bool,
    unsafe_fixes: bool,
    diff: bool,
    select: Optional[str],
    ignore: Optional[str],
    extend_select: Optional[str],
    exit_zero: bool,
    websockets_version: Optional[str],
    max_file_size: float,
    stdin_filename: Optional[str],
    explain: Optional[str],
    list_rules: bool,
) -> None:
    """Find network exception handlers that miss what is really raised, and fix them.

    PATHS are files and directories (walked for *.py and *.pyi); '-' reads stdin.
    """
    if list_rules:
        for rule in all_rules():
            click.echo(f"{rule.code}  {rule.name:<34} fix: {rule.fix_safety or 'none'}")
        sys.exit(EXIT_CLEAN)
    if explain is not None:
        explained = REGISTRY.get(explain.strip().upper())
        if explained is None:
            raise click.UsageError(f"--explain: unknown rule code {explain!r}")
        click.echo(explained.documentation())
        sys.exit(EXIT_CLEAN)
    if fix and diff:
        raise click.UsageError("--fix and --diff cannot be used together")
    if websockets_version is not None:
        try:
            websockets_version = validate_specifier(websockets_version)
        except ValueError as error:
            raise click.UsageError(f"--websockets-version: {error}") from None
    settings = Settings(
        websockets_version=websockets_version,
        select=_codes("--select", select) or ("NFX",),
        ignore=_codes("--ignore", ignore),
        extend_select=_codes("--extend-select", extend_select),
        unsafe_fixes=unsafe_fixes,
        max_file_size=max_file_size,
    )
    mode = FIX if fix else DIFF if diff else CHECK
    results = list(_results(paths or (".",), settings, mode, stdin_filename))
    # With ``--fix -`` stdout carries the fixed source, so the report goes to stderr.
    to_stderr = mode == FIX and "-" in paths
    sys.exit(_report(results, settings, mode, exit_zero, to_stderr))


def _results(
    paths: Sequence[str], settings: Settings, mode: str, stdin_filename: Optional[str]
) -> List[FileResult]:
    results: List[FileResult] = []
    for path in paths:
        if path == "-":
            result = run_bytes(sys.stdin.buffer.read(), stdin_filename or "-", settings, mode)
            if mode == FIX and result.output is not None:
                # As ruff and black do: the fixed source goes to stdout, the report to
                # stderr. Bytes, in the input's own encoding, so nothing else changes.
                sys.stdout.flush()
                sys.stdout.buffer.write(result.output)
                sys.stdout.buffer.flush()
            results.append(result)
        else:
            results.extend(run_paths([path], settings, mode))
    return results


def _report(
    results: Sequence[FileResult], settings: Settings, mode: str, exit_zero: bool, to_stderr: bool
) -> int:
    """Print findings and the summary; return the exit code."""

    def echo(text: str) -> None:
        click.echo(text, err=to_stderr)

    remaining = [f for r in results for f in r.findings]
    problems = [f for f in remaining if f.code not in DIAGNOSTIC_CODES]
    unchecked = sorted({r.path for r in results if r.could_not_check})
    fixed = sum(len(r.fixed) for r in results)
    for result in results:
        if result.diff:
            click.echo(result.diff, nl=False)
    for finding in sorted(remaining, key=lambda f: f.sort_key):
        echo(_format(finding, settings))
    fixable = sum(1 for f in problems if settings.applies(f))
    hidden = sum(1 for f in problems if f.fix is not None and not settings.applies(f))
    if problems or fixed:
        counts = f" ({fixed} fixed, {len(problems)} remaining)" if fixed else ""
        echo(f"Found {_plural(len(problems) + fixed, 'error')}{counts}.")
    elif not unchecked:
        echo("All checks passed!")
    if fixable and mode != FIX:
        echo(f"[*] {fixable} fixable with the `--fix` option.")
    if hidden:
        echo(f"({hidden} hidden {'fix' if hidden == 1 else 'fixes'} can be enabled with the `--unsafe-fixes` option.)")
    if unchecked:
        echo(f"{_plural(len(unchecked), 'file')} could not be checked or fixed.")
        return EXIT_ERROR
    if problems and not exit_zero:
        return EXIT_FINDINGS
    return EXIT_CLEAN

