"""Round 16's sample, as it was drawn: ``random.Random(20261208).sample(pool, 3000)``.

``python corpus/blind/r16-pick.py SIMPLE_HTML PACKAGES_TXT EARLIER...`` prints it
(:mod:`pick` says what the pool is): ``PACKAGES_TXT`` is corpus/packages.txt as of
8ae1d0a, before round 16 was added, and ``EARLIER`` round 14's two batches and round
15's sample (which r15-pick.py prints).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from pick import draw

if __name__ == "__main__":
    draw(20261208, 3000, *sys.argv[1:])
