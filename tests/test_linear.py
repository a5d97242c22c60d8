"""Checking (and the rules' share of fixing) takes time linear in the number of
clauses of a file: twice the clauses, about twice the steps. Steps are Python function
calls counted with ``sys.setprofile``, not seconds, so a busy machine cannot make this
flaky. Before the rules worked out per module what does not change per clause (how to
spell ``ssl.SSLEOFError``, whether the module uses TLS...), twice the clauses cost 3 to 4
times the steps.

Counted calls miss work done inside one call: a scan of the whole module's text per
finding (C code), or findings compared with each other (one call each, among libcst's
many). Those are held apart, by counting the scans and the comparisons themselves.
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import FrameType
from typing import Any, Callable, Dict, List, Optional, Tuple

import pytest

from netfix_lint import Finding, Settings, check_source, fix_source, package
from netfix_lint.package import forget
from netfix_lint.rules import ssl_reach

EVERY_RULE = Settings(preview=True)

#: Twice the clauses may cost at most this many times the steps (a fixed cost per file
#: keeps the ratio of linear work a little under 2).
MAX_RATIO = 2.2
CLAUSES = 100


#: (file head, one clause's function with {i} in its name): what each rule family reads.
CASES = {
    "NFX101, ssl imported": (
        "import socket, ssl\n\n",
        'def f{i}(sock):\n    try:\n        sock.sendall(b"x")\n'
        "    except (ConnectionError, socket.timeout):\n        pass\n\n",
    ),
    "NFX101, import ssl added": (
        "import socket\n\n",
        'def f{i}(sock):\n    try:\n        sock.sendall(b"x")\n    except ConnectionResetError:\n        pass\n\n',
    ),
    "NFX101, methods of one class": (
        "import socket, ssl\n\nclass Server:\n",
        '    def f{i}(self, sock):\n        try:\n            sock.sendall(b"x")\n'
        "        except ConnectionResetError:\n            pass\n\n",
    ),
    "NFX102": (
        "import contextlib, socket\n\n",
        'def f{i}(sock):\n    with contextlib.suppress(BrokenPipeError):\n        sock.sendall(b"x")\n\n',
    ),
    "NFX103": (
        "import errno, socket, ssl\n\n",
        'def f{i}(sock):\n    try:\n        sock.sendall(b"x")\n    except OSError as e:\n'
        "        if e.errno != errno.EPIPE:\n            raise\n\n",
    ),
    "NFX201": (
        "from websockets.sync.client import connect\nfrom websockets.exceptions import InvalidStatusCode\n\n",
        "def f{i}(uri):\n    try:\n        connect(uri)\n    except InvalidStatusCode as e:\n"
        "        return e.status_code\n\n",
    ),
}


def steps(run: Callable[[str], Any], text: str, where: Optional[Tuple[str, ...]] = None) -> int:
    """The Python function calls ``run(text)`` makes (only in files under ``where``)."""
    count = 0

    def profile(frame: FrameType, event: str, arg: object) -> None:
        nonlocal count
        if event == "call" and (where is None or any(part in frame.f_code.co_filename for part in where)):
            count += 1

    sys.setprofile(profile)
    try:
        run(text)
    finally:
        sys.setprofile(None)
    return count


def texts(case: str) -> Tuple[str, str]:
    """The case's file with CLAUSES clauses, and with twice as many."""
    head, clause = CASES[case]
    once, twice = (head + "".join(clause.format(i=i) for i in range(n)) for n in (CLAUSES, 2 * CLAUSES))
    return once, twice


@pytest.mark.parametrize("case", sorted(CASES))
def test_checking_is_linear_in_clauses(case: str) -> None:
    once, twice = texts(case)

    def check(text: str) -> List[Finding]:
        return check_source(text, settings=EVERY_RULE)

    assert len(check(twice)) == 2 * len(check(once)) > 0
    assert steps(check, twice) / steps(check, once) < MAX_RATIO


@pytest.mark.parametrize("case", ["NFX101, import ssl added", "NFX101, methods of one class", "NFX201"])
def test_fixing_is_linear_in_clauses(case: str) -> None:
    """All of a fix: the check, libcst, locating the targets, the rewrite, the verification."""
    once, twice = texts(case)

    def fix(text: str) -> object:
        # Every rule on: NFX101 is a preview rule, which a default fix leaves alone.
        return fix_source(text, settings=EVERY_RULE)

    assert fix_source(twice, settings=EVERY_RULE).changed
    assert steps(fix, twice) / steps(fix, once) < MAX_RATIO


def counted(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> Dict[str, int]:
    """Wrap ``owner.name`` to count its calls (in ``["n"]``)."""
    calls = {"n": 0}
    original: Callable[..., Any] = getattr(owner, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, wrapper)
    return calls


def test_module_wide_evidence_scans_run_once_per_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The evidence levels that read the whole module, or its package: once per file,
    # not once per finding (2,000 handlers took 7.7 s to check, 1,000 2.2 s).
    head, clause = CASES["NFX101, import ssl added"]
    body = "".join(clause.format(i=i) for i in range(30))
    root = tmp_path / "pkg"
    root.mkdir()
    (root / "__init__.py").write_text("")
    (root / "tls.py").write_text("import ssl\n\n\ndef wrap(sock):\n    return ssl.wrap_socket(sock)\n")
    (root / "uses.py").write_text("import http.client\n\nhttp.client.HTTPSConnection\n" + body)
    (root / "server.py").write_text("from . import tls\n" + body)  # linked to the TLS module
    words = counted(monkeypatch, ssl_reach, "code_travel_word")
    verdicts = counted(monkeypatch, package, "tls_verdict")
    settings = Settings(preview=True, read_package=True)
    for name, says in (("uses.py", "uses blocking TLS"), ("server.py", "wraps sockets in TLS in `pkg/tls.py`")):
        forget()
        path = root / name
        words["n"] = verdicts["n"] = 0
        findings = check_source(path.read_text(), str(path), settings)
        assert len(findings) == 30
        assert all(says in finding.message for finding in findings)
        assert words["n"] <= 1  # not at all where the code names no blocking TLS
        assert verdicts["n"] <= 2  # tls_elsewhere_in_package and the witness, once each


@pytest.mark.parametrize("run", [check_source, fix_source])
def test_findings_are_not_compared_with_each_other(run: Callable[..., Any], monkeypatch: pytest.MonkeyPatch) -> None:
    # ``[f for f in todo if f not in placed]`` compared every finding with every other.
    comparisons = counted(monkeypatch, Finding, "__eq__")
    counts = []
    for text in texts("NFX101, import ssl added"):
        comparisons["n"] = 0
        run(text, settings=EVERY_RULE)
        counts.append(comparisons["n"])
    assert counts[1] <= MAX_RATIO * counts[0] + 2, counts
