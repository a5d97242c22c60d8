"""Round 31's sample: ``random.Random(20261231).sample(pool, 10000)``.

Drawn as round 30 drew (r30-pick.py): from every name of the index that matches none of
the words of rounds 14 to 24 (the REST pool of r25-pick.py), minus the corpus, and minus
rounds 25 to 30's 10,000 names each, passed to :func:`pick.draw` as earlier samples.

``python corpus/blind/r31-pick.py SIMPLE_HTML PACKAGES_TXT R25_NAMES R26_NAMES R27_NAMES
R28_NAMES R29_NAMES R30_NAMES``: ``SIMPLE_HTML`` is round 28's index, the PyPI simple index
fetched on 2026-12-07 at 12:55 UTC (927,088 names), ``PACKAGES_TXT`` corpus/packages.txt as
of 8c0607b (round 30 included), ``R25_NAMES`` to ``R30_NAMES`` the outputs of r25- to
r30-pick.py with their own ``PACKAGES_TXT`` (round 30's ``R25_NAMES`` to ``R29_NAMES``).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from pick import draw, sibling

REST = sibling("r25-pick.py").REST

if __name__ == "__main__":
    draw(20261231, 10000, *sys.argv[1:], word=REST)
