"""How rounds 15 and 16 drew their samples (``r15-pick.py`` and ``r16-pick.py`` give the
seed and the size): ``random.Random(seed).sample(pool, size)``, where the pool is the
sorted PEP 503 names of the PyPI simple index (``SIMPLE_HTML``, the page fetched on
2026-12-05 at 09:36 UTC) that contain server|proxy|tunnel|socket|tls|ssl|relay|httpd|
gateway|daemon|bridge|mitm (round 20 gives its own words), minus the names in ``PACKAGES_TXT`` (corpus/packages.txt
before the round was added) and in the ``EARLIER`` samples.
"""

import importlib.util
import random
import re
from pathlib import Path
from types import ModuleType

WORD = re.compile(r"server|proxy|tunnel|socket|tls|ssl|relay|httpd|gateway|daemon|bridge|mitm", re.I)


def norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def draw(seed: int, size: int, simple: str, packages: str, *earlier: str, word: re.Pattern[str] = WORD) -> None:
    names = {norm(m) for m in re.findall(r"<a[^>]*>([^<]+)</a>", Path(simple).read_text(encoding="utf-8"))}
    listed = Path(packages).read_text(encoding="utf-8").splitlines()
    corpus = {norm(line.split("==")[0]) for line in listed if "==" in line and not line.startswith("#")}
    seen = {norm(name) for path in earlier for name in Path(path).read_text(encoding="utf-8").split()}
    pool = sorted(n for n in names if word.search(n) and n not in corpus and n not in seen)
    # (round 19 met a pool smaller than its size and took all of it, in drawn order)
    for name in random.Random(seed).sample(pool, min(size, len(pool))):
        print(name)


def sibling(filename: str) -> ModuleType:
    """The script ``filename`` of this folder as a module (their names have dashes): a
    round that draws as an earlier one did runs that round's code."""
    spec = importlib.util.spec_from_file_location(filename.replace("-", "_")[:-3], Path(__file__).with_name(filename))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
