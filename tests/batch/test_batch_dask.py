"""The Dask path (a LocalCluster of 2 worker processes) stores exactly what the single-process path stores."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from spacy.language import Language

from newsgraph.batch import Analyzed, Ingestion, process_partition
from newsgraph.batch.dask_engine import DaskAnalyzer, analyze_on_worker, worker_model
from newsgraph.errors import NewsgraphError
from newsgraph.records import Article
from newsgraph.settings import Settings
from newsgraph.store import Store
from newsgraph.store_cli import COMMANDS

STORIES = [
    "MOSCOW (Reuters) - Syrian President Bashar al-Assad and his family arrived in Moscow on Sunday, Russian news "
    "agencies reported, citing a Kremlin source. Russia granted them asylum on humanitarian grounds, the source "
    "told Interfax.",
    "The European Central Bank left interest rates unchanged on Thursday, its president said, adding that inflation "
    "in the euro zone was easing faster than expected.",
    "Apple said on Tuesday it would invest $1 billion in a new campus in Austin, Texas, according to a statement.",
    "Officials in Tokyo said an earthquake of magnitude 6.1 struck off the coast early on Monday; no damage was "
    "reported, the meteorological agency said.",
    "A spokesman for the ministry denied reports that the minister had resigned, calling them baseless.",
    "Wheat prices rose 2 percent in Chicago on Wednesday after the U.S. Agriculture Department cut its forecast.",
    "DAMASCUS - Syrian President Bashar al-Assad and his family arrived in Moscow on Sunday, Russian news agencies "
    "reported, citing a Kremlin source. Russia granted them asylum on humanitarian grounds, the source told Interfax.",
]


def _corpus(tmp_path: Path) -> Path:
    path = tmp_path / "corpus.jsonl"
    lines = [
        json.dumps({"text": text, "title": f"Story {i}", "published": f"2024-12-0{i + 1}"})
        for i, text in enumerate(STORIES)
    ]
    lines.insert(3, "{not json")
    lines.append(json.dumps({"text": STORIES[1]}))  # exact duplicate
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _contents(store: Store) -> list[tuple[Article, str | None]]:
    # ``ingested_at`` differs by construction; everything analysed, the order and the links must not.
    return [(a, getattr(store.near_duplicate_of(a.id), "original_id", None)) for a in store.iter_articles()]


@pytest.fixture(scope="module")
def cluster() -> DaskAnalyzer:
    with DaskAnalyzer(Settings(), workers=2) as analyzer:
        analyzer.warm_up()
        yield analyzer  # type: ignore[misc]


def test_dask_path_stores_the_same_as_the_single_process_path(
    cluster: DaskAnalyzer, nlp: Language, tmp_path: Path
) -> None:
    corpus = _corpus(tmp_path)
    with Store.open(tmp_path / "local.db") as local:
        expected = Ingestion(local, lambda docs: process_partition(docs, nlp), partition_size=2).run([corpus])
        local_contents = _contents(local)
    with Store.open(tmp_path / "dask.db") as distributed:
        got = Ingestion(distributed, cluster, partition_size=2).run([corpus])
        dask_contents = _contents(distributed)
    assert len(local_contents) == len(STORIES)
    assert dask_contents == local_contents
    assert dataclasses.astuple(got) == dataclasses.astuple(expected)
    assert (got.ingested, got.duplicates, got.near_duplicates, len(got.failed)) == (len(STORIES), 1, 1, 1)
    # Both workers took part, each with its own model.
    assert cluster.worker_count() == 2


def test_workers_load_the_model_once_and_return_plain_records(cluster: DaskAnalyzer) -> None:
    ids = cluster.client.run(lambda: id(worker_model(Settings())))
    assert len(set(ids.values())) == 2
    again = cluster.client.run(lambda: id(worker_model(Settings())))
    assert again == ids
    from newsgraph.records import Document

    [result] = cluster.client.gather(
        [cluster.client.submit(analyze_on_worker, [Document(STORIES[1])], Settings(), None)]
    )
    assert type(result[0]).__module__ == "newsgraph.batch.partition"
    assert isinstance(result[0].article, Article)


def test_ingest_command_with_workers(tmp_path: Path) -> None:
    import click

    group = click.Group("newsgraph")
    for command in COMMANDS:
        group.add_command(command)
    db = tmp_path / "cli.db"
    corpus = _corpus(tmp_path)
    result = CliRunner().invoke(group, ["ingest", str(corpus), "--db", str(db), "--workers", "2", "--quiet"])
    assert result.exit_code != 0  # the bad line makes it exit non-zero, the rest is stored
    output = result.output.replace("\n", "")  # rich wraps long lines
    assert f"failed: {corpus}:4: malformed JSON" in output
    assert f"{len(STORIES)} ingested (1 near-duplicates), 1 duplicates, 1 failed" in output
    with Store.open(db) as store:
        assert store.count() == len(STORIES)


def test_workers_and_scheduler_are_exclusive() -> None:
    with pytest.raises(NewsgraphError):
        DaskAnalyzer(workers=None, scheduler=None)


def test_an_existing_cluster_is_used_through_its_scheduler_address(cluster: DaskAnalyzer) -> None:
    from newsgraph.records import Document

    address = cluster.client.scheduler.address
    with DaskAnalyzer(Settings(), scheduler=address) as remote:
        assert remote.worker_count() == 2
        [result] = remote([Document(STORIES[2])])
    assert isinstance(result, Analyzed)
    assert any(e.name == "Apple" for e in result.article.entities)
    # Closing a client of someone else's cluster leaves the cluster running.
    assert cluster.worker_count() == 2


def test_an_unreachable_scheduler_is_a_clear_error() -> None:
    with pytest.raises(NewsgraphError, match="cannot reach the Dask scheduler"):
        DaskAnalyzer(scheduler="tcp://127.0.0.1:9")
