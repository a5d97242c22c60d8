"""NFX201/202 follow a caught name into the module of the package that binds it
(netfix_lint/package.py, ``resolve_in_package``): Fern's generated SDKs catch
``InvalidWebSocketStatus``, bound to ``InvalidStatusCode`` by an ImportError shim in
``core/websocket_compat.py``. Real packages on disk, through the real executables and
the cache."""

from __future__ import annotations

from pathlib import Path
from typing import List

import pytest

from netfix_lint import Settings, check_source, package

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
    text = SHIM + "import websockets.sync.client\n\n\ndef f(url):\n    try:\n" \
        "        return websockets.sync.client.connect(url)\n    except InvalidWebSocketStatus:\n        return None\n"
    findings = check_source(text)
    assert [(f.code, f.line, f.fix) for f in findings] == [("NFX201", 11, None)]
    assert "its ImportError fallback never runs" in findings[0].message
    assert check_source(REVERSED + text[len(SHIM):]) == []
