"""The real pre-commit (4.x, installed from the package index into a throwaway virtual
environment) runs this repository's hooks, configured with the README's snippet, on a
throwaway git repository: the check hook fails naming the finding, the fix hook rewrites
the file, and the next run passes. Skips, saying why, when the index cannot be reached."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import venv
from pathlib import Path
from typing import Dict, List

import pytest

from .conftest import ROOT

BAD = "import ssl\nCONTEXT = ssl.create_default_context()\ntry:\n    sock.sendall(data)\nexcept ConnectionError:\n    pass\n"
GOOD = "import ssl\nCONTEXT = ssl.create_default_context()\ntry:\n    sock.sendall(data)\nexcept (ConnectionError, ssl.SSLEOFError):\n    pass\n"
PLACEHOLDER_REPO = "https://github.com/OWNER/netfix-lint"
PLACEHOLDER_REV = "v0.1.0"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def readme_snippet() -> str:
    """The .pre-commit-config.yaml the README shows."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### With pre-commit", 1)[1]
    match = re.search(r"```yaml\n(.*?)```", section, re.DOTALL)
    assert match, "the README's pre-commit section has no yaml block"
    return match.group(1)


def git(cwd: Path, *args: str) -> str:
    env = dict(
        os.environ,
        GIT_AUTHOR_NAME="test",
        GIT_AUTHOR_EMAIL="test@example.invalid",
        GIT_COMMITTER_NAME="test",
        GIT_COMMITTER_EMAIL="test@example.invalid",
    )
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True).stdout


def snapshot_of_this_repository(target: Path) -> str:
    """Commit the working tree as it is (changes not committed yet included) into a new
    repository at ``target``; return the commit, which pre-commit needs as ``rev``."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if listed.returncode != 0:
        pytest.skip(f"the repository is not a git checkout: {listed.stderr.strip()}")
    for name in filter(None, listed.stdout.split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    git(target, "init", "-q")
    git(target, "add", "-A")
    git(target, "commit", "-q", "-m", "snapshot")
    return git(target, "rev-parse", "HEAD").strip()


def pre_commit(tmp_path: Path) -> List[str]:
    folder = tmp_path / "pre-commit-venv"
    venv.create(folder, with_pip=True)
    python = folder / "bin" / "python"
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", "pre-commit>=4,<5"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if install.returncode != 0:
        pytest.skip(f"pre-commit does not install (no package index?): {install.stderr.strip()[-300:]}")
    return [str(python), "-m", "pre_commit"]


def test_readme_hooks_fail_fix_then_pass_network(tmp_path: Path) -> None:
    command = pre_commit(tmp_path)
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    rev = snapshot_of_this_repository(hooks)
    project = tmp_path / "project"
    project.mkdir()
    git(project, "init", "-q")
    snippet = readme_snippet()
    assert PLACEHOLDER_REPO in snippet and PLACEHOLDER_REV in snippet
    (project / ".pre-commit-config.yaml").write_text(
        snippet.replace(PLACEHOLDER_REPO, str(hooks)).replace(PLACEHOLDER_REV, rev)
    )
    (project / "server.py").write_text(BAD)
    # NFX101 is a preview rule: the project turns it on, as the README says.
    (project / "pyproject.toml").write_text('[tool.netfix-lint]\nextend-select = ["NFX101"]\n')
    (project / "requirements.txt").write_text("websockets==14.1\n")
    (project / "README.txt").write_text("ConnectionError, but not Python\n")
    git(project, "add", "-A")
    env: Dict[str, str] = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "cache"), PRE_COMMIT_COLOR="never")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*command, *args], cwd=project, env=env, capture_output=True, text=True, timeout=900)

    check = run("run", "netfix-lint", "--all-files")
    if check.returncode == 3 or "An unexpected error has occurred" in check.stdout + check.stderr:
        log = tmp_path / "cache" / "pre-commit.log"
        detail = log.read_text()[-600:] if log.exists() else check.stdout[-600:]
        if "pip" in detail and ("index" in detail.lower() or "connection" in detail.lower()):
            pytest.skip(f"the hook's environment does not install (no package index?): {detail}")
        raise AssertionError(detail)
    assert check.returncode == 1, check.stdout + check.stderr
    assert "server.py:5:1: NFX101 [*]" in check.stdout
    assert "requirements.txt:1:1: NFX204 [*]" in check.stdout
    assert "README.txt" not in check.stdout
    assert (project / "server.py").read_text() == BAD

    fix = run("run", "netfix-lint-fix", "--all-files")
    assert fix.returncode == 1, fix.stdout + fix.stderr
    assert "files were modified by this hook" in fix.stdout
    assert (project / "server.py").read_text() == GOOD
    assert (project / "requirements.txt").read_text() == "websockets==14.2\n"

    again = run("run", "--all-files")
    assert again.returncode == 0, again.stdout + again.stderr
    assert again.stdout.count("Passed") == len(re.findall(r"- id: netfix-lint", snippet))
