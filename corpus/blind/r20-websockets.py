"""Round 20's websockets stratum, drawn as round 17's was (``r17-websockets.py`` says how)
with ``random.Random(20261206)``, up to 20 users that name ``InvalidStatus(Code)`` and 12
others: ``r20-websockets.py SSL_STRATUM PACKAGES_TXT SRC``, where ``SRC`` is round 20's
sample (r20-pick.py), unpacked, and ``PACKAGES_TXT`` corpus/packages.txt as of 0c80606
(round 19 included). No code search this round: every user comes from the sample.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from pick import sibling

r17 = sibling("r17-websockets.py")

if __name__ == "__main__":
    r17.main(*sys.argv[1:], seed=20261206, cap=20)
