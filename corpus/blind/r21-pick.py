"""Round 21's sample: ``random.Random(20261221).sample(pool, 5000)``.

Rounds 8 to 20 met blocking-TLS code too rarely for NFX101 to be measured (round 20: 17
releases with a drop handler and stdlib ssl in 3,679 client/stream/mail wheels, and no
NFX101 finding). Round 21 draws from the names of protocol drivers and clients, where a
blocking ``SSLSocket`` and a "connection went away" clause meet: directories (ldap),
logging (syslog), health (hl7, mllp, dicom), mail and news (pop3, imap, smtp, nntp),
queues (amqp, stomp, kafka, nats, zmq, rabbit, pulsar, mqtt), stores (redis, memcache,
mongo, mysql, postgres, clickhouse, cassandra, neo4j, influx, etcd, consul, zookeeper),
industrial (modbus, opcua, bacnet, snmp, nmea), plain transports (tcp, udp, socks, dns,
ntp, smb, webdav, sftp, xmlrpc, soap, coap), brokers and trading (ib, tws, broker),
chat (irc, xmpp) and drivers. A name that also matches the old words of :mod:`pick`
is left out (each was in the pools of rounds 14 to 19, every one drawn).

``python corpus/blind/r21-pick.py SIMPLE_HTML PACKAGES_TXT``: ``SIMPLE_HTML`` is the PyPI
simple index fetched on 2026-12-06 at 10:33 UTC, ``PACKAGES_TXT`` corpus/packages.txt as
of 6beeb88 (round 20 included). Names drawn in round 20 but not in its strata may be drawn
again: their wheels did not meet the strata's rule then (the round-20 sample lists were
not kept), and the stratum's rule here is the same.
"""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from pick import WORD, draw

WORDS = re.compile(
    r"ldap|syslog|hl7|mllp|pop3|nntp|rtsp|amqp|stomp|redis|memcache|mongo|kafka|nats|zmq|snmp"
    r"|modbus|opcua|dicom|radius|vnc|tcp|udp|socks|dns|ntp|smb|webdav|caldav|sftp|whois|xmlrpc"
    r"|soap|coap|bacnet|mysql|postgres|mssql|clickhouse|cassandra|neo4j|influx|etcd|consul"
    r"|zookeeper|rabbit|pulsar|gearman|beanstalk|ibkr|sip($|-)|(^|-)ib-|tws|broker|driver|nmea"
    r"|xmpp|irc|imap|smtp|ftp|telnet|mqtt"
)
NEW = re.compile(rf"^(?!.*(?:{WORD.pattern})).*(?:{WORDS.pattern})")

if __name__ == "__main__":
    draw(20261221, 5000, *sys.argv[1:], word=NEW)
