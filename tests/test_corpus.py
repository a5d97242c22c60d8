"""The real-world corpus: netfix-lint on pinned PyPI releases against a person's judgement.

``corpus/run`` downloads the releases of corpus/packages.txt once (into
$NETFIX_CORPUS_CACHE or ~/.cache/netfix-lint-corpus, reused by later runs and sessions),
lints them, and compares every finding with corpus/expected.txt. The test ending in
``_network`` needs the package index and skips, saying why, when it cannot be reached;
the others check the comparison itself on made-up findings, offline.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import subprocess
import sys
from importlib.machinery import SourceFileLoader
from pathlib import Path
from types import ModuleType
from typing import Any, Iterator, List

import pytest

from .conftest import ROOT

RUN = ROOT / "corpus" / "run"
UNREACHABLE = 3


@pytest.fixture(scope="module")
def corpus() -> Iterator[ModuleType]:
    """corpus/run as a module (a script without .py): registered in sys.modules while it
    loads, because its dataclasses look their module up there."""
    loader = SourceFileLoader("corpus_run", str(RUN))
    spec = importlib.util.spec_from_loader("corpus_run", loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["corpus_run"] = module
    try:
        loader.exec_module(module)
        yield module
    finally:
        del sys.modules["corpus_run"]


def test_corpus_matches_judgement_network() -> None:
    result = subprocess.run([sys.executable, str(RUN)], capture_output=True, text=True, timeout=1800)
    if result.returncode == UNREACHABLE:
        pytest.skip(f"the package index cannot be reached: {result.stderr.strip()[-300:]}")
    print(result.stdout)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    summary = [line for line in result.stdout.splitlines() if "precision" in line]
    assert summary, result.stdout[-2000:]


def finding(corpus: ModuleType, line: int = 10, source: str = "except ConnectionError:") -> Any:
    return corpus.Finding("demo==1.0", "demo/server.py", line, "NFX101", corpus.digest(source), "message", source)


def judgement(corpus: ModuleType, line: int = 10, source: str = "except ConnectionError:", verdict: str = "TP") -> Any:
    return corpus.Judgement("demo==1.0", "demo/server.py", line, "NFX101", corpus.digest(source), verdict, "why")


def packages(corpus: ModuleType) -> List[Any]:
    return [corpus.Package("demo", "1.0", "a made-up release")]


def test_judged_findings_pass_and_count(corpus: ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    findings = [finding(corpus, 10), finding(corpus, 20)]
    expected = [judgement(corpus, 10), judgement(corpus, 20, verdict="FP")]
    assert corpus.report(packages(corpus), findings, expected, False) == 0
    out = capsys.readouterr().out
    assert "demo==1.0: 2 findings" in out
    assert "1 true positives, 1 false positives; precision 50.0%" in out


def test_unjudged_finding_fails_and_is_printed_for_a_person(
    corpus: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    assert corpus.report(packages(corpus), [finding(corpus)], [], True) == 1
    out = capsys.readouterr().out
    assert "UNJUDGED  demo==1.0 demo/server.py:10 NFX101" in out
    # --update prints a line to judge, verdict ?? (never a verdict of its own).
    assert "demo==1.0\tdemo/server.py\t10\tNFX101\t" in out and "\t??\t" in out


def test_changed_source_line_fails(corpus: ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    found = finding(corpus, source="except (ConnectionError, socket.timeout):")
    assert corpus.report(packages(corpus), [found], [judgement(corpus)], False) == 1
    assert "CHANGED" in capsys.readouterr().out


def test_judged_finding_that_disappears_fails(corpus: ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    assert corpus.report(packages(corpus), [], [judgement(corpus)], False) == 1
    assert "MISSING   demo==1.0 demo/server.py:10 NFX101" in capsys.readouterr().out


def test_expected_file_rejects_lines_without_verdict_or_reason(corpus: ModuleType, tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("# comment\n\ndemo==1.0\tdemo/a.py\t3\tNFX101\tabc\tFP\treads only\n")
    [entry] = corpus.read_expected(good)
    assert (entry.line, entry.verdict, entry.reason) == (3, "FP", "reads only")
    for bad in (
        "demo==1.0\tdemo/a.py\t3\tNFX101\tabc\t??\treads only\n",
        "demo==1.0\tdemo/a.py\t3\tNFX101\tabc\tTP\t\n",
    ):
        path = tmp_path / "bad.txt"
        path.write_text(bad)
        with pytest.raises(SystemExit):
            corpus.read_expected(path)


def test_every_package_is_pinned_with_a_reason(corpus: ModuleType) -> None:
    listed = corpus.read_packages(corpus.PACKAGES)
    assert len(listed) >= 20
    assert all(p.version and p.why for p in listed)
    assert len({p.pin.lower() for p in listed}) == len(listed)
    judged = {j.pin for j in corpus.read_expected(corpus.EXPECTED)}
    assert judged <= {p.pin for p in listed}


def test_recall_counts_a_handler_found_at_the_serve_call_it_is_given_to(
    corpus: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    # NFX207 reports the def and names the serve call; a person may mark either.
    def at(code: str, line: int) -> Any:
        found = corpus.Finding("demo==1.0", "demo/server.py", line, code, "h", "m", "async def h(ws, path):")
        return dataclasses.replace(found, uses=(("demo/server.py", 40),))

    bugs = [corpus.Bug("demo==1.0", "demo/server.py", 42, code, "why") for code in ("NFX207", "NFX101")]
    corpus.recall(packages(corpus), [at("NFX207", 10), at("NFX101", 10)], bugs, {"NFX207", "NFX101"})
    out = capsys.readouterr().out
    # An SSL rule's related location is evidence (where the socket comes from), not the bug.
    assert "NFX207: 1 of 1 found" in out and "NFX101: 0 of 1 found" in out


def test_a_wheel_without_requirements_says_so_as_a_project_table(corpus: ModuleType, tmp_path: Path) -> None:
    [package] = packages(corpus)
    info = tmp_path / "demo-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: demo\nVersion: 1.0\n\n")
    (tmp_path / corpus.CONTEXT_FILE).write_text("# an older cache's comment-only file\n")
    corpus.write_context(package, tmp_path)
    assert not (tmp_path / corpus.CONTEXT_FILE).exists()
    table = (tmp_path / corpus.NO_REQUIRES).read_text()
    assert '[project]\nname = "demo"\nversion = "1.0"\n' in table and "dependencies" not in table
    # netfix-lint reads it as a project that lists no websockets: every release runs.
    (tmp_path / "m.py").write_text("from websockets.asyncio.client import connect\n")
    result = subprocess.run(
        [sys.executable, "-m", "netfix_lint", "--select", "NFX209", str(tmp_path)], capture_output=True, text=True
    )
    assert f"{corpus.NO_REQUIRES}:2:1: NFX209 `websockets` is not among" in result.stdout, result.stdout
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: demo\nVersion: 1.0\nRequires-Dist: websockets>=13\n\n")
    (tmp_path / corpus.NO_REQUIRES).unlink()
    corpus.write_context(package, tmp_path)
    assert (tmp_path / corpus.CONTEXT_FILE).read_text().endswith("\nwebsockets>=13\n")


SHAPES = ROOT / "corpus" / "shapes"


def test_shapes_lists_the_ssl_rules_handler_shapes(tmp_path: Path) -> None:
    """corpus/shapes, the picking scan of a blind round: the clauses that miss SSLEOFError
    (a tuple bound at module level read through), errno tests and suppress(); not a clause
    that also names OSError, nor a raise, nor requests' ConnectionError; and whether the
    folder uses ssl."""
    release = tmp_path / "release-1.0"
    (release / "pkg").mkdir(parents=True)
    (release / "pkg" / "io.py").write_text(
        "import errno\n"
        "from contextlib import suppress\n"
        "DROPS = (ConnectionResetError, BrokenPipeError)\n"
        "def f(sock, e):\n"
        "    try:\n"
        "        sock.sendall(b'x')\n"
        "    except DROPS:\n"
        "        pass\n"
        "    try:\n"
        "        sock.sendall(b'x')\n"
        "    except (ConnectionError, OSError):\n"
        "        pass\n"
        "    with suppress(BrokenPipeError):\n"
        "        sock.close()\n"
        "    if e.errno == errno.EPIPE:\n"
        "        raise ConnectionResetError\n"
    )
    (release / "pkg" / "broken.py").write_text("def (:\n")
    # requests' ConnectionError, by import or by its dotted name, is not the builtin.
    (release / "pkg" / "web.py").write_text(
        "import requests\n"
        "from requests.exceptions import ConnectionError\n"
        "def get(url):\n"
        "    try:\n"
        "        return requests.get(url)\n"
        "    except ConnectionError:\n"
        "        return None\n"
        "    except requests.exceptions.ConnectionError:\n"
        "        return None\n"
    )
    result = subprocess.run([sys.executable, str(SHAPES), str(release)], capture_output=True, text=True, check=True)
    lines = result.stdout.splitlines()
    io = release / "pkg" / "io.py"
    assert f"{io}:7\tNARROW\texcept DROPS:" in lines
    assert f"{io}:13\tSUPPRESS\twith suppress(BrokenPipeError):" in lines
    assert f"{io}:15\tERRNO\tif e.errno == errno.EPIPE:" in lines
    assert f"{release / 'pkg' / 'broken.py'}\tUNPARSED" in lines
    assert lines[-1] == "# release-1.0: NARROW=1 ERRNO=1 SUPPRESS=1 ssl=no"
    (release / "pkg" / "tls.py").write_text("import ssl\n")
    again = subprocess.run([sys.executable, str(SHAPES), str(release)], capture_output=True, text=True, check=True)
    assert again.stdout.splitlines()[-1].endswith("ssl=yes")


def test_shapes_rejects_a_missing_folder(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, str(SHAPES), str(tmp_path / "none")], capture_output=True, text=True)
    assert result.returncode == 2
    assert "not a folder" in result.stderr
    assert "Traceback" not in result.stderr
