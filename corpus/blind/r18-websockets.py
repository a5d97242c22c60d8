"""Round 18's websockets stratum, drawn as round 17's was (``r17-websockets.py`` says how)
with ``random.Random(20261210)``: ``r18-websockets.py SSL_STRATUM PACKAGES_TXT SRC...``.

The sources: round 18's sample (r18-pick.py), round 17's websockets pool and round 17's
and 16's samples, each unpacked as ``r17-websockets.py`` says. ``PACKAGES_TXT`` is
corpus/packages.txt as of 4f14863 (round 17 included), so every release rounds 14 to 17
ran on is left out.
"""

import importlib.util
import sys
from pathlib import Path

spec = importlib.util.spec_from_file_location("r17_websockets", Path(__file__).with_name("r17-websockets.py"))
assert spec is not None and spec.loader is not None
r17 = importlib.util.module_from_spec(spec)
spec.loader.exec_module(r17)

if __name__ == "__main__":
    r17.main(*sys.argv[1:], seed=20261210)
