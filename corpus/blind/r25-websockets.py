"""Round 25's websockets stratum: ``r25-websockets.py SSL_STRATUM PACKAGES_TXT SRC``, where
``SRC`` is round 25's sample (r25-pick.py), unpacked, ``SSL_STRATUM`` the releases of
``r25-ssl.py`` (left out) and ``PACKAGES_TXT`` corpus/packages.txt as of 2fdc26d (round
24 included). A user is found as in ``r17-websockets.py``. Every user is taken when there
are at most 45 (as round 24 took all of its 59); else every one naming
``InvalidStatus(Code)`` and, drawn with ``random.Random(20261225)``, others up to 45.
"""

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from pick import norm, sibling

r17 = sibling("r17-websockets.py")
CAP = 45


def main(ssl_stratum: str, packages: str, source: str, seed: int = 20261225) -> None:
    left_out = set(Path(ssl_stratum).read_text().split())
    listed = Path(packages).read_text(encoding="utf-8").splitlines()
    corpus = {norm(line.split("==")[0]) for line in listed if "==" in line and not line.startswith("#")}
    shaped, plain = [], []
    for release in sorted(Path(source).iterdir()):
        if not release.is_dir() or release.name in left_out or norm(release.name.rsplit("-", 1)[0]) in corpus:
            continue
        code = list(r17.texts(release))
        if any(r17.USE.search(text) for text in code):
            (shaped if any(r17.STATUS.search(text) for text in code) else plain).append(release.name)
    print(f"# {len(shaped)} users naming InvalidStatus(Code), {len(plain)} others", file=sys.stderr)
    others = plain if len(shaped) + len(plain) <= CAP else random.Random(seed).sample(plain, CAP - len(shaped))
    for name in shaped:
        print(name, "status")
    for name in sorted(others):
        print(name, "other")


if __name__ == "__main__":
    main(*sys.argv[1:])
