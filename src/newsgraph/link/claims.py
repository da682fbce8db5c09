"""Claims across articles: versions of one statement, linked, every version kept.

A *version* is one article's statement of something: an attributed content (with its
source, intermediary, status and wording) or an event the outlet reports in its own voice.
Versions that state the same thing — the same event lemma, the same participants, the same
content words — become one *claim*. Matching is lexical and structural and needs no model:

* event lemmas of the statement (the strongest signal: "arrived" and "arrival" meet through
  the events extractor's lemmas);
* the entity identities mentioned in the statement (across articles, via ``identities``);
* the content words of the wording (stemmed, stop words out; negation words out, so a
  denial lands in the claim it denies and is flagged there);
* a figure of one measure in both wordings ("11,300 dead", "a toll of 11,300": ``newsgraph.link.figures``);
* a denial that only refers back ("rejected them", "dismissed the report") joins the claim it follows;
* optionally, the cosine of sentence embeddings (``newsgraph.link.semantic``, all-MiniLM-L6-v2),
  when both versions carry a vector.

A shared event lemma is not enough on its own when it is generic ("attack", "meet", "kill": a
story holds many of them) — such a link also needs a shared participant or enough shared words —
and nothing links two versions whose participants conflict: different actors or targets
(identities), or explicit dates far apart.

Candidates are the claims of the article's story only: that is what keeps linking cheap,
and two statements in different stories are not the same claim.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from newsgraph.link.bilingual import english_lemma, terms_for
from newsgraph.link.figures import anchor_keys, shared_figure
from newsgraph.link.terms import NEGATION_WORDS, numbers, stem
from newsgraph.records import Argument, Article, ClaimStatus, Event, Polarity, SourceKind, Span

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Vector = npt.NDArray[np.float32]

VersionKind = Literal["attribution", "event"]
# Speech acts ("Axios reported, citing a source familiar with the matter") carry a claim but are not one.
_WEAK_LEMMAS = frozenset(
    {"say", "tell", "report", "be", "have", "do", "state", "add", "cite", "quote", "write", "mention", "note"}
)
# A version holding a denial event ("the Kremlin denied that ...") says the thing did not happen.
_DENIAL_LEMMAS = frozenset({"deny", "reject", "dismiss", "refute", "rebut"})
# Event lemmas a story holds many different instances of: sharing one says little on its own.
# Light and mental verbs ("think", "go", "make") are in the list too: an interview holds dozens of them.
_GENERIC_TEXT = """attack kill die death strike fight clash hit shoot shooting bomb bombing blast explosion explode
    fire injure wound meet meeting talk visit call make take give get go come hold win lose play begin start end
    continue happen occur announce release use help work show find see put set run move leave return open close
    vote elect election protest arrest charge campaign think believe know want feel need try seem become keep let
    look ask like include bring change create"""
GENERIC_LEMMAS = frozenset(_GENERIC_TEXT.split())
_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


@dataclass(frozen=True, slots=True)
class ClaimParams:
    """Weights of the signals (a weighted mean over those both sides have), the link threshold and the guards.

    The defaults were fitted on ECB+ train topics (event coreference of gold mentions inside predicted
    stories, grid search for the mean of MUC and B³ F1): the event lemma dominates, the words of the
    sentence break ties, and the entities of the sentence did not help there. ``semantic`` weighs the
    embedding cosine (0: off; only versions carrying vectors use it). A link through a generic lemma
    alone needs a shared identity or a word Jaccard of at least ``generic_terms``; with ``guards``,
    different targets or explicit event dates more than ``max_days`` apart never link (different actors
    never do); with ``strict``, a version conflicting with any version of a claim does not join it. With
    ``figures``, a figure of one measure in both wordings (``newsgraph.link.figures``) counts as a shared
    event lemma. A lemma shared by an attribution's content (whose lemmas are every event it holds) needs a
    word Jaccard of ``lemma_support`` besides (0: off); event versions, one lemma each, do not, which is
    what ECB+ measures.
    """

    lemma: float = 0.7
    terms: float = 0.3
    entities: float = 0.0
    threshold: float = 0.4
    semantic: float = 0.0
    generic_terms: float = 0.05
    max_days: int = 7
    guards: bool = True
    strict: bool = False
    figures: bool = True
    lemma_support: float = 0.15


DEFAULT_CLAIM_PARAMS = ClaimParams()


@dataclass(frozen=True, slots=True)
class ClaimVersion:
    """One article's version of a claim.

    ``source_key`` and ``via_key`` identify the source and intermediary across articles
    (identity ids when resolved, else normalised names); ``affiliation_key`` likewise for an
    anonymous source's affiliation ("a Kremlin source" → the Kremlin's identity).
    """

    article_id: str
    record_id: str
    kind: VersionKind
    wording: str
    span: Span
    status: ClaimStatus
    polarity: Polarity
    source_kind: SourceKind
    outlet: str | None = None
    published: dt.date | None = None
    source: str | None = None
    source_key: str | None = None
    affiliation: str | None = None
    affiliation_key: str | None = None
    via: str | None = None
    via_key: str | None = None
    when: str | None = None
    lemmas: frozenset[str] = frozenset()
    identities: frozenset[str] = frozenset()
    terms: frozenset[str] = frozenset()
    numbers: tuple[str, ...] = ()
    actor: str | None = None
    target: str | None = None
    day: str | None = None
    vector: Vector | None = field(default=None, compare=False, hash=False, repr=False)

    @property
    def negative(self) -> bool:
        """True when this version says the thing did not happen, or denies it."""
        return self.status == "denied" or self.polarity == "neg"


def _as_said(wording: str) -> str:
    """A reported content as a statement: "that the toll rose" → "the toll rose"."""
    return wording[5:] if wording.startswith("that ") else wording


_LABEL_SAMPLE = 40
_LABEL_AGREES = 0.5


@dataclass(frozen=True, slots=True)
class Claim:
    """A claim and every version of it, oldest first (by publication date, then as linked)."""

    id: str
    story_id: str | None
    versions: tuple[ClaimVersion, ...]

    @property
    def label(self) -> str:
        """The wording most of the claim's reports agree with (of its first versions), its first one on a tie.

        The first version is often a report's aside ("As search efforts continue, ..."): the label is what a
        reader should see the claim as.
        """
        sample = [v for v in self.versions[:_LABEL_SAMPLE] if v.kind == "attribution"] or self.versions[:1]
        if len(sample) <= 2:
            return _as_said(sample[0].wording) if sample else ""

        def agreeing(v: ClaimVersion) -> int:
            return len({w.article_id for w in sample if w is not v and version_similarity(v, w) >= _LABEL_AGREES})

        return _as_said(max(sample, key=agreeing).wording)


def _key(name: str | None) -> str | None:
    return " ".join(name.lower().split()) if name else None


def claim_versions(article: Article, identities: Mapping[tuple[str, str], str]) -> list[ClaimVersion]:
    """The versions ``article`` states: one per attribution, one per event it reports in its own voice.

    Args:
        article: the analysed article.
        identities: ``(article_id, entity_id)`` → identity id (see ``IdentityIndex.link_article``).
    """
    names = {e.id: e.name for e in article.entities}

    def identity(entity_id: str | None) -> str | None:
        if entity_id is None:
            return None
        return identities.get((article.id, entity_id)) or _key(names.get(entity_id, entity_id))

    mentions = [(m.span.start, m.span.end, e.id) for e in article.entities for m in e.mentions]
    language = article.language

    def lemma(event: Event) -> str:
        # A French report's events are compared in English ("démissionner" → "resign").
        return english_lemma(event.lemma, language)

    def inside(span: Span) -> frozenset[str]:
        found = (identity(eid) for s, e, eid in mentions if s >= span.start and e <= span.end)
        return frozenset(i for i in found if i)

    events_of: dict[str, list[Event]] = {}
    for event in article.events:
        if event.attribution is not None:
            events_of.setdefault(event.attribution, []).append(event)
    versions = []
    before = ""
    for a in sorted(article.attributions, key=lambda a: a.content.start):
        status = _dismissal_status(a.content.text, a.status, before)
        before = a.content.text
        if not (_is_statement(a.content.text) or refers_back(a.content.text, status)):
            continue
        held = events_of.get(a.id) or [
            e for e in article.events if a.content.start <= e.trigger.start and e.trigger.end <= a.content.end
        ]
        main = _main_event(held)
        versions.append(
            ClaimVersion(
                article_id=article.id,
                record_id=a.id,
                kind="attribution",
                wording=a.content.text,
                span=a.content,
                status=status,
                # The content's first event carries its polarity: a negated aside ("but no approach has
                # been made") does not make the content a denial.
                polarity="neg"
                if (main is not None and main.polarity == "neg") or any(lemma(e) in _DENIAL_LEMMAS for e in held)
                else "pos",
                source_kind=a.source.kind,
                outlet=article.outlet,
                published=article.published,
                source=a.source.span.text if a.source.span else None,
                source_key=identity(a.source.entity) if a.source.kind in ("person", "organization") else None,
                affiliation=names.get(a.source.affiliation or "", a.source.affiliation),
                affiliation_key=identity(a.source.affiliation),
                via=a.via.span.text if a.via else None,
                via_key=(identity(a.via.entity) or _key(a.via.span.text)) if a.via else None,
                when=a.when,
                lemmas=frozenset(lemma(e) for e in held if lemma(e) not in _WEAK_LEMMAS | _DENIAL_LEMMAS),
                identities=inside(a.content),
                terms=_terms(a.content.text, language),
                numbers=numbers(a.content.text),
                actor=identity(main.actor.entity) if main is not None and main.actor is not None else None,
                target=_argument(identity, main.target if main is not None else None),
                day=_explicit_day(main),
            )
        )
    attributed = {a.id for a in article.attributions}
    covered = [a.content for a in article.attributions]
    for e in article.events:
        if e.attribution in attributed or lemma(e) in _WEAK_LEMMAS | _DENIAL_LEMMAS:
            continue
        if any(c.start <= e.trigger.start and e.trigger.end <= c.end for c in covered):
            continue
        span = _event_span(article.text, e)
        if (e.actor is None and e.target is None) or not _is_statement(span.text):
            # A bare event word ("floods", "war") is a topic, not something the report claims.
            continue
        versions.append(
            ClaimVersion(
                article_id=article.id,
                record_id=e.id,
                kind="event",
                wording=span.text,
                span=span,
                status="asserted" if e.certainty == "certain" else "hedged",
                polarity=e.polarity,
                source_kind="unspecified",
                outlet=article.outlet,
                published=article.published,
                when=e.time.value if e.time else None,
                lemmas=frozenset({lemma(e)}),
                identities=inside(span),
                terms=_terms(span.text, language),
                numbers=numbers(span.text),
                actor=identity(e.actor.entity) if e.actor is not None else None,
                target=_argument(identity, e.target),
                day=_explicit_day(e),
            )
        )
    # In the article's order, so that a denial of "the figure" follows the statement it denies.
    return sorted(versions, key=lambda v: v.span.start)


_CREDIT = re.compile(
    r"^\W*(?:(?:additional )?reporting|editing|writing|compiled|written|produced|translated)\s+by\b", re.IGNORECASE
)
_MIN_WORDS = 3


# A source phrase taken for the content ("a source familiar with the matter", "two people close to him").
_SOURCE_PHRASE = re.compile(
    r"^\W*(?:an?|the|one|two|three|four|several|many|other)\s+(?:\w+\s+){0,2}"
    r"(?:sources?|people|persons?|officials?|insiders?|spokes(?:man|woman|person))"
    r"(?:\s+(?:familiar|close|with|in|at|of|from|for|who|briefed|knowledgeable|aware)\b(?:\s+[\w'\u2019-]+){0,5})?\W*$",
    re.IGNORECASE,
)


# What a denial refers back to when it does not restate it ("rejected them", "dismissed the report").
_BACK_REFERENCE = re.compile(
    r"^\W*(?:(?:it|them|this|that|these|those)(?:(?:\s+(?:is|was|were|are)|['\u2019]s)(?:\s+[\w-]+){1,3})?"
    r"|(?:the|these|those|such|this|that)\s+(?:\w+\s+)?"
    r"(?:reports?|claims?|figures?|numbers?|tolls?|rumou?rs?|story|stories|articles?|allegations?|accounts?|"
    r"speculation|assertions?)"
    # ... and what it was called: "the report fake", "the story was absolute nonsense".
    r"(?:(?:\s+(?:is|was|were|are|as))?(?:\s+[\w-]+){1,3})?)\W*$",
    re.IGNORECASE,
)


# Calling a claim one of these denies it: "called the report fake", "it's absolute nonsense", "un non-sens absolu".
_DISMISSAL = re.compile(
    r"\b(?:false|fake|untrue|nonsense|baseless|groundless|disinformation|misinformation|fabricat\w*|lies|"
    r"rubbish|hoax|propaganda|fiction|slander|"
    r"fausses?|infondée?s?|non-sens|absurdes?|mensonges?|désinformation|fantaisistes?)\b",
    re.IGNORECASE,
)


def refers_back(text: str, status: ClaimStatus) -> bool:
    """Whether a content is a denial of something said before it in the report ("rejected the figure")."""
    return status == "denied" and bool(_BACK_REFERENCE.match(text))


def _dismissal_status(text: str, status: ClaimStatus, before: str) -> ClaimStatus:
    """A content calling what was said before false ("the report fake", "It's absolute nonsense") denies it,
    unless what was said before (``before``) already called it false: then it says that again."""
    dismisses = _DISMISSAL.search(text) and _BACK_REFERENCE.match(text) and not _DISMISSAL.search(before)
    return "denied" if status in ("asserted", "confirmed") and dismisses else status


def _is_statement(text: str) -> bool:
    """Whether a content or event wording can be a claim: a few words, neither a credit line nor a source."""
    # Counted as said: "that it was" is two words of statement, not three.
    said = _as_said(text.strip())
    return len(said.split()) >= _MIN_WORDS and not _CREDIT.match(said) and not _SOURCE_PHRASE.match(said)


def _argument(identity: Callable[[str | None], str | None], argument: Argument | None) -> str | None:
    """The identity of an argument resolved to an entity (unresolved words are too vague to conflict)."""
    return identity(argument.entity) if argument is not None and argument.entity is not None else None


def _explicit_day(event: Event | None) -> str | None:
    """The event's date when a time expression of its own clause fixes it to the day."""
    if event is None or event.time is None or event.time.anchor != "explicit":
        return None
    return event.time.value if _ISO_DAY.match(event.time.value) else None


def _main_event(events: Sequence[Event]) -> Event | None:
    strong = [e for e in events if e.lemma.lower() not in _WEAK_LEMMAS | _DENIAL_LEMMAS]
    return strong[0] if strong else None


def _event_span(text: str, event: Event) -> Span:
    """The words from the event's first to its last argument: its wording when no attribution holds it."""
    parts = [a.span for a in (event.actor, event.target, event.place) if a is not None] + [event.trigger]
    start, end = min(p.start for p in parts), max(p.end for p in parts)
    if end - start > 300:
        start, end = event.trigger.start, event.trigger.end
    # Arguments across a line break belong to a byline, dateline or heading, not to the event.
    start = max(start, text.rfind("\n", start, event.trigger.start) + 1)
    cut = text.find("\n", event.trigger.end, end)
    end = cut if cut >= 0 else end
    return Span.of(text, start, end)


def _terms(text: str, language: str | None = None) -> frozenset[str]:
    return frozenset(t for t in terms_for(text, language) if t not in NEGATION_WORDS)


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def conflict(a: ClaimVersion, b: ClaimVersion, params: ClaimParams = DEFAULT_CLAIM_PARAMS) -> str | None:
    """Why two versions cannot state the same thing, or None: their participants or dates disagree.

    Different actors ("Assad arrived in Moscow" / "the rebels arrived in Damascus"); with
    ``params.guards`` also different targets (identities, so "Tartus"/"Tartous" agree), or explicit
    dates more than ``params.max_days`` apart.
    """
    if a.actor and b.actor and a.actor != b.actor:
        return "actor"
    if not params.guards:
        return None
    # Places are not compared: "Malibu", "Southern California" and "California" name one place.
    # A target the other version names elsewhere is no conflict: a misparse takes "News Corp." for the
    # target of "approached News Corp. controlling owner Rupert Murdoch".
    if a.target and b.target and a.target != b.target and a.target not in b.identities and b.target not in a.identities:
        return "target"
    if a.day and b.day and a.day != b.day:
        try:
            gap = abs((dt.date.fromisoformat(a.day) - dt.date.fromisoformat(b.day)).days)
        except ValueError:
            return None
        if gap > params.max_days:
            return "date"
    return None


def version_similarity(a: ClaimVersion, b: ClaimVersion, params: ClaimParams = DEFAULT_CLAIM_PARAMS) -> float:
    """How surely two versions state the same thing, 0..1: a weighted mean of the signals both sides have.

    Zero when their participants or dates conflict (``conflict``). A shared lemma counts only when
    it is specific, or when the versions also share an identity or enough words (``generic_terms``).
    """
    if conflict(a, b, params) is not None:
        return 0.0
    total = weight = 0.0
    words = _jaccard(a.terms, b.terms) if a.terms and b.terms else 0.0
    # One figure of one measure ("11,300 dead", "a toll of 11,300") says as much as one event word.
    figure = params.figures and shared_figure(a.wording, b.wording)
    if (a.lemmas and b.lemmas) or figure:
        shared = a.lemmas & b.lemmas
        generic = shared <= GENERIC_LEMMAS
        # A content's lemmas are all the events it holds, subordinate ones too ("as search efforts continue"):
        # one shared among them needs other shared words as well.
        bag = "attribution" in (a.kind, b.kind) and params.lemma_support > 0
        if shared and (generic or bag) and not figure and not (a.identities & b.identities):
            # The event word itself is no evidence here: only the other words of the two wordings are.
            own = {stem(x) for x in shared} | shared
            least = params.generic_terms if generic else params.lemma_support
            if _jaccard(a.terms - own, b.terms - own) < least:
                shared = frozenset()
        total += params.lemma * (1.0 if shared or figure else 0.0)
        weight += params.lemma
    if a.terms and b.terms:
        total += params.terms * words
        weight += params.terms
    if a.identities and b.identities:
        total += params.entities * _jaccard(a.identities, b.identities)
        weight += params.entities
    if params.semantic and a.vector is not None and b.vector is not None:
        # Vectors are unit length: the dot product is the cosine; below zero means unrelated.
        total += params.semantic * max(0.0, float(a.vector @ b.vector))
        weight += params.semantic
    return total / weight if weight else 0.0


@dataclass(slots=True)
class _OpenClaim:
    id: str
    story_id: str | None
    versions: list[ClaimVersion] = field(default_factory=list)
    # Figure bucket → the first versions giving it: a new version is compared with them as well as with
    # the most recent ones, so a claim's figure keeps drawing its versions however long the claim grows.
    anchors: dict[str, list[ClaimVersion]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ClaimLink:
    """Where a version went: its claim and the similarity that put it there (1.0 for a new claim)."""

    version: ClaimVersion
    claim_id: str
    similarity: float
    opened: bool


class ClaimIndex:
    """Links versions into claims, within stories.

    Args:
        params: weights and threshold.
        prefix: claim ids are ``{prefix}{n}``.
        recent: how many of a claim's latest versions a new version is compared with.
        candidates: how many claims (those sharing the most lemmas, entities and words with the
            new version) are scored; bounds the cost in a story with thousands of claims.
    """

    def __init__(
        self, params: ClaimParams = DEFAULT_CLAIM_PARAMS, prefix: str = "c-", recent: int = 8, candidates: int = 20
    ) -> None:
        self.params = params
        self.prefix = prefix
        self.recent = recent
        self.max_candidates = candidates
        self._claims: dict[str, _OpenClaim] = {}
        self._by_story: dict[str | None, list[str]] = {}
        # Per story: matching key (lemma, identity, word) -> the claims whose versions have it.
        self._postings: dict[str | None, dict[str, set[str]]] = {}
        self._next = 0
        # The latest article's versions as (end, claim, gives a figure): a denial referring back joins the claim
        # of the last version before it that gives a figure ("rejected them" after "the toll rose to 11,300" and
        # "voiced astonishment at the numbers"), else of the last version before it.
        self._said: tuple[str, list[tuple[int, str, bool]]] = ("", [])

    def __len__(self) -> int:
        """How many claims the index holds."""
        return len(self._claims)

    def load(self, claim_id: str, story_id: str | None, versions: Iterable[ClaimVersion]) -> None:
        """Add versions to a claim (opened when new), e.g. read back from a store."""
        claim = self._claims.get(claim_id)
        if claim is None:
            claim = self._claims[claim_id] = _OpenClaim(claim_id, story_id)
            self._by_story.setdefault(story_id, []).append(claim_id)
            number = claim_id.removeprefix(self.prefix)
            if number.isdigit():
                self._next = max(self._next, int(number) + 1)
        for version in versions:
            claim.versions.append(version)
            postings = self._postings.setdefault(story_id, {})
            for key in _keys(version, spread=True):
                postings.setdefault(key, set()).add(claim_id)
            for key in anchor_keys(version.wording, spread=True):
                held = claim.anchors.setdefault(key, [])
                if len(held) < _ANCHORED:
                    held.append(version)

    def candidates(self, version: ClaimVersion, story_id: str | None) -> list[str]:
        """The claims of the story sharing the most matching keys with ``version``."""
        postings = self._postings.get(story_id)
        if not postings:
            return []
        shared: Counter[str] = Counter()
        for key in _keys(version):
            shared.update(postings.get(key, ()))
        return [claim_id for claim_id, _ in shared.most_common(self.max_candidates)]

    def add(self, version: ClaimVersion, story_id: str | None) -> ClaimLink:
        """Link ``version`` to the best claim of its story, or open a claim.

        A denial that refers back ("rejected the figure") joins the claim of the article's previous version.
        """
        if self._said[0] != version.article_id:
            self._said = (version.article_id, [])
        said = self._said[1]
        before = [(claim_id, counted) for end, claim_id, counted in said if end <= version.span.start]
        if before and refers_back(version.wording, version.status):
            target = next((c for c, counted in reversed(before) if counted), before[-1][0])
            self.load(target, story_id, [version])
            return ClaimLink(version, target, 1.0, False)
        link = self._add(version, story_id)
        said.append((version.span.end, link.claim_id, bool(anchor_keys(version.wording))))
        return link

    def _add(self, version: ClaimVersion, story_id: str | None) -> ClaimLink:
        best_id, best = None, 0.0
        for claim_id in self.candidates(version, story_id):
            claim = self._claims[claim_id]
            # One conflicting version bars the claim: a version without participants would otherwise
            # chain "Trump attacked Biden" and "Biden attacked Trump" into one claim.
            if self.params.strict and any(conflict(version, v, self.params) for v in claim.versions):
                continue
            compared = claim.versions[-self.recent :] + [
                v for key in anchor_keys(version.wording) for v in claim.anchors.get(key, ())
            ]
            score = max((version_similarity(version, v, self.params) for v in compared), default=0.0)
            if score > best:
                best_id, best = claim_id, score
        if best_id is not None and best >= self.params.threshold:
            self.load(best_id, story_id, [version])
            return ClaimLink(version, best_id, round(best, 4), False)
        claim_id = f"{self.prefix}{self._next}"
        self._next += 1
        self.load(claim_id, story_id, [version])
        return ClaimLink(version, claim_id, 1.0, True)

    def claim(self, claim_id: str) -> Claim | None:
        """The claim with all its versions, oldest first."""
        found = self._claims.get(claim_id)
        if found is None:
            return None
        return Claim(found.id, found.story_id, order_versions(found.versions))

    def claims(self, story_id: str | None = None) -> list[Claim]:
        """The claims of one story (or of stories-less linking with ``None``)."""
        return [c for c in (self.claim(i) for i in self._by_story.get(story_id, ())) if c is not None]


_ANCHORED = 4


def _keys(version: ClaimVersion, *, spread: bool = False) -> list[str]:
    return [
        *("v:" + k for k in version.lemmas),
        *("e:" + k for k in version.identities),
        *("w:" + k for k in version.terms),
        *("f:" + k for k in anchor_keys(version.wording, spread=spread)),
    ]


def order_versions(versions: Iterable[ClaimVersion]) -> tuple[ClaimVersion, ...]:
    """Versions by publication date (undated last), keeping link order among equals."""
    items = list(versions)
    return tuple(sorted(items, key=lambda v: (v.published is None, v.published or dt.date.min)))
