"""The documentation says what the tool does: rule pages are generated from the rules'
own docs and fresh, every option of ``--help`` is documented (and used by a test), and
the README's and the reference's examples run."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import List

import pytest

from netfix_lint.rules import all_rules

from .conftest import FIXTURES, ROOT, run

DOCS = ROOT / "docs"
README = (ROOT / "README.md").read_text(encoding="utf-8")
REFERENCE = (DOCS / "configuration.md").read_text(encoding="utf-8")


def generator(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "netfix_lint.docs", *args], cwd=cwd, capture_output=True, text=True)


def test_rule_pages_are_fresh() -> None:
    result = generator("--check")
    assert result.returncode == 0, f"{result.stdout}\nregenerate with: python -m netfix_lint.docs"


def test_rule_pages_are_what_explain_prints() -> None:
    for rule in all_rules():
        page = (DOCS / "rules" / f"{rule.code}.md").read_text(encoding="utf-8")
        explained = run("netfix-lint", ["--explain", rule.code]).stdout
        assert page.split("\n\n# ", 1)[1].strip() == explained.strip()
    index = (DOCS / "rules" / "README.md").read_text(encoding="utf-8")
    assert all(f"[{rule.code}]({rule.code}.md)" in index for rule in all_rules())


def test_a_stale_missing_or_orphan_page_fails_the_check(tmp_path: Path) -> None:
    folder = tmp_path / "rules"
    shutil.copytree(DOCS / "rules", folder)
    assert generator("--check", str(folder)).returncode == 0
    first = all_rules()[0].code
    (folder / f"{first}.md").write_text("edited by hand\n")
    (folder / f"{all_rules()[1].code}.md").unlink()
    (folder / "NFX999.md").write_text("a rule that no longer exists\n")
    stale = generator("--check", str(folder))
    assert stale.returncode == 1
    assert f"{first}.md: stale" in stale.stdout
    assert f"{all_rules()[1].code}.md: missing" in stale.stdout
    assert "NFX999.md: no such rule" in stale.stdout
    assert generator(str(folder)).returncode == 0
    assert generator("--check", str(folder)).returncode == 0


def help_options() -> List[str]:
    text = run("netfix-lint", ["--help"]).stdout
    return sorted(set(re.findall(r"(?<![\w-])(--[a-z][a-z-]+|-[a-z])\b", text)))


def test_every_option_of_help_is_documented_and_tested() -> None:
    options = help_options()
    assert {"--fix", "--format", "--config", "--jobs", "--statistics", "--force-exclude"} <= set(options)
    assert [o for o in options if f"`{o}" not in REFERENCE] == []
    tests = "\n".join(
        path.read_text(encoding="utf-8") for path in (ROOT / "tests").glob("test_*.py") if path.name != "test_docs.py"
    )
    assert [o for o in options if f'"{o}"' not in tests and f"'{o}'" not in tests] == []


def test_readme_starts_with_the_two_set_up_commands() -> None:
    blocks = re.findall(r"```sh\n(.*?)```", README, re.DOTALL)
    assert blocks[0].strip() == "pip install . && netfix-lint --preview --diff fixtures/"
    assert blocks[1].strip() == "pip install -e '.[test]' && python -m pytest"
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert blocks[1].strip() in ci


@pytest.mark.parametrize("document", ["README.md", "docs/configuration.md"])
def test_configuration_examples_are_accepted(tmp_path: Path, document: str) -> None:
    text = (ROOT / document).read_text(encoding="utf-8")
    (example,) = re.findall(r"```toml\n(.*?)```", text, re.DOTALL)
    (tmp_path / "pyproject.toml").write_text(example)
    (tmp_path / "m.py").write_text("x = 1\n")
    result = run("netfix-lint", ["."], cwd=tmp_path)
    assert result.returncode == 0, result.stderr


def test_github_actions_example_writes_valid_sarif(tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    workflow = README.split("### In GitHub Actions", 1)[1]
    (block,) = re.findall(r"```yaml\n(.*?)```", workflow, re.DOTALL)[:1]
    commands = [line.split("- run: ", 1)[1] for line in block.splitlines() if "- run: netfix-lint" in line]
    assert len(commands) == 2
    shutil.copytree(FIXTURES, tmp_path / "fixtures")
    sarif = run("netfix-lint", shlex.split(commands[0])[1:], cwd=tmp_path)
    assert sarif.returncode == 0, sarif.stderr  # --exit-zero: the upload step must run
    schema = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(json.loads((tmp_path / "netfix-lint.sarif").read_text()))
    annotations = run("netfix-lint", shlex.split(commands[1])[1:], cwd=tmp_path)
    assert annotations.returncode == 1 and annotations.stdout.startswith("::error file=fixtures/")


@pytest.mark.parametrize(
    ("project", "module"),
    [
        ("NFX205/new_only", "stream.py"),
        ("NFX207/upgrade_pinned", "app.py"),
        ("NFX207/upgrade_range", "app.py"),
        ("NFX209/project", "requirements.txt"),
    ],
)
def test_the_websockets_upgrade_command_fixes_a_project(project: str, module: str, tmp_path: Path) -> None:
    """The README's one command fixes every breakage of the upgrade case (the fixed
    modules run on real releases in test_websockets_releases)."""
    section = README.split("### Upgrading to websockets 14+", 1)[1]
    (command,) = re.findall(r"```sh\n(.*?)```", section, re.DOTALL)[:1]
    argv = shlex.split(command.strip())
    assert argv[0] == "netfix-lint" and argv[-1] == "."
    shutil.copytree(FIXTURES / project, tmp_path / "project", ignore=shutil.ignore_patterns("*.fixed", "*.snap"))
    result = run("netfix-lint", [*argv[1:]], cwd=tmp_path / "project")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "project" / module).read_text() == (FIXTURES / project / f"{module}.fixed").read_text()
