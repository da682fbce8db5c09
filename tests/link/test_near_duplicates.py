"""News reuse by 5-gram containment: verbatim, edited and partial copies, and what is not a copy."""

from __future__ import annotations

import pytest

from newsgraph.link import NearDuplicateIndex, Signature, shingles, signature
from newsgraph.link.near_duplicates import reuse_kind, shared_passages

WIRE = (
    "The European Central Bank left interest rates unchanged on Thursday and said inflation in the euro zone "
    "was easing faster than expected, while growth remained weak across most member states this year. "
    "Its president told reporters that the bank would keep policy tight until price growth was back at its "
    "target, and that cuts were not discussed at the meeting in Frankfurt."
)
OWN = (
    "Shares in Frankfurt rose for a third day as investors bet on lower borrowing costs next spring, and "
    "bond yields fell across the region after a string of weak factory surveys from Germany and France, "
    "traders in London and Paris said in the afternoon."
)


def test_shingles_ignore_case_and_punctuation() -> None:
    assert shingles("The cat, the HAT sat down.") == {"the cat the hat sat", "cat the hat sat down"}
    assert shingles("Two words") == {"two words"}
    assert shingles("  ...  ") == set()


def test_containment_of_a_trimmed_copy_and_of_reused_paragraphs() -> None:
    trimmed = WIRE.split(". Its president")[0] + "."
    assert signature(trimmed).containment(signature(WIRE)) == 1.0
    assert signature(WIRE).containment(signature(trimmed)) < 0.6
    # A report quoting the wire's paragraphs inside its own text: most of the wire is in it, not the reverse.
    partial = OWN + " " + WIRE
    assert signature(WIRE).containment(signature(partial)) == 1.0
    assert signature(WIRE).containment(signature(OWN)) == 0.0


def test_fingerprint_bytes_round_trip() -> None:
    sig = signature(WIRE)
    assert Signature.from_bytes(sig.to_bytes()).containment(sig) == 1.0
    with pytest.raises(ValueError, match="4-byte"):
        Signature.from_bytes(b"abc")


def test_kinds_of_reuse() -> None:
    assert reuse_kind(0.98, 0.95) == "verbatim"
    assert reuse_kind(1.0, 0.6) == "edited"
    assert reuse_kind(0.35, 0.1) == "partial"


def test_index_finds_edited_and_partial_copies_strongest_first() -> None:
    index = NearDuplicateIndex()
    index.add("wire", signature(WIRE))
    index.add("other", signature(OWN))
    copy = "FRANKFURT (Reuters) - " + WIRE + " (Editing by Jane Doe)"
    matches = index.matches(signature(copy))
    assert [m.article_id for m in matches] == ["wire"]
    assert matches[0].kind == "verbatim"
    # Half of the wire inside a longer report of its own: a partial copy of the wire.
    own = OWN + " Analysts expected no change before the summer, and several said the bank had been too slow to act."
    partial = {m.article_id: m for m in index.matches(signature(own + " " + WIRE.split(". Its president")[0]))}
    assert partial["wire"].kind == "partial"


def test_one_shared_sentence_of_an_unrelated_report_is_not_reuse() -> None:
    index = NearDuplicateIndex()
    index.add("wire", signature(WIRE))
    # Shares the set phrase "left interest rates unchanged on Thursday" only.
    other = "The Bank of England left interest rates unchanged on Thursday, citing sticky wage growth in Britain."
    assert index.matches(signature(other)) == []


def test_shared_passages_are_character_ranges_of_the_copy() -> None:
    copy = "Markets were calm today overall. " + WIRE
    ranges = shared_passages(copy, signature(WIRE))
    assert len(ranges) == 1
    start, end = ranges[0]
    assert copy[start:end] == WIRE.rstrip(".")


def test_empty_texts_are_never_indexed_or_matched() -> None:
    index = NearDuplicateIndex()
    index.add("empty", signature("..."))
    assert len(index) == 0 and "empty" not in index
    assert index.matches(signature("...")) == []


def test_threshold_must_be_a_share() -> None:
    with pytest.raises(ValueError, match="threshold"):
        NearDuplicateIndex(threshold=0)


QUOTE = (
    '"The reports are complete nonsense and there is nothing to them at all, the president is in good health '
    'and works as usual every day of the week," the spokesman told reporters on a call.'
)


def test_the_same_quote_in_two_reports_is_not_a_copy() -> None:
    index = NearDuplicateIndex()
    index.add("first", signature(WIRE + "\n" + QUOTE))
    index.add("quote only", signature(QUOTE))
    # Quoting the spokesman in a report of one's own shares only his words: no reuse.
    assert [m.article_id for m in index.matches(signature(OWN + "\n" + QUOTE))] == []
    # A text that is little more than the quote keeps it: a reprint of it is still found.
    assert "quote only" in [m.article_id for m in index.matches(signature(QUOTE))]


def test_quoted_spans_close_at_the_paragraph_end() -> None:
    from newsgraph.link.near_duplicates import quoted_spans

    text = "He said “it is over.\nThen «it» ended."
    assert [text[a:b] for a, b in quoted_spans(text)] == ["“it is over.", "«it»"]
