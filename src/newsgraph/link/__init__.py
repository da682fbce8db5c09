"""Cross-article linking: near-duplicate detection (syndicated wire copy, light rewrites)."""

from newsgraph.link.near_duplicates import (
    SIGNATURE_SCHEME,
    NearDuplicateIndex,
    NearMatch,
    Signature,
    shingles,
    signature,
)

__all__ = ["SIGNATURE_SCHEME", "NearDuplicateIndex", "NearMatch", "Signature", "shingles", "signature"]
