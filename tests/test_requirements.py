"""NFX204 on real requirement files through the real CLI; flake8 never reads them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .conftest import FIXTURES, expected_findings, run

# The requirement files themselves: not their expected output (.fixed) or findings (.snap).
FILES = sorted(p for p in (FIXTURES / "NFX204").rglob("*") if p.is_file() and not p.name.endswith((".fixed", ".snap")))


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(FIXTURES)) for p in FILES])
def test_pins_are_reported_where_marked_and_fixed(tmp_path: Path, path: Path) -> None:
    shutil.copytree(path.parent, tmp_path / "project")
    target = tmp_path / "project" / path.name
    checked = run("netfix-lint", [str(target)])
    found = [(int(line.split(":")[1]), "NFX204") for line in checked.stdout.splitlines() if ": NFX204" in line]
    assert found == expected_findings(path)
    fixed = run("netfix-lint", ["--fix", str(target)])
    assert fixed.returncode == 0, fixed.stdout
    expected = path.with_name(path.name + ".fixed")
    assert target.read_text() == (expected.read_text() if expected.exists() else path.read_text())
    assert run("netfix-lint", ["--fix", str(target)]).stdout.strip() == "All checks passed!"


def test_walking_a_project_checks_its_requirement_files(tmp_path: Path) -> None:
    (tmp_path / "setup.cfg").write_text("[options]\ninstall_requires =\n    websockets<=14.1\n    click\n")
    (tmp_path / "requirements-dev.txt").write_text("websockets~=14.1.0\n")
    (tmp_path / "requirements-ok.txt").write_text("websockets>=14.2\n")
    result = run("netfix-lint", ["."], cwd=tmp_path)
    assert "setup.cfg:3:5: NFX204" in result.stdout
    assert "requirements-dev.txt:1:1: NFX204" in result.stdout
    assert "requirements-ok.txt" not in result.stdout
    run("netfix-lint", ["--fix", "."], cwd=tmp_path)
    assert "websockets<=14.2" in (tmp_path / "setup.cfg").read_text()
    assert (tmp_path / "requirements-dev.txt").read_text() == "websockets~=14.2.0\n"
    # flake8 only reads Python files: the pins are the CLI's business.
    flake8 = run("flake8", ["--isolated", "--select", "NFX", "."], cwd=tmp_path)
    assert "NFX204" not in flake8.stdout


def test_project_versions_follow_every_include_form(tmp_path: Path) -> None:
    from netfix_lint.project import websockets_specifier

    (tmp_path / "base.txt").write_text("websockets>=15\n")
    (tmp_path / "constraints.txt").write_text("websockets<16\n")
    (tmp_path / "requirements.txt").write_text("-r missing.txt\n--requirement=base.txt\n-cconstraints.txt\nclick\n")
    module = tmp_path / "app.py"
    assert websockets_specifier(str(module)) == ">=15 or <16"


def test_poetry_tables_give_the_project_versions(tmp_path: Path) -> None:
    from netfix_lint.project import poetry_specifier, websockets_specifier

    (tmp_path / "pyproject.toml").write_text(
        '[tool.poetry.dependencies]\npython = "^3.9"\nwebsockets = { version = "^15.0", extras = ["speedups"] }\n'
    )
    assert websockets_specifier(str(tmp_path / "app.py")) == "<16,>=15.0"
    assert poetry_specifier("~14.1") == ">=14.1,<14.2"
    assert poetry_specifier("^0.3") == ">=0.3,<0.4"
    assert poetry_specifier(">= 14, < 15") == ">=14,<15"
    assert poetry_specifier("=14.1") == "==14.1"
    assert poetry_specifier("*") == ""
    # A project on websockets >= 15 through Poetry gets its handlers migrated outright.
    shutil.copy(FIXTURES / "NFX202" / "rpc_client.py", tmp_path / "rpc_client.py")
    run("netfix-lint", ["--fix", "rpc_client.py"], cwd=tmp_path)
    fixed = (tmp_path / "rpc_client.py").read_text()
    assert "InvalidStatusCode" not in fixed and "except InvalidStatus as exc:" in fixed
