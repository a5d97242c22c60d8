"""Round 30's sample: ``random.Random(20261230).sample(pool, 10000)``.

Drawn as round 29 drew (r29-pick.py): from every name of the index that matches none of
the words of rounds 14 to 24 (the REST pool of r25-pick.py), minus the corpus, and minus
rounds 25 to 29's 10,000 names each, passed to :func:`pick.draw` as earlier samples.

``python corpus/blind/r30-pick.py SIMPLE_HTML PACKAGES_TXT R25_NAMES R26_NAMES R27_NAMES
R28_NAMES R29_NAMES``: ``SIMPLE_HTML`` is round 28's index, the PyPI simple index fetched on
2026-12-07 at 12:55 UTC (927,088 names), ``PACKAGES_TXT`` corpus/packages.txt as of
5da7922 (round 29 included), ``R25_NAMES`` to ``R29_NAMES`` the outputs of r25- to
r29-pick.py with their own ``PACKAGES_TXT`` (round 29's ``R25_NAMES`` to ``R28_NAMES``).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from pick import draw, sibling

REST = sibling("r25-pick.py").REST

if __name__ == "__main__":
    draw(20261230, 10000, *sys.argv[1:], word=REST)
