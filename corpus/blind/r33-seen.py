"""Round 33's files seen before: round 28's rule (``r28-seen.py`` says why), with the
corpus as of 7f4c7fa (round 32 included): ``r33-seen.py PICKED_TXT SRC CORPUS_SRC``."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from pick import sibling

if __name__ == "__main__":
    sibling("r28-seen.py").main(*sys.argv[1:])
