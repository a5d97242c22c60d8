"""Reports of a run: text (for people), JSON, SARIF 2.1.0 and GitHub annotations, and
``--statistics``. Pure functions from results to text; the CLI decides where it goes.

Only SARIF, which describes every rule, imports the rules."""

from __future__ import annotations

import json
import os
from collections import Counter

from . import __version__
from .console import style
from .model import Edit, Finding, Related, key
from .results import FIX, FileResult
from .settings import CANNOT_CHECK, DIAGNOSTIC_CODES, INTERNAL_ERROR, Settings

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (10 ms)
if TYPE_CHECKING:  # pragma: no cover
    from typing import Any, Dict, List, Optional, Sequence, Tuple


FORMATS = ("text", "json", "sarif", "github")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"

#: The run's own diagnostics, described like rules in SARIF and --statistics.
DIAGNOSTICS = {
    CANNOT_CHECK: ("cannot-check-file", "A file could not be read, decoded, parsed or fixed."),
    INTERNAL_ERROR: ("internal-error", "netfix-lint failed on a file; please report it."),
}


def remaining(results: Sequence[FileResult]) -> List[Finding]:
    return [finding for finding, _ in _with_results(results)]


def _with_results(results: Sequence[FileResult]) -> List[Tuple[Finding, FileResult]]:
    """Every finding left, sorted, with the result it belongs to (which holds its edits)."""
    pairs = [(f, r) for r in results for f in r.findings]
    return sorted(pairs, key=lambda pair: pair[0].sort_key)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


# -- text ---------------------------------------------------------------------------------


def text_line(finding: Finding, settings: Settings) -> str:
    """``path:line:col: CODE [*] message``; styled, and the echo drops the style where the
    output is not a terminal."""
    marker = style("[*]", fg="cyan") + " " if settings.applies(finding) else ""
    where = style(finding.path, bold=True) + f":{finding.line}:{finding.col}:"
    return f"{where} {style(finding.code, fg='red', bold=True)} {marker}{finding.message}"


def summary(results: Sequence[FileResult], settings: Settings, mode: str) -> List[str]:
    """The closing lines: found, fixed, fixable, files that could not be checked."""
    problems = [f for f in remaining(results) if f.code not in DIAGNOSTIC_CODES]
    unchecked = {r.path for r in results if r.could_not_check}
    fixed = sum(len(r.fixed) for r in results)
    fixable = sum(1 for f in problems if settings.applies(f))
    hidden = sum(1 for f in problems if f.fix is not None and not settings.applies(f))
    lines = []
    if problems or fixed:
        counts = f" ({fixed} fixed, {len(problems)} remaining)" if fixed else ""
        lines.append(f"Found {_plural(len(problems) + fixed, 'error')}{counts}.")
    elif not unchecked:
        lines.append(style("All checks passed!", fg="green", bold=True))
    if fixable and mode != FIX:
        lines.append(f"{style('[*]', fg='cyan')} {fixable} fixable with the `--fix` option.")
    if hidden:
        lines.append(
            f"({hidden} hidden {'fix' if hidden == 1 else 'fixes'} can be enabled with the `--unsafe-fixes` option.)"
        )
    if unchecked:
        lines.append(f"{_plural(len(unchecked), 'file')} could not be checked or fixed.")
    return lines


def text_report(results: Sequence[FileResult], settings: Settings, mode: str) -> str:
    lines = [text_line(f, settings) for f in remaining(results)]
    return "".join(line + "\n" for line in [*lines, *summary(results, settings, mode)])


# -- statistics ---------------------------------------------------------------------------


def statistics_rows(results: Sequence[FileResult], settings: Settings) -> List[Dict[str, Any]]:
    """One row per code with findings left: its count and how many ``--fix`` would fix."""
    found = remaining(results)
    counts = Counter(f.code for f in found)
    fixable = Counter(f.code for f in found if settings.applies(f))
    names = {f.code: f.name for f in found}
    return [
        {"code": code, "name": names[code], "count": counts[code], "fixable": fixable[code]}
        for code in sorted(counts, key=lambda c: (-counts[c], c))
    ]


def statistics_report(results: Sequence[FileResult], settings: Settings, mode: str, fmt: str) -> str:
    rows = statistics_rows(results, settings)
    if fmt == "json":
        return json.dumps(rows, indent=2) + "\n"
    width = max((len(str(row["count"])) for row in rows), default=1)
    lines = [
        f"{row['count']:>{width}}\t{row['code']}\t{'[*]' if row['fixable'] else '[ ]'} {row['name']}" for row in rows
    ]
    return "".join(line + "\n" for line in [*lines, *summary(results, settings, mode)])


# -- JSON ---------------------------------------------------------------------------------


def _position(line: int, column: int) -> Dict[str, int]:
    return {"line": line, "column": column}


def _edit_json(edit: Edit) -> Dict[str, Any]:
    return {
        "content": edit.content,
        "location": _position(edit.line, edit.col),
        "end_location": _position(edit.end_line, edit.end_col),
    }


def finding_json(finding: Finding, result: FileResult, settings: Settings) -> Dict[str, Any]:
    fix: Optional[Dict[str, Any]] = None
    if finding.fix is not None:
        fix = {
            "safety": finding.fix.safety,
            "applies": settings.applies(finding),
            "message": finding.fix.description,
            "edits": [_edit_json(e) for e in result.edits.get(key(finding), ())],
        }
    return {
        "code": finding.code,
        "name": finding.name,
        "message": finding.message,
        "path": finding.path,
        "location": _position(finding.line, finding.col),
        "end_location": _position(finding.end_line, finding.end_col),
        "fix": fix,
        # Why it fired: where the socket comes from, or what the module / package does.
        "related": [
            {
                "message": r.message,
                "path": r.path or finding.path,
                "location": _position(r.line, 1) if r.line else None,
            }
            for r in finding.related
        ],
    }


def json_report(results: Sequence[FileResult], settings: Settings) -> str:
    """A JSON array, one object per finding left (positions 1-based, columns in characters)."""
    found = [finding_json(f, result, settings) for f, result in _with_results(results)]
    return json.dumps(found, indent=2, ensure_ascii=False) + "\n"


# -- SARIF 2.1.0 ----------------------------------------------------------------------------


def rule_summary(doc: str) -> str:
    """The first paragraph of a rule's documentation that is not a heading, on one line."""
    import inspect

    for paragraph in inspect.cleandoc(doc).split("\n\n"):
        lines = [line for line in paragraph.splitlines() if not line.startswith("#")]
        if lines:
            return " ".join(line.strip() for line in lines)
    return doc.strip()


def _sarif_rules() -> List[Dict[str, Any]]:
    from .rules import all_rules

    rules = []
    for rule in all_rules():
        documentation = rule.documentation()
        what = rule_summary(rule.__doc__ or rule.name)
        rules.append(
            {
                "id": rule.code,
                "name": rule.name,
                "shortDescription": {"text": f"{rule.code} {rule.name}"},
                "fullDescription": {"text": what},
                "help": {"text": documentation, "markdown": documentation},
                "defaultConfiguration": {"level": "error"},
                "properties": {"fixSafety": rule.fix_safety or "none"},
            }
        )
    for code, (name, description) in DIAGNOSTICS.items():
        rules.append(
            {
                "id": code,
                "name": name,
                "shortDescription": {"text": f"{code} {name}"},
                "fullDescription": {"text": description},
                "help": {"text": description},
                "defaultConfiguration": {"level": "error"},
            }
        )
    return rules


def _uri(path: str) -> str:
    """A URI reference for ``path``: a file URI when absolute, else a relative reference
    with every character a URI reserves or does not allow percent-encoded (``#``, ``?``,
    ``%``, ``:``, spaces, non-ASCII as UTF-8), so it names this file and no other."""
    from pathlib import Path
    from urllib.parse import quote

    if os.path.isabs(path):
        return Path(path).as_uri()
    return quote(Path(path).as_posix(), safe="/")


def _artifact(path: str) -> Dict[str, str]:
    """A SARIF artifactLocation: relative to %SRCROOT%, or absolute without a base (SARIF
    2.1.0, 3.4.4: an absolute URI must not have a uriBaseId)."""
    if os.path.isabs(path):
        return {"uri": _uri(path)}
    return {"uri": _uri(path), "uriBaseId": "%SRCROOT%"}


def _region(line: int, col: int, end_line: int, end_col: int) -> Dict[str, int]:
    return {"startLine": line, "startColumn": col, "endLine": end_line, "endColumn": end_col}


def _sarif_fix(finding: Finding, edits: Tuple[Edit, ...]) -> Dict[str, Any]:
    return {
        "description": {"text": f"{finding.fix.description} ({finding.fix.safety} fix)"},  # type: ignore[union-attr]
        "artifactChanges": [
            {
                "artifactLocation": _artifact(finding.path),
                "replacements": [
                    {
                        "deletedRegion": _region(e.line, e.col, e.end_line, e.end_col),
                        "insertedContent": {"text": e.content},
                    }
                    for e in edits
                ],
            }
        ],
    }


def _sarif_related(number: int, finding: Finding, related: Related) -> Dict[str, Any]:
    location: Dict[str, Any] = {"artifactLocation": _artifact(related.path or finding.path)}
    if related.line:
        location["region"] = {"startLine": related.line}
    return {"id": number, "message": {"text": related.message}, "physicalLocation": location}


def sarif_report(results: Sequence[FileResult], settings: Settings) -> str:
    rules = _sarif_rules()
    index = {rule["id"]: number for number, rule in enumerate(rules)}
    sarif_results = []
    for finding, result in _with_results(results):
        entry: Dict[str, Any] = {
            "ruleId": finding.code,
            "ruleIndex": index[finding.code],
            "level": "error",
            "message": {"text": finding.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": _artifact(finding.path),
                        "region": _region(finding.line, finding.col, finding.end_line, finding.end_col),
                    }
                }
            ],
        }
        if finding.related:
            entry["relatedLocations"] = [_sarif_related(number, finding, r) for number, r in enumerate(finding.related)]
        edits = result.edits.get(key(finding))
        if finding.fix is not None and edits:
            entry["fixes"] = [_sarif_fix(finding, edits)]
        sarif_results.append(entry)
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "netfix-lint",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": rules,
                    }
                },
                "invocations": [{"executionSuccessful": not any(r.could_not_check for r in results)}],
                "originalUriBaseIds": {"%SRCROOT%": {"uri": _uri(os.getcwd()) + "/"}},
                "columnKind": "unicodeCodePoints",
                "results": sarif_results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


# -- GitHub Actions annotations -------------------------------------------------------------


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_report(results: Sequence[FileResult]) -> str:
    """``::error file=...,line=...,col=...,endLine=...,endColumn=...,title=CODE::message``."""
    lines = []
    for f in remaining(results):
        properties = (
            f"file={_escape_property(f.path)},line={f.line},col={f.col},"
            f"endLine={f.end_line},endColumn={f.end_col},title={_escape_property(f.code)}"
        )
        lines.append(f"::error {properties}::{_escape_data(f.message)}\n")
    return "".join(lines)


def render(fmt: str, results: Sequence[FileResult], settings: Settings, mode: str, statistics: bool = False) -> str:
    if statistics:
        return statistics_report(results, settings, mode, fmt)
    if fmt == "json":
        return json_report(results, settings)
    if fmt == "sarif":
        return sarif_report(results, settings)
    if fmt == "github":
        return github_report(results)
    return text_report(results, settings, mode)
