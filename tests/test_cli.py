"""The real ``netfix-lint`` executable on real files: output, exit codes, writes."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import stat
from pathlib import Path
from typing import List, Optional

import pytest

from netfix_lint import __version__
from netfix_lint.rules import all_rules

from .conftest import FIXTURES, ROOT, run

BAD = "import ssl\nCONTEXT = ssl.create_default_context()\ntry:\n    sock.sendall(data)\nexcept ConnectionError:\n    pass\n"
GOOD = "import ssl\nCONTEXT = ssl.create_default_context()\ntry:\n    sock.sendall(data)\nexcept (ConnectionError, ssl.SSLEOFError):\n    pass\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "server.py").write_text(BAD)
    (tmp_path / "pkg" / "clean.py").write_text("x = 1\n")
    return tmp_path


def test_check_reports_and_exits_1(project: Path) -> None:
    result = run("netfix-lint", ["--preview", "pkg"], cwd=project)
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("pkg/server.py:5:1: NFX101 [*] Connection-drop handler catches ConnectionError")
    assert "Found 1 error." in lines
    assert "[*] 1 fixable with the `--fix` option." in lines
    assert (project / "pkg" / "server.py").read_text() == BAD


def test_fix_writes_and_exits_0_then_changes_nothing(project: Path) -> None:
    target = project / "pkg" / "server.py"
    os.chmod(target, 0o640)
    result = run("netfix-lint", ["--preview", "--fix", "pkg"], cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Found 1 error (1 fixed, 0 remaining)." in result.stdout
    assert target.read_text() == GOOD
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert not [p for p in target.parent.iterdir() if p.name.startswith(".netfix-")]
    again = run("netfix-lint", ["--preview", "--fix", "pkg"], cwd=project)
    assert again.returncode == 0 and "All checks passed!" in again.stdout
    assert target.read_text() == GOOD


def test_diff_prints_and_writes_nothing(project: Path) -> None:
    result = run("netfix-lint", ["--preview", "--diff", "pkg"], cwd=project)
    assert result.returncode == 1
    assert "-except ConnectionError:\n+except (ConnectionError, ssl.SSLEOFError):" in result.stdout
    assert result.stdout.startswith("--- a/pkg/server.py\n+++ b/pkg/server.py\n")
    assert (project / "pkg" / "server.py").read_text() == BAD


def test_unsafe_fixes_only_with_the_flag(tmp_path: Path) -> None:
    source = (FIXTURES / "NFX101" / "werkzeug_serving.py").read_text()
    target = tmp_path / "serving.py"
    target.write_text(source)
    safe = run("netfix-lint", ["--preview", "--fix", str(target)])
    assert safe.returncode == 1
    assert (
        "fix unsafe" in safe.stdout and "1 hidden fix can be enabled with the `--unsafe-fixes` option." in safe.stdout
    )
    assert target.read_text() == source
    unsafe = run("netfix-lint", ["--preview", "--fix", "--unsafe-fixes", str(target)])
    assert unsafe.returncode == 0, unsafe.stdout
    assert target.read_text() == (FIXTURES / "NFX101" / "werkzeug_serving.py.unsafe-fixed").read_text()


def test_select_ignore_extend_select(project: Path) -> None:
    (project / "pkg" / "quiet.py").write_text(
        "import contextlib, socket, ssl\nCONTEXT = ssl.create_default_context()\n"
        "with contextlib.suppress(ConnectionError):\n    sock.sendall(data)\n"
    )
    both = run("netfix-lint", ["--preview", "pkg"], cwd=project).stdout
    assert "NFX101" in both and "NFX102" in both
    only_101 = run("netfix-lint", ["--preview", "--select", "NFX101", "pkg"], cwd=project).stdout
    assert "NFX101" in only_101 and "NFX102" not in only_101
    ignored = run("netfix-lint", ["--preview", "--ignore", "NFX1", "pkg"], cwd=project)
    assert ignored.returncode == 0 and "All checks passed!" in ignored.stdout
    extended = run("netfix-lint", ["--preview", "--select", "NFX101", "--extend-select", "NFX102", "pkg"], cwd=project)
    assert "NFX101" in extended.stdout and "NFX102" in extended.stdout
    bad = run("netfix-lint", ["--preview", "--select", "E501", "pkg"], cwd=project)
    assert bad.returncode == 2 and "unknown rule code or prefix 'E501'" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_exit_zero(project: Path) -> None:
    result = run("netfix-lint", ["--preview", "--exit-zero", "pkg"], cwd=project)
    assert result.returncode == 0 and "NFX101" in result.stdout


def test_explain_and_list_rules() -> None:
    listed = run("netfix-lint", ["--preview", "--list-rules"])
    assert listed.returncode == 0
    for rule in all_rules():
        assert rule.code in listed.stdout and rule.name in listed.stdout
        explained = run("netfix-lint", ["--preview", "--explain", rule.code.lower()])
        assert explained.returncode == 0
        assert explained.stdout.strip() == rule.documentation().strip()
    unknown = run("netfix-lint", ["--preview", "--explain", "NFX999"])
    assert unknown.returncode == 2 and "unknown rule code" in unknown.stderr


def test_version_and_module_entry_point() -> None:
    assert run("netfix-lint", ["--preview", "--version"]).stdout.strip() == f"netfix-lint, version {__version__}"
    import subprocess
    import sys

    module = subprocess.run(
        [sys.executable, "-m", "netfix_lint", "--version"], capture_output=True, text=True, check=True
    )
    assert __version__ in module.stdout


def test_unreadable_and_broken_files_are_named_and_the_run_goes_on(project: Path) -> None:
    (project / "pkg" / "broken.py").write_text("def f(:\n    DROPPED = ConnectionError\n")
    (project / "pkg" / "latin.py").write_bytes(b"x = '\xe9'  # ConnectionError\n")
    (project / "pkg" / "dangling.py").symlink_to(project / "nowhere.py")
    result = run("netfix-lint", ["--preview", "pkg", "missing_dir"], cwd=project)
    assert result.returncode == 2
    out = result.stdout
    assert "pkg/server.py:5:1: NFX101" in out
    assert "pkg/broken.py:1:7: NFX001 Cannot parse" in out
    assert "pkg/latin.py:1:1: NFX001 Cannot check: cannot decode: invalid or missing encoding declaration" in out
    assert "pkg/dangling.py:1:1: NFX001 Cannot check: cannot read: No such file or directory" in out
    assert "missing_dir:1:1: NFX001 Cannot check: No such file or directory" in out
    assert "4 files could not be checked or fixed." in out
    assert "Traceback" not in result.stdout + result.stderr
    # Diagnostics about files are shown whatever --select says.
    assert "NFX001" in run("netfix-lint", ["--preview", "--select", "NFX102", "pkg"], cwd=project).stdout


def test_walk_skips_environments_and_build_folders(project: Path) -> None:
    for folder in ("env_with_other_name", ".git", "build", "node_modules", "__pycache__"):
        (project / folder).mkdir()
        (project / folder / "server.py").write_text(BAD)
    (project / "env_with_other_name" / "pyvenv.cfg").write_text("home = /usr\n")
    (project / "pkg" / "stub.pyi").write_text(BAD)
    result = run("netfix-lint", ["--preview", "."], cwd=project)
    paths = {line.split(":")[0] for line in result.stdout.splitlines() if ": NFX" in line}
    assert paths == {"pkg/server.py", "pkg/stub.pyi"}
    # An explicit file is checked even where the walk would skip it.
    assert "NFX101" in run("netfix-lint", ["--preview", "build/server.py"], cwd=project).stdout


def test_stdin(project: Path) -> None:
    checked = run("netfix-lint", ["--preview", "-", "--stdin-filename", "src/app.py"], stdin=BAD.encode())
    assert checked.returncode == 1 and checked.stdout.startswith("src/app.py:5:1: NFX101")
    fixed = run("netfix-lint", ["--preview", "--fix", "-"], stdin=BAD.encode())
    assert fixed.returncode == 0
    assert fixed.stdout == GOOD
    assert "1 fixed" in fixed.stderr


@pytest.mark.parametrize(
    "raw",
    [
        "# -*- coding: latin-1 -*-\nx = 'caf\xe9'\n".encode("latin-1"),
        b"\xef\xbb\xbfx = 1\n",
        b"x = '\xff'  # not UTF-8, no cookie: cannot be decoded\n",
    ],
    ids=["latin-1", "bom", "undecodable"],
)
def test_fix_stdin_gives_back_the_exact_bytes_when_nothing_changes(raw: bytes) -> None:
    import subprocess

    from .conftest import executable

    result = subprocess.run([*executable("netfix-lint"), "--preview", "--fix", "-"], input=raw, capture_output=True)
    # An editor replaces its buffer with this output: it must never lose a byte.
    assert result.stdout == raw


def test_fix_stdin_keeps_the_encoding_of_what_it_fixes() -> None:
    import subprocess

    from .conftest import executable

    raw = ("# -*- coding: latin-1 -*-\n# caf\xe9\n" + BAD).encode("latin-1")
    result = subprocess.run([*executable("netfix-lint"), "--preview", "--fix", "-"], input=raw, capture_output=True)
    assert result.stdout == ("# -*- coding: latin-1 -*-\n# caf\xe9\n" + GOOD).encode("latin-1")


@pytest.mark.parametrize(
    ("label", "raw", "expected"),
    [
        ("crlf", BAD.replace("\n", "\r\n").encode(), GOOD.replace("\n", "\r\n").encode()),
        ("bom", b"\xef\xbb\xbf" + BAD.encode(), b"\xef\xbb\xbf" + GOOD.encode()),
        (
            "latin-1 cookie",
            ("# -*- coding: latin-1 -*-\n# caf\xe9\n" + BAD).encode("latin-1"),
            ("# -*- coding: latin-1 -*-\n# caf\xe9\n" + GOOD).encode("latin-1"),
        ),
        (
            "mixed endings",
            b"import ssl\r\n\ntry:\r\n    sock.sendall(data)\nexcept ConnectionError:\r\n    pass\n",
            b"import ssl\r\n\ntry:\r\n    sock.sendall(data)\nexcept (ConnectionError, ssl.SSLEOFError):\r\n    pass\n",
        ),
        (
            "no newline at end",
            BAD.rstrip("\n").encode(),
            GOOD.rstrip("\n").encode(),
        ),
    ],
)
def test_fix_keeps_every_other_byte(tmp_path: Path, label: str, raw: bytes, expected: bytes) -> None:
    target = tmp_path / "module.py"
    target.write_bytes(raw)
    result = run("netfix-lint", ["--preview", "--fix", str(target)])
    assert result.returncode == 0, result.stdout
    assert target.read_bytes() == expected


#: Files libcst 1.9 does not print back byte for byte (issue 17, #11): the fix is made
#: anyway, and every byte libcst drops is kept.
UNREPRODUCED = {
    "space before the colon": (
        b"import ssl\nCONTEXT = ssl.create_default_context()\ntry:\n    sock.sendall(data)\nexcept ConnectionError :\n    pass\nexcept OSError :\n    raise\n",
        b"import ssl\nCONTEXT = ssl.create_default_context()\ntry:\n    sock.sendall(data)\nexcept (ConnectionError, ssl.SSLEOFError) :\n    pass\nexcept OSError :\n    raise\n",
    ),
    "lone CR line ends": (BAD.replace("\n", "\r").encode(), GOOD.replace("\n", "\r").encode()),
    "form feed at the start": (b"\f" + BAD.encode(), b"\f" + GOOD.encode()),
    "form feed, import ssl added": (
        b"\fimport socket\n\ntry:\n    sock.sendall(data)\nexcept ConnectionResetError:\n    pass\n",
        b"\fimport socket\nimport ssl\n\ntry:\n    sock.sendall(data)\nexcept (ConnectionResetError, ssl.SSLEOFError):\n    pass\n",
    ),
    "lone CR, import ssl added": (
        b"import socket\r\rtry:\r    pass\rexcept ConnectionResetError:\r    pass\r",
        b"import socket\rimport ssl\r\rtry:\r    pass\rexcept (ConnectionResetError, ssl.SSLEOFError):\r    pass\r",
    ),
}


@pytest.mark.parametrize("label", sorted(UNREPRODUCED))
def test_files_libcst_does_not_reproduce_are_fixed_byte_for_byte(tmp_path: Path, label: str) -> None:
    raw, expected = UNREPRODUCED[label]
    target = tmp_path / "odd.py"
    target.write_bytes(raw)
    # What the check claims, --fix does: json's fix applies and says its edits.
    claimed = json.loads(run("netfix-lint", ["--preview", "--format", "json", str(target)]).stdout)
    # NFX101 where the module sets TLS up, NFX104 (the same fix) where nothing shows TLS.
    assert [(f["fix"]["applies"], bool(f["fix"]["edits"])) for f in claimed] == [(True, True)]
    assert claimed[0]["code"] in ("NFX101", "NFX104")
    diff = run("netfix-lint", ["--preview", "--diff", str(target)])
    assert diff.returncode == 1 and "ssl.SSLEOFError" in diff.stdout
    fixed = run("netfix-lint", ["--preview", "--fix", str(target)])
    assert fixed.returncode == 0, fixed.stdout
    assert "NFX001" not in fixed.stdout
    assert target.read_bytes() == expected


def test_very_deep_expressions_are_checked_and_fixed(tmp_path: Path) -> None:
    target = tmp_path / "deep.py"
    target.write_text("x = " + " + ".join(['"a"'] * 1500) + "\n" + BAD)
    checked = run("netfix-lint", ["--preview", str(target)])
    assert checked.returncode == 1 and ": NFX101 [*]" in checked.stdout
    fixed = run("netfix-lint", ["--preview", "--fix", str(target)])
    assert "NFX002" not in fixed.stdout and "Traceback" not in fixed.stderr
    if fixed.returncode == 0:
        assert target.read_text().endswith(GOOD)
    else:  # before 3.11 the recursion limit may stay too low for libcst: said, not crashed
        assert "NFX001 Not fixed: too deeply nested for libcst to fix" in fixed.stdout


def test_readme_and_pyproject_agree_on_version() -> None:
    assert f'version = "{__version__}"' in (ROOT / "pyproject.toml").read_text()


def test_fixtures_demo_from_the_readme(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES, tmp_path / "fixtures")
    result = run("netfix-lint", ["--preview", "--diff", "fixtures/"], cwd=tmp_path)
    assert result.returncode == 1
    assert "+import ssl" in result.stdout and "ssl.SSLEOFError" in result.stdout
    assert "Traceback" not in result.stderr


def test_help() -> None:
    short, long = run("netfix-lint", ["-h"]), run("netfix-lint", ["--help"])
    assert short.returncode == long.returncode == 0 and short.stdout == long.stdout
    assert short.stdout.startswith("Usage: netfix-lint [OPTIONS] [PATHS]...")
    assert "--format [text|json|sarif|github]" in short.stdout


def test_diff_headers_name_relative_paths_like_git_and_absolute_ones_as_given(tmp_path: Path) -> None:
    target = tmp_path / "m.py"
    target.write_text(BAD + "\f\n# a form feed must not split a line in the diff\n")
    absolute = run("netfix-lint", ["--preview", "--diff", str(target)]).stdout.splitlines()
    assert absolute[:2] == [f"--- {target}", f"+++ {target}"]
    relative = run("netfix-lint", ["--preview", "--diff", "m.py"], cwd=tmp_path).stdout.splitlines()
    assert relative[:2] == ["--- a/m.py", "+++ b/m.py"]
    assert "\f" not in "".join(
        line for line in relative if line.startswith(("-", "+")) and not line.startswith(("---", "+++"))
    )


COMMAND_LINES = [
    [],
    ["src"],
    ["--fix", "a.py", "-", "b"],
    ["--preview", "--no-preview", "--no-cache", "src"],
    ["--unsafe-fixes", "--diff", "--exit-zero", "--statistics", "--isolated"],
    ["--no-unsafe-fixes", "--force-exclude", "--no-respect-gitignore", "x"],
    ["--no-force-exclude", "--respect-gitignore"],
]


@pytest.mark.parametrize("argv", COMMAND_LINES)
@pytest.mark.parametrize("cache_dir", [None, "", "/tmp/somewhere"])
def test_the_fast_path_reads_a_command_line_as_click_does(
    argv: List[str], cache_dir: Optional[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from netfix_lint import cli, command

    if cache_dir is None:
        monkeypatch.delenv(command.CACHE_DIR_ENV, raising=False)
    else:
        monkeypatch.setenv(command.CACHE_DIR_ENV, cache_dir)
    quick = command.quick_args(argv)
    assert quick is not None
    parsed = cli.main.make_context("netfix-lint", list(argv)).params
    assert dataclasses.asdict(quick) == {**parsed, "paths": tuple(parsed["paths"])}


@pytest.mark.parametrize(
    "argv", [["--select", "NFX1"], ["--format=json"], ["-j", "1"], ["--help"], ["--version"], ["--", "x"], ["-x"]]
)
def test_every_other_command_line_goes_to_click(argv: List[str]) -> None:
    from netfix_lint import command

    assert command.quick_args(argv) is None


def test_the_arguments_and_their_defaults_are_clicks(monkeypatch: pytest.MonkeyPatch) -> None:
    from netfix_lint import cli, command

    monkeypatch.delenv(command.CACHE_DIR_ENV, raising=False)
    # The values click gives an empty command line (how it spells "no default" in
    # ``param.default`` differs between click 8.1 and 8.2+; what the command gets does not).
    parsed = cli.main.make_context("netfix-lint", []).params
    fields = {field.name: field.default for field in dataclasses.fields(command.Args)}
    assert fields == {**parsed, "paths": ()}


def test_the_console_styles_as_click_does() -> None:
    import click

    from netfix_lint import console

    for text, fg, bold in [("x", "red", True), ("a.py", None, True), ("[*]", "cyan", False), ("ok", "green", True)]:
        # bold=False would make click emit "normal intensity"; the report never asks for it.
        assert console.style(text, fg=fg, bold=bold) == click.style(text, fg=fg, bold=bold or None)
        assert console.unstyle(console.style(text, fg=fg, bold=bold)) == click.unstyle(click.style(text, fg=fg))


def test_a_usage_error_on_the_fast_path_is_clicks(project: Path) -> None:
    result = run("netfix-lint", ["--fix", "--diff", "."], cwd=project)
    assert result.returncode == 2
    assert result.stderr.startswith("Usage: netfix-lint [OPTIONS] [PATHS]...")
    assert "Error: --fix and --diff cannot be used together" in result.stderr


@pytest.mark.parametrize("args", [["--no-cache", "--preview", "."], ["--no-cache", "--select", "NFX102", "."]])
def test_a_reader_that_goes_away_gets_no_traceback(tmp_path: Path, args: List[str]) -> None:
    import subprocess
    import sys

    source = (FIXTURES / "NFX102" / "graceful_close.py").read_bytes()
    for number in range(300):
        (tmp_path / f"f{number}.py").write_bytes(source)
    process = subprocess.Popen(
        [sys.executable, "-m", "netfix_lint", *args], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.read(10)
    process.stdout.close()  # as `| head -c 10` does
    error = process.stderr.read().decode()
    assert process.wait(timeout=300) == 1
    assert "Traceback" not in error
