"""The ingest loop on both backends: idempotent, atomic, resumable, linking near-duplicates."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language
from sqlalchemy import select

from newsgraph.batch import Analyze, Analyzed, Failed, Ingestion, process_partition
from newsgraph.records import Document
from newsgraph.settings import Settings
from newsgraph.store import Store

WIRE = (
    "MOSCOW (Reuters) - Syrian President Bashar al-Assad and his family arrived in Moscow on Sunday, "
    "Russian news agencies reported, citing a Kremlin source. Russia granted them asylum on humanitarian "
    "grounds, the source told Interfax. Assad's whereabouts had been unknown since rebels entered Damascus, "
    "ending more than five decades of rule by his family. The Russian foreign ministry said earlier in the day "
    "that Assad had left Syria after talks with participants in the conflict and had given instructions "
    "for a peaceful transfer of power."
)
# The same wire story reprinted with another dateline and a trimmed last sentence.
REPRINT = WIRE.replace("MOSCOW (Reuters) - ", "DAMASCUS - ").replace(" and had given instructions", "")
# A light rewrite of the reprint: still one origin.
REWRITE = REPRINT.replace("arrived in Moscow on Sunday", "reached Moscow on Sunday") + " More follows."
OTHER = (
    "The European Central Bank left interest rates unchanged on Thursday, its president said, "
    "adding that inflation in the euro zone was easing faster than expected."
)


def analyzer(nlp: Language) -> Analyze:
    def analyze(documents: Sequence[Document]) -> list[Analyzed | Failed]:
        return process_partition(documents, nlp)

    return analyze


def write_corpus(folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "a_wire.txt").write_text(WIRE, encoding="utf-8")
    (folder / "b_other.txt").write_text(OTHER, encoding="utf-8")
    (folder / "c_empty.txt").write_text("   \n", encoding="utf-8")
    (folder / "d_binary.txt").write_bytes(b"\x00\x01\x02\xff" * 64)
    (folder / "e_reprint.txt").write_text(REPRINT, encoding="utf-8")
    (folder / "f_again.txt").write_text(WIRE, encoding="utf-8")
    return folder


def test_ingest_stores_valid_reports_bad_and_is_idempotent(db_url: str, nlp: Language, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    with Store.open(db_url) as store:
        summary = Ingestion(store, analyzer(nlp), partition_size=2).run([corpus])
        assert (summary.ingested, summary.duplicates, summary.near_duplicates) == (3, 1, 1)
        assert sorted(Path(f.origin).name for f in summary.failed) == ["c_empty.txt", "d_binary.txt"]
        assert all(f.reason for f in summary.failed)
        assert store.count() == 3

    with Store.open(db_url) as store:
        again = Ingestion(store, analyzer(nlp)).run([corpus])
        assert (again.ingested, again.duplicates, again.near_duplicates) == (0, 4, 0)
        assert store.count() == 3


def test_near_duplicates_link_to_the_original_across_runs(db_url: str, nlp: Language) -> None:
    with Store.open(db_url) as store:
        Ingestion(store, analyzer(nlp)).run_documents([Document(WIRE, "wire"), Document(OTHER, "other")])
    # A new run rebuilds the LSH index from the stored signatures.
    with Store.open(db_url) as store:
        summary = Ingestion(store, analyzer(nlp)).run_documents([Document(REPRINT, "reprint")])
        summary = Ingestion(store, analyzer(nlp)).run_documents([Document(REWRITE, "rewrite")])
        assert summary.near_duplicates == 1
        wire, other, reprint, rewrite = store.article_ids()
        assert store.near_duplicate_of(reprint).original_id == wire  # type: ignore[union-attr]
        # The rewrite is closest to the reprint, but links to the root of the cluster.
        link = store.near_duplicate_of(rewrite)
        assert link is not None and link.original_id == wire and 0.5 < link.similarity < 1
        assert store.near_duplicate_of(wire) is None
        assert store.near_duplicate_of(other) is None
        assert {c.article_id for c in store.near_duplicates_of(wire)} == {reprint, rewrite}


def test_interrupted_ingest_resumes_without_loss_or_duplicates(db_url: str, nlp: Language, tmp_path: Path) -> None:
    corpus = tmp_path / "many"
    corpus.mkdir()
    texts = [
        f"Report number {i}: the council of town {i} met on Monday and approved budget item {i * 7}." for i in range(9)
    ]
    for i, text in enumerate(texts):
        (corpus / f"{i}.txt").write_text(text, encoding="utf-8")
    real = analyzer(nlp)
    calls = 0

    def crashing(documents: Sequence[Document]) -> list[Analyzed | Failed]:
        nonlocal calls
        calls += 1
        if calls == 3:
            raise KeyboardInterrupt
        return real(documents)

    with Store.open(db_url) as store:
        run = Ingestion(store, crashing, partition_size=2)
        with pytest.raises(KeyboardInterrupt):
            run.run([corpus])
        assert store.count() == run.summary.ingested == 4
    with Store.open(db_url) as store:
        resumed = Ingestion(store, real, partition_size=2).run([corpus])
        assert (resumed.ingested, resumed.duplicates) == (5, 4)
        stored = store.get_articles(store.article_ids())

    with Store.open(tmp_path / "clean.db") as clean:
        Ingestion(clean, real).run([corpus])
        expected = clean.get_articles(clean.article_ids())
    assert sorted(stored, key=lambda a: a.id) == sorted(expected, key=lambda a: a.id)


def test_a_document_that_breaks_the_pipeline_fails_alone(nlp: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    import newsgraph.batch.partition as partition

    real = partition.analyze_documents

    def fragile(documents: Sequence[Document], **kwargs: object):  # type: ignore[no-untyped-def]
        documents = list(documents)
        if any("boom" in d.text for d in documents):
            raise RuntimeError("extractor bug")
        return real(documents, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(partition, "analyze_documents", fragile)
    results = process_partition([Document(OTHER, "ok"), Document("boom", "bad"), Document("", "empty")], nlp)
    assert isinstance(results[0], Analyzed) and results[0].origin == "ok"
    assert results[1] == Failed("bad", "analysis failed: RuntimeError: extractor bug")
    assert isinstance(results[2], Failed) and "no text" in results[2].reason


def write_mixed(folder: Path) -> Path:
    """Good inputs around one holding NUL characters and two files no reader takes."""
    folder.mkdir(exist_ok=True)
    (folder / "good_a.txt").write_text(OTHER, encoding="utf-8")
    nul = {"text": WIRE.replace("Moscow on Sunday", "Moscow\u0000 on Sunday"), "title": "Assad\u0000 in Moscow"}
    (folder / "nul_text.json").write_text(json.dumps(nul), encoding="utf-8")
    (folder / "good_b.json").write_text(json.dumps({"text": REWRITE.replace("Syrian", "The Syrian")}), "utf-8")
    (folder / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (folder / "blob").write_bytes(bytes(range(256)))
    return folder


def test_a_mixed_batch_stores_the_same_on_both_backends(db_url: str, nlp: Language, tmp_path: Path) -> None:
    corpus = write_mixed(tmp_path / "mixed")
    with Store.open(db_url) as store:
        summary = Ingestion(store, analyzer(nlp)).run([corpus])
        assert (summary.ingested, len(summary.failed)) == (3, 0), [f.reason for f in summary.failed]
        assert [w for w in summary.warnings if "removed 2 NUL characters from text, title" in w]
        assert summary.skipped_by_reason() == {"unsupported file type": 2}
        stored = store.get_articles(store.article_ids())
    assert all("\x00" not in a.text and "\x00" not in (a.title or "") for a in stored)
    assert "Assad in Moscow" in {a.title for a in stored}
    # The same texts, hence the same ids, whichever backend stored them.
    assert sorted(a.id for a in stored) == _expected_ids(corpus)


def _expected_ids(corpus: Path) -> list[str]:
    from newsgraph.ingest import read_path
    from newsgraph.nlp.analyze import article_id

    readable = [p for p in corpus.iterdir() if p.suffix in (".txt", ".json")]
    return sorted(article_id(d.text) for p in readable for d in read_path(p, Settings()))


def test_an_article_the_database_refuses_fails_alone(
    db_url: str, nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsgraph.errors import ArticleRefusedError

    original = Store.add_article

    def refuse_the_first(self: Store, article: Any, **kwargs: Any) -> bool:
        if "Kremlin" in article.text:
            raise ArticleRefusedError(f"cannot store article {article.id}: value refused")
        return original(self, article, **kwargs)

    monkeypatch.setattr(Store, "add_article", refuse_the_first)
    with Store.open(db_url) as store:
        summary = Ingestion(store, analyzer(nlp)).run_documents([Document(WIRE, "a"), Document(OTHER, "b")])
        assert (summary.ingested, [f.origin for f in summary.failed]) == (1, ["a"])
        assert "value refused" in summary.failed[0].reason


def test_articles_fingerprinted_under_older_parameters_are_still_found(db_url: str, nlp: Language) -> None:
    from newsgraph.link import SIGNATURE_SCHEME, signature
    from newsgraph.nlp.analyze import article_id

    with Store.open(db_url) as store:
        analysed = process_partition([Document(WIRE, "old.txt")], nlp)[0]
        assert isinstance(analysed, Analyzed)
        store.add_article(analysed.article, signature=("an-older-scheme", b"\x01\x02\x03\x04"))
        summary = Ingestion(store, analyzer(nlp)).run_documents([Document(REPRINT, "reprint.txt")])
        assert summary.near_duplicates == 1
        link = store.near_duplicate_of(article_id(REPRINT))
        assert link is not None and link.original_id == article_id(WIRE)
        assert dict(store.signatures(SIGNATURE_SCHEME))[article_id(WIRE)] == signature(WIRE).to_bytes()


def test_a_copy_joins_the_story_of_the_report_it_copies(
    db_url: str, nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsgraph.link.stories import StoryIndex
    from newsgraph.nlp.analyze import article_id
    from newsgraph.store.crossdoc import story_articles

    # However little a reprint's words weigh against its story, it is the same news as what it reprints.
    monkeypatch.setattr(StoryIndex, "best", lambda self, features: (None, 0.0))
    with Store.open(db_url) as store:
        Ingestion(store, analyzer(nlp)).run_documents([Document(WIRE, "wire"), Document(OTHER, "other")])
        Ingestion(store, analyzer(nlp)).run_documents([Document(REPRINT, "reprint")])
        with store.engine.connect() as conn:
            story = dict(conn.execute(select(story_articles.c.article_id, story_articles.c.story_id)).all())
    assert story[article_id(REPRINT)] == story[article_id(WIRE)] != story[article_id(OTHER)]
