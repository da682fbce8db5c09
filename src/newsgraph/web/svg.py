"""Origin graphs drawn server-side as SVG: original source → intermediaries → outlets.

No script and no external resources: the picture is plain SVG inside the page, every
label escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from newsgraph.web.text import isolate, shown

_COLUMN_X = (10, 290, 570)
_NODE_W = 230
_NODE_H = 30
_ROW_H = 44
_TOP = 34
_HEADINGS = ("source", "via", "outlet")


@dataclass(frozen=True, slots=True)
class Chain:
    """One path a statement took: who said it, through whom, and who published it."""

    source: str
    via: str | None
    outlet: str


def origin_graph(chains: Sequence[Chain], *, title: str = "Origin graph") -> Markup:
    """An SVG picture of ``chains`` in three columns, each distinct node once, edges with arrows."""
    columns: list[list[str]] = [[], [], []]
    edges: set[tuple[int, str, int, str]] = set()
    for chain in chains:
        _add(columns[0], chain.source)
        _add(columns[2], chain.outlet)
        if chain.via:
            _add(columns[1], chain.via)
            edges.add((0, chain.source, 1, chain.via))
            edges.add((1, chain.via, 2, chain.outlet))
        else:
            edges.add((0, chain.source, 2, chain.outlet))
    rows = max((len(c) for c in columns), default=0)
    height = _TOP + max(rows, 1) * _ROW_H + 10
    width = _COLUMN_X[2] + _NODE_W + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="origin-graph" role="img" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}">',
        str(Markup("<title>{}</title>").format(shown(title))),
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#555"/></marker></defs>',
    ]
    for i, heading in enumerate(_HEADINGS):
        parts.append(
            f'<text x="{_COLUMN_X[i] + _NODE_W // 2}" y="18" text-anchor="middle" class="col">{heading}</text>'
        )

    def center(column: int, name: str) -> tuple[int, int]:
        return _COLUMN_X[column], _TOP + columns[column].index(name) * _ROW_H + _NODE_H // 2

    for c1, n1, c2, n2 in sorted(edges):
        x1, y1 = center(c1, n1)
        x2, y2 = center(c2, n2)
        x1 += _NODE_W
        mid = (x1 + x2) // 2
        parts.append(
            f'<path class="edge" d="M {x1} {y1} C {mid} {y1}, {mid} {y2}, {x2 - 2} {y2}" fill="none" '
            f'stroke="#555" stroke-width="1.5" marker-end="url(#arrow)"/>'
        )
    for column, names in enumerate(columns):
        for row, name in enumerate(names):
            x, y = _COLUMN_X[column], _TOP + row * _ROW_H
            label = isolate(name if len(name) <= 32 else name[:31] + "…")
            parts.append(
                str(
                    Markup(
                        '<g class="node n-{}"><rect x="{}" y="{}" width="{}" height="{}" rx="6"/>'
                        '<text x="{}" y="{}" text-anchor="middle">{}<title>{}</title></text></g>'
                    ).format(
                        _HEADINGS[column],
                        x,
                        y,
                        _NODE_W,
                        _NODE_H,
                        x + _NODE_W // 2,
                        y + _NODE_H // 2 + 5,
                        label,
                        shown(name),
                    )
                )
            )
    parts.append("</svg>")
    return Markup("".join(parts))


def _add(column: list[str], name: str) -> None:
    if name not in column:
        column.append(name)


__all__ = ["Chain", "escape", "origin_graph"]
