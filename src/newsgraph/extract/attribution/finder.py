"""Finding attributions in the dependency parse: cue, source, content, intermediary.

One pass over the tokens looks up each token's lemma in the cue lexicon; only cues get further
work, so the cost stays a small fraction of the parse. Everything here works on token indices and
character offsets; ``resolve`` turns the result into records.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsgraph.extract.attribution import lexicon
from newsgraph.extract.attribution.quotes import Quotes
from newsgraph.extract.intervals import Intervals

CharRange = tuple[int, int]
# Quotation marks, as escapes: curly single quotes and dashes look too much like ASCII ones in source.
_LSQUO, _RSQUO, _NDASH = "\u2018", "\u2019", "\u2013"
_QUOTE_MARKS = frozenset({"“", "”", '"', _LSQUO, "«", "»"})
_OPENING = frozenset({"“", '"', _LSQUO, "'", "«", "''", "``"})
_CLOSING = frozenset({"”", '"', _RSQUO, "'", "»", "''"})
_LEFT_GAP = ",:;—-" + _NDASH
_RIGHT_GAP = ",:—-" + _NDASH
# Verbs whose object is who was told, not what: "told the agency that ...".
_RECIPIENT_VERBS = frozenset({"tell", "ask", "inform", "assure", "remind", "warn", "urge", "notify", "brief", "advise"})
# Prepositions that carry content for verbs without a clause: "called for", "referred to", "warned of".
_CONTENT_PREPS = frozenset({"for", "to", "about", "of", "on", "against", "at", "with"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
# Verbs whose grammatical subject belongs to the content: "he seems to win" attributes "he wins".
_RAISING = frozenset({"seem", "appear"})
# Clause links over which a cue without a subject takes its head's source: "announced ... and said".
_INHERIT = frozenset({"conj", "advcl", "xcomp"})
_GROUP_LEFT = {"aux": True, "auxpass": True, "neg": True, "advmod": True}
_NEGATIONS = frozenset({"not", "n't", "never", "no"})


_last_text: tuple[Doc | None, str] = (None, "")


def text_of(doc: Doc) -> str:
    """``doc.text``, built once per Doc: spaCy rebuilds the string from the tokens on every access."""
    global _last_text
    cached_doc, text = _last_text
    if cached_doc is not doc:
        text = doc.text
        _last_text = (doc, text)
    return text


@dataclass(frozen=True, slots=True)
class Found:
    """An attribution as found in the parse, before it becomes a record.

    Attributes:
        cue: character range of the cue; ``lemma`` its normalised words.
        anchor: the token the cue hangs on (its verb, or "according"), for status and time.
        source: character range of the source, or None; ``source_head`` its head token index.
        content: character range of what is attributed.
        form: direct | indirect | mixed | according_to.
        via: character range and head token index of the intermediary, or None.
    """

    cue: CharRange
    lemma: str
    anchor: int
    source: CharRange | None
    source_head: int | None
    content: CharRange
    content_head: int | None
    form: str
    via: CharRange | None = None
    via_head: int | None = None


def find(doc: Doc, quotes: Quotes, verbs: Collection[str] | None, nouns: Collection[str]) -> list[Found]:
    """All attributions of ``doc``, outermost only, in text order.

    Args:
        doc: a parsed Doc.
        quotes: its quotations.
        verbs: cue verb lemmas; None takes every verb with a complement (used to mine the lexicon).
        nouns: cue noun lemmas.
    """
    found: list[Found] = []
    for tok in doc:
        pos = tok.pos_
        if pos in ("VERB", "AUX"):
            if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
                hit = _according_to(doc, tok)
            elif verbs is None or tok.lemma_.lower() in verbs:
                hit = _verb_cue(doc, tok, quotes)
            else:
                continue
        elif pos == "NOUN" and tok.lemma_.lower() in nouns:
            hit = _noun_cue(doc, tok)
        else:
            continue
        if hit is not None:
            found.append(hit)
    _continue_quotes(doc, found, quotes)
    found.extend(_colon_cues(doc, quotes, {f.anchor for f in found}))
    return _outermost(found, quotes)


def _outermost(found: list[Found], quotes: Quotes) -> list[Found]:
    """PolNeAR annotates only the outermost attribution; a cue inside another's content is dropped."""
    kept = []
    sources = {g.source for g in found if g.source}
    contents = Intervals(found, lambda g: g.content)
    for f in found:
        if f.content in sources:
            continue  # "citing a source": the cited source is another attribution's source
        if quotes.containing(*f.cue) is not None:
            continue  # speech inside a quotation belongs to the quoted speaker's statement
        nested = any(
            g is not f
            and (
                g.content[1] - g.content[0] > f.content[1] - f.content[0]
                or not (f.content[0] <= g.cue[0] < f.content[1])
            )
            for g in contents.containing(f.cue[0], f.cue[0] + 1)
        )
        if not nested:
            kept.append(f)
    kept.sort(key=lambda f: min(f.cue[0], f.content[0], f.source[0] if f.source else f.cue[0]))
    return kept


def _continue_quotes(doc: Doc, found: list[Found], quotes: Quotes) -> None:
    """A quotation standing alone right after a quoted statement continues it (guidelines)."""
    used = {q for f in found for q in quotes.spans if f.content[0] <= q[0] and q[1] <= f.content[1]}
    for i, f in enumerate(found):
        if f.form not in ("direct", "mixed"):
            continue
        end = f.content[1]
        # Continue after everything the attribution holds: “A,” she said. “B.”
        reach = max(end, f.cue[1], f.source[1] if f.source else 0, f.via[1] if f.via else 0)
        while True:
            nxt = quotes.starting_after(max(end, reach), text_of(doc), '.,;:!?”"')
            if nxt is None or nxt in used:
                break
            used.add(nxt)
            end = nxt[1]
        if end != f.content[1]:
            found[i] = Found(
                f.cue, f.lemma, f.anchor, f.source, f.source_head, (f.content[0], end), f.content_head, f.form,
                f.via, f.via_head,
            )  # fmt: skip


# ---------------------------------------------------------------- verb cues


def _verb_cue(doc: Doc, tok: Token, quotes: Quotes) -> Found | None:
    lemma = tok.lemma_.lower()
    children = list(tok.children)
    source, source_head = _source(doc, tok)
    cue_start, cue_end = tok.i, tok.i + 1
    prt = [c for c in children if c.dep_ == "prt" and c.i == cue_end]
    if prt:
        cue_end = prt[0].i + 1
    via: tuple[int, int] | None = None  # token range of the intermediary
    group_end = cue_end  # end of the cue's own phrase: cue, recipient, "in a statement"
    for c in children:
        if c.dep_ in ("dobj", "dative") and lemma in _RECIPIENT_VERBS:
            group_end = max(group_end, c.right_edge.i + 1)
            if _is_outlet(c):
                via = (c.left_edge.i, c.right_edge.i + 1)
        elif c.dep_ == "prep" and c.i >= cue_end:
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is None:
                continue
            if obj.lemma_.lower() in lexicon.MEDIUM_NOUNS and c.i == cue_end:
                # "said in a statement": the phrase is part of the cue; "with CNN" under it is the outlet.
                inner = next((g for g in obj.children if g.dep_ == "prep" and g.lower_ == "with"), None)
                cue_end = (inner.i if inner is not None else obj.right_edge.i + 1) if obj.i >= c.i else cue_end
                cue_end = max(cue_end, obj.i + 1)
                group_end = max(group_end, obj.right_edge.i + 1)
                if inner is not None:
                    target = next((g for g in inner.children if g.dep_ == "pobj"), None)
                    if target is not None:
                        via = (target.left_edge.i, target.right_edge.i + 1)
            elif c.lower_ in ("on", "to", "in") and _is_outlet(obj):
                # "said on state television", "said to the news agency"
                via = (obj.left_edge.i, obj.right_edge.i + 1)
                group_end = max(group_end, obj.right_edge.i + 1)

    content = _clause_content(doc, tok, lemma, children, group_end)
    # Keep the verb group together (guidelines): auxiliaries, negation and adverbs right before it,
    # the preposition that links the content ("called for"), a colon that introduces it.
    while cue_start > 0 and doc[cue_start - 1].head.i == tok.i and _GROUP_LEFT.get(doc[cue_start - 1].dep_, False):
        if doc[cue_start - 1].lower_ == "to":
            break
        cue_start -= 1
    if content is not None and content[3] is not None and content[3] == cue_end:
        cue_end += 1
    if cue_end < len(doc) and doc[cue_end].text == ":" and group_end == tok.i + 1:
        cue_end += 1
    form = "indirect"
    # Direct speech: a quotation right before the source-and-cue clause or right after the cue phrase.
    clause_start = min(tok.i, source[0] if source else tok.i)
    clause_end = max(group_end, source[1] if source else group_end)
    inside = quotes.containing(doc[tok.i].idx, doc[tok.i].idx + len(doc[tok.i]))
    if inside is None:
        left = quotes.ending_before(doc[clause_start].idx, text_of(doc), _LEFT_GAP)
        right_from = doc[clause_end - 1].idx + len(doc[clause_end - 1])
        right = quotes.starting_after(right_from, text_of(doc), _RIGHT_GAP)
        if left or right:
            q_start = left[0] if left else right[0]  # type: ignore[index]
            q_end = right[1] if right else left[1]  # type: ignore[index]
            # A complement that runs past the quotation is the content ("said “X” was wrong").
            if content is None or (q_start <= content[0] and content[1] <= q_end) or content[0] >= q_end:
                return _make(
                    doc, tok, cue_start, cue_end, lemma, source, source_head, (q_start, q_end), None, "direct", via
                )
    if content is None:
        return None
    cited = _citing(doc, tok, content[2])
    if cited is not None and source is not None:
        # "Sputnik reported, citing a source, that ...": the cited source speaks, through Sputnik.
        citing, obj = cited
        via, source, source_head = source, _source_range(obj), obj.i
        lo, hi = citing.left_edge.i, citing.right_edge.i + 1
        head_tok = doc[content[2]]
        kept = [t for t in head_tok.subtree if (t.i < lo or t.i >= hi) and not (t.is_punct or t.is_space)]
        if kept:
            content = (*_trimmed(doc, kept[0].i, kept[-1].i + 1, head_tok.i), None)
    if _has_quote(text_of(doc), content):
        form = "mixed"
    return _make(doc, tok, cue_start, cue_end, lemma, source, source_head, content, content[2], form, via)


def _citing(doc: Doc, tok: Token, content_head: int) -> tuple[Token, Token] | None:
    """A "citing X" phrase on the cue or on its content's verb, and X."""
    for t in (*tok.children, *doc[content_head].children):
        if t.dep_ == "advcl" and t.lemma_.lower() == "cite":
            obj = next((c for c in t.children if c.dep_ == "dobj"), None)
            if obj is not None:
                return t, obj
    return None


def _make(
    doc: Doc,
    tok: Token,
    cue_start: int,
    cue_end: int,
    lemma: str,
    source: tuple[int, int] | None,
    source_head: int | None,
    content: tuple[int, int] | tuple[int, int, int, int | None],
    content_head: int | None,
    form: str,
    via: tuple[int, int] | None,
) -> Found:
    cue_span = doc[cue_start:cue_end]
    # The lemma names the cue itself: "say", "say in a statement", "call for" (not "also said").
    cue_lemma = " ".join(t.lemma_.lower() if t.i == tok.i else t.lower_ for t in cue_span if t.i >= tok.i)
    return Found(
        cue=(cue_span.start_char, cue_span.end_char),
        lemma=cue_lemma,
        anchor=tok.i,
        source=_chars(doc, source) if source else None,
        source_head=source_head,
        content=(content[0], content[1]),
        content_head=content_head,
        form=form,
        via=_chars(doc, via) if via else None,
        via_head=doc[via[0] : via[1]].root.i if via else None,
    )


def _clause_content(
    doc: Doc, tok: Token, lemma: str, children: list[Token], group_end: int
) -> tuple[int, int, int, int | None] | None:
    """The attributed clause as (start char, end char, head token, linking preposition), or None."""
    by_dep: dict[str, Token] = {}
    for c in children:
        by_dep.setdefault(c.dep_, c)
    subject = by_dep.get("nsubjpass") or (by_dep.get("nsubj") if lemma in _RAISING else None)
    if subject is not None and not _expletive(subject) and subject.i < tok.i:
        # "Migrants were blamed for the abuse", "He seems to like it": the subject is part of the content.
        comps = [c for c in children if c.dep_ in ("xcomp", "ccomp", "prep", "oprd", "attr") and c.i > tok.i]
        if comps:
            end = max(c.right_edge.i for c in comps) + 1
            return (*_trimmed(doc, subject.left_edge.i, end, subject.i), None)
    for dep in ("ccomp", "xcomp"):
        if dep in by_dep:
            return (*_subtree_chars(doc, by_dep[dep]), None)
    if "dobj" in by_dep and lemma not in _RECIPIENT_VERBS:
        obj = by_dep["dobj"]
        start, end, _ = _subtree_chars(doc, obj)
        # "called him a liar": the object and its predicate together.
        for c in children:
            if c.dep_ in ("oprd", "xcomp") and c.i > obj.i:
                end = _subtree_chars(doc, c)[1]
        return start, end, obj.i, None
    # Content before the cue: "The economy is strong, he said." (cue hangs off the content's verb).
    head = tok.head
    if (
        tok.dep_ in ("parataxis", "ccomp")
        and head.i < tok.i
        and head.pos_ in ("VERB", "AUX")
        and tok.left_edge.i > 0
        and doc[tok.left_edge.i - 1].is_punct
        and any(c.dep_ == "nsubj" for c in children)
    ):
        left = [t for t in head.subtree if t.i < tok.left_edge.i or t.i > tok.right_edge.i]
        if left:
            return (*_trimmed(doc, left[0].i, left[-1].i + 1, head.i), None)
    for c in children:
        if c.dep_ == "prep" and c.lower_ in _CONTENT_PREPS and c.i >= tok.i:
            pobj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
            if pobj is not None:
                return (*_subtree_chars(doc, pobj), c.i)
    return None


def _source(doc: Doc, tok: Token) -> tuple[tuple[int, int] | None, int | None]:
    """The source as a token range and its head, following subjects, agents and shared subjects."""
    seen = 0
    while seen < 4:
        subject = None
        for c in tok.children:
            if c.dep_ == "nsubj" and not _expletive(c) and tok.lemma_.lower() not in _RAISING:
                subject = c
            elif c.dep_ == "agent":
                obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if obj is not None:
                    subject = obj
        if subject is not None:
            return _source_range(subject), subject.i
        if any(c.dep_ in _SUBJECTS or c.dep_ == "expl" for c in tok.children):
            return None, None  # "it is said": an empty subject, no source
        if tok.dep_ in _INHERIT and tok.head.i != tok.i:
            tok = tok.head
            seen += 1
            continue
        break
    return None, None


def _expletive(subject: Token) -> bool:
    """ "It is said that", "there is concern that": a grammatical subject that names no one.

    Active "it clarified" keeps its pronoun: it refers back to an organisation.
    """
    return subject.lower_ in lexicon.EMPTY_SUBJECTS and (subject.dep_ == "nsubjpass" or subject.lower_ == "there")


def _source_range(head: Token) -> tuple[int, int]:
    """The source phrase: the subject's subtree, with the modifiers that identify the source.

    Relative clauses and appositions stay (guidelines: they identify the source) with the comma
    that closes them; a line break, quotation mark or dash before the head ends the phrase (a
    dateline or the end of a quotation is not part of the source).
    """
    doc = head.doc
    start, end = head.left_edge.i, head.right_edge.i + 1
    for i in range(head.i - 1, start - 1, -1):
        t = doc[i]
        if "\n" in t.text or t.text in _QUOTE_MARKS or t.text in ("—", "''", "``"):
            start = i + 1
            break
    while start < head.i and (doc[start].is_space or doc[start].is_punct):
        start += 1
    while end - 1 > start and (doc[end - 1].is_space or doc[end - 1].is_punct):
        end -= 1
    # A parenthetical pair of commas: "Sanders, a Vermont senator, said".
    if end < len(doc) and doc[end].text == "," and any(t.text == "," for t in doc[head.i : end]):
        end += 1
    return start, end


# ---------------------------------------------------------------- "according to", noun cues


def _according_to(doc: Doc, tok: Token) -> Found | None:
    to = doc[tok.i + 1]
    obj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if obj is None:
        return None
    src_start, src_end = obj.left_edge.i, obj.right_edge.i + 1
    for c in obj.rights:
        # "a Kremlin source on Sunday": the time belongs to the statement, not to who made it.
        if c.dep_ in ("prep", "npadvmod", "appos") and any(t.ent_type_ in ("DATE", "TIME") for t in c.subtree):
            src_end = min(src_end, c.left_edge.i)
    while src_end - 1 > src_start and doc[src_end - 1].is_punct:
        src_end -= 1
    head = tok.head if tok.head.i != tok.i else None
    phrase_start, phrase_end = tok.i, obj.right_edge.i + 1
    if head is None:
        sent = tok.sent
        rest = [t for t in sent if t.i < phrase_start or t.i >= phrase_end]
        head_i = sent.root.i
    else:
        rest = [t for t in head.subtree if t.i < phrase_start or t.i >= phrase_end]
        head_i = head.i
    if not rest:
        return None
    # Keep the side of the phrase that holds the clause (the other side is only punctuation).
    before = [t for t in rest if t.i < phrase_start and not (t.is_punct or t.is_space)]
    after = [t for t in rest if t.i >= phrase_end and not (t.is_punct or t.is_space)]
    if before and after:
        start, end = before[0].i, after[-1].i + 1
    elif before or after:
        part = before or after
        start, end = part[0].i, part[-1].i + 1
    else:
        return None
    content = _trimmed(doc, start, end, head_i)
    return Found(
        cue=(tok.idx, to.idx + len(to)),
        lemma="according to",
        anchor=tok.i,
        source=_chars(doc, (src_start, src_end)),
        source_head=obj.i,
        content=(content[0], content[1]),
        content_head=head_i,
        form="according_to",
    )


def _noun_cue(doc: Doc, tok: Token) -> Found | None:
    """ "his claim that ...", "the belief that ...": a noun of saying with a clause."""
    clause = next(
        (c for c in tok.children if c.dep_ in ("acl", "ccomp") and any(m.lower_ == "that" for m in c.children)), None
    )
    if clause is None:
        return None
    owner = next((c for c in tok.children if c.dep_ == "poss"), None)
    content = _subtree_chars(doc, clause)
    source = (owner.left_edge.i, owner.right_edge.i + 1) if owner is not None else None
    if owner is not None and doc[source[1] - 1].tag_ == "POS":  # type: ignore[index]
        source = (source[0], source[1] - 1)  # type: ignore[index]
    return Found(
        cue=(tok.idx, tok.idx + len(tok)),
        lemma=tok.lemma_.lower(),
        anchor=tok.i,
        source=_chars(doc, source) if source else None,
        source_head=owner.i if owner is not None else None,
        content=(content[0], content[1]),
        content_head=clause.i,
        form="mixed" if _has_quote(text_of(doc), content) else "indirect",
    )


def _colon_cues(doc: Doc, quotes: Quotes, taken: set[int]) -> list[Found]:
    """ "Trump: 'We are going to win.'", "Gingrich: Trump must decide": a named source and a colon.

    Only a person or organisation name at the start of a sentence counts, so "Note:" and
    "Update:" do not.
    """
    hits = []
    for sent in doc.sents:
        colon = next((t for t in sent[:8] if t.text == ":"), None)
        if colon is None or colon.i in taken or colon.i == sent.start or colon.i + 1 >= sent.end:
            continue
        name = doc[sent.start : colon.i]
        if not all(t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or t.is_punct for t in name):
            continue
        if not any(t.ent_type_ in ("PERSON", "ORG") for t in name):
            continue
        after = colon.i + 1
        end = sent.end
        while end - 1 > after and (
            doc[end - 1].is_space or (doc[end - 1].is_punct and doc[end - 1].text not in _CLOSING)
        ):
            end -= 1
        start_char = doc[after].idx
        quote = quotes.starting_after(colon.idx + 1, text_of(doc), "")
        end_char = quote[1] if quote is not None else doc[end - 1].idx + len(doc[end - 1])
        hits.append(
            Found(
                cue=(colon.idx, colon.idx + 1),
                lemma=":",
                anchor=colon.i,
                source=(name.start_char, name.end_char),
                source_head=name.root.i,
                content=(start_char, max(end_char, start_char + 1)),
                content_head=None,
                form="direct" if quote is not None and quote[0] == start_char else "indirect",
            )
        )
    return hits


# ---------------------------------------------------------------- spans


def _is_outlet(tok: Token) -> bool:
    """A news outlet or channel: "the Interfax news agency", "state television", "CNN"."""
    return any(t.lemma_.lower() in lexicon.VIA_NOUNS for t in tok.subtree if t.i <= tok.i) or (
        tok.ent_type_ == "ORG" and tok.text.isupper() and len(tok.text) <= 5
    )


def _subtree_chars(doc: Doc, head: Token) -> tuple[int, int, int]:
    return _trimmed(doc, head.left_edge.i, head.right_edge.i + 1, head.i)


def _trimmed(doc: Doc, start: int, end: int, head: int) -> tuple[int, int, int]:
    """Token range → characters, without edge punctuation except quotation marks that belong."""
    while start < end - 1 and (doc[start].is_space or (doc[start].is_punct and doc[start].text not in _OPENING)):
        start += 1
    while end - 1 > start and (doc[end - 1].is_space or (doc[end - 1].is_punct and doc[end - 1].text not in _CLOSING)):
        end -= 1
    s, e = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
    text = text_of(doc)
    # A content that ends inside a quotation runs to its closing mark: “... a disaster.”
    if text.count("“", s, e) > text.count("”", s, e):
        close = text.find("”", e)
        if close != -1 and "\n\n" not in text[e:close]:
            e = close + 1
    elif text.count('"', s, e) % 2 == 1 and text[s] == '"':
        close = text.find('"', e)
        if close != -1 and "\n" not in text[e:close]:
            e = close + 1
    return s, e, head


def _chars(doc: Doc, span: tuple[int, int]) -> CharRange:
    start, end = span
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])


def _has_quote(text: str, span: tuple[int, int] | tuple[int, int, int] | tuple[int, int, int, int | None]) -> bool:
    return any(c in _QUOTE_MARKS for c in text[span[0] : span[1]])


def negated(tok: Token) -> bool:
    """Whether the cue's verb is negated ("did not say", "never confirmed")."""
    return any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in _NEGATIONS) for c in tok.children)
