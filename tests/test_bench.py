"""The benchmark script works end to end (on 3 files, with no download), and the flake8
plugin's early exits keep its findings. No test here looks at a time."""

from __future__ import annotations

import ast
import subprocess
import sys
from typing import List

import pytest
from flake8.options.parse_args import parse_args

from netfix_lint import flake8_plugin
from netfix_lint.flake8_plugin import Plugin

from .conftest import ROOT

FINDING = "import ssl\nCONTEXT = ssl.create_default_context()\ntry:\n    sock.sendall(data)\nexcept ConnectionResetError:\n    pass\n"


def test_bench_run_smoke() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run"), "--smoke"], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    rows = {}
    for line in result.stdout.splitlines():
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if len(cells) == 10:
            rows[(cells[0], cells[1])] = cells
    # The "reports" column: the smoke corpus has one NFX201 (fixed by --fix) and one E722.
    # The stdlib rows run the default rules, as `netfix-lint PATH` does; one runs them all.
    assert rows[("stdlib", "netfix-lint --no-cache")][6] == "1"
    assert rows[("stdlib", "netfix-lint --no-cache --preview")][6] == "1"
    assert rows[("stdlib", "netfix-lint (warm)")][6] == "1"
    assert rows[("stdlib-x10", "netfix-lint --no-cache")][6] == "10"
    assert rows[("stdlib", "netfix-lint --no-cache --fix (fresh copy)")][6] == "0"
    assert rows[("subset", "flake8 --select E722,NFX --netfix-preview, plugin installed")][6] == "2"
    assert "| the same, every rule (`--preview`, the preview rules on): for reference, vs ruff cold |" in result.stdout
    assert "| peak memory of a cold check of the stdlib <= 100 MiB |" in result.stdout
    # The one-file pair: every handler reported once, every one fixed, the ratios shown.
    assert rows[("handlers-10", "netfix-lint --no-cache --preview")][6] == "10"
    assert rows[("handlers-20", "netfix-lint --no-cache --preview")][6] == "20"
    assert rows[("handlers-20", "netfix-lint --no-cache --preview --fix (fresh copy)")][6] == "0"
    assert rows[("handlers-20", "netfix-lint --no-cache --preview")][7] == "handlers-small"
    assert "| one file, twice the drop handlers: `--fix` wall <= 2.1x (linear) |" in result.stdout
    # The large file (small in a smoke run): its two handlers reported, both fixed.
    assert rows[("large", "netfix-lint --no-cache --preview")][6] == "2"
    assert rows[("large", "netfix-lint --no-cache --preview --fix (fresh copy)")][6] == "0"
    assert "| 100k-line file, 50 handlers, `--fix`: peak memory <= 500 MiB |" in result.stdout


def _run(source: str, filename: str = "module.py") -> List[str]:
    lines = source.splitlines(keepends=True)
    return [message for _, _, message, _ in Plugin(ast.parse(source), lines, filename).run()]


@pytest.fixture
def plugin_options(monkeypatch: pytest.MonkeyPatch) -> None:
    """flake8 sets the plugin's options on the class: put them back after the test."""
    monkeypatch.setattr(Plugin, "enabled", Plugin.enabled)
    monkeypatch.setattr(Plugin, "websockets_version", Plugin.websockets_version)
    monkeypatch.setattr(Plugin, "preview", Plugin.preview)
    monkeypatch.setattr(Plugin, "named_preview", Plugin.named_preview)
    monkeypatch.setattr(Plugin, "prefilter", Plugin.prefilter)


@pytest.mark.parametrize(
    "argv, enabled",
    [
        ([], True),
        (["--select", "E722"], False),
        (["--select", "E722,NFX"], True),
        (["--select", "NFX101"], True),
        (["--select", "E722", "--extend-select", "NFX2"], True),
        (["--ignore", "NFX"], False),
        (["--extend-ignore", "NFX1"], True),
    ],
)
def test_plugin_stays_idle_when_flake8_would_drop_every_code(
    plugin_options: None, argv: List[str], enabled: bool
) -> None:
    # FINDING is NFX101's, a preview rule: flake8's run asks for the preview rules.
    parse_args([*argv, "--netfix-preview", "module.py"])
    assert Plugin.enabled is enabled
    assert bool(_run(FINDING)) is enabled


def test_plugin_skips_the_project_lookup_when_no_trigger_matches(
    plugin_options: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    looked_up: List[str] = []
    monkeypatch.setattr(flake8_plugin, "websockets_specifier", lambda path: looked_up.append(path))
    monkeypatch.setattr(Plugin, "preview", True)  # FINDING is NFX101's, a preview rule
    monkeypatch.setattr(Plugin, "prefilter", None)  # built again for these settings
    assert _run("try:\n    sock.sendall(data)\nexcept OSError:\n    pass\n") == []
    assert looked_up == []
    assert [m.split()[0] for m in _run(FINDING)] == ["NFX101"]
    assert looked_up == ["module.py"]
