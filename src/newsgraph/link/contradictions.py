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
    """Polarity and value disagreements among the versions of one claim."""
    found = []
    negative = tuple(v for v in claim.versions if v.negative)
    positive = tuple(v for v in claim.versions if not v.negative and v.status in ("asserted", "confirmed"))
    if negative and positive:
        found.append(
            Contradiction(
                "polarity", "asserted by some versions, denied by others", claim.id, claim.id, positive, negative
            )
        )
    with_numbers = [v for v in claim.versions if v.numbers]
    values = {frozenset(v.numbers) for v in with_numbers}
    if len(values) > 1:
        first = frozenset(with_numbers[0].numbers)
        others = sorted(set().union(*(v.numbers for v in with_numbers)) - first)
        same = tuple(v for v in with_numbers if frozenset(v.numbers) == first)
        other = tuple(v for v in with_numbers if frozenset(v.numbers) != first)
        found.append(
            Contradiction(
                "value",
                f"different numbers: {', '.join(sorted(first))} vs {', '.join(others)}",
                claim.id,
                claim.id,
                same,
                other,
            )
        )
    return found


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
