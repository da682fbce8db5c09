"""``StoryIndex.load``: the bulk rebuild of a reopened store equals placing each article with ``add``."""

from __future__ import annotations

import random

from newsgraph.link.stories import StoryFeatures, StoryIndex

WORDS = [f"w{i}" for i in range(60)]
IDS = [f"i-{i}" for i in range(15)]
LEMMAS = ["arrive", "vote", "attack", "meet", "flood", "buy"]


def synthetic(n: int, seed: int = 7) -> list[StoryFeatures]:
    """``n`` articles drawing from overlapping vocabularies, so some join stories and some open them."""
    rng = random.Random(seed)
    found = []
    for k in range(n):
        topic = rng.randrange(5)
        words = rng.sample(WORDS[topic * 12 : topic * 12 + 14], 6)
        found.append(
            StoryFeatures(
                f"a{k}",
                frozenset(rng.sample(IDS[topic * 3 : topic * 3 + 3], 2)),
                frozenset({LEMMAS[topic]}),
                730000 + rng.randrange(300) if rng.random() < 0.9 else None,
                {w: rng.randint(1, 4) for w in words},
            )
        )
    return found


def test_load_equals_adding_each_article_and_decides_alike_afterwards() -> None:
    items = synthetic(300)
    incremental = StoryIndex()
    placed = [(f, incremental.add(f).story_id) for f in items[:250]]
    assert 3 < len(incremental.stories) < 200  # both joins and openings happened
    loaded = StoryIndex()
    loaded.load(placed)
    assert loaded.stories.keys() == incremental.stories.keys()
    for story_id, story in incremental.stories.items():
        other = loaded.stories[story_id]
        # Exactly equal, norms included: the next decisions must not change.
        assert (other.articles, other.terms, other.identities, other.lemmas) == (
            story.articles,
            story.terms,
            story.identities,
            story.lemmas,
        )
        assert (other.first_day, other.last_day, other.norm) == (story.first_day, story.last_day, story.norm)
    assert loaded.articles == incremental.articles and loaded._df == incremental._df
    assert loaded._postings == incremental._postings and loaded._next == incremental._next
    for features in items[250:]:
        assert loaded.add(features) == incremental.add(features)


def test_load_of_nothing_is_an_empty_index() -> None:
    index = StoryIndex()
    index.load([])
    assert index.stories == {} and index.articles == 0
