"""Round 22's sample: ``random.Random(20261222).sample(pool, 5000)``.

Rounds 14 to 21 drew from servers and proxies (:mod:`pick`), clients, streams and chat
(r20-pick.py) and protocol drivers (r21-pick.py). Round 22 draws from words none of them
used, where blocking sockets, TLS and websockets clients still meet: devices and the
things that talk to them (iot, device, sensor, camera, printer, serial, plc, scada,
telemetry, robot, home automation), network tools (net, network, p2p, peer, mesh, vpn,
router, ping, probe, scan, packet, pcap) and the programs that call services (bot, agent,
monitor, exporter, collector, webhook, sdk). A name that also matches an earlier round's
words is left out, so no name of rounds 14 to 21's pools is in this one.

``python corpus/blind/r22-pick.py SIMPLE_HTML PACKAGES_TXT``: ``SIMPLE_HTML`` is the PyPI
simple index fetched on 2026-12-06 at 13:48 UTC, ``PACKAGES_TXT`` corpus/packages.txt as
of 2e939f2 (round 21 included).
"""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from pick import WORD, draw, sibling

WORDS = re.compile(
    r"iot|device|sensor|camera|printer|serial|plc|scada|telemetry|beacon|gps|robot|drone"
    r"|homeassistant|home-assistant|hass|smart|(^|-)net(-|$)|network|p2p|peer|mesh|vpn"
    r"|wireguard|router|ping|probe|scan|sniff|packet|pcap|bot($|-)|agent|monitor|exporter"
    r"|collector|webhook|sdk"
)
EARLIER = (WORD, sibling("r20-pick.py").WORDS, sibling("r21-pick.py").WORDS)
NEW = re.compile(rf"^(?!.*(?:{'|'.join(w.pattern for w in EARLIER)})).*(?:{WORDS.pattern})")

if __name__ == "__main__":
    draw(20261222, 5000, *sys.argv[1:], word=NEW)
