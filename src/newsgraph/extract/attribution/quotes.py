"""Quotations: the character ranges of the text inside quotation marks, marks included."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

# Curly quotes pair by shape; straight quotes pair left to right within a paragraph. A quote may
# run over several sentences but not past a blank line (a new paragraph reopens with its own mark).
_CURLY = re.compile(r"“[^“”]*?(?:”|(?=\n\s*\n)|$)")
_STRAIGHT = re.compile(r'"[^"\n]*(?:\n(?!\s*\n)[^"\n]*)*"')
# Typewriter doubled apostrophes, as in some newspapers' archives: ''It was,'' he said.
_DOUBLED = re.compile(r"''(?:(?!'')[^\n])*''")
_WORD = re.compile(r"\w+")
# Fewer words than this is a title, a scare quote or a name, not speech (guidelines: shudder quotes).
MIN_QUOTE_WORDS = 4


@dataclass(frozen=True, slots=True)
class Quotes:
    """The quotations of one text, sorted, with a fast lookup by position."""

    spans: tuple[tuple[int, int], ...]

    @classmethod
    def find(cls, text: str) -> Quotes:
        """Quotations of ``text`` long enough to be speech."""
        found = [m.span() for pattern in (_CURLY, _STRAIGHT, _DOUBLED) for m in pattern.finditer(text)]
        spans = sorted(
            (start, _trim_end(text, start, end))
            for start, end in found
            if len(_WORD.findall(text, start, end)) >= MIN_QUOTE_WORDS
        )
        return cls(tuple(spans))

    def containing(self, start: int, end: int) -> tuple[int, int] | None:
        """The quotation that holds ``[start, end)`` entirely, if any."""
        i = bisect_right(self.spans, (start, len_max())) - 1
        if i >= 0 and self.spans[i][0] <= start and end <= self.spans[i][1]:
            return self.spans[i]
        return None

    def ending_before(self, position: int, text: str, gap: str) -> tuple[int, int] | None:
        """The quotation that ends right before ``position``, with only ``gap`` characters between."""
        i = bisect_right(self.spans, (position, len_max())) - 1
        while i >= 0:
            start, end = self.spans[i]
            if end <= position:
                return (start, end) if _only(text, end, position, gap) else None
            i -= 1
        return None

    def starting_after(self, position: int, text: str, gap: str) -> tuple[int, int] | None:
        """The quotation that starts right after ``position``, with only ``gap`` characters between."""
        i = bisect_right(self.spans, (position, -1))
        if i < len(self.spans):
            start, end = self.spans[i]
            if _only(text, position, start, gap):
                return start, end
        return None


def len_max() -> int:
    return 1 << 62


def _only(text: str, start: int, end: int, allowed: str) -> bool:
    return all(c in allowed or c.isspace() for c in text[start:end])


def _trim_end(text: str, start: int, end: int) -> int:
    """An unclosed quote (paragraph ended first) ends at its last non-space character."""
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
