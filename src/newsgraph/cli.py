"""The command line: thin commands over library functions. ``newsgraph --help`` documents it."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from newsgraph.errors import NewsgraphError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsgraph")
def cli() -> None:
    """Turn news articles into sourced, time-anchored knowledge."""


@cli.command()
@click.argument("path")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def analyze(path: str, output_format: str) -> None:
    """Analyze one article (text, HTML or JSON file, or - for standard input)."""
    from newsgraph.nlp import analyze as run
    from newsgraph.nlp import load_model

    nlp = load_model()
    text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    article = run(text, nlp=nlp)
    click.echo(json.dumps(article.to_dict(), ensure_ascii=False, indent=2))


def main() -> None:
    """Entry point: user errors become one line on stderr and a non-zero exit, never a traceback."""
    try:
        cli(standalone_mode=False)
    except NewsgraphError as exc:
        click.echo(f"newsgraph: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except (click.exceptions.Abort, KeyboardInterrupt):
        click.echo("newsgraph: interrupted", err=True)
        sys.exit(130)
