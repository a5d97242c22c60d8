"""Round 19's websockets stratum, drawn as round 17's was (``r17-websockets.py`` says how)
with ``random.Random(20261211)`` and up to 20 users that name ``InvalidStatus(Code)``:
``r19-websockets.py SSL_STRATUM PACKAGES_TXT SRC...``.

The sources: round 19's sample (r19-pick.py), the wheels of releases found by a search of
public code for ``InvalidStatusCode`` / ``InvalidStatus`` next to a websockets import
(the PyPI mirror repositories ``pypi-data/pypi-mirror-*`` and an exact-string search,
before the tool ran on any of them; ``/work/r19`` kept the searches' notes), and the
samples of rounds 16 to 18 and round 17's websockets pool, as unpacked then.
``PACKAGES_TXT`` is corpus/packages.txt as of 4f493d8 (round 18 included), so every
release an earlier round ran on is left out.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from pick import sibling

r17 = sibling("r17-websockets.py")

if __name__ == "__main__":
    r17.main(*sys.argv[1:], seed=20261211, cap=20)
