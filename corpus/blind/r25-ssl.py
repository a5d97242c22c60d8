"""Round 25's SSL stratum: round 18's rule (``r18-ssl.py`` says how), over round 25's
sample (r25-pick.py, fetched with ``fetch.py``, unpacked, read by ``corpus/shapes``), and
at most 40 of the releases it selects, drawn with ``random.Random(20261225)``, so that
the round can be judged in one sitting: ``r25-ssl.py PACKAGES_TXT SHAPES``, where
``PACKAGES_TXT`` is corpus/packages.txt as of 2fdc26d (round 24 included).
"""

import contextlib
import io
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from pick import sibling

r18 = sibling("r18-ssl.py")


def main(*args: str, seed: int = 20261225) -> None:
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        r18.main(*args)
    selected = printed.getvalue().split()
    print(f"# {len(selected)} releases selected", file=sys.stderr)
    for name in sorted(random.Random(seed).sample(selected, min(40, len(selected)))):
        print(name)


if __name__ == "__main__":
    main(*sys.argv[1:])
