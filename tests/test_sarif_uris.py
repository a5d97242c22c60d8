"""SARIF artifact URIs (issue 17 #9): percent-encoded, so that a reserved or non-ASCII
character in a file name still names that file; an absolute URI carries no uriBaseId."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, List
from urllib.parse import unquote, urlsplit

import pytest

from .conftest import run

SOURCE = (
    "import socket\n\n\ndef send(sock, data):\n    try:\n        sock.sendall(data)\n"
    "    except ConnectionResetError:\n        pass\n"
)
NAMES = ["hash#q?.py", "pct%2C.py", "a:b.py", "a b.py", "100%.py", "é.py"]


def sarif_locations(cwd: Path, *paths: str) -> List[Dict[str, Any]]:
    result = run("netfix-lint", ["--no-cache", "--preview", "--format", "sarif", *paths], cwd=cwd)
    assert result.returncode == 1, result.stderr
    results = json.loads(result.stdout)["runs"][0]["results"]
    return [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in results]


@pytest.mark.parametrize("name", NAMES)
def test_a_relative_uri_names_exactly_its_file(tmp_path: Path, name: str) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / name).write_text(SOURCE)
    (location,) = sarif_locations(tmp_path, "src")
    uri = location["uri"]
    assert location["uriBaseId"] == "%SRCROOT%"
    assert uri.isascii() and " " not in uri
    parts = urlsplit(uri)  # read as a relative reference: no scheme, query or fragment
    assert (parts.scheme, parts.query, parts.fragment) == ("", "", "")
    assert unquote(parts.path) == f"src/{name}"


def test_an_absolute_uri_has_no_base(tmp_path: Path) -> None:
    target = tmp_path / "a b#.py"
    target.write_text(SOURCE)
    (location,) = sarif_locations(tmp_path, str(target))
    assert "uriBaseId" not in location
    assert location["uri"].startswith("file:///") and unquote(urlsplit(location["uri"]).path) == str(target)
