"""Multi-record readers (JSON Lines, CSV, WARC, feeds, Reuters SGML) on small files written here.

Each bad record fails alone with its position; the good records around it are kept.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from conftest import shared_path
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsgraph.errors import EmptyInputError, InputFormatError
from newsgraph.ingest import RecordError, read_bytes, read_path, read_path_records, registry
from newsgraph.records import Document
from newsgraph.settings import Settings

SETTINGS = Settings()
BODY = "Russia granted asylum to the former Syrian president, according to a Kremlin source on Sunday."
OTHER = "The European Central Bank left interest rates unchanged on Thursday, its president said."

ARTICLE_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Assad arrives in Moscow</title>
<meta property="og:site_name" content="Example News">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Assad arrives in Moscow</h1>
<p>Former Syrian President Bashar al-Assad and his family have arrived in Moscow after Russia granted them
asylum on humanitarian grounds, according to a Kremlin source.</p>
<p>The source also mentioned that a deal had been made to ensure the safety of Russian military bases.</p>
</article></body></html>
"""
NAVIGATION_HTML = '<!DOCTYPE html><html><body><nav><a href="/">Home</a> <a href="/world">World</a></nav></body></html>'


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_bytes(content.encode("utf-8"))
    else:
        path.write_bytes(content)
    return path


def split(records: list[Document | RecordError]) -> tuple[list[Document], list[RecordError]]:
    return [r for r in records if isinstance(r, Document)], [r for r in records if isinstance(r, RecordError)]


# JSON Lines


def test_jsonl_reads_one_article_per_line_and_a_bad_line_fails_alone(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": BODY, "title": "Asylum", "published": "2024-12-08", "url": "https://x.org/a"}),
        "",
        '{"text": "unterminated',
        json.dumps({"title": "no text"}),
        json.dumps({"text": OTHER, "published": "not a date"}),
        json.dumps({"text": OTHER, "outlet": "ECB Watch"}),
    ]
    path = write(tmp_path, "feed.jsonl", "\n".join(lines) + "\n")
    documents, errors = split(read_path_records(path, SETTINGS))
    assert [(d.title, d.published, d.origin) for d in documents] == [
        ("Asylum", dt.date(2024, 12, 8), f"{path}:1"),
        (None, None, f"{path}:6"),
    ]
    assert documents[1].outlet == "ECB Watch"
    assert [e.origin for e in errors] == [f"{path}:3", f"{path}:4", f"{path}:5"]
    assert "malformed JSON" in errors[0].reason and errors[0].reason.startswith(f"{path}:3: ")
    assert '"text"' in errors[1].reason
    assert "published" in errors[2].reason


def test_jsonl_strict_reading_fails_at_the_first_bad_line(tmp_path: Path) -> None:
    path = write(tmp_path, "feed.ndjson", json.dumps({"text": BODY}) + "\n[1, 2]\n")
    with pytest.raises(InputFormatError, match=r"feed\.ndjson:2: expected a JSON object"):
        read_path(path, SETTINGS)


def test_jsonl_with_only_blank_lines_is_empty(tmp_path: Path) -> None:
    with pytest.raises(EmptyInputError):
        read_path_records(write(tmp_path, "none.jsonl", "\n  \n"), SETTINGS)


def test_jsonl_keeps_a_line_separator_inside_a_string(tmp_path: Path) -> None:
    path = write(tmp_path, "u.jsonl", json.dumps({"text": "First\u2028second part."}, ensure_ascii=False))
    assert read_path(path, SETTINGS)[0].text == "First\u2028second part."


# CSV


def test_csv_reads_the_wikinews_layout_with_multiline_quoted_text(tmp_path: Path) -> None:
    content = (
        "url,date,title,text\n"
        f'https://en.wikinews.org/wiki/A,2019-01-04,"Asylum, granted","{BODY}\n\nSecond ""quoted"" paragraph."\n'
        f'https://en.wikinews.org/wiki/B,2019-01-05,ECB,"{OTHER}"\n'
    )
    path = write(tmp_path, "news.csv", content)
    first, second = read_path(path, SETTINGS)
    assert first.title == "Asylum, granted"
    assert first.text == f'{BODY}\n\nSecond "quoted" paragraph.'
    assert (first.url, first.published, first.published_from) == (
        "https://en.wikinews.org/wiki/A",
        dt.date(2019, 1, 4),
        "metadata",
    )
    assert (first.origin, second.origin) == (f"{path}:2", f"{path}:5")
    assert second.text == OTHER


def test_csv_header_variants_and_semicolons(tmp_path: Path) -> None:
    content = (
        "\ufeffHeadline;Body;Published At;Link;Source;Byline;extra\n"
        f"Asylum;{BODY};Sun, 08 Dec 2024 10:00:00 GMT;https://x.org/a;Example News;Jane Doe;ignored\n"
        f"ECB;{OTHER};December 12, 2024;;;;\n"
    )
    first, second = read_path(write(tmp_path, "export.csv", content), SETTINGS)
    assert (first.title, first.text, first.published) == ("Asylum", BODY, dt.date(2024, 12, 8))
    assert (first.url, first.outlet, first.author) == ("https://x.org/a", "Example News", "Jane Doe")
    assert (second.published, second.url, second.outlet) == (dt.date(2024, 12, 12), None, None)


def test_csv_bad_rows_fail_alone_with_their_line(tmp_path: Path) -> None:
    content = f'title,text,date\nA,"{BODY}",2024-12-08\nB,,2024-12-08\nC,"{OTHER}",someday\nD,"{OTHER}",\n'
    path = write(tmp_path, "rows.csv", content)
    documents, errors = split(read_path_records(path, SETTINGS))
    assert [d.title for d in documents] == ["A", "D"]
    assert [e.origin for e in errors] == [f"{path}:3", f"{path}:4"]
    assert "empty text" in errors[0].reason and "someday" in errors[1].reason


def test_csv_without_a_text_column_is_refused_as_a_whole(tmp_path: Path) -> None:
    with pytest.raises(InputFormatError, match="no text column"):
        read_path_records(write(tmp_path, "t.csv", "name,value\na,1\n"), SETTINGS)
    with pytest.raises(EmptyInputError):
        read_path_records(write(tmp_path, "h.csv", "url,date,title,text\n"), SETTINGS)


# WARC


def _warc(gzip: bool = False) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip)

    def response(uri: str, body: bytes, status: str = "200 OK", ctype: str = "text/html; charset=utf-8") -> None:
        http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            uri,
            "response",
            payload=io.BytesIO(body),
            http_headers=http,
            warc_headers_dict={"WARC-Date": "2024-12-09T08:00:00Z"},
        )
        writer.write_record(record)

    writer.write_record(writer.create_warc_record("https://news.example.com/", "request", payload=io.BytesIO(b"GET /")))
    response("https://news.example.com/world/assad", ARTICLE_HTML.encode("utf-8"))
    response("https://news.example.com/logo.png", b"\x89PNG....", ctype="image/png")
    response("https://news.example.com/gone", b"<html>gone</html>", status="404 Not Found")
    response("https://news.example.com/", NAVIGATION_HTML.encode("utf-8"))
    writer.write_record(
        writer.create_warc_record(
            "https://news.example.com/ecb.txt",
            "resource",
            payload=io.BytesIO(OTHER.encode("utf-8")),
            warc_content_type="text/plain",
        )
    )
    writer.write_record(
        writer.create_warc_record(
            "https://news.example.com/blank.txt",
            "resource",
            payload=io.BytesIO(b" \n "),
            warc_content_type="text/plain",
        )
    )
    return out.getvalue()


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_reads_html_responses_and_text_resources(tmp_path: Path, name: str) -> None:
    path = write(tmp_path, name, _warc(gzip=name.endswith(".gz")))
    documents, errors = split(read_path_records(path, SETTINGS))
    page, text = documents
    assert page.url == "https://news.example.com/world/assad"
    assert "Former Syrian President Bashar al-Assad and his family" in page.text
    assert page.title == "Assad arrives in Moscow"
    # No date on the page: the capture date bounds the publication date.
    assert (page.published, page.published_from) == (dt.date(2024, 12, 9), "metadata")
    assert page.origin.startswith(f"{path}@")
    assert (text.text, text.url) == (OTHER, "https://news.example.com/ecb.txt")
    # The navigation page has no article and the blank text none either: each fails alone; the image, the 404
    # and the request are not articles.
    assert [e.reason.split(": ", 1)[1] for e in errors] == [
        "no article text found in this HTML page",
        "only whitespace, no text to analyze",
    ]


def test_warc_is_recognised_by_content_and_garbage_is_refused(tmp_path: Path) -> None:
    assert registry.detect(None, _warc()[:64]).name == "warc"
    with pytest.raises(InputFormatError, match="WARC"):
        read_path_records(write(tmp_path, "bad.warc", b"this is not an archive at all"), SETTINGS)


# Feeds

RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Example News - World</title><link>https://news.example.com/</link>
<item><title>Assad arrives in Moscow</title><link>https://news.example.com/assad</link>
<pubDate>Sun, 08 Dec 2024 10:30:00 GMT</pubDate><author>jane@example.com (Jane Doe)</author>
<description>Short teaser.</description>
<content:encoded><![CDATA[<p>{BODY}</p><p>The source said <b>more</b> &amp; more.</p>
<script>x()</script>]]></content:encoded>
</item>
<item><title>ECB holds</title><link>https://news.example.com/ecb</link>
<description>&lt;p&gt;{OTHER}&lt;/p&gt;</description></item>
<item><title>Empty</title><link>https://news.example.com/empty</link></item>
</channel></rss>
"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title>
<entry><title>ECB holds rates</title><link href="https://wire.example.org/ecb"/>
<updated>2024-12-12T14:00:00Z</updated><published>2024-12-12T13:15:00+01:00</published>
<content type="html">&lt;p&gt;{OTHER}&lt;/p&gt;</content></entry>
</feed>
"""


def test_rss_entries_become_documents_and_an_empty_entry_fails_alone(tmp_path: Path) -> None:
    path = write(tmp_path, "world.rss", RSS)
    documents, errors = split(read_path_records(path, SETTINGS))
    first, second = documents
    assert first.text == f"{BODY}\n\nThe source said more & more."
    assert (first.title, first.url, first.outlet) == (
        "Assad arrives in Moscow",
        "https://news.example.com/assad",
        "Example News - World",
    )
    assert (first.published, first.published_from, first.origin) == (dt.date(2024, 12, 8), "metadata", f"{path}#1")
    assert (second.text, second.published) == (OTHER, None)
    assert [e.origin for e in errors] == [f"{path}#3"]


def test_atom_feed_is_recognised_by_content(tmp_path: Path) -> None:
    # A .xml name claims no reader: the content says it is a feed.
    document = read_path(write(tmp_path, "wire.xml", ATOM), SETTINGS)[0]
    assert (document.text, document.url, document.outlet) == (OTHER, "https://wire.example.org/ecb", "Atom Wire")
    assert document.published == dt.date(2024, 12, 12)


def test_a_feed_without_entries_is_empty(tmp_path: Path) -> None:
    empty = '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>'
    with pytest.raises(EmptyInputError):
        read_path_records(write(tmp_path, "none.rss", empty), SETTINGS)


# Reuters-21578 SGML

SGML = """<!DOCTYPE lewis SYSTEM "lewis.dtd">
<REUTERS TOPICS="YES" NEWID="1">
<DATE>26-FEB-1987 15:01:01.79</DATE>
<TEXT>&#2;
<TITLE>BAHIA COCOA REVIEW</TITLE>
<DATELINE>    SALVADOR, Feb 26 - </DATELINE><BODY>Showers continued throughout the week in
the Bahia cocoa zone, Comissaria Smith said &lt;CS&gt; in its weekly review.
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
<REUTERS TOPICS="NO" NEWID="2">
<DATE>26-FEB-1987 15:02:20.00</DATE>
<TEXT TYPE="BRIEF">&#2;
<TITLE>BRIEF WITHOUT BODY</TITLE>
&#3;</TEXT>
</REUTERS>
<REUTERS TOPICS="NO" NEWID="3">
<DATE>2-MAR-1987 09:00:00.00</DATE>
<TEXT>&#2;<BODY>Standard Oil said it raised its dividend.
&#3;</BODY></TEXT>
</REUTERS>
"""


def test_reuters_sgml_gives_one_document_per_story_with_a_body(tmp_path: Path) -> None:
    path = write(tmp_path, "reut2-000.sgm", SGML)
    cocoa, oil = read_path(path, SETTINGS)
    assert cocoa.text.startswith("Showers continued") and cocoa.text.endswith("Reuter")
    assert "said <CS> in" in cocoa.text and "\x03" not in cocoa.text
    assert (cocoa.title, cocoa.outlet, cocoa.published) == ("BAHIA COCOA REVIEW", "Reuters", dt.date(1987, 2, 26))
    assert (cocoa.origin, oil.origin) == (f"{path}#1", f"{path}#3")
    assert (oil.title, oil.published) == (None, dt.date(1987, 3, 2))


def test_reuters_sgml_is_recognised_by_content_and_needs_stories() -> None:
    assert len(read_bytes(SGML.encode(), "stdin", SETTINGS)) == 2
    with pytest.raises(EmptyInputError):
        read_bytes(b"<!DOCTYPE lewis SYSTEM 'lewis.dtd'>\n", "x.sgm", SETTINGS)


# Real files from ../shared


@pytest.mark.shared
def test_wikinews_csv_files_read_every_article_with_its_date() -> None:
    folder = shared_path("data", "corpus", "wikinews", "data")
    documents: list[Document] = []
    errors: list[RecordError] = []
    for file in sorted(folder.glob("*.csv")):
        found, failed = split(read_path_records(file, SETTINGS))
        documents += found
        errors += failed
    assert (len(documents), errors) == (295, [])
    assert all(d.published is not None and d.url and d.title for d in documents)
    assert {d.published.year for d in documents if d.published} == {2019, 2020, 2021}


@pytest.mark.shared
def test_reuters_sgml_file_reads_every_story_with_a_body() -> None:
    documents = read_path(shared_path("data", "corpus", "reuters21578", "data", "reut2-000.sgm"), SETTINGS)
    assert len(documents) == 925
    assert all(d.outlet == "Reuters" and d.published and d.published.year == 1987 for d in documents)
    assert documents[0].title == "BAHIA COCOA REVIEW"
