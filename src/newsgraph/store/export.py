"""Writing stored articles out as JSON Lines or CSV, in forms the readers read back."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import TextIO

from newsgraph.records import Article

CSV_FIELDS = ("url", "date", "title", "outlet", "author", "text")
"""The CSV layout of the wikinews corpus with the outlet and author added: the CSV reader reads all of them."""


def export_jsonl(articles: Iterable[Article], out: TextIO) -> int:
    """Write one ``Article.to_dict()`` JSON object per line; returns how many.

    Each line is also a valid input object (``text``, ``title``, ``url``, ``outlet``,
    ``author``, ``published``), so the file ingests back into the same articles.
    """
    count = 0
    for article in articles:
        out.write(json.dumps(article.to_dict(), ensure_ascii=False, separators=(",", ":")))
        out.write("\n")
        count += 1
    return count


def export_csv(articles: Iterable[Article], out: TextIO) -> int:
    """Write ``url,date,title,outlet,author,text`` rows with a header; returns how many articles.

    Only the input fields are written: the analysis is redone on ingest.
    """
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    count = 0
    for article in articles:
        published = article.published.isoformat() if article.published else ""
        row = (article.url, published, article.title, article.outlet, article.author, article.text)
        writer.writerow(value or "" for value in row)
        count += 1
    return count
