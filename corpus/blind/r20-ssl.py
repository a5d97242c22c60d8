"""Round 20's SSL stratum, drawn as round 18's was (``r18-ssl.py`` says how):
``r20-ssl.py PACKAGES_TXT SHAPES``, where ``SHAPES`` is the output of ``corpus/shapes``
over round 20's sample (r20-pick.py), unpacked (one folder ``<dist>-<version>`` each),
and ``PACKAGES_TXT`` corpus/packages.txt as of 0c80606 (round 19 included).
"""

import importlib.util
import sys
from pathlib import Path

spec = importlib.util.spec_from_file_location("r18_ssl", Path(__file__).with_name("r18-ssl.py"))
assert spec is not None and spec.loader is not None
r18 = importlib.util.module_from_spec(spec)
spec.loader.exec_module(r18)

if __name__ == "__main__":
    r18.main(*sys.argv[1:])
