"""The command line as click parses it: the options, their help and checks, in front of
:func:`netfix_lint.command.run` (where the work is). ``netfix-lint`` reaches it for any
command line :func:`netfix_lint.command.quick_args` leaves to it."""

from __future__ import annotations

from typing import Any

import click

from . import __version__
from .cache import CACHE_DIR_NAME
from .command import Args, Usage, run
from .output import FORMATS
from .settings import Settings


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
    envvar="NETFIX_LINT_CACHE_DIR",  # command.CACHE_DIR_ENV
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
def main(**values: Any) -> None:
    """Find network exception handlers that miss what is really raised, and fix them.

    PATHS are files and directories (walked for *.py, *.pyi and requirement files);
    '-' reads stdin. Settings come from [tool.netfix-lint] in the nearest pyproject.toml;
    options given here override them.
    """
    try:
        run(Args(**values))
    except Usage as error:
        raise click.UsageError(str(error)) from None
