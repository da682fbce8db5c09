"""Replay of every input the fuzzers and property tests found crashing, through the same invariant checks.

``tests/fuzz_regressions/TARGET/NAME`` holds one input for ``fuzz/invariants.run_target(TARGET, ...)``;
a new crash is fixed, then its input is dropped in the folder and replayed here for good. Some were slow
rather than crashing (quadratic regexes): each replay must also finish well within ``SLOW_SECONDS``.
The seed corpora in ``fuzz/corpus/`` are replayed too, so the harnesses' starting points stay valid.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from newsgraph.errors import EmptyInputError, InputFormatError
from newsgraph.ingest import RecordError, read_bytes, read_bytes_records
from newsgraph.settings import Settings

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT / "fuzz"))
import invariants  # noqa: E402  (fuzz/ is not a package: the harnesses run it as a script folder)

REGRESSIONS = PROJECT / "tests" / "fuzz_regressions"
CORPUS = PROJECT / "fuzz" / "corpus"
# The quadratic inputs took 10 s to hours before their fix and take milliseconds after; a loaded CI machine
# is slower, but not by this much.
SLOW_SECONDS = 5.0


def inputs(root: Path) -> list[tuple[str, Path]]:
    return sorted((path.parent.name, path) for path in root.glob("*/*") if path.is_file())


def test_every_regression_folder_is_a_target() -> None:
    found = {target for target, _ in inputs(REGRESSIONS)}
    assert found and found <= set(invariants.TARGETS), found - set(invariants.TARGETS)
    assert {target for target, _ in inputs(CORPUS)} == set(invariants.TARGETS)


@pytest.mark.parametrize(("target", "path"), inputs(REGRESSIONS), ids=lambda v: getattr(v, "name", v))
def test_regression_input_keeps_the_invariants(request: pytest.FixtureRequest, target: str, path: Path) -> None:
    nlp = request.getfixturevalue("nlp") if target == "analyze" else None
    started = time.perf_counter()
    invariants.run_target(target, path.read_bytes(), nlp)
    assert time.perf_counter() - started < SLOW_SECONDS


@pytest.mark.parametrize(("target", "path"), inputs(CORPUS), ids=lambda v: getattr(v, "name", v))
def test_seed_input_keeps_the_invariants(request: pytest.FixtureRequest, target: str, path: Path) -> None:
    nlp = request.getfixturevalue("nlp") if target == "analyze" else None
    invariants.run_target(target, path.read_bytes(), nlp)


# One direct test per fix, saying what the user sees now.

SETTINGS = Settings()


def test_json_unpaired_surrogate_escape_is_a_format_error() -> None:
    with pytest.raises(InputFormatError, match='field "text" holds an unpaired surrogate'):
        read_bytes(b'{"text": "Assad said \\ud800 so."}', "a.json", SETTINGS)
    with pytest.raises(InputFormatError, match='field "title" holds an unpaired surrogate'):
        read_bytes(b'{"text": "Assad said so.", "title": "\\udfff"}', "a.json", SETTINGS)
    # A paired escape is one character and fine.
    (document,) = read_bytes(b'{"text": "Assad said \\ud83d\\ude00 so."}', "a.json", SETTINGS)
    assert document.text == "Assad said \U0001f600 so."


def test_json_integer_over_python_limit_is_a_format_error() -> None:
    huge = b"1" + b"0" * 5000
    with pytest.raises(InputFormatError, match=r"a\.json: malformed JSON: Exceeds the limit"):
        read_bytes(b'{"text": "x", "published": ' + huge + b"}", "a.json", SETTINGS)
    jsonl = b'{"n": ' + huge + b'}\n{"text": "Assad said so."}\n'
    records = read_bytes_records(jsonl, "a.jsonl", SETTINGS, path=Path("a.jsonl"))
    assert isinstance(records[0], RecordError) and records[0].origin == "a.jsonl:1"
    assert not isinstance(records[1], RecordError) and records[1].text == "Assad said so."


def test_analyze_refuses_text_with_an_unpaired_surrogate(nlp: object) -> None:
    from newsgraph import analyze

    with pytest.raises(InputFormatError, match="unpaired surrogate"):
        analyze("Assad said \udc80 so.", nlp=nlp)  # type: ignore[arg-type]


def test_html_declared_charset_that_fails_oddly_falls_back() -> None:
    page = '<html><head><meta charset="{}"></head><body><p>Assad said on Sunday that the war had ended {} \xff.</p>'
    for charset, body in (("undefined", ""), ("unicode_escape", "\\ud800")):
        (document,) = read_bytes(page.format(charset, body).encode("latin-1"), "a.html", SETTINGS)
        assert document.text.startswith("Assad said on Sunday") and document.warnings  # decoded as cp1252


def test_html_long_line_without_prose_is_refused_quickly() -> None:
    started = time.perf_counter()
    with pytest.raises(EmptyInputError, match="no article text"):
        read_bytes(b"<html><body><article><p>" + b"a" * 1_000_000 + b"</p></article></body></html>", "a.html", SETTINGS)
    assert time.perf_counter() - started < SLOW_SECONDS


def test_reuters_sgml_unclosed_tags_are_read_in_linear_time() -> None:
    story = b'<REUTERS NEWID="7"><DATE>26-FEB-1987</DATE><TITLE>T</TITLE><BODY>Assad said so.</BODY></REUTERS>'
    started = time.perf_counter()
    (document,) = read_bytes(story + b'<REUTERS NEWID="8"><BODY>' * 50_000, "a.sgm", SETTINGS)
    assert time.perf_counter() - started < SLOW_SECONDS
    assert (document.origin, document.title, document.text) == ("a.sgm#7", "T", "Assad said so.")


def test_feed_marked_section_with_unknown_keyword_is_a_bogus_comment() -> None:
    from newsgraph.ingest.markup import html_to_text

    # CPython's HTMLParser raised AssertionError here (an entry's HTML content, tests/fuzz_regressions/feed/).
    assert html_to_text("<p>Assad <![CD said</p> so.") == "Assad so."
    assert html_to_text("a <![if !IE]> b <![endif]> c") == "a b c"


def test_feed_charrefs_to_no_character_become_replacement_characters() -> None:
    feed = b"<rss><channel><item><description>A &#xD800; b &#1114112; c &#65; said Assad.</description></item></rss>"
    (document,) = read_bytes(feed, "a.rss", SETTINGS)
    assert document.text == "A \ufffd b \ufffd c A said Assad."


def test_warc_response_without_target_uri_is_a_format_error() -> None:
    warc = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http; msgtype=response\r\n"
    warc += b"Content-Length: 40\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
    with pytest.raises(InputFormatError, match=r"a\.warc: not a readable WARC file"):
        read_bytes(warc, "a.warc", SETTINGS)


def test_csv_messages_quote_multi_line_cells_on_one_line() -> None:
    with pytest.raises(InputFormatError, match="found: title, text body") as error:
        read_bytes(b'title,"text\nbody"\nA,B\n', "a.csv", SETTINGS, path=Path("a.csv"))
    assert "\n" not in str(error.value)
    records = read_bytes_records(
        b'text,date\nAssad said so.,"8 December\n2024x"\n', "a.csv", SETTINGS, path=Path("a.csv")
    )
    assert isinstance(records[0], RecordError) and records[0].reason.endswith('unreadable date "8 December 2024x"')
