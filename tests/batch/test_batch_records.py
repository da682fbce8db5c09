"""Ingest of multi-record files: a bad record is reported with its position, its neighbours are stored."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from spacy.language import Language

from newsgraph.batch import Analyzed, Failed, Ingestion, process_partition
from newsgraph.records import Document
from newsgraph.store import Store

FIRST = "The European Central Bank left interest rates unchanged on Thursday, its president said."
SECOND = "Russia granted asylum to the former Syrian president, according to a Kremlin source on Sunday."


def test_a_bad_line_fails_alone_and_the_others_are_stored(db_url: str, nlp: Language, tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    lines = [json.dumps({"text": FIRST, "published": "2024-12-12"}), "{broken", json.dumps({"text": SECOND})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    csv_path = tmp_path / "rows.csv"
    csv_path.write_text(f'title,text\nempty,\nsecond,"{SECOND}"\n', encoding="utf-8")

    def analyze(documents: Sequence[Document]) -> list[Analyzed | Failed]:
        return process_partition(documents, nlp)

    with Store.open(db_url) as store:
        summary = Ingestion(store, analyze).run([path, csv_path])
        assert (summary.ingested, summary.duplicates) == (2, 1)
        assert [f.origin for f in summary.failed] == [f"{path}:2", f"{csv_path}:2"]
        assert "malformed JSON" in summary.failed[0].reason
        assert store.count() == 2
        first = next(a for a in store.iter_articles() if a.text == FIRST)
        assert str(first.published) == "2024-12-12"
