"""One identity per real-world entity across articles.

Articles name the same entity differently: "President Bashar al-Assad", "Assad", "al-Assad";
"Tartous" and "Tartus"; "the Kremlin" and "Kremlin". Names are compared after stripping
titles and articles, folding diacritics and common transliteration variants, and only
between compatible types (a PERSON never merges with a GPE). A one-word person name
joins the multi-word identity whose last name it is ("Assad" → "Bashar al-Assad").
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from newsgraph.records import Article

_TITLE_TEXT = """president vice prime minister foreign secretary general gen chancellor king queen prince
    princess sheikh sen senator rep governor gov mayor dr mr mrs ms sir lord lady judge justice chief ceo chairman
    spokesman spokeswoman spokesperson ambassador commander colonel col lt captain capt pope rev former late acting
    deputy interim syrian russian american us u.s. the"""
TITLES = frozenset(_TITLE_TEXT.split())
"""Words dropped from the front of a name ("President", "Syrian President", "the")."""

_PARTICLES = ("al", "el", "ul", "ad", "as", "an", "bin", "ibn", "abu")
_TYPE_GROUP = {"GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE", "ORG": "ORG", "NORP": "NORP", "PERSON": "PERSON"}
# Transliteration folds, applied in order to an ASCII lowercase name.
_FOLDS = (
    (re.compile(r"ou"), "u"),
    (re.compile(r"oo"), "u"),
    (re.compile(r"ee"), "i"),
    (re.compile(r"(?<=[a-z])y(?=[a-z])"), "i"),
    (re.compile(r"kh"), "k"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"q"), "k"),
    (re.compile(r"c(?=[aou])"), "k"),
    (re.compile(r"(?<=[bcdfgjklmnpqrstvwxz])h"), ""),
    (re.compile(r"([a-z])\1+"), r"\1"),
)
_NON_WORD = re.compile(r"[^a-z0-9]+")

NAMED_TYPES = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"}
)
"""Entity types that name something in the world; dates, numbers and amounts get no identity."""

DEFAULT_THRESHOLD = 0.84
"""Character-bigram Dice similarity of folded names at which two names are one identity."""


def type_group(entity_type: str) -> str:
    """The class of types that may name one entity (GPE, LOC and FAC are all places)."""
    return _TYPE_GROUP.get(entity_type, entity_type)


def normalise_name(name: str) -> str:
    """Lowercase ASCII words of ``name``, without leading titles and articles."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = _NON_WORD.sub(" ", ascii_name.lower().replace("'s", "")).split()
    while len(words) > 1 and words[0] in TITLES:
        words.pop(0)
    return " ".join(words)


@lru_cache(maxsize=65536)
def folded_form(name: str) -> str:
    """``fold(normalise_name(name))``, cached: the same names recur in every article."""
    return fold(normalise_name(name))


def fold(name: str) -> str:
    """The transliteration skeleton of a normalised name ("tartous" and "tartus" → "tartus")."""
    words = [w for w in name.split() if w not in _PARTICLES] or name.split()
    out = []
    for word in words:
        for pattern, replacement in _FOLDS:
            word = pattern.sub(replacement, word)
        out.append(word)
    return " ".join(out)


def _bigrams(text: str) -> set[str]:
    padded = f" {text} "
    return {padded[i : i + 2] for i in range(len(padded) - 1)}


def name_similarity(a: str, b: str) -> float:
    """Dice similarity of the character bigrams of two folded names, 0..1."""
    if a == b:
        return 1.0
    x, y = _bigrams(a), _bigrams(b)
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


@dataclass(slots=True)
class Identity:
    """A real-world entity across the corpus: a display name, a type, and the name forms seen."""

    id: str
    name: str
    type: str
    forms: set[str] = field(default_factory=set)
    members: int = 0


@dataclass(frozen=True, slots=True)
class IdentityLink:
    """An article's entity and the identity it was resolved to."""

    article_id: str
    entity_id: str
    identity_id: str
    name: str


class IdentityIndex:
    """Resolves entities to identities incrementally; blocking on folded words keeps it fast.

    Args:
        threshold: name similarity at which two names are the same entity.
        identities: identities to start from (e.g. read back from a store).
    """

    def __init__(self, threshold: float = DEFAULT_THRESHOLD, identities: Iterable[Identity] = ()) -> None:
        self.threshold = threshold
        self.identities: dict[str, Identity] = {}
        self._blocks: defaultdict[tuple[str, str], set[str]] = defaultdict(set)
        self._exact: dict[tuple[str, str], str] = {}
        # Organisations by acronym ("UN") and by the initials of their full names ("United Nations" → "UN").
        self._acronyms: dict[str, str] = {}
        self._initials: dict[str, str] = {}
        self._next = 0
        for identity in identities:
            self._index(identity)
            number = identity.id.rsplit("-", 1)[-1]
            if number.isdigit():
                self._next = max(self._next, int(number) + 1)

    def _index(self, identity: Identity, names: Iterable[str] = ()) -> None:
        self.identities[identity.id] = identity
        group = type_group(identity.type)
        if group == "ORG":
            for name in (identity.name, *names):
                if (letters := acronym(name)) is not None:
                    self._acronyms.setdefault(letters, identity.id)
                elif (letters := initials(name)) is not None:
                    self._initials.setdefault(letters, identity.id)
        for form in identity.forms:
            self._exact.setdefault((group, form), identity.id)
            for word in form.split():
                self._blocks[(group, word[:3])].add(identity.id)

    def find(self, names: Iterable[str], entity_type: str) -> tuple[Identity | None, float]:
        """The best existing identity for an entity known by ``names``, with its similarity."""
        group = type_group(entity_type)
        names = list(names)
        if group == "ORG":
            # "UN Office" is "United Nations Office" once "UN" is known to be the United Nations.
            names += [expanded for x in names if (expanded := self._spelled_out(x)) is not None]
        folded = {f for f in (folded_form(x) for x in names) if f}
        multi = {f for f in folded if " " in f}
        # A full name speaks for the entity; a bare surname or acronym it carries may be shared
        # ("Johnson" is Boris and Gary), so it is only used when there is no full name.
        primary = multi or folded
        for form in sorted(primary):
            # A name form seen before is that identity: no need to score the block.
            if (group, form) in self._exact:
                return self.identities[self._exact[(group, form)]], 1.0
        if group == "ORG":
            for name in names:
                # "UN" and "United Nations", "WHO" and "World Health Organization": one organisation.
                letters = acronym(name)
                found = self._initials.get(letters) if letters else self._acronyms.get(initials(name) or "")
                if found is not None:
                    return self.identities[found], 1.0
        candidates: set[str] = set()
        for form in folded:
            for word in form.split():
                candidates |= self._blocks.get((group, word[:3]), set())
        best: Identity | None = None
        best_score = 0.0
        for identity_id in sorted(candidates):
            identity = self.identities[identity_id]
            full = {g for g in identity.forms if " " in g}
            if multi and full:
                pairs = [(f, g) for f in multi for g in full]
            else:
                pairs = [(f, g) for f in primary for g in identity.forms]
            score = max(_form_score(f, g, group) for f, g in pairs)
            if score > best_score or (score == best_score and best is not None and identity.members > best.members):
                best, best_score = identity, score
        return (best, best_score) if best_score >= self.threshold else (None, best_score)

    def _spelled_out(self, name: str) -> str | None:
        first, _, rest = name.strip().partition(" ")
        letters = acronym(first) if rest else None
        found = self._initials.get(letters) if letters else None
        return f"{self.identities[found].name} {rest}" if found is not None else None

    def resolve(self, name: str, entity_type: str, aliases: Iterable[str] = ()) -> Identity:
        """The identity of an entity called ``name`` (and ``aliases``), created when none matches."""
        names = [name, *aliases]
        identity, _ = self.find(names, entity_type)
        if identity is None:
            identity = Identity(f"i-{self._next}", name, entity_type)
            self._next += 1
        forms = {f for f in (folded_form(x) for x in names) if f}
        new_forms = forms - identity.forms
        identity.forms |= forms
        identity.members += 1
        # Prefer the longest name seen as the display name ("Bashar al-Assad" over "Assad"), and an
        # organisation's full name over its acronym ("United Nations" over "UN").
        longer_person = len(name) > len(identity.name) and type_group(entity_type) == "PERSON"
        short = acronym(identity.name)
        spelled_out = short is not None and acronym(name) is None and initials(name) == short
        if longer_person or spelled_out:
            identity.name = name
        if identity.id not in self.identities or new_forms:
            self._index(identity, names)
        return identity

    def link_article(self, article: Article) -> list[IdentityLink]:
        """Resolve every entity of ``article``; one link per entity."""
        return [
            IdentityLink(article.id, e.id, self.resolve(e.name, e.type, e.aliases).id, e.name) for e in article.entities
        ]


_ACRONYM = re.compile(r"^(?:[A-Z]\.?){2,6}$")
_MINOR_WORDS = frozenset({"of", "the", "for", "and", "on", "in", "to", "de", "du", "des", "la", "le", "et", "&"})


def acronym(name: str) -> str | None:
    """The letters of a name written as an acronym ("UN", "U.N.", "OCHA"), else None."""
    compact = name.strip()
    return compact.replace(".", "") if _ACRONYM.match(compact) else None


def initials(name: str) -> str | None:
    """The initials of a full name's words, minor words left out ("Office for the Coordination of Humanitarian
    Affairs" → "OCHA"); None for a name of fewer than two such words or with a word not capitalised."""
    words = [w for w in re.split(r"[\s\-]+", name.strip()) if w and w.lower() not in _MINOR_WORDS]
    if len(words) < 2 or not all(w[0].isupper() for w in words):
        return None
    return "".join(w[0] for w in words)


def _words_match(a: list[str], b: list[str]) -> bool:
    """Every word of ``a`` has a close word in ``b``."""
    return all(any(x == y or name_similarity(x, y) >= 0.7 for y in b) for x in a)


def _form_score(a: str, b: str, group: str) -> float:
    wa, wb = a.split(), b.split()
    if len(wa) == 1 and len(wb) == 1 and a != b:
        # One word each: only near-identical spellings ("India" is not "Indiana").
        score = name_similarity(a, b)
        return score if score >= 0.92 else 0.0
    if len(wa) > 1 and len(wb) > 1 and not (_words_match(wa, wb) and _words_match(wb, wa)):
        # "Department of Defense" is not "Department of State", "Iowa Democratic Party" not "Democratic Party".
        return 0.0
    if group == "PERSON" and a and b:
        # A surname alone names the person whose full name ends with it.
        if (len(wa) == 1 and len(wb) > 1 and wa[0] == wb[-1]) or (len(wb) == 1 and len(wa) > 1 and wb[0] == wa[-1]):
            return 0.9
        if len(wa) > 1 and len(wb) > 1 and name_similarity(wa[-1], wb[-1]) < 0.6:
            # Different surnames are different people however alike the first names are
            # (but "Gaddafi" and "Qaddafi" are spellings of one surname).
            return 0.0
    return name_similarity(a, b)


def identity_map(links: Iterable[IdentityLink]) -> Mapping[tuple[str, str], str]:
    """``(article_id, entity_id)`` → identity id, for looking up records' entity references."""
    return {(x.article_id, x.entity_id): x.identity_id for x in links}
