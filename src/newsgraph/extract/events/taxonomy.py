"""A compact event taxonomy and its CAMEO root codes (Gerner et al., CAMEO 1.1b3).

=====================  =====  ==========================================================
type                   CAMEO  trigger lemmas (examples)
=====================  =====  ==========================================================
make_statement         01     say, tell, announce, state, confirm, statement
appeal                 02     appeal, urge, call (for), request, ask
express_intent         03     promise, pledge, vow, offer, intend
consult                04     meet, talk, negotiate, visit, host, summit, talks
cooperate              05     agree, sign, support, recognize, deal, agreement, treaty
cooperate_materially   06     cooperate, share, exchange
provide_aid            07     aid, help, grant (asylum), rescue, evacuate, asylum
yield                  08     resign, surrender, withdraw, release, transfer (of power)
investigate            09     investigate, probe, inquiry, search
demand                 10     demand, insist
disapprove             11     criticize, condemn, accuse, blame, denounce, complain
reject                 12     reject, refuse, deny, veto, dismiss, downplay
threaten               13     threaten, warn, ultimatum
protest                14     protest, demonstrate, rally, march, boycott, strike (labour)
exhibit_force          15     mobilize, deploy, (place on) alert, patrol, blockade
reduce_relations       16     sanction, sever, expel (diplomats), suspend, embargo, lower (a flag)
coerce                 17     arrest, detain, seize, jail, sentence, ban, deport, charge
assault                18     kill, shoot, stab, bomb, kidnap, murder, injure, torture
fight                  19     fight, attack, war, battle, clash, invade, intervene, capture;
                              movement verbs with a military actor ("rebels reached Aleppo",
                              "the entry of rebel forces into Damascus")
mass_violence          20     massacre, genocide, ethnic cleansing
move                   —      arrive, leave, travel, return, flee, arrival, departure
occurrence             —      anything else
=====================  =====  ==========================================================
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from newsgraph.extract.events.lexicon import words


@dataclass(frozen=True, slots=True)
class EventClass:
    """A class of the compact taxonomy and its CAMEO root code (None when CAMEO has none)."""

    name: str
    cameo: str | None


_CLASSES: tuple[tuple[str, str | None, str], ...] = (
    (
        "make_statement",
        "01",
        "say tell announce state statement add claim mention note explain report comment declare confirm "
        "acknowledge clarify stress emphasize emphasise reveal disclose write describe insist indicate suggest "
        "announcement speech interview remark",
    ),
    ("appeal", "02", "appeal urge request ask plead call"),
    ("express_intent", "03", "promise pledge vow offer intend commit"),
    ("consult", "04", "meet talk negotiate visit host discuss consult summit talks meeting negotiation negotiations"),
    (
        "cooperate",
        "05",
        "agree sign support recognize recognise endorse praise ally deal agreement treaty accord pact cooperation",
    ),
    ("cooperate_materially", "06", "cooperate share exchange trade invest"),
    ("provide_aid", "07", "aid help assist rescue evacuate shelter grant donate provide asylum rescue evacuation"),
    (
        "yield",
        "08",
        "resign surrender withdraw release concede retreat ease lift step transfer transition handover "
        "resignation withdrawal ceasefire truce",
    ),
    ("investigate", "09", "investigate probe examine inspect inquiry investigation search"),
    ("demand", "10", "demand insist"),
    ("disapprove", "11", "criticize criticise condemn accuse blame denounce complain sue lawsuit accusation"),
    ("reject", "12", "reject refuse deny veto dismiss downplay oppose decline rebuff"),
    ("threaten", "13", "threaten warn ultimatum threat"),
    ("protest", "14", "protest demonstrate rally march boycott riot demonstration uprising"),
    ("exhibit_force", "15", "mobilize mobilise deploy patrol blockade alert deployment"),
    ("reduce_relations", "16", "sanction sever expel suspend embargo halt cut sanctions lower"),
    (
        "coerce",
        "17",
        "arrest detain seize jail imprison sentence ban deport charge convict raid confiscate arrest detention "
        "crackdown trial conviction execution indictment",
    ),
    (
        "assault",
        "18",
        "kill shoot stab bomb kidnap abduct murder injure wound torture assassinate hijack beat rape "
        "shooting killing murder bombing kidnapping abduction hijacking assassination",
    ),
    (
        "fight",
        "19",
        "fight attack invade intervene capture shell battle clash ambush besiege occupy war fighting conflict "
        "offensive invasion siege airstrike strike intervention battle clashes",
    ),
    ("mass_violence", "20", "massacre genocide cleansing slaughter"),
    (
        "move",
        None,
        "arrive leave travel return flee go come depart fly escape arrival departure trip return flight exile "
        "escape entry exit reach enter",
    ),
)

_BY_LEMMA: dict[str, EventClass] = {}
for _name, _cameo, _lemmas in _CLASSES:
    for _lemma in _lemmas.split():
        _BY_LEMMA.setdefault(_lemma, EventClass(_name, _cameo))

OCCURRENCE = EventClass("occurrence", None)
_FIGHT = EventClass("fight", "19")
_PROVIDE_AID = EventClass("provide_aid", "07")
_MILITARY = words(
    "rebel rebels force forces troop troops army militant militants soldier soldiers fighter fighters "
    "insurgent insurgents militia militias jihadist jihadists"
)
_MILITARY_MOVES = words("reach enter entry capture take advance seize storm overrun")


def classify(token: Token, actor_words: str | None, target_lemma: str | None) -> EventClass:
    """The class of the event headed by ``token``.

    Args:
        token: the trigger.
        actor_words: the actor's text (movement by armed groups is fighting), if any.
        target_lemma: the object's lemma ("grant asylum" is aid, not a grant), if any.
    """
    lemma = token.lemma_.lower()
    if lemma in _MILITARY_MOVES and actor_words and any(w in _MILITARY for w in actor_words.lower().split()):
        return _FIGHT
    if lemma == "grant" and target_lemma not in (None, "asylum", "aid", "refuge", "shelter", "access"):
        return OCCURRENCE
    if target_lemma in ("asylum", "refuge", "shelter") and lemma in ("grant", "give", "offer", "provide"):
        return _PROVIDE_AID
    return _BY_LEMMA.get(lemma, OCCURRENCE)
