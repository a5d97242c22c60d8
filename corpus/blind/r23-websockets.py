"""Round 23's websockets stratum, drawn as round 17's was (``r17-websockets.py`` says how)
with ``random.Random(20261223)``, up to 20 users that name ``InvalidStatus(Code)`` and 12
others: ``r23-websockets.py SSL_STRATUM PACKAGES_TXT SRC``, where ``SRC`` is round 23's
sample (r23-pick.py), unpacked, and ``PACKAGES_TXT`` corpus/packages.txt as of 329b051
(round 22 included). No code search this round.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from pick import sibling

r17 = sibling("r17-websockets.py")

if __name__ == "__main__":
    r17.main(*sys.argv[1:], seed=20261223, cap=20)
