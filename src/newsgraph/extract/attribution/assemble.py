"""From the CRF's spans to attributions, starting from what the rules found.

The rules keep their grouping (which source and content go with which cue), the intermediary, the
form and, by default, their content and source spans; the CRF redraws cue boundaries in PolNeAR's
conventions, drops rule cues it does not confirm (unless the rules are sure of them) and adds the
cues the rules did not propose, each with the nearest content and source it tagged in its paragraph.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc

from newsgraph.extract.attribution import lexicon
from newsgraph.extract.attribution.finder import Found
from newsgraph.extract.attribution.tagger import TaggedSpan
from newsgraph.extract.intervals import Intervals

# Quotation marks, single curly ones as escapes (they look too much like ASCII ones in source).
_QUOTE_MARKS = frozenset('“”"\u2018\u2019«»')
# Tokens allowed between a new cue and its content: a comma, "that", a quotation mark.
_MAX_GAP = 3


@dataclass(frozen=True, slots=True)
class Options:
    """How the CRF's spans change the rules' findings (chosen on a held-out slice of train).

    Attributes:
        rebound: replace a rule span's boundaries with the CRF span that overlaps it.
        rebound_content: do so for contents too (off: PolNeAR-style contents score higher on
            PolNeAR but shift the scopes the event factuality reads, which scores lower on UW dev).
        rebound_source: do so for sources too (off: on held-out train the rules' source
            boundaries score higher).
        drop_unconfirmed: drop a rule attribution whose cue the CRF did not tag...
        keep_core: ...unless the rules are sure of it: a core reporting verb ("say", "tell",
            "confirm"), "according to", or a quotation next to its source and cue.
        add: add attributions for CRF cues that no rule attribution holds.
    """

    rebound: bool = True
    rebound_content: bool = False
    rebound_source: bool = False
    drop_unconfirmed: bool = True
    keep_core: bool = True
    add: bool = True


def _sure(f: Found) -> bool:
    return f.form in ("direct", "according_to") or f.lemma.split(" ", 1)[0] in lexicon.CORE_VERB_CUES


def _chars(doc: Doc, start: int, end: int) -> tuple[int, int]:
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])


def _tokens(doc: Doc, chars: tuple[int, int]) -> tuple[int, int] | None:
    span = doc.char_span(chars[0], chars[1], alignment_mode="expand")
    return (span.start, span.end) if span is not None and len(span) else None


def _overlapping(spans: Intervals[TaggedSpan], rng: tuple[int, int] | None) -> list[TaggedSpan]:
    return [] if rng is None else spans.overlapping(*rng)


def merge(doc: Doc, found: Sequence[Found], tagged: Sequence[TaggedSpan], options: Options = Options()) -> list[Found]:
    """The rules' findings with CRF boundaries, plus the attributions only the CRF found.

    Args:
        doc: the parsed Doc.
        found: the rule finder's attributions.
        tagged: the CRF's spans for the same Doc.
        options: which changes to make.

    Returns:
        Attributions in text order.
    """
    by_role = {
        role: Intervals([s for s in tagged if s.role == role], lambda s: (s.start, s.end))
        for role in ("CUE", "SRC", "CON")
    }
    used: set[TaggedSpan] = set()
    out: list[Found] = []
    for f in found:
        cues = _overlapping(by_role["CUE"], _tokens(doc, f.cue))
        if not cues and options.drop_unconfirmed and not (options.keep_core and _sure(f)):
            continue
        used.update(cues)
        if not options.rebound:
            out.append(f)
            continue
        cue = f.cue
        if len(cues) == 1:
            cue = _chars(doc, cues[0].start, cues[0].end)
        contents = _overlapping(by_role["CON"], _tokens(doc, f.content))
        content = f.content
        if contents and options.rebound_content:
            used.update(contents)
            content = _chars(doc, contents[0].start, contents[-1].end)
            if f.form == "direct":
                content = (min(content[0], f.content[0]), max(content[1], f.content[1]))
        sources = _overlapping(by_role["SRC"], _tokens(doc, f.source) if f.source else None)
        source = f.source
        if len(sources) == 1 and options.rebound_source:
            used.add(sources[0])
            source = _chars(doc, sources[0].start, sources[0].end)
        out.append(replace(f, cue=cue, content=content, source=source))
    if options.add:
        taken = Intervals([f.cue for f in out], lambda cue: cue)
        added: list[tuple[int, int]] = []
        # Only outermost attributions (as PolNeAR annotates): no new cue inside a kept content.
        scopes = Intervals([f.content for f in out], lambda content: content)
        for span in by_role["CUE"].items:
            if span in used:
                continue
            c0, c1 = _chars(doc, span.start, span.end)
            if taken.overlapping(c0, c1) or any(a < c1 and c0 < b for a, b in added) or scopes.containing(c0, c1):
                continue
            new = _new(doc, span, by_role["CON"], by_role["SRC"], used)
            if new is not None:
                out.append(new)
                added.append(new.cue)
    out.sort(key=lambda f: min(f.cue[0], f.content[0], f.source[0] if f.source else f.cue[0]))
    return out


def _nearest(
    cue: TaggedSpan,
    spans: Intervals[TaggedSpan],
    used: set[TaggedSpan],
    gap: int,
    besides: TaggedSpan | None = None,
) -> TaggedSpan | None:
    best, best_gap = None, gap + 1
    for s in spans.overlapping(cue.start - gap - 1, cue.end + gap + 1):
        if s is besides or s.paragraph != cue.paragraph or s in used:
            continue
        d = s.start - cue.end if s.start >= cue.end else cue.start - s.end if s.end <= cue.start else -1
        if 0 <= d < best_gap:
            best, best_gap = s, d
    return best


def _new(
    doc: Doc, cue: TaggedSpan, contents: Intervals[TaggedSpan], sources: Intervals[TaggedSpan], used: set[TaggedSpan]
) -> Found | None:
    """An attribution around a CRF cue: the adjacent content and the source within its sentence."""
    content = _nearest(cue, contents, used, _MAX_GAP + 8)
    if content is None:
        return None
    source = _nearest(cue, sources, used, _MAX_GAP + 8)
    parts = [content]
    # “A,” he said, “B.”: the quotation on the other side of the cue belongs to it too.
    other = _nearest(cue, contents, used, _MAX_GAP + 8, besides=content)
    if other is not None and doc[min(content.start, other.start)].text in _QUOTE_MARKS:
        parts.append(other)
    used.update(parts)
    if source is not None:
        used.add(source)
    start, end = min(p.start for p in parts), max(p.end for p in parts)
    c_chars = _chars(doc, start, end)
    cue_span = doc[cue.start : cue.end]
    anchor = cue_span.root
    text = doc[start:end].text
    if cue_span.text.lower().startswith("according"):
        form = "according_to"
    elif text[:1] in _QUOTE_MARKS and text[-1:] in _QUOTE_MARKS:
        form = "direct"
    elif any(ch in _QUOTE_MARKS for ch in text):
        form = "mixed"
    else:
        form = "indirect"
    lemma = " ".join(t.lemma_.lower() if t.i == anchor.i else t.lower_ for t in cue_span if t.i >= anchor.i)
    return Found(
        cue=_chars(doc, cue.start, cue.end),
        lemma=lemma,
        anchor=anchor.i,
        source=_chars(doc, source.start, source.end) if source is not None else None,
        source_head=doc[source.start : source.end].root.i if source is not None else None,
        content=c_chars,
        content_head=doc[start:end].root.i,
        form=form,
    )
