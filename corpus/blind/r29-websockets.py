"""Round 29's websockets stratum: round 25's (``r25-websockets.py`` says how) over round
29's sample, drawn with ``random.Random(20261229)``: ``r29-websockets.py SSL_STRATUM
PACKAGES_TXT SRC``, where ``SRC`` is round 29's sample (r29-pick.py), unpacked,
``SSL_STRATUM`` the releases of ``r29-ssl.py`` (left out) and ``PACKAGES_TXT``
corpus/packages.txt as of 977772b (round 28 included).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from pick import sibling

if __name__ == "__main__":
    sibling("r25-websockets.py").main(*sys.argv[1:], seed=20261229)
