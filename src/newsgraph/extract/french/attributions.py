"""French attributions: who said what, through whom, how firmly — rules over the French parse and the text.

The French model's parse of reported speech is less reliable than the English one (an inverted cue,
« … », a-t-elle affirmé, often becomes the root with the quote as its subject), so the rules lean on the
surface order news French uses and on the parse only where it holds:

* **inverted cues**: « … », a-t-il déclaré / dit-elle / a indiqué cette source — a speech verb right after
  the content's comma or closing quote; the source is the subject clitic or the noun phrase after the verb;
* **canonical cues**: SOURCE a affirmé que … / a annoncé sa démission / a promis de … / a déclaré : « … »;
* **selon, d'après, à en croire**: the source follows the preposition, the content is the rest of the clause;
* **via**: "une source au Kremlin citée par l'agence Interfax", "a déclaré à l'AFP";
* **status**: confirmer → confirmed, démentir / nier / réfuter → denied, a refusé de commenter →
  declined, the conditional (serait, aurait été tué) → hedged, "selon des informations non confirmées" →
  unverified, otherwise asserted.

Only the outermost attribution is kept when one sits inside another's content, as in PolNeAR.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsgraph.extract.attribution.resolve import EntityIndex
from newsgraph.records import Attribution, ClaimStatus, Cue, Entity, Source, SourceKind, Span, TimeExpr, Via

_SPEECH_TEXT = """déclarer dire affirmer indiquer préciser ajouter expliquer assurer estimer annoncer confirmer
    souligner rappeler répondre raconter reconnaître insister poursuivre conclure relever lancer confier commenter
    noter observer marteler écrire résumer ironiser avertir prévenir plaider déplorer regretter glisser souffler
    développer détailler lâcher argumenter admettre concéder juger fustiger dénoncer témoigner interroger démentir
    nier réfuter assurer certifier prédire promettre rapporter révéler signaler mentionner tweeter avancer soutenir
    répliquer rétorquer protester s'exclamer exhorter appeler évoquer constater réaffirmer tempérer signifier arguer
    pointer parler alerter minimiser exprimer"""
SPEECH_VERBS = frozenset(_SPEECH_TEXT.split())
"""Verbs that introduce reported speech, also inverted after the quote."""
_CUE_TEXT = """penser croire considérer souhaiter prévoir espérer craindre accuser saluer défendre réclamer
    demander exiger menacer avouer prétendre jurer garantir maintenir réitérer répéter balayer critiquer contester
    rejeter proposer suggérer recommander proclamer requérir ordonner annoncer publier qualifier refuser"""
CUE_VERBS = SPEECH_VERBS | frozenset(_CUE_TEXT.split())
"""Verbs that attribute a content to their subject (statements, beliefs, demands, denials)."""
_CONFIRMING = frozenset({"confirmer"})
_DENYING = frozenset({"démentir", "nier", "réfuter", "contester", "rejeter"})
_CLITICS = re.compile(r"^-(?:t-)?(il|elle|ils|elles|on|je|nous|vous)$", re.IGNORECASE)
_CLOSING_QUOTES = frozenset({"»", '"', "”", "“"})
_OPENING_QUOTES = {"»": "«", '"': '"', "”": "“", "“": "“"}
_PRONOUNS = frozenset({"il", "elle", "ils", "elles", "on", "je", "nous", "vous", "qui", "celui-ci", "celle-ci"})
_ANONYMOUS_TEXT = """source sources responsable responsables proche proches diplomate diplomates témoin témoins
    expert experts analyste analystes observateur observateurs officiel officiels membre membres conseiller
    conseillers interlocuteur enquêteur enquêteurs fonctionnaire fonctionnaires dirigeant dirigeants entourage"""
_ANONYMOUS_NOUNS = frozenset(_ANONYMOUS_TEXT.split())
_UNSPECIFIED_NOUNS = frozenset({"information", "informations", "rumeur", "rumeurs", "média", "médias", "presse", "on"})
_OUTLET_TEXT = """agence journal quotidien hebdomadaire chaîne radio télévision site média médias presse
    magazine tabloïd afp reuters ap interfax tass ria bloomberg belga ats"""
_OUTLET_WORDS = frozenset(_OUTLET_TEXT.split())
_UNVERIFIED = re.compile(r"\bnon (?:confirmée?s?|vérifiée?s?)\b|\binvérifiables?\b|\bpas pu être vérifi", re.IGNORECASE)
_DECLINED = re.compile(
    r"(?:refusé|refuse|refusait|pas souhaité|pas voulu)\s+(?:de\s+|d['\u2019]\s*)?(?:commenter|confirmer|répondre|"
    r"s['\u2019]exprimer|tout commentaire)|\bsans (?:commenter|confirmer)\b",
    re.IGNORECASE,
)
_HEDGES = re.compile(r"\b(?:peut-être|probablement|sans doute|semble-t-il|apparemment)\b", re.IGNORECASE)
_PREPOSITION_CUES = re.compile(
    r"\b(?:selon|d['\u2019]\s?après|à en croire)"
    r"(?:\s+les\s+(?:informations|confidences|propos)\s+(?:de|d['\u2019]|du|des))?",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class _Found:
    cue: tuple[int, int]
    lemma: str
    source: tuple[int, int] | None
    content: tuple[int, int]
    via: tuple[int, int] | None
    form: str


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """The range without surrounding spaces, commas and a sentence-final period outside quotes."""
    while start < end and (text[start].isspace() or text[start] in ",;"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    if end > start and text[end - 1] == "." and not text[start:end].count("«") > text[start:end].count("»"):
        end -= 1
    return start, end


_OF = frozenset({"de", "d'", "d\u2019", "du", "des"})
_DAYS = frozenset({"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "hier", "aujourd'hui"})


_STOP_WORDS = frozenset(
    {"lors", "dans", "sur", "devant", "pendant", "après", "avant", "selon", "depuis", "via", "lundi"}
)


def _source_chars(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """The character range of a source phrase, as PolNeAR draws it.

    Leading conjunctions, adverbs and an adverbial set off by a comma go ("Plus précisément, Bruno Le Maire");
    an adjective or participle phrase after a comma goes ("Elisabeth Borne, consciente de …"); a first name the
    parse left out joins ("Marine Le Pen"); a parenthetical apposition keeps its closing comma ("Le Premier
    ministre israélien, Benjamin Netanyahu,").
    """
    while start < end and (doc[start].pos_ in ("SCONJ", "CCONJ", "PUNCT") or doc[start].lower_ in ("qu'", "qu\u2019")):
        start += 1
    for k in range(start, end):
        if doc[k].text == ",":
            if not any(t.pos_ in ("NOUN", "PROPN", "PRON") for t in doc[start:k]):
                start = k + 1
            elif k + 1 < end and doc[k + 1].pos_ in ("ADJ", "VERB"):
                end = k
            break
    while end > start and (doc[end - 1].pos_ in ("CCONJ", "PUNCT") and doc[end - 1].text not in ')»"'):
        end -= 1
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start].pos_ == "PROPN":
        start -= 1
    if start >= end:
        return _chars(doc, start, start + 1)
    begin, finish = _chars(doc, start, end)
    text = doc.text
    if "," in text[begin:finish] and text[finish : finish + 1] == ",":
        finish += 1
    return begin, finish


def _phrase_end(doc: Doc, i: int, limit: int) -> int:
    """The token index where a noun phrase starting at ``i`` ends: at punctuation, a quote, a line break,
    a clause, or a preposition other than "de" ("Me Assous lors d'un point presse", "… dans un communiqué")."""
    j = i
    while j < limit and doc[j].text not in {",", ".", ";", ":", "«", "»", '"', "!", "?", "\u2013", "-"}:
        token = doc[j]
        if "\n" in token.text or (j > i and token.lower_ in _STOP_WORDS):
            break
        if token.text == "(":
            close = next((k for k in range(j, min(limit, j + 8)) if doc[k].text == ")"), None)
            if close is None:
                break
            j = close + 1
            continue
        if j > i and token.pos_ in ("VERB", "AUX") and token.lemma_ not in ("citer",) and token.dep_ != "acl":
            break
        if j > i and (token.lower_ in ("qui", "que", "qu'", "qu\u2019", "dont") or token.lower_ in _DAYS):
            break
        # "une source policière citée par Le Parisien": the participle's agent stays in the phrase.
        after_participle = doc[j - 1].pos_ == "VERB" and doc[j - 1].dep_ == "acl"
        # A preposition of the verb ends the phrase ("… dans un communiqué"); one of the noun stays ("une
        # source au Kremlin").
        of_verb = token.head.dep_.startswith(("obl", "advcl")) or token.head.pos_ == "VERB"
        if j > i and token.pos_ == "ADP" and token.lower_ not in _OF and of_verb and not after_participle:
            break
        j += 1
    return j


def _cited(doc: Doc, at: int, limit: int) -> tuple[int, int] | None:
    """The phrase a "citant" at token ``at`` (or after a comma there) introduces, as a source range."""
    if at < limit and doc[at].text == ",":
        at += 1
    if at >= limit or doc[at].lower_ != "citant":
        return None
    end = _phrase_end(doc, at + 1, limit)
    return _source_chars(doc, at + 1, end) if end > at + 1 else None


def _quote_start(text: str, close: int, floor: int) -> int | None:
    """Where the quotation closing at ``close`` opens, searching back to ``floor``; None if it does not."""
    opening = _OPENING_QUOTES.get(text[close])
    if opening is None:
        return None
    found = text.rfind(opening, floor, close)
    return found if found >= 0 else None


def _paragraph_start(text: str, at: int) -> int:
    return text.rfind("\n", 0, at) + 1


def _inside_quote(text: str, at: int) -> bool:
    """Whether ``at`` lies inside a quotation opened earlier in its paragraph (a quoted speaker's own cue)."""
    before = text[_paragraph_start(text, at) : at]
    return before.count("«") > before.count("»") or (before.count('"') + before.count("“") + before.count("”")) % 2 == 1


def _cue_group(doc: Doc, verb: Token) -> tuple[int, int]:
    """Token range of the verb group: auxiliaries, negation and adverbs before it, a day or adverb after it."""
    start = verb.i
    for child in verb.children:
        grouped = (
            child.dep_.startswith("aux") or child.lower_ in ("ne", "n'", "n\u2019", "en") or child.dep_ == "advmod"
        )
        if child.i < verb.i and grouped and all(doc[k].text not in ',«»"' for k in range(child.i, verb.i)):
            start = min(start, child.i)
    end = verb.i + 1
    while end < len(doc) and (
        doc[end].dep_ == "advmod" and doc[end].head.i == verb.i and doc[end].lower_ not in ("que", "qu'")
    ):
        end += 1
    if end < len(doc) and doc[end].lower_ in {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"}:
        end += 1
    return start, end


def _source_before(doc: Doc, verb: Token) -> tuple[int, int] | None:
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass") and c.i < verb.i), None)
    if subject is None and verb.dep_ == "conj" and verb.head.i < verb.i:
        # "Johnson a jugé … et a réclamé …": the second verb shares the first one's subject.
        return _source_before(doc, verb.head)
    if subject is None:
        return None
    tokens = [t for t in subject.subtree if t.i < verb.i]
    start, end = tokens[0].i, tokens[-1].i + 1
    # "Le porte-parole du Kremlin, Dmitri Peskov, a démenti": an apposed name the parse made a second subject.
    if end + 1 < verb.i and doc[end].text == "," and doc[end + 1].pos_ == "PROPN":
        k = end + 1
        while k < verb.i and doc[k].pos_ == "PROPN":
            k += 1
        if k < verb.i and doc[k].text == ",":
            end = k + 1
    return start, end


def _chars(doc: Doc, start: int, end: int) -> tuple[int, int]:
    begin, finish = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
    text = doc.text
    # A subject clitic is the pronoun without its hyphens ("-t-il" → "il").
    while begin < finish and (
        text[begin] in "-\u2013" or (text[begin : begin + 2] == "t-" and text[begin - 1 : begin] == "-")
    ):
        begin += 2 if text[begin : begin + 2] == "t-" else 1
    while finish > begin and (text[finish - 1].isspace() or text[finish - 1] in ",;:"):
        finish -= 1
    while begin < finish and text[begin].isspace():
        begin += 1
    return begin, finish


def _inverted(doc: Doc, verb: Token) -> _Found | None:
    """« … », a-t-il déclaré / dit-elle / a indiqué cette source."""
    text = doc.text
    # A gerund or present participle ("en confirmant", "disant") continues its sentence's attribution.
    if (
        "Ger" in verb.morph.get("VerbForm", [])
        or verb.text.endswith("ant")
        or verb.morph.get("VerbForm", []) == ["Inf"]
    ):
        return None
    group_start, _ = _cue_group(doc, verb)
    first = group_start
    # "a-t-elle ajouté": the auxiliary and the clitic come before the verb, whatever the parse made of them.
    while first > 0 and (
        _CLITICS.match(doc[first - 1].text) or doc[first - 1].text == "-t" or doc[first - 1].pos_ == "AUX"
    ):
        first -= 1
    prev = first - 1
    while prev >= 0 and doc[prev].is_space:
        prev -= 1
    if prev < 0 or doc[prev].text not in {",", *_CLOSING_QUOTES}:
        return None
    after = verb.i + 1
    clitic = None
    for k in (verb.i + 1, verb.i - 1, verb.i - 2):
        if 0 <= k < len(doc) and _CLITICS.match(doc[k].text):
            clitic = doc[k]
            break
    if clitic is None and after < len(doc) and doc[after].text in {",", "."} and verb.lemma_ not in SPEECH_VERBS:
        return None
    # The content: the quotation just before, or the clause from the sentence's start.
    close = prev - 1 if doc[prev].text == "," else prev
    while close >= 0 and doc[close].is_space:
        close -= 1
    content_end = doc[close].idx + len(doc[close]) if close >= 0 else doc[prev].idx
    opened = None
    if close >= 0 and doc[close].text in _CLOSING_QUOTES:
        opened = _quote_start(text, doc[close].idx, _paragraph_start(text, doc[close].idx))
    content_start = opened if opened is not None else verb.sent.start_char
    if opened is None and _inside_quote(text, doc[first].idx):
        # « …, a déclaré François Legault. … »: the quotation runs from its opening mark to its closing one.
        para = _paragraph_start(text, doc[first].idx)
        content_start = max(text.rfind("«", para, doc[first].idx), text.rfind('"', para, doc[first].idx))
        closing = "»" if text[content_start] == "«" else '"'
        found = text.find(closing, doc[verb.i].idx)
        line_end = text.find("\n", doc[verb.i].idx)
        if found > 0 and (line_end < 0 or found < line_end):
            content_end = found + 1
    if content_start >= content_end:
        return None
    source: tuple[int, int] | None = None
    via = None
    if clitic is not None:
        offset = clitic.text.rfind("-") + 1
        source = (clitic.idx + offset, clitic.idx + len(clitic))
    else:
        j = after
        while j < len(doc) and doc[j].lower_ in _DAYS:
            j += 1
        if j < len(doc) and doc[j].lower_ in ("à", "au", "aux"):
            # The recipient ("a indiqué à l'AFP un responsable"): an outlet there is the intermediary.
            k = _phrase_end(doc, j + 1, verb.sent.end)
            via = _chars(doc, j + 1, k) if k > j + 1 and _is_outlet(doc, j + 1, k) else None
            j = k
        k = _phrase_end(doc, j, verb.sent.end)
        # The noun phrase after the verb is its subject ("a indiqué cette source"), not its object
        # ("…, a annoncé sa démission" is a canonical cue) — after a quotation it can only be the speaker.
        quoted = close >= 0 and doc[close].text in _CLOSING_QUOTES
        # A noun phrase closing the sentence after "…, a annoncé" is its speaker, whatever the parse says.
        last = k >= verb.sent.end or doc[k].text in (".", "!", "?") or "\n" in doc[k].text
        citing = _cited(doc, k, verb.sent.end) is not None
        if k > j and (quoted or last or citing or any(t.dep_ in ("nsubj", "nsubj:pass") for t in doc[j:k])):
            source = _source_chars(doc, j, k)
            cited = _cited(doc, k, verb.sent.end)
            if cited is not None:
                # "a rapporté le quotidien The Sun, citant des sources basées à Moscou": the outlet relays them.
                via, source = source, cited
        else:
            return None
    if verb.lemma_ not in SPEECH_VERBS:
        return None
    # With a clitic the cue is the verb alone ("ajouté" in "a-t-elle ajouté"); otherwise its whole group.
    cue_start, cue_end = (verb.i, verb.i + 1) if clitic is not None else _cue_group(doc, verb)
    return _Found(
        cue=_chars(doc, cue_start, cue_end),
        lemma=verb.lemma_,
        source=source,
        content=_strip(text, content_start, content_end),
        via=via,
        form="",
    )


def _canonical(doc: Doc, verb: Token, previous: _Found | None) -> _Found | None:
    """SOURCE a affirmé que … / a annoncé sa démission / a promis de … / a déclaré : « … »."""
    text = doc.text
    start, end = _cue_group(doc, verb)
    sent_end = verb.sent.end
    j = end
    via = None
    # A recipient between the cue and the content ("a déclaré à l'AFP que", "ont confirmé à Reuters l'existence").
    if j < sent_end and doc[j].lower_ in ("à", "au", "aux"):
        recipient = next((c for c in verb.children if c.i > j and any(g.i == j for g in c.children)), None)
        k = max(t.i for t in recipient.subtree) + 1 if recipient is not None else j + 2
        if _is_outlet(doc, j + 1, k):
            via = _chars(doc, j + 1, k)
        j = k
    # A date set off by commas ("a réclamé, mercredi 13 novembre, cinq ans de prison").
    if j < sent_end and doc[j].text == "," and j + 1 < sent_end and doc[j + 1].lower_ in _DAYS:
        k = j + 1
        while k < sent_end and doc[k].text not in (",", "."):
            k += 1
        j = k
    while j < sent_end and doc[j].text == ",":
        j += 1
    if j >= sent_end:
        return None
    first = doc[j]
    content: tuple[int, int] | None = None
    if first.lower_ in ("que", "qu'", "qu\u2019"):
        content = (first.idx, verb.sent.end_char)
    elif first.text == ":":
        nxt = doc[j + 1] if j + 1 < len(doc) else None
        if nxt is None:
            return None
        close_end = verb.sent.end_char
        if nxt.text in ("«", '"', "“"):
            closing = {"«": "»", '"': '"', "“": "”"}[nxt.text]
            found = text.find(closing, nxt.idx + 1)
            close_end = found + 1 if found > 0 else close_end
        content = (nxt.idx, close_end)
    else:
        objects = [c for c in verb.children if c.i >= j and c.dep_ in ("obj", "xcomp", "ccomp")]
        if objects:
            tokens = sorted(t.i for t in objects[0].subtree)
            lo = min(tokens[0], j)
            content = (doc[lo].idx, doc[tokens[-1]].idx + len(doc[tokens[-1]]))
        elif first.pos_ in ("DET", "NOUN", "PROPN", "NUM") or (
            first.lower_ in _OF and j + 1 < sent_end and doc[j + 1].pos_ == "VERB"
        ):
            # The parse lost the object ("ont annoncé dimanche leur intention de …"): the rest of the clause.
            k = j
            while (
                k < sent_end
                and doc[k].text not in (";",)
                and not (doc[k].text == "," and k + 1 < sent_end and doc[k + 1].text.endswith("ant"))
            ):
                k += 1
            content = (first.idx, doc[k - 1].idx + len(doc[k - 1]))
        else:
            return None
    source_range = _source_before(doc, verb)
    source = _source_chars(doc, *source_range) if source_range else None
    if source_range is not None:
        citing = next((t.i for t in doc[source_range[0] : source_range[1]] if t.lower_ == "citant"), None)
        if citing is not None and citing > source_range[0]:
            # "Le « Daily Mail », citant des sources au Kremlin, a révélé": the sources, through the outlet.
            cited = _cited(doc, citing, verb.i)
            if cited is not None:
                via, source = _source_chars(doc, source_range[0], citing), cited
    if source is None and verb.dep_ in ("advcl", "advmod", "conj", "acl") and previous is not None:
        # "…, a-t-elle ajouté, disant avoir réitéré …": the participle speaks for the previous source.
        source = previous.source
    group = _chars(doc, start, end)
    return _Found(
        cue=group,
        lemma=verb.lemma_,
        source=source,
        content=_strip(text, *content),
        via=via,
        form="",
    )


def _according_to(doc: Doc, match: re.Match[str]) -> _Found | None:
    """selon X, … / …, selon X / d'après X / à en croire X."""
    text = doc.text
    span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
    if span is None:
        return None
    sent = span.sent
    j = span.end
    k = _phrase_end(doc, j, sent.end)
    if k <= j:
        return None
    source = _source_chars(doc, j, k)
    via = None
    cited = re.search(r"\s+cit[ée]e?s?\s+par\s+", text[source[0] : source[1]])
    if cited:
        via = (source[0] + cited.end(), source[1])
    before = _strip(text, sent.start_char, match.start())
    after = _strip(text, doc[k - 1].idx + len(doc[k - 1]), sent.end_char)
    content = before if before[1] - before[0] >= after[1] - after[0] else after
    if content[1] - content[0] < 3:
        return None
    return _Found(
        cue=(match.start(), match.end()),
        lemma="selon",
        source=source,
        content=content,
        via=via,
        form="according_to",
    )


def _is_outlet(doc: Doc, start: int, end: int) -> bool:
    words = {t.lower_ for t in doc[start:end]}
    return bool(words & _OUTLET_WORDS) or any(t.ent_type_ == "ORG" for t in doc[start:end])


def _outermost(found: list[_Found]) -> list[_Found]:
    kept = []
    for f in found:
        inside = any(
            g is not f and g.content[0] <= f.cue[0] and f.cue[1] <= g.content[1] and (g.content != f.content)
            for g in found
        )
        if not inside:
            kept.append(f)
    return kept


def find_french(doc: Doc) -> list[_Found]:
    """The attributions of a French ``doc`` as character ranges, in text order."""
    found: list[_Found] = []
    taken: set[int] = set()
    previous: _Found | None = None
    for token in doc:
        if token.pos_ not in ("VERB", "AUX") or token.lemma_ not in CUE_VERBS:
            continue
        # An incise inside the guillemets is the quotation's own cue (« …, a déclaré X. … »); any other cue
        # inside a quotation belongs to the quoted speaker ("considère" in « On considère que … », a souligné X).
        hit = _inverted(doc, token)
        if hit is None and not _inside_quote(doc.text, token.idx):
            hit = _canonical(doc, token, previous)
        if hit is not None:
            found.append(hit)
            taken.add(token.i)
            previous = hit
    for match in _PREPOSITION_CUES.finditer(doc.text):
        hit = _according_to(doc, match)
        if hit is not None:
            found.append(hit)
    found.sort(key=lambda f: f.cue[0])
    unique: dict[tuple[int, int], _Found] = {}
    for f in found:
        unique.setdefault(f.cue, f)
    return _outermost(list(unique.values()))


def _form(text: str) -> str:
    quoted = sum(text.count(q) for q in '«»"“”')
    if text[:1] in '«"“' and text[-1:] in '»"”' and quoted == 2:
        return "direct"
    return "mixed" if quoted else "indirect"


def _kind(doc: Doc, source: tuple[int, int] | None, entity: Entity | None) -> SourceKind:
    if source is None:
        return "unspecified"
    words = doc.text[source[0] : source[1]].lower().replace("\u2019", "'").split()
    if not words:
        return "unspecified"
    if entity is not None and entity.type == "PERSON":
        return "person"
    if words[-1] in _PRONOUNS or words[0] in _PRONOUNS:
        return "person"
    nouns = set(words)
    if nouns & _ANONYMOUS_NOUNS:
        return "anonymous"
    if nouns & _UNSPECIFIED_NOUNS and entity is None:
        return "unspecified"
    if entity is not None:
        return "organization"
    return "organization" if words[0] in ("le", "la", "les", "l'") else "unspecified"


def _status(doc: Doc, f: _Found) -> ClaimStatus:
    text = doc.text
    lemma = f.lemma
    window = text[f.cue[0] : f.cue[1]] + " " + (text[f.source[0] : f.source[1]] if f.source else "")
    around = text[max(0, f.cue[0] - 60) : min(len(text), f.cue[1] + 60)]
    if (lemma == "refuser" and _DECLINED.search(around)) or _DECLINED.search(text[f.cue[0] : f.content[1]]):
        return "declined"
    if lemma in _DENYING:
        return "denied"
    if _UNVERIFIED.search(window):
        return "unverified"
    negated = any(w in text[f.cue[0] : f.cue[1]].lower().split() for w in ("ne", "n'", "n\u2019", "pas"))
    if lemma in _CONFIRMING:
        return "declined" if negated else "confirmed"
    content = doc.char_span(f.content[0], f.content[1], alignment_mode="expand")
    if content is not None:
        conditional = any(
            "Cnd" in t.morph.get("Mood", [])
            for t in content
            if t.dep_ in ("ROOT", "ccomp", "cop", "aux:tense") or t.head == content.root
        )
        # Only a conditional under "selon" hedges: in a quotation it is the speaker's own mood.
        if conditional and f.form == "according_to":
            return "hedged"
        if _HEDGES.search(content.text):
            return "hedged"
    return "asserted"


def extract_attributions_fr(doc: Doc, entities: Sequence[Entity], times: Sequence[TimeExpr]) -> list[Attribution]:
    """The attributions of a French ``doc``, ids ``A1``, ``A2``, ... in text order."""
    text = doc.text
    index = EntityIndex(entities)
    records = []
    for number, f in enumerate(find_french(doc), start=1):
        entity = None
        if f.source is not None:
            head = doc.char_span(f.source[0], f.source[1], alignment_mode="expand")
            if head is not None:
                entity = index.of_span(f.source[0], f.source[1], head.root)
        kind = _kind(doc, f.source, entity)
        affiliation = None
        if kind == "anonymous" and f.source is not None:
            inside = [m.entity for m in index.within(*f.source) if m.entity.type in ("ORG", "GPE")]
            affiliation = inside[0].id if inside else None
        via = None
        if f.via is not None:
            via_span = doc.char_span(f.via[0], f.via[1], alignment_mode="expand")
            via_entity = index.of_span(f.via[0], f.via[1], via_span.root, inside=True) if via_span is not None else None
            via = Via(Span.of(text, *f.via), via_entity.id if via_entity else None)
        form = f.form or _form(text[f.content[0] : f.content[1]])
        records.append(
            Attribution(
                id=f"A{number}",
                source=Source(
                    span=Span.of(text, *f.source) if f.source else None,
                    kind=kind,
                    entity=entity.id if entity is not None and kind != "unspecified" else None,
                    affiliation=affiliation,
                ),
                cue=Cue(Span.of(text, *f.cue), f.lemma),
                content=Span.of(text, *f.content),
                form=form,  # type: ignore[arg-type]
                status=_status(doc, f),
                via=via,
                when=_when(f, times),
            )
        )
    return records


def _when(f: _Found, times: Sequence[TimeExpr]) -> str | None:
    for t in times:
        if (
            f.cue[0] - 40 <= t.span.start
            and t.span.end <= f.cue[1] + 40
            and not (f.content[0] <= t.span.start < f.content[1])
        ):
            return t.value
    return None
