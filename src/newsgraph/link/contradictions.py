"""Contradictions between versions and claims, and how a claim's status changed over time.

* **polarity**: within one claim, some versions assert or confirm it and others deny it
  or say it did not happen;
* **value**: within one claim, versions give different numbers ("12 killed" / "40 killed");
* **incompatible**: two claims of one story say the same participant did incompatible things
  (died vs. arrived, was arrested vs. fled).

Each flag carries both sides' versions as evidence.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from newsgraph.link.claims import Claim, ClaimVersion, order_versions
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
    story, not contradicting itself; a figure only contradicts another when no figure of one is a
    rounding of a figure of the other ("11,000" / "11,300"), and a hedged projection ("could reach
    20,000") contradicts nothing.
    """
    found = []
    # A report takes the side of its first version of the claim: the lede is the news, what follows is
    # background ("staff have played down such rumours") or the claim being denied, restated.
    lede: dict[str, ClaimVersion] = {}
    for v in claim.versions:
        if v.article_id not in lede or v.span.start < lede[v.article_id].span.start:
            lede[v.article_id] = v
    denying = {a for a, v in lede.items() if v.negative}
    negative = tuple(v for v in claim.versions if v.negative and v.article_id in denying)
    positive = tuple(
        v
        for v in claim.versions
        if not v.negative and v.status in ("asserted", "confirmed") and v.article_id not in denying
    )
    if negative and positive:
        found.append(
            Contradiction(
                "polarity", "asserted by some reports, denied by others", claim.id, claim.id, positive, negative
            )
        )
    firm = [v for v in positive if v.numbers]
    if firm:
        first = firm[0]
        other = tuple(v for v in firm if v.article_id != first.article_id and not _agree(first.numbers, v.numbers))
        if other:
            same = tuple(v for v in firm if _agree(first.numbers, v.numbers))
            others = sorted(set().union(*(v.numbers for v in other)) - set(first.numbers))
            found.append(
                Contradiction(
                    "value",
                    f"different numbers: {', '.join(sorted(first.numbers))} vs {', '.join(others)}",
                    claim.id,
                    claim.id,
                    same,
                    other,
                )
            )
    return found


def _agree(a: Sequence[str], b: Sequence[str], tolerance: float = 0.1) -> bool:
    """Whether some figure of ``a`` is a rounding of some figure of ``b`` (within ``tolerance``)."""
    for x in a:
        for y in b:
            try:
                fx, fy = float(x), float(y)
            except ValueError:
                if x == y:
                    return True
                continue
            if fx == fy or (max(abs(fx), abs(fy)) and abs(fx - fy) <= tolerance * max(abs(fx), abs(fy))):
                return True
    return False


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
    """Every contradiction within and between ``claims`` (the claims of one story)."""
    found = [c for claim in claims for c in within_claim(claim)]
    return found + between_claims(claims)


def status_history(versions: Iterable[ClaimVersion]) -> list[StatusChange]:
    """The changes of status over time (unverified → confirmed, asserted → denied), oldest first."""
    changes = []
    current: ClaimStatus | None = None
    for v in order_versions(versions):
        if current is not None and v.status != current:
            changes.append(StatusChange(v.published, v.article_id, current, v.status))
        current = v.status
    return changes
