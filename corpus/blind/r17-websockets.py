"""Round 17's websockets stratum, as it was drawn:
``r17-websockets.py SSL_STRATUM PACKAGES_TXT SRC...``; ``r17-websockets.py pool SIMPLE_HTML
PACKAGES_TXT EARLIER...`` prints the second source's names (as :mod:`pick` does).

Each ``SRC`` holds wheels unpacked, one folder ``<dist>-<version>`` each (their ``.py``
files): round 17's sample (r17-pick.py), every name of the PyPI simple index that says
websocket, ws, realtime, exchange, trading or a crypto exchange's name (the pool is
``POOL``, minus the corpus and the samples of rounds 14 to 17), and round 16's sample. A release is a websockets user when a
line of its code starts with ``import websockets`` or ``from websockets`` (a vendored copy
of websockets at the top of the wheel aside); ``SSL_STRATUM`` (round 17's SSL stratum, folder
names) and the corpus (``PACKAGES_TXT``, corpus/packages.txt as of 4d5c90a, round 16
included) are left out.

The default websockets rules (NFX201-204, NFX206's default part) are about code that
names ``InvalidStatusCode`` or ``InvalidStatus``; rounds 14-16 drew 12 users at random
and met none, so this round takes every user that names one of them (at most 15, drawn
with ``random.Random(20261209)``), and 12 of the others at random, as round 16 did.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from pick import norm

USE = re.compile(r"^\s*(?:import websockets\b|from websockets\b)", re.M)
STATUS = re.compile(r"\bInvalidStatus(?:Code)?\b")
POOL = re.compile(
    r"websocket|(^|-)wss?(-|$)|realtime|exchange|trading|binance|bybit|okx|kraken|kucoin|deribit|bitget"
    r"|coinbase|hyperliquid"
)


def texts(release: Path):
    for path in sorted(release.rglob("*.py")):
        # (not a folder named like a module: mlpath's ``RadialBasisNet.py/``, round 33)
        if path.relative_to(release).parts[0] != "websockets" and path.is_file():
            yield path.read_text(encoding="utf-8", errors="replace")


def main(ssl_stratum: str, packages: str, *sources: str, seed: int = 20261209, cap: int = 15) -> None:
    left_out = set(Path(ssl_stratum).read_text().split())
    listed = Path(packages).read_text(encoding="utf-8").splitlines()
    corpus = {norm(line.split("==")[0]) for line in listed if "==" in line and not line.startswith("#")}
    shaped, plain = set(), set()
    for source in sources:
        for release in sorted(Path(source).iterdir()):
            if release.name in left_out or norm(release.name.rsplit("-", 1)[0]) in corpus or not release.is_dir():
                continue
            code = list(texts(release))
            if any(USE.search(text) for text in code):
                (shaped if any(STATUS.search(text) for text in code) else plain).add(release.name)
    rng = random.Random(seed)
    drawn = sorted(shaped) if len(shaped) <= cap else sorted(rng.sample(sorted(shaped), cap))
    print(f"# {len(shaped)} users naming InvalidStatus(Code), {len(plain)} others", file=sys.stderr)
    for name in drawn:
        print(name, "status")
    for name in sorted(rng.sample(sorted(plain), min(12, len(plain)))):
        print(name, "random")


def pool(simple: str, packages: str, *earlier: str) -> None:
    names = {norm(m) for m in re.findall(r"<a[^>]*>([^<]+)</a>", Path(simple).read_text(encoding="utf-8"))}
    listed = Path(packages).read_text(encoding="utf-8").splitlines()
    corpus = {norm(line.split("==")[0]) for line in listed if "==" in line and not line.startswith("#")}
    seen = {norm(name) for path in earlier for name in Path(path).read_text(encoding="utf-8").split()}
    for name in sorted(n for n in names if POOL.search(n) and n not in corpus and n not in seen):
        print(name)


if __name__ == "__main__":
    if sys.argv[1] == "pool":
        pool(*sys.argv[2:])
    else:
        main(*sys.argv[1:])
