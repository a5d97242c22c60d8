"""Which files a run checks: default excludes, environments, ``.gitignore`` (compared with
what the real ``git`` says), ``exclude`` / ``extend-exclude`` and ``--force-exclude``."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Iterable, List, Set

import pytest

from netfix_lint.files import FileFilter, discover
from netfix_lint.globs import PathPattern, glob_to_regex

from .conftest import run

BAD = "import ssl\nCONTEXT = ssl.create_default_context()\ntry:\n    sock.sendall(data)\nexcept ConnectionError:\n    pass\n"

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

GITIGNORE_ROOT = """\
# comments and blank lines do nothing

*.gen.py
/anchored.py
docs/*.py
build_*/
!keep.gen.py
deep/**/generated.py
**/cache/
logs/**
[abc]_*.py
data/[!x]?.py
trailing.py   
escaped\\ space.py
\\#hash.py
*.py[cod]
"""

GITIGNORE_NESTED = """\
local.py
/only_here.py
!*.gen.py
sub_dir_only/
"""

FILES = [
    "main.py",
    "anchored.py",
    "pkg/anchored.py",
    "a.gen.py",
    "keep.gen.py",
    "pkg/x.gen.py",
    "docs/conf.py",
    "docs/api/deeper.py",
    "build_one/mod.py",
    "pkg/build_two/mod.py",
    "build_file.py",
    "deep/generated.py",
    "deep/a/b/generated.py",
    "deep/a/other.py",
    "pkg/cache/c.py",
    "cache.py",
    "logs/l.py",
    "logs/sub/l.py",
    "a_one.py",
    "d_one.py",
    "data/ab.py",
    "data/xb.py",
    "data/abc.py",
    "trailing.py",
    "escaped space.py",
    "#hash.py",
    "nested/local.py",
    "nested/only_here.py",
    "nested/inner/only_here.py",
    "nested/inner/local.py",
    "nested/re.gen.py",
    "nested/sub_dir_only/s.py",
    "nested/plain.py",
    "local.py",
    "info_excluded.py",
    "stubs/types.pyi",
]


def make_tree(root: Path, files: Iterable[str]) -> None:
    for name in files:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(BAD)


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True).stdout


def ours(root: Path, file_filter: FileFilter, paths: Iterable[str] = (".",)) -> Set[str]:
    cwd = os.getcwd()
    os.chdir(root)
    try:
        found = [item for item in discover(list(paths), file_filter) if isinstance(item, str)]
    finally:
        os.chdir(cwd)
    return {os.path.relpath(path, ".").replace(os.sep, "/") for path in found}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    make_tree(tmp_path, FILES)
    (tmp_path / ".gitignore").write_text(GITIGNORE_ROOT)
    (tmp_path / "nested" / ".gitignore").write_text(GITIGNORE_NESTED)
    if shutil.which("git"):
        git(tmp_path, "init", "-q")
        (tmp_path / ".git" / "info").mkdir(exist_ok=True)
        (tmp_path / ".git" / "info" / "exclude").write_text("info_excluded.py\n")
    return tmp_path


@needs_git
def test_gitignore_matcher_agrees_with_git(repo: Path) -> None:
    # -z: raw names (git quotes unusual ones otherwise).
    from_git = set(git(repo, "ls-files", "-z", "--others", "--exclude-standard").split("\0")) - {""}
    from_git = {p for p in from_git if p.endswith((".py", ".pyi"))}
    found = ours(repo, FileFilter(str(repo), exclude=(".git",)))
    assert found == from_git
    # The tree exercises both sides of every kind of rule.
    assert {"main.py", "keep.gen.py", "nested/re.gen.py", "pkg/anchored.py", "d_one.py", "data/xb.py"} <= found
    assert not {"a.gen.py", "anchored.py", "docs/conf.py", "deep/a/b/generated.py", "logs/sub/l.py"} & found
    assert not {"trailing.py", "escaped space.py", "#hash.py", "info_excluded.py", "nested/inner/local.py"} & found


@needs_git
def test_gitignore_can_be_turned_off(repo: Path) -> None:
    found = ours(repo, FileFilter(str(repo), exclude=(".git",), respect_gitignore=False))
    assert found == set(FILES)


@needs_git
def test_gitignore_of_the_work_tree_applies_below_the_walked_folder(repo: Path) -> None:
    found = ours(repo / "nested", FileFilter(str(repo / "nested")))
    assert found == {"plain.py", "re.gen.py", "inner/only_here.py"}


def test_default_excludes_and_environments(tmp_path: Path) -> None:
    skipped = [".git", ".hg", ".venv", "__pycache__", "build", "dist", ".tox", ".nox", "node_modules", "x.egg-info"]
    make_tree(tmp_path, [f"{folder}/m.py" for folder in skipped] + ["env/m.py", "src/m.py", "src/build/m.py"])
    (tmp_path / "env" / "pyvenv.cfg").write_text("home = /usr/bin\n")
    assert ours(tmp_path, FileFilter(str(tmp_path))) == {"src/m.py"}
    # ``exclude`` replaces the defaults (environments are still found by pyvenv.cfg).
    replaced = ours(tmp_path, FileFilter(str(tmp_path), exclude=[".*", "__pycache__"]))
    assert replaced == {"src/m.py", "src/build/m.py", "build/m.py", "dist/m.py", "node_modules/m.py", "x.egg-info/m.py"}


def test_exclude_patterns_by_name_and_by_path(tmp_path: Path) -> None:
    make_tree(
        tmp_path,
        ["src/a.py", "src/gen/b.py", "src/gen_c.py", "tests/gen/d.py", "migrations/0001.py", "src/x/migrations/2.py"],
    )
    file_filter = FileFilter(str(tmp_path), extend_exclude=["src/gen", "migrations", "*_c.py"])
    assert ours(tmp_path, file_filter) == {"src/a.py", "tests/gen/d.py"}
    # Relative patterns are relative to the configuration's folder, not to the working directory.
    assert ours(tmp_path / "src", file_filter) == {"a.py"}


def test_explicit_files_are_checked_unless_force_exclude(tmp_path: Path) -> None:
    make_tree(tmp_path, ["build/m.py", "gen/g.py", "ok.py"])
    loose = FileFilter(str(tmp_path), extend_exclude=["gen"])
    assert ours(tmp_path, loose, ["build/m.py", "gen/g.py", "ok.py"]) == {"build/m.py", "gen/g.py", "ok.py"}
    forced = FileFilter(str(tmp_path), extend_exclude=["gen"], force_exclude=True)
    assert ours(tmp_path, forced, ["build/m.py", "gen/g.py", "ok.py"]) == {"ok.py"}
    assert ours(tmp_path, forced, ["gen"]) == set()


@pytest.mark.parametrize(
    ("pattern", "matching", "not_matching"),
    [
        ("*.py", ["a.py", ".py"], ["a/b.py", "a.pyc"]),
        ("a/**/b", ["a/b", "a/x/b", "a/x/y/b"], ["a/xb", "ab"]),
        ("**/x", ["x", "a/x", "a/b/x"], ["ax"]),
        ("a/**", ["a/b", "a/b/c"], ["a", "ab"]),
        ("a**b", ["ab", "axxb"], ["a/b"]),
        ("[a-c]?", ["a1", "cz"], ["d1", "a/", "a"]),
        ("[!a-c]", ["d", "-"], ["a", "/"]),
        ("[]x]", ["]", "x"], ["y"]),
        ("[[:digit:]]*", ["1abc"], ["abc"]),
        ("[unclosed", ["[unclosed"], ["u"]),
        ("\\*", ["*"], ["a"]),
    ],
)
def test_glob_translation(pattern: str, matching: List[str], not_matching: List[str]) -> None:
    import re

    regex = re.compile(f"^{glob_to_regex(pattern)}$", re.DOTALL)
    assert [m for m in matching if not regex.match(m)] == []
    assert [m for m in not_matching if regex.match(m)] == []


def test_path_pattern_negation_and_roots(tmp_path: Path) -> None:
    assert PathPattern("tests/*.py", str(tmp_path)).matches(str(tmp_path / "tests" / "t.py"))
    assert not PathPattern("tests/*.py", str(tmp_path)).matches(str(tmp_path / "x" / "tests" / "t.py"))
    assert PathPattern("conftest.py", str(tmp_path)).matches(str(tmp_path / "a" / "b" / "conftest.py"))
    assert PathPattern("!tests/*", str(tmp_path)).negated


@needs_git
def test_the_cli_walk_honours_gitignore(repo: Path) -> None:
    result = run("netfix-lint", ["--select", "NFX101", "."], cwd=repo)
    paths = {line.split(":")[0] for line in result.stdout.splitlines() if ": NFX101" in line}
    from_git = set(git(repo, "ls-files", "-z", "--others", "--exclude-standard").split("\0")) - {""}
    assert paths == {p for p in from_git if p.endswith((".py", ".pyi"))}


def test_a_file_reached_twice_is_checked_and_fixed_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "a.py").write_text(BAD)
    spellings = ["pkg/a.py", "pkg", "./pkg/a.py", str(tmp_path / "pkg" / "a.py")]
    monkeypatch.chdir(tmp_path)
    assert list(discover(spellings, FileFilter(str(tmp_path)))) == ["pkg/a.py"]  # as first spelt
    checked = run("netfix-lint", ["--select", "NFX101", *spellings], cwd=tmp_path)
    reported = [line for line in checked.stdout.splitlines() if ": NFX101" in line]
    assert len(reported) == 1 and reported[0].startswith("pkg/a.py:"), checked.stdout
    fixed = run("netfix-lint", ["--select", "NFX101", "--fix", *spellings], cwd=tmp_path)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert "Found 1 error (1 fixed, 0 remaining)" in fixed.stdout, fixed.stdout
    assert (tmp_path / "pkg" / "a.py").read_text().count("SSLEOFError") == 1
