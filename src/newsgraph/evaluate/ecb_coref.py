"""Story clustering and cross-document event coreference on ECB+ (Cybulska & Vossen 2014).

ECB+ groups news documents into topics; each topic holds two sub-topics — the ``ecb``
documents about one real event (Tara Reid enters rehab) and the ``ecbplus`` documents
about a similar but different one (Lindsay Lohan enters rehab). We score stories against
both: **sub-topic** gold (one story per real event, our primary figure: a story is one
development in the news, and two rehab stays are two stories) and **topic** gold (what
the issue names).

Event coreference is scored on the gold action mentions of the sentences ECB+ validated
(``ECBplus_coreference_sentences.csv``, the usual setup since Cybulska & Vossen 2015),
singletons included, with MUC, B³, CEAF-e and their CoNLL average.

Splits: topics 2, 5, 12, 18, 21, 23, 34, 35 are dev (reported); the other topics of 1-35
are train (tuning only). Run ``python -m newsgraph.evaluate.ecb_coref`` for the figures.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Collection, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeVar

import numpy as np

if TYPE_CHECKING:
    from spacy.language import Language

    from newsgraph.evaluate.scores import EvaluationReport
    from newsgraph.link.claims import ClaimParams, ClaimVersion
    from newsgraph.link.identities import IdentityIndex
    from newsgraph.link.stories import StoryParams
    from newsgraph.records import Article

DEV_TOPICS = frozenset({2, 5, 12, 18, 21, 23, 34, 35})
TRAIN_TOPICS = frozenset(range(1, 36)) - DEV_TOPICS

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
    """An ECB+ document rebuilt as text (tokens joined by spaces, one sentence a line)."""

    name: str
    topic: int
    subtopic: SubTopic
    text: str
    events: tuple[GoldEventMention, ...]

    @property
    def story(self) -> str:
        """The sub-topic gold story, e.g. ``1ecbplus``."""
        return f"{self.topic}{self.subtopic}"


def annotated_sentences(path: Path) -> dict[str, frozenset[int]]:
    """Document stem (``1_10ecbplus``) → the sentence numbers ECB+ validated."""
    found: defaultdict[str, set[int]] = defaultdict(set)
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            found[f"{row['Topic']}_{row['File']}"].add(int(row["Sentence Number"]))
    return {k: frozenset(v) for k, v in found.items()}


def read_document(path: Path, annotated: frozenset[int] | None) -> EcbDocument:
    """Read one ECB+ XML file; ``annotated`` limits gold events to those sentences (None: all)."""
    root = ET.parse(path).getroot()
    pieces: list[str] = []
    offsets: dict[str, tuple[int, int, int]] = {}
    position = 0
    sentence = None
    for token in root.iter("token"):
        number = int(token.get("sentence", "0"))
        if sentence is not None:
            separator = "\n" if number != sentence else " "
            pieces.append(separator)
            position += 1
        sentence = number
        word = html.unescape(token.text or "")
        offsets[token.get("t_id", "")] = (position, position + len(word), number)
        pieces.append(word)
        position += len(word)
    markables = root.find("Markables")
    chains: dict[str, str] = {}
    for relation in root.iter("CROSS_DOC_COREF"):
        for source in relation.iter("source"):
            chains[source.get("m_id", "")] = relation.get("note", "")
    for relation in root.iter("INTRA_DOC_COREF"):
        for source in relation.iter("source"):
            chains.setdefault(source.get("m_id", ""), f"{path.stem}:{relation.get('r_id', '')}")
    events = []
    for markable in markables if markables is not None else ():
        anchors = [offsets[a.get("t_id", "")] for a in markable.iter("token_anchor")]
        if not (markable.tag.startswith("ACTION") or markable.tag.startswith("NEG_ACTION")) or not anchors:
            continue
        m_id = markable.get("m_id", "")
        if annotated is not None and anchors[0][2] not in annotated:
            continue
        chain = chains.get(m_id) or f"{path.stem}:singleton:{m_id}"
        events.append(GoldEventMention(path.stem, m_id, anchors[0][0], anchors[-1][1], anchors[0][2], chain))
    name = path.stem
    topic = int(name.split("_")[0])
    subtopic: SubTopic = "ecbplus" if name.endswith("ecbplus") else "ecb"
    return EcbDocument(name, topic, subtopic, "".join(pieces), tuple(events))


def read_corpus(directory: Path, topics: Collection[int]) -> list[EcbDocument]:
    """The documents of ``topics`` under ``directory`` (the ``ecbplus`` folder), in a stable order."""
    sentences = annotated_sentences(directory / "ECBplus_coreference_sentences.csv")
    documents = []
    for topic in sorted(topics):
        folder = directory / "ECB+" / str(topic)
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.xml"), key=_natural):
            documents.append(read_document(path, sentences.get(path.stem, frozenset())))
    return documents


def _natural(path: Path) -> tuple[int, str]:
    match = re.match(r"\d+_(\d+)", path.stem)
    return (int(match.group(1)) if match else 0, path.stem)


@dataclass(frozen=True, slots=True)
class AnalyzedEcb:
    """An ECB+ document with its analysis and the head lemma of each gold event mention."""

    document: EcbDocument
    article: Article
    lemmas: tuple[str, ...]


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
        lemmas = []
        for mention in document.events:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            head = span.root if span is not None and len(span) else None
            lemmas.append(
                head.lemma_.lower() if head is not None else document.text[mention.start : mention.end].lower()
            )
        article = to_article(Document(text=document.text, origin=document.name), doc)
        result.append(AnalyzedEcb(document, article, tuple(lemmas)))
    return result


# Scores -------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CorefScores:
    """MUC, B³ and CEAF-e (precision, recall, F1 each) and the CoNLL average of the three F1."""

    muc: tuple[float, float, float]
    b3: tuple[float, float, float]
    ceafe: tuple[float, float, float]

    @property
    def conll(self) -> float:
        """The mean of the MUC, B³ and CEAF-e F1."""
        return (self.muc[2] + self.b3[2] + self.ceafe[2]) / 3


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _clusters(assignment: Mapping[K, Hashable]) -> list[frozenset[K]]:
    groups: defaultdict[Hashable, set[K]] = defaultdict(set)
    for item, cluster in assignment.items():
        groups[cluster].add(item)
    return [frozenset(g) for g in groups.values()]


def b_cubed(gold: Mapping[K, Hashable], predicted: Mapping[K, Hashable]) -> tuple[float, float, float]:
    """B³ precision, recall, F1 of ``predicted`` against ``gold`` (item → cluster label, same items)."""
    gold_of = {i: c for c in _clusters(gold) for i in c}
    pred_of = {i: c for c in _clusters(predicted) for i in c}
    items = list(gold_of)
    if not items:
        return 0.0, 0.0, 0.0
    p = sum(len(gold_of[i] & pred_of[i]) / len(pred_of[i]) for i in items) / len(items)
    r = sum(len(gold_of[i] & pred_of[i]) / len(gold_of[i]) for i in items) / len(items)
    return p, r, _f1(p, r)


def muc(gold: Mapping[K, Hashable], predicted: Mapping[K, Hashable]) -> tuple[float, float, float]:
    """MUC link-based precision, recall, F1 (Vilain et al. 1995)."""

    def score(keys: list[frozenset[K]], other: Mapping[K, Hashable]) -> float:
        num = sum(len(k) - len({other[i] for i in k}) for k in keys)
        den = sum(len(k) - 1 for k in keys)
        return num / den if den else 0.0

    r = score(_clusters(gold), predicted)
    p = score(_clusters(predicted), gold)
    return p, r, _f1(p, r)


def ceaf_e(gold: Mapping[K, Hashable], predicted: Mapping[K, Hashable]) -> tuple[float, float, float]:
    """Entity-based CEAF (Luo 2005) with phi4 similarity, aligned by the Hungarian algorithm."""
    # scipy comes with datasketch (a dependency) and ships no type stubs.
    from scipy.optimize import linear_sum_assignment  # type: ignore[import-untyped]

    keys, responses = _clusters(gold), _clusters(predicted)
    if not keys or not responses:
        return 0.0, 0.0, 0.0
    matrix = np.zeros((len(keys), len(responses)))
    where: defaultdict[K, list[int]] = defaultdict(list)
    for j, response in enumerate(responses):
        for item in response:
            where[item].append(j)
    for i, key in enumerate(keys):
        for item in key:
            for j in where[item]:
                matrix[i, j] += 1.0
    for i, key in enumerate(keys):
        for col in np.nonzero(matrix[i])[0]:
            matrix[i, col] = 2 * matrix[i, col] / (len(key) + len(responses[int(col)]))
    rows, cols = linear_sum_assignment(-matrix)
    total = float(matrix[rows, cols].sum())
    p, r = total / len(responses), total / len(keys)
    return p, r, _f1(p, r)


def coref_scores(gold: Mapping[K, Hashable], predicted: Mapping[K, Hashable]) -> CorefScores:
    """All three coreference metrics of ``predicted`` against ``gold``."""
    return CorefScores(muc(gold, predicted), b_cubed(gold, predicted), ceaf_e(gold, predicted))


def adjusted_rand_index(gold: Mapping[K, Hashable], predicted: Mapping[K, Hashable]) -> float:
    """The adjusted Rand index (Hubert & Arabie 1985) of two clusterings of the same items."""
    from math import comb

    pairs: defaultdict[tuple[Hashable, Hashable], int] = defaultdict(int)
    for item, label in gold.items():
        pairs[(label, predicted[item])] += 1
    n = len(gold)
    index = sum(comb(c, 2) for c in pairs.values())
    a = sum(comb(c, 2) for c in _counts(gold.values()).values())
    b = sum(comb(c, 2) for c in _counts(predicted.values()).values())
    expected = a * b / comb(n, 2) if n > 1 else 0.0
    maximum = (a + b) / 2
    return (index - expected) / (maximum - expected) if maximum != expected else 1.0


def _counts(values: Iterable[Hashable]) -> dict[Hashable, int]:
    counts: defaultdict[Hashable, int] = defaultdict(int)
    for v in values:
        counts[v] += 1
    return counts


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
            for threshold in (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45):
                params = StoryParams(text=text, entities=entities, events=events, time=0.0, threshold=threshold)
                f1 = b_cubed(gold, cluster_stories(corpus, params)[0])[2]
                if f1 > best_f1:
                    best, best_f1 = params, f1
    return best


def event_versions(item: AnalyzedEcb, identities: Mapping[tuple[str, str], str]) -> list[ClaimVersion]:
    """One claim version per gold event mention: its head lemma, its sentence's words and entities."""
    from newsgraph.link.claims import ClaimVersion
    from newsgraph.link.terms import content_terms
    from newsgraph.records import Span

    text = item.document.text
    starts = [0, *(i + 1 for i, c in enumerate(text) if c == "\n")]
    ends = [*(s - 1 for s in starts[1:]), len(text)]
    mentions = [(m.span.start, e.id) for e in item.article.entities for m in e.mentions]
    versions = []
    for mention, lemma in zip(item.document.events, item.lemmas, strict=True):
        line = next(k for k in range(len(starts)) if starts[k] <= mention.start <= ends[k])
        start, end = starts[line], ends[line]
        ids = frozenset(
            identities[(item.article.id, eid)]
            for s, eid in mentions
            if start <= s < end and (item.article.id, eid) in identities
        )
        versions.append(
            ClaimVersion(
                article_id=item.document.name,
                record_id=mention.m_id,
                kind="event",
                wording=text[mention.start : mention.end],
                span=Span.of(text, mention.start, mention.end),
                status="asserted",
                polarity="pos",
                source_kind="unspecified",
                lemmas=frozenset({lemma}),
                identities=ids,
                terms=frozenset(content_terms(text[start:end])),
            )
        )
    return versions


def gold_events(corpus: Sequence[AnalyzedEcb]) -> dict[tuple[str, str], str]:
    """Mention key → gold coreference chain."""
    return {key: item.document.events[i].chain for key, item, i in mention_keys(corpus)}


def cluster_events(
    corpus: Sequence[AnalyzedEcb],
    stories: Mapping[str, str],
    identities: IdentityIndex,
    params: ClaimParams,
) -> dict[tuple[str, str], str]:
    """Cross-document event coreference with the claim linker, within each story: mention key → chain."""
    from newsgraph.link.claims import ClaimIndex
    from newsgraph.link.identities import identity_map

    index = ClaimIndex(params)
    chains = {}
    for item in arrival_order(corpus):
        # Re-resolving re-adds the names to identities already holding them: ids do not change.
        links = identity_map(identities.link_article(item.article))
        for version in event_versions(item, links):
            chains[(version.article_id, version.record_id)] = index.add(version, stories[item.document.name]).claim_id
    return chains


def lemma_baseline(corpus: Sequence[AnalyzedEcb], clusters: Mapping[str, str]) -> dict[tuple[str, str], str]:
    """Mentions with the same head lemma in the same document cluster corefer (the usual ECB+ baseline)."""
    return {key: f"{clusters[item.document.name]}|{item.lemmas[i]}" for key, item, i in mention_keys(corpus)}


def fit_claim_params(
    corpus: Sequence[AnalyzedEcb], stories: Mapping[str, str], identities: IdentityIndex
) -> ClaimParams:
    """Grid search for claim-linking weights and threshold on ``corpus`` (train topics only).

    The objective is the mean of MUC and B³ F1: CEAF-e's alignment is too slow to run per grid point.
    """
    from newsgraph.link.claims import ClaimParams

    gold = gold_events(corpus)
    best, best_score = ClaimParams(), -1.0
    for lemma in (0.3, 0.5, 0.7):
        for entities in (0.0, 0.15, 0.3):
            terms = round(1.0 - lemma - entities, 2)
            for threshold in (0.4, 0.5, 0.6, 0.7, 0.8):
                params = ClaimParams(lemma=lemma, terms=terms, entities=entities, threshold=threshold)
                predicted = cluster_events(corpus, stories, identities, params)
                score = (muc(gold, predicted)[2] + b_cubed(gold, predicted)[2]) / 2
                if score > best_score:
                    best, best_score = params, score
    return best


def evaluate_crossdoc(corpus: Sequence[AnalyzedEcb], data: str = "ECB+") -> EvaluationReport:
    """Story clustering and cross-document event coreference (gold mentions) on analysed ECB+ documents.

    Stories come from the incremental linker with the default (train-fitted) parameters; event
    coreference runs the claim linker inside those predicted stories. Baselines: same head lemma
    within gold topics, within gold sub-topics, and within the predicted stories.
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
    systems = {
        "lemma baseline, gold topics": lemma_baseline(corpus, gold_stories(corpus, "topic")),
        "lemma baseline, gold sub-topics": lemma_baseline(corpus, gold_stories(corpus, "subtopic")),
        "lemma baseline, predicted stories": lemma_baseline(corpus, predicted),
        "claim linker, predicted stories": cluster_events(corpus, predicted, identities, DEFAULT_CLAIM_PARAMS),
    }
    for name, clusters in systems.items():
        s = coref_scores(gold, clusters)
        for metric, (_, _, f1) in (("MUC", s.muc), ("B3", s.b3), ("CEAF-e", s.ceafe)):
            metrics[f"events {name}: {metric} F1"] = f1
        metrics[f"events {name}: CoNLL F1"] = s.conll
    return Report(task="crossdoc", data=data, documents=len(corpus), metrics=metrics)


def main(argv: Sequence[str] | None = None) -> None:
    """``python -m newsgraph.evaluate.ecb_coref [--split dev|train] [--fit] [--json] [DIR]``."""
    import argparse
    import json

    from newsgraph.nlp import load_model

    parser = argparse.ArgumentParser(prog="python -m newsgraph.evaluate.ecb_coref", description=__doc__)
    parser.add_argument("directory", nargs="?", default="../shared/data/ecbplus", type=Path)
    parser.add_argument("--split", choices=("dev", "train"), default="dev")
    parser.add_argument("--fit", action="store_true", help="Grid-search story and claim parameters on train topics.")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    topics = TRAIN_TOPICS if args.fit or args.split == "train" else DEV_TOPICS
    corpus = analyze_corpus(read_corpus(args.directory, topics), load_model())
    if args.fit:
        story_params = fit_story_params(corpus, "subtopic")
        stories_, identities = cluster_stories(corpus, story_params)
        print(story_params)
        print(fit_claim_params(corpus, stories_, identities))
        return
    report = evaluate_crossdoc(corpus, f"{args.directory} ({args.split} topics)")
    if args.json:
        print(json.dumps(report.to_dict(), indent=2))
        return
    for name, value in report.metrics.items():
        print(f"{name:60s} {value:.4f}")


if __name__ == "__main__":
    main()
