"""Alembic environment: always run programmatically on a connection the store hands in."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from newsgraph.store.schema import metadata

connection = context.config.attributes.get("connection")
if not isinstance(connection, Connection):
    raise RuntimeError("newsgraph migrations run through newsgraph.store.migrate.upgrade, not the alembic CLI")

# Batch mode lets later ALTERs work on SQLite, which rebuilds the table for most of them.
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
