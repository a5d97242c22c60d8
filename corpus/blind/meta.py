#!/usr/bin/env python3
"""Fetch the METADATA of each release a round picked, beside its unpacked Python files,
for the websockets judges (`Requires-Dist` lines): ``meta.py RELEASES_TXT DEST``, where
``RELEASES_TXT`` lists folder names (``name-version``) under ``DEST`` as ``fetch.py``
made them. The wheel is the one ``fetch.py`` chose; only its ``*.dist-info/METADATA`` is
written. Round 27 ran this (as /tmp/r27/getmeta.py) after its judges had started.
"""

from __future__ import annotations

import io
import json
import sys
import urllib.parse
import urllib.request
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Tuple

sys.path.insert(0, str(Path(__file__).parent))
from fetch import _choose


def fetch_metadata(folder: str, dest: Path) -> Tuple[str, str]:
    try:
        name = folder.rsplit("-", 1)[0]
        page = f"https://pypi.org/pypi/{name}/json"
        with urllib.request.urlopen(page, timeout=60) as response:
            data = json.load(response)
        chosen = _choose(data.get("urls") or [])
        if chosen is None:
            return folder, "no-wheel"
        with urllib.request.urlopen(urllib.parse.urljoin(page, str(chosen["url"])), timeout=120) as response:
            blob = response.read()
        with zipfile.ZipFile(io.BytesIO(blob)) as wheel:
            for member in wheel.namelist():
                # The wheel's own, at its top: not a vendored package's (sdvi-rally's certifi).
                if member.endswith(".dist-info/METADATA") and member.count("/") == 1 and ".." not in member:
                    target = dest / folder / member
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(wheel.read(member))
                    return folder, "ok"
        return folder, "no-metadata"
    except Exception as error:  # a release's failure is reported, not fatal
        return folder, f"error {type(error).__name__}"


def main() -> None:
    releases, dest = Path(sys.argv[1]).read_text(encoding="utf-8").split(), Path(sys.argv[2])
    with ThreadPoolExecutor(8) as pool:
        for folder, status in pool.map(lambda f: fetch_metadata(f, dest), releases):
            if status != "ok":
                print(folder, status, file=sys.stderr)


if __name__ == "__main__":
    main()
