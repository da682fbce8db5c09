"""Story clustering and cross-document event coreference on ECB+ (Cybulska & Vossen 2014).

ECB+ groups news documents into topics; each topic holds two sub-topics — the ``ecb``
documents about one real event (Tara Reid enters rehab) and the ``ecbplus`` documents
about a similar but different one (Lindsay Lohan enters rehab). We score stories against
both: **sub-topic** gold (one story per real event, our primary figure: a story is one
development in the news, and two rehab stays are two stories) and **topic** gold (what
the issue names).

Event coreference is scored on the gold action mentions of the sentences ECB+ validated
(``ECBplus_coreference_sentences.csv``, the usual setup since Cybulska & Vossen 2015),
singletons included, with MUC, B³, CEAF-e and their CoNLL average — and on *predicted*
mentions: our events extractor's triggers in those sentences, matched to gold mentions by exact
span, then by head; unmatched triggers stay as twinless mentions (``coref_metrics``).

Splits: topics 2, 5, 12, 18, 21, 23, 34, 35 are dev (reported); the other topics of 1-35
are train (tuning only). Run ``newsgraph eval coref ../shared/data/ecbplus`` for the figures, and
``benchmarks/fit_ecb_params.py`` to fit the parameters on train.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Collection, Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import product
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeVar

from newsgraph.evaluate.coref_metrics import (
    adjusted_rand_index,
    b_cubed,
    coref_scores,
    muc,
)
from newsgraph.evaluate.ecb import DEV_TOPICS, TRAIN_TOPICS, EcbFile, read_file, read_files

if TYPE_CHECKING:
    from spacy.language import Language

    from newsgraph.evaluate.scores import EvaluationReport
    from newsgraph.link.claims import ClaimParams, ClaimVersion, Vector
    from newsgraph.link.identities import IdentityIndex
    from newsgraph.link.semantic import Encoder
    from newsgraph.link.stories import StoryParams
    from newsgraph.records import Article, Event

SubTopic = Literal["ecb", "ecbplus"]
K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True, slots=True)
class GoldEventMention:
    """One gold action mention: its document, tokens (character range in our text) and gold chain."""

    doc: str
    m_id: str
    start: int
    end: int
    sentence: int
    chain: str


@dataclass(frozen=True, slots=True)
class EcbDocument:
    """An ECB+ document rebuilt as text (tokens joined by spaces, one sentence a line).

    ``lines`` holds the ECB+ sentence number of each line of ``text``; ``validated`` the sentence
    numbers whose events were scored (None: all).
    """

    name: str
    topic: int
    subtopic: SubTopic
    text: str
    events: tuple[GoldEventMention, ...]
    lines: tuple[int, ...] = ()
    validated: frozenset[int] | None = None

    def sentence_at(self, offset: int) -> int | None:
        """The ECB+ sentence number of the line holding character ``offset``."""
        line = self.text.count("\n", 0, offset)
        return self.lines[line] if line < len(self.lines) else None

    def scored(self, offset: int) -> bool:
        """True when the sentence at ``offset`` is one ECB+ validated (where events are scored)."""
        return self.validated is None or self.sentence_at(offset) in self.validated

    @property
    def story(self) -> str:
        """The sub-topic gold story, e.g. ``1ecbplus``."""
        return f"{self.topic}{self.subtopic}"


def read_document(path: Path, annotated: frozenset[int] | None) -> EcbDocument:
    """Read one ECB+ XML file; ``annotated`` limits gold events to those sentences (None: all).

    Raises:
        DataError: see ``newsgraph.evaluate.ecb.read_file``.
    """
    return document_of(read_file(path, annotated or frozenset()), annotated)


def document_of(file: EcbFile, annotated: frozenset[int] | None) -> EcbDocument:
    """One file rebuilt as text, tokens joined by spaces and one sentence a line, with its gold events."""
    pieces: list[str] = []
    offsets: dict[str, tuple[int, int, int]] = {}
    position = 0
    sentence = None
    lines: list[int] = []
    for token in file.tokens:
        if sentence is not None:
            pieces.append("\n" if token.sentence != sentence else " ")
            position += 1
        if token.sentence != sentence:
            lines.append(token.sentence)
        sentence = token.sentence
        word = html.unescape(token.text)
        offsets[token.t_id] = (position, position + len(word), token.sentence)
        pieces.append(word)
        position += len(word)
    events = []
    for markable in file.markables:
        anchors = [offsets[a] for a in markable.anchors]
        if not markable.action or not anchors:
            continue
        if annotated is not None and anchors[0][2] not in annotated:
            continue
        chain = file.chains.get(markable.m_id) or f"{file.name}:singleton:{markable.m_id}"
        events.append(GoldEventMention(file.name, markable.m_id, anchors[0][0], anchors[-1][1], anchors[0][2], chain))
    subtopic: SubTopic = "ecbplus" if file.name.endswith("ecbplus") else "ecb"
    return EcbDocument(file.name, file.topic, subtopic, "".join(pieces), tuple(events), tuple(lines), annotated)


def read_corpus(directory: Path, topics: Collection[int]) -> list[EcbDocument]:
    """The documents of ``topics`` under ``directory`` (the ``ecbplus`` folder), in a stable order.

    Raises:
        DataError: see ``newsgraph.evaluate.ecb.read_files``.
    """
    return [document_of(f, f.annotated) for f in read_files(directory, topics)]


@dataclass(frozen=True, slots=True)
class AnalyzedEcb:
    """An ECB+ document with its analysis and the head lemma and head (character range) of each gold event mention."""

    document: EcbDocument
    article: Article
    lemmas: tuple[str, ...]
    heads: tuple[tuple[int, int], ...] = ()


def analyze_corpus(documents: Sequence[EcbDocument], nlp: Language) -> list[AnalyzedEcb]:
    """Run the newsgraph pipeline once per document; read gold mentions' head lemmas off the parse."""
    from newsgraph.extract.extensions import prepare_doc
    from newsgraph.nlp.analyze import to_article
    from newsgraph.records import Document

    # ECB+ carries no publication dates; a fixed anchor keeps the output reproducible.
    anchor = dt.date(2020, 1, 1)
    docs = (prepare_doc(nlp.make_doc(d.text), None, "unknown", anchor) for d in documents)
    result = []
    for document, doc in zip(documents, nlp.pipe(docs, batch_size=32), strict=True):
        lemmas, heads = [], []
        for mention in document.events:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            head = span.root if span is not None and len(span) else None
            lemmas.append(
                head.lemma_.lower() if head is not None else document.text[mention.start : mention.end].lower()
            )
            heads.append((head.idx, head.idx + len(head)) if head is not None else (mention.start, mention.end))
        article = to_article(Document(text=document.text, origin=document.name), doc)
        result.append(AnalyzedEcb(document, article, tuple(lemmas), tuple(heads)))
    return result


def mention_keys(corpus: Sequence[AnalyzedEcb]) -> Iterator[tuple[tuple[str, str], AnalyzedEcb, int]]:
    """Each gold event mention's key ``(doc, m_id)`` with its document and index."""
    for item in corpus:
        for i, mention in enumerate(item.document.events):
            yield (mention.doc, mention.m_id), item, i


# Story clustering and event coreference ------------------------------------------------------------------------


def arrival_order(corpus: Sequence[AnalyzedEcb], seed: int = 0) -> list[AnalyzedEcb]:
    """The documents in a fixed pseudo-random order: ECB+ files come grouped by topic, a news feed does not."""
    import random

    items = list(corpus)
    random.Random(seed).shuffle(items)
    return items


def cluster_stories(corpus: Sequence[AnalyzedEcb], params: StoryParams) -> tuple[dict[str, str], IdentityIndex]:
    """Incremental story clustering of the documents in arrival order: document name → story id."""
    from newsgraph.link.identities import IdentityIndex, identity_map
    from newsgraph.link.stories import StoryIndex, story_features

    identities = IdentityIndex()
    index = StoryIndex(params)
    stories = {}
    for item in arrival_order(corpus):
        links = identity_map(identities.link_article(item.article))
        stories[item.document.name] = index.add(story_features(item.article, links)).story_id
    return stories, identities


def gold_stories(corpus: Sequence[AnalyzedEcb], level: Literal["topic", "subtopic"]) -> dict[str, str]:
    """Document name → gold story: its topic, or its sub-topic."""
    return {i.document.name: str(i.document.topic) if level == "topic" else i.document.story for i in corpus}


@dataclass(frozen=True, slots=True)
class StoryScores:
    """B³ (precision, recall, F1) and adjusted Rand index of a story clustering."""

    b3: tuple[float, float, float]
    ari: float
    stories: int


def score_stories(gold: Mapping[str, str], predicted: Mapping[str, str]) -> StoryScores:
    """B³ and ARI of ``predicted`` against ``gold``."""
    return StoryScores(b_cubed(gold, predicted), adjusted_rand_index(gold, predicted), len(set(predicted.values())))


def fit_story_params(corpus: Sequence[AnalyzedEcb], level: Literal["topic", "subtopic"]) -> StoryParams:
    """Grid search for the story weights and threshold with the best B³ F1 on ``corpus`` (train topics only)."""
    from newsgraph.link.stories import StoryParams

    gold = gold_stories(corpus, level)
    best, best_f1 = StoryParams(), -1.0
    for text in (0.3, 0.5, 0.7):
        for entities in (0.1, 0.3, 0.5):
            events = round(1.0 - text - entities, 2)
            if events < 0:
                continue
            for threshold, key_share in product((0.15, 0.2, 0.225, 0.25, 0.3, 0.35, 0.4), (0.2, 0.3, 0.5)):
                params = StoryParams(
                    text=text, entities=entities, events=events, time=0.0, threshold=threshold, key_share=key_share
                )
                f1 = b_cubed(gold, cluster_stories(corpus, params)[0])[2]
                if f1 > best_f1:
                    best, best_f1 = params, f1
    return best


MentionKey = tuple[str, str]
MentionSet = Literal["gold", "predicted"]


@dataclass(frozen=True, slots=True)
class EventMention:
    """A mention to cluster: its key, characters, head lemma and the predicted event found there, if any.

    Gold mentions are keyed ``(doc, m_id)``; a predicted mention takes the key of the gold mention it
    matches, or ``(doc, "predicted:<event id>")`` when it matches none (a twinless mention).
    """

    key: MentionKey
    start: int
    end: int
    lemma: str
    event: Event | None = None


def align_events(item: AnalyzedEcb) -> dict[int, Event]:
    """Gold mention index → the predicted event matching it, one to one, in the validated sentences.

    A trigger matches a gold mention with exactly the same characters first; then, for the mentions
    left, a trigger covering the gold mention's head token (the root of the gold span in our parse:
    the head-match convention, so "set" matches the gold "set fire").
    """
    free = [e for e in item.article.events if item.document.scored(e.trigger.start)]
    found: dict[int, Event] = {}
    gold = item.document.events
    for i, m in enumerate(gold):
        hit = next((e for e in free if (e.trigger.start, e.trigger.end) == (m.start, m.end)), None)
        if hit is not None:
            found[i] = hit
            free.remove(hit)
    heads = item.heads or tuple((m.start, m.end) for m in gold)
    for i in range(len(gold)):
        if i in found:
            continue
        start, end = heads[i]
        hit = next((e for e in free if e.trigger.start <= start and end <= e.trigger.end), None)
        if hit is not None:
            found[i] = hit
            free.remove(hit)
    return found


def event_mentions(item: AnalyzedEcb, which: MentionSet) -> list[EventMention]:
    """The gold action mentions of ``item``, or every trigger our events extractor found in its validated sentences."""
    aligned = align_events(item)
    gold = item.document.events
    if which == "gold":
        return [
            EventMention((m.doc, m.m_id), m.start, m.end, item.lemmas[i], aligned.get(i)) for i, m in enumerate(gold)
        ]
    matched = {e.id: i for i, e in aligned.items()}
    found = []
    for e in item.article.events:
        if not item.document.scored(e.trigger.start):
            continue
        i = matched.get(e.id)
        key = (gold[i].doc, gold[i].m_id) if i is not None else (item.document.name, f"predicted:{e.id}")
        found.append(EventMention(key, e.trigger.start, e.trigger.end, e.lemma.lower(), e))
    return found


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset)


def event_versions(
    item: AnalyzedEcb,
    identities: Mapping[tuple[str, str], str],
    mentions: Sequence[EventMention] | None = None,
    vectors: Mapping[str, Vector] | None = None,
) -> list[ClaimVersion]:
    """One claim version per event mention (default: the gold ones).

    Each carries the mention's head lemma, its sentence's content words and entity identities, the
    actor, target and explicit date of the predicted event found there, and (with ``vectors``, keyed
    by lower-cased wording, see ``wording_vectors``) the embedding of its wording.
    """
    from newsgraph.link.claims import ClaimVersion
    from newsgraph.link.terms import content_terms
    from newsgraph.records import Span

    text = item.document.text
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    entity_at = [(m.span.start, e.id) for e in item.article.entities for m in e.mentions]

    def identity(entity: str | None) -> str | None:
        return identities.get((item.article.id, entity)) if entity is not None else None

    versions = []
    for mention in mentions if mentions is not None else event_mentions(item, "gold"):
        number = _line_of(text, mention.start)
        start, end = starts[number], starts[number] + len(lines[number])
        ids = frozenset(i for s, eid in entity_at if start <= s < end and (i := identity(eid)) is not None)
        e = mention.event
        day = e.time.value if e is not None and e.time is not None and e.time.anchor == "explicit" else None
        versions.append(
            ClaimVersion(
                article_id=item.document.name,
                record_id=mention.key[1],
                kind="event",
                wording=text[mention.start : mention.end],
                span=Span.of(text, mention.start, mention.end),
                status="asserted",
                polarity="pos",
                source_kind="unspecified",
                lemmas=frozenset({mention.lemma}),
                identities=ids,
                terms=frozenset(content_terms(text[start:end])),
                actor=identity(e.actor.entity) if e is not None and e.actor is not None else None,
                target=identity(e.target.entity) if e is not None and e.target is not None else None,
                day=day if day is not None and len(day) == 10 else None,
                vector=vectors.get(text[mention.start : mention.end].lower()) if vectors is not None else None,
            )
        )
    return versions


def wording_vectors(
    corpus: Sequence[AnalyzedEcb], encoder: Encoder, mentions: Sequence[MentionSet] = ("gold", "predicted")
) -> dict[str, Vector]:
    """Embeddings of every mention's wording (lower-cased, each distinct wording encoded once).

    The wording of an ECB+ mention is its trigger ("arrested", "checked into"): embedded alone it
    says what happened, where a sentence embedding mostly says what the whole story is about (every
    sentence of an ECB+ sub-topic is, so those did not help on train).
    """
    texts = sorted(
        {
            item.document.text[m.start : m.end].lower()
            for item in corpus
            for w in mentions
            for m in event_mentions(item, w)
        }
    )
    return dict(zip(texts, encoder.encode(texts), strict=True))


def gold_events(corpus: Sequence[AnalyzedEcb]) -> dict[MentionKey, str]:
    """Mention key → gold coreference chain."""
    return {key: item.document.events[i].chain for key, item, i in mention_keys(corpus)}


def cluster_events(
    corpus: Sequence[AnalyzedEcb],
    stories: Mapping[str, str],
    identities: IdentityIndex,
    params: ClaimParams,
    mentions: MentionSet = "gold",
    vectors: Mapping[str, Vector] | None = None,
) -> dict[MentionKey, str]:
    """Cross-document event coreference with the claim linker, within each story: mention key → chain."""
    from newsgraph.link.claims import ClaimIndex
    from newsgraph.link.identities import identity_map

    index = ClaimIndex(params)
    chains = {}
    for item in arrival_order(corpus):
        # Re-resolving re-adds the names to identities already holding them: ids do not change.
        links = identity_map(identities.link_article(item.article))
        for mention, version in zip(
            found := event_mentions(item, mentions), event_versions(item, links, found, vectors), strict=True
        ):
            chains[mention.key] = index.add(version, stories[item.document.name]).claim_id
    return chains


def lemma_baseline(
    corpus: Sequence[AnalyzedEcb], clusters: Mapping[str, str], mentions: MentionSet = "gold"
) -> dict[MentionKey, str]:
    """Mentions with the same head lemma in the same document cluster corefer (the usual ECB+ baseline)."""
    return {
        m.key: f"{clusters[item.document.name]}|{m.lemma}" for item in corpus for m in event_mentions(item, mentions)
    }


def mention_detection(corpus: Sequence[AnalyzedEcb]) -> tuple[float, float, float]:
    """Precision, recall and F1 of the predicted mentions against the gold ones (validated sentences)."""
    gold = sum(len(item.document.events) for item in corpus)
    predicted = [m for item in corpus for m in event_mentions(item, "predicted")]
    matched = sum(not m.key[1].startswith("predicted:") for m in predicted)
    p = matched / len(predicted) if predicted else 0.0
    r = matched / gold if gold else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def fit_claim_params(
    corpus: Sequence[AnalyzedEcb],
    stories: Mapping[str, str],
    identities: IdentityIndex,
    vectors: Mapping[str, Vector] | None = None,
) -> ClaimParams:
    """Grid search for claim-linking weights, threshold and guards on ``corpus`` (train topics only).

    The objective is the mean of MUC and B³ F1 over gold and predicted mentions (CEAF-e's alignment
    is too slow to run per grid point). With ``vectors`` the embedding weight is searched too.
    """
    from newsgraph.link.claims import ClaimParams

    gold = gold_events(corpus)
    best, best_score = ClaimParams(), -1.0
    semantic = (0.0,) if vectors is None else (0.5, 0.65, 0.8)
    for lemma in (0.2, 0.35, 0.5, 0.7):
        for weight in semantic:
            terms = round(1.0 - lemma - weight, 2)
            if terms < 0:
                continue
            for threshold in (0.4, 0.5, 0.6, 0.7):
                for generic_terms, guards in ((0.0, False), (0.0, True), (0.1, True), (0.2, True), (0.3, True)):
                    params = ClaimParams(
                        lemma=lemma,
                        terms=terms,
                        entities=0.0,
                        semantic=weight,
                        threshold=threshold,
                        generic_terms=generic_terms,
                        guards=guards,
                    )
                    score = 0.0
                    for which in ("gold", "predicted"):
                        found = cluster_events(corpus, stories, identities, params, which, vectors)
                        score += (muc(gold, found)[2] + b_cubed(gold, found)[2]) / 4
                    if score > best_score:
                        best, best_score = params, score
    return best


def evaluate_crossdoc(
    corpus: Sequence[AnalyzedEcb],
    data: str = "ECB+",
    mentions: Sequence[MentionSet] = ("gold", "predicted"),
    encoder: Encoder | None = None,
) -> EvaluationReport:
    """Story clustering and cross-document event coreference on analysed ECB+ documents.

    Stories come from the incremental linker with the default (train-fitted) parameters; event
    coreference runs the claim linker inside those predicted stories, on gold mentions and on our
    predicted ones. Baselines: same head lemma within gold topics, within gold sub-topics, and within
    the predicted stories. With ``encoder``, the claim linker also runs with the embedding signal
    (``SEMANTIC_CLAIM_PARAMS``). Metric names: ``events {system}: {metric}`` for gold mentions,
    ``events predicted mentions, {system}: {metric}`` for predicted ones.
    """
    from newsgraph.evaluate.scores import EvaluationReport as Report
    from newsgraph.link.claims import DEFAULT_CLAIM_PARAMS
    from newsgraph.link.stories import DEFAULT_PARAMS

    predicted, identities = cluster_stories(corpus, DEFAULT_PARAMS)
    metrics: dict[str, float] = {"stories predicted": float(len(set(predicted.values())))}
    levels: tuple[Literal["subtopic", "topic"], ...] = ("subtopic", "topic")
    for level in levels:
        scores = score_stories(gold_stories(corpus, level), predicted)
        metrics[f"stories B3 P ({level} gold)"] = scores.b3[0]
        metrics[f"stories B3 R ({level} gold)"] = scores.b3[1]
        metrics[f"stories B3 F1 ({level} gold)"] = scores.b3[2]
        metrics[f"stories ARI ({level} gold)"] = scores.ari
    gold = gold_events(corpus)
    vectors = wording_vectors(corpus, encoder) if encoder is not None else None
    for which in mentions:
        prefix = "events " if which == "gold" else "events predicted mentions, "
        if which == "predicted":
            p, r, f1 = mention_detection(corpus)
            metrics.update({"mentions predicted P": p, "mentions predicted R": r, "mentions predicted F1": f1})
        systems = {
            "lemma baseline, gold topics": lemma_baseline(corpus, gold_stories(corpus, "topic"), which),
            "lemma baseline, gold sub-topics": lemma_baseline(corpus, gold_stories(corpus, "subtopic"), which),
            "lemma baseline, predicted stories": lemma_baseline(corpus, predicted, which),
            "claim linker, predicted stories": cluster_events(
                corpus, predicted, identities, DEFAULT_CLAIM_PARAMS, which
            ),
        }
        if vectors is not None:
            from newsgraph.link.semantic import SEMANTIC_CLAIM_PARAMS

            systems["claim linker + semantic, predicted stories"] = cluster_events(
                corpus, predicted, identities, SEMANTIC_CLAIM_PARAMS, which, vectors
            )
        for name, clusters in systems.items():
            s = coref_scores(gold, clusters)
            for metric, (_, _, f1) in (("MUC", s.muc), ("B3", s.b3), ("CEAF-e", s.ceafe)):
                metrics[f"{prefix}{name}: {metric} F1"] = f1
            metrics[f"{prefix}{name}: CoNLL F1"] = s.conll
    return Report(task="crossdoc", data=data, documents=len(corpus), metrics=metrics)


def evaluate_coref(
    directory: Path,
    nlp: Language,
    *,
    topics: Collection[int] = DEV_TOPICS,
    mentions: Sequence[MentionSet] = ("gold", "predicted"),
    encoder: Encoder | None = None,
) -> EvaluationReport:
    """Read, analyse and score the ECB+ ``topics`` under ``directory`` (see ``evaluate_crossdoc``).

    Raises:
        DataError: the corpus layout or a file is not ECB+'s.
    """
    split = "dev" if set(topics) == DEV_TOPICS else "train" if set(topics) == TRAIN_TOPICS else "chosen"
    corpus = analyze_corpus(read_corpus(directory, topics), nlp)
    return evaluate_crossdoc(corpus, f"{directory} ({split} topics)", mentions, encoder)
