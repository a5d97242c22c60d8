"""Shared helpers: the fixtures on disk and ways to run the real executables."""

from __future__ import annotations

import difflib
import importlib.util
import os
import re
import subprocess
import sys
from importlib.machinery import SourceFileLoader
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Dict, List, Optional, Sequence, Tuple

import pytest

if TYPE_CHECKING:
    from netfix_lint import Settings
    from netfix_lint.model import Need

    from .tls import Certificate

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
EXPECT = re.compile(r"# expect: ((?:NFX[0-9]{3}[, ]*)+)")


def fixture_files() -> List[Path]:
    return sorted(FIXTURES.glob("NFX*/**/*.py"))


def settings_for(path: Path, unsafe: bool = False) -> Settings:
    """What the CLI uses for this file: its project's websockets versions; preview rules
    run too, since the fixtures cover every rule."""
    from netfix_lint import Settings
    from netfix_lint.project import websockets_specifier

    return Settings(
        unsafe_fixes=unsafe, websockets_version=websockets_specifier(str(path)), read_package=True, preview=True
    )


def project_needs(requirement: Path) -> List[Need]:
    """What the modules under a requirement file's folder that take their websockets
    versions from it need of websockets (NFX209), as a run of the folder gathers them."""
    from netfix_lint.engine import websockets_needs
    from netfix_lint.project import declaring_folder

    folder = str(requirement.parent.resolve())
    return [
        need
        for module in sorted(requirement.parent.rglob("*.py"))
        if declaring_folder(str(module)) == folder
        for need in websockets_needs(module.read_text(encoding="utf-8"), str(module), settings_for(module))
    ]


def expected_findings(path: Path) -> List[Tuple[int, str]]:
    """``(line, code)`` pairs from the ``# expect: NFX101`` markers of a fixture."""
    found: List[Tuple[int, str]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        match = EXPECT.search(line)
        if match:
            found.extend((number, code) for code in re.findall(r"NFX[0-9]{3}", match.group(1)))
    return found


def expected_output(path: Path, unsafe: bool = False) -> Optional[str]:
    """The expected text after ``--fix`` (``.py.fixed``), or after ``--unsafe-fixes``."""
    suffix = ".unsafe-fixed" if unsafe else ".fixed"
    candidate = path.with_name(path.name + suffix)
    return candidate.read_text(encoding="utf-8") if candidate.exists() else None


def load_module(path: Path, name: str) -> ModuleType:
    """Import a Python file whatever its suffix (expected outputs end in ``.fixed``)."""
    loader = SourceFileLoader(name, str(path))
    spec = importlib.util.spec_from_loader(name, loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def executable(name: str) -> List[str]:
    """The console script installed beside this interpreter (as a user would run it)."""
    script = Path(sys.executable).with_name(name)
    if script.exists():
        return [str(script)]
    module = {"netfix-lint": "netfix_lint", "flake8": "flake8"}[name]
    return [sys.executable, "-m", module]


def run(
    name: str,
    args: Sequence[str],
    cwd: Optional[Path] = None,
    stdin: Optional[bytes] = None,
    env: Optional[Dict[str, str]] = None,
) -> subprocess.CompletedProcess[str]:
    full_env = dict(os.environ, **(env or {}))
    full_env.pop("NO_COLOR", None)
    result = subprocess.run(
        [*executable(name), *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        env=full_env,
        timeout=300,
    )
    return subprocess.CompletedProcess(
        result.args,
        result.returncode,
        result.stdout.decode("utf-8", "replace"),
        result.stderr.decode("utf-8", "replace"),
    )


def changed_lines(before: str, after: str) -> List[str]:
    """The removed (``-``) and added (``+``) lines of a diff, without context."""
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


@pytest.fixture(scope="session")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> Certificate:
    """A self-signed certificate for 127.0.0.1, made once per test session."""
    from .tls import make_certificate  # needs cryptography: only the TLS tests load it

    return make_certificate(tmp_path_factory.mktemp("tls"))


def run_on_terminal(
    name: str,
    args: Sequence[str],
    cwd: Optional[Path] = None,
    terminal: str = "stdout",
    env: Optional[Dict[str, str]] = None,
) -> Tuple[int, str, str]:
    """Run with ``terminal`` ("stdout" or "stderr") attached to a pseudo-terminal, as in
    an interactive shell; the other stream is a pipe. Returns (code, terminal, piped)."""
    import pty
    import threading

    master, slave = pty.openpty()
    chunks: List[bytes] = []

    def drain() -> None:
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the other side is closed
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    full_env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    full_env.update(env or {})
    stdout, stderr = (slave, subprocess.PIPE) if terminal == "stdout" else (subprocess.PIPE, slave)
    process = subprocess.Popen(
        [*executable(name), *args], cwd=cwd, env=full_env, stdin=subprocess.DEVNULL, stdout=stdout, stderr=stderr
    )
    os.close(slave)
    pipe = process.stderr if terminal == "stdout" else process.stdout
    assert pipe is not None
    piped = pipe.read()
    code = process.wait(timeout=300)
    reader.join(timeout=60)
    os.close(master)
    return code, b"".join(chunks).decode("utf-8", "replace"), piped.decode("utf-8", "replace")


def assert_fix_targets_found(source: str, findings: Sequence[object]) -> None:
    """Every node a finding's fix names (by ``ast`` kind and span) is one libcst finds
    in its tree of ``source``: the one tree facts come from and the codemod agree."""
    import libcst

    from netfix_lint.facts import physical_lines
    from netfix_lint.locate import Locator
    from netfix_lint.model import Finding
    from netfix_lint.ops import targets_of

    locator = Locator(libcst.parse_module(source), physical_lines(source))
    for finding in findings:
        assert isinstance(finding, Finding)
        for op in finding.fix.ops if finding.fix is not None else ():
            for target in targets_of(op):
                assert locator.node(target) is not None, f"{finding.code} at {finding.line}: no node for {target}"
