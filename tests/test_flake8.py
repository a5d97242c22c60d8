"""The real ``flake8`` with our plugin reports what the CLI reports: same lines,
columns and messages, and the same ``# noqa`` decisions."""

from __future__ import annotations

import ast
import re
import shutil
import sys
from pathlib import Path
from typing import List, Set, Tuple

import pytest

from .conftest import FIXTURES, run

_LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<code>NFX\d{3}) (?:\[\*\] )?(?P<message>.*)$")


def parse(output: str) -> Set[Tuple[str, int, int, str, str]]:
    found = set()
    for line in output.splitlines():
        match = _LINE.match(line)
        if match:
            path = match["path"][2:] if match["path"].startswith("./") else match["path"]
            found.add((path, int(match["line"]), int(match["col"]), match["code"], match["message"]))
    return found


def flake8(args: List[str], cwd: Path) -> Set[Tuple[str, int, int, str, str]]:
    # --netfix-preview: as the CLI's runs here, with the preview rules (NFX101, NFX103).
    result = run("flake8", ["--isolated", "--select", "NFX", "--netfix-preview", *args], cwd=cwd)
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    return parse(result.stdout)


def cli(args: List[str], cwd: Path) -> Set[Tuple[str, int, int, str, str]]:
    result = run("netfix-lint", ["--preview", *args], cwd=cwd)
    assert result.returncode in (0, 1), result.stdout + result.stderr
    return {f for f in parse(result.stdout) if f[3] != "NFX001"}


def test_flake8_agrees_with_the_cli_on_every_fixture(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES, tmp_path / "fixtures")
    from_flake8 = flake8(["fixtures"], tmp_path)
    # Requirement files (NFX204) are the CLI's alone: flake8 reads Python files only.
    from_cli = {f for f in cli(["fixtures"], tmp_path) if f[0].endswith(".py")}
    assert from_cli, "the fixtures must produce findings"
    # flake8 parses each file itself, with the running Python: a file in newer syntax
    # (PEP 758 clauses before 3.14, PEP 695 before 3.12) is its E999, and the plugin
    # never sees it.
    newer = {f for f in from_cli if not _parses_here(tmp_path / f[0])}
    expected = {f for f in from_cli if "python314" in f[0] and sys.version_info < (3, 14)}
    expected |= {f for f in from_cli if "python312" in f[0] and sys.version_info < (3, 12)}
    assert newer == expected
    assert from_flake8 == from_cli - newer


def _parses_here(path: Path) -> bool:
    try:
        ast.parse(path.read_text(encoding="utf-8"))
    except SyntaxError:
        return False
    return True


NOQA_CASES = """\
import ssl
import socket
CONTEXT = ssl.create_default_context()
try:
    pass
except ConnectionError:  # noqa
    pass
try:
    pass
except ConnectionError:  # noqa: NFX101
    pass
try:
    pass
except ConnectionError:  # NOQA:NFX101,E501
    pass
try:
    pass
except ConnectionError:  # noqa: NFX1
    pass
try:
    pass
except ConnectionError:  # noqa: NFX102
    pass
try:
    pass
except ConnectionError:  # noqa: nfx101
    pass
try:
    pass
except ConnectionError:  # noqa:E501 NFX101
    pass
try:
    pass
except (
    ConnectionError,
    socket.timeout,
):  # noqa: NFX101
    pass
try:
    pass
except ConnectionError:  # noqa : NFX101
    pass
try:
    pass
except ConnectionError:  # this is not a noqa: NFX101 comment
    pass
try:
    pass
except ConnectionError:
    pass  # noqa
"""


def test_noqa_comments_mean_what_they_mean_to_flake8(tmp_path: Path) -> None:
    (tmp_path / "cases.py").write_text(NOQA_CASES)
    from_flake8 = flake8(["cases.py"], tmp_path)
    from_cli = cli(["cases.py"], tmp_path)
    assert from_cli == from_flake8
    reported = sorted(line for _, line, _, _, _ in from_cli)
    # Quiet: bare noqa, exact code, a list, a prefix, a code after another code, and
    # "# noqa : NFX101" (flake8 reads that as a bare noqa).
    # Reported: another code, a lower-case code, a comment that only contains "noqa:",
    # a noqa on the body line, and a noqa on the closing line of a multi-line except:
    # flake8 maps lines inside brackets one by one, so it does not cover "except (".
    assert reported == [22, 26, 34, 45, 49]


def test_file_level_noqa(tmp_path: Path) -> None:
    body = "import ssl\ntry:\n    sock.sendall(data)\nexcept ConnectionError:\n    pass\n"
    for header in ("# flake8: noqa\n", "# netfix-lint: noqa\n", "  # FLAKE8= NOQA\n"):
        (tmp_path / "skip.py").write_text(header + body)
        assert cli(["skip.py"], tmp_path) == set()
    for header in ("# flake8: noqa\n", "# netfix-lint: noqa\n"):
        (tmp_path / "skip.py").write_text(header + body)
        assert flake8(["skip.py"], tmp_path) == set()
    # Not at the start of a line: flake8 does not skip the file, and neither do we.
    (tmp_path / "keep.py").write_text("x = 1  # flake8: noqa\n" + body)
    assert cli(["keep.py"], tmp_path) == flake8(["keep.py"], tmp_path) != set()


def test_plugin_columns_count_characters_like_the_cli(tmp_path: Path) -> None:
    # ast counts UTF-8 bytes; both adapters report characters, as editors do.
    (tmp_path / "wide.py").write_text(
        "import contextlib\nimport ssl\ns = 'ééé'; ctx = contextlib.suppress(ConnectionError)\n"
    )
    from_cli = cli(["wide.py"], tmp_path)
    assert [(line, col) for _, line, col, _, _ in from_cli] == [(3, 18)]
    assert flake8(["wide.py"], tmp_path) == from_cli


def test_form_feeds_do_not_shift_lines(tmp_path: Path) -> None:
    # str.splitlines() breaks at \f; Python's tokenizer, ast and flake8 do not.
    source = (
        "import contextlib\nimport ssl\nctx = ssl.create_default_context()  # page\f break\n"
        "s = 'éé'; cm = contextlib.suppress(ConnectionError)\n"
        "try:\n    sock.sendall(data)\nexcept ConnectionError:  # noqa: NFX101\n    pass\n"
    )
    (tmp_path / "ff.py").write_text(source)
    from_cli = cli(["ff.py"], tmp_path)
    assert [(line, col, code) for _, line, col, code, _ in from_cli] == [(4, 16, "NFX102")]
    assert flake8(["ff.py"], tmp_path) == from_cli


def test_flake8_option_sets_the_websockets_versions(tmp_path: Path) -> None:
    source = (
        "import websockets\n\nasync def f(uri):\n    try:\n        await websockets.connect(uri)\n"
        "    except websockets.InvalidStatusCode:\n        pass\n"
    )
    (tmp_path / "client.py").write_text(source)
    (tmp_path / "requirements.txt").write_text("websockets<14\n")
    assert flake8(["client.py"], tmp_path) == set() == cli(["client.py"], tmp_path)
    (tmp_path / "setup.cfg").write_text("[flake8]\nnetfix-websockets-version = >=15\n")
    result = run("flake8", ["--select", "NFX", "client.py"], cwd=tmp_path)
    assert "NFX202" in result.stdout and "the project allows >=15" in result.stdout
    overridden = run(
        "flake8", ["--isolated", "--select", "NFX", "--netfix-websockets-version", "any", "client.py"], cwd=tmp_path
    )
    assert "the project allows any" in overridden.stdout


CLIENT = (
    "import websockets\n\nasync def f(uri):\n    try:\n        await websockets.connect(uri)\n"
    "    except websockets.InvalidStatusCode:\n        pass\n"
)


@pytest.mark.parametrize(
    ("config_file", "key"),
    [
        ("setup.cfg", "netfix-websockets-version"),
        ("tox.ini", "netfix-websockets-version"),
        (".flake8", "netfix_websockets_version"),
    ],
)
def test_flake8_reads_the_option_from_each_of_its_config_files(tmp_path: Path, config_file: str, key: str) -> None:
    (tmp_path / "client.py").write_text(CLIENT)
    (tmp_path / "requirements.txt").write_text("websockets<14\n")
    (tmp_path / config_file).write_text(f"[flake8]\nselect = NFX\n{key} = >=15\n")
    result = run("flake8", ["client.py"], cwd=tmp_path)
    assert result.returncode == 1 and "NFX202" in result.stdout and "the project allows >=15" in result.stdout
    (tmp_path / config_file).write_text(f"[flake8]\nselect = NFX\n{key} = fourteen\n")
    bad = run("flake8", ["client.py"], cwd=tmp_path)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    assert "argument --netfix-websockets-version: not a version or version specifier: 'fourteen'" in bad.stderr


def test_flake8_option_on_the_command_line_is_checked(tmp_path: Path) -> None:
    (tmp_path / "client.py").write_text(CLIENT)
    bad = run("flake8", ["--isolated", "--netfix-websockets-version", "x.y", "client.py"], cwd=tmp_path)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr and "not a version" in bad.stderr
    helped = run("flake8", ["--help"], cwd=tmp_path)
    assert "--netfix-websockets-version" in helped.stdout
