"""Snapshots of every fixture's findings, kept beside it as ``<fixture>.snap``.

The ``# expect:`` markers of a fixture say which (line, code) a reader expects; its
snapshot pins all of each finding: code, start and end position, message, and the fix
(its safety and what it does), as the engine returns them with the settings the CLI uses
for that file. A changed finding shows up as a diff. From the repository's root::

    python -m tests.snapshots            # which snapshots differ (exit 1), with a diff
    python -m tests.snapshots --update   # rewrite them (and drop those of gone fixtures)
"""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path
from typing import List, Optional, Sequence

from netfix_lint import Finding, check_source
from netfix_lint.engine import check_requirements
from netfix_lint.files import is_requirements_file

from .conftest import FIXTURES, ROOT, fixture_files, project_needs, settings_for

SUFFIX = ".snap"
COMMAND = "python -m tests.snapshots --update"
NO_FINDINGS = "no findings"
#: What str.splitlines breaks on: a finding must stay on one line whatever its text.
_LINE_BREAKS = {ord(c): repr(c)[1:-1] for c in "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"}


def snapshot_targets() -> List[Path]:
    """The files that get a snapshot: the Python fixtures and the requirement files
    under fixtures/ (what ``netfix-lint fixtures/`` checks)."""
    requirements = (p for p in FIXTURES.rglob("*") if p.is_file() and is_requirements_file(p.name))
    return sorted({*fixture_files(), *requirements})


def snapshot_path(target: Path) -> Path:
    return target.with_name(target.name + SUFFIX)


def findings(target: Path) -> List[Finding]:
    """The findings of one fixture, as ``netfix-lint`` finds them (before any fix)."""
    text = target.read_text(encoding="utf-8")
    if is_requirements_file(target.name):
        return check_requirements(text, str(target), settings_for(target), project_needs(target))
    return check_source(text, str(target), settings_for(target))


def one_line(text: str) -> str:
    return text.translate(_LINE_BREAKS)


def describe(finding: Finding) -> str:
    """``line:col-end_line:end_col CODE | fix: safety, description | message``."""
    fix = "fix: none" if finding.fix is None else f"fix: {finding.fix.safety}, {finding.fix.description}"
    where = f"{finding.line}:{finding.col}-{finding.end_line}:{finding.end_col}"
    return one_line(f"{where} {finding.code} | {fix} | {finding.message}")


def render(target: Path) -> str:
    """The snapshot ``target`` should have: a header, then one finding a line."""
    header = f"# netfix-lint findings in {target.name}: line:col-end_line:end_col CODE | fix | message. Regenerate: {COMMAND}"
    lines = [describe(f) for f in findings(target)] or [NO_FINDINGS]
    return "\n".join([header, *lines]) + "\n"


def shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def difference(target: Path) -> Optional[str]:
    """None if ``target``'s snapshot is as it should be, else what is wrong and the
    unified diff from the snapshot on disk to what the findings are now."""
    snapshot = snapshot_path(target)
    expected = render(target)
    if snapshot.exists():
        current = snapshot.read_text(encoding="utf-8")
        if current == expected:
            return None
        problem, before = f"{shown(snapshot)} differs from the findings of {shown(target)}", shown(snapshot)
    else:
        current, problem, before = "", f"{shown(snapshot)} is missing", "/dev/null"
    diff = difflib.unified_diff(
        current.splitlines(), expected.splitlines(), before, f"findings of {shown(target)}", lineterm=""
    )
    return f"{problem} (if the change is intended: {COMMAND})\n" + "\n".join(diff)


def orphans() -> List[Path]:
    """Snapshots under fixtures/ whose fixture is gone (or no longer gets one)."""
    wanted = {snapshot_path(t) for t in snapshot_targets()}
    return sorted(p for p in FIXTURES.rglob("*" + SUFFIX) if p not in wanted)


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.snapshots",
        description="Compare the fixtures' findings with their snapshots (fixtures/**/*.snap).",
    )
    parser.add_argument(
        "--update", action="store_true", help="rewrite the snapshots that differ and delete those of gone fixtures"
    )
    options = parser.parse_args(argv)
    targets = snapshot_targets()
    stale = 0
    for target in targets:
        problem = difference(target)
        if problem is None:
            continue
        stale += 1
        if options.update:
            snapshot_path(target).write_text(render(target), encoding="utf-8", newline="\n")
            print(f"wrote {shown(snapshot_path(target))}")
        else:
            print(problem)
    for orphan in orphans():
        stale += 1
        if options.update:
            orphan.unlink()
            print(f"deleted {shown(orphan)}")
        else:
            print(f"{shown(orphan)} is orphaned: its fixture is gone (to delete it: {COMMAND})")
    if options.update or not stale:
        print(f"{len(targets)} snapshots up to date" + (f" ({stale} written or deleted)" if stale else ""))
        return 0
    print(f"{stale} snapshots differ, are missing or are orphaned; {COMMAND} rewrites them", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
