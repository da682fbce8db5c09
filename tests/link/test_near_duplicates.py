"""MinHash LSH near-duplicate detection."""

from __future__ import annotations

import pytest

from newsgraph.link import NearDuplicateIndex, Signature, shingles, signature

STORY = (
    "The European Central Bank left interest rates unchanged on Thursday and said inflation in the euro zone "
    "was easing faster than expected, while growth remained weak across most member states this year."
)


def test_shingles_ignore_case_and_punctuation() -> None:
    assert shingles("The cat, the HAT.") == {"the cat the", "cat the hat"}
    assert shingles("Two words") == {"two words"}
    assert shingles("  ...  ") == set()


def test_similar_texts_are_similar_and_different_ones_are_not() -> None:
    reprint = STORY.replace("on Thursday", "on Thursday, officials said,")
    assert signature(STORY).similarity(signature(STORY)) == 1.0
    assert signature(STORY).similarity(signature(reprint)) > 0.7
    assert signature(STORY).similarity(signature("Floods hit the north of the country after days of rain.")) < 0.1


def test_signature_bytes_round_trip() -> None:
    sig = signature(STORY)
    data = sig.to_bytes()
    assert len(data) == 512
    assert Signature.from_bytes(data).similarity(sig) == 1.0
    with pytest.raises(ValueError, match="128 values"):
        Signature.from_bytes(data[:8])


def test_index_finds_matches_above_threshold_most_similar_first() -> None:
    index = NearDuplicateIndex(threshold=0.7)
    close = STORY + " Markets barely moved."
    index.add("original", signature(STORY))
    index.add("other", signature("Floods hit the north of the country after days of rain and wind."))
    index.add("close", signature(close))
    matches = index.matches(signature(STORY + " Markets barely moved on the news."))
    assert [m.article_id for m in matches] == ["close", "original"]
    assert matches[0].similarity >= matches[1].similarity >= 0.7
    assert index.matches(signature("Nothing like it at all in any way whatsoever.")) == []


def test_empty_texts_are_never_indexed_or_matched() -> None:
    index = NearDuplicateIndex()
    index.add("empty", signature("..."))
    assert len(index) == 0 and "empty" not in index
    assert index.matches(signature("...")) == []


def test_threshold_must_be_a_similarity() -> None:
    with pytest.raises(ValueError, match="threshold"):
        NearDuplicateIndex(threshold=0)
