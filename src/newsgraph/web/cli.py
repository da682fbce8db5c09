"""``newsgraph serve``: the web interface and the REST API over a store, with uvicorn."""

from __future__ import annotations

import contextlib
import socket
from typing import TYPE_CHECKING

import click

from newsgraph.settings import Settings
from newsgraph.store_cli import DB_ENV, db_option

if TYPE_CHECKING:
    from newsgraph.store import Store


@click.command(short_help="Serve the web interface and the REST API over the store.")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Server processes. Several answer concurrent readers in parallel (one per core is a good start); "
    "each opens the store and loads the model on its first analyze.",
)
@click.pass_obj
def serve(settings: Settings | None, db: str | None, host: str, port: int, workers: int) -> None:
    """Serve the web interface (search, articles, entities, claims, analyze) and the REST API
    (/api/v1, documented at /openapi.json) over the store, until Ctrl-C.

    `POST /api/v1/articles` (ingest) needs the token set in NEWSGRAPH_TOKEN; without it,
    ingest over HTTP is disabled. The model loads on the first analyze or ingest request.

    One process serves a laptop's reader. For many readers at once, --workers N runs N processes
    behind the one port: reads then use every core (a single Python process answers one request at
    a time); caches are per process.

    \b
    Examples:
      newsgraph serve
      newsgraph serve --db postgresql://localhost/news --port 8080
      newsgraph serve --db postgresql://localhost/news --workers 4
    """
    import uvicorn

    from newsgraph.store import Store
    from newsgraph.web import create_site

    settings = settings or Settings.from_env()
    shown = f"[{host}]" if ":" in host else host
    if workers > 1:
        _serve_workers(settings, db, host, port, workers)
        return

    class AnnouncingServer(uvicorn.Server):
        # The address is printed once the socket listens, so whoever reads it can connect at once.
        async def startup(self, sockets: list[socket.socket] | None = None) -> None:
            await super().startup(sockets)
            if self.started:
                click.echo(f"newsgraph: open http://{shown}:{port}/ in a browser (Ctrl-C to stop)")

    store = Store.open(db)
    try:
        refresh_statistics(store)
        app = create_site(store, settings=settings)
        config = uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False)
        click.echo(f"newsgraph: serving {store.describe()} ({store.count()} articles)")
        try:
            AnnouncingServer(config).run()
        except KeyboardInterrupt:
            # uvicorn shuts down cleanly on Ctrl-C, then re-raises it: for a server that is a normal stop.
            click.echo("newsgraph: stopped")
    finally:
        store.close()


_BACKLOG = 2048
"""Connections waiting to be accepted (uvicorn's default)."""


def _serve_workers(settings: Settings, db: str | None, host: str, port: int, workers: int) -> None:
    """``workers`` uvicorn processes, each building the site from the environment (``site_from_environment``)."""
    import os

    import uvicorn
    from uvicorn.supervisors import Multiprocess

    from newsgraph.store import Store
    from newsgraph.store.engine import database_url

    url = database_url(db).render_as_string(hide_password=False)
    with Store.open(url) as store:
        # Statistics once here, before the workers open the store; they stay in the database file.
        refresh_statistics(store)
        click.echo(f"newsgraph: serving {store.describe()} ({store.count()} articles) with {workers} workers")
    sock = _listening_socket(host, port, _BACKLOG)
    os.environ.update({**settings.to_env(), DB_ENV: url})
    config = uvicorn.Config(
        "newsgraph.web.site:site_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        access_log=False,
        backlog=_BACKLOG,
    )
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"newsgraph: open http://{shown}:{port}/ in a browser (Ctrl-C to stop)")
    # Ctrl-C stops the workers and then reaches us: a normal stop.
    with contextlib.suppress(KeyboardInterrupt):
        Multiprocess(config, sockets=[sock]).run()
    click.echo("newsgraph: stopped")


def _listening_socket(host: str, port: int, backlog: int) -> socket.socket:
    """A TCP socket listening on ``host:port``, for the workers to accept on.

    Bound here, before the workers start, so that once the address is printed a connection waits to be
    accepted. Made with the TCP protocol number, not 0 as uvicorn's ``bind_socket`` does: asyncio turns
    Nagle's algorithm off only on sockets it knows to be TCP, and with it on every response waited ~40 ms
    for the client's delayed acknowledgement.
    """
    found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    family, kind, proto, _, address = found[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
    except OSError as exc:
        sock.close()
        raise click.ClickException(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    sock.listen(backlog)
    sock.set_inheritable(True)
    return sock


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
