"""Round 33's SSL stratum: round 25's (``r25-ssl.py`` says how) over round 33's sample
(r33-pick.py, fetched with ``fetch.py``, unpacked, read by ``corpus/shapes``), drawn with
``random.Random(20261233)``: ``r33-ssl.py PACKAGES_TXT SHAPES``, where ``PACKAGES_TXT``
is corpus/packages.txt as of 7f4c7fa (round 32 included)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from pick import sibling

if __name__ == "__main__":
    sibling("r25-ssl.py").main(*sys.argv[1:], seed=20261233)
