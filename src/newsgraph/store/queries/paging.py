"""Pages of results: what the paged queries of the store return."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of results: ``total`` counts every match, ``items`` those from ``offset``."""

    items: tuple[T, ...]
    total: int
    limit: int
    offset: int

    @property
    def next_offset(self) -> int | None:
        """Where the next page starts, or None on the last page."""
        following = self.offset + len(self.items)
        return following if following < self.total and self.items else None
