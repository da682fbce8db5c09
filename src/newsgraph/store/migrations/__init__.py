"""Alembic migrations of the store, run by ``newsgraph.store.migrate.upgrade`` on open."""
