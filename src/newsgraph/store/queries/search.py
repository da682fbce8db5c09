"""Full-text search: FTS5 on SQLite, tsvector on PostgreSQL."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Row, text

from newsgraph.store import schema as t

HIGHLIGHT = ("«", "»")
"""Marks around matched words in search snippets."""

_WORD = re.compile(r"\w+")
_HEADLINE_OPTIONS = (
    f"StartSel={HIGHLIGHT[0]}, StopSel={HIGHLIGHT[1]}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter= … "
)


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One article matching a full-text query; higher ``score`` ranks first."""

    article_id: str
    title: str | None
    published: dt.date | None
    snippet: str
    score: float


def search(conn: Connection, query: str, *, limit: int = 10, snippets: bool = True) -> list[SearchHit]:
    """Articles matching every word of ``query`` in title or text, best first, with snippets.

    Words are matched after stemming (``ministries`` finds ``ministry``); punctuation and
    query operators in ``query`` are ignored, so any user input is safe. With ``snippets``
    False every hit's snippet is empty: ranking a large window is then cheap, and
    ``snippets_for`` gives the snippets of the few hits shown.
    """
    words = _WORD.findall(query)
    if not words or limit <= 0:
        return []
    if conn.dialect.name == "sqlite":
        return _search_sqlite(conn, words, limit, snippets=snippets)
    return _search_postgres(conn, words, limit, snippets=snippets)


def ranked_window(conn: Connection, query: str, *, limit: int) -> list[Row[Any]]:
    """The best ``limit`` articles matching every word of ``query``, best first, with what an article list
    shows (``id, title, outlet, author, url, published, language, score``): one read for a whole result window."""
    words = _WORD.findall(query)
    if not words or limit <= 0:
        return []
    shown = "a.id, a.title, a.outlet, a.author, a.url, a.published, a.language"
    if conn.dialect.name == "sqlite":
        sql = text(
            f"SELECT {shown}, -bm25(articles_fts, 5.0, 1.0) AS score "
            "FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid "
            "WHERE articles_fts MATCH :match ORDER BY bm25(articles_fts, 5.0, 1.0), a.seq LIMIT :limit"
        )
        params: dict[str, object] = {"match": _fts_match(words), "limit": limit}
    else:
        sql = text(
            f"SELECT {shown}, ts_rank(a.search_vector, q.query) AS score "
            "FROM articles a, plainto_tsquery('english', :query) AS q(query) "
            "WHERE a.search_vector @@ q.query ORDER BY score DESC, a.seq LIMIT :limit"
        )
        params = {"query": " ".join(words), "limit": limit}
    a = t.articles
    typed = sql.columns(a.c.id, a.c.title, a.c.outlet, a.c.author, a.c.url, a.c.published, a.c.language)
    return list(conn.execute(typed, params).all())


def snippets_for(conn: Connection, query: str, article_ids: Sequence[str]) -> dict[str, str]:
    """The snippets ``search`` gives for ``query`` in these articles, by article id.

    Articles that do not match ``query`` have none. Building a snippet re-reads the
    article's text (FTS5's ``snippet``, PostgreSQL's ``ts_headline``): tens of milliseconds
    over a thousand hits, so only the page shown should ask for them.
    """
    words = _WORD.findall(query)
    if not words or not article_ids:
        return {}
    start, stop = HIGHLIGHT
    ids = list(dict.fromkeys(article_ids))
    if conn.dialect.name == "sqlite":
        sql = text(
            f"SELECT a.id, snippet(articles_fts, 1, :start, :stop, '…', 24) AS snippet "
            "FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid "
            "WHERE articles_fts MATCH :match AND articles_fts.rowid IN "
            f"(SELECT seq FROM articles WHERE id IN ({_placeholders(ids)}))"
        )
        params: dict[str, object] = {"match": _fts_match(words), "start": start, "stop": stop}
    else:
        sql = text(
            "SELECT a.id, ts_headline('english', a.text, plainto_tsquery('english', :query), :options) AS snippet "
            f"FROM articles a WHERE a.id IN ({_placeholders(ids)}) "
            "AND a.search_vector @@ plainto_tsquery('english', :query)"
        )
        params = {"query": " ".join(words), "options": _HEADLINE_OPTIONS}
    params.update({f"id{i}": article_id for i, article_id in enumerate(ids)})
    return {r.id: r.snippet for r in conn.execute(sql, params).all()}


def _placeholders(ids: Sequence[str]) -> str:
    return ", ".join(f":id{i}" for i in range(len(ids)))


def _fts_match(words: list[str]) -> str:
    # Every word quoted: a plain AND of terms, never FTS5 syntax from the user.
    return " ".join('"' + w.replace('"', "") + '"' for w in words)


def _search_sqlite(conn: Connection, words: list[str], limit: int, *, snippets: bool) -> list[SearchHit]:
    match = _fts_match(words)
    start, stop = HIGHLIGHT
    snippet = "snippet(articles_fts, 1, :start, :stop, '…', 24)" if snippets else "''"
    # bm25 weights the title column 5x; lower bm25 is better, so the score is its negation.
    sql = text(
        "SELECT a.id, a.title, a.published, "
        f"{snippet} AS snippet, "
        "-bm25(articles_fts, 5.0, 1.0) AS score "
        "FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid "
        "WHERE articles_fts MATCH :match ORDER BY bm25(articles_fts, 5.0, 1.0), a.seq LIMIT :limit"
    ).columns(t.articles.c.id, t.articles.c.title, t.articles.c.published)
    rows = conn.execute(sql, {"match": match, "start": start, "stop": stop, "limit": limit}).all()
    return [SearchHit(r.id, r.title, r.published, r.snippet, float(r.score)) for r in rows]


def _search_postgres(conn: Connection, words: list[str], limit: int, *, snippets: bool) -> list[SearchHit]:
    if not snippets:
        sql = text(
            "SELECT a.id, a.title, a.published, '' AS snippet, ts_rank(a.search_vector, q.query) AS score "
            "FROM articles a, plainto_tsquery('english', :query) AS q(query) "
            "WHERE a.search_vector @@ q.query ORDER BY score DESC, a.seq LIMIT :limit"
        ).columns(t.articles.c.id, t.articles.c.title, t.articles.c.published)
        rows = conn.execute(sql, {"query": " ".join(words), "limit": limit}).all()
        return [SearchHit(r.id, r.title, r.published, r.snippet, float(r.score)) for r in rows]
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
    rows = conn.execute(sql, {"query": " ".join(words), "limit": limit, "options": _HEADLINE_OPTIONS}).all()
    return [SearchHit(r.id, r.title, r.published, r.snippet, float(r.score)) for r in rows]
