"""Attributions: who said what, according to whom, through whom, how firmly, and when.

Rule-based over spaCy's dependency parse, with a cue lexicon mined from PolNeAR train:

* ``lexicon``: cue lemmas, status classes, outlets, unnamed-source nouns.
* ``quotes``: quotations in the text.
* ``finder``: cue, source, content and intermediary from the parse.
* ``resolve``: entities, source kind, affiliation, claim status, statement time.
* ``tagger`` and ``assemble``: a CRF trained on PolNeAR train, stacked on the rules, that redraws
  cue boundaries in PolNeAR's conventions, drops unconfirmed rule cues and adds the cues the rules
  miss (component
  ``newsgraph_attributions_tagged_v1``; ``newsgraph_attributions_v1`` is the rules alone).

Representation choices (the JSON contract documents them too):

* A quotation split by its source (“A,” he said, “B.”) is one attribution whose content runs from
  the first quotation mark to the last (it includes the interrupting "he said"); a quotation that
  stands alone right after a quoted statement continues it. ``form`` is ``direct``.
* "Sputnik reported, citing a source, that ..." is one attribution with source "a source" and via
  Sputnik; "told the Interfax news agency", "on state television", "in an interview with CNN" give
  the intermediary. Recipients that are not outlets ("told reporters") are not intermediaries.
* "Unverified reports suggested" has kind ``unspecified`` (reports name no one) and status
  ``unverified``; "it is said" and passives without "by" have no source span at all.
* Only the outermost attribution is kept when one sits inside another's content (as in PolNeAR).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import Doc, Token

from newsgraph.extract.attribution import finder, lexicon, resolve
from newsgraph.extract.attribution.quotes import Quotes
from newsgraph.records import Attribution, Cue, Entity, Source, TimeExpr, Via

if TYPE_CHECKING:
    from newsgraph.extract.attribution.assemble import Options
    from newsgraph.extract.attribution.tagger import SpanTagger

__all__ = [
    "COMPONENTS",
    "TaggedAttributions",
    "attributions_component",
    "extract_attributions",
    "extract_attributions_tagged",
    "to_records",
]

# The attribution extractors by setting name (``Settings.attribution``) → registered component.
COMPONENTS: Mapping[str, str] = {
    "rules": "newsgraph_attributions_v1",
    "tagger": "newsgraph_attributions_tagged_v1",
    "neural": "newsgraph_attributions_neural_v1",
}


def extract_attributions(doc: Doc, entities: Sequence[Entity], times: Sequence[TimeExpr]) -> list[Attribution]:
    """The attributions in ``doc``, ids ``A1``, ``A2``, ... in text order.

    Args:
        doc: a parsed Doc (needs the dependency parse and lemmas).
        entities: the article's entities; sources and intermediaries resolve to them through their
            mentions (names, and nominals or pronouns when coreference supplies them).
        times: the article's time expressions; ``when`` takes the one attached to the cue.

    Returns:
        One record per attribution.
    """
    quotes = Quotes.find(finder.text_of(doc))
    found = finder.find(doc, quotes, lexicon.VERB_CUES, lexicon.NOUN_CUES)
    return to_records(doc, found, entities, times)


def to_records(
    doc: Doc, found: Sequence[finder.Found], entities: Sequence[Entity], times: Sequence[TimeExpr]
) -> list[Attribution]:
    """Attribution records from findings (of the rules or the tagger): entities, kind, status, time."""
    if not found:
        return []
    index = resolve.EntityIndex(entities)
    unverified = resolve.unverified_sentences(doc)
    records = []
    # A recurring source keeps the affiliation it was introduced with: "a Kremlin source" ... "The source".
    affiliations: dict[str, str] = {}
    for number, f in enumerate(found, start=1):
        head = doc[f.source_head] if f.source_head is not None and f.source is not None else None
        if head is not None and f.source is not None and (noun := _antecedent(head)) is not None:
            # The words stay the pronoun's (they are what the text says); who it is comes from the noun.
            head = noun
            entity = index.of_span(noun.idx, noun.idx + len(noun), noun)
        else:
            entity = index.of_span(f.source[0], f.source[1], head) if f.source and head is not None else None
        kind = resolve.source_kind(doc, head, entity)
        entity_id = entity.id if entity is not None and kind != "unspecified" else None
        affiliated = resolve.affiliation(doc, head, kind, index, entity)
        if entity_id is not None:
            affiliated = affiliated or affiliations.get(entity_id)
            if affiliated is not None:
                affiliations.setdefault(entity_id, affiliated)
        source = Source(
            span=resolve.to_span(doc, *f.source) if f.source else None,
            kind=kind,
            entity=entity_id,
            affiliation=affiliated,
        )
        via = None
        if f.via is not None and f.via_head is not None:
            via_entity = index.of_span(f.via[0], f.via[1], doc[f.via_head], inside=True)
            via = Via(resolve.to_span(doc, *f.via), via_entity.id if via_entity else None)
        records.append(
            Attribution(
                id=f"A{number}",
                source=source,
                cue=Cue(resolve.to_span(doc, *f.cue), f.lemma),
                content=resolve.to_span(doc, *_within_paragraph(finder.text_of(doc), f.content, f.cue)),
                form=f.form,  # type: ignore[arg-type]
                status=resolve.status(doc, f, head, unverified),
                via=via,
                when=resolve.statement_time(doc, f, times),
            )
        )
    return records


def _antecedent(head: Token) -> Token | None:
    """The noun a relative pronoun stands for: "Smith, who said ..." is Smith's statement."""
    if head.tag_ not in ("WP", "WDT") or head.head.dep_ != "relcl":
        return None
    noun: Token = head.head.head
    if noun.pos_ == "NOUN":
        # "The police chief, John Smith, who said": the name in apposition says who.
        noun = next((c for c in noun.children if c.dep_ == "appos" and c.pos_ == "PROPN"), noun)
    return noun if noun.pos_ in ("NOUN", "PROPN") else None


def _within_paragraph(text: str, content: tuple[int, int], cue: tuple[int, int]) -> tuple[int, int]:
    """The content cut at the paragraph breaks that separate it from its cue.

    A parse can run a byline, a dateline or a heading into the first sentence ("By X, Agency\nMOSCOW ...
    Putin plans to ..."): what lies beyond a line break on the far side of the content is not said.
    """
    start, end = content
    if "\n" not in text[start:end]:
        return content
    if end <= cue[0]:
        start = max(start, text.rfind("\n", start, end) + 1)
    elif start >= cue[1]:
        cut = text.find("\n", start, end)
        end = cut if cut > start else end
    else:
        before = text.rfind("\n", start, cue[0])
        after = text.find("\n", cue[1], end)
        start = before + 1 if before >= 0 else start
        end = after if after >= 0 else end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else content


@Language.component(
    "newsgraph_attributions_v1",
    requires=["token.dep", "token.lemma", "doc._.newsgraph_entities", "doc._.newsgraph_times"],
    assigns=["doc._.newsgraph_attributions"],
)
def attributions_component(doc: Doc) -> Doc:
    """Pipeline wrapper: reads entities and times off the Doc, writes its attributions."""
    doc._.newsgraph_attributions = extract_attributions(
        doc, doc._.newsgraph_entities or [], doc._.newsgraph_times or []
    )
    return doc


def extract_attributions_tagged(
    doc: Doc,
    entities: Sequence[Entity],
    times: Sequence[TimeExpr],
    tagger: SpanTagger,
    options: Options | None = None,
) -> list[Attribution]:
    """Like ``extract_attributions``, with the CRF redrawing spans and adding missed cues.

    Args:
        doc: a parsed Doc.
        entities: the article's entities.
        times: the article's time expressions.
        tagger: the loaded CRF (``AttributionTagger()`` reads the packaged weights).

    Returns:
        One record per attribution, ids ``A1``, ``A2``, ... in text order.
    """
    from newsgraph.extract.attribution.assemble import Options, merge

    quotes = Quotes.find(finder.text_of(doc))
    found = finder.find(doc, quotes, lexicon.VERB_CUES, lexicon.NOUN_CUES)
    return to_records(doc, merge(doc, found, tagger.tag(doc, found, quotes), options or Options()), entities, times)


class TaggedAttributions:
    """Pipeline component holding a span tagger (the CRF unless another is given); its weights load when the
    component is created."""

    def __init__(
        self, model: Path | None = None, tagger: SpanTagger | None = None, options: Options | None = None
    ) -> None:
        from newsgraph.extract.attribution.tagger import AttributionTagger

        self.tagger: SpanTagger = tagger or AttributionTagger(model)
        self.options = options

    def __call__(self, doc: Doc) -> Doc:
        """Reads entities and times off the Doc, writes its attributions."""
        doc._.newsgraph_attributions = extract_attributions_tagged(
            doc, doc._.newsgraph_entities or [], doc._.newsgraph_times or [], self.tagger, self.options
        )
        return doc


@Language.factory(
    "newsgraph_attributions_tagged_v1",
    requires=["token.dep", "token.lemma", "doc._.newsgraph_entities", "doc._.newsgraph_times"],
    assigns=["doc._.newsgraph_attributions"],
    default_config={"model": None},
)
def make_tagged_attributions(nlp: Language, name: str, model: str | None) -> TaggedAttributions:
    """The tagged attribution component; ``model`` overrides the packaged weights' path."""
    return TaggedAttributions(Path(model) if model else None)
