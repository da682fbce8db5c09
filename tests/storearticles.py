"""Hand-made and generated ``Article`` records for store and batch tests."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from newsgraph.records import (
    Argument,
    Article,
    Attribution,
    Cue,
    Entity,
    Event,
    EventTime,
    Mention,
    Source,
    Span,
    TimeExpr,
    Via,
)

TEXT = (
    "Syrian President Bashar al-Assad has fled to Moscow, Russian news agencies said on Sunday. "
    "Assad and his family arrived in the Russian capital, a Kremlin source told Interfax. "
    "The ministry said the naval facility in Tartous remained under guard."
)


def span(text: str, needle: str, nth: int = 0) -> Span:
    """The span of the ``nth`` occurrence of ``needle`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Span.of(text, start, start + len(needle))


def sample_article(text: str = TEXT, **overrides: object) -> Article:
    """A fully populated article: entities with aliases and mentions, times, attributions."""
    assad = Entity(
        id="e1",
        name="Bashar al-Assad",
        type="PERSON",
        aliases=("Assad", "Bashar al-Assad"),
        mentions=(
            Mention(span(text, "Bashar al-Assad"), "name"),
            Mention(span(text, "Assad", 1), "name"),
            Mention(span(text, "his"), "pronoun"),
        ),
    )
    moscow = Entity(id="e2", name="Moscow", type="GPE", aliases=(), mentions=(Mention(span(text, "Moscow"), "name"),))
    interfax = Entity(
        id="e3", name="Interfax", type="ORG", aliases=(), mentions=(Mention(span(text, "Interfax"), "name"),)
    )
    kremlin = Entity(
        id="e4", name="Kremlin", type="ORG", aliases=(), mentions=(Mention(span(text, "Kremlin"), "name"),)
    )
    sunday = TimeExpr(id="t1", span=span(text, "Sunday"), type="DATE", value="2024-12-08")
    attributions = (
        Attribution(
            id="a1",
            source=Source(span(text, "Russian news agencies"), "organization"),
            cue=Cue(span(text, "said"), "say"),
            content=span(text, "Syrian President Bashar al-Assad has fled to Moscow"),
            form="indirect",
            status="unverified",
            when="2024-12-08",
        ),
        Attribution(
            id="a2",
            source=Source(span(text, "a Kremlin source"), "anonymous", affiliation="e4"),
            cue=Cue(span(text, "told"), "tell"),
            content=span(text, "Assad and his family arrived in the Russian capital"),
            form="indirect",
            status="unverified",
            via=Via(span(text, "Interfax"), entity="e3"),
        ),
    )
    events = (
        Event(
            id="v1",
            trigger=span(text, "fled"),
            lemma="flee",
            type="flee",
            cameo="02",
            polarity="pos",
            certainty="probable",
            factuality=2.25,
            actor=Argument(span(text, "Syrian President Bashar al-Assad"), entity="e1"),
            place=Argument(span(text, "Moscow"), entity="e2"),
            time=EventTime(value="2024-12-08", anchor="attribution", timex="t1"),
            attribution="a1",
        ),
        Event(
            id="v2",
            trigger=span(text, "arrived"),
            lemma="arrive",
            type="travel",
            cameo=None,
            polarity="neg",
            certainty="underspecified",
            factuality=-0.5,
            target=Argument(span(text, "the Russian capital")),
            time=EventTime(value="2024-12-08", anchor="publication", mod="ON_OR_BEFORE"),
        ),
    )
    values: dict[str, object] = {
        "id": "0123456789abcdef",
        "text": text,
        "title": "Assad in Moscow",
        "url": "https://example.org/assad",
        "outlet": "Example News",
        "author": "A. Writer",
        "published": dt.date(2024, 12, 8),
        "published_from": "given",
        "entities": (assad, moscow, interfax, kremlin),
        "times": (sunday,),
        "attributions": attributions,
        "events": events,
    }
    values.update(overrides)
    return Article(**values)  # type: ignore[arg-type]


# PostgreSQL text cannot hold NUL; readers never produce it (see the store tests).
_chars = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
_text = st.text(_chars, min_size=1, max_size=200)
_ident = st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=8)
_maybe = st.none() | st.text(_chars, max_size=30)


@st.composite
def spans(draw: st.DrawFn, text: str) -> Span:
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, len(text)))
    return Span.of(text, start, end)


@st.composite
def articles(draw: st.DrawFn) -> Article:
    """Arbitrary articles whose spans index into their text."""
    text = draw(_text)
    entity_ids = draw(st.lists(_ident, max_size=4, unique=True))
    entities = tuple(
        Entity(
            id=eid,
            name=draw(st.text(_chars, max_size=20)),
            type=draw(st.sampled_from(["PERSON", "ORG", "GPE", "FAC"])),
            aliases=tuple(draw(st.lists(st.text(_chars, max_size=10), max_size=3))),
            mentions=tuple(
                Mention(draw(spans(text)), draw(st.sampled_from(["name", "nominal", "pronoun"])))
                for _ in range(draw(st.integers(0, 3)))
            ),
        )
        for eid in entity_ids
    )
    times = tuple(
        TimeExpr(
            id=tid,
            span=draw(spans(text)),
            type=draw(st.sampled_from(["DATE", "TIME", "DURATION", "SET"])),
            value=draw(st.text(_chars, max_size=12)),
            mod=draw(st.none() | st.sampled_from(["APPROX", "START", "LESS_THAN"])),
        )
        for tid in draw(st.lists(_ident, max_size=3, unique=True))
    )
    attributions = tuple(
        Attribution(
            id=aid,
            source=Source(
                span=draw(st.none() | spans(text)),
                kind=draw(st.sampled_from(["person", "organization", "anonymous", "unspecified"])),
                entity=draw(_maybe),
                affiliation=draw(_maybe),
            ),
            cue=Cue(draw(spans(text)), draw(st.text(_chars, max_size=10))),
            content=draw(spans(text)),
            form=draw(st.sampled_from(["direct", "indirect", "mixed", "according_to"])),
            status=draw(st.sampled_from(["confirmed", "asserted", "hedged", "unverified", "denied"])),
            via=draw(st.none() | st.builds(Via, spans(text), _maybe)),
            when=draw(_maybe),
        )
        for aid in draw(st.lists(_ident, max_size=3, unique=True))
    )
    events = tuple(
        Event(
            id=vid,
            trigger=draw(spans(text)),
            lemma=draw(st.text(_chars, max_size=10)),
            type=draw(st.sampled_from(["attack", "meet", "say", "other"])),
            cameo=draw(st.none() | st.sampled_from(["01", "19", "20"])),
            polarity=draw(st.sampled_from(["pos", "neg"])),
            certainty=draw(st.sampled_from(["certain", "probable", "possible", "underspecified"])),
            factuality=draw(st.floats(-3, 3, allow_nan=False)),
            actor=draw(st.none() | st.builds(Argument, spans(text), _maybe)),
            target=draw(st.none() | st.builds(Argument, spans(text), _maybe)),
            place=draw(st.none() | st.builds(Argument, spans(text), _maybe)),
            time=draw(
                st.none()
                | st.builds(
                    EventTime,
                    st.text(_chars, max_size=12),
                    st.sampled_from(["explicit", "attribution", "publication"]),
                    st.none() | st.sampled_from(["ON_OR_BEFORE", "APPROX"]),
                    st.none() | _ident,
                )
            ),
            attribution=draw(st.none() | _ident),
        )
        for vid in draw(st.lists(_ident, max_size=3, unique=True))
    )
    return Article(
        id=draw(st.text("0123456789abcdef", min_size=16, max_size=16)),
        text=text,
        title=draw(_maybe),
        url=draw(_maybe),
        outlet=draw(_maybe),
        author=draw(_maybe),
        published=draw(st.none() | st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31))),
        published_from=draw(st.sampled_from(["given", "metadata", "text", "unknown"])),
        entities=entities,
        times=times,
        attributions=attributions,
        events=events,
    )


def plain_article(text: str, article_id: str, title: str | None = None) -> Article:
    """An article with metadata only, nothing extracted."""
    return Article(id=article_id, text=text, title=title, published=dt.date(2024, 12, 9), published_from="given")
