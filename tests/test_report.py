"""The terminal report: every section shows, plain output has no escape codes, colour marks status."""

from __future__ import annotations

import datetime as dt
import io

from rich.console import Console
from samples import synthetic_article
from spacy.language import Language

from newsgraph import analyze
from newsgraph.evaluate.scores import PRF, EvaluationReport
from newsgraph.records import Article
from newsgraph.report import render_article, render_evaluation, truncate


def render(article: Article, *, color: bool = False) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=120, force_terminal=color, color_system="standard" if color else None)
    render_article(article, console)
    return buffer.getvalue()


def test_every_section_of_a_full_article() -> None:
    out = render(synthetic_article())
    assert "Published: 2024-12-08 (given)" in out
    assert "Russia's Foreign Ministry" in out
    assert "2 (1 name, 1 pronoun)" in out
    assert "2024-12-08" in out and "DATE" in out
    # The pronoun source shows what it resolves to, and its kind.
    assert "It = Russia's Foreign Ministry" in out and "(organization)" in out
    assert "→ Russia" in out  # the intermediary, under its source
    assert "(no source given) (unspecified)" in out
    assert "confirmed" in out and "asserted" in out
    assert "\x1b[" not in out


def test_colour_marks_status_when_the_console_has_colour() -> None:
    assert "\x1b[" in render(synthetic_article(), color=True)


def test_published_provenance_is_spelled_out() -> None:
    article = synthetic_article()
    out = render(Article(id=article.id, text=article.text, published=dt.date(2024, 12, 8), published_from="text"))
    assert "2024-12-08 (inferred from the text)" in out
    assert "Published: unknown" in render(Article(id=article.id, text=article.text))


def test_empty_sections_say_so() -> None:
    out = render(Article(id="0" * 16, text="Nothing here."))
    assert "(untitled article)" in out
    assert out.count("none found") == 3


def test_article_text_is_never_read_as_markup() -> None:
    article = synthetic_article()
    out = render(Article(id=article.id, text=article.text, title="[bold red]Not styled[/] [link]"))
    assert "[bold red]Not styled[/] [link]" in out


def test_truncate_cuts_at_a_word_with_an_ellipsis() -> None:
    assert truncate("short  text\n here", 50) == "short text here"
    cut = truncate("word " * 40, 30)
    assert len(cut) <= 30 and cut.endswith("…") and "wor…" not in cut


def test_real_article_report(nlp: Language, example_text: str) -> None:
    out = render(analyze(example_text, nlp=nlp, published=dt.date(2024, 12, 8)))
    assert "Entities (" in out and "Times (" in out and "Attributions (" in out
    assert "Bashar al-Assad" in out


def test_evaluation_report_table() -> None:
    report = EvaluationReport(
        task="ner",
        data="eng.testb",
        documents=231,
        scores={"overall": PRF(80, 20, 20), "PER": PRF(30, 0, 10)},
        metrics={"tokens": 46435.0, "type accuracy": 0.9123},
    )
    buffer = io.StringIO()
    render_evaluation(report, Console(file=buffer, width=100, color_system=None))
    out = buffer.getvalue()
    assert "ner on eng.testb (231 documents)" in out
    assert "0.800" in out and "0.857" in out
    assert "46,435" in out and "0.912" in out
