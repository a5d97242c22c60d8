"""Round 24's websockets stratum, drawn as round 17's was (``r17-websockets.py`` says how)
with ``random.Random(20261224)``, up to 20 users that name ``InvalidStatus(Code)`` and 12
others: ``r24-websockets.py SSL_STRATUM PACKAGES_TXT SRC``, where ``SRC`` is round 24's
sample (r24-pick.py), unpacked, and ``PACKAGES_TXT`` corpus/packages.txt as of 7c08a47
(round 23 included). No code search this round.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from pick import sibling

r17 = sibling("r17-websockets.py")

if __name__ == "__main__":
    r17.main(*sys.argv[1:], seed=20261224, cap=20)
