"""News organisations: the agencies and outlets that carry a claim, never its origin.

"Interfax reported", "told the Associated Press", "according to state media", "CNN said": in each the
speaker named is a relay. A name is a news organisation when it is a known agency or outlet, when it
says so ("news agency", "newspaper", "state media", "broadcaster"), when it is built like a masthead
("… Times", "… Post", "… News"), or when it is the outlet of a report in the store.
"""

from __future__ import annotations

import re
from collections.abc import Collection

# Wire services and the outlets most often cited as the first to report (names as news writes them).
_KNOWN = """
reuters | associated press | ap | afp | agence france-presse | agence france presse | interfax | tass | itar-tass |
ria novosti | ria | sputnik | rt | xinhua | kyodo | yonhap | dpa | ansa | efe | pti | ani | uni | ians | anadolu |
anadolu agency | bernama | antara | wafa | sana | irna | isna | tasnim | fars | mehr | kuna | wam | spa | mena |
ukrinform | unian | pap | ctk | belga | apa | ntb | tt | lusa | europa press | bloomberg news | bloomberg | cnn |
bbc | al jazeera | al arabiya | sky news | fox news | nbc | nbc news | cbs | cbs news | abc | abc news | msnbc | npr |
pbs | cnbc | axios | politico | the hill | semafor | the sun | the us sun | the times | the sunday times |
the new york times | new york times | the washington post | washington post | the wall street journal |
wall street journal | wsj | financial times | ft | the guardian | guardian | the independent | daily mail |
the daily mail | mail online | the telegraph | daily telegraph | the economist | new york post | the new york post |
kommersant | izvestia | vedomosti | rbc | meduza | novaya gazeta | le monde | le figaro | der spiegel | bild |
haaretz | the times of israel | times of israel | al-monitor | the national | khaleej times | gulf news | dawn |
the hindu | hindustan times | times of india | ndtv | india today | south china morning post | scmp | nikkei |
asahi | yomiuri | channel news asia | cna | abc australia | cbc | ctv | globe and mail | istoe dinheiro |
istoé dinheiro | wion | dw | deutsche welle | france 24 | euronews | voice of america | voa | radio free europe |
rfe/rl | kyiv independent | ukrainska pravda | libya al-ahrar | al wasat
"""

# Words that make a phrase a news organisation or a report of one ("a report by state television").
_GENERIC = re.compile(
    r"\b(news agency|news agencies|press agency|wire service|newspaper|newspapers|tabloid|broadcaster|"
    r"state media|state-run media|state television|state tv|state news|local media|media reports?|"
    r"news outlets?|media outlets?|news reports?|press reports?|the media|television|tv channel|radio station|"
    r"news website|news site|daily|weekly|"
    # French: "le quotidien britannique The Sun", "l'agence Interfax", "plusieurs médias britanniques".
    r"quotidiens?|journal|journaux|hebdomadaire|agence|agences|tablo[iï]d|m[ée]dias?|presse|cha[iî]ne|t[ée]l[ée]vision)\b",
    re.IGNORECASE,
)
# Mastheads: "The Moscow Times", "Kyiv Post", "Fox News", "The Jerusalem Post", "Gazeta.ru".
_MASTHEAD = re.compile(
    r"\b(times|post|news|herald|journal|tribune|gazette|telegraph|chronicle|observer|courier|dispatch|"
    r"express|mirror|examiner|inquirer|standard|today|insider|wire|press|agency|tv|radio|online)$|\.(com|ru|net|org)$",
    re.IGNORECASE,
)
# A report as the speaker ("a report claimed", "the article said") relays whoever it quotes.
_REPORTS_TEXT = """report reports article articles story stories rumour rumours rumor rumors media rapport rapports
    rumeur rumeurs informations"""
_REPORTS = frozenset(_REPORTS_TEXT.split())
_SPEAKS_FOR = frozenset(
    [
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "representative",
        "official",
        "executive",
        "owner",
        "ceo",
        "chairman",
        "lawyer",
    ]
)
_ARTICLE = re.compile(r"^(?:(?:the|a|an|le|la|les|un|une|des|ces|plusieurs)\s+|l['\u2019]\s*)", re.IGNORECASE)
_PUNCT = re.compile(r"[^\w\s.&'/-]+")


def fold_name(name: str) -> str:
    """A name lowercased, without a leading article, punctuation or the possessive."""
    name = _PUNCT.sub(" ", name.replace("\u2019", "'")).strip()
    name = re.sub(r"'s\b", "", name)
    return _ARTICLE.sub("", " ".join(name.lower().split()))


KNOWN_NEWS_ORGANISATIONS = frozenset(fold_name(n) for n in _KNOWN.replace("\n", " ").split("|") if n.strip())


def is_news_organisation(name: str | None, outlets: Collection[str] = ()) -> bool:
    """Whether ``name`` names an agency, outlet or the media in general (``outlets``: folded outlet names)."""
    if not name:
        return False
    folded = fold_name(name)
    if not folded:
        return False
    if folded in KNOWN_NEWS_ORGANISATIONS or folded in outlets or folded in _REPORTS:
        return True
    # "the Associated Press's Moscow bureau", "Reuters reporters": a known name leading the phrase.
    first_words = folded.split()
    if _SPEAKS_FOR.intersection(first_words):
        # "the Washington Post spokesperson" speaks for the outlet: a source, not a relay.
        return False
    for size in (3, 2, 1):
        if " ".join(first_words[:size]) in KNOWN_NEWS_ORGANISATIONS and len(first_words) <= size + 2:
            return True
    if _GENERIC.search(folded):
        return True
    # A masthead is a proper name: capitalised words ending in a masthead word ("The Moscow Times").
    words = [w for w in _ARTICLE.sub("", name.strip()).split() if w]
    proper = bool(words) and all(w[:1].isupper() or not w[:1].isalpha() for w in words)
    return proper and len(words) <= 4 and bool(_MASTHEAD.search(folded))


def outlet_names(outlets: Collection[str | None]) -> frozenset[str]:
    """Folded forms of the stores' outlet names, with what a page adds in brackets removed."""
    found = set()
    for outlet in outlets:
        if not outlet:
            continue
        found.add(fold_name(re.sub(r"\(.*?\)", " ", outlet)))
    return frozenset(f for f in found if f)


# Short and long names of one agency, as reports write them.
_SAME_AGENCY = {
    "ap": "associated press",
    "afp": "agence france-presse",
    "agence france presse": "agence france-presse",
    "itar-tass": "tass",
    "ria": "ria novosti",
    "dpa": "deutsche presse-agentur",
    "bbc news": "bbc",
    "bloomberg news": "bloomberg",
}
_AGENCY_WORDS = re.compile(r"\s+(?:news agency|news service|wire service|agency|newswire)$")


def outlet_key(name: str) -> str:
    """One key for the ways reports name one agency or outlet ("the AP news agency", "The Associated Press")."""
    folded = _AGENCY_WORDS.sub("", fold_name(name))
    return _SAME_AGENCY.get(folded, folded)
