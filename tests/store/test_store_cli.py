"""The store commands end to end through click, as the main CLI will attach them."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import click
import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from newsgraph.errors import InputError
from newsgraph.ingest import document_from_json, registry
from newsgraph.nlp.analyze import article_id
from newsgraph.store import Store
from newsgraph.store import schema as t
from newsgraph.store_cli import COMMANDS

WIRE = (
    "MOSCOW (Reuters) - Syrian President Bashar al-Assad and his family arrived in Moscow on Sunday, "
    "Russian news agencies reported. Russia granted them asylum, a Kremlin source told Interfax."
)
OTHER = "The European Central Bank left interest rates unchanged on Thursday, its president said."


@pytest.fixture
def cli() -> click.Group:
    group = click.Group("newsgraph")
    for command in COMMANDS:
        group.add_command(command)
    return group


def _corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir(parents=True)
    (folder / "wire.txt").write_text(WIRE, encoding="utf-8")
    (folder / "ecb.txt").write_text(OTHER, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    return folder


def test_ingest_then_query(cli: click.Group, db_url: str, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["ingest", str(_corpus(tmp_path)), "--db", db_url, "--quiet"])
    assert isinstance(result.exception, InputError)
    assert "2 ingested (0 near-duplicates), 0 duplicates, 1 failed" in result.stderr
    assert "failed: " in result.stderr and "empty.txt" in result.stderr

    again = runner.invoke(cli, ["ingest", str(_corpus(tmp_path / "x")), "--db", db_url, "--quiet"])
    assert "0 ingested (0 near-duplicates), 2 duplicates, 1 failed" in again.stderr

    hits = json.loads(runner.invoke(cli, ["search", "asylum", "--db", db_url, "--json"]).stdout)
    assert [h["article_id"] for h in hits] == [article_id(WIRE)]
    text = runner.invoke(cli, ["search", "asylum", "--db", db_url]).stdout
    assert article_id(WIRE) in text and "asylum" in text
    english = json.loads(runner.invoke(cli, ["search", "asylum", "--db", db_url, "--language", "en", "--json"]).stdout)
    assert [h["article_id"] for h in english] == [article_id(WIRE)]
    assert (
        json.loads(runner.invoke(cli, ["search", "asylum", "--db", db_url, "--language", "fr", "--json"]).stdout) == []
    )

    shown = json.loads(runner.invoke(cli, ["show", article_id(WIRE), "--db", db_url, "--json"]).stdout)
    assert shown["text"] == WIRE and shown["near_duplicate_of"] is None
    assert "Bashar al-Assad" in runner.invoke(cli, ["show", article_id(WIRE), "--db", db_url]).stdout
    missing = runner.invoke(cli, ["show", "nope", "--db", db_url])
    assert isinstance(missing.exception, InputError)

    for command in (["claims"], ["claims", "--source-kind", "anonymous"], ["sources"]):
        result = runner.invoke(cli, [*command, "--db", db_url, "--json"])
        assert result.exit_code == 0, result.output
        assert isinstance(json.loads(result.stdout), list)


def test_every_message_is_one_line_and_skipped_files_are_counted(cli: click.Group, tmp_path: Path) -> None:
    folder = _corpus(tmp_path / ("a-folder-whose-name-is-long-enough-to-pass-eighty-columns-" * 2))
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(32))
    result = CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(tmp_path / "n.db"), "--quiet"])
    lines = result.stderr.splitlines()
    failed = [line for line in lines if line.startswith("failed: ")]
    assert len(failed) == 1 and failed[0].endswith("empty.txt: empty input, no text to analyze")
    assert [line for line in lines if line.startswith("skipped: ")] == [
        f"skipped: {folder / 'photo.png'}: unsupported file type"
    ]
    assert lines[-1].startswith("2 ingested (0 near-duplicates), 0 duplicates, 1 failed, 1 skipped: unsupported file")
    assert lines[-1].endswith("n.db")


def test_export_reads_back_as_the_same_articles(cli: click.Group, db_url: str, tmp_path: Path) -> None:
    runner = CliRunner()
    runner.invoke(cli, ["ingest", str(_corpus(tmp_path)), "--db", db_url, "--quiet"])
    with Store.open(db_url) as store:
        stored = {a.id: a for a in store.iter_articles()}

    jsonl = tmp_path / "out.jsonl"
    assert runner.invoke(cli, ["export", "--db", db_url, "-o", str(jsonl)]).exit_code == 0
    lines = jsonl.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    # Each line is an input object for the JSON readers, and its content hashes to the same id.
    for i, line in enumerate(lines):
        document = document_from_json(json.loads(line), f"out.jsonl:{i + 1}")
        assert stored[article_id(document.text)].text == document.text

    csv_path = tmp_path / "out.csv"
    assert runner.invoke(cli, ["export", "--db", db_url, "--format", "csv", "-o", str(csv_path)]).exit_code == 0
    with csv_path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {article_id(r["text"]) for r in rows} == set(stored)


@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
def test_export_ingests_back_through_the_readers(cli: click.Group, suffix: str, tmp_path: Path) -> None:
    assert any(reader.claims(Path("x" + suffix)) for reader in registry)
    runner = CliRunner()
    first, second = tmp_path / "a.db", tmp_path / "b.db"
    runner.invoke(cli, ["ingest", str(_corpus(tmp_path)), "--db", str(first), "--quiet"])
    out = tmp_path / f"export{suffix}"
    runner.invoke(cli, ["export", "--db", str(first), "--format", suffix[1:], "-o", str(out)])
    result = runner.invoke(cli, ["ingest", str(out), "--db", str(second), "--quiet"])
    assert result.exit_code == 0, result.stderr
    assert "2 ingested" in result.output
    with Store.open(first) as a, Store.open(second) as b:
        assert len(a.article_ids()) == 2
        assert sorted(a.article_ids()) == sorted(b.article_ids())
        hashes = sa.select(t.articles.c.content_hash).order_by(t.articles.c.content_hash)
        with a.engine.connect() as ca, b.engine.connect() as cb:
            assert list(ca.scalars(hashes)) == list(cb.scalars(hashes))


def test_csv_export_keeps_every_input_field(cli: click.Group, tmp_path: Path) -> None:
    source = tmp_path / "in" / "a.json"
    source.parent.mkdir()
    fields = {"url": "https://example.org/a", "published": "2024-12-08", "title": "Talks", "outlet": "Wire"}
    source.write_text(json.dumps({**fields, "author": "A. Writer", "text": OTHER}), encoding="utf-8")
    runner = CliRunner()
    runner.invoke(cli, ["ingest", str(source), "--db", str(tmp_path / "a.db"), "--quiet"])
    out = tmp_path / "out.csv"
    runner.invoke(cli, ["export", "--db", str(tmp_path / "a.db"), "--format", "csv", "-o", str(out)])
    runner.invoke(cli, ["ingest", str(out), "--db", str(tmp_path / "b.db"), "--quiet"])
    with Store.open(tmp_path / "a.db") as a, Store.open(tmp_path / "b.db") as b:
        first, again = a.get_article(article_id(OTHER)), b.get_article(article_id(OTHER))
    assert first is not None and again is not None
    keep = ("url", "published", "title", "outlet", "author")
    assert [getattr(again, k) for k in keep] == [getattr(first, k) for k in keep]
    assert again.outlet == "Wire" and again.author == "A. Writer"
