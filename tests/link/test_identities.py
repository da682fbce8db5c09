"""One identity per real-world entity: titles, transliterations, surnames, type agreement."""

from __future__ import annotations

import pytest

from newsgraph.link.identities import IdentityIndex, fold, normalise_name


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Tartous", "Tartus"),
        ("President Bashar al-Assad", "Bashar al-Assad"),
        ("the Kremlin", "Kremlin"),
        ("Muammar Gaddafi", "Muammar Qaddafi"),
        ("Zürich", "Zurich"),
    ],
)
def test_variants_fold_to_one_identity(a: str, b: str) -> None:
    index = IdentityIndex()
    kind = "PERSON" if " " in b and b[0] in "BM" else "GPE"
    assert index.resolve(a, kind).id == index.resolve(b, kind).id


def test_titles_and_articles_are_stripped() -> None:
    assert normalise_name("Syrian President Bashar al-Assad") == "bashar al assad"
    assert fold(normalise_name("Bashar al-Assad")) == "basar asad"


def test_a_surname_joins_the_full_name_and_keeps_the_long_display_name() -> None:
    index = IdentityIndex()
    full = index.resolve("Bashar al-Assad", "PERSON")
    short = index.resolve("Assad", "PERSON")
    assert short.id == full.id
    assert short.name == "Bashar al-Assad"
    assert short.members == 2


def test_different_surnames_and_types_stay_apart() -> None:
    index = IdentityIndex()
    george = index.resolve("George Bush", "PERSON")
    assert index.resolve("George Clooney", "PERSON").id != george.id
    # A place and a person with the same name are two entities.
    assert index.resolve("Jordan", "GPE").id != index.resolve("Jordan", "PERSON").id
    assert index.resolve("Moscow", "GPE").id != index.resolve("Damascus", "GPE").id


def test_an_index_restarts_from_saved_identities() -> None:
    first = IdentityIndex()
    tartus = first.resolve("Tartus", "GPE")
    again = IdentityIndex(identities=list(first.identities.values()))
    assert again.resolve("Tartous", "LOC").id == tartus.id
    assert again.resolve("Latakia", "GPE").id not in first.identities


def test_regression_near_names_of_different_entities_stay_apart() -> None:
    # Found on WikiNews 2020: India/Indiana, two Johnsons bridged by the bare surname, two departments.
    index = IdentityIndex()
    assert index.resolve("India", "GPE").id != index.resolve("Indiana", "GPE").id
    boris = index.resolve("Boris Johnson", "PERSON", ["Johnson"])
    assert index.resolve("Gary Johnson", "PERSON", ["Johnson"]).id != boris.id
    assert index.resolve("Johnson", "PERSON").id == boris.id
    defense = index.resolve("United States Department of Defense", "ORG")
    assert index.resolve("United States Department of State", "ORG").id != defense.id
    assert index.resolve("Iowa Democratic Party", "ORG").id != index.resolve("Democratic Party", "ORG").id


def test_an_acronym_and_its_full_name_are_one_organisation() -> None:
    index = IdentityIndex()
    un = index.resolve("UN", "ORG")
    assert index.resolve("United Nations", "ORG").id == un.id
    # The full name is what a reader is shown.
    assert un.name == "United Nations"
    ocha = index.resolve("Office for the Coordination of Humanitarian Affairs", "ORG")
    assert index.resolve("OCHA", "ORG").id == ocha.id
    assert index.resolve("U.N.", "ORG").id == un.id
    # An acronym leading a longer name stands for the organisation it is known to abbreviate.
    office = index.resolve("United Nations Office", "ORG")
    assert index.resolve("UN Office", "ORG").id == office.id != un.id
    # Only an acronym against a full name: two full names with one set of initials differ.
    assert index.resolve("Defence Policy", "ORG").id != index.resolve("Democratic Party", "ORG").id
