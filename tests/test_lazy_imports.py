"""What each way in imports: libcst only to fix, the engine only to check a file the
cache does not know, and nothing heavy for --version, the package or an idle plugin."""

from __future__ import annotations

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
