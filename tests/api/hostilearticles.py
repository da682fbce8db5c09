"""Hostile input for the security tests of the API and the pages: articles whose every shown field
carries markup, script, ``javascript:`` URLs or attribute-breaking quotes, and an HTML audit that
says whether any of it came out as markup instead of text.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

from fastapi.testclient import TestClient
from sitearticles import TOKEN
from spacy.language import Language
from storedb import fresh_database_url

from newsgraph.nlp import analyze
from newsgraph.records import Article, Entity
from newsgraph.store import Store
from newsgraph.web import create_site

# Each payload would run script (or navigate) if a page put it out unescaped.
PAYLOADS = (
    "<script>alert('xss-script')</script>",
    "\"><img src=x onerror=alert('xss-img')>",
    "'><svg onload=alert('xss-svg')>",
    "<a href=\"javascript:alert('xss-link')\">x</a>",
    "</textarea></title><script>alert('xss-close')</script>",
    "<svg><script>alert('xss-in-svg')</script></svg>",
    "<iframe srcdoc=\"<script>alert('xss-frame')</script>\"></iframe>",
)
"""Markup that breaks out of text, attributes, ``<title>``, ``<textarea>`` and SVG."""

EVIL_URLS = (
    "javascript:alert('xss-url')",
    " JaVa\tScRiPt:alert('xss-url-mixed')",
    "data:text/html,<script>alert('xss-data')</script>",
    "vbscript:msgbox('xss-vb')",
)
"""Article URLs a link must never carry (browsers drop tabs and leading spaces before the scheme)."""

TEXT_A = (
    "\"<script>alert('xss-quote')</script> is harmless,\" Ahmed Khalil told Reuters on Monday in Damascus. "
    "The Syrian Foreign Ministry said that <img src=x onerror=alert('xss-body')> had been removed from its site. "
    "According to Interfax, Russian officials said the <svg onload=alert('xss-svgbody')> page was fake. "
    "\"Nothing happened</title><script>alert('xss-titlebreak')</script>,\" said John Smith, a spokesman for Acme Corp."
)
TEXT_B = (
    "\"<script>alert('xss-quote')</script> is harmless,\" Ahmed Khalil told reporters on Monday in Damascus. "
    "The Syrian Foreign Ministry said that <img src=x onerror=alert('xss-body')> had been taken off its site. "
    "Officials in Moscow said the \"><svg onload=alert('xss-attr')> report was false."
)
TEXT_C = (
    "Prime Minister Jane Doe said on Tuesday that </textarea><script>alert('xss-textarea')</script> "
    "would not be tolerated in Berlin, the government spokesman told AFP."
)


def _rename(entity: Entity, index: int) -> Entity:
    # Names are labels only (mentions keep their spans), so any markup can stand in them; so can a
    # right-to-left override and the whitespace a careless scrape leaves at a name's edges.
    payload = PAYLOADS[index % len(PAYLOADS)]
    return dataclasses.replace(entity, name=f" {entity.name} {payload}\u202e  \t")


def hostile_articles(nlp: Language) -> list[Article]:
    """Three analysed articles: markup in text, quotes, title, outlet, author, URL and entity names."""
    specs = [
        (TEXT_A, PAYLOADS[0] + " Title", EVIL_URLS[0], PAYLOADS[1] + " Times", dt.date(2025, 1, 6)),
        (TEXT_B, PAYLOADS[2] + " Title", EVIL_URLS[1], PAYLOADS[3] + " Post", dt.date(2025, 1, 7)),
        (TEXT_C, PAYLOADS[4] + " Title", EVIL_URLS[2], "javascript:alert('xss-outlet')", dt.date(2025, 1, 8)),
    ]
    found = []
    for text, title, url, outlet, published in specs:
        article = analyze(text, nlp=nlp, published=published, title=title, outlet=outlet, url=url)
        entities = tuple(_rename(e, i) for i, e in enumerate(article.entities))
        found.append(dataclasses.replace(article, entities=entities, author=PAYLOADS[5]))
    return found


_FORBIDDEN_TAGS = frozenset(
    {"iframe", "object", "embed", "img", "base", "math", "foreignobject", "image", "animate", "set", "frame", "audio"}
)
_URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcdoc"})
_SAFE_URL = re.compile(r"(/(?!/)|#|\?|https?://)", re.IGNORECASE)
_STRIPPED = re.compile(r"[\x00-\x20]")


class _Audit(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}> element")
        if tag == "script" and dict(attrs).get("src") != "/static/app.js":
            self.problems.append(f"<script {attrs}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"event handler {name}={value!r} on <{tag}>")
            if name in _URL_ATTRIBUTES and value is not None:
                # What a browser would resolve: it ignores ASCII whitespace and controls in the scheme.
                cleaned = _STRIPPED.sub("", value)
                if not _SAFE_URL.match(cleaned):
                    self.problems.append(f"<{tag} {name}={value!r}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def audit_html(html: str) -> tuple[list[str], str]:
    """The markup problems of ``html`` (empty when safe) and its text as a reader sees it."""
    audit = _Audit()
    audit.feed(html)
    audit.close()
    return audit.problems, "".join(audit.text)


def hostile_site(
    backend: str, directory: Path, articles: list[Article], nlp: Language, *, max_body_bytes: int
) -> Iterator[TestClient]:
    """The site (API and pages) over a fresh store on ``backend`` holding ``articles``."""
    urls = fresh_database_url(backend, directory)
    try:
        with Store.open(next(urls)) as opened:
            for article in articles:
                assert opened.add_article(dataclasses.replace(article))
            app = create_site(opened, nlp_factory=lambda: nlp, token=TOKEN, max_body_bytes=max_body_bytes)
            with TestClient(app) as client:
                yield client
    finally:
        next(urls, None)
