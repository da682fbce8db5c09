"""Corroboration: how many articles, outlets and *independent origins* stand behind a claim.

Ten outlets repeating what one unnamed Kremlin source told Interfax are one origin, not ten.
Each version is traced back to where it started:

* a named source (person or organisation) is its own origin, across articles by identity;
* an anonymous source with an affiliation ("a Kremlin source") is that affiliation's
  anonymous source — we cannot tell two unnamed Kremlin officials apart, so we count them
  once, which errs on the side of fewer confirmations;
* a statement with no source but an intermediary ("Interfax reported") starts at the intermediary;
* otherwise (an anonymous source without affiliation, or the outlet's own reporting) the
  origin is the article itself — after near-duplicates collapse into their original, so
  reprinted wire copy is never a second origin.

The origin graph is source → intermediaries → outlets, with the articles on each edge.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from newsgraph.link.claims import ClaimVersion


@dataclass(frozen=True, slots=True)
class OriginChain:
    """One path a claim travelled: origin, intermediary (if any), outlet, and the articles it reached.

    ``copies`` are near-duplicate articles that reprinted one of ``articles``.
    """

    origin: str
    origin_label: str
    via: str | None
    outlet: str
    articles: tuple[str, ...]
    copies: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Corroboration:
    """What stands behind a claim: counts and the origin graph as chains."""

    articles: int
    outlets: int
    independent_origins: int
    chains: tuple[OriginChain, ...]
    lenient_origins: int = 0
    asserting: tuple[str, ...] = ()

    @property
    def origins(self) -> tuple[str, ...]:
        """The distinct origin labels, in first-seen order."""
        return tuple(dict.fromkeys(c.origin_label for c in self.chains))


def origin_of(version: ClaimVersion, root_article: str) -> tuple[str, str]:
    """The origin key and a readable label of one version (see the module docstring)."""
    if version.source_kind in ("person", "organization") and (version.source_key or version.source):
        key = version.source_key or (version.source or "").lower()
        return f"source:{key}", version.source or key
    if version.source_kind == "anonymous" and version.affiliation_key:
        return (
            f"anonymous:{version.affiliation_key}",
            f"anonymous {version.affiliation or version.affiliation_key} source",
        )
    if version.source_kind == "unspecified" and version.via_key:
        return f"via:{version.via_key}", version.via or version.via_key
    label = version.outlet or root_article
    if version.source_kind == "anonymous":
        return f"anonymous@{root_article}", f"{version.source or 'anonymous source'} ({label})"
    return f"article:{root_article}", f"{label} (own reporting)"


def corroboration(versions: Sequence[ClaimVersion], originals: Mapping[str, str]) -> Corroboration:
    """Count and trace the versions of one claim.

    Only versions that assert the claim count: a denial is not a confirmation (it shows up
    as a contradiction instead).

    Args:
        versions: the claim's versions.
        originals: article id → the original it is a near-duplicate of (articles absent are originals).

    Returns:
        The counts and one chain per (origin, intermediary, outlet).
    """
    versions = [v for v in versions if not v.negative]
    articles = {v.article_id for v in versions}
    outlets = {v.outlet or f"article:{originals.get(v.article_id, v.article_id)}" for v in versions}
    chains: dict[tuple[str, str | None, str], tuple[str, list[str], list[str]]] = {}
    origins: set[str] = set()
    for v in versions:
        root = originals.get(v.article_id, v.article_id)
        key, label = origin_of(v, root)
        origins.add(key)
        # A reprint's chain is its original's: same origin, same intermediary, the original outlet.
        outlet = _outlet_of(root, versions) or v.outlet or root
        via = None if key.startswith("via:") else v.via
        _, direct, copies = chains.setdefault((key, via, outlet), (label, [], []))
        target = copies if root != v.article_id else direct
        if v.article_id not in target:
            target.append(v.article_id)
    result = tuple(
        OriginChain(key, label, via, outlet, tuple(direct), tuple(copies))
        for (key, via, outlet), (label, direct, copies) in chains.items()
    )
    return Corroboration(len(articles), len(outlets), len(origins), result, len(origins), tuple(sorted(articles)))


def _outlet_of(article_id: str, versions: Sequence[ClaimVersion]) -> str | None:
    for v in versions:
        if v.article_id == article_id:
            return v.outlet
    return None


def origin_graph(corroborated: Corroboration) -> dict[str, set[str]]:
    """The origin graph as adjacency: origin → intermediaries/outlets, intermediary → outlets."""
    graph: defaultdict[str, set[str]] = defaultdict(set)
    for chain in corroborated.chains:
        if chain.via:
            graph[chain.origin_label].add(chain.via)
            graph[chain.via].add(chain.outlet)
        else:
            graph[chain.origin_label].add(chain.outlet)
    return dict(graph)
