"""The cache of results: hits, what invalidates them, where it lives, and that a broken
or contended cache file costs a re-check, never a wrong report. Also --jobs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, List, Optional, Set

import pytest

from netfix_lint.api import CHUNK_FILES
from netfix_lint.cache import CACHE_DIR_NAME, FORMAT, ResultCache
from netfix_lint.model import Finding

from .conftest import run

HANDLER = 'import socket\nimport ssl\n\ndef serve(sock: ssl.SSLSocket):\n    try:\n        sock.sendall(b"x")\n    except ConnectionResetError:\n        pass\n'
#: The same length as HANDLER, and no finding: the name is nobody's exception.
QUIET = HANDLER.replace("ConnectionResetError", "ConnectionResetErrox")
WEBSOCKETS = (
    "from websockets import InvalidStatusCode, connect\n\n\n"
    "async def notify(uri):\n"
    "    try:\n"
    "        async with connect(uri) as ws:\n"
    "            await ws.send('ping')\n"
    "    except InvalidStatusCode as e:\n"
    "        return e.status_code\n"
)

#: Runs the CLI in this process, then says which heavy modules the run loaded.
PROBE = """
import sys
{prelude}
from netfix_lint.cli import main
try:
    main()
finally:
    heavy = ("libcst", "netfix_lint.engine", "netfix_lint.rules", "netfix_lint.facts", "packaging",
             "concurrent.futures.process")
    sys.stderr.write("LOADED " + ",".join(m for m in heavy if m in sys.modules) + "\\n")
"""


def probe(args: List[str], cwd: Path, prelude: str = "", env: Optional[Dict[str, str]] = None) -> Probe:
    result = subprocess.run(
        # --preview: the runs are about the cache, on files whose findings are NFX101's.
        [sys.executable, "-c", PROBE.format(prelude=prelude), "--preview", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=dict(os.environ, **(env or {})),
        timeout=120,
    )
    loaded = [line for line in result.stderr.splitlines() if line.startswith("LOADED ")]
    assert loaded, result.stderr
    return Probe(result.returncode, result.stdout, set(filter(None, loaded[-1][7:].split(","))))


class Probe:
    def __init__(self, code: int, stdout: str, loaded: Set[str]) -> None:
        self.code, self.stdout, self.loaded = code, stdout, loaded

    @property
    def parsed(self) -> bool:
        """Whether the run loaded the engine (a file was checked, not served)."""
        return "netfix_lint.engine" in self.loaded


def age(*paths: Path, seconds: int = 600) -> None:
    """Make files (and folders) look untouched for a while: the cache trusts their time."""
    then = time.time_ns() - seconds * 1_000_000_000
    for path in paths:
        os.utime(path, ns=(then, then))


def cache_files(folder: Path) -> List[Path]:
    return sorted((folder / CACHE_DIR_NAME).glob("*.json"))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "server.py").write_text(HANDLER)
    (tmp_path / "plain.py").write_text("VALUE = 1\n")
    age(tmp_path / "server.py", tmp_path / "plain.py")
    return tmp_path


def test_a_second_run_is_served_from_the_cache_without_parsing(project: Path) -> None:
    first = probe(["."], project)
    assert first.code == 1 and "server.py:7:5: NFX101" in first.stdout and first.parsed
    second = probe(["."], project)
    assert (second.code, second.stdout) == (first.code, first.stdout)
    assert second.loaded == set()  # no engine, rules, facts, packaging or libcst
    (folder,) = {path.parent for path in cache_files(project)}
    assert (folder / ".gitignore").read_text().endswith("*\n") and (folder / "CACHEDIR.TAG").exists()
    assert run("netfix-lint", ["--preview", "server.py"], cwd=project).stdout == first.stdout


def test_a_touched_file_with_the_same_content_is_still_a_hit(project: Path) -> None:
    probe(["."], project)
    age(project / "server.py", seconds=300)  # another time, same bytes (a git checkout)
    touched = probe(["."], project)
    assert "NFX101" in touched.stdout and not touched.parsed


def test_a_content_change_is_seen(project: Path) -> None:
    probe(["."], project)
    (project / "server.py").write_text(HANDLER + "\n\n")
    changed = probe(["."], project)
    assert changed.parsed and "NFX101" in changed.stdout
    (project / "server.py").write_text(QUIET)
    assert "NFX101" not in probe(["."], project).stdout


def test_a_change_in_the_same_size_and_clock_tick_is_seen(tmp_path: Path) -> None:
    # Written just now: the cache does not trust the time of such a file next run.
    target = tmp_path / "server.py"
    target.write_text(HANDLER)
    status = target.stat()
    assert "NFX101" in run("netfix-lint", ["--preview", "."], cwd=tmp_path).stdout
    target.write_text(QUIET)
    os.utime(target, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert target.stat().st_size == status.st_size
    assert "NFX101" not in run("netfix-lint", ["--preview", "."], cwd=tmp_path).stdout


def test_settings_and_configuration_have_caches_of_their_own(project: Path) -> None:
    probe(["."], project)
    assert "NFX101" not in probe(["--ignore", "NFX101", "."], project).stdout
    (project / "pyproject.toml").write_text('[tool.netfix-lint]\nper-file-ignores = {"server.py" = ["NFX1"]}\n')
    assert "NFX101" not in probe(["."], project).stdout
    (project / "pyproject.toml").write_text('[tool.netfix-lint]\nignore = ["NFX103"]\n')
    assert "NFX101" in probe(["."], project).stdout
    (project / "pyproject.toml").unlink()
    back = probe(["."], project)
    assert "NFX101" in back.stdout and not back.parsed


def test_another_version_of_the_tool_does_not_read_the_cache(project: Path) -> None:
    probe(["."], project)
    (cache,) = cache_files(project)
    data = json.loads(cache.read_text())
    (entry,) = [entry for path, entry in data["files"].items() if path.endswith("server.py")]
    entry[4][0][2] = "a message only the cache knows"
    cache.write_text(json.dumps(data))
    assert "a message only the cache knows" in probe(["."], project).stdout
    other = probe(["."], project, prelude="import netfix_lint\nnetfix_lint.__version__ = '999.0'")
    assert other.parsed and "a message only the cache knows" not in other.stdout


def _websockets_project(root: Path, requirement: str) -> Path:
    (root / "pyproject.toml").write_text(f'[project]\nname = "p"\ndependencies = ["{requirement}"]\n')
    (root / "sub").mkdir()
    (root / "sub" / "notifier.py").write_text(WEBSOCKETS)
    age(root / "pyproject.toml", root / "sub" / "notifier.py", root / "sub", root)
    return root / "sub" / "notifier.py"


def test_a_change_of_the_projects_websockets_requirement_is_seen(tmp_path: Path) -> None:
    _websockets_project(tmp_path, "websockets<14")
    assert "NFX202" not in probe(["sub"], tmp_path).stdout
    served = probe(["sub"], tmp_path)
    assert "NFX202" not in served.stdout and not served.loaded  # requirement and result from the cache
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "p"\ndependencies = ["websockets>=15"]\n')
    assert "NFX202" in probe(["sub"], tmp_path).stdout
    # A requirements file appearing nearer the file takes over.
    (tmp_path / "sub" / "requirements.txt").write_text("-r base.txt\n")
    (tmp_path / "sub" / "base.txt").write_text("websockets<14\n")
    age(tmp_path / "sub" / "requirements.txt", tmp_path / "sub" / "base.txt", tmp_path / "sub")
    assert "NFX202" not in probe(["sub"], tmp_path).stdout
    assert "packaging" not in probe(["sub"], tmp_path).loaded
    # ... and so does a change in a file it includes.
    (tmp_path / "sub" / "base.txt").write_text("websockets>=15\n")
    age(tmp_path / "sub" / "base.txt")
    assert "NFX202" in probe(["sub"], tmp_path).stdout


def test_a_file_coming_and_going_beside_the_project_costs_no_rewrite(tmp_path: Path) -> None:
    # An editor's swap file in the project's root changes the root's time, not its project
    # files: the run is served, and the cache is not written again until the new time is
    # old enough to trust (then once).
    _websockets_project(tmp_path, "websockets>=15")
    probe(["sub"], tmp_path)
    (cache,) = cache_files(tmp_path)
    age(tmp_path, cache)
    probe(["sub"], tmp_path)  # stores the root's aged time
    (cache,) = cache_files(tmp_path)
    age(cache)
    before = (cache.read_bytes(), cache.stat().st_mtime_ns)
    swap = tmp_path / ".notifier.py.swp"
    swap.write_text("x")
    swap.unlink()
    served = probe(["sub"], tmp_path)
    assert "NFX202" in served.stdout and not served.loaded
    assert (cache.read_bytes(), cache.stat().st_mtime_ns) == before
    age(tmp_path, seconds=300)
    assert "NFX202" in probe(["sub"], tmp_path).stdout
    trusted = cache.read_bytes()
    assert trusted != before[0]  # the new time, now trusted, is kept
    age(cache)
    kept = cache.stat().st_mtime_ns
    assert not probe(["sub"], tmp_path).loaded and cache.stat().st_mtime_ns == kept


def test_no_cache_neither_reads_nor_writes(project: Path) -> None:
    result = probe(["--no-cache", "."], project)
    assert result.code == 1 and result.parsed and not (project / CACHE_DIR_NAME).exists()
    probe(["."], project)
    (cache,) = cache_files(project)
    cache.write_text(cache.read_text().replace("handler catches", "handler caught"))
    assert "handler caught" in probe(["."], project).stdout
    assert "handler caught" not in probe(["--no-cache", "."], project).stdout


def test_cache_dir_option_environment_and_key(project: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    run("netfix-lint", ["--preview", "--cache-dir", str(elsewhere / "c"), "."], cwd=project)
    assert list((elsewhere / "c").glob("*.json")) and not (project / CACHE_DIR_NAME).exists()
    run("netfix-lint", ["--preview", "."], cwd=project, env={"NETFIX_LINT_CACHE_DIR": str(elsewhere / "env")})
    assert list((elsewhere / "env").glob("*.json")) and not (project / CACHE_DIR_NAME).exists()
    (project / "pyproject.toml").write_text('[tool.netfix-lint]\ncache-dir = "build/lint-cache"\n')
    (project / "sub").mkdir()
    (project / "sub" / "m.py").write_text(HANDLER)
    run("netfix-lint", ["--preview", "."], cwd=project / "sub")  # relative to the configuration's folder
    assert list((project / "build" / "lint-cache").glob("*.json"))
    # The option wins over the key.
    run("netfix-lint", ["--preview", "--cache-dir", str(elsewhere / "option"), "."], cwd=project)
    assert list((elsewhere / "option").glob("*.json"))
    (project / "pyproject.toml").write_text("[tool.netfix-lint]\ncache-dir = 3\n")
    refused = run("netfix-lint", ["--preview", "."], cwd=project)
    assert refused.returncode == 2 and "cache-dir: expected a path" in refused.stderr


@pytest.mark.parametrize(
    "garbage", [b"{not json", b"[]", b'{"format": %d, "files": {"x": 1}, "folders": []}' % FORMAT, b"\xff\x00"]
)
def test_a_corrupt_cache_file_is_ignored_and_rewritten(project: Path, garbage: bytes) -> None:
    expected = run("netfix-lint", ["--preview", "."], cwd=project)
    (cache,) = cache_files(project)
    cache.write_bytes(garbage)
    again = run("netfix-lint", ["--preview", "."], cwd=project)
    assert (again.returncode, again.stdout, again.stderr) == (expected.returncode, expected.stdout, expected.stderr)
    assert json.loads(cache.read_text())["format"] == FORMAT


def test_a_corrupt_entry_is_checked_again(project: Path) -> None:
    expected = run("netfix-lint", ["--preview", "."], cwd=project).stdout
    (cache,) = cache_files(project)
    data = json.loads(cache.read_text())
    for entry in data["files"].values():
        entry[4] = [["NFX101", "too", "short"]]
    cache.write_text(json.dumps(data))
    assert run("netfix-lint", ["--preview", "."], cwd=project).stdout == expected


def test_concurrent_runs_leave_a_whole_cache_file(tmp_path: Path) -> None:
    for number in range(40):
        (tmp_path / f"m{number:02}.py").write_text(HANDLER if number % 3 == 0 else f"x = {number}\n")
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "netfix_lint", "--exit-zero", "."], cwd=tmp_path, stdout=subprocess.DEVNULL
        )
        for _ in range(6)
    ]
    assert [process.wait(timeout=120) for process in runs] == [0] * 6
    (cache,) = cache_files(tmp_path)
    assert len(json.loads(cache.read_text())["files"]) == 40
    assert [p.name for p in (tmp_path / CACHE_DIR_NAME).iterdir() if p.name.startswith(".tmp")] == []


def test_two_writers_of_one_cache_file(tmp_path: Path) -> None:
    # Two runs that read the same cache, then write: the second keeps what the first
    # added for files it did not see itself (pre-commit runs several at once).
    for name in ("a.py", "b.py"):
        (tmp_path / name).write_text("x = 1\n")
    first, second = ResultCache(str(tmp_path / "c"), "key"), ResultCache(str(tmp_path / "c"), "key")
    finding = Finding("NFX101", "ssl-eof-not-caught", "m", 1, 1, 1, 2)
    first.store(str(tmp_path / "a.py"), (6, 1, "d"), None, [finding], {})
    second.store(str(tmp_path / "b.py"), (6, 1, "d"), None, [], {})
    assert first.save() is None and second.save() is None
    files = json.loads((tmp_path / "c" / "key.json").read_text())["files"]
    assert sorted(files) == [str(tmp_path / "a.py"), str(tmp_path / "b.py")]
    assert files[str(tmp_path / "a.py")][4][0][0] == "NFX101"


def test_fixes_use_the_cache_only_for_files_with_nothing_to_fix(project: Path) -> None:
    probe(["."], project)
    fixed = probe(["--fix", "."], project)
    assert fixed.code == 0 and "1 fixed" in fixed.stdout and "libcst" in fixed.loaded
    assert "ssl.SSLEOFError" in (project / "server.py").read_text()
    again = run("netfix-lint", ["--preview", "--fix", "."], cwd=project)
    assert again.returncode == 0 and "fixed" not in again.stdout
    assert run("netfix-lint", ["--preview", "."], cwd=project).returncode == 0


def test_entries_of_deleted_files_are_dropped(project: Path) -> None:
    probe(["."], project)
    (project / "plain.py").unlink()
    probe(["."], project)
    (cache,) = cache_files(project)
    assert [Path(path).name for path in json.loads(cache.read_text())["files"]] == ["server.py"]


def test_an_unwritable_cache_is_a_warning(project: Path) -> None:
    (project / "blocked").write_text("a file where the cache folder would be")
    result = run("netfix-lint", ["--preview", "--cache-dir", "blocked/cache", "."], cwd=project)
    assert result.returncode == 1 and "NFX101" in result.stdout
    assert "warning: cannot write the cache" in result.stderr and "Traceback" not in result.stderr


def test_jobs_start_workers_only_for_enough_files(tmp_path: Path) -> None:
    """Workers get a chunk of files a task, once a chunk's worth waits; what they find
    (and the diffs they make, and the fixes they write) is what one process finds."""
    (tmp_path / "pkg").mkdir()
    files = CHUNK_FILES + CHUNK_FILES // 2 + 1  # one full chunk, and a part one
    for number in range(files):
        (tmp_path / "pkg" / f"m{number:02}.py").write_text(HANDLER if number % 3 else "x = 1\n")
    handlers = sum(1 for number in range(files) if number % 3)
    one = probe(["--no-cache", "-j", "1", "pkg"], tmp_path)
    two = probe(["--no-cache", "-j", "2", "pkg"], tmp_path)
    assert one.code == two.code == 1 and one.stdout == two.stdout and f"Found {handlers} errors." in one.stdout
    assert "concurrent.futures.process" in two.loaded and "concurrent.futures.process" not in one.loaded
    small = probe(["--no-cache", "-j", "2", "pkg/m01.py", "pkg/m02.py"], tmp_path)
    assert small.code == 1 and "concurrent.futures.process" not in small.loaded
    diff_one = run("netfix-lint", ["--preview", "--diff", "-j", "1", "pkg"], cwd=tmp_path)
    diff_two = run("netfix-lint", ["--preview", "--diff", "-j", "2", "pkg"], cwd=tmp_path)
    assert diff_one.stdout == diff_two.stdout and diff_one.stdout.count("+++ b/pkg/") == handlers
    cached = run("netfix-lint", ["--preview", "-j", "2", "pkg"], cwd=tmp_path)  # workers' results fill the cache
    assert cached.stdout == one.stdout
    assert run("netfix-lint", ["--preview", "-j", "2", "pkg"], cwd=tmp_path).stdout == one.stdout
    fixed = run("netfix-lint", ["--preview", "--fix", "-j", "2", "pkg"], cwd=tmp_path)
    assert f"Fixed {handlers}" in fixed.stdout or f"{handlers} fixed" in fixed.stdout, fixed.stdout
    assert "ssl.SSLEOFError" in (tmp_path / "pkg" / "m01.py").read_text()
    assert run("netfix-lint", ["--preview", "-j", "2", "pkg"], cwd=tmp_path).returncode == 0


def test_workers_get_the_biggest_files_first() -> None:
    """Tasks go out largest file first (a big module parsed last would keep one worker
    busy alone), each ends at CHUNK_FILES files or CHUNK_BYTES bytes, and every file is
    in exactly one; files of one size keep the order they were found in."""
    from netfix_lint.api import CHUNK_BYTES, _largest_first

    sizes = [100, 5 * CHUNK_BYTES, 2000, CHUNK_BYTES // 2, 100, *range(1, 200)]
    waiting = [(size, f"m{number:03}.py", None) for number, size in enumerate(sizes)]
    chunks = list(_largest_first(waiting))
    flat = [path for chunk in chunks for path, _ in chunk]
    assert sorted(flat) == sorted(path for _, path, _ in waiting)
    assert flat[:2] == ["m001.py", "m003.py"] and chunks[0] == [("m001.py", None)]
    by_path = {path: size for size, path, _ in waiting}
    assert [by_path[path] for path in flat] == sorted(sizes, reverse=True)
    assert flat.index("m000.py") < flat.index("m004.py")  # both 100 bytes: found first, sent first
    for chunk in chunks:
        assert len(chunk) <= CHUNK_FILES
        assert len(chunk) == 1 or sum(by_path[path] for path, _ in chunk[:-1]) < CHUNK_BYTES


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")
def test_the_biggest_file_is_checked_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A real run with workers: the module found last but biggest is checked first."""
    paths = []
    for number in range(2 * CHUNK_FILES):
        path = tmp_path / f"m{number:03}.py"
        path.write_text(HANDLER + ("x = 1\n" * 2000 if number == 2 * CHUNK_FILES - 1 else ""))
        paths.append(str(path))
    order = _order_checked(paths, tmp_path, monkeypatch)
    # The two workers start at once, each on a task: the first file of one is it.
    assert paths[-1] in order[:2]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")
def test_a_big_file_goes_ahead_of_the_small_ones_held_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past RESERVE_FILES small files, the oldest go out in walk order; a big file goes
    out when found, ahead of the small files still held, which go last."""
    from netfix_lint import api

    monkeypatch.setattr(api, "RESERVE_FILES", 8)
    paths = []
    for number in range(80):
        path = tmp_path / f"m{number:03}.py"
        big = number == 60
        path.write_text(HANDLER + ("x = 1\n" * (api.BIG_FILE // 6 + 1) if big else ""))
        paths.append(str(path))
    order = _order_checked(paths, tmp_path, monkeypatch)
    # Held back when it was found (the last 15 files of the walk): sent after it.
    assert order.index(paths[60]) < min(order.index(path) for path in paths[65:])


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")
def test_a_worker_that_dies_costs_its_file_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker killed while checking a file (the kernel's OOM killer, a crash in C
    code) takes down its pool and fails every task in flight. The run goes on: the
    chunks are checked again one file a task in a new pool, the file whose own task
    dies is reported as an internal error, and every other file gets its result."""
    from netfix_lint import per_file
    from netfix_lint.api import run_items
    from netfix_lint.results import RunOptions
    from netfix_lint.settings import INTERNAL_ERROR, Settings

    paths = []
    for number in range(3 * CHUNK_FILES):
        path = tmp_path / f"m{number:03}.py"
        path.write_text(HANDLER)
        paths.append(str(path))
    doomed = paths[CHUNK_FILES + 5]
    real = per_file.run_portable

    def dies_on_one(path: str, options: RunOptions, spec: Optional[str]) -> object:
        if path == doomed:
            os._exit(3)  # as a worker killed from outside: no exception, no reply
        return real(path, options, spec)

    monkeypatch.setattr(per_file, "run_portable", dies_on_one)  # the forked workers inherit it
    results = list(run_items(paths, RunOptions(Settings(preview=True)), jobs=2))
    assert sorted(r.path for r in results) == sorted(paths)  # each file once
    by_path = {r.path: [f.code for f in r.findings] for r in results}
    assert by_path.pop(doomed) == [INTERNAL_ERROR]
    assert all(codes == ["NFX101"] for codes in by_path.values())


def _order_checked(paths: List[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> List[str]:
    """Check ``paths`` (each one NFX101 handler) with two workers; the order the workers
    began the files in, as each wrote it down."""
    from netfix_lint import per_file
    from netfix_lint.api import run_items
    from netfix_lint.results import RunOptions
    from netfix_lint.settings import Settings

    log = tmp_path / "files.log"
    real = per_file.run_portable

    def logged(path: str, options: RunOptions, spec: Optional[str]) -> object:
        with open(log, "a") as handle:  # the forked workers inherit this
            handle.write(f"{path}\n")
        return real(path, options, spec)

    monkeypatch.setattr(per_file, "run_portable", logged)
    results = list(run_items(paths, RunOptions(Settings(preview=True)), jobs=2))
    assert sorted(r.path for r in results) == sorted(paths)
    assert [[f.code for f in r.findings] for r in results] == [["NFX101"]] * len(paths)
    order = log.read_text().splitlines()
    assert sorted(order) == sorted(paths)
    return order
