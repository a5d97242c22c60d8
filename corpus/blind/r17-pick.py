"""Round 17's sample, as it was drawn: ``random.Random(20261209).sample(pool, 3000)``.

``python corpus/blind/r17-pick.py SIMPLE_HTML PACKAGES_TXT EARLIER...`` prints it
(:mod:`pick` says what the pool is): ``PACKAGES_TXT`` is corpus/packages.txt as of
2b23ce3, before round 17 was added, and ``EARLIER`` round 14's two batches and the
samples of rounds 15 and 16 (which r15-pick.py and r16-pick.py print).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from pick import draw

if __name__ == "__main__":
    draw(20261209, 3000, *sys.argv[1:])
