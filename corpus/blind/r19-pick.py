"""Round 19's sample, as it was drawn: ``random.Random(20261211).sample(pool, 3000)``, which
is the whole pool (2,561 names were left in it).

``python corpus/blind/r19-pick.py SIMPLE_HTML PACKAGES_TXT EARLIER...`` prints it
(:mod:`pick` says what the pool is): ``PACKAGES_TXT`` is corpus/packages.txt as of
4f493d8, before round 19 was added, and ``EARLIER`` round 14's two batches, the samples
of rounds 15 to 18 (which r15-pick.py to r18-pick.py print) and round 17's websockets
pool (``r17-websockets.py pool``), whose wheels were downloaded then.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from pick import draw

if __name__ == "__main__":
    draw(20261211, 3000, *sys.argv[1:])
