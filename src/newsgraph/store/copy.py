"""Copying a whole store to another database (SQLite to PostgreSQL and back), without re-analysing.

    >>> with Store.open("newsgraph.db") as source, Store.open("postgresql://host/news") as target:
    ...     copy_store(source, target)

Table by table in dependency order, in batches of rows, each batch one transaction on the
target. Rows already in the target (by primary key) are skipped, or updated when the source
changed them (stories grow, identities gain members), so an interrupted copy is resumed by
running it again, and copying again later brings the target up to date. Until a copy has
finished, the target may hold articles whose records are not all copied yet:
``newsgraph check`` reports them, and re-running the copy completes them.

Article ``seq`` numbers are not copied: the target numbers articles itself, in the
source's order (its full-text index refers to them).

A row PostgreSQL cannot hold (a NUL character, in a store written before readers removed them) is
not copied, nor is any row that refers to it; each skipped article is reported in one line
(``CopySummary.skipped``) and everything else is copied.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Column, Connection, Table, and_, insert, literal, select, update

from newsgraph.errors import StoreError
from newsgraph.store import crossdoc
from newsgraph.store import schema as t
from newsgraph.store.engine import WRITE_OPTIONS
from newsgraph.store.store import Store

DEFAULT_BATCH = 2000


@dataclass(frozen=True, slots=True)
class TableCopy:
    """What the copy did to one table: rows read from the source, inserted into and updated in the target."""

    table: str
    read: int
    inserted: int
    updated: int


@dataclass(frozen=True, slots=True)
class CopySummary:
    """What ``copy_store`` did, table by table; ``skipped`` says, one line each, what could not be copied."""

    tables: tuple[TableCopy, ...]
    skipped: tuple[str, ...] = ()

    @property
    def inserted(self) -> int:
        """Rows inserted into the target, all tables together."""
        return sum(x.inserted for x in self.tables)

    @property
    def updated(self) -> int:
        """Rows of the target updated to the source's values."""
        return sum(x.updated for x in self.tables)


def tables() -> list[Table]:
    """Every table of the store, parents before children (the order rows are copied in)."""
    assert crossdoc.stories.metadata is t.metadata  # the link tables are part of the schema
    return list(t.metadata.sorted_tables)


def copy_store(
    source: Store,
    target: Store,
    *,
    batch: int = DEFAULT_BATCH,
    on_table: Callable[[TableCopy], None] | None = None,
) -> CopySummary:
    """Copy every row of ``source`` into ``target`` (see the module docstring).

    Args:
        source: the store to read (not changed).
        target: an empty store, or an earlier (possibly interrupted) copy of ``source``.
        batch: rows per read and per target transaction.
        on_table: called after each table, e.g. to report progress.

    Raises:
        StoreError: the target holds articles the source does not (it is another store),
            or a database refused a read or a write.
    """
    if source.url == target.url:
        raise StoreError("cannot copy a store onto itself")
    source_ids = set(source.article_ids())
    foreign = [i for i in target.article_ids() if i not in source_ids]
    if foreign:
        raise StoreError(
            f"{target.describe()} holds {len(foreign)} article(s) that {source.describe()} does not "
            f"(e.g. {foreign[0]}): copy only into an empty store or an earlier copy of the same one"
        )
    writer = target.engine.execution_options(**WRITE_OPTIONS)
    done = []
    skips = _Skips(holds_nul=target.backend == "postgresql")
    with source.engine.connect() as reader:
        if source.backend == "postgresql":
            # One snapshot for all tables, also while an ingest writes to the source.
            reader = reader.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
        for table in tables():
            result = _copy_table(reader, writer, table, batch, skips)
            done.append(result)
            if on_table is not None:
                on_table(result)
    return CopySummary(tuple(done), tuple(skips.messages()))


@dataclass(slots=True)
class _Skips:
    """Rows left out of a copy, and the keys other rows refer to them by, so their dependants go too."""

    holds_nul: bool
    keys: dict[tuple[str, tuple[str, ...]], set[tuple[Any, ...]]] = field(default_factory=lambda: defaultdict(set))
    articles: list[str] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def keep(self, table: Table, values: dict[str, Any]) -> bool:
        """Whether a row can be copied; if not, it is remembered with the keys its dependants use."""
        if not (self.holds_nul and _holds_nul(values)) and not self._depends_on_skipped(table, values):
            return True
        if table is t.articles:
            self.articles.append(str(values["id"]))
        elif not self._depends_on_skipped(table, values):
            self.rows[table.name] += 1
        for columns in _referenced_keys(table):
            self.keys[(table.name, columns)].add(tuple(values[c] for c in columns))
        return False

    def _depends_on_skipped(self, table: Table, values: dict[str, Any]) -> bool:
        for constraint in table.foreign_key_constraints:
            parent = constraint.referred_table.name
            columns = tuple(e.column.name for e in constraint.elements)
            skipped = self.keys.get((parent, columns))
            if skipped and tuple(values[c] for c in constraint.column_keys) in skipped:
                return True
        return False

    def messages(self) -> list[str]:
        lines = [
            f"article {a}: not copied, it holds NUL characters PostgreSQL cannot store (re-ingest its source)"
            for a in self.articles
        ]
        lines += [f"{table}: {n} row(s) holding NUL characters not copied" for table, n in sorted(self.rows.items())]
        return lines


def _holds_nul(values: dict[str, Any]) -> bool:
    for value in values.values():
        if isinstance(value, str) and "\x00" in value:
            return True
        if isinstance(value, dict | list) and "\\u0000" in json.dumps(value):
            return True
    return False


def _referenced_keys(table: Table) -> list[tuple[str, ...]]:
    """The column tuples of ``table`` that foreign keys of other tables refer to."""
    found = {
        tuple(e.column.name for e in constraint.elements)
        for other in t.metadata.tables.values()
        for constraint in other.foreign_key_constraints
        if constraint.referred_table is table
    }
    return sorted(found)


def _columns(table: Table) -> list[Column[Any]]:
    """The columns copied: all but the article ``seq``, which the target assigns."""
    return [c for c in table.columns if not (table is t.articles and c.name == "seq")]


def _copy_table(reader: Connection, writer: Any, table: Table, batch: int, skips: _Skips) -> TableCopy:
    columns = _columns(table)
    key = list(table.primary_key.columns) if table is not t.articles else [t.articles.c.id]
    order = [t.articles.c.seq] if table is t.articles else key
    read = inserted = updated = 0
    with writer.connect() as conn:
        # Into an empty table (a first copy) nothing can clash: no lookups of what is there.
        empty = conn.scalar(select(literal(1)).select_from(table).limit(1)) is None
    rows = reader.execution_options(yield_per=batch).execute(select(*columns).order_by(*order))
    for chunk in rows.partitions():
        read += len(chunk)
        values = [v for row in chunk if skips.keep(table, v := _normalised(row._asdict()))]
        with writer.begin() as conn:
            existing = {} if empty else _existing(conn, table, key, values)
            fresh = [v for v in values if _key(v, key) not in existing]
            changed = [v for v in values if (old := existing.get(_key(v, key))) is not None and old != v]
            if fresh:
                conn.execute(insert(table), fresh)
            for v in changed:
                conn.execute(update(table).where(and_(*(c == v[c.name] for c in key))).values(v))
        inserted += len(fresh)
        updated += len(changed)
    return TableCopy(table.name, read, inserted, updated)


def _key(values: dict[str, Any], key: Sequence[Column[Any]]) -> tuple[Any, ...]:
    return tuple(values[c.name] for c in key)


def _existing(
    conn: Connection, table: Table, key: Sequence[Column[Any]], values: list[dict[str, Any]]
) -> dict[tuple[Any, ...], dict[str, Any]]:
    """The target's rows with the keys of ``values``, by key."""
    wanted = {_key(v, key) for v in values}
    # By the key's first column (the article, mostly): its index serves a plain IN list,
    # which PostgreSQL does not do as well for a list of row values.
    firsts = list(dict.fromkeys(k[0] for k in wanted))
    found: dict[tuple[Any, ...], dict[str, Any]] = {}
    # Chunks keep the IN list under SQLite's bound-parameter limit.
    for i in range(0, len(firsts), 400):
        for row in conn.execute(select(*_columns(table)).where(key[0].in_(firsts[i : i + 400]))):
            values_of = _normalised(row._asdict())
            if (k := _key(values_of, key)) in wanted:
                found[k] = values_of
    return found


def _normalised(values: dict[str, Any]) -> dict[str, Any]:
    """Values as both engines give them back: aware UTC datetimes, bytes for binary."""
    out = {}
    for name, value in values.items():
        if isinstance(value, dt.datetime) and value.tzinfo is None:
            # SQLite keeps no offset; the store writes UTC.
            value = value.replace(tzinfo=dt.UTC)
        elif isinstance(value, dt.datetime):
            value = value.astimezone(dt.UTC)
        elif isinstance(value, memoryview):
            value = bytes(value)
        out[name] = value
    return out


__all__ = ["DEFAULT_BATCH", "CopySummary", "TableCopy", "copy_store", "tables"]
