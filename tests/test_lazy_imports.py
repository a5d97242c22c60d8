"""What each way in imports: libcst only to fix, the engine only to check a file the
cache does not know, and nothing heavy for --version, the package or an idle plugin."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import List

import pytest

HEAVY = ("libcst", "netfix_lint.engine", "netfix_lint.rules", "netfix_lint.facts", "packaging")


def loaded_after(code: str, cwd: Path) -> List[str]:
    """The heavy modules loaded after running ``code`` in a fresh interpreter."""
    script = (
        "import sys\n"
        "try:\n" + "".join(f"    {line}\n" for line in code.splitlines()) + "except SystemExit:\n    pass\n"
        f"print('LOADED:' + ','.join(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=cwd, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    (line,) = [line for line in result.stdout.splitlines() if line.startswith("LOADED:")]
    return [name for name in line[len("LOADED:") :].split(",") if name]


def test_version_imports_nothing_heavy(tmp_path: Path) -> None:
    code = "import netfix_lint.cli\nsys.argv = ['netfix-lint', '--version']\nnetfix_lint.cli.main()"
    assert loaded_after(code, tmp_path) == []


def test_the_package_and_the_flake8_plugin_import_nothing_heavy(tmp_path: Path) -> None:
    assert loaded_after("import netfix_lint\nimport netfix_lint.flake8_plugin", tmp_path) == []
    # The engine's names are still there, loaded on first use.
    used = (
        "import netfix_lint\nassert netfix_lint.check_source('x = 1\\n') == []\nassert 'Settings' in dir(netfix_lint)"
    )
    assert "libcst" not in loaded_after(used, tmp_path)
    with pytest.raises(AttributeError):
        import netfix_lint

        netfix_lint.no_such_name  # noqa: B018


def test_a_plugin_flake8_would_silence_loads_no_engine(tmp_path: Path) -> None:
    # flake8 loads its plugins, ours included, and hands each its options.
    code = (
        "from flake8.options.parse_args import parse_args\n"
        "from netfix_lint.flake8_plugin import Plugin\n"
        "parse_args(['--select', 'E722', 'module.py'])\n"
        "assert not Plugin.enabled\n"
    )
    assert loaded_after(code, tmp_path) == []
    selected = code.replace("'E722'", "'E722,NFX'").replace("assert not", "assert")
    assert "netfix_lint.engine" in loaded_after(selected, tmp_path)


@pytest.mark.parametrize("args", [["--no-cache", "."], ["--no-cache", "--fix", "."], ["--no-cache", "--diff", "."]])
def test_a_run_that_parses_nothing_never_imports_libcst(tmp_path: Path, args: List[str]) -> None:
    (tmp_path / "plain.py").write_text("import socket\n\nVALUE = 1\n")
    (tmp_path / "requirements.txt").write_text("requests\n")
    code = f"import netfix_lint.cli\nsys.argv = ['netfix-lint', *{args!r}]\nnetfix_lint.cli.main()"
    assert "libcst" not in loaded_after(code, tmp_path)


def test_a_run_of_paths_and_flags_never_imports_click(tmp_path: Path) -> None:
    (tmp_path / "plain.py").write_text("import socket\n\nVALUE = 1\n")
    code = "import netfix_lint.command\nsys.argv = ['netfix-lint', '--no-cache', '--preview', '.']\nnetfix_lint.command.main()"
    script = "import sys\ntry:\n" + "".join(f"    {line}\n" for line in code.splitlines())
    script += "except SystemExit:\n    pass\nprint('CLICK:', 'click' in sys.modules)\n"
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert result.stdout.strip().endswith("CLICK: False"), result.stdout + result.stderr


def test_a_warm_run_imports_no_typing_and_no_package_readers(tmp_path: Path) -> None:
    # The warm path (the command line, the cache, the output) names types for mypy only:
    # typing costs 10 ms of a 90 ms run.
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "server.py").write_text(
        "import socket\n\ndef serve(conn):\n    try:\n        conn.sendall(b'x')\n    except ConnectionResetError:\n"
        "        pass\n"
    )
    # -S: no site hook may load typing first; this process's path finds the package and
    # its dependencies without one.
    path = [entry for entry in sys.path if entry]
    script = (
        f"import sys\nsys.path[:] = {path!r}\nimport netfix_lint.command\n"
        "sys.argv = ['netfix-lint', '--preview', 'app']\n"
        "try:\n    netfix_lint.command.main()\nexcept SystemExit:\n    pass\n"
        "print('LOADED:', sorted(m for m in sys.modules if m == 'typing' or m.startswith('netfix_lint.package')))\n"
    )

    def run_once() -> str:
        result = subprocess.run(
            [sys.executable, "-S", "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=60
        )
        assert "Traceback" not in result.stderr, result.stderr
        return result.stdout

    first = run_once()  # checks, and so loads the engine, typing with it
    assert "NFX10" in first and "'typing'" in first
    os.utime(tmp_path / "app" / "server.py", ns=(0, 10**18))  # old enough to trust
    os.utime(tmp_path / "app" / "__init__.py", ns=(0, 10**18))
    run_once()
    warm = run_once()
    assert "NFX10" in warm and warm.rstrip().endswith("LOADED: ['netfix_lint.package_stamps']"), warm
