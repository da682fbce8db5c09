"""The ``Store``: one object over an engine, opened (and migrated) once and passed around."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import TracebackType

from alembic.util import CommandError
from sqlalchemy import Connection, Engine, func, select, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DataError, IntegrityError, OperationalError, SQLAlchemyError

from newsgraph.errors import ArticleRefusedError, StoreError
from newsgraph.records import Article, ClaimStatus, SourceKind
from newsgraph.store import crossdoc, migrate, queries, repository, schema
from newsgraph.store.engine import WRITE_OPTIONS, create_store_engine, database_url, describe
from newsgraph.store.queries import Claim, SearchHit, SourceCount
from newsgraph.store.repository import NearDuplicateLink


class Store:
    """Articles and everything analysed about them, in SQLite or PostgreSQL.

    Open with ``Store.open(db)``; the schema is created or migrated on open. Each write
    method is one transaction: an article is stored with all its records or not at all.
    """

    def __init__(self, engine: Engine, url: URL) -> None:
        self.engine = engine
        self.url = url
        # Write transactions take SQLite's write lock up front (see ``WRITE_OPTIONS``).
        self._writer = engine.execution_options(**WRITE_OPTIONS)
        # Cross-article indexes, rebuilt from the link tables on the first linked write.
        self._linker: crossdoc.StoreLinker | None = None
        # The newest article when we last wrote: another writer's articles make the indexes stale.
        self._seen_seq: int | None = None

    @classmethod
    def open(cls, db: str | Path | None = None) -> Store:
        """Open the database named by ``db`` (see ``database_url``), creating or migrating it.

        Raises:
            StoreError: the database cannot be reached, or its schema is newer than this version.
        """
        url = database_url(db)
        if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
            parent = Path(url.database).parent
            if not parent.is_dir():
                raise StoreError(f"cannot create database {url.database}: folder {parent} does not exist")
        engine = create_store_engine(url)
        try:
            with engine.begin() as conn:
                migrate.upgrade(conn)
        except OperationalError as exc:
            engine.dispose()
            raise StoreError(f"cannot open database {describe(url)}: {_first_line(exc)}") from None
        except CommandError as exc:
            # Typically a database migrated by a newer newsgraph than this one.
            engine.dispose()
            raise StoreError(f"cannot migrate database {describe(url)}: {_first_line(exc)}") from None
        return cls(engine, url)

    @property
    def backend(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self.url.get_backend_name()

    def describe(self) -> str:
        """The database URL without its password."""
        return describe(self.url)

    def close(self) -> None:
        """Release the connections."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # Writing

    def add_article(
        self,
        article: Article,
        *,
        origin: str | None = None,
        signature: tuple[str, bytes] | None = None,
        near_duplicate: NearDuplicateLink | None = None,
        link: bool = True,
    ) -> bool:
        """Store ``article`` with all its records in one transaction.

        With ``link`` (the default) the article is also linked across the corpus in that
        transaction: entity identities, its story, its claims (``newsgraph.store.crossdoc``).

        Returns:
            True when stored, False when an article with the same content was already there
            (nothing is changed then).

        Raises:
            ArticleRefusedError: the database refused this article's values; other articles can be stored.
            StoreError: the database refused the write for another reason.
        """
        try:
            with self._writer.begin() as conn:
                if repository.known_ids(conn, [article.id]):
                    return False
                if link:
                    self._exclusive_links(conn)
                repository.insert_article(
                    conn, article, origin=origin, signature=signature, near_duplicate=near_duplicate
                )
                if link:
                    self._link(conn, article)
                    latest = self._latest_seq(conn)
            if link:
                self._seen_seq = latest
        except IntegrityError as exc:
            self._linker = None
            # Another writer may have stored the same content between our check and our insert.
            with self.engine.connect() as conn:
                if repository.known_ids(conn, [article.id]):
                    return False
            raise StoreError(f"cannot store article {article.id}: {_first_line(exc)}") from None
        except DataError as exc:
            self._linker = None
            raise ArticleRefusedError(f"cannot store article {article.id}: {_first_line(exc)}") from None
        except SQLAlchemyError as exc:
            self._linker = None
            raise StoreError(f"cannot store article {article.id}: {_first_line(exc)}") from None
        return True

    def relink(self, *, batch: int = 200) -> crossdoc.StoreLinker:
        """Rebuild every cross-article link from the stored articles, in one transaction; the linker that did it.

        The old links are deleted and the articles linked again in storage order with the current
        parameters, serialised with other linking writers as a linked ``add_article`` is. On failure
        the old links stay.
        """
        with self._writer.begin() as conn:
            self._exclusive_links(conn)
            linker = crossdoc.relink(conn, batch=batch)
        # The in-memory indexes describe the old links: rebuilt from the tables on the next write.
        self._linker = None
        return linker

    def _exclusive_links(self, conn: Connection) -> None:
        """Serialize linked writes across processes and drop link indexes another writer made stale.

        The linker keeps the corpus's identities, stories and claims in memory and allocates
        their ids from it: two writers (``ingest`` next to ``serve``) would otherwise hand out
        the same ids. SQLite's immediate transaction already serializes writers; PostgreSQL's
        needs a lock. After it, an article stored by someone else since our last write means
        our indexes miss it: they are rebuilt from the tables.
        """
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LINK_LOCK})
        if self._latest_seq(conn) != self._seen_seq:
            self._linker = None

    @staticmethod
    def _latest_seq(conn: Connection) -> int | None:
        latest = conn.scalar(select(func.max(schema.articles.c.seq)))
        return None if latest is None else int(latest)

    def _link(self, conn: Connection, article: Article) -> None:
        if self._linker is None:
            self._linker = crossdoc.StoreLinker.load(conn)
        try:
            self._linker.link(conn, article)
        except BaseException:
            # The indexes may now hold what the rolled-back transaction does not: rebuild them next time.
            self._linker = None
            raise

    def delete_article(self, article_id: str) -> bool:
        """Delete an article and its records; False when it was not stored."""
        self._linker = None  # its cross-article links go with it; the indexes are rebuilt on the next write
        with self._writer.begin() as conn:
            return repository.delete_article(conn, article_id)

    # Reading

    def known_ids(self, ids: Sequence[str]) -> set[str]:
        """Those of ``ids`` already stored."""
        with self.engine.connect() as conn:
            return repository.known_ids(conn, ids)

    def count(self) -> int:
        """How many articles are stored."""
        with self.engine.connect() as conn:
            return repository.count_articles(conn)

    def article_ids(self) -> list[str]:
        """All article ids in storage order."""
        with self.engine.connect() as conn:
            return repository.article_ids(conn)

    def get_article(self, article_id: str) -> Article | None:
        """The stored article, equal to the one stored, or None."""
        with self.engine.connect() as conn:
            return repository.get_article(conn, article_id)

    def get_articles(self, ids: Sequence[str]) -> list[Article]:
        """The stored articles with these ids, in that order (unknown ids left out)."""
        with self.engine.connect() as conn:
            return repository.get_articles(conn, ids)

    def iter_articles(self, batch: int = 200) -> Iterator[Article]:
        """Every article in storage order, read ``batch`` at a time."""
        ids = self.article_ids()
        for i in range(0, len(ids), batch):
            yield from self.get_articles(ids[i : i + batch])

    def near_duplicate_of(self, article_id: str) -> NearDuplicateLink | None:
        """The link to this article's original when it is a near-duplicate."""
        with self.engine.connect() as conn:
            return repository.near_duplicate_of(conn, article_id)

    def near_duplicates_of(self, original_id: str) -> list[NearDuplicateLink]:
        """The near-duplicates of an original."""
        with self.engine.connect() as conn:
            return repository.near_duplicates_of(conn, original_id)

    def signatures(self, scheme: str) -> list[tuple[str, bytes]]:
        """All stored near-duplicate signatures of ``scheme``, in storage order."""
        with self.engine.connect() as conn:
            return list(repository.iter_signatures(conn, scheme))

    def refresh_signatures(self, scheme: str, make: Callable[[str], bytes], *, batch: int = 500) -> int:
        """Give every article without a signature of ``scheme`` one, made by ``make`` from its text.

        A store written under older fingerprint parameters is brought up to date once, so that new
        articles are compared with all of the old ones. Returns how many were made.
        """
        made, after = 0, 0
        while True:
            with self.engine.connect() as conn:
                outdated = repository.outdated_signatures(conn, scheme, after=after, limit=batch)
            if not outdated:
                return made
            with self._writer.begin() as conn:
                repository.replace_signatures(conn, scheme, [(aid, make(text)) for _, aid, text in outdated])
            made += len(outdated)
            after = outdated[-1][0]

    def search(self, query: str, *, limit: int = 10) -> list[SearchHit]:
        """Full-text search; see ``newsgraph.store.queries.search``."""
        with self.engine.connect() as conn:
            return queries.search(conn, query, limit=limit)

    def claims(
        self,
        *,
        entity: str | None = None,
        status: ClaimStatus | None = None,
        source_kind: SourceKind | None = None,
        limit: int | None = 100,
    ) -> list[Claim]:
        """Attributed claims; see ``newsgraph.store.queries.claims``."""
        with self.engine.connect() as conn:
            return queries.claims(conn, entity=entity, status=status, source_kind=source_kind, limit=limit)

    def sources(self, *, limit: int | None = 50) -> list[SourceCount]:
        """Citation counts per source; see ``newsgraph.store.queries.sources``."""
        with self.engine.connect() as conn:
            return queries.sources(conn, limit=limit)


_LINK_LOCK = 0x6E657773677261  # "newsgra": the PostgreSQL advisory lock of linked writes


def _first_line(exc: BaseException) -> str:
    message = str(getattr(exc, "orig", None) or exc).strip()
    return message.splitlines()[0] if message else type(exc).__name__
