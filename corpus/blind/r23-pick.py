"""Round 23's sample: ``random.Random(20261223).sample(pool, 5000)``.

Rounds 14 to 22 drew from servers and proxies (:mod:`pick`), clients, streams and chat
(r20-pick.py), protocol drivers (r21-pick.py), and devices, network tools and service
callers (r22-pick.py). Round 23 draws from words none of them used, where web code and
the programs around it meet sockets, TLS and websockets: web frameworks and their
servers (web, flask, django, fastapi, wsgi, asgi, tornado, gevent, eventlet, twisted),
APIs and the cloud (api, cloud, upload, download, sync, crawl, scrape, spider), and live
media and games (game, live, voice, audio, video, speech, tts, stt), and the newest kind
of service glue (mcp, llm). A name that also matches an earlier round's words is left
out, so no name of rounds 14 to 22's pools is in this one.

``python corpus/blind/r23-pick.py SIMPLE_HTML PACKAGES_TXT``: ``SIMPLE_HTML`` is the PyPI
simple index fetched on 2026-12-06 at 17:09 UTC, ``PACKAGES_TXT`` corpus/packages.txt as
of 329b051 (round 22 included).
"""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from pick import WORD, draw, sibling

WORDS = re.compile(
    r"web|flask|django|fastapi|wsgi|asgi|tornado|gevent|eventlet|twisted|(^|-)api($|-)"
    r"|cloud|upload|download|sync|crawl|scrap|spider|game|live|voice|audio|video|speech"
    r"|(^|-)tts($|-)|(^|-)stt($|-)|mcp|llm"
)
EARLIER = (WORD, sibling("r20-pick.py").WORDS, sibling("r21-pick.py").WORDS, sibling("r22-pick.py").WORDS)
NEW = re.compile(rf"^(?!.*(?:{'|'.join(w.pattern for w in EARLIER)})).*(?:{WORDS.pattern})")

if __name__ == "__main__":
    draw(20261223, 5000, *sys.argv[1:], word=NEW)
