"""The one normalisation every input goes through before analysis (``newsgraph.ingest.normalize``)."""

from __future__ import annotations

from newsgraph.ingest import storable
from newsgraph.records import Document


def test_nul_characters_are_removed_and_said() -> None:
    document = storable(Document("Police\x00 said", "a.json", title="Ti\x00tle"))
    assert (document.text, document.title) == ("Police said", "Title")
    assert document.warnings == ("a.json: removed 2 NUL characters from text, title (no database can store them)",)


def test_names_are_trimmed_and_collapsed() -> None:
    document = storable(Document("Text.", outlet="  BBC \t News ", author="A.\n Writer", title="   "))
    assert (document.outlet, document.author, document.title) == ("BBC News", "A. Writer", None)
    assert document.warnings == ()


def test_a_report_without_an_outlet_is_credited_to_its_site() -> None:
    assert storable(Document("Text.", url="https://www.bbc.co.uk/news/world-1")).outlet == "bbc.co.uk"
    assert storable(Document("Text.", url="https://en.wikinews.org//wiki/X")).outlet == "en.wikinews.org"
    assert storable(Document("Text.", url="https://x.org/a", outlet="Reuters")).outlet == "Reuters"
    for url in ("ftp://x.org/a", "javascript:alert(1)", "https://localhost/x", "not a url", None):
        assert storable(Document("Text.", url=url)).outlet is None


def test_a_clean_document_is_returned_as_it_is() -> None:
    document = Document("Text.", "a.txt", title="T", outlet="O")
    assert storable(document) is document
