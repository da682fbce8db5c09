"""Writing articles into the tables and reading them back as equal ``Article`` records."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Connection, Row, Table, and_, delete, func, insert, select
from sqlalchemy.exc import DBAPIError, IntegrityError

from newsgraph.records import (
    Argument,
    Article,
    Attribution,
    AttributionForm,
    Certainty,
    ClaimStatus,
    Cue,
    Entity,
    Event,
    EventTime,
    Mention,
    MentionKind,
    Polarity,
    PublishedFrom,
    Source,
    SourceKind,
    Span,
    TimeAnchor,
    TimeExpr,
    TimexType,
    Via,
)
from newsgraph.store import schema as t


@dataclass(frozen=True, slots=True)
class NearDuplicateLink:
    """An article that reuses the text of an earlier one.

    ``original_id`` is the root of the reuse cluster (never a copy itself), ``source_id`` the report it
    copies from directly. ``similarity`` is the share of the article's 5-grams found in the source,
    ``reverse`` the share of the source found in the article; ``passages`` are the article's character
    ranges made of the source's text.
    """

    article_id: str
    original_id: str
    similarity: float
    source_id: str | None = None
    kind: str | None = None
    reverse: float | None = None
    passages: tuple[tuple[int, int], ...] = ()


def content_hash(text: str) -> str:
    """The full SHA-256 of the text (the article id is its first 16 hex digits)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def insert_article(
    conn: Connection,
    article: Article,
    *,
    origin: str | None = None,
    signature: tuple[str, bytes] | None = None,
    near_duplicate: NearDuplicateLink | None = None,
) -> None:
    """Insert ``article`` and all its records on ``conn`` (the caller owns the transaction).

    Args:
        conn: a connection inside a transaction.
        article: the analysed article.
        origin: where it was read from, for messages and provenance.
        signature: ``(scheme, bytes)`` of its MinHash signature.
        near_duplicate: the link to its original when it is a near-duplicate.

    Raises:
        sqlalchemy.exc.IntegrityError: an article with this id or content is already stored.
    """
    rows: list[tuple[Table, list[dict[str, Any]]]] = [
        (
            t.articles,
            [
                {
                    "id": article.id,
                    "content_hash": content_hash(article.text),
                    "title": article.title,
                    "url": article.url,
                    "outlet": article.outlet,
                    "author": article.author,
                    "published": article.published,
                    "published_from": article.published_from,
                    "language": article.language,
                    "text": article.text,
                    "origin": origin,
                    "ingested_at": dt.datetime.now(dt.UTC),
                    **record_counts(article),
                }
            ],
        ),
        (t.entities, [_entity_row(article.id, i, e) for i, e in enumerate(article.entities)]),
        (
            t.entity_aliases,
            [
                {"article_id": article.id, "entity_id": e.id, "position": i, "alias": alias}
                for e in article.entities
                for i, alias in enumerate(e.aliases)
            ],
        ),
        (
            t.mentions,
            [
                {"article_id": article.id, "entity_id": e.id, "position": i, "kind": m.kind, **_span("span", m.span)}
                for e in article.entities
                for i, m in enumerate(e.mentions)
            ],
        ),
        (
            t.times,
            [
                {"article_id": article.id, "id": x.id, "position": i, "type": x.type, "value": x.value, "mod": x.mod}
                | _span("span", x.span)
                for i, x in enumerate(article.times)
            ],
        ),
        (t.attributions, [_attribution_row(article.id, i, a) for i, a in enumerate(article.attributions)]),
        (t.events, [_event_row(article.id, i, e) for i, e in enumerate(article.events)]),
    ]
    if signature is not None:
        scheme, data = signature
        rows.append((t.signatures, [{"article_id": article.id, "scheme": scheme, "signature": data}]))
    if near_duplicate is not None:
        link = near_duplicate
        rows.append(
            (
                t.near_duplicates,
                [
                    {
                        "article_id": link.article_id,
                        "original_id": link.original_id,
                        "similarity": link.similarity,
                        "source_id": link.source_id,
                        "kind": link.kind,
                        "reverse": link.reverse,
                        "passages": ",".join(f"{a}-{b}" for a, b in link.passages) or None,
                    }
                ],
            )
        )
    if conn.dialect.name == "postgresql" and conn.dialect.driver == "psycopg":
        _insert_pipelined(conn, rows)
    else:
        for table, table_rows in rows:
            if table_rows:
                conn.execute(insert(table), table_rows)


def record_counts(article: Article) -> dict[str, int]:
    """The record counts stored in the article's row (see ``schema.articles``), by column."""
    return {
        "entity_count": len(article.entities),
        "alias_count": sum(len(e.aliases) for e in article.entities),
        "mention_count": sum(len(e.mentions) for e in article.entities),
        "time_count": len(article.times),
        "attribution_count": len(article.attributions),
        "event_count": len(article.events),
    }


def _insert_pipelined(conn: Connection, rows: list[tuple[Table, list[dict[str, Any]]]]) -> None:
    """All inserts of one article in one psycopg pipeline: one round trip instead of one per table.

    SQLAlchemy's executemany syncs with the server once per table (and compiling multi-row
    VALUES costs more than it saves); the article's ~9 statements are known up front, so they
    are sent together. Errors are raised as SQLAlchemy's, as the other path raises them.
    """
    import psycopg

    raw: Any = conn.connection.driver_connection
    try:
        with raw.pipeline(), raw.cursor() as cursor:
            for table, table_rows in rows:
                if table_rows:
                    sql, columns = _insert_sql(table, tuple(table_rows[0]))
                    cursor.executemany(sql, [tuple(r[c] for c in columns) for r in table_rows])
    except psycopg.IntegrityError as exc:
        raise IntegrityError("INSERT (pipelined)", None, exc) from exc
    except psycopg.Error as exc:
        raise DBAPIError("INSERT (pipelined)", None, exc) from exc


@functools.cache
def _insert_sql(table: Table, columns: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    names = ", ".join(f'"{c}"' for c in columns)
    values = ", ".join("%s" for _ in columns)
    return f'INSERT INTO "{table.name}" ({names}) VALUES ({values})', columns


def _span(prefix: str, span: Span | None) -> dict[str, Any]:
    if span is None:
        return {f"{prefix}_start": None, f"{prefix}_end": None, f"{prefix}_text": None}
    return {f"{prefix}_start": span.start, f"{prefix}_end": span.end, f"{prefix}_text": span.text}


def _entity_row(article_id: str, position: int, entity: Entity) -> dict[str, Any]:
    return {"article_id": article_id, "id": entity.id, "position": position, "name": entity.name, "type": entity.type}


def _attribution_row(article_id: str, position: int, a: Attribution) -> dict[str, Any]:
    return {
        "article_id": article_id,
        "id": a.id,
        "position": position,
        "form": a.form,
        "status": a.status,
        "when_value": a.when,
        "source_kind": a.source.kind,
        "source_entity": a.source.entity,
        "source_affiliation": a.source.affiliation,
        **_span("source", a.source.span),
        "cue_lemma": a.cue.lemma,
        **_span("cue", a.cue.span),
        **_span("content", a.content),
        "via_entity": a.via.entity if a.via else None,
        **_span("via", a.via.span if a.via else None),
    }


def _argument(role: str, argument: Argument | None) -> dict[str, Any]:
    return {f"{role}_entity": argument.entity if argument else None, **_span(role, argument.span if argument else None)}


def _event_row(article_id: str, position: int, e: Event) -> dict[str, Any]:
    return {
        "article_id": article_id,
        "id": e.id,
        "position": position,
        "lemma": e.lemma,
        "type": e.type,
        "cameo": e.cameo,
        "polarity": e.polarity,
        "certainty": e.certainty,
        "factuality": e.factuality,
        **_span("trigger", e.trigger),
        **_argument("actor", e.actor),
        **_argument("target", e.target),
        **_argument("place", e.place),
        "time_value": e.time.value if e.time else None,
        "time_anchor": e.time.anchor if e.time else None,
        "time_mod": e.time.mod if e.time else None,
        "time_timex": e.time.timex if e.time else None,
        "attribution_id": e.attribution,
    }


def delete_article(conn: Connection, article_id: str) -> bool:
    """Delete an article and everything recorded about it; False when it was not stored."""
    # Explicit child deletes rather than relying on ON DELETE CASCADE, which SQLite
    # honours only when foreign keys are switched on for the connection.
    for table in (
        t.near_duplicates,
        t.signatures,
        t.events,
        t.attributions,
        t.times,
        t.mentions,
        t.entity_aliases,
        t.entities,
    ):
        conn.execute(delete(table).where(table.c.article_id == article_id))
    nd = t.near_duplicates
    conn.execute(delete(nd).where((nd.c.original_id == article_id) | (nd.c.source_id == article_id)))
    return conn.execute(delete(t.articles).where(t.articles.c.id == article_id)).rowcount > 0


def known_ids(conn: Connection, ids: Iterable[str]) -> set[str]:
    """Those of ``ids`` that are stored."""
    wanted = list(dict.fromkeys(ids))
    found: set[str] = set()
    # Chunks keep the IN list well under SQLite's bound-parameter limit.
    for i in range(0, len(wanted), 500):
        chunk = wanted[i : i + 500]
        found.update(conn.scalars(select(t.articles.c.id).where(t.articles.c.id.in_(chunk))))
    return found


def count_articles(conn: Connection) -> int:
    """How many articles are stored."""
    return int(conn.scalar(select(func.count()).select_from(t.articles)) or 0)


def article_ids(conn: Connection) -> list[str]:
    """Every stored article id, in the order they were stored."""
    return list(conn.scalars(select(t.articles.c.id).order_by(t.articles.c.seq)))


def get_article(conn: Connection, article_id: str) -> Article | None:
    """The stored article with this id, equal to the one inserted, or None."""
    found = get_articles(conn, [article_id])
    return found[0] if found else None


def get_articles(conn: Connection, ids: Sequence[str]) -> list[Article]:
    """The stored articles with these ids, in the order of ``ids`` (unknown ids are left out)."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return []
    rows = {r.id: r for r in conn.execute(select(t.articles).where(t.articles.c.id.in_(wanted))).all()}
    aliases = _grouped(conn, t.entity_aliases, wanted, ("article_id", "entity_id"))
    mentions = _grouped(conn, t.mentions, wanted, ("article_id", "entity_id"))
    entities = _grouped(conn, t.entities, wanted, ("article_id",))
    times = _grouped(conn, t.times, wanted, ("article_id",))
    attributions = _grouped(conn, t.attributions, wanted, ("article_id",))
    events = _grouped(conn, t.events, wanted, ("article_id",))
    result = []
    for article_id in wanted:
        row = rows.get(article_id)
        if row is None:
            continue
        result.append(
            Article(
                id=row.id,
                text=row.text,
                title=row.title,
                url=row.url,
                outlet=row.outlet,
                author=row.author,
                published=row.published,
                published_from=cast(PublishedFrom, row.published_from),
                language=row.language,
                entities=tuple(
                    Entity(
                        id=e.id,
                        name=e.name,
                        type=e.type,
                        aliases=tuple(a.alias for a in aliases[(article_id, e.id)]),
                        mentions=tuple(
                            Mention(span=_read_span(m, "span"), kind=cast(MentionKind, m.kind))
                            for m in mentions[(article_id, e.id)]
                        ),
                    )
                    for e in entities[(article_id,)]
                ),
                times=tuple(
                    TimeExpr(
                        id=x.id,
                        span=_read_span(x, "span"),
                        type=cast(TimexType, x.type),
                        value=x.value,
                        mod=x.mod,
                    )
                    for x in times[(article_id,)]
                ),
                attributions=tuple(_read_attribution(a) for a in attributions[(article_id,)]),
                events=tuple(_read_event(e) for e in events[(article_id,)]),
            )
        )
    return result


def _grouped(
    conn: Connection, table: Any, article_ids: list[str], key: tuple[str, ...]
) -> defaultdict[tuple[str, ...], list[Row[Any]]]:
    groups: defaultdict[tuple[str, ...], list[Row[Any]]] = defaultdict(list)
    query = (
        select(table).where(table.c.article_id.in_(article_ids)).order_by(*(table.c[k] for k in key), table.c.position)
    )
    for row in conn.execute(query).all():
        groups[tuple(getattr(row, k) for k in key)].append(row)
    return groups


def _read_span(row: Row[Any], prefix: str) -> Span:
    return Span(getattr(row, f"{prefix}_start"), getattr(row, f"{prefix}_end"), getattr(row, f"{prefix}_text"))


def _read_optional_span(row: Row[Any], prefix: str) -> Span | None:
    return None if getattr(row, f"{prefix}_start") is None else _read_span(row, prefix)


def _read_attribution(row: Row[Any]) -> Attribution:
    via_span = _read_optional_span(row, "via")
    return Attribution(
        id=row.id,
        source=Source(
            span=_read_optional_span(row, "source"),
            kind=cast(SourceKind, row.source_kind),
            entity=row.source_entity,
            affiliation=row.source_affiliation,
        ),
        cue=Cue(span=_read_span(row, "cue"), lemma=row.cue_lemma),
        content=_read_span(row, "content"),
        form=cast(AttributionForm, row.form),
        status=cast(ClaimStatus, row.status),
        via=Via(span=via_span, entity=row.via_entity) if via_span is not None else None,
        when=row.when_value,
    )


def _read_argument(row: Row[Any], role: str) -> Argument | None:
    span = _read_optional_span(row, role)
    return Argument(span=span, entity=getattr(row, f"{role}_entity")) if span is not None else None


def _read_event(row: Row[Any]) -> Event:
    time = (
        EventTime(
            value=row.time_value, anchor=cast(TimeAnchor, row.time_anchor), mod=row.time_mod, timex=row.time_timex
        )
        if row.time_anchor is not None
        else None
    )
    return Event(
        id=row.id,
        trigger=_read_span(row, "trigger"),
        lemma=row.lemma,
        type=row.type,
        cameo=row.cameo,
        polarity=cast(Polarity, row.polarity),
        certainty=cast(Certainty, row.certainty),
        factuality=float(row.factuality),
        actor=_read_argument(row, "actor"),
        target=_read_argument(row, "target"),
        place=_read_argument(row, "place"),
        time=time,
        attribution=row.attribution_id,
    )


def near_duplicate_of(conn: Connection, article_id: str) -> NearDuplicateLink | None:
    """The original this article is a near-duplicate of, or None."""
    row = conn.execute(select(t.near_duplicates).where(t.near_duplicates.c.article_id == article_id)).first()
    return _near_duplicate(row) if row else None


def _near_duplicate(row: Any) -> NearDuplicateLink:
    passages = tuple((int(a), int(b)) for a, b in (p.split("-") for p in (row.passages or "").split(",") if "-" in p))
    return NearDuplicateLink(
        row.article_id, row.original_id, row.similarity, row.source_id, row.kind, row.reverse, passages
    )


def near_duplicates_of(conn: Connection, original_id: str) -> list[NearDuplicateLink]:
    """The reports that copy this one, directly or as the original of their cluster, most similar first."""
    nd = t.near_duplicates
    rows = conn.execute(
        select(nd)
        .where((nd.c.original_id == original_id) | (nd.c.source_id == original_id))
        .order_by(nd.c.similarity.desc(), nd.c.article_id)
    )
    return [_near_duplicate(r) for r in rows]


def reuse_links(conn: Connection, article_ids: Sequence[str]) -> list[NearDuplicateLink]:
    """The reuse links of those of ``article_ids`` that copy another report, in the order of the ids."""
    found: dict[str, NearDuplicateLink] = {}
    for i in range(0, len(article_ids), 500):
        chunk = list(article_ids[i : i + 500])
        rows = conn.execute(select(t.near_duplicates).where(t.near_duplicates.c.article_id.in_(chunk)))
        found.update({r.article_id: _near_duplicate(r) for r in rows})
    return [found[a] for a in article_ids if a in found]


def outdated_signatures(conn: Connection, scheme: str, *, after: int, limit: int) -> list[tuple[int, str, str]]:
    """``(seq, article_id, text)`` of up to ``limit`` stored articles after ``seq`` ``after`` with no signature
    made under ``scheme``, in storage order."""
    s, a = t.signatures, t.articles
    query = (
        select(a.c.seq, a.c.id, a.c.text)
        .outerjoin(s, and_(s.c.article_id == a.c.id, s.c.scheme == scheme))
        .where(s.c.article_id.is_(None), a.c.seq > after)
        .order_by(a.c.seq)
        .limit(limit)
    )
    return [(r.seq, r.id, r.text) for r in conn.execute(query).all()]


def replace_signatures(conn: Connection, scheme: str, signatures: Sequence[tuple[str, bytes]]) -> None:
    """Store these signatures under ``scheme``, replacing the articles' signatures of any other scheme."""
    if not signatures:
        return
    conn.execute(delete(t.signatures).where(t.signatures.c.article_id.in_([aid for aid, _ in signatures])))
    conn.execute(
        insert(t.signatures), [{"article_id": aid, "scheme": scheme, "signature": data} for aid, data in signatures]
    )


def iter_signatures(conn: Connection, scheme: str) -> Iterator[tuple[str, bytes]]:
    """Every stored ``(article_id, signature)`` made under ``scheme``, in storage order."""
    query = (
        select(t.signatures.c.article_id, t.signatures.c.signature)
        .join(t.articles, t.articles.c.id == t.signatures.c.article_id)
        .where(t.signatures.c.scheme == scheme)
        .order_by(t.articles.c.seq)
    )
    for row in conn.execute(query):
        yield row.article_id, bytes(row.signature)
