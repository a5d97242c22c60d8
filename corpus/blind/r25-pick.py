"""Round 25's sample: ``random.Random(20261225).sample(pool, 10000)``.

Rounds 14 to 24 drew from names with network words (:mod:`pick`, r20- to r24-pick.py); the
names left are the rest of PyPI, where such code is rarer but was never looked at. Round 25
draws from that rest: every name of the index that matches none of the earlier rounds'
words (711,632 of 927,088 on 2026-12-06), so no name of rounds 14 to 24's pools is in it.
The sample is twice round 24's because the code the rules are about is thinner here.

``python corpus/blind/r25-pick.py SIMPLE_HTML PACKAGES_TXT``: ``SIMPLE_HTML`` is the PyPI
simple index fetched on 2026-12-06 at 23:19 UTC, ``PACKAGES_TXT`` corpus/packages.txt as
of 2fdc26d (round 24 included).
"""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from pick import WORD, draw, sibling

EARLIER = (
    WORD,
    *(sibling(f"r{n}-pick.py").WORDS for n in (20, 21, 22, 23, 24)),
)
REST = re.compile(rf"^(?!.*(?:{'|'.join(w.pattern for w in EARLIER)}))")

if __name__ == "__main__":
    draw(20261225, 10000, *sys.argv[1:], word=REST)
