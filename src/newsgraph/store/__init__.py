"""Persistent storage of analysed articles: SQLite by default, PostgreSQL for shared use.

    >>> from newsgraph.store import Store
    >>> with Store.open("newsgraph.db") as store:
    ...     store.add_article(article)
    ...     store.search("naval base")

The store never imports spaCy: it stores and returns plain ``newsgraph.records``.
"""

from newsgraph.store.engine import DEFAULT_DATABASE, database_url
from newsgraph.store.queries import HIGHLIGHT, Claim, SearchHit, SourceCount
from newsgraph.store.repository import NearDuplicateLink, content_hash
from newsgraph.store.store import Store

__all__ = [
    "DEFAULT_DATABASE",
    "HIGHLIGHT",
    "Claim",
    "NearDuplicateLink",
    "SearchHit",
    "SourceCount",
    "Store",
    "content_hash",
    "database_url",
]
