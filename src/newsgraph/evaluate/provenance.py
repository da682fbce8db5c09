"""Provenance on real multi-outlet story sets (``../shared/data/stories``, layout in its ``FORMAT.md``).

Each set is one folder: a JSON file per report (``NN-outlet-slug.json``) and ``EXPECTED.json`` with the
answers a careful reader gives. The set is ingested into a fresh store, exactly as ``newsgraph ingest``
would, and scored on what a user reads off the store:

* **near-duplicates**: pairs of reports in one reuse group against the expected groups' pairs;
* **stories**: the share of the set in its biggest story;
* for each expected claim, the linked claim whose asserting versions cover most of its asserting reports
  (**coverage**), how many linked claims it takes to cover 80 % of them, and that claim's independent
  origins (strict, lenient) against the expected range;
* **contradictions**: an expected contradiction is found when a flag sets one of its reports against a
  report asserting the claim; a flag is **false** when every report on both sides agrees (all assert the
  claim, or all contradict it).
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from spacy.language import Language

from newsgraph.errors import DataError
from newsgraph.evaluate.scores import PRF, EvaluationReport

if TYPE_CHECKING:
    from newsgraph.store import Store

EXPECTED_FILE = "EXPECTED.json"
COVERAGE_GOAL = 0.8


@dataclass(frozen=True, slots=True)
class ExpectedClaim:
    """A claim a careful reader finds in the set."""

    id: str
    asserted_by: frozenset[str]
    contradicted_by: frozenset[str]
    strict: int
    lenient: int


@dataclass(frozen=True, slots=True)
class StorySet:
    """One story set: its report files (by name without ``.json``) and the expected answers."""

    name: str
    reports: Mapping[str, Path]
    near_duplicates: tuple[frozenset[str], ...]
    claims: tuple[ExpectedClaim, ...]
    contradictions: tuple[tuple[str, frozenset[str]], ...]


def read_story_set(directory: Path) -> StorySet:
    """The reports and answers of one story set.

    Raises:
        DataError: no ``EXPECTED.json``, or it names a report that is not in the folder.
    """
    expected_path = directory / EXPECTED_FILE
    try:
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        names = list(expected["articles"])
        reports = {name: directory / f"{name}.json" for name in names}
        missing = [name for name, path in reports.items() if not path.is_file()]
        if missing:
            raise DataError(f"{directory}: {EXPECTED_FILE} names reports that are not there: {', '.join(missing)}")
        claims = tuple(
            ExpectedClaim(
                c["id"],
                frozenset(c["asserted_by"]),
                frozenset(c.get("contradicted_by", ())),
                int(c["independent_origins"]["strict"]),
                int(c["independent_origins"]["lenient"]),
            )
            for c in expected["claims"]
        )
        return StorySet(
            directory.name,
            reports,
            tuple(frozenset(g) for g in expected.get("near_duplicates", ())),
            claims,
            tuple((c["claim"], frozenset(c["articles"])) for c in expected.get("contradictions", ())),
        )
    except FileNotFoundError:
        raise DataError(f"{directory} is not a story set: no {EXPECTED_FILE}") from None
    except (KeyError, TypeError, ValueError) as exc:
        raise DataError(f"{expected_path}: not in the story-set format ({exc})") from None


def pairs(groups: Iterable[Iterable[str]]) -> set[frozenset[str]]:
    """Every unordered pair of members within each group."""
    found = set()
    for group in groups:
        members = sorted(set(group))
        found |= {frozenset((a, b)) for i, a in enumerate(members) for b in members[i + 1 :]}
    return found


def cover_count(target: frozenset[str], sets: Sequence[frozenset[str]], goal: float = COVERAGE_GOAL) -> int | None:
    """How many of ``sets`` it takes, greedily, to cover ``goal`` of ``target``; None when they never do."""
    need = goal * len(target)
    covered: set[str] = set()
    used = 0
    remaining = [s & target for s in sets]
    while len(covered) < need:
        best = max(remaining, key=lambda s: len(s - covered), default=frozenset())
        if not best - covered:
            return None
        covered |= best
        used += 1
    return used


def evaluate_provenance(directory: Path, nlp: Language) -> EvaluationReport:
    """Ingest one story set into a fresh store and score what the store says about it."""
    from newsgraph.batch.ingest import Ingestion
    from newsgraph.batch.partition import process_partition
    from newsgraph.ingest.files import read_path
    from newsgraph.nlp.analyze import article_id
    from newsgraph.settings import Settings
    from newsgraph.store import Store

    story_set = read_story_set(directory)
    settings = Settings()
    name_of: dict[str, str] = {}
    documents = []
    for name, path in story_set.reports.items():
        for document in read_path(path, settings):
            name_of[article_id(document.text)] = name
            documents.append(document)
    with tempfile.TemporaryDirectory(prefix="newsgraph-provenance-") as tmp, Store.open(Path(tmp) / "eval.db") as store:
        Ingestion(store, lambda docs: process_partition(docs, nlp)).run_documents(documents)
        found = _read_answers(store, name_of)
    return score_story_set(story_set, found)


@dataclass(frozen=True, slots=True)
class FoundClaim:
    """A linked claim as the store shows it: the reports asserting it, its origin counts."""

    id: str
    asserting: frozenset[str]
    strict: int
    lenient: int


@dataclass(frozen=True, slots=True)
class Found:
    """What the store says about a story set, by report name."""

    reuse_groups: tuple[frozenset[str], ...]
    stories: tuple[frozenset[str], ...]
    claims: tuple[FoundClaim, ...]
    contradictions: tuple[tuple[frozenset[str], frozenset[str]], ...]


def _read_answers(store: Store, name_of: Mapping[str, str]) -> Found:
    from newsgraph.store import crossdoc

    def names(ids: Iterable[str]) -> frozenset[str]:
        return frozenset(name_of[i] for i in ids if i in name_of)

    with store.engine.connect() as conn:
        groups = crossdoc.reuse_groups(conn)
        stories, claims, flags = [], [], []
        for summary in crossdoc.list_stories(conn, limit=None):
            view = crossdoc.get_story(conn, summary.id)
            if view is None:
                continue
            stories.append(names(a.id for a in view.articles))
            for claim in view.claims:
                c = claim.corroboration
                asserting = names(c.asserting)
                claims.append(FoundClaim(claim.id, asserting, c.independent_origins, c.lenient_origins))
            flags += [
                (names(v.article_id for v in x.side_a), names(v.article_id for v in x.side_b))
                for x in view.contradictions
            ]
    return Found(tuple(names(g) for g in groups), tuple(stories), tuple(claims), tuple(flags))


def score_story_set(story_set: StorySet, found: Found) -> EvaluationReport:
    """Score what the store found against the expected answers of ``story_set``."""
    gold_pairs = pairs(story_set.near_duplicates)
    found_pairs = pairs(found.reuse_groups)
    scores = {
        "near-duplicate pairs": PRF(
            len(gold_pairs & found_pairs), len(found_pairs - gold_pairs), len(gold_pairs - found_pairs)
        )
    }
    total = len(story_set.reports)
    metrics: dict[str, float] = {
        "reports": total,
        "biggest story share": max((len(s) for s in found.stories), default=0) / total if total else 0.0,
    }
    for claim in story_set.claims:
        ranked = sorted(found.claims, key=lambda c: (-len(c.asserting & claim.asserted_by), len(c.asserting)))
        best = ranked[0] if ranked else None
        covered = len(best.asserting & claim.asserted_by) if best else 0
        metrics[f"{claim.id}: coverage by one claim"] = covered / len(claim.asserted_by) if claim.asserted_by else 0.0
        needed = cover_count(claim.asserted_by, [c.asserting for c in found.claims])
        metrics[f"{claim.id}: claims to cover 80%"] = float(needed) if needed is not None else -1.0
        metrics[f"{claim.id}: origins strict (found)"] = float(best.strict) if best else 0.0
        metrics[f"{claim.id}: origins lenient (found)"] = float(best.lenient) if best else 0.0
        metrics[f"{claim.id}: origins expected strict"] = float(claim.strict)
        metrics[f"{claim.id}: origins expected lenient"] = float(claim.lenient)
        metrics[f"{claim.id}: origins within range"] = (
            1.0 if best is not None and claim.strict <= best.strict <= claim.lenient else 0.0
        )
    by_id = {c.id: c for c in story_set.claims}
    recalled = 0
    for claim_id, reports in story_set.contradictions:
        asserting = by_id[claim_id].asserted_by if claim_id in by_id else frozenset()
        if any((a & reports and b & asserting) or (b & reports and a & asserting) for a, b in found.contradictions):
            recalled += 1
    if story_set.contradictions:
        metrics["contradiction recall"] = recalled / len(story_set.contradictions)
    metrics["contradictions flagged"] = len(found.contradictions)
    metrics["false contradictions"] = sum(1 for a, b in found.contradictions if _agree(a | b, story_set.claims))
    return EvaluationReport("provenance", story_set.name, total, scores, metrics)


def _agree(reports: frozenset[str], claims: Iterable[ExpectedClaim]) -> bool:
    """True when all ``reports`` take one side of some expected claim."""
    return bool(reports) and any(
        reports <= c.asserted_by or (c.contradicted_by and reports <= c.contradicted_by) for c in claims
    )
