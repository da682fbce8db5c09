"""Store-backed link tests run once per backend: see ``tests/storedb.py``."""

from storedb import db_url, store

__all__ = ["db_url", "store"]
