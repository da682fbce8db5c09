"""Linking one article into the corpus: identities, then its story, then its claims.

``CrossDocLinker`` holds the in-memory indexes; the store persists what it decides
(``newsgraph.store.crossdoc``) and rebuilds a linker from the tables when reopened.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsgraph.link.claims import DEFAULT_CLAIM_PARAMS, ClaimIndex, ClaimLink, ClaimParams, claim_versions
from newsgraph.link.identities import DEFAULT_THRESHOLD, IdentityIndex, IdentityLink, identity_map
from newsgraph.link.stories import (
    DEFAULT_PARAMS,
    StoryAssignment,
    StoryFeatures,
    StoryIndex,
    StoryParams,
    story_features,
)
from newsgraph.records import Article


@dataclass(frozen=True, slots=True)
class LinkResult:
    """Everything decided about one article: its entities' identities, its story, its claim versions."""

    article_id: str
    identities: tuple[IdentityLink, ...]
    features: StoryFeatures
    story: StoryAssignment
    claims: tuple[ClaimLink, ...]


class CrossDocLinker:
    """Links articles one at a time, in the order they are stored.

    Args:
        story_params: story similarity weights and threshold.
        claim_params: claim similarity weights and threshold.
        identity_threshold: name similarity for one identity.
    """

    def __init__(
        self,
        story_params: StoryParams = DEFAULT_PARAMS,
        claim_params: ClaimParams = DEFAULT_CLAIM_PARAMS,
        identity_threshold: float = DEFAULT_THRESHOLD,
    ) -> None:
        self.identities = IdentityIndex(identity_threshold)
        self.stories = StoryIndex(story_params)
        self.claims = ClaimIndex(claim_params)

    def link(self, article: Article) -> LinkResult:
        """Resolve, cluster and link ``article``; the indexes now include it."""
        links = self.identities.link_article(article)
        ids = identity_map(links)
        features = story_features(article, ids)
        story = self.stories.add(features)
        versions = claim_versions(article, ids)
        claims = tuple(self.claims.add(v, story.story_id) for v in versions)
        return LinkResult(article.id, tuple(links), features, story, claims)
