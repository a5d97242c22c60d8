"""NFX202 follows the websockets versions each file's own project allows."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, Set

import pytest

from netfix_lint.project import allowed_sides, validate_specifier, websockets_specifier

from .conftest import run

CLIENT = (
    "import websockets\n\nasync def listen(uri):\n    try:\n        ws = await websockets.connect(uri)\n"
    "    except websockets.InvalidStatusCode as exc:\n        print(exc.status_code)\n        raise\n    return ws\n"
)
MIGRATED = CLIENT.replace("except websockets.InvalidStatusCode", "except websockets.InvalidStatus").replace(
    "exc.status_code", "exc.response.status_code"
)
BOTH = CLIENT.replace(
    "        raise\n    return ws\n",
    "        raise\n    except websockets.InvalidStatus as exc:\n        print(exc.response.status_code)\n"
    "        raise\n    return ws\n",
)


@pytest.mark.parametrize(
    ("spec", "sides"),
    [
        (">=15", {"new"}),
        ("==14.1", {"new"}),
        ("<14", {"legacy"}),
        ("~=13.0", {"legacy"}),
        (">=13,<16", {"legacy", "new"}),
        (None, {"legacy", "new"}),
        ("any", {"legacy", "new"}),
    ],
)
def test_allowed_sides(spec: str, sides: Set[str]) -> None:
    assert allowed_sides(spec) == sides


def project(root: Path, files: Dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    (root / "src").mkdir(exist_ok=True)
    (root / "src" / "client.py").write_text(CLIENT)
    return root / "src" / "client.py"


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"pyproject.toml": '[project]\nname = "x"\ndependencies = ["websockets>=15"]\n'}, MIGRATED),
        (
            {
                "pyproject.toml": '[project]\nname = "x"\n[project.optional-dependencies]\nws = ["websockets>=14.2,<16"]\n'
            },
            MIGRATED,
        ),
        ({"pyproject.toml": '[dependency-groups]\ndev = ["websockets==15.0.1", {include-group = "x"}]\n'}, MIGRATED),
        (
            {"requirements.txt": "-r requirements-base.txt\n", "requirements-base.txt": "websockets==14.1  # pinned\n"},
            MIGRATED,
        ),
        ({"setup.cfg": "[options]\ninstall_requires =\n    websockets>=13,<16\n"}, BOTH),
        ({"pyproject.toml": '[project]\nname = "x"\ndependencies = ["requests"]\n'}, BOTH),
        ({"requirements.txt": "websockets<14\n"}, CLIENT),
        # Alternatives (sibling files, optional groups, markers) are a union: the fix must
        # be right for each of them (an optional group widens only where nothing else is
        # required: see the extras below).
        ({"requirements.txt": "websockets>=13\n", "requirements-lock.txt": "websockets==13.1\n"}, BOTH),
        (
            {
                "pyproject.toml": '[project]\nname = "x"\ndependencies = ["websockets>=12"]\n'
                '[project.optional-dependencies]\nlegacy = ["websockets<14"]\n'
            },
            BOTH,
        ),
        (
            {
                "pyproject.toml": '[project]\nname = "x"\ndependencies = [\n'
                "  \"websockets<14; python_version < '3.9'\",\n"
                "  \"websockets>=15; python_version >= '3.9'\",\n]\n"
            },
            BOTH,
        ),
        # An extra's requirement adds to the package's own: it cannot lower its floor.
        (
            {
                "pyproject.toml": '[project]\nname = "x"\ndependencies = ["websockets>=14"]\n'
                '[project.optional-dependencies]\ntest = ["websockets>=11"]\n'
            },
            MIGRATED,
        ),
        ({"requirements.txt": 'websockets>=14.0.0\nwebsockets>=11.0.0; extra == "test"\n'}, MIGRATED),
        # A project file of unexpected shape is ignored, never a crash.
        ({"pyproject.toml": 'project = "oops"\n'}, BOTH),
    ],
    ids=[
        "pyproject>=15",
        "optional-group",
        "dependency-group",
        "requirements -r ==14.1",
        "setup.cfg both",
        "no websockets: any",
        "<14: quiet",
        "sibling files: union",
        "optional group: union",
        "markers: union",
        "extra on a base: the base",
        "extra marker on a base: the base",
        "odd pyproject: any",
    ],
)
def test_fix_follows_the_project(tmp_path: Path, files: Dict[str, str], expected: str) -> None:
    client = project(tmp_path, files)
    result = run("netfix-lint", ["--fix", "src"], cwd=tmp_path)
    assert result.returncode in (0, 1), result.stdout + result.stderr
    assert client.read_text() == expected
    if expected == CLIENT:
        assert "NFX202" not in result.stdout


def test_nearest_project_wins_per_file(tmp_path: Path) -> None:
    (tmp_path / "requirements.txt").write_text("websockets<14\n")
    inner = tmp_path / "services" / "new"
    inner.mkdir(parents=True)
    (inner / "pyproject.toml").write_text('[project]\nname = "n"\ndependencies = ["websockets>=15"]\n')
    (inner / "client.py").write_text(CLIENT)
    (tmp_path / "old_client.py").write_text(CLIENT)
    assert websockets_specifier(str(inner / "client.py")) == ">=15"
    assert websockets_specifier(str(tmp_path / "old_client.py")) == "<14"
    result = run("netfix-lint", ["."], cwd=tmp_path)
    assert "services/new/client.py:6:5: NFX202" in result.stdout
    assert "old_client.py" not in result.stdout


def test_option_overrides_the_project(tmp_path: Path) -> None:
    client = project(tmp_path, {"requirements.txt": "websockets<14\n"})
    result = run("netfix-lint", ["--websockets-version", ">=15", "--diff", "src"], cwd=tmp_path)
    assert "+    except websockets.InvalidStatus as exc:" in result.stdout
    assert "the project allows >=15" in result.stdout
    assert client.read_text() == CLIENT
    bad = run("netfix-lint", ["--websockets-version", "fifteen", "src"], cwd=tmp_path)
    assert bad.returncode == 2 and "--websockets-version: not a version" in bad.stderr
    assert validate_specifier("15.0") == "==15.0"


def test_folder_saying_nothing_about_websockets_defers_to_the_one_above(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "root"\ndependencies = ["websockets>=15"]\n')
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "setup.cfg").write_text("[flake8]\nmax-line-length = 100\n")
    (package / "client.py").write_text(CLIENT)
    assert websockets_specifier(str(package / "client.py")) == ">=15"
