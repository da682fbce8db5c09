"""Corroboration: how many *independent origins* stand behind a claim, and who relayed it.

Fifteen outlets relaying one unnamed official through three agencies are one origin. Each asserting
version is traced back to its *originator*, the person or body that first said it:

* a named person or organisation is an originator, across articles by identity;
* an agency or outlet named as the speaker ("Interfax reported", "CNN said") is an intermediary, never
  an originator (``newsgraph.link.outlets``), and neither is a speaker the text does not name ("the
  organisation", "he" when left unresolved);
* unnamed sources are originators we cannot tell apart: "a Kremlin source" in one report and "a source
  in the Kremlin" in another are one (their affiliation's), and sources without an affiliation are one
  per intermediary they spoke to;
* a version without an originator — the outlet's own voice, a relay of an agency — inherits the
  originator of the report it copies (a reuse link), or else is a *relay of unknown origin*: it adds no
  origin. Nothing here is taken for first-hand reporting without a source.

The **lenient** count is the number of distinct originators (one name in other words is one). The **strict**
count merges those not independent of one another: a person and an organisation cited together for the claim in
one report (a spokesperson and the body they speak for), originators sharing an affiliation, and all unnamed
sources (one can never show that two unnamed sources are different people). An originator only one
report cites, beside an originator that several reports carry, is shown but not counted in the strict
count: one report's extra source is more often a second statement than a second origin.

The origin graph is originator → intermediaries → outlets, with the articles on each edge.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from newsgraph.link.claims import ClaimVersion
from newsgraph.link.contradictions import disputing, gives_another_figure, opposite, reference_figures, replacing
from newsgraph.link.outlets import fold_name, is_news_organisation, outlet_key, outlet_names

OriginKind = Literal["named", "anonymous"]
UNKNOWN = "relay:unknown"

# Words that describe a speaker without naming one ("the Secretary General of the group").
_DESCRIPTIVE = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "for",
        "at",
        "in",
        "on",
        "to",
        "and",
        "its",
        "his",
        "her",
        "their",
        "our",
        "this",
        "that",
        "these",
        "those",
        "group",
        "organization",
        "organisation",
        "agency",
        "body",
        "office",
        "ministry",
        "department",
        "government",
        "official",
        "officials",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "secretary",
        "general",
        "director",
        "chief",
        "head",
        "president",
        "minister",
        "mayor",
        "governor",
        "ambassador",
        "representative",
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "you",
        "who",
        "which",
        "one",
        "person",
        "people",
        "someone",
        "source",
        "sources",
        "company",
        "firm",
        "statement",
        "report",
        "update",
        "figures",
    ]
)
_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "us", "me"})
_WORD = re.compile(r"[\w'-]+")
# "Mint (livemint.com)": what a page adds to its outlet's name.
_BRACKETS = re.compile(r"\s*\(.*?\)")
# "the Axios report", "a Reuters story": the outlet the report is of.
_REPORT_OF = re.compile(r"\s+(report|story|article|dispatch|piece)s?$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class OriginChain:
    """One path a claim travelled: origin, intermediary (if any), outlet, and the articles it reached.

    ``copies`` are near-duplicate articles that reprinted one of ``articles``.
    """

    origin: str
    origin_label: str
    via: str | None
    outlet: str
    articles: tuple[str, ...]
    copies: tuple[str, ...] = ()


SAME_NAME = 'the same name, or a part of it ("the UN", "OCHA")'
"""Why an originator is another's in other words ("the Libyan Red Crescent aid organization")."""


@dataclass(frozen=True, slots=True)
class Origin:
    """One originator of a claim: who, the reports that carry it, through whom, and whether it counts.

    ``independent`` is False when the strict count merges it into another origin (``counted_as``);
    ``why`` says why in one line.
    """

    key: str
    label: str
    kind: OriginKind
    articles: tuple[str, ...]
    intermediaries: tuple[str, ...]
    independent: bool
    why: str
    counted_as: str | None = None


@dataclass(frozen=True, slots=True)
class Corroboration:
    """What stands behind a claim: counts, the originators, and the origin graph as chains.

    ``independent_origins`` is the strict count, ``lenient_origins`` the number of distinct
    originators; ``asserting`` the articles asserting the claim and ``relays`` those of them that
    name no originator of their own (relays of unknown origin).
    """

    articles: int
    outlets: int
    independent_origins: int
    chains: tuple[OriginChain, ...]
    lenient_origins: int = 0
    asserting: tuple[str, ...] = ()
    origin_list: tuple[Origin, ...] = ()
    relays: tuple[str, ...] = ()

    @property
    def origins(self) -> tuple[str, ...]:
        """The distinct origin labels, in first-seen order."""
        return tuple(dict.fromkeys(c.origin_label for c in self.chains))

    @property
    def answer(self) -> str:
        """The answer in one line: how many independent origins, who, relayed by whom to how many reports."""
        counted = [o for o in self.origin_list if o.independent]
        if not counted:
            return f"no named origin: {self.articles} report(s) relay it without a source"
        parts = []
        for origin in counted:
            # An origin speaks with the voices counted as it ("the Red Crescent" and its secretary general).
            group = [origin, *(o for o in self.origin_list if o.counted_as == origin.key)]
            reports = {a for o in group for a in o.articles}
            through: dict[str, str] = {}
            for name in (i for o in group for i in o.intermediaries):
                through.setdefault(outlet_key(name), name)
            relayed = f", relayed by {_listing(list(through.values()))}" if through else ""
            parts.append(f"{origin.label}{relayed} to {len(reports)} report(s)")
        n = len(counted)
        line = f"{n} independent origin{'s' if n != 1 else ''}: " + "; ".join(parts)
        others = len(self.origin_list) - n
        if others:
            them = "it" if n == 1 else "them"
            line += f"; {others} more originator{'s' if others != 1 else ''} not independent of {them}"
        if self.relays:
            line += f"; {len(self.relays)} report(s) name no source"
        return line


def _listing(names: Sequence[str], most: int = 4) -> str:
    shown = list(names[:most])
    if len(names) > most:
        shown.append(f"{len(names) - most} more")
    return ", ".join(shown[:-1]) + f" and {shown[-1]}" if len(shown) > 1 else shown[0]


def _names_someone(source: str) -> bool:
    """Whether a source phrase names someone: a capitalised word that is not a title or a pronoun."""
    words = _WORD.findall(source)
    if not words or (len(words) == 1 and words[0].lower() in _PRONOUNS):
        return False
    return any(w[:1].isupper() and w.lower() not in _DESCRIPTIVE for w in words)


def _name_words(label: str) -> frozenset[str]:
    """The proper-name words of a source phrase ("Prof Valery Solovei" → {valery, solovei}, titles out)."""
    words = [w for w in _WORD.findall(label) if w[:1].isupper()]
    return frozenset(w.lower() for w in words if w.lower() not in _DESCRIPTIVE and w.lower() not in _TITLES)


def _acronyms(label: str) -> frozenset[str]:
    """Initials of each run of capitalised words: "United Nations Office for the Coordination of Humanitarian
    Affairs" gives "un", "ocha", "unocha", ... — so "the UN" and "OCHA" are names of (a part of) it."""
    words = [w for w in _WORD.findall(label) if w[:1].isupper() and w.lower() not in _DESCRIPTIVE - {"office"}]
    initials = "".join(w[0].lower() for w in words)
    return frozenset(initials[i:j] for i in range(len(initials)) for j in range(i + 2, len(initials) + 1))


_TITLES = frozenset(
    ["prof", "professor", "dr", "mr", "mrs", "ms", "sir", "lord", "general", "gen", "col", "president", "minister"]
)


@dataclass(frozen=True, slots=True)
class _Originator:
    key: str
    strict_key: str
    label: str
    kind: OriginKind
    entity_kind: str


def _originator(version: ClaimVersion, outlets: Collection[str] = ()) -> _Originator | None:
    """Who first made the claim this version states, or None when it names no one (see the module docstring).

    ``outlets``: folded outlet names of the store, which are intermediaries whenever they speak.
    """
    if version.kind != "attribution":
        return None
    source = (version.source or "").strip()
    if version.source_kind in ("person", "organization"):
        if is_news_organisation(source, outlets):
            return None
        if version.source_key is None and not _names_someone(source):
            return None
        key = version.source_key or fold_name(source)
        strict = version.affiliation_key or key
        return _Originator(f"named:{key}", f"named:{strict}", _tidy(source) or key, "named", version.source_kind)
    if version.source_kind == "anonymous":
        if is_news_organisation(source, outlets):
            return None
        affiliation = version.affiliation_key
        if affiliation and is_news_organisation(version.affiliation, outlets):
            affiliation = None
        if affiliation:
            label = f"unnamed {version.affiliation or affiliation} source"
            return _Originator(f"anonymous:{affiliation}", "anonymous", label, "anonymous", "anonymous")
        told = version.via_key
        label = f"unnamed source ({version.via})" if version.via else "unnamed source"
        return _Originator(f"anonymous@{told or ''}", "anonymous", label, "anonymous", "anonymous")
    return None


def corroboration(
    versions: Sequence[ClaimVersion],
    sources: Mapping[str, str],
    outlets: Collection[str] = (),
    story_versions: Iterable[ClaimVersion] = (),
) -> Corroboration:
    """Count and trace the versions of one claim.

    Only versions that assert the claim count, from reports not disputing it (``disputing``): a denial is
    not a confirmation, nor the claim restated to be denied (both show up as contradictions instead), nor a
    refusal to say ("declined to comment"), nor a version giving another figure than the claim's
    (``gives_another_figure``).

    Args:
        versions: the claim's versions.
        sources: article id → the report it reuses (articles absent reuse none); the root of a chain of
            copies is the original its chains are drawn from.
        outlets: outlet names of the store (any form; they are folded here), intermediaries whenever
            they speak.
        story_versions: the versions of every claim of the story: a report replacing the claim's figure
            in any of them ("3,958 instead of 11,300") supports none of it (``replacing``).

    Returns:
        The counts, the originators and one chain per (origin, intermediary, outlet).
    """
    against = opposite(versions)
    figures = reference_figures([v for v in versions if not against(v)])
    other_side = disputing(versions) | replacing(story_versions, figures)
    asserting = [
        v
        for v in versions
        if not against(v)
        and v.status != "declined"
        and v.article_id not in other_side
        and not gives_another_figure(v, figures)
    ]
    known_outlets = outlet_names([*outlets, *(v.outlet for v in versions)])
    originators = [_originator(v, known_outlets) for v in asserting]
    found: dict[str, tuple[_Originator, list[ClaimVersion]]] = {}
    own: dict[str, set[str]] = defaultdict(set)
    for v, who in zip(asserting, originators, strict=True):
        if who is None:
            continue
        found.setdefault(who.key, (who, []))[1].append(v)
        own[v.article_id].add(who.key)
    # A report naming no originator inherits the originators of the report it copies, if that has any.
    inherited: dict[str, set[str]] = {}
    for article_id in dict.fromkeys(v.article_id for v in asserting):
        if article_id in own:
            continue
        step, seen = sources.get(article_id), {article_id}
        while step is not None and step not in seen and step not in own:
            seen.add(step)
            step = sources.get(step)
        if step is not None and step in own:
            inherited[article_id] = own[step]
    # A report relaying an outlet ("Axios reported", "told Reuters") relays the originators that outlet's
    # own report in the claim names.
    by_outlet: dict[str, set[str]] = defaultdict(set)
    for v in asserting:
        if v.article_id in own and v.outlet:
            by_outlet[outlet_key(_BRACKETS.sub("", v.outlet))] |= own[v.article_id]
    for v in asserting:
        if v.article_id in own or v.article_id in inherited:
            continue
        for relay in (v.via, v.source if v.kind == "attribution" else None):
            keys = by_outlet.get(outlet_key(_REPORT_OF.sub("", relay))) if relay else None
            if keys:
                inherited[v.article_id] = keys
                break
    relays = tuple(a for a in dict.fromkeys(v.article_id for v in asserting) if a not in own and a not in inherited)
    carriers: dict[str, list[str]] = defaultdict(list)
    for article_id, keys in [*own.items(), *inherited.items()]:
        for key in keys:
            carriers[key].append(article_id)
    origin_list = _judge(found, carriers)
    roots = {a: _root(a, sources) for a in {v.article_id for v in asserting}}
    labels = {o.key: o.label for o in origin_list}
    heads = {o.key: (o.counted_as or o.key, labels[o.counted_as or o.key]) for o in origin_list}
    chains = _chains(asserting, originators, roots, heads, known_outlets)
    articles = {v.article_id for v in asserting}
    outlet_count = {v.outlet or f"article:{roots[v.article_id]}" for v in asserting}
    strict = sum(1 for o in origin_list if o.independent)
    # Two wordings of one name are one originator, also for the lenient count.
    lenient = sum(1 for o in origin_list if not o.why.endswith(SAME_NAME))
    return Corroboration(
        len(articles),
        len(outlet_count),
        strict,
        chains,
        lenient,
        tuple(sorted(articles)),
        origin_list,
        relays,
    )


def _judge(
    found: Mapping[str, tuple[_Originator, list[ClaimVersion]]], carriers: Mapping[str, list[str]]
) -> tuple[Origin, ...]:
    """The originators, each with whether the strict count takes it and why (module docstring)."""
    parent = {key: key for key in found}

    def root(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    def join(a: str, b: str, why: str) -> None:
        ra, rb = root(a), root(b)
        if ra == rb:
            return
        # The originator more reports carry stands for the group.
        keep, drop = sorted((ra, rb), key=lambda k: (-len(carriers.get(k, ())), k))
        parent[drop] = keep
        reasons[drop] = why

    reasons: dict[str, str] = {}
    by_strict: dict[str, str] = {}
    for key, (who, _) in sorted(found.items(), key=lambda kv: (-len(carriers.get(kv[0], ())), kv[0])):
        first = by_strict.setdefault(who.strict_key, key)
        if first != key:
            why = "unnamed sources count once" if who.kind == "anonymous" else "shares an affiliation"
            join(first, key, why)
    # One name in other words: "Prof Solovei" and "Solovei", "the Libyan Red Crescent aid organization" and
    # "the Libyan Red Crescent" (identities across reports miss titles and descriptions).
    named = [
        (key, _name_words(who.label), _acronyms(who.label)) for key, (who, _) in found.items() if who.kind == "named"
    ]
    for i, (key_a, words_a, short_a) in enumerate(named):
        for key_b, words_b, short_b in named[i + 1 :]:
            if words_a and words_b and (words_a <= words_b | short_b or words_b <= words_a | short_a):
                join(key_a, key_b, SAME_NAME)
    # A person and an organisation cited together for the claim in one report: one speaks for the other.
    for key_a, (a, versions_a) in found.items():
        for key_b, (b, versions_b) in found.items():
            if key_a >= key_b or a.kind != "named" or b.kind != "named" or a.entity_kind == b.entity_kind:
                continue
            together = {v.article_id for v in versions_a} & {v.article_id for v in versions_b}
            if together:
                join(key_a, key_b, "cited together with it in one report")
    groups: dict[str, list[str]] = defaultdict(list)
    for key in found:
        groups[root(key)].append(key)
    widest = max((len(set(carriers.get(k, ()))) for k in found), default=0)
    origins = []
    for head in sorted(groups, key=lambda k: (-len(set(carriers.get(k, ()))), k)):
        reports = set().union(*(set(carriers.get(k, ())) for k in groups[head]))
        lone = len(reports) == 1 and widest > 1
        for key in sorted(groups[head], key=lambda k: (k != head, k)):
            who, versions = found[key]
            intermediaries = tuple(dict.fromkeys(v.via for v in versions if v.via))
            if key != head:
                label = found[head][0].label
                origins.append(
                    Origin(
                        key,
                        who.label,
                        who.kind,
                        tuple(sorted(set(carriers.get(key, ())))),
                        intermediaries,
                        False,
                        f"not independent of {label}: {reasons.get(key, 'same group')}",
                        head,
                    )
                )
                continue
            why = (
                "cited by one report only, beside an origin several reports carry"
                if lone
                else f"{'named' if who.kind == 'named' else 'unnamed'} originator"
            )
            origins.append(
                Origin(
                    key,
                    _common_label(versions, who.label),
                    who.kind,
                    tuple(sorted(set(carriers.get(key, ())))),
                    intermediaries,
                    not lone,
                    why,
                )
            )
    return tuple(origins)


def _tidy(name: str) -> str:
    """A source phrase as a label: no trailing comma, no bracket left open ("Affairs (OCHA")."""
    name = name.strip().rstrip(",;:").strip()
    if name.count("(") > name.count(")"):
        name = name[: name.rfind("(")].rstrip(" ,")
    return name


def _common_label(versions: Sequence[ClaimVersion], fallback: str) -> str:
    """The shortest of the most frequent ways the reports name the originator."""
    names = Counter(_tidy(v.source or "") for v in versions if v.source_kind in ("person", "organization"))
    if not names:
        return fallback
    top = max(names.values())
    return min((n for n, c in names.items() if c == top and n), key=len, default=fallback)


def _root(article_id: str, sources: Mapping[str, str]) -> str:
    """The first report of a chain of copies (a cycle, which the store never makes, stops the walk)."""
    seen = {article_id}
    while article_id in sources and sources[article_id] not in seen:
        article_id = sources[article_id]
        seen.add(article_id)
    return article_id


def _chains(
    asserting: Sequence[ClaimVersion],
    originators: Sequence[_Originator | None],
    roots: Mapping[str, str],
    heads: Mapping[str, tuple[str, str]],
    known_outlets: Collection[str],
) -> tuple[OriginChain, ...]:
    """One chain per (origin, intermediary, outlet): an originator counted as another is drawn as that one, and
    an agency under several names ("the AP", "The Associated Press") once."""
    chains: dict[tuple[str, str | None, str], tuple[str, list[str], list[str]]] = {}
    shown: dict[str, str] = {}
    for v, who in zip(asserting, originators, strict=True):
        root = roots[v.article_id]
        key, label = heads[who.key] if who else (UNKNOWN, "unknown origin")
        # A reprint's chain is its original's: same origin, same intermediary, the original outlet.
        outlet = _outlet_of(root, asserting) or v.outlet or root
        via = v.via
        if who is None and v.kind == "attribution" and v.source and is_news_organisation(v.source, known_outlets):
            via = v.source
        if via is not None:
            via = shown.setdefault(outlet_key(via), via)
        _, direct, copies = chains.setdefault((key, via, outlet), (label, [], []))
        target = copies if root != v.article_id else direct
        if v.article_id not in target:
            target.append(v.article_id)
    return tuple(
        OriginChain(key, label, via, outlet, tuple(direct), tuple(copies))
        for (key, via, outlet), (label, direct, copies) in chains.items()
    )


def _outlet_of(article_id: str, versions: Sequence[ClaimVersion]) -> str | None:
    for v in versions:
        if v.article_id == article_id:
            return v.outlet
    return None


def origin_graph(corroborated: Corroboration) -> dict[str, set[str]]:
    """The origin graph as adjacency: origin → intermediaries/outlets, intermediary → outlets."""
    graph: defaultdict[str, set[str]] = defaultdict(set)
    for chain in corroborated.chains:
        if chain.via:
            graph[chain.origin_label].add(chain.via)
            graph[chain.via].add(chain.outlet)
        else:
            graph[chain.origin_label].add(chain.outlet)
    return dict(graph)
