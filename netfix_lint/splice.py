"""Fixed text for a file libcst does not print back byte for byte.

libcst 1.9 drops a few bytes of some valid files: the space in ``except X :``, a form
feed at the start of a line, the last newline of a file whose lines end in a lone CR.
A fix edits only its own nodes, so the file need not be given up: the edits libcst
made to its own rendering are carried over to the original text, and every byte
outside them is the original's. An edit that would touch a byte libcst did not
reproduce is refused (:meth:`Splice.apply` returns None), never guessed.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import List, Optional, Tuple

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
_LINE_END = re.compile(r"\r\n|\r|\n")


def _lines(text: str) -> List[str]:
    """The lines of ``text`` with their ends; only CR, LF and CRLF end one (Python's
    own rule: ``str.splitlines`` also splits at form feeds)."""
    return _LINE.findall(text)


@dataclass(frozen=True)
class _Block:
    """``length`` characters equal in the original (from ``source``) and in libcst's
    rendering (from ``rendered``)."""

    source: int
    rendered: int
    length: int


def _char_opcodes(before: str, after: str) -> List[Tuple[str, int, int, int, int]]:
    """Opcodes turning ``before`` into ``after``: by lines, then by characters within
    each changed run of lines, with offsets into the whole texts."""
    old, new = _lines(before), _lines(after)
    old_starts, new_starts = _starts(old), _starts(new)
    opcodes: List[Tuple[str, int, int, int, int]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        a, b = old_starts[i1], new_starts[j1]
        if tag == "equal":
            opcodes.append((tag, a, old_starts[i2], b, new_starts[j2]))
            continue
        chunk_old, chunk_new = "".join(old[i1:i2]), "".join(new[j1:j2])
        matcher = difflib.SequenceMatcher(None, chunk_old, chunk_new, autojunk=False)
        for inner, k1, k2, m1, m2 in matcher.get_opcodes():
            opcodes.append((inner, a + k1, a + k2, b + m1, b + m2))
    return opcodes


def _starts(lines: List[str]) -> List[int]:
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    return starts


class Splice:
    """Carries libcst's edits of ``rendered`` (libcst's printing of ``source``) over to
    ``source``."""

    def __init__(self, source: str, rendered: str) -> None:
        self.source = source
        self.rendered = rendered
        self.exact = source == rendered
        self._blocks: Optional[List[_Block]] = None

    def first_difference_line(self) -> int:
        """The first line of the original that libcst does not reproduce (0: none)."""
        for tag, i1, _, _, _ in _char_opcodes(self.source, self.rendered):
            if tag != "equal":
                return len(_LINE_END.findall(self.source, 0, i1)) + 1
        return 0

    def apply(self, fixed: str) -> Optional[str]:
        """``source`` with the edits that turn ``rendered`` into ``fixed``; None when one
        of them touches what libcst did not reproduce."""
        if self.exact:
            return fixed
        pieces: List[str] = []
        done = 0
        for tag, i1, i2, j1, j2 in _char_opcodes(self.rendered, fixed):
            if tag == "equal":
                continue
            span = self._to_source(i1, i2)
            if span is None:
                return None
            pieces += [self.source[done : span[0]], fixed[j1:j2]]
            done = span[1]
        pieces.append(self.source[done:])
        return "".join(pieces)

    def _to_source(self, start: int, end: int) -> Optional[Tuple[int, int]]:
        """Where ``rendered[start:end]`` is in the original, if it is there unchanged. An
        insertion (``start == end``) between two blocks goes after the first: beside
        what precedes it, as libcst placed it."""
        for block in self.blocks():
            if block.rendered <= start and end <= block.rendered + block.length:
                shift = block.source - block.rendered
                return start + shift, end + shift
        return None

    def blocks(self) -> List[_Block]:
        """The runs the two texts share, each as long as it goes (the line diff and the
        character diff within lines each cut runs that go on)."""
        if self._blocks is None:
            blocks: List[_Block] = []
            for tag, i1, i2, j1, _ in _char_opcodes(self.source, self.rendered):
                if tag != "equal" or i2 == i1:
                    continue
                last = blocks[-1] if blocks else None
                if last and last.source + last.length == i1 and last.rendered + last.length == j1:
                    blocks[-1] = _Block(last.source, last.rendered, last.length + i2 - i1)
                else:
                    blocks.append(_Block(i1, j1, i2 - i1))
            self._blocks = blocks
        return self._blocks
