"""Every fixture's findings, all of each (position, message, fix), against its snapshot.

``python -m tests.snapshots --update`` rewrites the snapshots when a change is intended.
"""

from __future__ import annotations

from pathlib import Path
from typing import List

import pytest

from netfix_lint.files import discover

from .conftest import FIXTURES, fixture_files
from .snapshots import COMMAND, SUFFIX, difference, orphans, snapshot_targets
from .test_requirements import FILES as REQUIREMENT_FIXTURES

TARGETS = snapshot_targets()


@pytest.mark.parametrize("path", TARGETS, ids=[str(p.relative_to(FIXTURES)) for p in TARGETS])
def test_snapshot_matches_findings(path: Path) -> None:
    problem = difference(path)
    if problem is not None:
        pytest.fail(problem, pytrace=False)


def test_no_snapshot_is_orphaned() -> None:
    gone = [str(p.relative_to(FIXTURES)) for p in orphans()]
    if gone:
        pytest.fail(f"snapshots whose fixture is gone: {', '.join(gone)} (to delete them: {COMMAND})", pytrace=False)


def test_snapshots_are_neither_fixtures_nor_checked() -> None:
    walked: List[Path] = []
    for item in discover([str(FIXTURES)]):
        assert isinstance(item, str), item
        walked.append(Path(item))
    # What `netfix-lint fixtures/` checks is exactly what has a snapshot: no snapshot
    # is checked as Python or as a requirement file, and no checked file goes unpinned.
    assert sorted(walked) == TARGETS
    assert not [p for p in [*fixture_files(), *REQUIREMENT_FIXTURES] if p.name.endswith(SUFFIX)]
    assert [p for p in TARGETS if p.relative_to(FIXTURES).parts[0] == "NFX204"] == REQUIREMENT_FIXTURES
