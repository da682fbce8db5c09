"""What becomes a claim version when an article is read: statements, never the furniture around them."""

from __future__ import annotations

from spacy.language import Language

from newsgraph.link.claims import claim_versions
from newsgraph.nlp.analyze import analyze


def wordings(text: str, nlp: Language) -> list[str]:
    return [v.wording for v in claim_versions(analyze(text, nlp=nlp), {})]


def test_a_speech_act_is_not_a_claim(nlp: Language) -> None:
    text = (
        "Billionaire Michael Bloomberg is interested in acquiring Dow Jones, Axios reported on Friday, "
        "citing a source familiar with Bloomberg's thinking."
    )
    found = wordings(text, nlp)
    assert any("interested in acquiring" in w for w in found)
    assert not [w for w in found if w.lower().startswith(("citing", "axios reported"))]


def test_a_source_phrase_is_not_a_claim() -> None:
    from newsgraph.link.claims import _is_statement

    assert not _is_statement("a source familiar with Bloomberg's thinking")
    assert not _is_statement("two people close to the Kremlin\u2019s press office")
    assert _is_statement("a source said the talks failed")
    assert not _is_statement("that it was")
