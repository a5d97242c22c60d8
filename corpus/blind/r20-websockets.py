"""Round 20's websockets stratum, drawn as round 17's was (``r17-websockets.py`` says how)
with ``random.Random(20261206)``, up to 20 users that name ``InvalidStatus(Code)`` and 12
others: ``r20-websockets.py SSL_STRATUM PACKAGES_TXT SRC``, where ``SRC`` is round 20's
sample (r20-pick.py), unpacked, and ``PACKAGES_TXT`` corpus/packages.txt as of 0c80606
(round 19 included). No code search this round: every user comes from the sample.
"""

import importlib.util
import sys
from pathlib import Path

spec = importlib.util.spec_from_file_location("r17_websockets", Path(__file__).with_name("r17-websockets.py"))
assert spec is not None and spec.loader is not None
r17 = importlib.util.module_from_spec(spec)
spec.loader.exec_module(r17)

if __name__ == "__main__":
    r17.main(*sys.argv[1:], seed=20261206, cap=20)
