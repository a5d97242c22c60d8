"""Round 28's sample: ``random.Random(20261228).sample(pool, 10000)``.

Drawn as round 27 drew (r27-pick.py): from every name of the index that matches none of
the words of rounds 14 to 24 (the REST pool of r25-pick.py), minus the corpus, and minus
rounds 25, 26 and 27's 10,000 names each, passed to :func:`pick.draw` as earlier samples.

``python corpus/blind/r28-pick.py SIMPLE_HTML PACKAGES_TXT R25_NAMES R26_NAMES R27_NAMES``:
``SIMPLE_HTML`` is the PyPI simple index fetched on 2026-12-07 at 12:55 UTC (927,088
names, as round 25's; rounds 25 to 27's names were drawn again from it, and the 68
releases round 27 added to the corpus are all in its ``R27_NAMES``), ``PACKAGES_TXT``
corpus/packages.txt as of 8bc791a (round 27 included), ``R25_NAMES`` to ``R27_NAMES`` the
outputs of r25- to r27-pick.py with their own ``PACKAGES_TXT``.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from pick import draw, sibling

REST = sibling("r25-pick.py").REST

if __name__ == "__main__":
    draw(20261228, 10000, *sys.argv[1:], word=REST)
