#!/usr/bin/env python3
"""Fetch the newest wheel of each name a pick printed and unpack its Python files, for
``corpus/shapes`` to read: ``fetch.py NAMES_TXT DEST [--jobs N]``.

The wheel is the one ``corpus/run`` would get (``pip download --no-deps`` for CPython 3.12
on manylinux x86_64): of the newest release's files, a ``py3``/``py2.py3`` ``none-any``
wheel, else a ``cp312`` manylinux x86_64 one, else an ``abi3`` one. Read through PyPI's
JSON API (pip took 4 s a name). Each release lands in ``DEST/<name>-<version>/``; a name
with no such wheel is listed in ``DEST/no-wheel.txt``. Network use only, no code runs.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import sys
import urllib.parse
import urllib.request
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Optional, Tuple

_MANY = re.compile(r"manylinux.*x86_64")


def _choose(files: list[dict[str, object]]) -> Optional[dict[str, object]]:
    wheels = [f for f in files if str(f.get("filename", "")).endswith(".whl") and not f.get("yanked")]

    def rank(f: dict[str, object]) -> int:
        name = str(f["filename"])
        tags = name[:-4].split("-")[-3:]
        python, abi, platform = tags
        if platform == "any" and abi == "none" and ("py3" in python.split(".")):
            return 0
        if "cp312" in python and _MANY.search(platform):
            return 1
        if abi == "abi3" and _MANY.search(platform):
            return 2
        return 9

    ranked = sorted((rank(f), i, f) for i, f in enumerate(wheels))
    return ranked[0][2] if ranked and ranked[0][0] < 9 else None


def fetch(name: str, dest: Path) -> Tuple[str, str]:
    try:
        page = f"https://pypi.org/pypi/{name}/json"
        with urllib.request.urlopen(page, timeout=60) as response:
            data = json.load(response)
        version = data["info"]["version"]
        chosen = _choose(data.get("urls") or [])
        if chosen is None:
            return name, "no-wheel"
        folder = dest / f"{data['info']['name']}-{version}"
        if folder.exists():
            return name, "ok"
        with urllib.request.urlopen(urllib.parse.urljoin(page, str(chosen["url"])), timeout=120) as response:
            blob = response.read()
        with zipfile.ZipFile(io.BytesIO(blob)) as wheel:
            for member in wheel.namelist():
                if member.endswith(".py") and ".." not in member and not member.startswith("/"):
                    target = folder / member
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(wheel.read(member))
        folder.mkdir(parents=True, exist_ok=True)
        return name, "ok"
    except Exception as error:  # a name's failure is reported, not fatal
        return name, f"error {type(error).__name__}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("names")
    parser.add_argument("dest")
    parser.add_argument("--jobs", type=int, default=16)
    args = parser.parse_args()
    dest = Path(args.dest)
    dest.mkdir(parents=True, exist_ok=True)
    names = Path(args.names).read_text(encoding="utf-8").split()
    done = 0
    with ThreadPoolExecutor(args.jobs) as pool, open(dest / "no-wheel.txt", "a", encoding="utf-8") as missing:
        for name, status in pool.map(lambda n: fetch(n, dest), names):
            done += 1
            if status != "ok":
                missing.write(f"{name}\t{status}\n")
            if done % 250 == 0:
                print(f"{done} of {len(names)}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
