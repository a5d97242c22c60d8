"""Round 20's SSL stratum, drawn as round 18's was (``r18-ssl.py`` says how):
``r20-ssl.py PACKAGES_TXT SHAPES``, where ``SHAPES`` is the output of ``corpus/shapes``
over round 20's sample (r20-pick.py), unpacked (one folder ``<dist>-<version>`` each),
and ``PACKAGES_TXT`` corpus/packages.txt as of 0c80606 (round 19 included).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from pick import sibling

r18 = sibling("r18-ssl.py")

if __name__ == "__main__":
    r18.main(*sys.argv[1:])
