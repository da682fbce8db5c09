"""The command line, run as users run it (a subprocess): exit codes, one-line errors, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from conftest import EXAMPLE
from samples import check_spans

from newsgraph.schema import load_schema, validate_article

TODAY = "2025-06-01"  # fixed, so inferring the publication year is reproducible


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def err_lines(self) -> list[str]:
        return self.err.splitlines()


def newsgraph(*args: str | Path, stdin: bytes | None = None, env: dict[str, str] | None = None) -> Run:
    result = subprocess.run(
        [sys.executable, "-m", "newsgraph", *map(str, args)],
        input=stdin,
        capture_output=True,
        timeout=300,
        env={**os.environ, **(env or {})},
        check=False,
    )
    run = Run(result.returncode, result.stdout.decode("utf-8"), result.stderr.decode("utf-8"))
    assert "Traceback" not in run.out + run.err, run.err
    return run


def bad_inputs(folder: Path) -> dict[str, Path]:
    """One file for each kind of input a user can get wrong (the size limit is tested on a sparse 20 MB file)."""
    files = {
        "empty": (folder / "empty.txt", b""),
        "whitespace": (folder / "blank.txt", b" \n\t\n"),
        "binary": (folder / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
        "nul": (folder / "data.txt", b"abc\x00\x00\x00def"),
        "no article": (folder / "home.html", b"<html><body><nav><a href='/'>Home</a> <a>World</a></nav></body></html>"),
        "malformed json": (folder / "bad.json", b'{"text": "unterminated'),
        "no text field": (folder / "notext.json", b'{"title": "x"}'),
        "bad date": (folder / "baddate.json", b'{"text": "Body.", "published": "last Tuesday"}'),
    }
    for path, data in files.values():
        path.write_bytes(data)
    huge = folder / "huge.txt"
    with huge.open("wb") as stream:
        stream.truncate(20_000_000)
    paths = {name: path for name, (path, _) in files.items()}
    paths["huge"] = huge
    paths["missing"] = folder / "missing.txt"
    return paths


def test_help_documents_every_command() -> None:
    run = newsgraph("--help")
    assert run.code == 0
    for command in ("analyze", "schema", "eval"):
        assert command in run.out
    analyze = newsgraph("analyze", "--help")
    for option in ("--published", "--format", "--today", "PATH... | -"):
        assert option in analyze.out
    evaluate = newsgraph("eval", "--help")
    for command in ("timex", "ner", "attribution", "factuality", "events", "coref", "provenance"):
        assert command in evaluate.out


def test_schema_command_prints_the_schema() -> None:
    run = newsgraph("schema")
    assert run.code == 0
    assert json.loads(run.out) == load_schema()


@pytest.mark.parametrize("published", [None, "2024-12-08"])
def test_analyze_example_as_json_validates(published: str | None) -> None:
    option = ["--published", published] if published else []
    run = newsgraph("analyze", "--format", "json", "--today", TODAY, *option, EXAMPLE)
    assert (run.code, run.err) == (0, "")
    data = json.loads(run.out)
    assert run.out.startswith("{\n")  # one article: one indented object
    validate_article(data)
    check_spans(data)
    assert data["text"] == EXAMPLE.read_text(encoding="utf-8")
    assert data["attributions"] == [] or isinstance(data["attributions"], list)
    if published:
        assert (data["published"], data["published_from"]) == (published, "given")
    else:
        assert data["published_from"] in ("text", "unknown")


@pytest.mark.parametrize("published", [None, "2024-12-08"])
def test_analyze_example_as_text_report(published: str | None) -> None:
    option = ["--published", published] if published else []
    run = newsgraph("analyze", "--today", TODAY, *option, EXAMPLE)
    assert (run.code, run.err) == (0, "")
    for section in ("Entities (", "Times (", "Attributions ("):
        assert section in run.out
    assert "Bashar al-Assad" in run.out
    assert "\x1b[" not in run.out  # piped: no colour codes
    if published:
        assert "Published: 2024-12-08 (given)" in run.out


def test_standard_input() -> None:
    run = newsgraph("analyze", "--format", "json", "-", stdin=b'{"text": "Reuters reported it.", "outlet": "X"}')
    assert run.code == 0
    assert json.loads(run.out)["outlet"] == "X"


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("empty", "empty input"),
        ("whitespace", "no text to analyze"),
        ("binary", "binary file (a PNG image)"),
        ("nul", "binary file (contains NUL bytes)"),
        ("no article", "no article text found in this HTML page"),
        ("malformed json", "malformed JSON"),
        ("no text field", 'missing field "text"'),
        ("bad date", 'field "published"'),
        ("huge", "20,000,000 bytes is over the input limit"),
        ("missing", "no such file or folder"),
    ],
)
def test_each_bad_input_is_one_line_and_a_non_zero_exit(tmp_path: Path, kind: str, message: str) -> None:
    path = bad_inputs(tmp_path)[kind]
    run = newsgraph("analyze", path)
    assert run.code == 2
    assert run.out == ""
    assert run.err_lines == [f"newsgraph: error: {path}: {run.err_lines[0].split(': ', 3)[-1]}"]
    assert message in run.err


def test_a_batch_with_bad_files_still_analyzes_every_good_one(tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    bad = bad_inputs(folder)
    (folder / "good.txt").write_text("Russia confirmed on Sunday that Assad had arrived in Moscow.", encoding="utf-8")
    (folder / "legacy.txt").write_bytes("The minister\u2019s caf\u00e9 said so on Monday.".encode("cp1252"))
    (folder / "meta.json").write_text(json.dumps({"text": "Officials said it.", "published": "2024-01-02"}))
    run = newsgraph("analyze", "--format", "json", "--today", TODAY, folder, bad["missing"])
    assert run.code == 2
    articles = [json.loads(line) for line in run.out.splitlines()]  # several articles: JSON Lines
    assert sorted(a["text"][:12] for a in articles) == ["Officials sa", "Russia confi", "The minister"]
    for article in articles:
        validate_article(article)
    errors = [line for line in run.err_lines if line.startswith("newsgraph: error: ")]
    warnings = [line for line in run.err_lines if line.startswith("newsgraph: warning: ")]
    assert len(errors) == len(bad) and len(errors) + len(warnings) == len(run.err_lines)
    assert warnings == [f"newsgraph: warning: {folder / 'legacy.txt'}: not valid UTF-8; decoded as cp1252, "
                        "some characters may be wrong"]  # fmt: skip
    for path in bad.values():
        assert sum(str(path) + ":" in line for line in errors) == 1, path


def test_a_bad_line_of_json_lines_fails_alone(tmp_path: Path) -> None:
    lines = tmp_path / "mixed.jsonl"
    lines.write_text('{"text": "Assad arrived in Moscow."}\n{"text": \n{"text": "Rebels entered Damascus."}\n')
    run = newsgraph("analyze", "--format", "json", "--today", TODAY, lines)
    assert run.code == 2
    assert [json.loads(line)["text"] for line in run.out.splitlines()] == [
        "Assad arrived in Moscow.",
        "Rebels entered Damascus.",
    ]
    assert len(run.err_lines) == 1 and run.err_lines[0].startswith(f"newsgraph: error: {lines}:2: ")


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (["analyze", "--published", "2024-13-45", "x.txt"], {}, "Invalid value for '--published'"),
        (["analyze", "--published", "08/12/2024", "x.txt"], {}, "not a date in YYYY-MM-DD form"),
        (["analyze", "--format", "xml", "x.txt"], {}, "Invalid value for '--format'"),
        (["analyze"], {}, "Missing argument"),
        (["frobnicate"], {}, "No such command"),
        (["analyze", "x.txt"], {"NEWSGRAPH_MAX_INPUT_BYTES": "lots"}, "NEWSGRAPH_MAX_INPUT_BYTES='lots'"),
        (["--model", "no_such_model", "analyze", str(EXAMPLE)], {}, "'no_such_model' is not installed"),
        (["eval", "ner", "/no/such/conll"], {}, "/no/such/conll"),
    ],
)
def test_usage_and_setting_errors_are_one_line(args: list[str], env: dict[str, str], message: str) -> None:
    run = newsgraph(*args, env=env)
    assert run.code != 0
    assert len(run.err_lines) == 1 and run.err.startswith("newsgraph: error: "), run.err
    assert message in run.err


def test_help_lists_lazy_commands_without_importing_them(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsgraph.cli import LazyGroup, cli

    code = (
        "import sys; from newsgraph.cli import main; sys.argv = ['newsgraph', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('scipy', 'sqlalchemy', 'newsgraph.store', 'newsgraph.link') if m in sys.modules))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.rstrip().endswith("[]"), run.stdout[-300:]
    assert LazyGroup.lazy_help.keys() == LazyGroup.lazy.keys()
    table = CliRunner().invoke(cli, ["--help"]).output
    # The same listing as click's own, which imports every command to ask for its help line.
    monkeypatch.setattr(LazyGroup, "format_commands", click.Group.format_commands)
    assert CliRunner().invoke(cli, ["--help"]).output == table
    for name in LazyGroup.lazy:
        assert f"  {name} " in table


def test_ingest_honours_the_global_options(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("The council met in Leeds on Monday, its chair told reporters after the vote.", "utf-8")
    limited = newsgraph("--max-input-bytes", "20", "ingest", "--db", str(tmp_path / "a.db"), "--quiet", article)
    assert limited.code == 2 and "over the input limit of 20 bytes" in limited.err
    missing = newsgraph("--model", "no_such_model", "ingest", "--db", str(tmp_path / "b.db"), "--quiet", article)
    assert missing.code == 3 and "no_such_model" in missing.err


def test_eval_coref_on_a_folder_that_is_not_ecb_plus_is_one_line(tmp_path: Path) -> None:
    run = newsgraph("eval", "coref", tmp_path)
    assert run.code != 0 and run.out == ""
    assert len(run.err_lines) == 1 and run.err_lines[0].startswith("newsgraph: error: ")
