"""``[tool.netfix-lint]`` through the real executable: every key has its effect, command
line options override it, and a bad file is one clear line with exit 2."""

from __future__ import annotations

from pathlib import Path
from typing import List, Set

import pytest

from netfix_lint.config import KEYS

from .conftest import ROOT, run

BAD = "import ssl\nCONTEXT = ssl.create_default_context()\ntry:\n    sock.sendall(data)\nexcept ConnectionError:\n    pass\n"
SUPPRESS = "import contextlib, socket, ssl\nCONTEXT = ssl.create_default_context()\nwith contextlib.suppress(ConnectionError):\n    sock.sendall(data)\n"
GUARDED = "try:\n    import ssl\nexcept ImportError:\n    ssl = None\nimport socket\nCONTEXT = ssl and ssl.create_default_context()\ntry:\n    sock.sendall(data)\nexcept ConnectionError:\n    pass\n"
WEBSOCKETS = (
    "import websockets\n\nasync def f(uri):\n    try:\n        await websockets.connect(uri)\n"
    "    except websockets.InvalidStatusCode:\n        pass\n"
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for name, text in {
        "src/server.py": BAD,
        "src/quiet.py": SUPPRESS,
        "src/generated/gen.py": BAD,
        "tests/test_server.py": BAD,
    }.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return tmp_path


def configure(root: Path, body: str, name: str = "pyproject.toml") -> None:
    (root / name).write_text(body)


def findings(args: List[str], cwd: Path) -> Set[str]:
    """What a run reports, preview rules included (NFX101 is one): these tests are about
    the configuration, not about which rules are on by default."""
    result = run("netfix-lint", ["--preview", *args], cwd=cwd)
    assert result.returncode in (0, 1), result.stdout + result.stderr
    return {
        f"{line.split(':')[0]} {line.split(': ')[1].split()[0]}"
        for line in result.stdout.splitlines()
        if ": NFX" in line
    }


ALL = {"src/server.py NFX101", "src/quiet.py NFX102", "src/generated/gen.py NFX101", "tests/test_server.py NFX101"}


def test_no_configuration(project: Path) -> None:
    assert findings(["."], project) == ALL


def test_select_ignore_extend_select(project: Path) -> None:
    configure(project, '[tool.netfix-lint]\nselect = ["NFX102"]\n')
    assert findings(["."], project) == {"src/quiet.py NFX102"}
    configure(project, '[tool.netfix-lint]\nselect = ["NFX102"]\nextend-select = ["nfx101"]\n')
    assert findings(["."], project) == ALL
    configure(project, '[tool.netfix-lint]\nignore = ["NFX10"]\n')
    assert findings(["."], project) == set()
    # Command-line options override the file: --select replaces its select, --ignore its ignore.
    assert findings(["--ignore", "NFX102", "."], project) == ALL - {"src/quiet.py NFX102"}
    configure(project, '[tool.netfix-lint]\nselect = ["NFX102"]\n')
    assert findings(["--select", "NFX101", "."], project) == ALL - {"src/quiet.py NFX102"}
    assert findings(["--extend-select", "NFX101", "."], project) == ALL


def test_exclude_and_extend_exclude(project: Path) -> None:
    configure(project, '[tool.netfix-lint]\nextend-exclude = ["src/generated", "test_*.py"]\n')
    assert findings(["."], project) == {"src/server.py NFX101", "src/quiet.py NFX102"}
    # Relative to the configuration file, wherever the run starts.
    assert findings(["."], project / "src") == {"server.py NFX101", "quiet.py NFX102"}
    configure(project, '[tool.netfix-lint]\nexclude = ["tests"]\n')
    (project / "build").mkdir()
    (project / "build" / "b.py").write_text(BAD)
    assert findings(["."], project) == ALL - {"tests/test_server.py NFX101"} | {"build/b.py NFX101"}
    assert findings(["--exclude", "src", "."], project) == {"tests/test_server.py NFX101", "build/b.py NFX101"}
    assert findings(["--extend-exclude", "src,build", "."], project) == set()


def test_force_exclude(project: Path) -> None:
    configure(project, '[tool.netfix-lint]\nextend-exclude = ["generated"]\n')
    assert findings(["src/generated/gen.py"], project) == {"src/generated/gen.py NFX101"}
    assert findings(["--force-exclude", "src/generated/gen.py"], project) == set()
    configure(project, '[tool.netfix-lint]\nextend-exclude = ["generated"]\nforce-exclude = true\n')
    assert findings(["src/generated/gen.py", "src/server.py"], project) == {"src/server.py NFX101"}
    assert findings(["--no-force-exclude", "src/generated/gen.py"], project) == {"src/generated/gen.py NFX101"}


def test_respect_gitignore(project: Path) -> None:
    (project / ".gitignore").write_text("generated/\n")
    assert findings(["."], project) == ALL - {"src/generated/gen.py NFX101"}
    assert findings(["--no-respect-gitignore", "."], project) == ALL
    configure(project, "[tool.netfix-lint]\nrespect-gitignore = false\n")
    assert findings(["."], project) == ALL
    assert findings(["--respect-gitignore", "."], project) == ALL - {"src/generated/gen.py NFX101"}


def test_per_file_ignores(project: Path) -> None:
    configure(
        project,
        '[tool.netfix-lint]\n[tool.netfix-lint.per-file-ignores]\n"tests/*" = ["NFX101"]\n"quiet.py" = ["NFX1"]\n'
        '"!src/**" = ["NFX102"]\n',
    )
    assert findings(["."], project) == {"src/server.py NFX101", "src/generated/gen.py NFX101"}
    # stdin is configured by the name it is given.
    named = run(
        "netfix-lint", ["--preview", "-", "--stdin-filename", "tests/test_new.py"], cwd=project, stdin=BAD.encode()
    )
    assert named.returncode == 0 and "All checks passed!" in named.stdout
    other = run("netfix-lint", ["--preview", "-", "--stdin-filename", "src/new.py"], cwd=project, stdin=BAD.encode())
    assert other.returncode == 1 and other.stdout.startswith("src/new.py:5:1: NFX101")


def test_stdin_fix_with_configuration(project: Path) -> None:
    configure(project, '[tool.netfix-lint]\nextend-exclude = ["generated"]\nforce-exclude = true\n')
    fixed = run(
        "netfix-lint", ["--preview", "--fix", "-", "--stdin-filename", "src/app.py"], cwd=project, stdin=BAD.encode()
    )
    assert fixed.returncode == 0 and "ssl.SSLEOFError" in fixed.stdout
    # Excluded: nothing reported, the source comes back unchanged.
    excluded = run(
        "netfix-lint",
        ["--preview", "--fix", "-", "--stdin-filename", "src/generated/x.py"],
        cwd=project,
        stdin=BAD.encode(),
    )
    assert excluded.returncode == 0 and excluded.stdout == BAD


def test_unsafe_fixes(tmp_path: Path) -> None:
    (tmp_path / "guarded.py").write_text(GUARDED)
    configure(tmp_path, "[tool.netfix-lint]\nunsafe-fixes = true\n")
    assert "[*]" in run("netfix-lint", ["--preview", "guarded.py"], cwd=tmp_path).stdout
    assert "[*]" not in run("netfix-lint", ["--preview", "--no-unsafe-fixes", "guarded.py"], cwd=tmp_path).stdout
    fixed = run("netfix-lint", ["--preview", "--fix", "guarded.py"], cwd=tmp_path)
    assert fixed.returncode == 0 and "ssl.SSLEOFError" in (tmp_path / "guarded.py").read_text()


def test_websockets_version(tmp_path: Path) -> None:
    (tmp_path / "client.py").write_text(WEBSOCKETS)
    (tmp_path / "requirements.txt").write_text("websockets<14\n")
    assert findings(["client.py"], tmp_path) == set()
    configure(tmp_path, '[tool.netfix-lint]\nwebsockets-version = ">=15"\n')
    result = run("netfix-lint", ["--preview", "client.py"], cwd=tmp_path)
    assert "NFX202" in result.stdout and "the project allows >=15" in result.stdout
    overridden = run("netfix-lint", ["--preview", "--websockets-version", "<14", "client.py"], cwd=tmp_path)
    assert overridden.returncode == 0


def test_jobs_key(project: Path) -> None:
    configure(project, "[tool.netfix-lint]\njobs = 2\n")
    assert findings(["."], project) == ALL


def test_max_file_size_key_and_option(project: Path) -> None:
    configure(project, "[tool.netfix-lint]\nmax-file-size = 0.00001\n")
    limited = run("netfix-lint", ["--preview", "."], cwd=project)
    assert limited.returncode == 2 and "MiB limit for files to parse" in limited.stdout
    # The option overrides the configuration.
    assert findings(["--max-file-size", "0", "."], project) == ALL


def test_nearest_configuration_wins_and_tables_of_other_tools_are_skipped(project: Path) -> None:
    configure(project, '[tool.netfix-lint]\nselect = ["NFX102"]\n')
    (project / "src" / "pyproject.toml").write_text('[project]\nname = "src"\ndependencies = ["netfix-lint"]\n')
    # src/pyproject.toml has no [tool.netfix-lint]: the one above applies.
    assert findings(["."], project / "src") == {"quiet.py NFX102"}
    (project / "src" / "pyproject.toml").write_text('[tool.netfix-lint]\nselect = ["NFX101"]\n')
    assert findings(["."], project / "src") == {"server.py NFX101", "generated/gen.py NFX101"}
    assert findings(["src"], project) == {"src/server.py NFX101", "src/generated/gen.py NFX101"}
    # --isolated reads no file; --config names one.
    assert findings(["--isolated", "."], project / "src") == {
        "server.py NFX101",
        "quiet.py NFX102",
        "generated/gen.py NFX101",
    }
    configure(project, 'select = ["NFX102"]\n', name="custom.toml")
    assert findings(["--config", "../custom.toml", "."], project / "src") == {"quiet.py NFX102"}
    assert findings(["--config", "pyproject.toml", "src"], project) == {"src/quiet.py NFX102"}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("selct = []", "unknown key 'selct' (did you mean 'select'?)"),
        ("colour = true", "unknown key 'colour'; known keys: select, ignore"),
        ('select = "NFX101"', "select: expected a list of strings, not 'NFX101'"),
        ('select = ["E501"]', "select: unknown rule code or prefix 'E501'"),
        ("ignore = [1]", "ignore: expected a list of strings"),
        ("exclude = 3", "exclude: expected a list of strings"),
        ('unsafe-fixes = "yes"', "unsafe-fixes: expected true or false, not 'yes'"),
        ("respect-gitignore = 1", "respect-gitignore: expected true or false"),
        ("force-exclude = []", "force-exclude: expected true or false"),
        ("jobs = 0", "jobs: expected a whole number of processes, 1 or more, not 0"),
        ("jobs = true", "jobs: expected a whole number"),
        ('jobs = "4"', "jobs: expected a whole number"),
        ("max-file-size = -1", "max-file-size: expected a size in MiB, 0 or more"),
        ('max-file-size = "10M"', "max-file-size: expected a size in MiB"),
        ('websockets-version = "fourteen"', "websockets-version: not a version or version specifier: 'fourteen'"),
        ("websockets-version = 14", "websockets-version: expected a version specifier string"),
        ('per-file-ignores = ["x"]', "per-file-ignores: expected a table of glob = [codes]"),
        ('per-file-ignores = {"t/*" = ["NFX9"]}', "per-file-ignores.'t/*': unknown rule code or prefix 'NFX9'"),
        ('extend-select = ["NFX101", 2]', "extend-select: expected a list of strings"),
        ("select = [", "not valid TOML"),
    ],
)
def test_bad_configuration_is_one_line_and_exit_2(project: Path, body: str, message: str) -> None:
    configure(project, f"[tool.netfix-lint]\n{body}\n")
    result = run("netfix-lint", ["--preview", "."], cwd=project)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("netfix-lint: error: pyproject.toml: ")
    assert message in result.stderr


def test_bad_config_option(project: Path) -> None:
    missing = run("netfix-lint", ["--preview", "--config", "nowhere.toml", "."], cwd=project)
    assert missing.returncode == 2 and "nowhere.toml: cannot read" in missing.stderr
    configure(project, "[project]\nname = 'x'\n")
    no_table = run("netfix-lint", ["--preview", "--config", "pyproject.toml", "."], cwd=project)
    assert no_table.returncode == 2 and "pyproject.toml: no [tool.netfix-lint] table" in no_table.stderr
    both = run("netfix-lint", ["--preview", "--config", "pyproject.toml", "--isolated", "."], cwd=project)
    assert both.returncode == 2 and "--isolated and --config cannot be used together" in both.stderr


def test_a_broken_pyproject_under_check_is_a_finding_not_a_configuration_error(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[project\nname = \n")
    (tmp_path / "m.py").write_text(BAD)
    result = run("netfix-lint", ["--preview", "."], cwd=tmp_path)
    assert "m.py:5:1: NFX101" in result.stdout and "Traceback" not in result.stderr


def test_every_key_is_documented() -> None:
    reference = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    assert [key for key in KEYS if f"`{key}`" not in reference] == []
