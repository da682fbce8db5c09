"""HTML fragments (feed entry content and summaries) as plain text with paragraph breaks."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

# Elements that start a new paragraph or line; inline markup (a, b, em, span) only joins words.
_BLOCKS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "td",
        "th",
        "tr",
        "ul",
    }
)
# Their content is not article text.
_SKIPPED = frozenset({"script", "style", "noscript", "template", "iframe", "object", "svg"})
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BREAKS = re.compile(r"\s*\n\s*\n\s*")


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)

    def parse_marked_section(self, i: int, report: bool = True) -> int:
        # CPython's parser raises AssertionError on a marked section with an unknown keyword ("<![CD" in a
        # feed, found by fuzzing); HTML5 reads it as a bogus comment up to the next ">", and so do we.
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            end = self.rawdata.find(">", i)
            return -1 if end < 0 else end + 1


def html_to_text(fragment: str) -> str:
    """The text of an HTML fragment: tags dropped, entities decoded, blocks as paragraphs.

    Plain text (no tags) comes back with its whitespace tidied, so a feed's plain summaries
    and HTML content read the same way.
    """
    if "<" not in fragment:
        text = html.unescape(fragment)
    else:
        collector = _TextCollector()
        collector.feed(fragment)
        collector.close()
        text = "".join(collector.parts)
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BREAKS.sub("\n\n", "\n".join(lines)).strip()
