"""Contradictions between versions and claims, and how a claim's status changed over time.

* **polarity**: within one claim, some versions assert or confirm it and others deny it
  or say it did not happen;
* **value**: within one claim, a report gives a count far below the one most reports give for the
  same measure ("3,958 dead" against "11,300 dead");
* **incompatible**: two claims of one story say the same participant did incompatible things
  (died vs. arrived, was arrested vs. fled).

Each flag carries both sides' versions as evidence.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from newsgraph.link.claims import Claim, ClaimVersion, order_versions, refers_back
from newsgraph.link.figures import Figure, figures
from newsgraph.link.near_duplicates import shingles
from newsgraph.records import ClaimStatus

ContradictionKind = Literal["polarity", "value", "incompatible"]

# Event lemmas that cannot all be true of one participant at the same time: whoever died
# did not then arrive, flee or speak.
_DEATH = frozenset({"die", "kill", "death", "dead", "assassinate", "execute", "murder", "crash", "perish"})
_ALIVE = frozenset(
    {"arrive", "arrival", "flee", "fly", "travel", "meet", "speak", "land", "visit", "appear", "leave", "escape"}
)
_CAPTURED = frozenset({"arrest", "capture", "detain", "seize"})
_FREE = frozenset({"flee", "escape", "release", "free"})
_SAME_WORDS = 0.8
"""Share of the shorter wording's 5-grams found in the longer one for the two to be one sentence."""

INCOMPATIBLE: tuple[tuple[frozenset[str], frozenset[str]], ...] = ((_DEATH, _ALIVE), (_CAPTURED, _FREE))


@dataclass(frozen=True, slots=True)
class Contradiction:
    """A disagreement, with the versions on each side."""

    kind: ContradictionKind
    reason: str
    claim_a: str
    claim_b: str
    side_a: tuple[ClaimVersion, ...]
    side_b: tuple[ClaimVersion, ...]


@dataclass(frozen=True, slots=True)
class StatusChange:
    """A claim's status moving from one value to another, first seen in ``article_id`` on ``date``."""

    date: dt.date | None
    article_id: str
    before: ClaimStatus
    after: ClaimStatus


def within_claim(claim: Claim) -> list[Contradiction]:
    """Polarity and value disagreements among the versions of one claim, between different reports.

    A report that states a claim and, beside it, an old denial or a lower earlier count is telling a
    story, not contradicting itself (``_value_cut`` says which figures can disagree).
    """
    found = []
    against = opposite(claim.versions)
    denying = _denying(claim.versions)
    negative = tuple(v for v in claim.versions if against(v) and v.article_id in denying)
    # Two reports carrying one sentence (copies of a dispatch) cannot disagree about it: a version whose
    # words lie inside a longer one read as negative from its other words is the same news read twice.
    # (A denial is another matter: "denied that 12 were killed" takes the very words it denies.)
    read_negative = [n for n in negative if n.status != "denied"]
    positive = tuple(v for v in _firm(claim.versions, denying) if not any(_same_words(v, n) for n in read_negative))
    if negative and positive:
        found.append(Contradiction("polarity", _denied_by(negative), claim.id, claim.id, positive, negative))
    value = _value_cut(claim.id, positive)
    if value is not None:
        found.append(value)
    return found


def _same_words(a: ClaimVersion, b: ClaimVersion) -> bool:
    """Whether the shorter wording is, nearly word for word, inside the longer one."""
    shorter, longer = sorted((shingles(a.wording), shingles(b.wording)), key=len)
    return bool(shorter) and len(shorter & longer) >= _SAME_WORDS * len(shorter)


def opposite(versions: Sequence[ClaimVersion]) -> Callable[[ClaimVersion], bool]:
    """Whether a version says the opposite of the claim as first reported (its oldest version).

    Most claims are positive and their denials negative; a claim first made in the negative ("Bloomberg
    has not approached Murdoch") is confirmed by negative versions and contradicted by positive ones.
    """
    negative = bool(versions) and versions[0].negative
    return lambda v: v.negative != negative


def disputing(versions: Sequence[ClaimVersion]) -> frozenset[str]:
    """The reports on the claim's other side: their lede denies it, or they cut its figure.

    Such a report restates the claim to dispute it ("denied that the toll had reached 11,300"): its
    versions asserting the claim are no support for it.
    """
    denying = _denying(versions)
    cut = _value_cut("", _firm(versions, denying))
    return denying | ({v.article_id for v in cut.side_b} if cut else set())


def _denying(versions: Sequence[ClaimVersion]) -> frozenset[str]:
    # A report takes the side of its first version of the claim: the lede is the news, what follows is
    # background ("staff have played down such rumours") or the claim being denied, restated.
    against = opposite(versions)
    lede: dict[str, ClaimVersion] = {}
    for v in versions:
        if v.article_id not in lede or v.span.start < lede[v.article_id].span.start:
            lede[v.article_id] = v
    # A denial aimed at the claim itself ("other officials disputed the figure") puts the report on the
    # denying side wherever it stands: it reports the claim as disputed.
    aimed = {v.article_id for v in versions if against(v) and refers_back(v.wording, v.status)}
    return frozenset(a for a, v in lede.items() if against(v)) | aimed


def _firm(versions: Sequence[ClaimVersion], denying: frozenset[str]) -> tuple[ClaimVersion, ...]:
    """Versions asserting or confirming the claim, from reports that do not deny it."""
    against = opposite(versions)
    firm = ("asserted", "confirmed", "denied")
    return tuple(v for v in versions if not against(v) and v.status in firm and v.article_id not in denying)


def _denied_by(negative: Sequence[ClaimVersion]) -> str:
    """Who denies it, in how many reports: "denied by Peskov, the Kremlin in 5 reports"."""
    names = list(dict.fromkeys(v.source.strip(" ,") for v in negative if v.source and v.source_kind != "unspecified"))
    reports = len({v.article_id for v in negative})
    who = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    return f"denied by {who or 'reports'} in {reports} report{'s' if reports != 1 else ''}"


def _value_cut(claim_id: str, firm: Sequence[ClaimVersion]) -> Contradiction | None:
    """A figure far below the one most reports give, for the same measure, given as the count by a report
    not published before them: a toll cut by two thirds is a retraction, not an update.

    Only counts compare (``newsgraph.link.figures``): not projections, sub-counts, earlier figures or numbers
    of no known measure; a higher figure is an update; a report giving both figures as counts is not one side.
    """
    for measure, items in sorted(_counts(firm).items()):
        reference, backers = _most_reported([(f, v) for f, v in items if f.kind == "count"])
        if reference is None:
            continue
        first = min((v.published for v in backers if v.published), default=None)
        backing = {v.article_id for v in backers}
        cuts = [
            (f, v)
            for f, v in items
            if f.kind == "count"
            and f.value < reference.value
            and not f.agrees(reference)
            and v.article_id not in backing
            and (first is None or v.published is None or v.published >= first)
        ]
        if cuts:
            lower = sorted({_shown(f.value) for f, _ in cuts})
            return Contradiction(
                "value",
                f"{measure}: {_shown(reference.value)} vs {', '.join(lower)}",
                claim_id,
                claim_id,
                tuple(backers),
                tuple(dict.fromkeys(v for _, v in cuts)),
            )
    return None


def _counts(versions: Sequence[ClaimVersion]) -> dict[str, list[tuple[Figure, ClaimVersion]]]:
    """Per measure, the figures given as counts (or as counts replaced) and the versions giving them."""
    counted: dict[str, list[tuple[Figure, ClaimVersion]]] = defaultdict(list)
    for v in versions:
        for figure in figures(v.wording):
            if figure.measure and figure.kind in ("count", "replaced"):
                counted[figure.measure].append((figure, v))
    # A report that gives a figure "instead of 11,300" and elsewhere recalls that "11,300 people died" is
    # restating the figure it replaces, not backing it.
    for items in counted.values():
        replaced = [(f, v.article_id) for f, v in items if f.kind == "replaced"]
        items[:] = [
            (f, v)
            for f, v in items
            if f.kind != "count" or not any(r.agrees(f) and a == v.article_id for r, a in replaced)
        ]
    return counted


def reference_figures(versions: Sequence[ClaimVersion]) -> dict[str, Figure]:
    """Per measure, the count most reports give: the claim's figures."""
    found = {}
    for measure, items in _counts(versions).items():
        reference, _ = _most_reported([(f, v) for f, v in items if f.kind == "count"])
        if reference is not None:
            found[measure] = reference
    return found


def replacing(story_versions: Iterable[ClaimVersion], references: Mapping[str, Figure]) -> frozenset[str]:
    """Reports of the story that replace one of these figures ("3,958 people have died instead of 11,300"), in
    whichever claim they say it: they retract the figure, so no version of theirs supports a claim giving it."""
    return frozenset(
        v.article_id
        for v in story_versions
        for f in figures(v.wording)
        if f.kind == "replaced"
        and f.measure is not None
        and f.measure in references
        and f.agrees(references[f.measure])
    )


def gives_another_figure(version: ClaimVersion, references: Mapping[str, Figure]) -> bool:
    """Whether a version counts a measure of the claim but never with the claim's figure ("up to 20,000
    dead", "3,283 buried" beside a toll of 11,300): it does not state the claim, whatever it shares."""
    own = [f for f in figures(version.wording) if f.measure in references]
    return bool(own) and not any(f.agrees(references[f.measure]) for f in own if f.measure)


def _most_reported(items: Sequence[tuple[Figure, ClaimVersion]]) -> tuple[Figure | None, list[ClaimVersion]]:
    """The figure the most reports give (rounded figures counting for it), and the versions giving it.

    Between figures as many reports give, the one published first is the claim's: a later figure is the
    update or the retraction, whichever order the versions come in.
    """
    best: Figure | None = None
    backers: list[ClaimVersion] = []
    best_key: tuple[int, int] = (0, 0)
    for figure, _ in items:
        agreeing = [v for f, v in items if f.agrees(figure)]
        first = min((v.published.toordinal() for v in agreeing if v.published), default=dt.date.max.toordinal())
        key = (len({v.article_id for v in agreeing}), -first)
        if key > best_key:
            best, backers, best_key = figure, agreeing, key
    if best is not None:
        # Shown as the exact figure most of them give ("11,300", not one report's "11,000").
        exact = Counter(f.value for f, _ in items if f.agrees(best))
        best = next(f for f, _ in items if f.value == exact.most_common(1)[0][0])
    return best, list(dict.fromkeys(backers))


def _shown(value: float) -> str:
    return f"{value:,.0f}" if value >= 1 else f"{value:g}"


def between_claims(claims: Sequence[Claim]) -> list[Contradiction]:
    """Claims of one story that say incompatible things of the same participant."""
    found = []
    for i, a in enumerate(claims):
        for b in claims[i + 1 :]:
            reason = _incompatible(a.versions, b.versions)
            if reason:
                found.append(Contradiction("incompatible", reason, a.id, b.id, a.versions, b.versions))
    return found


def _incompatible(a: Sequence[ClaimVersion], b: Sequence[ClaimVersion]) -> str | None:
    # Pairs from one article are a sequence the article tells ("died after he fled"), not a clash.
    for x in a:
        for y in b:
            if x.article_id == y.article_id or x.negative or y.negative:
                continue
            same = (x.actor and (x.actor == y.actor or x.actor in y.identities)) or (
                y.actor and y.actor in x.identities
            )
            if not same:
                continue
            for left, right in INCOMPATIBLE:
                for p, q in ((x.lemmas, y.lemmas), (y.lemmas, x.lemmas)):
                    if p & left and q & right:
                        return f"{_first(set(p & left))} vs {_first(set(q & right))} of the same participant"
    return None


def _first(lemmas: set[str]) -> str:
    # "die" names the clash better than "crash" when a version has both.
    return min(lemmas, key=lambda lemma: (lemma not in ("die", "kill", "arrive"), lemma))


def contradictions(claims: Sequence[Claim]) -> list[Contradiction]:
    """Every contradiction within and between ``claims`` (the claims of one story), strongest first."""
    found = [c for claim in claims for c in within_claim(claim)]
    return sorted(found + between_claims(claims), key=strength, reverse=True)


def strength(contradiction: Contradiction) -> tuple[int, int, int]:
    """How much a contradiction weighs: a denial or a cut figure before an inference from event words,
    then the reports on its weaker side, then on both."""
    a = {v.article_id for v in contradiction.side_a}
    b = {v.article_id for v in contradiction.side_b}
    return (contradiction.kind != "incompatible", min(len(a), len(b)), len(a | b))


def status_history(versions: Iterable[ClaimVersion]) -> list[StatusChange]:
    """The changes of status over time (unverified → confirmed, asserted → denied), oldest first."""
    changes = []
    current: ClaimStatus | None = None
    for v in order_versions(versions):
        if current is not None and v.status != current:
            changes.append(StatusChange(v.published, v.article_id, current, v.status))
        current = v.status
    return changes
