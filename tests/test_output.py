"""Report formats of the real executable: JSON, SARIF (validated against the official
2.1.0 schema), GitHub annotations, --statistics, --output-file, colour and the progress
bar on a terminal, and --jobs."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path
from typing import Any, Dict, List

import pytest

from netfix_lint import Finding, Settings, check_source
from netfix_lint.edits import Edit, apply_edits
from netfix_lint.engine import check_requirements, parse_quietly
from netfix_lint.files import is_requirements_file
from netfix_lint.rules import all_rules

from .conftest import FIXTURES, ROOT, project_needs, run, run_on_terminal

SCHEMA = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"
BAD = "import ssl\nCONTEXT = ssl.create_default_context()\ntry:\n    sock.sendall(data)\nexcept ConnectionError:\n    pass\n"


@pytest.fixture
def fixtures(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES, tmp_path / "fixtures")
    return tmp_path


def report(args: List[str], cwd: Path) -> Any:
    result = run("netfix-lint", ["--preview", *args], cwd=cwd)
    assert result.returncode in (0, 1), result.stdout + result.stderr
    return json.loads(result.stdout)


def edit_of(data: Dict[str, Any]) -> Edit:
    start, end = data["location"], data["end_location"]
    return Edit(start["line"], start["column"], end["line"], end["column"], data["content"])


def test_json_has_one_object_per_finding_with_its_fix_as_edits(fixtures: Path) -> None:
    found = report(["--format", "json", "--unsafe-fixes", "fixtures"], fixtures)
    text = run("netfix-lint", ["--preview", "--unsafe-fixes", "fixtures"], cwd=fixtures).stdout
    assert len(found) == sum(1 for line in text.splitlines() if ": NFX" in line) > 10
    assert {"code", "name", "message", "path", "location", "end_location", "fix", "related"} == set(found[0])
    with_edits = 0
    for finding in found:
        path = fixtures / finding["path"]
        source = path.read_text(encoding="utf-8")
        line = source.splitlines()[finding["location"]["line"] - 1]
        assert len(line) + 1 >= finding["location"]["column"] >= 1
        fix = finding["fix"]
        if fix is None:
            continue
        assert fix["safety"] in ("safe", "unsafe") and fix["applies"] is True and fix["message"]
        assert fix["edits"], f"no edits for {finding}"
        with_edits += 1
        # The edits of one finding, alone, fix that finding and leave code that parses.
        fixed = apply_edits(source, [edit_of(e) for e in fix["edits"]])
        before = Counter(f.code for f in _check(source, str(path)))
        after = Counter(f.code for f in _check(fixed, str(path)))
        assert after[finding["code"]] < before[finding["code"]], (finding, fixed)
        if not is_requirements_file(str(path)):
            parse_quietly(fixed, str(path))  # 3.14 clauses too, as the tool reads them
    assert with_edits >= 10


def _check(text: str, path: str) -> List[Finding]:
    """As the CLI checks the file: its package read too (a name may come from there), and
    the websockets versions its project allows."""
    from netfix_lint.project import websockets_specifier

    settings = Settings(read_package=True, preview=True, websockets_version=websockets_specifier(path))
    if is_requirements_file(path):
        return check_requirements(text, path, settings, project_needs(Path(path)))
    return check_source(text, path, settings)


def test_json_fix_edit_positions_are_exact(tmp_path: Path) -> None:
    (tmp_path / "m.py").write_text(BAD)
    (finding,) = report(["--format", "json", "m.py"], tmp_path)
    assert finding["location"] == {"line": 5, "column": 1}
    assert finding["end_location"] == {"line": 5, "column": 23}
    assert finding["fix"]["edits"] == [
        {
            "content": "(ConnectionError, ssl.SSLEOFError)",
            "location": {"line": 5, "column": 8},
            "end_location": {"line": 5, "column": 23},
        }
    ]


def test_json_after_fix_lists_what_remains(tmp_path: Path) -> None:
    (tmp_path / "m.py").write_text(BAD)
    result = run("netfix-lint", ["--preview", "--fix", "--format", "json", "m.py"], cwd=tmp_path)
    assert result.returncode == 0 and json.loads(result.stdout) == []


def test_sarif_validates_against_the_official_schema(fixtures: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    (fixtures / "broken.py").write_text("def f(:\n    DROPPED = ConnectionError\n")
    result = run("netfix-lint", ["--preview", "--format", "sarif", "fixtures", "broken.py"], cwd=fixtures)
    assert result.returncode == 2
    log = json.loads(result.stdout)
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    jsonschema.Draft4Validator(schema).validate(log)
    (sarif_run,) = log["runs"]
    rules = sarif_run["tool"]["driver"]["rules"]
    for rule in all_rules():
        (entry,) = [r for r in rules if r["id"] == rule.code]
        assert entry["help"]["markdown"] == rule.documentation()
        assert entry["name"] == rule.name
    results = sarif_run["results"]
    assert {"NFX001", "NFX101", "NFX201", "NFX204"} <= {r["ruleId"] for r in results}
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in results)
    assert sarif_run["invocations"] == [{"executionSuccessful": False}]
    fixed = [r for r in results if "fixes" in r]
    assert len(fixed) >= 10
    change = fixed[0]["fixes"][0]["artifactChanges"][0]
    assert change["artifactLocation"]["uri"] == fixed[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert change["replacements"][0]["deletedRegion"]["startLine"] >= 1


def test_sarif_with_no_findings_is_valid(tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    (tmp_path / "clean.py").write_text("x = 1\n")
    result = run("netfix-lint", ["--preview", "--format", "sarif", "."], cwd=tmp_path)
    assert result.returncode == 0
    log = json.loads(result.stdout)
    jsonschema.Draft4Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(log)
    assert log["runs"][0]["results"] == []


def test_github_annotations(tmp_path: Path) -> None:
    (tmp_path / "a,b.py").write_text(BAD)
    result = run("netfix-lint", ["--preview", "--format", "github", "."], cwd=tmp_path)
    assert result.returncode == 1
    (line,) = result.stdout.splitlines()
    assert line.startswith("::error file=a%2Cb.py,line=5,col=1,endLine=5,endColumn=23,title=NFX101::")
    assert line.endswith(
        "which a dropped TLS connection raises on Python 3.10+: this module sets TLS up (line 2) "
        "and the socket may be one it wraps"
    )


def test_statistics(fixtures: Path) -> None:
    result = run("netfix-lint", ["--statistics", "--preview", "fixtures"], cwd=fixtures)
    assert result.returncode == 1
    listed = run("netfix-lint", ["--preview", "fixtures"], cwd=fixtures).stdout
    counts = Counter(line.split(": ")[1].split()[0] for line in listed.splitlines() if ": NFX" in line)
    rows = [line.split("\t") for line in result.stdout.splitlines() if "\t" in line]
    assert {row[1]: int(row[0]) for row in rows} == counts
    assert any(row[2] == "[*] ssl-eof-not-caught" for row in rows)
    assert any(row[2] == "[ ] ssl-eof-errno-check" for row in rows)
    assert "Found" in result.stdout
    as_json = report(["--statistics", "--preview", "--format", "json", "fixtures"], fixtures)
    assert {row["code"]: row["count"] for row in as_json} == counts
    assert {row["name"] for row in as_json} >= {"ssl-eof-not-caught", "ssl-eof-errno-check"}
    bad = run("netfix-lint", ["--preview", "--statistics", "--format", "sarif", "fixtures"], cwd=fixtures)
    assert bad.returncode == 2 and "--statistics works with --format text or json" in bad.stderr


def test_output_file(tmp_path: Path) -> None:
    (tmp_path / "m.py").write_text(BAD)
    result = run("netfix-lint", ["--preview", "--output-file", "report.json", "--format", "json", "m.py"], cwd=tmp_path)
    assert result.returncode == 1 and result.stdout == ""
    assert json.loads((tmp_path / "report.json").read_text())[0]["code"] == "NFX101"
    text = run("netfix-lint", ["--preview", "--output-file", "report.txt", "m.py"], cwd=tmp_path)
    assert text.stdout == "" and "m.py:5:1: NFX101 [*]" in (tmp_path / "report.txt").read_text()
    missing = run("netfix-lint", ["--preview", "--output-file", "no/such/dir/r.txt", "m.py"], cwd=tmp_path)
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1 and "cannot write" in missing.stderr


def test_diff_cannot_be_combined_with_a_format(tmp_path: Path) -> None:
    (tmp_path / "m.py").write_text(BAD)
    result = run("netfix-lint", ["--preview", "--diff", "--format", "json", "m.py"], cwd=tmp_path)
    assert result.returncode == 2 and "--diff" in result.stderr


def test_colour_only_on_a_terminal(tmp_path: Path) -> None:
    (tmp_path / "m.py").write_text(BAD)
    code, terminal, _ = run_on_terminal("netfix-lint", ["--preview", "m.py"], cwd=tmp_path)
    assert code == 1
    assert "\x1b[31m\x1b[1mNFX101\x1b[0m" in terminal and "\x1b[36m[*]\x1b[0m" in terminal
    piped = run("netfix-lint", ["--preview", "m.py"], cwd=tmp_path).stdout
    assert "\x1b[" not in piped and "m.py:5:1: NFX101 [*]" in piped
    code, plain, _ = run_on_terminal("netfix-lint", ["--preview", "m.py"], cwd=tmp_path, env={"NO_COLOR": "1"})
    assert "\x1b[" not in plain and "NFX101" in plain
    run("netfix-lint", ["--preview", "--output-file", "r.txt", "m.py"], cwd=tmp_path)
    assert "\x1b[" not in (tmp_path / "r.txt").read_text()


def many_files(root: Path, count: int) -> None:
    (root / "pkg").mkdir()
    for number in range(count):
        (root / "pkg" / f"m{number:03}.py").write_text(BAD if number % 10 == 0 else f"x = {number}\n")


def test_progress_bar_on_a_terminal_for_long_runs_only(tmp_path: Path) -> None:
    many_files(tmp_path, 120)
    code, bar, report_text = run_on_terminal("netfix-lint", ["--preview", "pkg"], cwd=tmp_path, terminal="stderr")
    assert code == 1 and "Checking" in bar and "100%" in bar
    assert "Found 12 errors." in report_text and "Checking" not in report_text
    piped = run("netfix-lint", ["--preview", "pkg"], cwd=tmp_path)
    assert "Checking" not in piped.stderr + piped.stdout
    code, short, _ = run_on_terminal("netfix-lint", ["--preview", "pkg/m000.py"], cwd=tmp_path, terminal="stderr")
    assert "Checking" not in short


def test_jobs_give_the_same_report_and_fixes(tmp_path: Path) -> None:
    many_files(tmp_path, 120)
    one = run("netfix-lint", ["--preview", "--no-cache", "--jobs", "1", "pkg"], cwd=tmp_path)
    two = run("netfix-lint", ["--preview", "--no-cache", "-j", "2", "pkg"], cwd=tmp_path)
    assert one.returncode == two.returncode == 1 and one.stdout == two.stdout
    assert json.loads(run("netfix-lint", ["--preview", "-j", "2", "--format", "json", "pkg"], cwd=tmp_path).stdout)[0][
        "fix"
    ]["edits"]
    fixed = run("netfix-lint", ["--preview", "--fix", "--jobs", "2", "pkg"], cwd=tmp_path)
    assert fixed.returncode == 0 and "(12 fixed, 0 remaining)" in fixed.stdout
    assert "ssl.SSLEOFError" in (tmp_path / "pkg" / "m000.py").read_text()
    for bad in ("0", "-1", "x"):
        refused = run("netfix-lint", ["--preview", "--jobs", bad, "pkg"], cwd=tmp_path)
        assert refused.returncode == 2 and "Traceback" not in refused.stderr
