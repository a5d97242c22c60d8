"""Round 27's sample: ``random.Random(20261227).sample(pool, 10000)``.

Drawn as round 25 drew (r25-pick.py): from every name of the index that matches none of
the words of rounds 14 to 24 (the REST pool of r25-pick.py), minus the corpus, and now
minus rounds 25 and 26's 10,000 names each, passed to :func:`pick.draw` as earlier
samples, so no name they drew is drawn again.

``python corpus/blind/r27-pick.py SIMPLE_HTML PACKAGES_TXT R25_NAMES R26_NAMES``: ``SIMPLE_HTML`` is
round 25's index, the PyPI simple index fetched on 2026-12-06 at 23:19 UTC,
``PACKAGES_TXT`` corpus/packages.txt as of ce18b8d (round 26 included), ``R25_NAMES`` and
``R26_NAMES`` the outputs of r25-pick.py and r26-pick.py.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from pick import draw, sibling

REST = sibling("r25-pick.py").REST

if __name__ == "__main__":
    draw(20261227, 10000, *sys.argv[1:], word=REST)
