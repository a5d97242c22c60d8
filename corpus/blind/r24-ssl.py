"""Round 24's SSL stratum, drawn as round 18's was (``r18-ssl.py`` says how):
``r24-ssl.py PACKAGES_TXT SHAPES``, where ``SHAPES`` is the output of ``corpus/shapes``
over round 24's sample (r24-pick.py, fetched with ``fetch.py``), unpacked, and
``PACKAGES_TXT`` corpus/packages.txt as of 7c08a47 (round 23 included).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from pick import sibling

r18 = sibling("r18-ssl.py")

if __name__ == "__main__":
    r18.main(*sys.argv[1:])
