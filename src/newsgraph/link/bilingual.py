"""French reports compared with English ones: French words in the English words linking compares.

Stories and claims are linked on entity identities (which already cross languages: "Vladimir Poutine"
and "Putin" are one identity), event lemmas and content words. The last two are words of a language, so
a French report's are put into English through a small news lexicon — reporting and event verbs, the
nouns of politics, health, conflict, justice and the economy — and its French function words dropped.
A word the lexicon lacks stays as it is (names and numbers are the same in both languages).
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from functools import lru_cache

from newsgraph.link.terms import _WORD, STOP_WORDS, content_terms, stem

_FRENCH_STOP_TEXT = """a à afin ai aie aient aies ait alors après as au aucun aucune aujourd auprès aussi autre
    autres aux avaient avais avait avant avec avez aviez avions avoir avons ayant c ça car ce ceci cela celle celles
    celui cependant certains ces cet cette ceux chaque chez ci comme comment contre d dans de depuis des dès deux
    donc dont du elle elles en encore entre est et étaient était étant été être eu eux fait faire fois furent fut
    hier il ils j jamais je jusqu l la là laquelle le lequel les lesquels leur leurs lors lui m ma mais me même
    mêmes mes moi moins mon n ne ni non nos notre nous on ont ou où par parce parmi pas pendant peu peut peuvent
    plus plusieurs pour pourquoi pourrait puis qu quand que quel quelle quelles quels qui quoi s sa sans se selon
    ses seul si sien soi soit son sont sous sur t ta tandis te tel telle tes toi ton tous tout toute toutes très tu
    un une va vers voici voilà vont vos votre vous y ans an année jour jours semaine mois lundi mardi mercredi jeudi
    vendredi samedi dimanche dit déclaré selon affirmé indiqué ajouté m mme monsieur madame aurait serait"""
FRENCH_STOP_WORDS = frozenset(_FRENCH_STOP_TEXT.split())

# French (accents folded) → English, for the words news uses to say what happened.
_LEXICON_TEXT = """démissionner:resign démission:resignation démissionnera:resign quitter:quit départ:departure
    partir:leave successeur:successor succéder:succeed pouvoir:power fonctions:office fonction:office poste:post
    mandat:term président:president présidente:president présidence:presidency gouvernement:government
    ministre:minister ministère:ministry porte-parole:spokesman premier:prime chef:leader dirigeant:leader
    parti:party élection:election élections:election vote:vote voter:vote candidat:candidate campagne:campaign
    opposition:opposition parlement:parliament député:lawmaker sénat:senate loi:law réforme:reform budget:budget
    sanctions:sanctions sanction:sanction santé:health malade:ill maladie:disease symptômes:symptoms
    symptôme:symptom médecin:doctor hôpital:hospital soigner:treat traitement:treatment cancer:cancer virus:virus
    vaccin:vaccine vaccination:vaccination épidémie:epidemic rumeur:rumour rumeurs:rumours démenti:denial
    démentir:deny dément:deny nie:deny réfuter:refute rejeter:reject rapport:report rapports:reports
    information:information informations:information article:article journal:newspaper presse:press tabloïd:tabloid
    médias:media média:media source:source sources:sources annoncer:announce annonce:announcement confirmer:confirm
    confirmation:confirmation affirmer:claim déclarer:declare prévoir:plan prévoit:plan projet:plan plan:plan
    planifier:plan intention:intention envisager:consider menacer:threaten menace:threat accuser:accuse
    accusation:accusation nier:deny avouer:admit reconnaître:acknowledge tuer:kill tué:killed mort:death morts:dead
    mourir:die décès:death blessé:injured blessés:injured victime:victim victimes:victims attaque:attack
    attaquer:attack attentat:attack bombardement:bombing frappe:strike guerre:war armée:army soldat:soldier
    soldats:soldiers troupes:troops militaire:military combat:fighting rebelles:rebels arrivée:arrival
    arriver:arrive fuir:flee fuite:flight exil:exile asile:asylum réfugié:refugee réfugiés:refugees accorder:grant
    frontière:border accord:agreement négociations:negotiations négocier:negotiate traité:treaty
    cessez-le-feu:ceasefire paix:peace otages:hostages otage:hostage libérer:release libération:release
    arrêter:arrest arrestation:arrest procès:trial tribunal:court juge:judge condamner:convict
    condamnation:conviction peine:sentence prison:prison enquête:investigation police:police accusé:accused
    avocat:lawyer appel:appeal inondation:flood inondations:floods crue:flood tempête:storm séisme:earthquake
    ouragan:hurricane bilan:toll disparus:missing disparu:missing secours:rescue croissant-rouge:crescent onu:un
    nations:nations économie:economy croissance:growth inflation:inflation taux:rates banque:bank prix:price
    acheter:buy achat:purchase rachat:acquisition racheter:acquire acquérir:acquire
    acquisition:acquisition vendre:sell vente:sale société:company entreprise:company groupe:group intérêt:interest
    intéressé:interested grève:strike manifestation:protest manifestants:protesters manifester:protest
    britannique:british russe:russian russie:russia américain:american américaine:american français:french
    france:france royaume-uni:britain londres:london moscou:moscow kremlin:kremlin janvier:january fille:daughter
    filles:daughters famille:family femme:wife compagne:girlfriend ancienne:former gymnaste:gymnast
    politologue:scientist politique:political scientifique:scientist analyste:analyst"""
FRENCH_TO_ENGLISH: dict[str, str] = dict(pair.split(":", 1) for pair in _LEXICON_TEXT.split())


def fold(word: str) -> str:
    """Lowercase without accents: the lexicon's key for a French word."""
    return unicodedata.normalize("NFKD", word.lower()).encode("ascii", "ignore").decode()


_FOLDED_LEXICON = {fold(k): v for k, v in FRENCH_TO_ENGLISH.items()}
_FOLDED_STOPS = frozenset(fold(w) for w in FRENCH_STOP_WORDS)


@lru_cache(maxsize=65536)
def english(word: str) -> str:
    """The English word for a French one when the lexicon has it, else the French word folded."""
    folded = fold(word)
    return _FOLDED_LEXICON.get(folded, folded)


def french_terms(text: str) -> Counter[str]:
    """The content words of a French ``text`` as English content words (stemmed as ``content_terms`` does)."""
    words = (m.group().lower() for m in _WORD.finditer(text))
    # "l'armée", "d'Assad": the elided article is not part of the word.
    words = (w.split("'", 1)[-1].split("\u2019", 1)[-1] for w in words)
    return Counter(
        stem(english(w)) for w in words if w and fold(w) not in _FOLDED_STOPS and english(w) not in STOP_WORDS
    )


def english_lemma(lemma: str, language: str | None) -> str:
    """An event lemma as the linker compares it: English as it is, French through the lexicon."""
    lemma = lemma.lower()
    return english(lemma) if language == "fr" else lemma


def terms_for(text: str, language: str | None) -> Counter[str]:
    """Content words of ``text`` in the linker's (English) vocabulary, whatever the article's language."""
    return french_terms(text) if language == "fr" else content_terms(text)
