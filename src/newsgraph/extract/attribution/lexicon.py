"""Word lists for attribution: cue words, claim-status classes, intermediaries, unnamed sources.

The verb and noun cue lemmas come from ``_mined.py``, generated from PolNeAR's train compartment by
``benchmarks/attribution_lexicon.py`` (never from dev). The classes below are linguistic knowledge:
they decide the claim status and the source kind, which PolNeAR does not annotate.
"""

from __future__ import annotations

from newsgraph.extract.attribution._mined import NOUN_CUES as MINED_NOUN_CUES
from newsgraph.extract.attribution._mined import VERB_CUES as MINED_VERB_CUES

# Reporting verbs every news reader knows, kept even when train saw them too rarely to be mined.
CORE_VERB_CUES = frozenset(
    {
        "say",
        "tell",
        "state",
        "announce",
        "add",
        "confirm",
        "acknowledge",
        "verify",
        "admit",
        "concede",
        "deny",
        "reject",
        "dismiss",
        "refute",
        "dispute",
        "suggest",
        "indicate",
        "believe",
        "think",
        "claim",
        "allege",
        "report",
        "mention",
        "emphasize",
        "emphasise",
        "stress",
        "clarify",
        "insist",
        "warn",
        "explain",
        "argue",
        "write",
        "tweet",
        "declare",
        "assert",
        "reiterate",
        "downplay",
        "predict",
        "estimate",
        "rumour",
        "rumor",
    }
)
VERB_CUES = CORE_VERB_CUES | MINED_VERB_CUES

# Nouns of saying or believing that take a that-clause or stand in "in a statement"-like phrases.
CORE_NOUN_CUES = frozenset(
    {"statement", "claim", "belief", "view", "assertion", "allegation", "announcement", "remark", "comment"}
)
NOUN_CUES = CORE_NOUN_CUES | MINED_NOUN_CUES

# "said in a statement", "wrote in a letter": the phrase joins the cue (PolNeAR marks it so).
MEDIUM_NOUNS = frozenset(
    {
        "statement",
        "interview",
        "letter",
        "email",
        "e-mail",
        "memo",
        "post",
        "tweet",
        "speech",
        "briefing",
        "release",
        "op-ed",
        "editorial",
        "column",
        "essay",
        "report",
        "conference",
        "call",
        "message",
        "video",
        "appearance",
        "remarks",
        "testimony",
        "filing",
        "note",
    }
)

# Outlets and channels a statement travels through: "on state television", "told the news agency".
VIA_NOUNS = frozenset(
    {
        "agency",
        "newspaper",
        "paper",
        "television",
        "tv",
        "radio",
        "broadcaster",
        "channel",
        "network",
        "outlet",
        "magazine",
        "daily",
        "website",
        "station",
        "program",
        "programme",
        "show",
        "media",
        "press",
        "wire",
        "tabloid",
        "blog",
        "podcast",
        "twitter",
        "facebook",
    }
)

# Status classes, by cue lemma. Anything else that is a cue asserts.
CONFIRMING = frozenset({"confirm", "acknowledge", "verify", "admit", "concede", "corroborate", "affirm"})
DENYING = frozenset(
    {"deny", "reject", "dismiss", "refute", "dispute", "disavow", "rebuff", "contradict", "downplay", "rebut"}
)
HEDGING = frozenset(
    {
        "suggest",
        "indicate",
        "believe",
        "think",
        "hint",
        "speculate",
        "estimate",
        "expect",
        "suspect",
        "imply",
        "appear",
        "seem",
        "guess",
        "assume",
        "predict",
        "forecast",
        "anticipate",
        "feel",
        "hope",
        "fear",
        "reckon",
        "signal",
    }
)
# A source that would not say: "declined to comment", "refused to confirm".
DECLINING = frozenset({"decline", "refuse"})
# Cues that, negated, say nothing either way: "did not comment", "would not say", "did not deny".
DISCLOSING = frozenset({"comment", "say", "elaborate", "disclose", "discuss", "reveal", "specify", "respond", "deny"})
UNVERIFYING = frozenset({"allege", "claim", "rumour", "rumor", "purport"})
# Words around the cue or the source that weaken or question the claim.
HEDGE_WORDS = frozenset(
    {"reportedly", "apparently", "allegedly", "purportedly", "seemingly", "possibly", "perhaps", "preliminary"}
)
HEDGE_MODALS = frozenset({"may", "might", "could", "can"})
UNVERIFIED_WORDS = frozenset({"unverified", "unconfirmed", "alleged", "rumoured", "rumored", "purported", "unsourced"})

# Head nouns of an unnamed source: "a Kremlin source", "officials", "staff".
ANONYMOUS_NOUNS = frozenset(
    {
        "source",
        "official",
        "staff",
        "staffer",
        "aide",
        "adviser",
        "advisor",
        "insider",
        "diplomat",
        "person",
        "people",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "representative",
        "employee",
        "member",
        "witness",
        "observer",
        "analyst",
        "expert",
        "resident",
        "activist",
        "officer",
        "lawmaker",
        "critic",
        "supporter",
        "voter",
        "someone",
        "somebody",
        "others",
        "many",
        "some",
        "most",
        "few",
        "everyone",
        "nobody",
    }
)
# Head nouns that name an organisation without naming it: "the ministry", "the campaign".
ORGANIZATION_NOUNS = frozenset(
    {
        "ministry",
        "government",
        "department",
        "agency",
        "administration",
        "campaign",
        "committee",
        "office",
        "company",
        "embassy",
        "court",
        "party",
        "group",
        "team",
        "commission",
        "council",
        "board",
        "police",
        "military",
        "army",
        "kremlin",
        "white",
        "organization",
        "organisation",
        "firm",
        "union",
        "newspaper",
        "network",
        # Armed and security bodies speak as organisations: "rebel forces said", "the intelligence directorate said".
        "force",
        "directorate",
        "navy",
        "militia",
        "coalition",
        "bureau",
        "institute",
    }
)
# Sourceless claims: "reports suggested", "rumours say".
UNSPECIFIED_NOUNS = frozenset({"report", "rumour", "rumor", "speculation", "word", "media", "reporting"})
PERSON_PRONOUNS = frozenset({"i", "he", "she", "me", "him", "her", "his", "my", "you", "your", "we", "us", "our"})
EMPTY_SUBJECTS = frozenset({"it", "there"})
