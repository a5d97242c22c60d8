"""Round 32's sample: ``random.Random(20261232).sample(pool, 10000)``.

Drawn as round 31 drew (r31-pick.py): from every name of the index that matches none of
the words of rounds 14 to 24 (the REST pool of r25-pick.py), minus the corpus, and minus
rounds 25 to 31's 10,000 names each, passed to :func:`pick.draw` as earlier samples.

``python corpus/blind/r32-pick.py SIMPLE_HTML PACKAGES_TXT R25_NAMES R26_NAMES R27_NAMES
R28_NAMES R29_NAMES R30_NAMES R31_NAMES``: ``SIMPLE_HTML`` is the PyPI simple index fetched
again on 2026-12-07 at 22:55 UTC (927,088 names, as round 28's; rounds 25 to 31's names
were drawn again from it, and every release those rounds added to the corpus is in its
round's names), ``PACKAGES_TXT`` corpus/packages.txt as of c1fbf5e (round 31 included),
``R25_NAMES`` to ``R31_NAMES`` the outputs of r25- to r31-pick.py with their own
``PACKAGES_TXT``.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from pick import draw, sibling

REST = sibling("r25-pick.py").REST

if __name__ == "__main__":
    draw(20261232, 10000, *sys.argv[1:], word=REST)
