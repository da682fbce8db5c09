"""A reopened store links claims as one kept open: the claim guards' target and day are read back."""

from __future__ import annotations

import datetime as dt

from spacy.language import Language
from sqlalchemy import select

from newsgraph.link.linker import CrossDocLinker
from newsgraph.nlp.analyze import analyze
from newsgraph.store import Store, crossdoc

TEXTS = (
    "Israeli troops attacked Gaza City on March 3, 2024, the army said.",
    "Israeli troops attacked Gaza City on March 3, 2024, officials said.",
    # Another target: kept apart by the target guard, which needs the stored versions' targets.
    "Israeli troops attacked Beirut on March 4, 2024, the army said.",
    # Three weeks later: kept apart by the date guard, which needs the stored versions' days.
    "Israeli troops attacked Gaza City on March 25, 2024, the army said.",
)


def test_reopened_store_links_claims_as_in_memory(db_url: str, nlp: Language) -> None:
    articles = [analyze(t, nlp=nlp, published=dt.date(2024, 3, 26), outlet=f"Outlet {i}") for i, t in enumerate(TEXTS)]
    memory = CrossDocLinker()
    expected = {
        (c.version.article_id, c.version.record_id): c.claim_id for a in articles for c in memory.link(a).claims
    }
    assert len(set(expected.values())) == 3  # the guards split what the lemma and words would join
    with Store.open(db_url) as store:
        for article in articles[:2]:
            assert store.add_article(article)
    with Store.open(db_url) as store:
        for article in articles[2:]:
            assert store.add_article(article)
        with store.engine.connect() as conn:
            rows = conn.execute(
                select(
                    crossdoc.claim_versions.c.article_id,
                    crossdoc.claim_versions.c.record_id,
                    crossdoc.claim_versions.c.claim_id,
                    crossdoc.claim_versions.c.target,
                    crossdoc.claim_versions.c.day,
                )
            ).all()
    assert {(r.article_id, r.record_id): r.claim_id for r in rows} == expected
    assert {r.day for r in rows} == {"2024-03-03", "2024-03-04", "2024-03-25"}
    assert all(r.target for r in rows)
