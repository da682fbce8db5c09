"""The readable terminal report of an analysed article (rich): metadata, entities, times, attributions, events.

All article text goes into ``rich.text.Text`` cells, never markup strings, so brackets in an
article cannot be mistaken for styling.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from rich import box
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from newsgraph.evaluate.scores import EvaluationReport
from newsgraph.extract.timex.human import describe
from newsgraph.records import Article, Attribution, Entity

PUBLISHED_FROM = {
    "given": "given",
    "metadata": "from the page's metadata",
    "text": "inferred from the text",
    "unknown": "unknown",
}

STATUS_STYLE = {
    "confirmed": "bold green",
    "asserted": "cyan",
    "hedged": "yellow",
    "unverified": "bold magenta",
    "declined": "dim",
    "denied": "bold red",
}

KIND_LABEL = {
    "person": "person",
    "organization": "organization",
    "anonymous": "anonymous",
    "unspecified": "unspecified",
}

CONTENT_CHARS = 160

# Short labels keep the events table one line per event at 120 columns.
ANCHOR_LABEL = {"explicit": "stated", "attribution": "claim", "publication": "pub"}


def render_article(article: Article, console: Console) -> None:
    """Print ``article`` as a readable report: a header, then one table per kind of finding.

    Tables with nothing in them are replaced by a one-line note, so the report's shape never
    hides a missing finding. Works with and without colour (piped output).
    """
    console.print(_header(article))
    entities = {entity.id: entity for entity in article.entities}
    sections: list[tuple[str, Table | None]] = [
        (f"Entities ({len(article.entities)})", _entities_table(article) if article.entities else None),
        (f"Times ({len(article.times)})", _times_table(article) if article.times else None),
        (
            f"Attributions ({len(article.attributions)})",
            _attributions_table(article, entities, console.width) if article.attributions else None,
        ),
    ]
    if article.events:
        sections.append((f"Events ({len(article.events)})", _events_table(article, entities)))
    for title, table in sections:
        console.print(Text(title, style="bold underline"))
        console.print(table if table is not None else Text("  none found", style="dim"))
        console.print()


def _header(article: Article) -> Panel:
    lines: list[Text] = []
    byline = [part for part in (article.outlet, article.author) if part]
    if byline:
        lines.append(Text(" · ".join(byline)))
    if article.url:
        lines.append(Text(article.url, style="blue"))
    published = Text("Published: ", style="bold")
    if article.published is not None:
        published.append(article.published.isoformat())
        published.append(f" ({PUBLISHED_FROM[article.published_from]})", style="dim")
    else:
        published.append("unknown", style="dim")
    lines.append(published)
    words = len(article.text.split())
    language = f" · language {article.language}" if article.language else ""
    lines.append(Text(f"id {article.id} · {words:,} words · {len(article.text):,} characters{language}", style="dim"))
    title = Text(article.title or "(untitled article)", style="bold")
    return Panel(Group(*lines), title=title, title_align="left", box=box.ROUNDED, expand=False)


def _table(*columns: str) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style="bold")
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def _entities_table(article: Article) -> Table:
    table = _table("Name", "Type", "Aliases", "Mentions")
    for entity in article.entities:
        table.add_row(
            Text(entity.name, style="bold"),
            Text(entity.type),
            Text(", ".join(alias for alias in entity.aliases if alias != entity.name)),
            Text(_mention_counts(entity)),
        )
    return table


def _mention_counts(entity: Entity) -> str:
    kinds = Counter(mention.kind for mention in entity.mentions)
    detail = ", ".join(f"{kinds[kind]} {kind}" for kind in ("name", "nominal", "pronoun") if kinds[kind])
    return f"{len(entity.mentions)} ({detail})" if detail else str(len(entity.mentions))


def _times_table(article: Article) -> Table:
    table = _table("Text", "Type", "Reads", "Value", "Mod")
    for time in sorted(article.times, key=lambda t: t.span.start):
        reads = describe(time.value, time.mod, time.type, time.span.text)
        table.add_row(
            Text(time.span.text), Text(time.type), Text(reads, style="bold"), Text(time.value), Text(time.mod or "")
        )
    return table


def _attributions_table(article: Article, entities: dict[str, Entity], width: int) -> Table:
    # Four columns, not eight: source with its intermediary, cue with its form, status, then the
    # content. rich gives short columns their full natural width, so they are capped by the
    # console's width and the content gets the rest, readable at 80 columns as at 160.
    table = _table("Source → via", "Cue (form)", "Status", "Content")
    source_width, cue_width, status_width = min(34, width * 3 // 10), min(18, width // 6), 10
    for column, cap in zip(table.columns, (source_width, cue_width, status_width), strict=False):
        column.max_width = cap
    table.columns[3].min_width = max(20, width - source_width - cue_width - status_width - 10)
    for attribution in sorted(article.attributions, key=lambda a: a.content.start):
        who = _source(attribution, entities)
        via = _via(attribution, entities)
        if via:
            who.append(f"\n→ {via}", style="italic")
        cue = Text(attribution.cue.span.text)
        form = attribution.form.replace("_", " ")
        if form != cue.plain.lower():
            cue.append(f" ({form})", style="dim")
        table.add_row(
            who,
            cue,
            Text(attribution.status, style=STATUS_STYLE.get(attribution.status, "")),
            Text(truncate(attribution.content.text, CONTENT_CHARS)),
        )
    return table


def _source(attribution: Attribution, entities: dict[str, Entity]) -> Text:
    source = attribution.source
    said = source.span.text if source.span is not None else "(no source given)"
    resolved = entities.get(source.entity) if source.entity else None
    text = Text(said)
    if resolved is not None and resolved.name != said:
        text.append(f" = {resolved.name}", style="bold")
    detail = KIND_LABEL.get(source.kind, source.kind)
    affiliation = entities.get(source.affiliation) if source.affiliation else None
    if affiliation is not None:
        detail += f", of {affiliation.name}"
    text.append(f" ({detail})", style="dim")
    return text


def _via(attribution: Attribution, entities: dict[str, Entity]) -> str:
    if attribution.via is None:
        return ""
    resolved = entities.get(attribution.via.entity) if attribution.via.entity else None
    return resolved.name if resolved is not None else attribution.via.span.text


def _events_table(article: Article, entities: dict[str, Entity]) -> Table:
    # Who did what to whom, where and when, then how firmly: the factuality column carries the
    # certainty and the claim status it inherits, so a reported "unverified" event stands out.
    table = _table("Event CAMEO", "Actor → target", "Place", "When (anchor)", "Factuality", "Claim")
    claims = {attribution.id: attribution for attribution in article.attributions}
    for event in article.events:
        what = Text(event.trigger.text, style="bold")
        what.append(f" {event.cameo or '—'}", style="dim")
        who = " → ".join(_argument(a, entities) for a in (event.actor, event.target) if a is not None)
        when = Text("")
        if event.time:
            when = Text(describe(event.time.value, event.time.mod))
            when.append(f" {ANCHOR_LABEL[event.time.anchor]}", style="dim")
        fact = Text(f"{event.certainty} {event.polarity} {event.factuality:+.1f}")
        claim = claims.get(event.attribution) if event.attribution else None
        status = Text(f"{claim.id} {claim.status}", style=STATUS_STYLE[claim.status]) if claim else Text("")
        table.add_row(
            what,
            Text(truncate(who, 60)),
            Text(_argument(event.place, entities) if event.place else ""),
            when,
            fact,
            status,
        )
    return table


def _argument(argument: Any, entities: dict[str, Entity]) -> str:
    resolved = entities.get(argument.entity) if argument.entity else None
    return resolved.name if resolved is not None else truncate(argument.span.text, 40)


def truncate(text: str, limit: int) -> str:
    """``text`` on one line, cut at a word boundary to at most ``limit`` characters with an ellipsis."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:") + "…"


def render_evaluation(report: EvaluationReport, console: Console) -> None:
    """Print an evaluation: one row of precision, recall and F1 with counts per score, then the other metrics."""
    console.print(Text(f"{report.task} on {report.data} ({report.documents:,} documents)", style="bold"))
    if report.scores:
        table = Table(box=box.SIMPLE_HEAD, header_style="bold")
        table.add_column("Score")
        for column in ("P", "R", "F1", "TP", "FP", "FN"):
            table.add_column(column, justify="right")
        for name, prf in report.scores.items():
            table.add_row(
                Text(name),
                f"{prf.precision:.3f}",
                f"{prf.recall:.3f}",
                Text(f"{prf.f1:.3f}", style="bold"),
                f"{prf.tp:,}",
                f"{prf.fp:,}",
                f"{prf.fn:,}",
            )
        console.print(table)
    if report.metrics:
        table = Table(box=box.SIMPLE_HEAD, header_style="bold")
        table.add_column("Metric")
        table.add_column("Value", justify="right")
        for name, value in report.metrics.items():
            shown = f"{value:,.0f}" if float(value).is_integer() and abs(value) >= 10 else f"{value:.3f}"
            table.add_row(Text(name), shown)
        console.print(table)
