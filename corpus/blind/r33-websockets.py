"""Round 33's websockets stratum: round 25's (``r25-websockets.py`` says how) over round
33's sample, drawn with ``random.Random(20261233)``: ``r33-websockets.py SSL_STRATUM
PACKAGES_TXT SRC``, where ``SRC`` is round 33's sample (r33-pick.py), unpacked,
``SSL_STRATUM`` the releases of ``r33-ssl.py`` (left out) and ``PACKAGES_TXT``
corpus/packages.txt as of 7f4c7fa (round 32 included)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from pick import sibling

if __name__ == "__main__":
    sibling("r25-websockets.py").main(*sys.argv[1:], seed=20261233)
