"""Cross-article links in the store: identities, stories, claims with their versions.

``StoreLinker`` links each article as it is stored, inside the same transaction
(``Store.add_article`` calls ``link``), and keeps the in-memory indexes of
``newsgraph.link.linker`` in step with the tables; it is rebuilt from the tables when a
store is reopened. Claims are loaded per story, when an article of that story arrives.

The tables hold derived data: the sets of lemmas, identities and words a version is matched
on are kept as ``|``-joined text (they are an index for matching, not analysis results).
Deleting an article removes its rows here (foreign keys cascade) but leaves story and
claim counts as they were until the corpus is linked again.

Only one process may write a store while linking: a second writer's articles would not be
in this process's indexes. ``newsgraph ingest`` writes from one process (Dask workers only
analyse).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import (
    Column,
    Connection,
    Date,
    Float,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    bindparam,
    func,
    insert,
    select,
    update,
)

from newsgraph.link.claims import Claim, ClaimVersion, order_versions
from newsgraph.link.contradictions import Contradiction, StatusChange, contradictions, status_history, within_claim
from newsgraph.link.identities import Identity, normalise_name
from newsgraph.link.linker import CrossDocLinker, LinkResult
from newsgraph.link.origins import Corroboration, corroboration
from newsgraph.link.stories import StoryFeatures
from newsgraph.link.timelines import TimelineEntry, article_entries, entity_events, timeline
from newsgraph.records import Article, ClaimStatus, Polarity, SourceKind, Span
from newsgraph.store import repository
from newsgraph.store import schema as t

ID = String(64)

identities = Table(
    "link_identities",
    t.metadata,
    Column("id", ID, primary_key=True),
    Column("name", Text, nullable=False, index=True),
    Column("type", String(32), nullable=False),
    Column("members", Integer, nullable=False),
)

identity_forms = Table(
    "link_identity_forms",
    t.metadata,
    Column("identity_id", ID, primary_key=True),
    Column("form", Text, primary_key=True, index=True),
)

entity_identities = Table(
    "link_entity_identities",
    t.metadata,
    Column("article_id", ID, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("entity_id", String(64), primary_key=True),
    Column("identity_id", ID, nullable=False, index=True),
)

stories = Table(
    "link_stories",
    t.metadata,
    Column("id", ID, primary_key=True),
    Column("label", Text, nullable=False),
    Column("size", Integer, nullable=False),
    Column("first_published", Date),
    Column("last_published", Date),
)

story_articles = Table(
    "link_story_articles",
    t.metadata,
    Column("article_id", ID, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("story_id", ID, nullable=False, index=True),
    Column("seq", Integer, nullable=False),
    Column("score", Float, nullable=False),
)

story_features = Table(
    "link_story_features",
    t.metadata,
    Column("article_id", ID, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("feature", Text, primary_key=True),
    Column("weight", Integer, nullable=False),
)

claims = Table(
    "link_claims",
    t.metadata,
    Column("id", ID, primary_key=True),
    Column("story_id", ID, index=True),
    Column("label", Text, nullable=False),
)

claim_versions = Table(
    "link_claim_versions",
    t.metadata,
    Column("article_id", ID, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    # An attribution and an event may share an id: the kind tells them apart.
    Column("kind", String(16), primary_key=True),
    Column("record_id", String(64), primary_key=True),
    Column("claim_id", ID, nullable=False, index=True),
    Column("story_id", ID, index=True),
    Column("seq", Integer, nullable=False),
    Column("similarity", Float, nullable=False),
    Column("wording", Text, nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Column("status", String(16), nullable=False),
    Column("polarity", String(8), nullable=False),
    Column("source_kind", String(16), nullable=False),
    Column("outlet", Text),
    Column("published", Date),
    Column("source", Text),
    Column("source_key", Text),
    Column("affiliation", Text),
    Column("affiliation_key", Text),
    Column("via", Text),
    Column("via_key", Text),
    Column("when_value", Text),
    Column("lemmas", Text, nullable=False),
    Column("identities", Text, nullable=False),
    Column("terms", Text, nullable=False),
    Column("numbers", Text, nullable=False),
    Column("actor", Text),
    # The claim guards' target identity and explicit day (migration 0007): without them a reopened
    # store would link versions its in-memory indexes kept apart.
    Column("target", Text),
    Column("day", String(10)),
)


def _join(items: Iterable[str]) -> str:
    return "|".join(sorted(items))


def _split(value: str) -> frozenset[str]:
    # Called for hundreds of thousands of versions when a big story's claims are loaded: no generator.
    if not value:
        return _NOTHING
    found = frozenset(value.split("|"))
    return found - _NOTHING_TEXT if "" in found else found


_NOTHING: frozenset[str] = frozenset()
_NOTHING_TEXT = frozenset({""})


def _version_row(v: ClaimVersion, claim_id: str, story_id: str | None, seq: int, similarity: float) -> dict[str, Any]:
    return {
        "article_id": v.article_id,
        "record_id": v.record_id,
        "claim_id": claim_id,
        "story_id": story_id,
        "seq": seq,
        "similarity": similarity,
        "kind": v.kind,
        "wording": v.wording,
        "span_start": v.span.start,
        "span_end": v.span.end,
        "status": v.status,
        "polarity": v.polarity,
        "source_kind": v.source_kind,
        "outlet": v.outlet,
        "published": v.published,
        "source": v.source,
        "source_key": v.source_key,
        "affiliation": v.affiliation,
        "affiliation_key": v.affiliation_key,
        "via": v.via,
        "via_key": v.via_key,
        "when_value": v.when,
        "lemmas": _join(v.lemmas),
        "identities": _join(v.identities),
        "terms": _join(v.terms),
        "numbers": "|".join(v.numbers),
        "actor": v.actor,
        "target": v.target,
        "day": v.day,
    }


def _read_version(row: Any) -> ClaimVersion:
    return ClaimVersion(
        article_id=row.article_id,
        record_id=row.record_id,
        kind=row.kind,
        wording=row.wording,
        span=Span(row.span_start, row.span_end, row.wording),
        status=cast(ClaimStatus, row.status),
        polarity=cast(Polarity, row.polarity),
        source_kind=cast(SourceKind, row.source_kind),
        outlet=row.outlet,
        published=row.published,
        source=row.source,
        source_key=row.source_key,
        affiliation=row.affiliation,
        affiliation_key=row.affiliation_key,
        via=row.via,
        via_key=row.via_key,
        when=row.when_value,
        lemmas=_split(row.lemmas),
        identities=_split(row.identities),
        terms=_split(row.terms),
        numbers=tuple(x for x in row.numbers.split("|") if x),
        actor=row.actor,
        target=row.target,
        day=row.day,
    )


def read_story_features(conn: Connection) -> list[tuple[StoryFeatures, str]]:
    """Every linked article's story features and story, in the order they were placed.

    Read through the driver's cursor: a store of 20k articles holds about a million feature rows,
    and a SQLAlchemy row object per row cost most of the time of reopening it.
    """
    cursor = conn.connection.cursor()
    try:
        cursor.execute(f"SELECT article_id, feature, weight FROM {story_features.name}")
        grouped: defaultdict[str, list[tuple[str, int]]] = defaultdict(list)
        for article_id, feature, weight in cursor.fetchall():
            grouped[article_id].append((feature, weight))
    finally:
        cursor.close()
    placed = conn.execute(
        select(story_articles.c.article_id, story_articles.c.story_id, t.articles.c.published)
        .join(t.articles, t.articles.c.id == story_articles.c.article_id)
        .order_by(story_articles.c.seq)
    ).all()
    found = []
    for article_id, story_id, published in placed:
        ids, lemmas, terms = [], [], {}
        for feature, weight in grouped.pop(article_id, ()):
            kind, key = feature[:2], feature[2:]
            if kind == "w:":
                terms[key] = weight
            elif kind == "e:":
                ids.append(key)
            elif kind == "v:":
                lemmas.append(key)
        day = published.toordinal() if published else None
        found.append((StoryFeatures(article_id, frozenset(ids), frozenset(lemmas), day, terms), story_id))
    return found


COPY_JOINS_STORY = 0.5
"""Share of either report found in the other from which a copy goes into its source's story, whatever its
words weigh there: most of one report reprinted in another is the same news (a short reprint of a denial has
too few words of its own to reach its story by similarity)."""


def _copied_story(conn: Connection, article_id: str) -> str | None:
    """The story of the stored report ``article_id`` mostly copies (see ``COPY_JOINS_STORY``), if any."""
    nd = t.near_duplicates
    link = conn.execute(
        select(func.coalesce(nd.c.source_id, nd.c.original_id).label("source"), nd.c.similarity, nd.c.reverse).where(
            nd.c.article_id == article_id
        )
    ).first()
    if link is None or max(link.similarity, link.reverse or 0.0) < COPY_JOINS_STORY:
        return None
    found: str | None = conn.scalar(select(story_articles.c.story_id).where(story_articles.c.article_id == link.source))
    return found


class StoreLinker:
    """A ``CrossDocLinker`` whose decisions are written to the store as each article is stored."""

    def __init__(self, linker: CrossDocLinker | None = None) -> None:
        self.linker = linker or CrossDocLinker()
        self._saved_forms: defaultdict[str, set[str]] = defaultdict(set)
        self._saved_identities: set[str] = set()
        self._loaded_stories: set[str | None] = set()
        self._version_seq = 0

    @classmethod
    def load(cls, conn: Connection) -> StoreLinker:
        """Rebuild the indexes from the tables (identities and stories now, claims per story later)."""
        self = cls()
        forms: defaultdict[str, set[str]] = defaultdict(set)
        for row in conn.execute(select(identity_forms)):
            forms[row.identity_id].add(row.form)
        for row in conn.execute(select(identities)):
            self.linker.identities._index(Identity(row.id, row.name, row.type, set(forms[row.id]), row.members))
            self._saved_identities.add(row.id)
            self._saved_forms[row.id] = set(forms[row.id])
        self.linker.identities._next = _next_number(self._saved_identities)
        self.linker.stories.load(read_story_features(conn))
        # Ids are never reused, also when deleted articles left a story or claim empty.
        self.linker.stories._next = max(self.linker.stories._next, _next_number(conn.scalars(select(stories.c.id))))
        self.linker.claims._next = _next_number(conn.scalars(select(claims.c.id)))
        self._version_seq = int(conn.scalar(select(func.max(claim_versions.c.seq))) or 0)
        return self

    def _load_story_claims(self, conn: Connection, story_id: str | None) -> None:
        if story_id in self._loaded_stories:
            return
        self._loaded_stories.add(story_id)
        rows = conn.execute(
            select(claim_versions).where(claim_versions.c.story_id == story_id).order_by(claim_versions.c.seq)
        )
        grouped: defaultdict[str, list[ClaimVersion]] = defaultdict(list)
        for row in rows:
            grouped[row.claim_id].append(_read_version(row))
        for claim_id, versions in grouped.items():
            self.linker.claims.load(claim_id, story_id, versions)

    def link(self, conn: Connection, article: Article) -> LinkResult:
        """Link ``article`` (already inserted on ``conn``) and write the links, in the caller's transaction."""
        lk = self.linker
        links = lk.identities.link_article(article)
        from newsgraph.link.claims import claim_versions
        from newsgraph.link.identities import identity_map
        from newsgraph.link.stories import story_features as features_of

        ids = identity_map(links)
        features = features_of(article, ids)
        story = lk.stories.add(features, story_id=_copied_story(conn, article.id))
        self._load_story_claims(conn, story.story_id)
        claim_links = tuple(lk.claims.add(v, story.story_id) for v in claim_versions(article, ids))
        result = LinkResult(article.id, tuple(links), features, story, claim_links)
        self._write(conn, article, result)
        return result

    def _write(self, conn: Connection, article: Article, result: LinkResult) -> None:
        # One executemany per table: building a statement per row costs more than the row.
        new_identities, changed, forms = [], [], []
        for identity_id in sorted({x.identity_id for x in result.identities}):
            identity = self.linker.identities.identities[identity_id]
            values = {"name": identity.name, "type": identity.type, "members": identity.members}
            if identity_id in self._saved_identities:
                changed.append({"b_id": identity_id, **values})
            else:
                new_identities.append({"id": identity_id, **values})
                self._saved_identities.add(identity_id)
            new_forms = identity.forms - self._saved_forms[identity_id]
            forms += [{"identity_id": identity_id, "form": f} for f in sorted(new_forms)]
            self._saved_forms[identity_id] |= new_forms
        _insert(conn, identities, new_identities)
        if changed:
            conn.execute(_UPDATE_IDENTITY, changed)
        _insert(conn, identity_forms, forms)
        _insert(
            conn,
            entity_identities,
            [
                {"article_id": x.article_id, "entity_id": x.entity_id, "identity_id": x.identity_id}
                for x in result.identities
            ],
        )
        f = result.features
        features = [
            *({"feature": "e:" + k, "weight": 1} for k in f.identities),
            *({"feature": "v:" + k, "weight": 1} for k in f.lemmas),
            *({"feature": "w:" + k, "weight": w} for k, w in f.terms.items()),
        ]
        _insert(conn, story_features, [{"article_id": article.id, **r} for r in features])
        story = self.linker.stories.stories[result.story.story_id]
        first = dt.date.fromordinal(story.first_day) if story.first_day else None
        last = dt.date.fromordinal(story.last_day) if story.last_day else None
        values = {"size": len(story.articles), "first_published": first, "last_published": last}
        if result.story.opened:
            label = article.title or _label(article.text)
            conn.execute(insert(stories).values(id=story.id, label=label, **values))
        else:
            conn.execute(update(stories).where(stories.c.id == story.id).values(**values))
        conn.execute(
            insert(story_articles).values(
                article_id=article.id, story_id=story.id, seq=self.linker.stories.articles, score=result.story.score
            )
        )
        opened = [
            {"id": x.claim_id, "story_id": story.id, "label": x.version.wording} for x in result.claims if x.opened
        ]
        _insert(conn, claims, opened)
        rows = []
        for link in result.claims:
            self._version_seq += 1
            rows.append(_version_row(link.version, link.claim_id, story.id, self._version_seq, link.similarity))
        _insert(conn, claim_versions, rows)


# Link tables, children first: deleting in this order never breaks a foreign key.
LINK_TABLES = (
    claim_versions,
    claims,
    story_features,
    story_articles,
    stories,
    entity_identities,
    identity_forms,
    identities,
)


def relink(conn: Connection, *, batch: int = 200) -> StoreLinker:
    """Delete every link and link the stored articles again in storage order, on ``conn``; the new linker.

    The caller holds the linking lock (``Store.relink`` does).
    """
    for table in LINK_TABLES:
        conn.execute(table.delete())
    linker = StoreLinker()
    ids = repository.article_ids(conn)
    for i in range(0, len(ids), batch):
        for article in repository.get_articles(conn, ids[i : i + batch]):
            linker.link(conn, article)
    return linker


def _label(text: str, width: int = 100) -> str:
    """The first line of ``text``, cut at a word before ``width`` characters."""
    line = text.strip().split("\n")[0]
    if len(line) <= width:
        return line
    cut = line.rfind(" ", 0, width)
    return line[: cut if cut > 0 else width] + "…"


_UPDATE_IDENTITY = (
    update(identities)
    .where(identities.c.id == bindparam("b_id"))
    .values(name=bindparam("name"), type=bindparam("type"), members=bindparam("members"))
)


def _insert(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    if rows:
        conn.execute(insert(table), rows)


def _next_number(ids: Iterable[str]) -> int:
    numbers = [int(i.rsplit("-", 1)[-1]) for i in ids if i.rsplit("-", 1)[-1].isdigit()]
    return max(numbers, default=-1) + 1


# Reading ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StorySummary:
    """A story in a listing."""

    id: str
    label: str
    size: int
    first_published: dt.date | None
    last_published: dt.date | None
    claims: int


@dataclass(frozen=True, slots=True)
class StoryArticle:
    """An article of a story and how well it matched when it joined."""

    id: str
    title: str | None
    outlet: str | None
    published: dt.date | None
    score: float
    language: str | None = None


@dataclass(frozen=True, slots=True)
class ClaimSummary:
    """A claim in a story view: its label and how much stands behind it."""

    id: str
    label: str
    versions: int
    corroboration: Corroboration


@dataclass(frozen=True, slots=True)
class StoryView:
    """A story with its articles, claims and the contradictions among them."""

    summary: StorySummary
    articles: tuple[StoryArticle, ...]
    claims: tuple[ClaimSummary, ...]
    contradictions: tuple[Contradiction, ...]
    reuse: tuple[repository.NearDuplicateLink, ...] = ()

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages of the story's articles, most articles first."""
        counted = Counter(a.language for a in self.articles if a.language)
        return tuple(language for language, _ in counted.most_common())

    def by_language(self, article_ids: Iterable[str]) -> tuple[tuple[str, int], ...]:
        """How many of ``article_ids`` (articles of this story) are in each language, most first."""
        language = {a.id: a.language or "und" for a in self.articles}
        counted = Counter(language[i] for i in set(article_ids) if i in language)
        return tuple(counted.most_common())


@dataclass(frozen=True, slots=True)
class ClaimView:
    """A claim: every version, the origin graph and counts, contradictions, and its status history."""

    claim: Claim
    corroboration: Corroboration
    contradictions: tuple[Contradiction, ...]
    history: tuple[StatusChange, ...]


def list_stories(conn: Connection, *, limit: int | None = 50) -> list[StorySummary]:
    """Stories, biggest and latest first."""
    counts = select(claims.c.story_id, func.count().label("n")).group_by(claims.c.story_id).subquery()
    query = (
        select(stories, func.coalesce(counts.c.n, 0).label("claims"))
        .outerjoin(counts, counts.c.story_id == stories.c.id)
        .order_by(stories.c.size.desc(), stories.c.last_published.desc(), stories.c.id)
    )
    if limit is not None:
        query = query.limit(limit)
    return [
        StorySummary(r.id, r.label, r.size, r.first_published, r.last_published, int(r.claims))
        for r in conn.execute(query)
    ]


def _sources(links: Iterable[repository.NearDuplicateLink]) -> dict[str, str]:
    """Article → the report it reuses directly (its original for links stored before migration 0008)."""
    return {link.article_id: link.source_id or link.original_id for link in links}


def store_outlets(conn: Connection) -> list[str]:
    """Every outlet named by a stored article: when one of them speaks in a report, it relays."""
    return list(conn.scalars(select(t.articles.c.outlet).where(t.articles.c.outlet.is_not(None)).distinct()))


def reuse_groups(conn: Connection) -> list[frozenset[str]]:
    """Groups of articles that reuse one another's text: each original with its copies."""
    grouped: defaultdict[str, set[str]] = defaultdict(set)
    for row in conn.execute(select(t.near_duplicates.c.article_id, t.near_duplicates.c.original_id)):
        grouped[row.original_id] |= {row.original_id, row.article_id}
    return sorted((frozenset(g) for g in grouped.values()), key=lambda g: (-len(g), min(g)))


def _claims_of_story(conn: Connection, story_id: str) -> list[Claim]:
    grouped: defaultdict[str, list[ClaimVersion]] = defaultdict(list)
    rows = conn.execute(
        select(claim_versions).where(claim_versions.c.story_id == story_id).order_by(claim_versions.c.seq)
    )
    for row in rows:
        grouped[row.claim_id].append(_read_version(row))
    return [Claim(cid, story_id, order_versions(v)) for cid, v in grouped.items()]


def get_story(conn: Connection, story_id: str) -> StoryView | None:
    """One story with its articles, claims (carried by most reports first) and contradictions (strongest first)."""
    row = conn.execute(select(stories).where(stories.c.id == story_id)).first()
    if row is None:
        return None
    article_rows = conn.execute(
        select(
            t.articles.c.id,
            t.articles.c.title,
            t.articles.c.outlet,
            t.articles.c.published,
            story_articles.c.score,
            t.articles.c.language,
        )
        .join(story_articles, story_articles.c.article_id == t.articles.c.id)
        .where(story_articles.c.story_id == story_id)
        .order_by(story_articles.c.seq)
    ).all()
    found = _claims_of_story(conn, story_id)
    story_versions = [v for c in found for v in c.versions]
    reuse = repository.reuse_links(conn, [r.id for r in article_rows])
    sources = _sources(reuse)
    outlets = store_outlets(conn)
    summaries = sorted(
        (
            ClaimSummary(c.id, c.label, len(c.versions), corroboration(c.versions, sources, outlets, story_versions))
            for c in found
        ),
        # The claim most reports carry first: what the story is about before what one report adds.
        key=lambda s: (-s.corroboration.articles, -s.corroboration.independent_origins, -s.versions, s.id),
    )
    summary = StorySummary(row.id, row.label, row.size, row.first_published, row.last_published, len(found))
    return StoryView(
        summary,
        tuple(StoryArticle(r.id, r.title, r.outlet, r.published, r.score, r.language) for r in article_rows),
        tuple(summaries),
        tuple(contradictions(found)),
        tuple(reuse),
    )


def get_claim(conn: Connection, claim_id: str) -> ClaimView | None:
    """One claim with its versions, origins, contradictions (within it and with its story's claims), history."""
    row = conn.execute(select(claims).where(claims.c.id == claim_id)).first()
    if row is None:
        return None
    story_claims = _claims_of_story(conn, row.story_id) if row.story_id else []
    claim = next((c for c in story_claims if c.id == claim_id), None)
    if claim is None:
        versions = [
            _read_version(r) for r in conn.execute(select(claim_versions).where(claim_versions.c.claim_id == claim_id))
        ]
        claim = Claim(claim_id, row.story_id, order_versions(versions))
    sources = _sources(repository.reuse_links(conn, list({v.article_id for v in claim.versions})))
    flagged = [*within_claim(claim)]
    flagged += [
        c
        for c in contradictions([x for x in story_claims if x.id != claim_id] + [claim])
        if c.kind == "incompatible" and claim_id in (c.claim_a, c.claim_b)
    ]
    return ClaimView(
        claim,
        corroboration(claim.versions, sources, store_outlets(conn), [v for c in story_claims for v in c.versions]),
        tuple(flagged),
        tuple(status_history(claim.versions)),
    )


def find_identities(conn: Connection, name: str) -> list[tuple[str, str, str]]:
    """Identities whose display name or a name form matches ``name``: ``(id, name, type)``, most mentioned first."""
    from newsgraph.link.identities import fold

    form = fold(normalise_name(name))
    by_form = select(identity_forms.c.identity_id).where(identity_forms.c.form == form)
    query = (
        select(identities.c.id, identities.c.name, identities.c.type)
        .where((func.lower(identities.c.name) == name.lower()) | identities.c.id.in_(by_form))
        .order_by(identities.c.members.desc(), identities.c.id)
    )
    return [(r.id, r.name, r.type) for r in conn.execute(query)]


@dataclass(frozen=True, slots=True)
class IdentityMentions:
    """One article's entity resolved to an identity, with the places the article mentions it."""

    article_id: str
    entity_id: str
    name: str
    mentions: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class IdentityView:
    """A cross-article identity: its name forms and the articles and mentions behind it."""

    id: str
    name: str
    type: str
    forms: tuple[str, ...]
    articles: tuple[IdentityMentions, ...]


def get_identity(conn: Connection, identity_id: str, *, limit: int = 200) -> IdentityView | None:
    """An identity with the (at most ``limit``) articles that mention it and their mentions."""
    row = conn.execute(select(identities).where(identities.c.id == identity_id)).first()
    if row is None:
        return None
    forms = tuple(
        conn.scalars(
            select(identity_forms.c.form)
            .where(identity_forms.c.identity_id == identity_id)
            .order_by(identity_forms.c.form)
        )
    )
    members = conn.execute(
        select(entity_identities.c.article_id, entity_identities.c.entity_id, t.entities.c.name)
        .join(
            t.entities,
            (t.entities.c.article_id == entity_identities.c.article_id)
            & (t.entities.c.id == entity_identities.c.entity_id),
        )
        .where(entity_identities.c.identity_id == identity_id)
        .order_by(entity_identities.c.article_id)
        .limit(limit)
    ).all()
    spans: defaultdict[tuple[str, str], list[Span]] = defaultdict(list)
    for i in range(0, len(members), 200):
        chunk = members[i : i + 200]
        rows = conn.execute(
            select(t.mentions)
            .where(t.mentions.c.article_id.in_({m.article_id for m in chunk}))
            .order_by(t.mentions.c.article_id, t.mentions.c.entity_id, t.mentions.c.position)
        )
        wanted = {(m.article_id, m.entity_id) for m in chunk}
        for m in rows:
            if (m.article_id, m.entity_id) in wanted:
                spans[(m.article_id, m.entity_id)].append(Span(m.span_start, m.span_end, m.span_text))
    return IdentityView(
        row.id,
        row.name,
        row.type,
        forms,
        tuple(
            IdentityMentions(m.article_id, m.entity_id, m.name, tuple(spans[(m.article_id, m.entity_id)]))
            for m in members
        ),
    )


def _claim_of(conn: Connection, article_ids: Sequence[str]) -> dict[tuple[str, str, str], str]:
    found: dict[tuple[str, str, str], str] = {}
    for i in range(0, len(article_ids), 500):
        chunk = list(article_ids[i : i + 500])
        rows = conn.execute(
            select(
                claim_versions.c.article_id,
                claim_versions.c.kind,
                claim_versions.c.record_id,
                claim_versions.c.claim_id,
            ).where(claim_versions.c.article_id.in_(chunk))
        )
        found.update({(r.article_id, r.kind, r.record_id): r.claim_id for r in rows})
    return found


def entity_timeline(conn: Connection, identity_id: str, *, limit: int = 500) -> list[TimelineEntry]:
    """Events whose actor, target or place is this identity, in time order (from at most ``limit`` articles)."""
    rows = conn.execute(
        select(entity_identities.c.article_id, entity_identities.c.entity_id)
        .where(entity_identities.c.identity_id == identity_id)
        .limit(limit * 20)
    ).all()
    article_ids = list(dict.fromkeys(r.article_id for r in rows))[:limit]
    ids = {(r.article_id, r.entity_id): identity_id for r in rows}
    claim_of = _claim_of(conn, article_ids)
    entries: list[TimelineEntry] = []
    for article in repository.get_articles(conn, article_ids):
        entries += article_entries(article, claim_of, entity_events(article, identity_id, ids))
    return timeline(entries)


def story_timeline(conn: Connection, story_id: str) -> list[TimelineEntry]:
    """The events of a story's articles, in time order."""
    article_ids = list(
        conn.scalars(
            select(story_articles.c.article_id)
            .where(story_articles.c.story_id == story_id)
            .order_by(story_articles.c.seq)
        )
    )
    claim_of = _claim_of(conn, article_ids)
    entries: list[TimelineEntry] = []
    for article in repository.get_articles(conn, article_ids):
        entries += article_entries(article, claim_of)
    return timeline(entries)
