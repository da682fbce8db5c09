"""``newsgraph serve``: the web interface and the REST API over a store, with uvicorn."""

from __future__ import annotations

import socket
from typing import TYPE_CHECKING

import click

from newsgraph.settings import Settings
from newsgraph.store_cli import db_option

if TYPE_CHECKING:
    from newsgraph.store import Store


@click.command(short_help="Serve the web interface and the REST API over the store.")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.pass_obj
def serve(settings: Settings | None, db: str | None, host: str, port: int) -> None:
    """Serve the web interface (search, articles, entities, claims, analyze) and the REST API
    (/api/v1, documented at /openapi.json) over the store, until Ctrl-C.

    `POST /api/v1/articles` (ingest) needs the token set in NEWSGRAPH_TOKEN; without it,
    ingest over HTTP is disabled. The model loads on the first analyze or ingest request.

    \b
    Examples:
      newsgraph serve
      newsgraph serve --db postgresql://localhost/news --port 8080
    """
    import uvicorn

    from newsgraph.store import Store
    from newsgraph.web import create_site

    shown = f"[{host}]" if ":" in host else host

    class AnnouncingServer(uvicorn.Server):
        # The address is printed once the socket listens, so whoever reads it can connect at once.
        async def startup(self, sockets: list[socket.socket] | None = None) -> None:
            await super().startup(sockets)
            if self.started:
                click.echo(f"newsgraph: open http://{shown}:{port}/ in a browser (Ctrl-C to stop)")

    store = Store.open(db)
    try:
        refresh_statistics(store)
        app = create_site(store, settings=settings or Settings.from_env())
        config = uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False)
        click.echo(f"newsgraph: serving {store.describe()} ({store.count()} articles)")
        try:
            AnnouncingServer(config).run()
        except KeyboardInterrupt:
            # uvicorn shuts down cleanly on Ctrl-C, then re-raises it: for a server that is a normal stop.
            click.echo("newsgraph: stopped")
    finally:
        store.close()


def refresh_statistics(store: Store) -> None:
    """Give SQLite's query planner table statistics before serving (PostgreSQL keeps its own).

    Without ``sqlite_stat1`` SQLite drives the claim list (newest articles first) from the
    attributions table and sorts all of them: ~0.6 s a page on the Reuters collection instead of
    under a millisecond through the index on ``articles.published``. ``analysis_limit`` keeps
    ``ANALYZE`` to a sample (~0.1 s there). Statistics are an optimisation: a locked or read-only
    database is served without them.
    """
    from sqlalchemy.exc import SQLAlchemyError

    if store.backend != "sqlite":
        return
    try:
        with store.engine.begin() as conn:
            conn.exec_driver_sql("PRAGMA analysis_limit=1000")
            conn.exec_driver_sql("ANALYZE")
    except SQLAlchemyError:
        pass
