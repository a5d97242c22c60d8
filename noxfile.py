"""The test suite on every Python netfix-lint supports that pyenv has installed.

    pip install nox && nox              # all of them
    nox -s tests-3.9 -- -k config      # one, with pytest arguments

Interpreters come from ``$(pyenv root)/versions/X.Y.Z/bin`` (then from PATH); one that
is missing is skipped by nox with a message.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess

import nox

SUPPORTED = ["3.9", "3.10", "3.11", "3.12", "3.13", "3.14"]  # 3.14: skipped with a message where missing

nox.options.sessions = ["tests"]
if hasattr(nox.options, "download_python"):
    nox.options.download_python = "never"  # nothing may be fetched here but packages
nox.options.error_on_missing_interpreters = False


def _pyenv_root() -> str | None:
    if os.environ.get("PYENV_ROOT"):
        return os.environ["PYENV_ROOT"]
    if shutil.which("pyenv"):
        found = subprocess.run(["pyenv", "root"], capture_output=True, text=True)
        return found.stdout.strip() or None
    return None


def _put_pyenv_pythons_on_path() -> None:
    """So that nox finds ``python3.9`` and the others, whatever pyenv's global version."""
    root = _pyenv_root()
    if root is None:
        return
    folders = sorted(glob.glob(os.path.join(root, "versions", "3.*", "bin")))
    os.environ["PATH"] = os.pathsep.join([*folders, os.environ.get("PATH", "")])


_put_pyenv_pythons_on_path()


@nox.session(python=SUPPORTED)
def tests(session: nox.Session) -> None:
    session.install("-e", ".[test]")
    session.run("python", "-m", "pytest", "-q", *session.posargs)
