"""Round 15's sample, as it was drawn: ``random.Random(20261207).sample(pool, 1500)``.

``python corpus/blind/r15-pick.py SIMPLE_HTML PACKAGES_TXT EARLIER...`` prints it
(:mod:`pick` says what the pool is): ``PACKAGES_TXT`` is corpus/packages.txt as of
1b9b981, before round 15 was added, and ``EARLIER`` round 14's two batches.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from pick import draw

if __name__ == "__main__":
    draw(20261207, 1500, *sys.argv[1:])
