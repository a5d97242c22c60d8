"""Round 33's sample: ``random.Random(20261233).sample(pool, 10000)``.

Drawn as round 32 drew (r32-pick.py): from every name of the index that matches none of
the words of rounds 14 to 24 (the REST pool of r25-pick.py), minus the corpus, and minus
rounds 25 to 32's 10,000 names each, passed to :func:`pick.draw` as earlier samples.

``python corpus/blind/r33-pick.py SIMPLE_HTML PACKAGES_TXT R25_NAMES ... R32_NAMES``:
``SIMPLE_HTML`` is the PyPI simple index fetched again on 2026-12-08 at 01:40 UTC (927,088
names, as round 28's; rounds 25 to 32's names were drawn again from it, and every release
those rounds added to the corpus is in its round's names), ``PACKAGES_TXT``
corpus/packages.txt as of 7f4c7fa (round 32 included), ``R25_NAMES`` to ``R32_NAMES`` the
outputs of r25- to r32-pick.py with their own ``PACKAGES_TXT`` (r32-pick.py's: c1fbf5e).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from pick import draw, sibling

REST = sibling("r25-pick.py").REST

if __name__ == "__main__":
    draw(20261233, 10000, *sys.argv[1:], word=REST)
