"""NFX201/202 follow a caught name into the module of the package that binds it
(netfix_lint/package_names.py, ``resolve_in_package``): Fern's generated SDKs catch
``InvalidWebSocketStatus``, bound to ``InvalidStatusCode`` by an ImportError shim in
``core/websocket_compat.py``. Real packages on disk, through the real executables and
the cache."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Dict, List

import pytest

from netfix_lint import Settings, check_source, package, package_names

from .conftest import run
from .test_package import make, reported

SHIM = (
    "try:\n"
    "    from websockets.exceptions import InvalidStatusCode as InvalidWebSocketStatus\n"
    "except ImportError:\n"
    "    from websockets.exceptions import InvalidStatus as InvalidWebSocketStatus\n"
)
#: The shim the other way round: InvalidStatus imports on every release from 10.0.
REVERSED = (
    "try:\n"
    "    from websockets.exceptions import InvalidStatus as InvalidWebSocketStatus\n"
    "except ImportError:\n"
    "    from websockets.exceptions import InvalidStatusCode as InvalidWebSocketStatus\n"
)
CLIENT = (
    "import websockets.sync.client\n"
    "from {source} import InvalidWebSocketStatus\n\n\n"
    "def open_chat(url):\n"
    "    try:\n"
    "        return websockets.sync.client.connect(url)\n"
    "    except InvalidWebSocketStatus:\n"
    "        return None\n"
)
DEFAULT_CLIENT = (
    "import websockets\n"
    "from .compat import InvalidWebSocketStatus\n\n\n"
    "async def open_chat(url):\n"
    "    try:\n"
    "        return await websockets.connect(url)\n"
    "    except InvalidWebSocketStatus:\n"
    "        return None\n"
)


def sdk(root: Path, compat: str = SHIM, source: str = ".compat") -> None:
    make(root, {"sdk/__init__.py": "", "sdk/compat.py": compat, "sdk/client.py": CLIENT.format(source=source)})


@pytest.mark.parametrize("source", [".compat", "sdk.compat", "."])
def test_a_name_bound_by_a_shim_in_another_module_is_followed(tmp_path: Path, source: str) -> None:
    if source == ".":
        # ``from . import X``: the package's __init__.py re-exports the shim's name.
        make(tmp_path, {"sdk/__init__.py": "from .compat import InvalidWebSocketStatus\n", "sdk/compat.py": SHIM})
        make(tmp_path, {"sdk/client.py": CLIENT.format(source=".")})
    else:
        sdk(tmp_path, source=source)
    result = run("netfix-lint", ["--no-cache", "sdk"], cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert (
        "sdk/client.py:8:5: NFX201 `except InvalidWebSocketStatus` never matches: the new websockets client "
        "raises InvalidStatus when the server refuses the handshake (`InvalidWebSocketStatus` is "
        "InvalidStatusCode, bound in sdk.compat; no automatic fix)"
    ) in result.stdout
    # Report only: --fix changes nothing and says so.
    before = (tmp_path / "sdk/client.py").read_text()
    result = run("netfix-lint", ["--no-cache", "--fix", "sdk"], cwd=tmp_path)
    assert result.returncode == 1 and (tmp_path / "sdk/client.py").read_text() == before


def test_flake8_sees_it_and_the_api_stays_pure(tmp_path: Path) -> None:
    sdk(tmp_path)
    result = run("flake8", ["--isolated", "--select", "NFX", "sdk"], cwd=tmp_path)
    assert result.returncode == 1 and "sdk/client.py:8:5: NFX201 " in result.stdout
    path = str(tmp_path / "sdk/client.py")
    text = CLIENT.format(source=".compat")
    assert check_source(text, path) == []  # no I/O unless asked
    assert [f.code for f in check_source(text, path, Settings(read_package=True))] == ["NFX201"]
    package.forget()


@pytest.mark.parametrize(
    "compat",
    [
        REVERSED,  # InvalidStatus: the clause catches what the new client raises
        "class InvalidWebSocketStatus(Exception):\n    pass\n",  # the package's own class
        "from mylib import InvalidWebSocketStatus\n",  # unknown
        "try:\n    from mylib import InvalidStatusCode as InvalidWebSocketStatus\n"
        "except ImportError:\n    from websockets.exceptions import InvalidStatusCode as InvalidWebSocketStatus\n",
        "def (:\n",  # not parsable: nothing is known
        "from .client import InvalidWebSocketStatus\n",  # a cycle
    ],
)
def test_what_is_not_invalid_status_code_stays_quiet(tmp_path: Path, compat: str) -> None:
    sdk(tmp_path, compat)
    assert reported(tmp_path, "sdk") == []


def test_only_the_package_is_read(tmp_path: Path) -> None:
    # Outside any package, or a module of another top-level package: not followed.
    make(tmp_path, {"compat.py": SHIM, "client.py": CLIENT.format(source="compat")})
    make(tmp_path, {"other/__init__.py": "", "other/compat.py": SHIM})
    make(tmp_path, {"app/__init__.py": "", "app/client.py": CLIENT.format(source="other.compat")})
    make(tmp_path, {"deep/__init__.py": "", "deep/client.py": CLIENT.format(source="....compat")})
    assert reported(tmp_path, "client.py", "app", "deep") == []


def test_the_same_in_nfx202_with_the_projects_versions(tmp_path: Path) -> None:
    make(tmp_path, {"sdk/__init__.py": "", "sdk/compat.py": SHIM, "sdk/client.py": DEFAULT_CLIENT})
    result = run("netfix-lint", ["--no-cache", "sdk"], cwd=tmp_path)
    assert "sdk/client.py:8:5: NFX202 `except InvalidWebSocketStatus` misses InvalidStatus" in result.stdout
    assert "(`InvalidWebSocketStatus` is InvalidStatusCode, bound in sdk.compat; no automatic fix)" in result.stdout
    make(tmp_path, {"pyproject.toml": "[project]\nname = 'sdk'\ndependencies = ['websockets<14']\n"})
    assert reported(tmp_path, "sdk") == []  # the legacy client: the clause is right


def test_a_cached_result_follows_a_change_in_the_module_that_binds_the_name(tmp_path: Path) -> None:
    sdk(tmp_path)

    def check(*args: str) -> List[str]:
        result = run("netfix-lint", [*args, "sdk"], cwd=tmp_path)
        assert result.returncode in (0, 1), result.stderr
        return [line.split(": ", 1)[0] for line in result.stdout.splitlines() if ": NFX" in line]

    assert check() == ["sdk/client.py:8:5"] and check() == ["sdk/client.py:8:5"]
    (tmp_path / "sdk/compat.py").write_text(REVERSED)  # client.py itself is unchanged
    assert check() == [] and check() == []
    (tmp_path / "sdk/compat.py").write_text(SHIM)
    assert check("--jobs", "2") == ["sdk/client.py:8:5"]
    # The module that binds it moves: compat.py becomes a package of its own.
    (tmp_path / "sdk/compat.py").unlink()
    assert check() == []
    make(tmp_path, {"sdk/compat/__init__.py": SHIM})
    assert check() == ["sdk/client.py:8:5"]


def test_an_import_shim_in_the_module_itself(tmp_path: Path) -> None:
    text = (
        SHIM + "import websockets.sync.client\n\n\ndef f(url):\n    try:\n"
        "        return websockets.sync.client.connect(url)\n    except InvalidWebSocketStatus:\n        return None\n"
    )
    findings = check_source(text)
    assert [(f.code, f.line, f.fix) for f in findings] == [("NFX201", 11, None)]
    assert "its ImportError fallback never runs" in findings[0].message
    assert check_source(REVERSED + text[len(SHIM) :]) == []


def test_a_package_comes_before_a_module_of_the_same_name(tmp_path: Path) -> None:
    # Python imports sdk/compat/__init__.py, not sdk/compat.py.
    sdk(tmp_path)
    make(tmp_path, {"sdk/compat/__init__.py": REVERSED})
    assert reported(tmp_path, "sdk") == []


@pytest.mark.parametrize(
    "files",
    [
        # Bound under a condition in the module that binds it: which class is unknown.
        {
            "sdk/compat.py": "import websockets\nif websockets.__version__ < '14':\n"
            "    from websockets.exceptions import InvalidStatusCode as InvalidWebSocketStatus\n"
            "else:\n    InvalidWebSocketStatus = websockets.exceptions.InvalidStatus\n"
        },
        # Rebound by the module that imports it.
        {
            "sdk/client.py": CLIENT.format(source=".compat").replace(
                "\n\ndef",
                "from websockets.exceptions import InvalidStatus\nInvalidWebSocketStatus = InvalidStatus\n\ndef",
            )
        },
        # The shim rebinds it in its else: branch.
        {
            "sdk/compat.py": SHIM
            + "else:\n    from websockets.exceptions import InvalidStatus as InvalidWebSocketStatus\n"
        },
    ],
)
def test_names_rebound_or_conditional_are_not_followed(tmp_path: Path, files: Dict[str, str]) -> None:
    sdk(tmp_path)
    make(tmp_path, files)
    assert reported(tmp_path, "sdk") == []


def test_a_bom_a_folder_without_init_and_stdin(tmp_path: Path) -> None:
    make(tmp_path, {"sdk/__init__.py": "", "sdk/core/websocket_compat.py": SHIM})
    (tmp_path / "sdk/core/websocket_compat.py").write_bytes(b"\xef\xbb\xbf" + SHIM.encode())
    make(tmp_path, {"sdk/client.py": CLIENT.format(source=".core.websocket_compat")})
    result = run("netfix-lint", ["--no-cache", "sdk"], cwd=tmp_path)
    assert "bound in sdk.core.websocket_compat;" in result.stdout, result.stdout + result.stderr
    # Text on stdin with no file name is in no package: nothing is followed.
    make(tmp_path, {"__init__.py": "", "compat.py": SHIM})
    result = run("netfix-lint", ["-"], cwd=tmp_path, stdin=CLIENT.format(source=".compat").encode())
    assert (result.returncode, "NFX" in result.stdout) == (0, False), result.stdout


def test_a_warm_run_trusts_the_stamps_of_the_files_followed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sdk(tmp_path)
    for path in (tmp_path / "sdk").iterdir():
        os.utime(path, ns=(10**18, 10**18))  # long ago: stamps to trust
    client = str(tmp_path / "sdk/client.py")
    assert package.DiskPackage(client, str).resolve_name(".compat.InvalidWebSocketStatus") is not None
    consulted = package.take_consulted(client)
    assert consulted is not None and str(tmp_path / "sdk/compat.py") in consulted.files
    data = consulted.data()
    package.forget()

    def no_reading(path: str, parsed: object) -> None:
        raise AssertionError(f"read {path}")

    monkeypatch.setattr(package_names, "_module_names", no_reading)
    assert package.still_holds(client, data)
    monkeypatch.undo()
    # Changed: followed again, and the answer differs.
    (tmp_path / "sdk/compat.py").write_text(REVERSED)
    os.utime(tmp_path / "sdk/compat.py", ns=(2 * 10**18, 2 * 10**18))
    assert not package.still_holds(client, data)
    package.forget()


@pytest.mark.parametrize(
    "bad",
    [
        [["x"], {}, {}],
        [],
        [None, {}],
        [None, {"a": "b"}, {"f": ["x"]}],
        "nonsense",
        [None, {}, {"f": [1e400, 0]}],
        "keep",
    ],
)
def test_a_damaged_cache_entry_is_checked_again(tmp_path: Path, bad: object) -> None:
    import json

    from netfix_lint.cache import CACHE_DIR_NAME

    sdk(tmp_path)
    assert run("netfix-lint", ["sdk"], cwd=tmp_path).returncode == 1
    (cache,) = (tmp_path / CACHE_DIR_NAME).glob("*.json")
    data = json.loads(cache.read_text())
    for entry in data["files"].values():
        if bad == "keep":
            for finding in entry[4]:
                finding[0] = 101  # a finding of another shape: an int code
        else:
            entry[6] = bad
    cache.write_text(json.dumps(data))
    result = run("netfix-lint", ["sdk"], cwd=tmp_path)
    assert result.returncode == 1 and "sdk/client.py:8:5: NFX201" in result.stdout and not result.stderr


def test_fix_keeps_the_import_in_an_init_module(tmp_path: Path) -> None:
    """Spec: an InvalidStatusCode import no longer used is removed, but not from a
    package's __init__.py, where packages re-export (as ruff leaves them)."""
    compat = (
        "from websockets.exceptions import InvalidStatusCode\n"
        "from websockets.sync.client import connect\n\n\n"
        "def open_chat(url):\n    try:\n        return connect(url)\n    except InvalidStatusCode:\n        return None\n"
    )
    make(tmp_path, {"sdk/__init__.py": compat, "sdk/compat.py": compat})
    assert run("netfix-lint", ["--no-cache", "--fix", "sdk"], cwd=tmp_path).returncode == 0
    init, module = (tmp_path / "sdk/__init__.py").read_text(), (tmp_path / "sdk/compat.py").read_text()
    assert "except InvalidStatus:" in init and "import InvalidStatusCode\n" in init
    assert "except InvalidStatus:" in module and "InvalidStatusCode" not in module


def test_a_module_read_once_keeps_the_stamp_it_had_when_read(tmp_path: Path) -> None:
    """Two modules follow the same name in one run; the module changes between them:
    both answers rest on the text as read, so both carry the stamp of that text."""
    sdk(tmp_path)
    make(tmp_path, {"sdk/other.py": CLIENT.format(source=".compat")})
    compat = tmp_path / "sdk/compat.py"
    os.utime(compat, ns=(10**18, 10**18))
    first, second = str(tmp_path / "sdk/client.py"), str(tmp_path / "sdk/other.py")
    package.DiskPackage(first, str).resolve_name(".compat.InvalidWebSocketStatus")
    compat.write_text(REVERSED)
    os.utime(compat, ns=(2 * 10**18, 2 * 10**18))
    package.DiskPackage(second, str).resolve_name(".compat.InvalidWebSocketStatus")
    for path in (first, second):
        consulted = package.take_consulted(path)
        assert consulted is not None and consulted.files[str(compat)][1] == 10**18
    package.forget()


def test_the_import_of_websockets_may_come_after_the_clause(tmp_path: Path) -> None:
    text = (
        "from .compat import InvalidWebSocketStatus\n\n\n"
        "def open_chat(url):\n    try:\n        return connect(url)\n"
        "    except InvalidWebSocketStatus:\n        return None\n\n\n"
        "from websockets.sync.client import connect\n"
    )
    make(tmp_path, {"sdk/__init__.py": "", "sdk/compat.py": SHIM, "sdk/client.py": text})
    assert reported(tmp_path, "sdk") == ["sdk/client.py:7:5"]


def test_stamps_too_recent_to_trust_are_refreshed_by_a_warm_run(tmp_path: Path) -> None:
    import json

    from netfix_lint.cache import CACHE_DIR_NAME

    sdk(tmp_path)  # just written: its stamps are too recent to trust
    for name in ("__init__.py", "client.py"):
        os.utime(tmp_path / "sdk" / name, ns=(10**18, 10**18))
    assert run("netfix-lint", ["sdk"], cwd=tmp_path).returncode == 1
    (cache,) = (tmp_path / CACHE_DIR_NAME).glob("*.json")

    def stamp() -> List[int]:
        (entry,) = [e for p, e in json.loads(cache.read_text())["files"].items() if p.endswith("client.py")]
        result: List[int] = entry[6][2][str(tmp_path / "sdk/compat.py")]
        return result

    assert stamp() == package_names.RACY
    os.utime(tmp_path / "sdk/compat.py", ns=(10**18, 10**18))  # now old enough
    assert run("netfix-lint", ["sdk"], cwd=tmp_path).returncode == 1
    assert stamp()[1] == 10**18
