"""Entities: NER fixes, name clustering and the example article's entity list."""

from __future__ import annotations

import datetime as dt

from spacy.language import Language

from newsgraph.extract.entities import extract_entities
from newsgraph.extract.extensions import prepare_doc
from newsgraph.nlp import analyze
from newsgraph.records import Entity


def entities(nlp: Language, text: str) -> list[Entity]:
    return list(nlp(text)._.newsgraph_entities)


def by_name(found: list[Entity], name: str) -> Entity:
    return next(e for e in found if e.name == name)


def test_spans_are_exact(nlp: Language, example_text: str) -> None:
    for entity in entities(nlp, example_text):
        for mention in entity.mentions:
            assert example_text[mention.span.start : mention.span.end] == mention.span.text


def test_example_place_fixes(nlp: Language, example_text: str) -> None:
    found = entities(nlp, example_text)
    tartous = by_name(found, "Tartous")
    assert tartous.type == "GPE" and len(tartous.mentions) == 3
    assert by_name(found, "Hmeimim").type == "FAC"
    assert by_name(found, "Aleppo").type == "GPE"


def test_example_clusters(nlp: Language, example_text: str) -> None:
    found = entities(nlp, example_text)
    assad = by_name(found, "Bashar al-Assad")
    assert assad.type == "PERSON" and set(assad.aliases) == {"Bashar al-Assad", "Assad"}
    assert "President" not in " ".join(assad.aliases)
    ministry = by_name(found, "Russian Foreign Ministry")
    assert ministry.type == "ORG" and "Foreign Ministry" in ministry.aliases
    assert by_name(found, "United Nations").type == "ORG"
    # Demonyms stay entities of their own.
    assert by_name(found, "Syrian").type == "NORP" and by_name(found, "Russian").type == "NORP"
    assert by_name(found, "Syria").type == "GPE"
    assert [e.id for e in found] == [f"E{i}" for i in range(1, len(found) + 1)]
    assert found[0].mentions[0].span.start < found[1].mentions[0].span.start
    assert not {e.type for e in found} & {"DATE", "TIME", "CARDINAL"}


def test_fixed_labels_are_written_to_doc_ents(nlp: Language, example_text: str) -> None:
    doc = nlp(example_text)
    labels = {(e.text, e.label_) for e in doc.ents}
    assert ("Tartous", "PERSON") not in labels and ("Tartous", "GPE") in labels


def test_extract_entities_is_pure(nlp: Language) -> None:
    doc = nlp.make_doc("After weeks of fighting, rebels reached Aleppo on Monday.")
    for name, proc in nlp.pipeline:
        if not name.startswith("newsgraph_"):
            doc = proc(doc)
    before = [(e.text, e.label_) for e in doc.ents]
    found = extract_entities(prepare_doc(doc, None, "unknown", dt.date.today()))
    assert [(e.text, e.label_) for e in doc.ents] == before
    assert ("Aleppo", "GPE") in {(e.name, e.type) for e in found}


def test_settlement_cue_makes_a_gpe(nlp: Language) -> None:
    found = entities(nlp, "Fighting spread to the Kafranbel district on Monday, residents said.")
    assert any(e.name == "Kafranbel" and e.type == "GPE" for e in found)


def test_motion_verb_object_is_a_place(nlp: Language) -> None:
    found = entities(nlp, "Government troops entered Maarrat on Tuesday after a long siege.")
    assert any(e.name.startswith("Maarrat") and e.type == "GPE" for e in found)


def test_demonym_modifying_a_town_stays_norp(nlp: Language) -> None:
    found = entities(nlp, "A bomb exploded in the Pakistani town of Bannu.")
    assert not any(e.name == "Pakistani" and e.type != "NORP" for e in found)


def test_same_surname_different_people_stay_apart(nlp: Language) -> None:
    text = "Hillary Clinton met Bill Clinton in Washington. Hillary Clinton said the talks went well."
    people = [e for e in entities(nlp, text) if e.type == "PERSON"]
    assert len(people) == 2
    assert {p.name for p in people} == {"Hillary Clinton", "Bill Clinton"}


def test_surname_the_model_types_a_place_throughout_is_the_person(nlp: Language) -> None:
    text = (
        "Michael Bloomberg, the billionaire, is interested in buying a newspaper, a source told the site. "
        "Why it matters: Bloomberg wants to expand his media empire. Still, Bloomberg has not yet approached "
        "Murdoch. A deal would give Bloomberg access to new readers. Bloomberg sees the paper as an ideal fit."
    )
    found = entities(nlp, text)
    assert not any(e.name == "Bloomberg" for e in found)
    assert len(by_name(found, "Michael Bloomberg").mentions) >= 6


def test_surname_used_as_a_place_stays_a_place(nlp: Language) -> None:
    text = "Jack London wrote the novel in 1903. He later moved to London, and London honoured him with a statue."
    assert any(e.name == "London" and e.type == "GPE" for e in entities(nlp, text))


def test_a_name_a_who_clause_describes_is_a_person(nlp: Language) -> None:
    text = "Axios reported that Bloomberg, who owns the Bloomberg media outlet, wants to buy a rival's newspaper."
    assert by_name(entities(nlp, text), "Bloomberg").type == "PERSON"


def test_dateline_dash_is_not_part_of_the_name(nlp: Language) -> None:
    text = "LOS ANGELES (Reuters) -Michael Bloomberg has expressed the desire to own a big-name newspaper."
    person = by_name(entities(nlp, text), "Michael Bloomberg")
    assert person.mentions[0].span.text == "Michael Bloomberg"


def test_title_and_surname_join_the_full_name(nlp: Language) -> None:
    text = "President Emmanuel Macron visited Berlin on Monday. Mr. Macron met the chancellor there."
    macron = [e for e in entities(nlp, text) if e.type == "PERSON" and "Macron" in e.name]
    assert len(macron) == 1 and macron[0].name == "Emmanuel Macron"
    assert "Macron" in macron[0].aliases


def test_leading_the_is_not_part_of_the_name(nlp: Language) -> None:
    found = entities(nlp, "The talks were held under the auspices of the United Nations in Geneva.")
    un = by_name(found, "United Nations")
    assert un.mentions[0].span.text == "United Nations"


def test_a_name_ends_before_an_unclosed_bracket(nlp: Language) -> None:
    found = analyze("The World Health Organization (WHO) said 4,000 people died.", nlp=nlp).entities
    assert [e.name for e in found if e.type == "ORG"] == ["World Health Organization"]
