"""Attributions: forms, statuses, intermediaries, sources, entity and time resolution, span invariants."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.extract.attribution import extract_attributions
from newsgraph.extract.attributions import extract_attributions as legacy_import
from newsgraph.nlp.analyze import analyze
from newsgraph.records import Attribution, Entity, Mention, Span, TimeExpr


def parse(nlp: Language, text: str) -> Doc:
    with nlp.select_pipes(enable=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"]):
        return nlp(text)


def attributions(nlp: Language, text: str, entities: tuple[Entity, ...] = (), times: tuple[TimeExpr, ...] = ()):
    doc = parse(nlp, text)
    found = extract_attributions(doc, entities, times)
    check_spans(text, found)
    return found


def check_spans(text: str, found: list[Attribution]) -> None:
    """Every span indexes the text; ids run A1, A2, ... in text order."""
    assert [a.id for a in found] == [f"A{i}" for i in range(1, len(found) + 1)]
    starts = []
    for a in found:
        spans = [a.cue.span, a.content] + ([a.source.span] if a.source.span else []) + ([a.via.span] if a.via else [])
        for span in spans:
            assert 0 <= span.start < span.end <= len(text)
            assert text[span.start : span.end] == span.text
        starts.append(min(s.start for s in spans))
    assert starts == sorted(starts)


def entity(eid: str, name: str, label: str, text: str, *phrases: str) -> Entity:
    """An entity whose mentions are the given phrases of ``text`` (first occurrence each)."""
    mentions = []
    for phrase in phrases or (name,):
        start = text.index(phrase)
        mentions.append(Mention(Span(start, start + len(phrase), phrase), "name"))
    return Entity(eid, name, label, (name,), tuple(mentions))


def only(found: list[Attribution]) -> Attribution:
    assert len(found) == 1, found
    return found[0]


def test_old_import_path_still_works() -> None:
    assert legacy_import is extract_attributions


# ------------------------------------------------------------------ forms


def test_indirect_speech(nlp: Language) -> None:
    a = only(attributions(nlp, "The minister said that the talks had failed."))
    assert (a.source.span.text, a.cue.span.text, a.cue.lemma) == ("The minister", "said", "say")
    assert a.content.text == "that the talks had failed"
    assert (a.form, a.status, a.source.kind) == ("indirect", "asserted", "anonymous")


def test_direct_quote_after_cue(nlp: Language) -> None:
    a = only(attributions(nlp, "She said: “We will never give up on this fight.”"))
    assert a.content.text == "“We will never give up on this fight.”"
    assert a.form == "direct"
    assert a.cue.span.text == "said:"


def test_direct_quote_before_source(nlp: Language) -> None:
    a = only(attributions(nlp, "“The economy is growing faster than expected,” the governor told reporters."))
    assert a.content.text == "“The economy is growing faster than expected,”"
    assert (a.form, a.source.span.text, a.via) == ("direct", "the governor", None)


def test_source_in_the_middle_is_one_attribution(nlp: Language) -> None:
    text = "“We have done nothing wrong,” he said, “and we will prove it in court.”"
    a = only(attributions(nlp, text))
    assert a.content.start == 0 and a.content.end == len(text)
    assert (a.form, a.source.span.text, a.source.kind) == ("direct", "he", "person")


def test_multi_sentence_quote(nlp: Language) -> None:
    text = "“The army has left the city. The roads are open again,” the mayor said."
    a = only(attributions(nlp, text))
    assert a.content.text == "“The army has left the city. The roads are open again,”"
    assert a.form == "direct"


def test_quote_continued_in_next_sentence(nlp: Language) -> None:
    text = "“We are ready for the vote,” she said. “Nobody can stop us now and nobody will.”"
    a = only(attributions(nlp, text))
    assert a.content.end == len(text)


def test_mixed_partly_quoted(nlp: Language) -> None:
    a = only(attributions(nlp, "The senator said the bill was “a betrayal of working families.”"))
    assert a.form == "mixed"
    assert a.content.text.endswith("families.”")


def test_according_to(nlp: Language) -> None:
    a = only(attributions(nlp, "The plant will close next year, according to two people familiar with the plans."))
    assert (a.form, a.cue.span.text, a.cue.lemma) == ("according_to", "according to", "according to")
    assert a.source.span.text == "two people familiar with the plans"
    assert a.content.text == "The plant will close next year"
    assert a.source.kind == "anonymous"


def test_said_in_a_statement_is_one_cue(nlp: Language) -> None:
    a = only(attributions(nlp, "The company said in a statement that profits would fall."))
    assert a.cue.span.text == "said in a statement"
    assert a.cue.lemma == "say in a statement"
    assert a.content.text == "that profits would fall"


def test_noun_cue_with_that_clause(nlp: Language) -> None:
    a = only(attributions(nlp, "Critics rejected his claim that the election had been stolen."))
    assert a.cue.span.text in ("rejected", "claim")


# ------------------------------------------------------------------ statuses


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("The ministry confirmed that the ambassador had been recalled.", "confirmed"),
        ("The spokesman acknowledged that mistakes were made.", "confirmed"),
        ("The spokesman announced that the embassy would reopen.", "asserted"),
        ("Officials suggested that the talks might resume next week.", "hedged"),
        ("Aides believe that the senator will run again.", "hedged"),
        ("The government denied that troops had crossed the border.", "denied"),
        ("The company rejected claims that it had hidden losses.", "denied"),
        # Not saying something neither supports nor denies it.
        ("The minister did not say that the talks had failed.", "declined"),
        ("The minister did not deny that the talks had failed.", "declined"),
        ("The minister said that the talks had not failed.", "asserted"),
        ("Unverified reports suggested that the president had fled the country.", "unverified"),
        ("Activists alleged that the police had used tear gas.", "unverified"),
        ("The official may have said that the border would close.", "hedged"),
    ],
)
def test_status(nlp: Language, text: str, status: str) -> None:
    a = attributions(nlp, text)[0]
    assert a.status == status, (text, a)


# ------------------------------------------------------------------ intermediaries


def test_via_news_agency(nlp: Language) -> None:
    text = "The general told the Tass news agency that the troops would stay."
    tass = entity("E1", "Tass", "ORG", text)
    a = only(attributions(nlp, text, (tass,)))
    assert a.via is not None and a.via.span.text == "the Tass news agency" and a.via.entity == "E1"
    assert a.content.text == "that the troops would stay"


def test_via_interview(nlp: Language) -> None:
    text = "He said in an interview with CNN that he would run again."
    cnn = entity("E1", "CNN", "ORG", text)
    a = only(attributions(nlp, text, (cnn,)))
    assert a.via is not None and a.via.span.text == "CNN" and a.via.entity == "E1"


def test_via_state_television(nlp: Language) -> None:
    a = only(attributions(nlp, "The president said on state television that the crisis was over."))
    assert a.via is not None and a.via.span.text == "state television"


def test_reporters_are_recipients_not_intermediaries(nlp: Language) -> None:
    a = only(attributions(nlp, "The governor told reporters that the budget was balanced."))
    assert a.via is None


def test_citing_a_source_goes_via_the_outlet(nlp: Language) -> None:
    text = "Sputnik reported, citing a source, that the talks had failed."
    sputnik = entity("E1", "Sputnik", "ORG", text)
    a = only(attributions(nlp, text, (sputnik,)))
    assert a.source.span is not None and a.source.span.text == "a source"
    assert a.source.kind == "anonymous"
    assert a.via is not None and a.via.entity == "E1"


# ------------------------------------------------------------------ sources


def test_passive_without_agent_has_no_source(nlp: Language) -> None:
    a = only(attributions(nlp, "It was reported that the bridge had collapsed."))
    assert a.source.span is None and a.source.kind == "unspecified"


def test_anonymous_source_with_affiliation(nlp: Language) -> None:
    text = "A Kremlin source said that the talks had stalled."
    kremlin = entity("E1", "Kremlin", "ORG", text)
    a = only(attributions(nlp, text, (kremlin,)))
    assert (a.source.kind, a.source.affiliation, a.source.entity) == ("anonymous", "E1", None)


def test_officials_on_condition_of_anonymity(nlp: Language) -> None:
    text = "Officials, who spoke on condition of anonymity, said the plan was dead."
    a = only(attributions(nlp, text))
    assert a.source.kind == "anonymous"


def test_named_person_and_organization(nlp: Language) -> None:
    text = "Angela Merkel said the deal was fair. The European Commission said it would review it."
    merkel = entity("E1", "Angela Merkel", "PERSON", text)
    commission = entity("E2", "The European Commission", "ORG", text)
    first, second = attributions(nlp, text, (merkel, commission))
    assert (first.source.kind, first.source.entity) == ("person", "E1")
    assert (second.source.kind, second.source.entity) == ("organization", "E2")


def test_pronoun_and_nominal_sources_follow_coreference(nlp: Language) -> None:
    text = "The Foreign Ministry said the embassy was safe. However, it clarified that staff had left."
    ministry = entity("E1", "Foreign Ministry", "ORG", text, "The Foreign Ministry", "it")
    found = attributions(nlp, text, (ministry,))
    assert [a.source.entity for a in found] == ["E1", "E1"]
    assert found[1].source.span is not None and found[1].source.span.text == "it"


def test_recurring_unnamed_source_keeps_entity_and_affiliation(nlp: Language) -> None:
    text = "According to a Kremlin source, the plane landed. The source added that Assad was safe."
    kremlin = entity("E1", "Kremlin", "ORG", text)
    source = entity("E2", "Kremlin source", "PERSON", text, "a Kremlin source", "The source")
    first, second = attributions(nlp, text, (kremlin, source))
    assert (first.source.entity, first.source.kind, first.source.affiliation) == ("E2", "anonymous", "E1")
    assert (second.source.entity, second.source.kind, second.source.affiliation) == ("E2", "anonymous", "E1")


def test_statement_time_comes_from_the_cue_clause(nlp: Language) -> None:
    text = "On Sunday, the ministry announced that the talks would resume on Monday."
    sunday = TimeExpr("T1", Span(3, 9, "Sunday"), "DATE", "2024-12-08")
    monday_at = text.index("Monday")
    monday = TimeExpr("T2", Span(monday_at, monday_at + 6, "Monday"), "DATE", "2024-12-09")
    a = only(attributions(nlp, text, times=(sunday, monday)))
    assert a.when == "2024-12-08"


def test_no_attribution_in_plain_narration(nlp: Language) -> None:
    assert attributions(nlp, "The troops crossed the river at dawn and took the town.") == []


def test_nested_attribution_is_dropped(nlp: Language) -> None:
    found = attributions(nlp, "The mayor said that the police chief had told him the city was safe.")
    assert len(found) == 1 and found[0].cue.span.text == "said"


# ------------------------------------------------------------------ the example article


EXAMPLE_CUES = [
    ("according to", "according_to", "anonymous", "asserted"),
    ("also mentioned", "indirect", "anonymous", "asserted"),
    ("confirmed", "indirect", "organization", "confirmed"),
    ("told", "direct", "anonymous", "asserted"),
    ("added", "indirect", "anonymous", "asserted"),
    ("also stated", "indirect", "anonymous", "asserted"),
    ("announced", "indirect", "organization", "asserted"),
    ("also confirmed", "indirect", "organization", "confirmed"),
    ("clarified", "indirect", "organization", "asserted"),
    ("suggested", "indirect", "unspecified", "unverified"),
    ("indicated", "indirect", "anonymous", "hedged"),
]


def test_example_article(nlp: Language, example_text: str) -> None:
    doc = nlp(example_text)
    found = doc._.newsgraph_attributions
    check_spans(example_text, found)
    assert [(a.cue.span.text, a.form, a.source.kind, a.status) for a in found] == EXAMPLE_CUES
    by_cue = {a.cue.span.text: a for a in found}
    names = {e.id: e.name for e in doc._.newsgraph_entities}

    kremlin = by_cue["according to"]
    assert kremlin.source.span is not None and kremlin.source.span.text == "a Kremlin source"
    assert names[kremlin.source.affiliation] == "Kremlin"
    assert kremlin.content.text.startswith("Former Syrian President")
    assert kremlin.content.text.endswith("on humanitarian grounds")

    # The time extractor anchors "Sunday, December 8"; without a publication date the year may be unknown.
    assert kremlin.when is not None and kremlin.when.endswith("12-08")
    assert by_cue["announced"].when is not None  # "Earlier in the day, the ... ministry announced"
    assert by_cue["confirmed"].when is None

    told = by_cue["told"]
    assert told.via is not None and told.via.span.text == "the Interfax news agency"
    assert names[told.via.entity] == "Interfax"
    assert told.content.text.startswith("“President Assad") and told.content.text.endswith("grounds,”")
    assert names[told.source.affiliation] == "Kremlin"

    assert "Foreign Ministry" in names[by_cue["confirmed"].source.entity]
    assert by_cue["announced"].source.entity is not None
    assert by_cue["clarified"].source.span is not None and by_cue["clarified"].source.span.text == "it"
    assert (
        by_cue["clarified"].content.text
        == "that Russia did not take part in the negotiations surrounding his departure"
    )
    assert by_cue["suggested"].source.span is not None and by_cue["suggested"].source.span.text == "Unverified reports"
    assert by_cue["indicated"].content.text == "that the embassy would continue operations as usual"
    for cue in ("also mentioned", "added", "also stated"):
        assert by_cue[cue].source.span is not None and by_cue[cue].source.span.text == "The source"

    # Through coreference: the recurring unnamed source is one entity; "The ministry" and "it" are the ministry.
    kremlin_source = kremlin.source.entity
    assert kremlin_source is not None
    for cue in ("also mentioned", "told", "added", "also stated"):
        assert by_cue[cue].source.entity == kremlin_source, cue
        assert names[by_cue[cue].source.affiliation] == "Kremlin", cue
    ministry = by_cue["confirmed"].source.entity
    for cue in ("announced", "also confirmed", "clarified"):
        assert by_cue[cue].source.entity == ministry, cue


@pytest.mark.parametrize(
    "text",
    [
        "Peskov declined to say where Assad was.",
        "A spokesman declined to comment on the report.",
        "The Kremlin did not comment on the report.",
        "He refused to confirm the figure.",
    ],
)
def test_a_source_that_would_not_say_is_declined_not_denied(nlp: Language, text: str) -> None:
    (found,) = analyze(text, nlp=nlp).attributions
    assert found.status == "declined"


def test_a_relative_pronoun_source_is_the_noun_it_stands_for(nlp: Language) -> None:
    text = "The police chief, John Smith, who said the road was closed, left early. Smith later apologised."
    result = analyze(text, nlp=nlp)
    found = [a for a in result.attributions if a.cue.span.text == "said"]
    assert len(found) == 1
    source = found[0].source
    # The words stay the text's; the entity is the one the pronoun stands for.
    assert source.span is not None and source.span.text == "who"
    names = {e.id: e.name for e in result.entities}
    assert names.get(source.entity or "") == "John Smith" and source.kind == "person"


def test_interview_first_person_sources_are_the_speaker(nlp: Language) -> None:
    text = (
        "Wikinews talked to the scientist Ana Ruiz.\n\n((WN))  What did you find?\n\n"
        "((Ana Ruiz))  I think the ice is melting faster than we said last year.\n\n"
        "((WN))  Why?\n\n((Ana Ruiz))  I believe the models were wrong.\n"
    )
    result = analyze(text, nlp=nlp)
    names = {e.id: e.name for e in result.entities}
    firsts = [a for a in result.attributions if a.source.span is not None and a.source.span.text == "I"]
    assert firsts and all(names.get(a.source.entity or "") == "Ana Ruiz" for a in firsts)


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Peskov declined to say where Assad is.", "declined"),
        ("The ministry would not comment on the report.", "declined"),
        ("The spokesman did not confirm that Assad was in Moscow.", "declined"),
        (
            "Officials said it was very likely the attack was planned, but this could not be independently verified.",
            "unverified",
        ),
        ("Rebels said they had taken the airport. Reuters could not independently verify the claim.", "unverified"),
        ("It is believed that the president left the country, a source said.", "hedged"),
        ("Axios said Bloomberg might be interested in buying the paper.", "hedged"),
        ("His lawyers had reportedly set up a fund, the newspaper said.", "hedged"),
        ("State media forecast the move will be seen as a transition.", "hedged"),
        ("He said the army can defend the city.", "asserted"),
        ("The minister said the talks went well.", "asserted"),
    ],
)
def test_status_a_reader_would_give(nlp: Language, text: str, status: str) -> None:
    found = analyze(text, nlp=nlp).attributions
    assert found and found[0].status == status


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Rebel forces said they had taken the city.", "organization"),
        ("Ukraine's military intelligence directorate said the missile came from Belarus.", "organization"),
        ("Opposition fighters said the airport had fallen.", "anonymous"),
    ],
)
def test_armed_and_security_bodies_are_organisations(nlp: Language, text: str, kind: str) -> None:
    found = analyze(text, nlp=nlp).attributions
    assert found and found[0].source.kind == kind
