"""Round 15's sample: random.Random(20261207).sample(pool, 1500), where pool is the sorted
PEP 503 names of the PyPI simple index (/tmp/simple.html, fetched 09:36 UTC) containing
server|proxy|tunnel|socket|tls|ssl|relay|httpd|gateway|daemon|bridge|mitm, minus the corpus
and minus round 14's two batches (sample14.txt, sample14b.txt)."""
import random
import re
import sys

def norm(name):
    return re.sub(r"[-_.]+", "-", name).lower()

html = open("/tmp/simple.html", encoding="utf-8").read()
names = {norm(m) for m in re.findall(r"<a[^>]*>([^<]+)</a>", html)}
word = re.compile(r"server|proxy|tunnel|socket|tls|ssl|relay|httpd|gateway|daemon|bridge|mitm", re.I)
corpus = {norm(line.split("==")[0]) for line in open("/work/main/corpus/packages.txt") if "==" in line and not line.startswith("#")}
earlier = {norm(l.strip()) for f in ("/work/r12/sample14.txt", "/work/r12/sample14b.txt") for l in open(f) if l.strip()}
pool = sorted(n for n in names if word.search(n) and n not in corpus and n not in earlier)
print(len(names), len(pool), file=sys.stderr)
for n in random.Random(20261207).sample(pool, 1500):
    print(n)
