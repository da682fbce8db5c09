"""French reports: language told apart, analysed by the French pipeline, never by the English one."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from newsgraph.batch.partition import Analyzed, process_partition
from newsgraph.errors import ModelError
from newsgraph.nlp import analyze, load_model
from newsgraph.nlp.language import UNDETERMINED, LanguageDetector, _plainly_english
from newsgraph.records import Article, Document

SEED = (
    "Bachar al-Assad et sa famille sont arrivés à Moscou, selon une source au Kremlin citée par l'agence Interfax. "
    "« La Russie leur a accordé l'asile pour des raisons humanitaires », a déclaré cette source. Le ministère russe "
    "des Affaires étrangères a confirmé dimanche qu'Assad avait quitté la Syrie."
)
SUNDAY = dt.date(2024, 12, 8)


def french(nlp: Language, text: str) -> Article:
    article = analyze(text, nlp=nlp, published=SUNDAY)
    assert article.language == "fr"
    return article


def test_the_seed_event_in_french(nlp: Language) -> None:
    article = french(nlp, SEED)
    kremlin = next(a for a in article.attributions if a.cue.span.text == "selon")
    assert kremlin.source.span is not None and kremlin.source.span.text.startswith("une source au Kremlin")
    assert kremlin.source.kind == "anonymous"
    assert kremlin.via is not None and kremlin.via.span.text == "l'agence Interfax"
    assert kremlin.status == "asserted"
    assert kremlin.content.text == "Bachar al-Assad et sa famille sont arrivés à Moscou"
    # Without a clitic the inverted cue is the whole verb group, as PolNeAR draws it.
    quoted = next(a for a in article.attributions if a.cue.span.text == "a déclaré")
    assert quoted.source.span is not None and quoted.source.span.text == "cette source"
    assert quoted.form == "direct"
    confirmed = next(a for a in article.attributions if "confirmé" in a.cue.span.text)
    assert confirmed.status == "confirmed"
    assert confirmed.content.text == "qu'Assad avait quitté la Syrie"
    assert {t.span.text: t.value for t in article.times}["dimanche"] == "2024-12-08"
    # The French model's entities, in the types the records use: Interfax an organisation, Moscou a place.
    types = {e.name: e.type for e in article.entities}
    assert types["Interfax"] == "ORG" and types["Moscou"] == "GPE"
    assert types["ministère russe des Affaires étrangères"] == "ORG"


def test_inverted_cue_takes_the_clitic_as_source(nlp: Language) -> None:
    article = french(nlp, "« Ma position n'a pas évolué depuis notre dernière rencontre », a-t-elle ajouté lundi.")
    (said,) = article.attributions
    assert said.cue.span.text == "ajouté"
    assert said.source.span is not None and said.source.span.text == "elle"
    assert said.content.text == "« Ma position n'a pas évolué depuis notre dernière rencontre »"


def test_incise_inside_the_guillemets(nlp: Language) -> None:
    article = french(
        nlp, "« Nous avons des défis importants, a déclaré François Legault. Je vais continuer à travailler. »"
    )
    (said,) = article.attributions
    assert said.source.span is not None and said.source.span.text == "François Legault"
    assert said.content.text.startswith("« Nous avons") and said.content.text.endswith("travailler. »")


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Selon le journal Le Parisien, l'homme serait un gérant de la société et aurait été tué par balle.", "hedged"),
        (
            "Assad serait à Moscou, selon des informations non confirmées publiées par plusieurs médias russes.",
            "unverified",
        ),
        ("Le porte-parole du Kremlin, Dmitri Peskov, a démenti ces informations lors d'un point presse.", "denied"),
        ("Le Kremlin n'a pas souhaité commenter ces informations lors de son point presse quotidien.", "declined"),
    ],
)
def test_statuses(nlp: Language, text: str, status: str) -> None:
    (found,) = french(nlp, text).attributions
    assert found.status == status


def test_citing_makes_the_cited_the_source_and_the_outlet_the_via(nlp: Language) -> None:
    text = (
        "Vladimir Poutine pourrait quitter ses fonctions en janvier, a rapporté vendredi le quotidien britannique "
        "The Sun, citant des sources basées à Moscou."
    )
    (found,) = french(nlp, text).attributions
    assert found.source.span is not None and found.source.span.text == "des sources basées à Moscou"
    assert found.via is not None and found.via.span.text == "le quotidien britannique The Sun"


def test_time_expressions_resolve_against_the_publication_date(nlp: Language) -> None:
    text = (
        "Le président s'est rendu à Berlin la semaine dernière, il y a deux jours, et depuis 2015 il dirige le pays. "
        "La réunion aura lieu lundi, a annoncé le gouvernement, et le sommet du 8 décembre a été reporté à mardi "
        "prochain."
    )
    times = {t.span.text: (t.value, t.mod) for t in french(nlp, text).times}
    assert times["la semaine dernière"] == ("2024-W48", None)
    assert times["il y a deux jours"] == ("2024-12-06", None)
    assert times["depuis 2015"] == ("2015", "START")
    # "aura lieu lundi": the future tense points to the next Monday, not the one before.
    assert times["lundi"] == ("2024-12-09", None)
    assert times["8 décembre"] == ("2024-12-08", None)
    assert times["mardi prochain"] == ("2024-12-10", None)


def test_negated_french_event_is_negative(nlp: Language) -> None:
    article = french(
        nlp, "Le président russe n'a pas quitté Moscou pendant toute la durée de la crise, a dit le Kremlin."
    )
    left = next(e for e in article.events if e.lemma == "quitter")
    assert left.polarity == "neg"


def test_detector_tells_english_from_french_and_claims_nothing_on_scraps() -> None:
    detector = LanguageDetector()
    assert detector.detect(SEED) == "fr"
    assert (
        detector.detect("Former Syrian President Bashar al-Assad and his family arrived in Moscow on Sunday.") == "en"
    )
    assert detector.detect("Trump attacked Biden.") == UNDETERMINED
    assert detector.detect("12 dlrs vs 3") == UNDETERMINED


def test_the_english_shortcut_never_takes_french() -> None:
    english = " ".join(["Former Syrian President Bashar al-Assad and his family arrived in Moscow on Sunday,"] * 5)
    assert _plainly_english(english)
    assert not _plainly_english(" ".join([SEED] * 3))
    assert not _plainly_english("The Kremlin said.")  # too few words to tell by counting


def test_a_language_without_a_pipeline_is_stored_unanalysed_with_a_warning(nlp: Language) -> None:
    german = (
        "Der frühere syrische Präsident Baschar al-Assad ist mit seiner Familie in Moskau eingetroffen, wie eine "
        "Quelle im Kreml der Nachrichtenagentur Interfax sagte."
    )
    english = "Former Syrian President Bashar al-Assad and his family arrived in Moscow, a Kremlin source said."
    german_result, english_result = process_partition([Document(german, "de.txt"), Document(english, "en.txt")], nlp)
    assert isinstance(german_result, Analyzed) and isinstance(english_result, Analyzed)
    assert german_result.article.language == "de"
    assert not german_result.article.entities and not german_result.article.attributions
    assert any("no pipeline" in w for w in german_result.warnings)
    assert english_result.article.language == "en" and english_result.article.attributions


def test_no_pipeline_is_loaded_for_a_language_newsgraph_does_not_read() -> None:
    with pytest.raises(ModelError, match="no pipeline for language 'de'"):
        load_model(language="de")


def test_a_given_language_is_not_second_guessed(nlp: Language) -> None:
    article = next(iter(process_partition([Document(SEED, "x.txt", language="de")], nlp)))
    assert isinstance(article, Analyzed) and article.article.language == "de"
