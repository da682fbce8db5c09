"""Full-text search: FTS5 on SQLite, tsvector on PostgreSQL."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import Connection, text

from newsgraph.store import schema as t

HIGHLIGHT = ("«", "»")
"""Marks around matched words in search snippets."""

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One article matching a full-text query; higher ``score`` ranks first."""

    article_id: str
    title: str | None
    published: dt.date | None
    snippet: str
    score: float


def search(conn: Connection, query: str, *, limit: int = 10) -> list[SearchHit]:
    """Articles matching every word of ``query`` in title or text, best first, with snippets.

    Words are matched after stemming (``ministries`` finds ``ministry``); punctuation and
    query operators in ``query`` are ignored, so any user input is safe.
    """
    words = _WORD.findall(query)
    if not words or limit <= 0:
        return []
    if conn.dialect.name == "sqlite":
        return _search_sqlite(conn, words, limit)
    return _search_postgres(conn, words, limit)


def _search_sqlite(conn: Connection, words: list[str], limit: int) -> list[SearchHit]:
    # Every word quoted: a plain AND of terms, never FTS5 syntax from the user.
    match = " ".join('"' + w.replace('"', "") + '"' for w in words)
    start, stop = HIGHLIGHT
    # bm25 weights the title column 5x; lower bm25 is better, so the score is its negation.
    sql = text(
        "SELECT a.id, a.title, a.published, "
        "snippet(articles_fts, 1, :start, :stop, '…', 24) AS snippet, "
        "-bm25(articles_fts, 5.0, 1.0) AS score "
        "FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid "
        "WHERE articles_fts MATCH :match ORDER BY bm25(articles_fts, 5.0, 1.0), a.seq LIMIT :limit"
    ).columns(t.articles.c.id, t.articles.c.title, t.articles.c.published)
    rows = conn.execute(sql, {"match": match, "start": start, "stop": stop, "limit": limit})
    return [SearchHit(r.id, r.title, r.published, r.snippet, float(r.score)) for r in rows]


def _search_postgres(conn: Connection, words: list[str], limit: int) -> list[SearchHit]:
    start, stop = HIGHLIGHT
    # ts_headline re-parses the text, so it runs only on the page of ranked hits.
    sql = text(
        "WITH q AS (SELECT plainto_tsquery('english', :query) AS query), "
        "hits AS (SELECT a.seq, a.id, a.title, a.published, a.text, "
        "ts_rank(a.search_vector, q.query) AS score FROM articles a, q "
        "WHERE a.search_vector @@ q.query ORDER BY score DESC, a.seq LIMIT :limit) "
        "SELECT hits.id, hits.title, hits.published, hits.score, "
        "ts_headline('english', hits.text, q.query, :options) AS snippet "
        "FROM hits, q ORDER BY hits.score DESC, hits.seq"
    ).columns(t.articles.c.id, t.articles.c.title, t.articles.c.published)
    options = f"StartSel={start}, StopSel={stop}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter= … "
    rows = conn.execute(sql, {"query": " ".join(words), "limit": limit, "options": options})
    return [SearchHit(r.id, r.title, r.published, r.snippet, float(r.score)) for r in rows]
