"""Command-line commands over the store: ``ingest``, ``search``, ``show``, ``claims``, ``sources``, ``export``,
``check``, ``copy``.

Thin click commands over ``newsgraph.store`` and ``newsgraph.batch``; attach them to
the main group with ``cli.add_command(...)`` (see ``COMMANDS``).
"""

from __future__ import annotations

import dataclasses
import json
import sys
import time
import typing
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from newsgraph.errors import InputError, StoreError
from newsgraph.link.near_duplicates import DEFAULT_THRESHOLD as REUSE_THRESHOLD
from newsgraph.records import Article, ClaimStatus
from newsgraph.settings import Settings
from newsgraph.store import HIGHLIGHT, NearDuplicateLink, Store

_STATUS = typing.get_args(ClaimStatus)
_SOURCE_KINDS = ("person", "organization", "anonymous", "unspecified")

DB_ENV = "NEWSGRAPH_DB"

db_option = click.option(
    "--db",
    "db",
    envvar=DB_ENV,
    default=None,
    metavar="URL",
    help="SQLite file or postgresql:// URL [default: newsgraph.db here; env NEWSGRAPH_DB].",
)
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")


def _stdout() -> Console:
    return Console(highlight=False, soft_wrap=False)


def _print_json(value: Any) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2, default=str))


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@db_option
@click.option("--partition-size", default=64, show_default=True, help="Documents analysed together before storing.")
@click.option(
    "--threshold",
    type=click.FloatRange(0.0, 1.0, min_open=True),
    default=REUSE_THRESHOLD,
    show_default=True,
    help="Share (0-1) of either report's word 5-grams found in the other from which one reuses the other.",
)
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Analyze on a local Dask cluster of this many processes (the client stores).",
)
@click.option(
    "--scheduler", default=None, metavar="ADDRESS", help="Analyze on an existing Dask cluster (tcp://host:8786)."
)
@click.pass_obj
def ingest(
    settings: Settings | None,
    paths: tuple[Path, ...],
    db: str | None,
    partition_size: int,
    threshold: float,
    quiet: bool,
    workers: int | None,
    scheduler: str | None,
) -> None:
    """Analyze files and folders of articles and store them (idempotent, resumable).

    Content already in the store is skipped before analysis, so re-running after a crash or
    Ctrl-C resumes; every article is committed on its own. Near-duplicates (wire copy, light
    rewrites) are stored and linked to their original. Exits 2 when some input failed; the
    valid ones are stored anyway.

    Formats: text, HTML, JSON, JSON Lines, CSV (url,date,title,text), WARC, RSS/Atom, Reuters SGML.
    With --workers N or --scheduler ADDRESS the analysis runs on Dask workers (the model loads
    once per worker) and this process writes the results to the store in input order.
    """
    if workers is not None and scheduler is not None:
        raise click.UsageError("give --workers or --scheduler, not both")
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn

    from newsgraph.batch import Analyze, Ingestion, local_analyzer
    from newsgraph.batch import Progress as IngestProgress
    from newsgraph.batch.dask_engine import DaskAnalyzer

    # The settings the main command built from the environment and its options (alone, as in tests: the environment).
    settings = settings or Settings.from_env()
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    with Store.open(db) as store, ExitStack() as stack:
        analyze: Analyze | DaskAnalyzer
        if workers is None and scheduler is None:
            analyze = local_analyzer(settings)
        else:
            analyze = stack.enter_context(DaskAnalyzer(settings, workers=workers, scheduler=scheduler))
            analyze.warm_up()
        run = Ingestion(store, analyze, settings=settings, partition_size=partition_size, threshold=threshold)
        started = time.monotonic()
        bar = Progress(
            TextColumn("ingest"),
            BarColumn(),
            TaskProgressColumn(),
            TextColumn("{task.fields[articles]} articles, {task.fields[rate]:.1f}/s"),
            TextColumn("eta"),
            TimeRemainingColumn(),
            console=err,
            disable=quiet,
            transient=False,
        )

        def show(progress: IngestProgress) -> None:
            elapsed = max(time.monotonic() - started, 1e-9)
            done = progress.summary.seen
            bar.update(
                task,
                completed=progress.bytes_done,
                total=max(progress.bytes_total, 1),
                articles=done,
                rate=done / elapsed,
            )

        interrupted = False
        with bar:
            task = bar.add_task("ingest", total=None, articles=0, rate=0.0)
            try:
                run.run(paths, show)
            except KeyboardInterrupt:
                interrupted = True
        summary = run.summary
        elapsed = time.monotonic() - started
        for failure in summary.failed:
            err.print(f"failed: {escape(failure.reason)}")
        for warning in dict.fromkeys(summary.warnings):
            err.print(f"warning: {escape(warning)}")
        for skip in summary.skipped:
            err.print(f"skipped: {escape(skip.origin)}: {escape(skip.reason)}")
        skipped = "".join(f", {n} skipped: {reason}" for reason, n in summary.skipped_by_reason().items())
        err.print(
            f"{summary.ingested} ingested ({summary.near_duplicates} near-duplicates), "
            f"{summary.duplicates} duplicates, {len(summary.failed)} failed{skipped} "
            f"in {elapsed:.1f}s into {store.describe()}"
        )
    if interrupted:
        raise KeyboardInterrupt
    if summary.failed:
        raise InputError(f"{len(summary.failed)} input(s) failed; the others were stored")


@click.command()
@click.argument("query")
@db_option
@click.option("--limit", default=10, show_default=True)
@click.option("--language", metavar="CODE", help="Only articles in this language (ISO 639-1: en, fr).")
@json_option
def search(query: str, db: str | None, limit: int, language: str | None, as_json: bool) -> None:
    """Full-text search over titles and texts, best matches first, with snippets."""
    with Store.open(db) as store:
        if language is None:
            hits = store.search(query, limit=limit)
        else:
            from newsgraph.store import queries as sq

            with store.engine.connect() as conn:
                found = sq.search_articles(conn, query, sq.ArticleFilter(language=language), limit=limit, offset=0)
            hits = [sq.SearchHit(a.id, a.title, a.published, a.snippet or "", a.score or 0.0) for a in found.page.items]
    if as_json:
        _print_json([dataclasses.asdict(h) for h in hits])
        return
    console = _stdout()
    if not hits:
        console.print("no matches")
        return
    start, stop = HIGHLIGHT
    for hit in hits:
        snippet = escape(hit.snippet).replace(start, "[bold yellow]").replace(stop, "[/bold yellow]")
        console.print(
            f"[bold]{hit.article_id}[/bold]  {hit.published or '----------'}  {escape(hit.title or '(untitled)')}"
        )
        console.print(f"    {snippet}")


@click.command()
@click.argument("article_id")
@db_option
@json_option
def show(article_id: str, db: str | None, as_json: bool) -> None:
    """Show one stored article with its entities, times and claims."""
    with Store.open(db) as store:
        article = store.get_article(article_id)
        if article is None:
            raise InputError(f"{article_id}: no such article in {store.describe()}")
        original = store.near_duplicate_of(article_id)
        copies = store.near_duplicates_of(article_id)
    if as_json:
        data = article.to_dict()
        data["near_duplicate_of"] = original.original_id if original else None
        data["near_duplicates"] = [c.article_id for c in copies]
        data["reuses"] = dataclasses.asdict(original) if original else None
        data["reused_by"] = [dataclasses.asdict(c) for c in copies]
        _print_json(data)
        return
    _render_article(_stdout(), article, original, copies)


def _reuse(link: NearDuplicateLink, other: str) -> str:
    share = f"{link.similarity:.0%} of the copy's 5-grams"
    return f"{other} ({link.kind or 'near-duplicate'}, {share})"


def _render_article(
    console: Console, article: Article, original: NearDuplicateLink | None, copies: list[NearDuplicateLink]
) -> None:
    console.print(f"[bold]{escape(article.title or '(untitled)')}[/bold]")
    meta = [
        ("id", article.id),
        ("published", f"{article.published or 'unknown'} ({article.published_from})"),
        ("language", article.language),
        ("url", article.url),
        ("outlet", article.outlet),
        ("author", article.author),
        ("reuses", _reuse(original, original.source_id or original.original_id) if original else None),
        ("reused by", ", ".join(_reuse(c, c.article_id) for c in copies) or None),
    ]
    for name, value in meta:
        if value:
            console.print(f"  {name}: {escape(str(value))}")
    if article.entities:
        table = Table("entity", "type", "mentions", title="Entities", title_justify="left")
        for e in article.entities:
            table.add_row(escape(e.name), e.type, str(len(e.mentions)))
        console.print(table)
    if article.times:
        from newsgraph.extract.timex.human import describe

        table = Table("time", "type", "reads", "value", "mod", title="Times", title_justify="left")
        for x in article.times:
            reads = describe(x.value, x.mod, x.type, x.span.text)
            table.add_row(escape(x.span.text), x.type, reads, x.value, x.mod or "")
        console.print(table)
    if article.attributions:
        table = Table("source", "kind", "cue", "claim", "status", title="Claims", title_justify="left")
        for a in article.attributions:
            source = a.source.entity or (a.source.span.text if a.source.span else "")
            table.add_row(escape(source), a.source.kind, escape(a.cue.span.text), escape(a.content.text), a.status)
        console.print(table)


@click.command()
@db_option
@click.option("--entity", default=None, help="Only claims by or about this entity (name or alias).")
@click.option("--status", type=click.Choice(_STATUS), default=None, help="Only claims with this status.")
@click.option("--source-kind", type=click.Choice(_SOURCE_KINDS), default=None, help="Only this kind of source.")
@click.option("--limit", default=50, show_default=True)
@json_option
def claims(db: str | None, entity: str | None, status: Any, source_kind: Any, limit: int, as_json: bool) -> None:
    """Attributed claims across the store, newest articles first."""
    with Store.open(db) as store:
        found = store.claims(entity=entity, status=status, source_kind=source_kind, limit=limit)
    if as_json:
        _print_json([dataclasses.asdict(c) for c in found])
        return
    table = Table("article", "date", "source", "kind", "claim", "status", "via")
    for c in found:
        source = c.source_entity or c.source_text or ""
        table.add_row(
            c.article_id,
            str(c.published or ""),
            escape(source),
            c.source_kind,
            escape(c.content),
            c.status,
            escape(c.via or ""),
        )
    _stdout().print(table if found else "no claims")


@click.command()
@db_option
@click.option("--limit", default=30, show_default=True)
@json_option
def sources(db: str | None, limit: int, as_json: bool) -> None:
    """Who is cited how often, and how often anonymously."""
    with Store.open(db) as store:
        counts = store.sources(limit=limit)
    if as_json:
        _print_json([dataclasses.asdict(s) for s in counts])
        return
    table = Table("source", "citations", "anonymous", "articles")
    for s in counts:
        table.add_row(escape(s.source), str(s.citations), str(s.anonymous), str(s.articles))
    _stdout().print(table if counts else "no sources")


@click.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Default: stdout.")
def export(db: str | None, fmt: str, output: Path | None) -> None:
    """Export stored articles as JSON Lines (full analysis) or CSV (url,date,title,outlet,author,text).

    Both read back with ``newsgraph ingest``.
    """
    from newsgraph.store.export import export_csv, export_jsonl

    write = export_jsonl if fmt == "jsonl" else export_csv
    with Store.open(db) as store:
        if output is None:
            count = write(store.iter_articles(), sys.stdout)
        else:
            with output.open("w", encoding="utf-8", newline="") as out:
                count = write(store.iter_articles(), out)
    click.echo(f"exported {count} articles", err=True)


@click.command()
@db_option
@click.option("--quick", is_flag=True, help="SQLite quick_check instead of the full integrity_check (large files).")
@click.option(
    "--sample",
    type=click.IntRange(min=0),
    default=2000,
    show_default=True,
    help="Articles looked up in the search index by a word of their text (0: every article).",
)
@json_option
def check(db: str | None, quick: bool, sample: int, as_json: bool) -> None:
    """Check the store's integrity: no half-written article, no dangling link, no duplicate.

    Prints one summary line (and a line per problem); exits 1 when a problem is found.
    Safe while an ingest writes: it reads one consistent snapshot. Like every command, it
    first migrates a store written by an older newsgraph.
    """
    from newsgraph.store.integrity import check as check_store

    with Store.open(db) as store:
        report = check_store(store, quick=quick, sample=sample or None)
    if as_json:
        _print_json({"ok": report.ok, **dataclasses.asdict(report)})
    else:
        click.echo(report.summary())
        for problem in report.problems:
            click.echo(f"  {problem}")
    if not report.ok:
        raise SystemExit(1)


@click.command()
@click.option(
    "--from", "source", required=True, metavar="URL", help="The store to copy (SQLite file or postgresql:// URL)."
)
@click.option(
    "--to", "target", required=True, metavar="URL", help="An empty store, or an earlier copy to bring up to date."
)
@click.option("--batch", type=click.IntRange(min=1), default=2000, show_default=True, help="Rows per transaction.")
def copy(source: str, target: str, batch: int) -> None:
    """Copy a whole store into another database (e.g. SQLite into PostgreSQL), without re-analysing.

    Table by table in batches; rows already copied are skipped, so an interrupted copy is
    finished by running it again. The target's integrity holds once a copy has completed.
    """
    from newsgraph.store.copy import TableCopy, copy_store

    started = time.monotonic()

    def report(x: TableCopy) -> None:
        click.echo(f"{x.table}: {x.read} rows, {x.inserted} copied, {x.updated} updated", err=True)

    with Store.open(source) as src, Store.open(target) as dst:
        summary = copy_store(src, dst, batch=batch, on_table=report)
        for line in summary.skipped:
            click.echo(f"skipped: {line}", err=True)
        click.echo(
            f"copied {summary.inserted} rows ({summary.updated} updated) from {src.describe()} to {dst.describe()} "
            f"in {time.monotonic() - started:.1f}s",
            err=True,
        )
    if summary.skipped:
        raise StoreError(f"{len(summary.skipped)} item(s) could not be copied; the rest was")


COMMANDS = (ingest, search, show, claims, sources, export, check, copy)
"""Every command here, for ``for command in COMMANDS: cli.add_command(command)``."""
