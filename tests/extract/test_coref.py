"""Rule-based coreference: pronouns, definite nominals and recurring descriptions."""

from __future__ import annotations

from spacy.language import Language

from newsgraph.records import Entity


def entities(nlp: Language, text: str) -> list[Entity]:
    return list(nlp(text)._.newsgraph_entities)


def owner(found: list[Entity], text: str, surface: str, nth: int = 0) -> str | None:
    """The name of the entity that has the ``nth`` occurrence of ``surface`` as a mention."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    for entity in found:
        if any(m.span.start == start and m.span.text == surface for m in entity.mentions):
            return entity.name
    return None


def owner_at(found: list[Entity], start: int) -> str | None:
    """The name of the entity with a mention starting at character ``start``."""
    return next((e.name for e in found for m in e.mentions if m.span.start == start), None)


def test_example_pronouns(nlp: Language, example_text: str) -> None:
    found = entities(nlp, example_text)
    assert owner(found, example_text, "his family") is None  # the mention is "his" alone
    assert owner(found, example_text, "his", 0) == "Bashar al-Assad"
    assert owner(found, example_text, "his", 1) == "Bashar al-Assad"  # his family's rule
    assert owner(found, example_text, "its", 0) == "Russia"  # its intervention
    assert owner(found, example_text, "it", example_text.count("it", 0, example_text.index("it clarified"))) == (
        "Russian Foreign Ministry"
    )
    departure = example_text.index("his departure")
    assert any(m.span.start == departure for e in found if e.name == "Bashar al-Assad" for m in e.mentions)


def test_example_nominals(nlp: Language, example_text: str) -> None:
    found = entities(nlp, example_text)
    assert owner(found, example_text, "The ministry") == "Russian Foreign Ministry"
    assert owner(found, example_text, "the country") == "Syria"


def test_example_recurring_source_is_one_person(nlp: Language, example_text: str) -> None:
    found = entities(nlp, example_text)
    source = next(e for e in found if e.name == "Kremlin source")
    assert source.type == "PERSON"
    texts = [m.span.text for m in source.mentions]
    assert texts == ["a Kremlin source", "The source", "the unnamed Kremlin source", "The source", "The source"]
    assert all(m.kind == "nominal" for m in source.mentions)


def test_pronoun_without_compatible_antecedent_stays_unattached(nlp: Language) -> None:
    text = "The bridge in Kyiv was closed. She said repairs would take a week."
    found = entities(nlp, text)
    assert all(m.span.text != "She" for e in found for m in e.mentions)


def test_object_pronoun_is_not_bound_to_its_clause_subject(nlp: Language) -> None:
    text = "John Smith met Peter Jones on Monday. Smith praised him warmly."
    found = entities(nlp, text)
    assert owner(found, text, "him") != "John Smith"


def test_female_title_blocks_he(nlp: Language) -> None:
    text = "Mrs. Anna Berg arrived in Oslo. He was not expected."
    found = entities(nlp, text)
    assert owner(found, text, "He") is None


def test_it_prefers_the_subject_organisation(nlp: Language) -> None:
    text = "Siemens signed a deal with Brazil on Monday. It said the plant would open next year."
    found = entities(nlp, text)
    assert owner(found, text, "It") == "Siemens"


def test_recurring_official_becomes_one_entity(nlp: Language) -> None:
    text = (
        "A senior official said the talks had stalled. "
        "The official added that a new round was planned. The official declined to give a date."
    )
    found = entities(nlp, text)
    official = [e for e in found if e.type == "PERSON" and "official" in e.name]
    assert len(official) == 1 and len(official[0].mentions) == 3
    assert official[0].mentions[0].span.text == "A senior official"


def test_single_description_is_not_an_entity(nlp: Language) -> None:
    found = entities(nlp, "A witness said the car was red.")
    assert not any("witness" in e.name for e in found)


INTERVIEW = (
    "Wikinews spoke to the chess player Maria Lopez about her career.\n\n"
    "((WN))  When did you start playing?\n\n"
    "((Maria Lopez))  I started when I was six. My father taught me.\n\n"
    "We played every evening.\n\n"
    "((WN))  Do you still play with him?\n\n"
    '((Maria Lopez))  Yes. He always says "I taught you everything", and I think he is right.\n'
)


def test_interview_turns_give_first_and_second_persons_their_speakers(nlp: Language) -> None:
    found = entities(nlp, INTERVIEW)
    assert owner(found, INTERVIEW, "I", 0) == "Maria Lopez"
    assert owner(found, INTERVIEW, "My") == "Maria Lopez"
    # A paragraph without a label continues the turn before it.
    assert owner(found, INTERVIEW, "We") == "Maria Lopez"
    # The interviewer asks "you": the one answering; the answer's "I think" is hers again.
    assert owner(found, INTERVIEW, "you", 0) == "Maria Lopez"
    assert owner_at(found, INTERVIEW.index("I think")) == "Maria Lopez"
    # Inside a quotation the first person is someone else's.
    assert owner_at(found, INTERVIEW.index('"I taught') + 1) is None
    # A label no entity names becomes one: the interviewer.
    assert any(e.name == "WN" and e.type == "ORG" for e in found)


def test_no_interview_without_two_recurring_speakers(nlp: Language) -> None:
    from newsgraph.extract.coref import interview_turns

    assert interview_turns("Image: a dog.\n\nImage: a cat.\n\nUpdate: none.\n\nUpdate: still none.\n") == []
    assert interview_turns("Smith: I agree.\n\nJones: I do not.\n") == []
    turns = interview_turns("Smith: I agree.\n\nJones: I do not.\n\nSmith: Why?\n\nJones: Because.\n")
    assert [t.speaker for t in turns] == ["Smith", "Jones", "Smith", "Jones"]
