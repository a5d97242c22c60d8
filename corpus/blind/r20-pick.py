"""Round 20's sample, in two batches: ``random.Random(20261206).sample(pool, 2500)``, then
(``--second``, drawn when the first gave only 3 releases to the SSL stratum and 4 users
naming ``InvalidStatus(Code)``) ``random.Random(20261207).sample(pool, 2500)`` of the pool
left without the first batch.

Rounds 14 to 19 took every name of :mod:`pick`'s server/proxy/socket pool, so round 20
draws from new words: clients, streams, RPC, messaging and mail, trading and chat, which
is where protocol drivers, SDKs and websockets users live. A name that also matches the
old words is left out (every such name was in an earlier pool).

``python corpus/blind/r20-pick.py SIMPLE_HTML PACKAGES_TXT EARLIER...``: ``PACKAGES_TXT``
is corpus/packages.txt as of 0c80606 (round 19 included) and ``EARLIER`` the samples of
rounds 14 to 19 and round 17's websockets pool, as r19-pick.py lists them, plus round 19's
(and, for ``--second``, the first batch).
"""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from pick import WORD, draw

WORDS = re.compile(
    r"client|stream|rpc|mqtt|remote|connect|push|notify|smtp|imap|mail|irc|xmpp|ftp|http"
    r"|exchange|binance|trading|realtime|chat|telnet|ssh|(^|-)wss?($|-)"
)
NEW = re.compile(rf"^(?!.*(?:{WORD.pattern})).*(?:{WORDS.pattern})")

if __name__ == "__main__":
    if sys.argv[1] == "--second":
        # The first batch is one more earlier sample: printed by this script without --second.
        draw(20261207, 2500, *sys.argv[2:], word=NEW)
    else:
        draw(20261206, 2500, *sys.argv[1:], word=NEW)
