"""Readers on small files written for each test: detection, metadata, and every kind of bad input."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsgraph.errors import (
    BinaryInputError,
    EmptyInputError,
    InputFormatError,
    InputNotFoundError,
    InputTooLargeError,
)
from newsgraph.ingest import Reader, ReaderRegistry, iter_paths, read_bytes, read_path, registry
from newsgraph.records import Document
from newsgraph.settings import Settings

SETTINGS = Settings()
BODY = "Russia granted asylum to the former Syrian president, according to a Kremlin source on Sunday."

ARTICLE_HTML = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Assad arrives in Moscow | Example News</title>
<meta property="og:title" content="Assad arrives in Moscow">
<meta property="og:site_name" content="Example News">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2024-12-08T10:30:00Z">
<link rel="canonical" href="https://news.example.com/world/assad-moscow">
</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
<article><h1>Assad arrives in Moscow</h1>
<p>Former Syrian President Bashar al-Assad and his family have arrived in Moscow after Russia granted them
asylum on humanitarian grounds, according to a Kremlin source.</p>
<p>The source also mentioned that a deal had been made to ensure the safety of Russian military bases.</p>
</article>
<footer>&copy; 2024 Example News</footer>
</body></html>
"""

NO_ARTICLE_HTML = """<!DOCTYPE html><html><head><title>Example News - Home</title></head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li></ul></nav></header>
<div class="gallery"><img src="a.jpg" alt=""><img src="b.jpg" alt=""></div>
<script>window.dataLayer = [];</script></body></html>
"""


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def only(documents: list[Document]) -> Document:
    assert len(documents) == 1
    return documents[0]


def test_plain_text_is_read_whole(tmp_path: Path) -> None:
    document = only(read_path(write(tmp_path, "a.txt", BODY + "\n"), SETTINGS))
    assert document.text == BODY + "\n"
    assert document.origin == str(tmp_path / "a.txt")
    assert (document.published, document.published_from, document.warnings) == (None, "unknown", ())


def test_utf8_bom_is_stripped_and_crlf_normalised(tmp_path: Path) -> None:
    path = write(tmp_path, "bom.txt", b"\xef\xbb\xbfFirst line.\r\nSecond line.\r\n")
    assert only(read_path(path, SETTINGS)).text == "First line.\nSecond line.\n"


def test_utf16_with_bom_is_text_not_binary(tmp_path: Path) -> None:
    path = write(tmp_path, "wide.txt", "Caf\u00e9 news.".encode("utf-16"))
    assert only(read_path(path, SETTINGS)).text == "Caf\u00e9 news."


def test_html_body_and_metadata(tmp_path: Path) -> None:
    document = only(read_path(write(tmp_path, "page.html", ARTICLE_HTML), SETTINGS))
    assert "according to a Kremlin source" in document.text
    assert "Home" not in document.text
    assert document.title == "Assad arrives in Moscow"
    assert document.author == "Jane Doe"
    assert document.outlet == "Example News"
    assert document.url == "https://news.example.com/world/assad-moscow"
    assert document.published == dt.date(2024, 12, 8)
    assert document.published_from == "metadata"


def test_html_without_article_text_is_an_empty_input_naming_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "home.html", NO_ARTICLE_HTML)
    with pytest.raises(EmptyInputError, match=r"home\.html: no article text"):
        read_path(path, SETTINGS)


def test_html_is_sniffed_without_an_extension(tmp_path: Path) -> None:
    document = only(read_path(write(tmp_path, "page.dat", ARTICLE_HTML), SETTINGS))
    assert document.outlet == "Example News"


def test_html_declared_charset_is_used_without_warning(tmp_path: Path) -> None:
    html = ARTICLE_HTML.replace('charset="utf-8"', 'charset="windows-1252"').replace(
        "Moscow after", "Moscow \u2013 after"
    )
    document = only(read_path(write(tmp_path, "old.html", html.encode("cp1252")), SETTINGS))
    assert "Moscow \u2013 after" in document.text
    assert document.warnings == ()


def test_json_object_with_metadata(tmp_path: Path) -> None:
    record = {
        "text": BODY,
        "published": "2024-12-08",
        "title": "Assad in Moscow",
        "url": "https://example.com/a",
        "outlet": "Example",
        "author": "J. Doe",
        "language": "en-GB",
    }
    document = only(read_path(write(tmp_path, "a.json", json.dumps(record)), SETTINGS))
    assert document == Document(
        text=BODY,
        origin=str(tmp_path / "a.json"),
        title="Assad in Moscow",
        url="https://example.com/a",
        outlet="Example",
        author="J. Doe",
        published=dt.date(2024, 12, 8),
        published_from="metadata",
        language="en",
    )


def test_json_published_as_iso_datetime(tmp_path: Path) -> None:
    path = write(tmp_path, "a.json", json.dumps({"text": BODY, "published": "2024-12-08T23:10:00+03:00"}))
    assert only(read_path(path, SETTINGS)).published == dt.date(2024, 12, 8)


def test_json_array_gives_one_document_per_object(tmp_path: Path) -> None:
    path = write(tmp_path, "many.json", json.dumps([{"text": "One."}, {"text": "Two.", "title": None}]))
    documents = read_path(path, SETTINGS)
    assert [d.text for d in documents] == ["One.", "Two."]
    assert documents[1].origin.endswith("many.json[1]")


@pytest.mark.parametrize(
    ("content", "error", "message"),
    [
        ('{"text": "A body.", "published": "8 December"}', InputFormatError, r'field "published"'),
        ('{"text": "A body.", "published": "2024-02-30"}', InputFormatError, r'field "published"'),
        ('{"title": "No body"}', InputFormatError, r'missing field "text"'),
        ('{"text": 42}', InputFormatError, r'field "text" must be a string'),
        ('{"text": "A body.", "url": ["x"]}', InputFormatError, r'field "url" must be a string'),
        ('{"text": "A body.", "language": "French"}', InputFormatError, r'field "language" must be an ISO 639-1'),
        ('["just a string"]', InputFormatError, r"expected a JSON object"),
        ('{"text": "unterminated', InputFormatError, r"malformed JSON: .*line 1, column"),
        ('{"text": "   "}', EmptyInputError, r'field "text" is empty'),
        ("[]", EmptyInputError, r"empty JSON array"),
    ],
)
def test_bad_json_is_a_one_line_error_naming_the_field(
    tmp_path: Path, content: str, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message) as caught:
        read_path(write(tmp_path, "bad.json", content), SETTINGS)
    assert "bad.json" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_invalid_utf8_falls_back_to_cp1252_and_says_so(tmp_path: Path) -> None:
    data = "The minister\u2019s caf\u00e9 \u2013 closed.".encode("cp1252")
    document = only(read_path(write(tmp_path, "legacy.txt", data), SETTINGS))
    assert document.text == "The minister\u2019s caf\u00e9 \u2013 closed."
    assert len(document.warnings) == 1
    assert "legacy.txt" in document.warnings[0]
    assert "not valid UTF-8" in document.warnings[0]
    assert "cp1252" in document.warnings[0]


def test_bytes_undefined_in_cp1252_fall_back_to_latin1(tmp_path: Path) -> None:
    document = only(read_bytes(b"odd \x81 byte \xe9", "odd", SETTINGS))
    assert document.text == "odd \x81 byte \u00e9"
    assert "latin-1" in document.warnings[0]


def test_invalid_utf8_in_json_also_warns(tmp_path: Path) -> None:
    document = only(read_bytes(b'{"text": "caf\xe9 society"}', "x.json", SETTINGS))
    assert document.text == "caf\u00e9 society"
    assert document.warnings


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"\x00\x01\x02\x03 some bytes", "NUL bytes"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
        (bytes(range(1, 32)) * 20, "non-text"),
    ],
)
def test_binary_files_are_refused(tmp_path: Path, data: bytes, what: str) -> None:
    with pytest.raises(BinaryInputError, match=what):
        read_path(write(tmp_path, "blob.txt", data), SETTINGS)


@pytest.mark.parametrize("content", [b"", b"  \n\t \r\n", b"\xef\xbb\xbf \n"])
def test_empty_and_whitespace_inputs_are_refused(tmp_path: Path, content: bytes) -> None:
    with pytest.raises(EmptyInputError, match=r"empty\.txt: "):
        read_path(write(tmp_path, "empty.txt", content), SETTINGS)


def test_huge_file_is_refused_without_reading_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as stream:
        stream.truncate(20_000_000)  # sparse: 20 MB on paper, nothing on disk

    def no_read(*args: object, **kwargs: object) -> None:
        raise AssertionError("a file over the limit must not be opened")

    monkeypatch.setattr(Path, "open", no_read)
    with pytest.raises(InputTooLargeError, match=r"huge\.txt: 20,000,000 bytes is over the input limit of 5,000,000"):
        read_path(path, SETTINGS)


def test_size_limit_comes_from_settings(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", BODY)
    with pytest.raises(InputTooLargeError):
        read_path(path, Settings(max_input_bytes=10))
    assert Settings.from_env({"NEWSGRAPH_MAX_INPUT_BYTES": "10"}).max_input_bytes == 10


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputNotFoundError, match=r"nope\.txt: no such file"):
        read_path(tmp_path / "nope.txt", SETTINGS)


def test_folder_expands_to_supported_files_sorted_recursively(tmp_path: Path) -> None:
    write(tmp_path, "b.txt", BODY)
    write(tmp_path, "a.json", json.dumps({"text": BODY}))
    write(tmp_path, "notes.png", b"\x89PNG")
    write(tmp_path, ".hidden.txt", BODY)
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "c.html", ARTICLE_HTML)
    found = list(iter_paths([tmp_path]))
    assert found == [tmp_path / "a.json", tmp_path / "b.txt", tmp_path / "sub" / "c.html"]
    assert [len(read_path(p, SETTINGS)) for p in found] == [1, 1, 1]


def test_folder_without_supported_files_is_reported(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    [path] = iter_paths([tmp_path / "empty"])
    with pytest.raises(EmptyInputError, match="folder has no supported files"):
        read_path(path, SETTINGS)


def test_named_files_and_missing_paths_pass_through_in_order(tmp_path: Path) -> None:
    assert list(iter_paths(["x.bin", tmp_path / "missing"])) == [Path("x.bin"), tmp_path / "missing"]


def test_detection_by_name_then_content() -> None:
    assert registry.detect(Path("a.HTML"), b"plain words").name == "html"
    assert registry.detect(Path("a.txt"), b"<html><body>").name == "text"
    assert registry.detect(None, b'  {"text": "x"}').name == "json"
    assert registry.detect(None, b"<!DOCTYPE html><html>").name == "html"
    assert registry.detect(None, b"Plain words.").name == "text"


class ShoutReader(Reader):
    """A toy plugin: one document per line of a .shout file."""

    name = "shout"
    extensions = (".shout",)

    def read(self, data: bytes, origin: str, settings: Settings) -> Iterator[Document]:
        for number, line in enumerate(data.decode().splitlines()):
            yield Document(text=line.upper(), origin=f"{origin}:{number + 1}")


def test_a_new_format_is_one_reader_in_the_registry(tmp_path: Path) -> None:
    readers = ReaderRegistry(registry)
    readers.register(ShoutReader())
    path = write(tmp_path, "x.shout", "one\ntwo\n")
    assert list(iter_paths([tmp_path], readers)) == [path]
    assert [d.text for d in read_path(path, SETTINGS, readers)] == ["ONE", "TWO"]
    assert registry.get("shout") is None  # the default registry is untouched
