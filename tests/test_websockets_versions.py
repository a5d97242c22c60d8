"""NFX202 follows the websockets versions each file's own project allows."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, Set

import pytest

from netfix_lint.project import UNDECLARED, allowed_sides, validate_specifier, websockets_specifier

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


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        # The project lists its requirements, and websockets is not among them: whichever
        # release is installed (for the user, or for another dependency) is what runs.
        ({"pyproject.toml": '[project]\nname = "a"\ndependencies = ["httpx"]\n'}, UNDECLARED),
        ({"pyproject.toml": '[project]\nname = "a"\n'}, UNDECLARED),
        ({"pyproject.toml": '[tool.poetry.dependencies]\npython = "^3.9"\n'}, UNDECLARED),
        ({"setup.cfg": "[options]\ninstall_requires =\n    httpx\n"}, UNDECLARED),
        ({"requirements.txt": "httpx==0.27\n"}, UNDECLARED),
        # The nearest folder with project files decides, even one that only configures tools.
        ({"requirements.txt": "httpx\n", "pkg/setup.cfg": "[flake8]\nmax-line-length = 100\n"}, None),
        # Nothing lists any requirement: unknown.
        ({}, None),
        ({"pyproject.toml": "[tool.ruff]\nline-length = 100\n"}, None),
        ({"setup.cfg": "[flake8]\nmax-line-length = 100\n"}, None),
        ({"requirements.txt": "# nothing yet\n"}, None),
        # Some requirements are in a file not read: unknown, whatever the others list.
        ({"setup.py": "from setuptools import setup\nsetup()\n", "requirements-dev.txt": "pytest\n"}, None),
        ({"pyproject.toml": '[project]\nname = "a"\ndynamic = ["dependencies"]\n'}, None),
        ({"requirements.txt": "-e .\nhttpx\n"}, None),
        ({"requirements.txt": "./libs/client\n"}, None),
        ({"requirements.txt": "httpx\n", "pkg/setup.py": "from setuptools import setup\nsetup()\n"}, None),
        # websockets named where it is not read as a requirement (uv's, hatch's tables).
        ({"pyproject.toml": '[project]\nname = "a"\n\n[tool.uv]\ndev-dependencies = ["websockets>=14"]\n'}, None),
        ({"pyproject.toml": '[project]\nname = "a"\n[tool.hatch.envs.test]\ndependencies = ["WebSockets"]\n'}, None),
        # A folder above that names websockets still answers for one that lists others.
        ({"requirements.txt": "websockets>=14\n", "pkg/requirements.txt": "httpx\n"}, ">=14"),
        # The nearest folder with project files decides: not a stray file above it.
        ({"requirements.txt": "pandas\n", "pkg/pyproject.toml": "[tool.ruff]\nline-length = 100\n"}, None),
        (
            {
                "pkg/requirements.txt": "httpx\n",
                "pyproject.toml": '[project]\nname = "a"\ndynamic = ["dependencies"]\n',
            },
            None,  # ... but one above that may hold them (dynamic dependencies) keeps them unknown
        ),
        # Requirements that may be elsewhere: files not read, local projects, URLs.
        ({"Pipfile": '[packages]\nwebsockets = ">=15"\n', "requirements-docs.txt": "sphinx\n"}, None),
        ({"environment.yml": "dependencies:\n  - websockets>=15\n", "requirements-dev.txt": "pytest\n"}, None),
        ({"requirements.in": "websockets>=15\n", "requirements-dev.txt": "pytest\n"}, None),
        ({"requirements/base.txt": "websockets>=15\n", "requirements-dev.txt": "pytest\n"}, None),
        ({"setup.cfg": "[options]\ninstall_requires = file: requirements/base.txt\n"}, None),
        (
            {"requirements.txt": "-r requirements-prod.txt\ngunicorn\n", "requirements-prod.txt": "-e ./libs/shared\n"},
            None,
        ),
        ({"requirements.txt": "libs/shared\nhttpx\n"}, None),
        ({"requirements.txt": "shared @ file:///srv/shared\n"}, None),
        ({"pyproject.toml": '[project]\nname = "a"\ndependencies = ["shared @ file:///srv/shared"]\n'}, None),
        (
            {
                "pyproject.toml": '[project]\nname = "a"\ndependencies = ["shared"]\n[tool.uv.sources]\nshared = { workspace = true }\n'
            },
            None,
        ),
        (
            {
                "pyproject.toml": '[tool.poetry.dependencies]\npython = "^3.11"\nshared = { path = "../shared", develop = true }\n'
            },
            None,
        ),
        ({"requirements.txt": "${PKG}>=1\n"}, None),
        # Files not read for requirements that name websockets: dev and test lists, locks,
        # constraints, tox's environments; one that does not name it changes nothing.
        ({"requirements.txt": "requests\n", "dev-requirements.txt": "websockets>=14.1\n"}, None),
        ({"requirements.txt": "requests\n", "test-requirements.txt": "websockets>=14.1\n"}, None),
        ({"requirements.txt": "requests\n", "constraints.txt": "websockets==15.0.1\n"}, None),
        ({"requirements.txt": "requests\n", "tox.ini": "[testenv]\ndeps = websockets>=14\n"}, None),
        ({"requirements.txt": "requests\n", "requirements.lock": "websockets==15.0.1\n"}, None),
        (
            {"requirements.txt": "requests\n", "poetry.lock": '[[package]]\nname = "websockets"\nversion = "15.0.1"\n'},
            None,
        ),
        ({"requirements.txt": "requests\n", "uv.lock": '[[package]]\nname = "websockets"\nversion = "15.0.1"\n'}, None),
        ({"requirements.txt": "requests\n", "poetry.lock": '[[package]]\nname = "requests"\n'}, UNDECLARED),
        # A folder above that may hold or pin requirements: a uv workspace, a Pipfile.
        (
            {
                "pyproject.toml": '[tool.uv.workspace]\nmembers = ["pkg"]\n',
                "pkg/pyproject.toml": '[project]\nname = "a"\ndependencies = ["b"]\n',
            },
            None,
        ),
        ({"Pipfile": '[packages]\nwebsockets = ">=15"\n', "pkg/requirements.txt": "requests\n"}, None),
        # Local projects and URLs in any list, not only the main one.
        ({"pyproject.toml": '[project]\nname = "a"\n[project.optional-dependencies]\ndev = ["s @ file:///s"]\n'}, None),
        ({"pyproject.toml": '[project]\nname = "a"\n[dependency-groups]\ndev = ["s @ file:../s"]\n'}, None),
        (
            {
                "pyproject.toml": '[tool.poetry.dependencies]\npython = "^3.11"\n'
                '[tool.poetry.group.dev.dependencies]\ns = { path = "../s", develop = true }\n'
            },
            None,
        ),
        # Values of the wrong type: the file says nothing to trust.
        ({"pyproject.toml": '[project]\nname = "a"\ndependencies = "requests"\n'}, None),
        ({"pyproject.toml": '[project]\nname = "a"\ndynamic = "dependencies"\n'}, None),
        # pip's own reading: hashes, continued lines, a byte-order mark, a tab before a comment.
        ({"requirements.txt": "httpx==0.27.0 \\\n    --hash=sha256:abc\nidna==3.7 --hash=sha256:def\n"}, UNDECLARED),
        ({"requirements.txt": "websockets==15.0.1 \\\n    --hash=sha256:abc\n"}, "==15.0.1"),
        ({"requirements.txt": "\ufeffwebsockets>=15.0\n"}, ">=15.0"),
        ({"requirements.txt": "websockets>=15\t# the new client\n"}, ">=15"),
    ],
)
def test_a_project_that_lists_its_requirements_without_websockets(
    tmp_path: Path, files: Dict[str, str], expected: str
) -> None:
    root = tmp_path / "project"
    (root / "pkg").mkdir(parents=True)
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    (root / "pkg" / "client.py").write_text(CLIENT)
    assert websockets_specifier(str(root / "pkg" / "client.py")) == expected


UNDECLARED_APP = (
    "import websockets\n\n\nasync def f(uri, proxy):\n    return await websockets.connect(uri, proxy=proxy)\n\n\n"
    "async def g(uri):\n    try:\n        return await websockets.connect(uri)\n"
    "    except websockets.InvalidStatus as exc:\n        print(exc.response.status_code)\n"
)


@pytest.mark.parametrize(
    ("files", "reported"),
    [
        ({"pyproject.toml": '[project]\nname = "a"\ndependencies = ["firecrawl-py"]\n'}, True),
        ({"requirements.txt": "firecrawl-py\n"}, True),
        # Unknown (nothing lists requirements, or a setup.py may): the newest, which a
        # resolver installs, takes proxy= and raises InvalidStatus.
        ({}, False),
        ({"pyproject.toml": '[project]\nname = "a"\ndependencies = ["x"]\n', "setup.py": "import setuptools\n"}, False),
        # Declared with a floor that has both: right.
        ({"pyproject.toml": '[project]\nname = "a"\ndependencies = ["websockets>=15"]\n'}, False),
    ],
)
def test_an_undeclared_websockets_is_any_release(tmp_path: Path, files: Dict[str, str], reported: bool) -> None:
    """timestep 2026.0.57 gets websockets through another dependency's bare requirement:
    whichever release is installed runs, so code for the newest breaks on older ones."""
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    (tmp_path / "app.py").write_text(UNDECLARED_APP)
    result = run("netfix-lint", ["--preview", "--no-cache", "app.py"], cwd=tmp_path)
    codes = sorted(line.split()[1] for line in result.stdout.splitlines() if ": NFX" in line)
    assert codes == (["NFX202", "NFX205"] if reported else []), result.stdout
    if reported:
        assert "any release: `websockets` is not among the project's requirements" in result.stdout
        assert "`websockets` is not among its requirements, so whichever release is installed" in result.stdout
