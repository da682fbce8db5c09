"""Integrity check of a store: is every article whole, and does everything refer to something that exists?

    >>> from newsgraph.store import Store
    >>> from newsgraph.store.integrity import check
    >>> with Store.open("newsgraph.db") as store:
    ...     report = check(store)
    >>> report.ok, report.summary()

What "whole" means for this schema (each is one named check):

- ``database``: the engine's own check: SQLite ``PRAGMA integrity_check`` (``quick_check``
  with ``quick``); on PostgreSQL, no index left invalid or not ready.
- ``foreign-keys``: every declared foreign key points at an existing row (SQLite's
  ``PRAGMA foreign_key_check`` plus the same as queries, which also cover PostgreSQL).
- ``links``: the references the schema does not declare: entity identities, stories,
  claims and claim versions, event → attribution, near-duplicate originals.
- ``record-counts``: each article's stored counts (written with it, in its transaction;
  migration 0004) equal its entity, alias, mention, time, attribution and event rows, and
  a linked article has an identity for each of its entities.
- ``spans``: every stored span lies inside its article's text and its stored text is
  that slice of the text.
- ``full-text``: the search index holds exactly the stored articles (SQLite FTS5) or every
  article has its search vector (PostgreSQL), and a sample of articles is found by a word
  of their text.
- ``content``: no two articles with the same content; each id and content hash is the
  hash of the stored text.

Everything is read in one transaction (a snapshot), so an ingest writing meanwhile can
neither hide a problem nor cause a false one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Column, ColumnElement, Connection, Select, Table, and_, func, literal, or_, select, text

from newsgraph.store import crossdoc as links
from newsgraph.store import schema as t
from newsgraph.store.repository import content_hash
from newsgraph.store.store import Store

CHECKS = ("database", "foreign-keys", "links", "record-counts", "spans", "full-text", "content")
"""The checks ``check`` runs, in order."""

DEFAULT_SAMPLE = 2000
"""Articles looked up in the full-text index by a word of their text (all when fewer)."""

_EXAMPLES = 5


@dataclass(frozen=True, slots=True)
class Problem:
    """One kind of damage found by a check.

    Attributes:
        check: the check that found it (one of ``CHECKS``).
        message: what is wrong, for people.
        count: how many rows (or articles) are affected.
        examples: a few of their keys (article ids, or table-specific keys).
    """

    check: str
    message: str
    count: int
    examples: tuple[str, ...] = ()

    def __str__(self) -> str:
        shown = f" (e.g. {', '.join(self.examples)})" if self.examples else ""
        return f"{self.check}: {self.message}: {self.count}{shown}"


@dataclass(frozen=True, slots=True)
class IntegrityReport:
    """What ``check`` found. ``ok`` when ``problems`` is empty.

    Attributes:
        database: the store's URL without password.
        articles: how many articles the checked snapshot holds.
        checks: the checks that ran.
        problems: what they found.
        notes: facts about how far the checks went (sampling, skipped parts).
    """

    database: str
    articles: int
    checks: tuple[str, ...]
    problems: tuple[Problem, ...]
    notes: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        """True when no check found anything."""
        return not self.problems

    def summary(self) -> str:
        """One line: the verdict, the article count and the checks, or the problem counts."""
        if self.ok:
            return f"ok: {self.articles} articles in {self.database}, {len(self.checks)} checks passed"
        kinds = sorted({p.check for p in self.problems})
        return (
            f"{len(self.problems)} problem(s) in {self.database} ({self.articles} articles): failed {', '.join(kinds)}"
        )


def check(store: Store, *, quick: bool = False, sample: int | None = DEFAULT_SAMPLE) -> IntegrityReport:
    """Check the integrity of ``store`` (see the module docstring for what is checked).

    Args:
        store: an opened store.
        quick: SQLite ``quick_check`` instead of the full ``integrity_check`` (skips
            comparing indexes with their tables, much faster on large files).
        sample: how many articles to look up in the full-text index by a word of their
            text; ``None`` looks up every article.

    Returns:
        The report; ``report.ok`` is False when anything is wrong.
    """
    found: list[Problem] = []
    notes: list[str] = []
    with _snapshot(store) as conn:
        articles = int(conn.scalar(select(func.count()).select_from(t.articles)) or 0)
        found += _database(conn, quick)
        found += _foreign_keys(conn)
        found += _links(conn)
        found += _record_counts(conn)
        found += _spans(conn)
        fts_problems, fts_notes = _full_text(conn, articles, sample)
        found += fts_problems
        notes += fts_notes
        found += _content(conn)
    return IntegrityReport(store.describe(), articles, CHECKS, tuple(found), tuple(notes))


@contextmanager
def _snapshot(store: Store) -> Iterator[Connection]:
    """A connection inside one read transaction that sees a single state of the database."""
    with store.engine.connect() as conn:
        if store.backend == "postgresql":
            # READ COMMITTED would give each query its own snapshot: counts read before an
            # ingest commits and rows read after it would disagree.
            conn = conn.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
        # SQLite: the engine's BEGIN is deferred; WAL pins the snapshot at the first read.
        transaction = conn.begin()
        try:
            yield conn
        finally:
            transaction.rollback()


def _problem(check_name: str, message: str, keys: Iterable[Any]) -> list[Problem]:
    """A problem when ``keys`` is not empty (keys are rows or values naming the damaged records)."""
    count = 0
    examples: list[str] = []
    for key in keys:
        count += 1
        if len(examples) < _EXAMPLES:
            examples.append(
                "/".join(str(k) for k in key) if isinstance(key, tuple | list) or _is_row(key) else str(key)
            )
    return [Problem(check_name, message, count, tuple(examples))] if count else []


def _is_row(value: Any) -> bool:
    return hasattr(value, "_fields")


# database


def _database(conn: Connection, quick: bool) -> list[Problem]:
    if conn.dialect.name == "sqlite":
        pragma = "quick_check" if quick else "integrity_check"
        lines = [str(r[0]) for r in conn.exec_driver_sql(f"PRAGMA {pragma}")]
        return _problem("database", f"SQLite {pragma}", [] if lines == ["ok"] else lines)
    invalid = conn.scalars(
        text(
            "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND NOT (i.indisvalid AND i.indisready)"
        )
    )
    return _problem("database", "indexes left invalid (an interrupted CREATE INDEX CONCURRENTLY?)", invalid)


# foreign keys and undeclared references


@dataclass(frozen=True, slots=True)
class _Reference:
    """Rows of ``child`` whose ``pairs`` columns (child, parent) name no row of the parent."""

    name: str
    pairs: tuple[tuple[Column[Any], Column[Any]], ...]
    where: tuple[ColumnElement[bool], ...] = ()

    def orphans(self) -> Select[Any]:
        child_columns = [c for c, _p in self.pairs]
        parent = self.pairs[0][1].table
        match = and_(*(c == p for c, p in self.pairs))
        return (
            select(*_keys(child_columns[0].table, child_columns))
            .where(*(c.is_not(None) for c in child_columns), *self.where)
            .where(~select(literal(1)).select_from(parent).where(match).exists())
        )


def _keys(table: Any, extra: Sequence[Column[Any]]) -> list[Column[Any]]:
    """The columns naming a row in messages: its primary key, else the referring columns."""
    primary = list(table.primary_key.columns)
    return primary or list(extra)


def _declared(tables: Iterable[Table]) -> Iterator[_Reference]:
    for table in tables:
        for fk in table.foreign_key_constraints:
            pairs = tuple((e.parent, e.column) for e in fk.elements)
            yield _Reference(f"{table.name} → {fk.referred_table.name}", pairs)


def _tables() -> list[Table]:
    """Every table of the schema, the article tables and the link tables."""
    return list(t.metadata.sorted_tables)


def _foreign_keys(conn: Connection) -> list[Problem]:
    found: list[Problem] = []
    if conn.dialect.name == "sqlite":
        rows = [f"{r[0]} row {r[1]} → {r[2]}" for r in conn.exec_driver_sql("PRAGMA foreign_key_check")]
        found += _problem("foreign-keys", "SQLite foreign_key_check", rows)
    for ref in _declared(_tables()):
        found += _problem("foreign-keys", f"{ref.name}: rows referring to no row", conn.execute(ref.orphans()))
    return found


def _undeclared() -> list[_Reference]:
    ei, forms, ids = links.entity_identities, links.identity_forms, links.identities
    sa_, stories, features = links.story_articles, links.stories, links.story_features
    claims, versions = links.claims, links.claim_versions
    return [
        _Reference("entity identity → identity", ((ei.c.identity_id, ids.c.id),)),
        _Reference(
            "entity identity → entity", ((ei.c.article_id, t.entities.c.article_id), (ei.c.entity_id, t.entities.c.id))
        ),
        _Reference("identity form → identity", ((forms.c.identity_id, ids.c.id),)),
        _Reference("story article → story", ((sa_.c.story_id, stories.c.id),)),
        _Reference("story features → story article", ((features.c.article_id, sa_.c.article_id),)),
        _Reference("claim → story", ((claims.c.story_id, stories.c.id),)),
        _Reference("claim version → claim", ((versions.c.claim_id, claims.c.id),)),
        _Reference("claim version → story", ((versions.c.story_id, stories.c.id),)),
        _Reference(
            "claim version → attribution",
            ((versions.c.article_id, t.attributions.c.article_id), (versions.c.record_id, t.attributions.c.id)),
            (versions.c.kind == "attribution",),
        ),
        _Reference(
            "claim version → event",
            ((versions.c.article_id, t.events.c.article_id), (versions.c.record_id, t.events.c.id)),
            (versions.c.kind == "event",),
        ),
        _Reference(
            "event → attribution",
            ((t.events.c.article_id, t.attributions.c.article_id), (t.events.c.attribution_id, t.attributions.c.id)),
        ),
    ]


def _links(conn: Connection) -> list[Problem]:
    found: list[Problem] = []
    for ref in _undeclared():
        found += _problem("links", f"{ref.name}: rows referring to no row", conn.execute(ref.orphans()))
    versions = links.claim_versions
    found += _problem(
        "links",
        "claim versions of another kind than attribution or event",
        conn.execute(select(*_keys(versions, [])).where(versions.c.kind.not_in(["attribution", "event"]))),
    )
    nd, nd2 = t.near_duplicates, t.near_duplicates.alias("nd2")
    # A chain would hide the cluster's root: every copy must point at the original itself.
    chained = select(nd.c.article_id).join(nd2, nd2.c.article_id == nd.c.original_id)
    found += _problem("links", "near-duplicates linked to another near-duplicate", conn.scalars(chained))
    found += _problem(
        "links",
        "articles that are a near-duplicate of themselves",
        conn.scalars(select(nd.c.article_id).where(nd.c.article_id == nd.c.original_id)),
    )
    return found


# record counts


_COUNTED: tuple[tuple[str, Table], ...] = (
    ("entity_count", t.entities),
    ("alias_count", t.entity_aliases),
    ("mention_count", t.mentions),
    ("time_count", t.times),
    ("attribution_count", t.attributions),
    ("event_count", t.events),
)


def _record_counts(conn: Connection) -> list[Problem]:
    a = t.articles
    found: list[Problem] = []
    for column, table in _COUNTED:
        rows = (
            select(table.c.article_id, func.count().label("n")).group_by(table.c.article_id).subquery(f"{table.name}_n")
        )
        stored = a.c[column]
        query = (
            select(a.c.id)
            .select_from(a.outerjoin(rows, rows.c.article_id == a.c.id))
            .where(or_(stored.is_(None), stored != func.coalesce(rows.c.n, 0)))
            .order_by(a.c.seq)
        )
        found += _problem(
            "record-counts",
            f"articles whose {table.name} rows differ from the count written with them",
            conn.scalars(query),
        )
    # A linked article (it has a story) has an identity for each of its entities.
    ei = links.entity_identities
    linked = select(ei.c.article_id, func.count().label("n")).group_by(ei.c.article_id).subquery("identities_n")
    query = (
        select(a.c.id)
        .join(links.story_articles, links.story_articles.c.article_id == a.c.id)
        .outerjoin(linked, linked.c.article_id == a.c.id)
        .where(a.c.entity_count != func.coalesce(linked.c.n, 0))
        .order_by(a.c.seq)
    )
    found += _problem("record-counts", "linked articles with entities left without an identity", conn.scalars(query))
    return found


# spans


def _span_columns() -> Iterator[tuple[Table, str, bool]]:
    """(table, span prefix, has the text column) for every span stored in the schema."""
    yield t.mentions, "span", True
    yield t.times, "span", True
    for prefix in ("source", "cue", "content", "via"):
        yield t.attributions, prefix, True
    for prefix in ("trigger", "actor", "target", "place"):
        yield t.events, prefix, True
    yield links.claim_versions, "span", False


def _spans(conn: Connection) -> list[Problem]:
    a = t.articles
    found: list[Problem] = []
    for table, prefix, has_text in _span_columns():
        start, end = table.c[f"{prefix}_start"], table.c[f"{prefix}_end"]
        length = func.length(a.c.text)
        outside = or_(start < 0, end < start, end > length)
        bad = outside
        if has_text:
            stored = table.c[f"{prefix}_text"]
            # substr counts characters on both engines, as Python's offsets do.
            bad = or_(outside, stored.is_(None), func.substr(a.c.text, start + 1, end - start) != stored)
        query = select(*_keys(table, [])).join(a, a.c.id == table.c.article_id).where(start.is_not(None), bad)
        found += _problem(
            "spans", f"{table.name}.{prefix}: spans outside the text or not matching it", conn.execute(query)
        )
        # Half a span (a start without an end) is as broken as a wrong one.
        half = select(*_keys(table, [])).where((start.is_(None)) != (end.is_(None)))
        found += _problem("spans", f"{table.name}.{prefix}: spans with a start or an end missing", conn.execute(half))
    return found


# full text

# A plain word standing alone: PostgreSQL's parser reads ``www.example.com``, ``a-b`` or
# ``x1`` as one token, so a word taken from inside them would not be found.
_WORD = re.compile(r"(?<![\w./@:'-])[A-Za-z]{4,}(?![\w@'-]|[./:]\w)")


# The expression of the generated ``search_vector`` column (migration 0006): ``<`` and ``>``
# become spaces, so that PostgreSQL's parser does not drop Reuters' ``<Scandinavian Airline
# System>`` as a markup tag; words inside such markers are probes like any other.
_SEARCH_VECTOR = (
    "setweight(to_tsvector('english', translate(coalesce(title, ''), '<>', '  ')), 'A') || "
    "setweight(to_tsvector('english', translate(text, '<>', '  ')), 'B')"
)


# The English stopwords of four letters or more (Snowball's list, as both engines use it):
# a probe must be indexed.
_STOPWORDS = frozenset(
    [
        "about",
        "above",
        "after",
        "again",
        "against",
        "aren",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "couldn",
        "didn",
        "does",
        "doesn",
        "doing",
        "down",
        "during",
        "each",
        "from",
        "further",
        "hadn",
        "hasn",
        "have",
        "haven",
        "having",
        "here",
        "hers",
        "herself",
        "himself",
        "into",
        "itself",
        "just",
        "mightn",
        "more",
        "most",
        "mustn",
        "myself",
        "needn",
        "once",
        "only",
        "other",
        "ours",
        "ourselves",
        "over",
        "same",
        "shan",
        "should",
        "shouldn",
        "some",
        "such",
        "than",
        "that",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "under",
        "until",
        "very",
        "wasn",
        "were",
        "weren",
        "what",
        "when",
        "where",
        "which",
        "while",
        "whom",
        "will",
        "with",
        "wouldn",
        "your",
        "yours",
        "yourself",
        "yourselves",
    ]
)


def _probe_word(value: str) -> str | None:
    """The longest plain word of the text that is no stopword: long words rarely stem oddly."""
    words = [w for w in _WORD.findall(value) if w.lower() not in _STOPWORDS]
    return max(words, key=len) if words else None


def _full_text(conn: Connection, articles: int, sample: int | None) -> tuple[list[Problem], list[str]]:
    a = t.articles
    found: list[Problem] = []
    if conn.dialect.name == "sqlite":
        missing = conn.scalars(text("SELECT id FROM articles WHERE seq NOT IN (SELECT id FROM articles_fts_docsize)"))
        found += _problem("full-text", "articles missing from the FTS index", missing)
        extra = conn.scalars(text("SELECT id FROM articles_fts_docsize WHERE id NOT IN (SELECT seq FROM articles)"))
        found += _problem("full-text", "FTS index entries of no article (rowid)", extra)
        probe = text("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH :q AND rowid = :seq")
    else:
        missing = conn.scalars(text("SELECT id FROM articles WHERE search_vector IS NULL"))
        found += _problem("full-text", "articles without a search vector", missing)
        probe = text(
            "SELECT count(*) FROM articles WHERE seq = :seq AND search_vector @@ plainto_tsquery('english', :q)"
        )
    step = 1 if sample is None or articles <= sample else -(-articles // sample)
    looked_up, not_found, sampled = 0, [], []
    query = select(a.c.seq, a.c.id, a.c.text).order_by(a.c.seq)
    for i, row in enumerate(conn.execution_options(yield_per=500).execute(query)):
        if i % step:
            continue
        sampled.append(row.seq)
        word = _probe_word(row.text)
        if word is None:
            continue
        q = f'"{word}"' if conn.dialect.name == "sqlite" else word
        looked_up += 1
        if not conn.scalar(probe, {"q": q, "seq": row.seq}):
            not_found.append(row.id)
    found += _problem("full-text", "articles the search does not find by a word of their text", not_found)
    if conn.dialect.name == "postgresql" and sampled:
        # The stored vector is what the text gives now (a generated column only drifts by damage).
        stale = conn.scalars(
            text(
                f"SELECT id FROM articles WHERE seq = ANY(:seqs) AND search_vector IS DISTINCT FROM ({_SEARCH_VECTOR})"
            ),
            {"seqs": sampled},
        )
        found += _problem("full-text", "articles whose search vector is not that of their text", stale)
    notes = [f"full-text: {looked_up} of {articles} articles looked up by a word of their text"]
    return found, notes


# content


def _content(conn: Connection) -> list[Problem]:
    a = t.articles
    found: list[Problem] = []
    for column in (a.c.content_hash, a.c.id):
        dupes = select(column).group_by(column).having(func.count() > 1)
        found += _problem("content", f"articles sharing one {column.name}", conn.scalars(dupes))
    wrong: list[str] = []
    query = select(a.c.id, a.c.content_hash, a.c.text).order_by(a.c.seq)
    for row in conn.execution_options(yield_per=500).execute(query):
        digest = content_hash(row.text)
        if row.content_hash != digest or row.id != digest[:16]:
            wrong.append(row.id)
    found += _problem("content", "articles whose id or content hash is not the hash of their text", wrong)
    return found


__all__ = ["CHECKS", "DEFAULT_SAMPLE", "IntegrityReport", "Problem", "check"]
