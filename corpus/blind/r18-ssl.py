"""Round 18's SSL stratum, as it was drawn: ``r18-ssl.py PACKAGES_TXT SHAPES...``.

Each ``SHAPES`` is the output of ``corpus/shapes`` over unpacked wheels (one folder
``<dist>-<version>`` each): round 18's sample (r18-pick.py) and round 17's websockets
pool, of which only 27 users of websockets were ever run (``r17-websockets.py``). That
pool is added because its names (websocket, exchange, trading) hold websocket-client
users, blocking TLS clients, so that NFX101 meets the code it is about: rounds 16 and
17 drew it 4 findings and none.

A release is in the stratum when it uses the stdlib ``ssl`` (``ssl=yes``) and has a shape
outside a vendored copy of ccxt (``ccxt==4.5.90`` is in the corpus: its copies under other
names are the code the rules were tuned on), and is not in ``PACKAGES_TXT``
(corpus/packages.txt as of 4f14863).
"""

import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from pick import norm

SUMMARY = re.compile(r"# (\S+): .* ssl=(yes|no)$")


def main(packages: str, *shapes: str) -> None:
    listed = Path(packages).read_text(encoding="utf-8").splitlines()
    corpus = {norm(line.split("==")[0]) for line in listed if "==" in line and not line.startswith("#")}
    own: defaultdict[str, int] = defaultdict(int)
    for output in shapes:
        for line in Path(output).read_text(encoding="utf-8").splitlines():
            summary = SUMMARY.match(line)
            if summary is not None:
                release, ssl = summary.groups()
                if ssl == "yes" and own[release] and norm(release.rsplit("-", 1)[0]) not in corpus:
                    print(release)
                continue
            place, kind = line.split("\t")[:2]
            # (paths as corpus/shapes printed them: ``src/<release>/pkg/mod.py:12``)
            parts = Path(place.rsplit(":", 1)[0]).parts
            if kind != "UNPARSED" and "ccxt" not in parts:
                own[parts[1]] += 1


if __name__ == "__main__":
    main(*sys.argv[1:])
