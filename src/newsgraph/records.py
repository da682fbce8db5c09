"""Domain records: frozen, typed dataclasses that every stage passes around.

Every span indexes into ``Article.text``: ``article.text[span.start:span.end] == span.text``.
``to_dict`` gives the JSON contract described by ``schema/article.schema.json``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

MentionKind = Literal["name", "nominal", "pronoun"]
PublishedFrom = Literal["given", "metadata", "text", "unknown"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
SourceKind = Literal["person", "organization", "anonymous", "unspecified"]
AttributionForm = Literal["direct", "indirect", "mixed", "according_to"]
ClaimStatus = Literal["confirmed", "asserted", "hedged", "unverified", "declined", "denied"]
"""How firmly a source holds a claim; ``declined``: the source would not say (neither support nor denial)."""
Polarity = Literal["pos", "neg"]
Certainty = Literal["certain", "probable", "possible", "underspecified"]
TimeAnchor = Literal["explicit", "attribution", "publication"]


def clean_name(name: str) -> str:
    """A name as records keep it: trimmed, each run of whitespace one space."""
    return " ".join(name.split())


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` of the article text, with that text."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        """The span ``text[start:end]``."""
        return cls(start, end, text[start:end])


@dataclass(frozen=True, slots=True)
class Mention:
    """One place where an entity is referred to: by name, by a noun phrase, or by a pronoun."""

    span: Span
    kind: MentionKind


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity of the article with all of its mentions.

    ``type`` is the spaCy/OntoNotes label (PERSON, ORG, GPE, LOC, FAC, NORP, ...). ``aliases`` are the names
    the article uses for it, ``name`` among them.
    """

    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    mentions: tuple[Mention, ...]

    def __post_init__(self) -> None:
        # Pages link to an entity by its name: "uri  " and "uri" must be one name, however the record was made.
        # The name is always one of the aliases, so that a lookup by any name reads the aliases alone.
        name = clean_name(self.name)
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "aliases", tuple(dict.fromkeys((*(clean_name(a) for a in self.aliases), name))))


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """A TIMEX3 time expression normalised against the article's anchor date.

    ``value`` follows TimeML (``2024-12-08``, ``2024-11``, ``P60Y``, ``PRESENT_REF``,
    ``XXXX-12-08`` when no anchor is known); ``mod`` is a TIMEX3 mod (APPROX, START,
    LESS_THAN, ...) or None.
    """

    id: str
    span: Span
    type: TimexType
    value: str
    mod: str | None = None


@dataclass(frozen=True, slots=True)
class Source:
    """Who a statement is attributed to."""

    span: Span | None
    kind: SourceKind
    entity: str | None = None
    affiliation: str | None = None


@dataclass(frozen=True, slots=True)
class Cue:
    """The words that mark a statement as attributed ("told", "according to")."""

    span: Span
    lemma: str


@dataclass(frozen=True, slots=True)
class Via:
    """The intermediary a statement was made to or through ("told the Interfax news agency")."""

    span: Span
    entity: str | None = None


@dataclass(frozen=True, slots=True)
class Attribution:
    """A statement, belief or claim and the source it is attributed to."""

    id: str
    source: Source
    cue: Cue
    content: Span
    form: AttributionForm
    status: ClaimStatus
    via: Via | None = None
    when: str | None = None


@dataclass(frozen=True, slots=True)
class Argument:
    """A participant or place of an event: the words, and the entity they resolve to if any."""

    span: Span
    entity: str | None = None


@dataclass(frozen=True, slots=True)
class EventTime:
    """When an event happened and how that was established.

    ``anchor`` is ``explicit`` (a time expression in the event's clause, ``timex`` is its id),
    ``attribution`` (the time the claim holding it was made) or ``publication`` (nothing said:
    on or before the publication date, ``mod`` ON_OR_BEFORE).
    """

    value: str
    anchor: TimeAnchor
    mod: str | None = None
    timex: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened (or is said to have happened, or did not).

    ``type`` is a compact class name mapped to a CAMEO root code (``cameo``, "01".."20");
    ``factuality`` is on the UW scale from -3 (certainly did not happen) to +3 (certainly did);
    ``attribution`` is the id of the attribution whose content holds the event.
    """

    id: str
    trigger: Span
    lemma: str
    type: str
    cameo: str | None
    polarity: Polarity
    certainty: Certainty
    factuality: float
    actor: Argument | None = None
    target: Argument | None = None
    place: Argument | None = None
    time: EventTime | None = None
    attribution: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """One analysed article: its metadata, its text and everything extracted from it.

    ``language``: the ISO 639-1 code of the language it is written in ("en", "fr"), as given or detected;
    an article in a language no pipeline reads has no records.
    """

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: dt.date | None = None
    published_from: PublishedFrom = "unknown"
    language: str | None = None
    entities: tuple[Entity, ...] = ()
    times: tuple[TimeExpr, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    events: tuple[Event, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The article as plain JSON-ready data, following the published schema."""
        return _plain(self)  # type: ignore[no-any-return]


_FIELD_NAMES: dict[type, tuple[str, ...] | None] = {}


def _field_names(cls: type) -> tuple[str, ...] | None:
    if cls not in _FIELD_NAMES:
        _FIELD_NAMES[cls] = tuple(f.name for f in dataclasses.fields(cls)) if dataclasses.is_dataclass(cls) else None
    return _FIELD_NAMES[cls]


def _plain(value: Any) -> Any:
    # An article's records hold tens of thousands of values: the field names are looked up once per class.
    names = _field_names(type(value))
    if names is not None:
        return {name: _plain(getattr(value, name)) for name in names}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@dataclass(frozen=True, slots=True)
class Document:
    """An input article before analysis, as a reader produced it.

    ``origin`` names where it came from (a path, ``-``, a URL) for messages.
    ``published_from`` is ``given`` or ``metadata`` when ``published`` is set.
    ``warnings`` are notes on how the input was read that a user should see (e.g. it was
    not valid UTF-8 and was decoded with a fallback encoding); they never stop the analysis.
    ``language`` is set when the input says which it is (ISO 639-1); otherwise it is detected.
    """

    text: str
    origin: str = "-"
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: dt.date | None = None
    published_from: PublishedFrom = "unknown"
    warnings: tuple[str, ...] = ()
    language: str | None = None
