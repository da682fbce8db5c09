"""Stories: articles about one development in the news, grouped incrementally.

A new article is compared with the stories that share an entity identity, an event lemma
or a distinctive word with it (an inverted index finds them without scanning the corpus),
and joins the best one when the similarity reaches a threshold; otherwise it opens a story.

The similarity mixes four signals, each 0..1:

* ``text``: cosine of TF-IDF vectors of content words (article vs. the story's summed terms);
* ``entities``: weighted overlap of entity identities (IDF weights: "Moscow" says less than "Tara Reid"),
  a key counting as far as the story's articles share it (``key_share``);
* ``events``: overlap of event lemmas, likewise;
* ``time``: closeness of publication dates (1 on the same day, halving every ``half_life`` days);
  a story with no dates on one side counts as neither close nor far.

Time also gates: a story whose articles are all more than ``max_gap`` days from the new
article's date is not a candidate (a story goes cold; next year's election is a new story).

The text, entity and event weights and the threshold (``StoryParams``) were fitted on ECB+
train topics only (grid search for B³ F1 of sub-topic stories;
``benchmarks/fit_ecb_params.py``). ECB+ documents carry no dates, so the time weight
could not be fitted and is 0 by default; the gap gate is a prior, not a fitted value.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from newsgraph.link.bilingual import english_lemma, terms_for
from newsgraph.records import Article

# Entity types that identify what a story is about; dates, numbers and money do not.
_STORY_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW"})
# Reporting verbs carry no story.
_WEAK_LEMMAS = frozenset({"say", "tell", "report", "be", "have", "do", "make", "get", "go", "come", "take"})
_MAX_TERMS = 40
_MAX_CANDIDATES = 60


@dataclass(frozen=True, slots=True)
class StoryParams:
    """How story similarity is computed: signal weights, join threshold, time half-life in days, and the share
    of a story's articles that must hold an entity or event key for it to count fully."""

    text: float = 0.3
    entities: float = 0.5
    events: float = 0.2
    time: float = 0.0
    threshold: float = 0.225
    half_life: float = 3.0
    max_gap: int = 30
    key_share: float = 0.3


DEFAULT_PARAMS = StoryParams()


@dataclass(frozen=True, slots=True)
class StoryFeatures:
    """What a story is compared on: identities, event lemmas, day number, content-word counts."""

    article_id: str
    identities: frozenset[str]
    lemmas: frozenset[str]
    day: int | None
    terms: Mapping[str, int]


def story_features(article: Article, identities: Mapping[tuple[str, str], str]) -> StoryFeatures:
    """The features of ``article``; ``identities`` maps ``(article_id, entity_id)`` to identity ids.

    Only the ``_MAX_TERMS`` most frequent content words are kept: enough to compare
    news texts, and it bounds what the index holds per article.
    """
    text = f"{article.title or ''}\n{article.text}"
    terms = dict(terms_for(text, article.language).most_common(_MAX_TERMS))
    ids = frozenset(
        identities[(article.id, e.id)]
        for e in article.entities
        if e.type in _STORY_TYPES and (article.id, e.id) in identities
    )
    lemmas = frozenset(
        lemma
        for lemma in (english_lemma(e.lemma, article.language) for e in article.events)
        if lemma not in _WEAK_LEMMAS
    )
    day = article.published.toordinal() if article.published is not None else None
    return StoryFeatures(article.id, ids, lemmas, day, terms)


@dataclass(slots=True)
class Story:
    """A story's running profile: its articles and their summed features."""

    id: str
    articles: list[str] = field(default_factory=list)
    identities: Counter[str] = field(default_factory=Counter)
    lemmas: Counter[str] = field(default_factory=Counter)
    terms: Counter[str] = field(default_factory=Counter)
    first_day: int | None = None
    last_day: int | None = None
    norm: float = 0.0
    # ``terms`` again, as arrays over the index's vocabulary (word number, count; ``words`` in use),
    # so that the norm is one vectorised pass: a big story has tens of thousands of words.
    word_ids: npt.NDArray[np.int64] = field(default_factory=lambda: np.zeros(64, dtype=np.int64))
    word_counts: npt.NDArray[np.float64] = field(default_factory=lambda: np.zeros(64))
    words: int = 0
    word_at: dict[str, int] = field(default_factory=dict)

    def add(self, features: StoryFeatures) -> None:
        """Fold an article's features into the profile."""
        self.articles.append(features.article_id)
        self.identities.update(features.identities)
        self.lemmas.update(features.lemmas)
        self.terms.update(features.terms)
        if features.day is not None:
            self.first_day = features.day if self.first_day is None else min(self.first_day, features.day)
            self.last_day = features.day if self.last_day is None else max(self.last_day, features.day)


@dataclass(frozen=True, slots=True)
class StoryAssignment:
    """Where an article went: its story, the similarity that put it there (1.0 for a new story)."""

    article_id: str
    story_id: str
    score: float
    opened: bool


class StoryIndex:
    """Incremental story clustering over ``StoryFeatures``.

    Args:
        params: weights and threshold.
        prefix: story ids are ``{prefix}{n}``.
    """

    def __init__(self, params: StoryParams = DEFAULT_PARAMS, prefix: str = "s-") -> None:
        self.params = params
        self.prefix = prefix
        self.stories: dict[str, Story] = {}
        self.articles = 0
        self._df: Counter[str] = Counter()
        self._postings: defaultdict[str, set[str]] = defaultdict(set)
        self._next = 0
        self._idf_cache: dict[str, float] = {}
        # Word → number, and each word's document frequency by number (the "w:" counts of ``_df``).
        self._vocabulary: dict[str, int] = {}
        self._word_df = np.zeros(1024)

    def _idf(self, key: str) -> float:
        # Cached until the next article is added: scoring the candidates asks for the same keys.
        value = self._idf_cache.get(key)
        if value is None:
            value = self._idf_cache[key] = math.log((1 + self.articles) / (1 + self._df[key])) + 1.0
        return value

    def score(self, features: StoryFeatures, story: Story, weights: Mapping[str, float] | None = None) -> float:
        """The similarity of an article to a story, 0..1 (``weights``: the article's ``term_weights``, if known)."""
        p = self.params
        total = p.text * self._cosine(weights or self.term_weights(features.terms), story)
        size = len(story.articles)
        total += p.entities * self._overlap(features.identities, story.identities, "e:", size)
        total += p.events * self._overlap(features.lemmas, story.lemmas, "v:", size)
        if p.time:
            total += p.time * self._closeness(features.day, story)
        return total

    def _norm(self, story: Story) -> float:
        """The length of the story's TF-IDF vector under the current IDF (that of ``_idf``, vectorised)."""
        ids = story.word_ids[: story.words]
        weights = story.word_counts[: story.words] * (np.log((1 + self.articles) / (1.0 + self._word_df[ids])) + 1.0)
        return float(np.sqrt((weights * weights).sum()))

    def _count_words(self, story: Story, terms: Mapping[str, int]) -> None:
        """Add an article's word counts to the document frequencies and to the story's word arrays."""
        vocabulary, word_at = self._vocabulary, story.word_at
        numbers, places = [], []
        for word in terms:
            number = vocabulary.get(word)
            if number is None:
                number = vocabulary[word] = len(vocabulary)
            at = word_at.get(word)
            if at is None:
                at = word_at[word] = story.words
                story.words += 1
            numbers.append(number)
            places.append(at)
        if len(vocabulary) > len(self._word_df):
            self._word_df = np.concatenate([self._word_df, np.zeros(max(len(vocabulary), len(self._word_df)))])
        if story.words > len(story.word_ids):
            grow = max(story.words, len(story.word_ids))
            story.word_ids = np.concatenate([story.word_ids, np.zeros(grow, dtype=np.int64)])
            story.word_counts = np.concatenate([story.word_counts, np.zeros(grow)])
        # Each word once per article: plain fancy-index updates are exact here.
        self._word_df[numbers] += 1
        story.word_ids[places] = numbers
        story.word_counts[places] += np.fromiter(terms.values(), dtype=np.float64, count=len(terms))

    def term_weights(self, terms: Mapping[str, int]) -> dict[str, float]:
        """Count x squared IDF per word (what a dot product with a story's counts needs), and the norm under ""."""
        idf = {t: self._idf("w:" + t) for t in terms}
        weights = {t: c * idf[t] ** 2 for t, c in terms.items()}
        weights[""] = math.sqrt(sum((c * idf[t]) ** 2 for t, c in terms.items()))
        return weights

    def _cosine(self, weights: Mapping[str, float], story: Story) -> float:
        other = story.terms
        dot = sum(w * other.get(t, 0) for t, w in weights.items() if t)
        if not dot or not story.norm:
            return 0.0
        # The story's norm is computed when an article joins it; later IDF drift is small and
        # recomputing it for every comparison would cost a pass over all of a big story's words.
        return min(1.0, dot / (weights[""] * story.norm))

    def _overlap(self, keys: frozenset[str], other: Mapping[str, int], prefix: str, size: int) -> float:
        """IDF-weighted share of the article's keys that the story has too, each as far as the story holds it.

        A key counts fully when at least ``key_share`` of the story's articles have it, and in proportion
        below that: matching against the bare union of a story's keys let a big story match everything
        and swallow ever more (one Reuters "story" grew to 9,089 articles).
        """
        if not keys:
            return 0.0
        weights = {k: self._idf(prefix + k) for k in keys}
        full = self.params.key_share * max(size, 1)
        return sum(w * min(1.0, other.get(k, 0) / full) for k, w in weights.items()) / sum(weights.values())

    def _closeness(self, day: int | None, story: Story) -> float:
        if day is None or story.first_day is None or story.last_day is None:
            return 0.5
        gap = max(0, story.first_day - day, day - story.last_day)
        return float(0.5 ** (gap / self.params.half_life))

    def _cold(self, day: int | None, story: Story) -> bool:
        if day is None or story.first_day is None or story.last_day is None:
            return False
        return max(story.first_day - day, day - story.last_day) > self.params.max_gap

    def candidates(self, features: StoryFeatures) -> list[str]:
        """Stories sharing a distinctive key with the article, most shared first (at most ``_MAX_CANDIDATES``)."""
        keys = [k for k in self._keys(features) if k in self._postings]
        # The rarest keys find the right story; a key in every story finds nothing useful.
        keys.sort(key=lambda k: (self._df[k], k))
        shared: Counter[str] = Counter()
        for key in keys[:25]:
            posting = self._postings.get(key)
            if posting and len(posting) <= 2000:
                shared.update(posting)
        return [s for s, _ in shared.most_common(_MAX_CANDIDATES)]

    @staticmethod
    def _keys(features: StoryFeatures) -> list[str]:
        return [
            *("e:" + k for k in features.identities),
            *("v:" + k for k in features.lemmas),
            *("w:" + k for k in features.terms),
        ]

    def best(self, features: StoryFeatures) -> tuple[str | None, float]:
        """The best-matching story and its similarity (``None`` when no story shares anything)."""
        best_id, best_score = None, 0.0
        weights = self.term_weights(features.terms)
        for story_id in self.candidates(features):
            story = self.stories[story_id]
            if self._cold(features.day, story):
                continue
            score = self.score(features, story, weights)
            if score > best_score or (score == best_score and best_id is not None and story_id < best_id):
                best_id, best_score = story_id, score
        return best_id, best_score

    def add(self, features: StoryFeatures, story_id: str | None = None) -> StoryAssignment:
        """Place an article: into ``story_id`` when given (re-reading a store; a copy joining its source's story),
        else the best story or a new one."""
        score = 1.0
        opened = False
        if story_id is None:
            best_id, score = self.best(features)
            if best_id is not None and score >= self.params.threshold:
                story_id = best_id
            else:
                story_id, score, opened = f"{self.prefix}{self._next}", 1.0, True
        story = self._place(features, story_id)
        story.norm = self._norm(story)
        return StoryAssignment(features.article_id, story_id, round(score, 4), opened)

    def _place(self, features: StoryFeatures, story_id: str) -> Story:
        """Fold ``features`` into story ``story_id`` (opened when new) and into the IDF and posting counts."""
        story = self.stories.get(story_id)
        if story is None:
            story = self.stories[story_id] = Story(story_id)
            number = story_id.removeprefix(self.prefix)
            if number.isdigit():
                self._next = max(self._next, int(number) + 1)
        story.add(features)
        self.articles += 1
        self._idf_cache.clear()
        for key in self._keys(features):
            self._df[key] += 1
            self._postings[key].add(story_id)
        self._count_words(story, features.terms)
        return story

    def load(self, placed: Sequence[tuple[StoryFeatures, str]]) -> None:
        """Place articles whose stories are known (read back from a store), in the order they were placed.

        Gives the same index as ``add(features, story_id)`` for each in turn, norms included: a
        story's norm is the one computed when its last article joined, with the IDF of that moment.
        Only that last computation is done here; ``add`` recomputes it on every article, which costs
        a pass over all of a big story's words each time (minutes for a story of thousands).
        """
        last = {story_id: i for i, (_, story_id) in enumerate(placed)}
        for i, (features, story_id) in enumerate(placed):
            story = self._place(features, story_id)
            if last[story_id] == i:
                story.norm = self._norm(story)

    def add_all(self, items: Iterable[StoryFeatures]) -> list[StoryAssignment]:
        """Place many articles in order."""
        return [self.add(f) for f in items]
