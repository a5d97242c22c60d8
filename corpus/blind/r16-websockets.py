"""Round 16's websockets stratum, as it was drawn: ``r16-websockets.py SRC SSL_STRATUM``.

``SRC`` holds the sample's wheels unpacked, one folder ``<dist>-<version>`` each (their
``.py`` files); ``SSL_STRATUM`` names the folders of the SSL stratum, one per line. A release
is a websockets user when a line of its code starts with ``import websockets`` or ``from
websockets`` (a vendored copy of websockets at the top of the wheel aside); 12 of the users
not in the SSL stratum are drawn with ``random.Random(20261208).sample(sorted names, 12)``.
"""

import random
import re
import sys
from pathlib import Path

USE = re.compile(r"^\s*(?:import websockets\b|from websockets\b)", re.M)


def users(src: Path):
    for release in sorted(src.iterdir()):
        for path in release.rglob("*.py"):
            if path.relative_to(release).parts[0] == "websockets":
                continue
            if USE.search(path.read_text(encoding="utf-8", errors="replace")):
                yield release.name
                break


def main(src: str, ssl_stratum: str) -> None:
    ssl = set(Path(ssl_stratum).read_text(encoding="utf-8").split())
    rest = sorted(set(users(Path(src))) - ssl)
    for name in sorted(random.Random(20261208).sample(rest, 12)):
        print(name)


if __name__ == "__main__":
    main(*sys.argv[1:])
