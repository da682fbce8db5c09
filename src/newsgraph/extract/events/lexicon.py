"""Word lists the event extractor reads: eventive nouns, non-events, and the embedding predicates
that shape factuality (after Saurí & Pustejovsky's FactBank classes and Lee et al. 2015).

Lists hold lemmas as spaCy's English lemmatizer gives them.
"""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text`` as a set (keeps long lists readable)."""
    return frozenset(text.split())


# Nouns that name an event in news, beyond the regular nominalisations caught by suffix.
EVENT_NOUNS = words("""
    arrival departure visit trip tour return flight escape exile entry exit
    war battle fight fighting clash clashes conflict attack assault strike airstrike raid bombing blast explosion
    shooting killing murder massacre genocide invasion offensive siege ambush riot protest demonstration rally
    march uprising revolt rebellion coup crackdown ceasefire truce surrender withdrawal retreat advance
    arrest detention trial hearing verdict conviction sentence execution charge indictment lawsuit appeal
    investigation probe inquiry raid search seizure kidnapping abduction hijacking
    election vote referendum poll campaign summit meeting talks negotiation negotiations deal agreement treaty
    accord pact speech interview statement announcement visit ban sanction sanctions embargo boycott
    crash collision accident earthquake quake tsunami flood fire wildfire blaze storm hurricane eruption outbreak
    death birth wedding marriage divorce funeral resignation appointment nomination firing layoff
    merger acquisition takeover purchase sale deal bid launch release recall
    injury wound loss win victory defeat collapse fall rise drop increase decrease cut growth decline
    move change shift transfer transition handover rule reign
    intervention operation mission deployment rescue evacuation
    arson robbery heist theft burglary crime suicide stampede vigil damage repair emergency outage problem
    game match playoff playoffs round season tournament final race
    """)

# Nouns with an event suffix that are not events (or almost never are) in news text.
NOT_EVENT_NOUNS = words("""
    nation station information government department apartment moment comment document element
    environment equipment instrument monument parliament sentiment segment fragment supplement
    position condition tradition question section population location nation mention
    official individual capital hospital animal material potential principal signal rival terminal
    editorial tutorial interval
    minister ministry administration organization organisation institution foundation corporation
    association federation commission committee coalition opposition relation relations
    portion proportion version region religion vision television nutrition ration
    nature future culture structure furniture picture literature temperature legislature feature
    creature signature mixture capture
    """)

EVENT_SUFFIXES = ("tion", "sion", "ment", "ance", "ence", "ure", "al", "ing")

# Verbs that are not events on their own.
LIGHT_VERBS = frozenset({"be", "have", "do", "get", "seem", "appear", "become", "remain", "let"})

# Embedding predicates, by what they do to the factuality of their complement.
REPORTING = words(
    """say tell report announce state add claim note explain stress insist mention confirm acknowledge
    deny reveal disclose write declare describe quote cite argue testify admit warn predict"""
)
FACTIVE = words(
    """know realize realise regret discover learn notice see find show prove reveal confirm acknowledge
    remember forget understand recognize recognise note"""
)
BELIEF = words(
    """believe think suspect suggest assume guess allege speculate doubt fear hope expect estimate
    consider imagine suppose feel indicate rumor rumour seem appear"""
)
INTENT = words(
    """want plan intend try attempt seek aim hope wish expect prepare propose offer agree decide promise
    vow pledge threaten plot scheme consider need ask urge order call demand request invite encourage
    push press allow permit enable authorize authorise require force persuade convince help
    mean dare wait struggle strive work"""
)
NEGATIVE_IMPLICATIVE = words(
    """fail refuse decline avoid prevent stop block forbid ban prohibit deny reject halt cancel abandon
    neglect resist oppose veto deter hinder"""
)
POSITIVE_IMPLICATIVE = words(
    """manage succeed begin start continue finish complete resume keep proceed remember dare"""
)
MODAL_WEAK = frozenset({"may", "might", "could"})
MODAL_STRONG = frozenset({"must", "shall", "should"})
MODAL_FUTURE = frozenset({"will", "'ll", "wo"})
MODAL_COND = frozenset({"would", "'d"})
MODAL_ABILITY = frozenset({"can", "ca"})
HEDGES = words(
    """probably possibly perhaps maybe likely unlikely apparently reportedly allegedly presumably
    seemingly supposedly potentially purportedly conceivably"""
)
NEGATORS = frozenset({"not", "n't", "never", "no", "nobody", "nothing", "neither", "nor", "without"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether", "provided", "lest"})
POSSIBILITY_NOUNS = words(
    """possibility chance risk threat danger prospect plan plans proposal bid attempt effort hope fear
    likelihood option idea goal aim intention call demand offer"""
)
