"""Running the packaged Alembic migrations programmatically (no alembic.ini)."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

SCRIPT_LOCATION = "newsgraph.store:migrations"


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic config pointing at the migrations shipped inside the package."""
    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str | None:
    """The newest migration shipped with this version of newsgraph."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(connection: Connection) -> str | None:
    """The migration the database is at, or None for an empty database."""
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(connection: Connection, revision: str = "head") -> None:
    """Bring the database on ``connection`` up to ``revision`` inside the caller's transaction."""
    command.upgrade(alembic_config(connection), revision)


def downgrade(connection: Connection, revision: str) -> None:
    """Take the database on ``connection`` back to ``revision`` (``base`` empties it)."""
    command.downgrade(alembic_config(connection), revision)
