"""Round 24's sample: ``random.Random(20261224)``.sample(pool, 5000)``.

Rounds 14 to 23 drew from servers and proxies (:mod:`pick`), clients, streams and chat
(r20-pick.py), protocol drivers (r21-pick.py), devices, network tools and service callers
(r22-pick.py), and web code, media and service glue (r23-pick.py). Round 24 draws from
words none of them used, where websockets and blocking TLS clients are common but the
earlier words did not reach: markets and money (crypto, coin, wallet, token, chain,
solana, ethereum, market, stock, forex, ticker, quote, price, finance, pay, bank, defi,
dex), messaging platforms and their bots (discord, telegram, slack, twitch, kick, obs,
youtube, tiktok, matrix, signal), assistants (ai, gpt, openai, assistant, copilot), and
async glue (async, aio, event, queue, worker, pubsub, hub). A name that also matches an
earlier round's words is left out, so no name of rounds 14 to 23's pools is in this one.

``python corpus/blind/r24-pick.py SIMPLE_HTML PACKAGES_TXT``: ``SIMPLE_HTML`` is the PyPI
simple index fetched on 2026-12-06 at 20:01 UTC, ``PACKAGES_TXT`` corpus/packages.txt as
of 7c08a47 (round 23 included).
"""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from pick import WORD, draw, sibling

WORDS = re.compile(
    r"crypto|coin|wallet|token|chain|solana|ethereum|(^|-)eth($|-)|market|stock|forex|ticker"
    r"|quote|price|financ|(^|-)pay|bank|defi|(^|-)dex($|-)|discord|telegram|slack|twitch"
    r"|(^|-)kick($|-)|(^|-)obs($|-)|youtube|tiktok|matrix|signal|(^|-)ai($|-)|gpt|openai"
    r"|assistant|copilot|async|(^|-)aio|event|queue|worker|pubsub|(^|-)hub($|-)"
)
EARLIER = (
    WORD,
    *(sibling(f"r{n}-pick.py").WORDS for n in (20, 21, 22, 23)),
)
NEW = re.compile(rf"^(?!.*(?:{'|'.join(w.pattern for w in EARLIER)})).*(?:{WORDS.pattern})")

if __name__ == "__main__":
    draw(20261224, 5000, *sys.argv[1:], word=NEW)
