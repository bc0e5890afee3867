"""Find examples' downloads: CSV, Markdown and Word handouts, from real rows and hostile ones.

The rows come from the real retriever over the bundled index (conftest) or, for the payload
tests, are written here with text a hostile document could contain. The Markdown is rendered
with markdown-it (CommonMark, as Gradio and most viewers render it) to check what a reader's
viewer would make of it.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import pytest
from markdown_it import MarkdownIt

from reviewqa.retriever.examples import NOT_RECORDED, find_examples, summary_sentences
from reviewqa.retriever.types import Filters
from reviewqa.ui.export import (
    BASE_URL_ENV,
    DEFAULT_BASE_URL,
    export_stem,
    safe_cell,
    to_csv,
    to_docx,
    to_markdown,
    write_exports,
)

DAY = date(2026, 12, 1)
HOSTILE = {
    "rank": 1, "review_id": "x", "title": "=HYPERLINK(\"http://evil.example\",\"click\")",
    "area": "+Area", "year": 2020, "type": "-serious case review", "themes": ["neglect"],
    "summary": "@SUM(A1:A2) <script>alert(1)</script> [click](javascript:alert(1)) done.",
    "key_learning": "\tkey <img src=x onerror=alert(1)> <javascript:alert(2)> &#106;avascript:x",
    "key_point": "<img src=x onerror=alert(1)>",
    "key_kind": "learning", "key_start": 0, "key_end": 10, "document": "\rdoc.txt",
    "document_title": "Doc <b>title</b>", "publisher": "=cmd|' /C calc'!A0", "date": "2020",
    "published_url": "javascript:alert(3)", "locator": "§1", "section": "",
    "url": "/source/abc?start=0&end=10#passage"}


def test_csv_cells_that_start_a_formula_are_neutralised():
    assert safe_cell("=1+1") == "'=1+1" and safe_cell("+1") == "'+1" and safe_cell("-1") == "'-1"
    assert safe_cell("@x") == "'@x" and safe_cell("\tx") == "'\tx" and safe_cell("\rx") == "'\rx"
    assert safe_cell("plain") == "plain" and safe_cell(2018) == 2018
    row = next(csv.DictReader(io.StringIO(to_csv([HOSTILE], "http://host:1"))))
    for key in ("title", "area", "type", "summary", "key_learning", "document", "publisher"):
        assert row[key][0] == "'", (key, row[key])
    assert row["title"] == "'" + HOSTILE["title"]  # the text itself is kept
    # A published link that is not http(s) is never written as one.
    assert row["url"] == "http://host:1/source/abc?start=0&end=10#passage"


def test_markdown_escapes_document_html_and_javascript_links():
    handout = to_markdown([HOSTILE], "<script>q</script>", {"theme": "neglect"}, DAY,
                          "http://host:1")
    rendered = MarkdownIt("commonmark").render(handout)
    assert "<script" not in rendered and "<img" not in rendered and "<b>" not in rendered
    hrefs = re.findall(r'href="([^"]*)"', rendered)
    assert hrefs and all(h.startswith("http://host:1/") for h in hrefs), hrefs
    assert "javascript:" not in " ".join(hrefs)
    assert NOT_RECORDED in handout  # the javascript: "published link" was not used
    # The words survive, as text.
    assert "alert(1)" in rendered and "onerror" in rendered


def test_docx_handout_has_only_http_links(tmp_path):
    from docx import Document

    path = to_docx([HOSTILE], "neglect", tmp_path / "h.docx", {"theme": "neglect"}, DAY,
                   "http://host:1")
    document = Document(str(path))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Case review examples: neglect" in text and NOT_RECORDED in text
    assert HOSTILE["key_learning"] in text  # whole, the point that matched in bold
    assert [r.text for p in document.paragraphs for r in p.runs
            if r.bold and "onerror" in r.text] == [HOSTILE["key_point"]]
    targets = [rel.target_ref for rel in document.part.rels.values() if rel.is_external]
    assert targets == ["http://host:1/source/abc?start=0&end=10#passage"]


def test_file_names_carry_the_theme_and_the_day():
    assert export_stem("neglect", DAY) == "reviewqa-examples-neglect-2026-12-01"
    assert export_stem("Parental mental health", DAY) == \
        "reviewqa-examples-parental-mental-health-2026-12-01"
    assert export_stem("../../etc/passwd <x>", DAY) == "reviewqa-examples-etc-passwd-x-2026-12-01"
    assert export_stem("???", DAY) == "reviewqa-examples-all-2026-12-01"


def test_summaries_are_cut_at_sentence_ends_only():
    text = "First sentence is here. Second one follows it. " + "Third is long " * 30 + "end."
    cut = summary_sentences(text, 60)
    assert cut == "First sentence is here. Second one follows it."
    one = "A single sentence that runs on " * 20 + "to the end."
    assert summary_sentences(one, 40) == " ".join(one.split())  # never mid-sentence
    assert summary_sentences("Short.", 40) == "Short."


@pytest.fixture(scope="module")
def neglect_rows(retriever):
    return find_examples(retriever, "neglect", Filters(theme="neglect"), limit=8)


def test_exports_of_real_examples_are_handout_ready(neglect_rows, tmp_path, monkeypatch):
    monkeypatch.setenv(BASE_URL_ENV, "https://reviewqa.example.org/")
    used = {"theme": "neglect", "year_from": None, "year_to": None, "area": None, "type": None}
    csv_path, md_path, docx_path = write_exports(neglect_rows, "neglect", tmp_path, used, DAY)
    assert csv_path.name == "reviewqa-examples-neglect-2026-12-01.csv"
    assert md_path.name == "reviewqa-examples-neglect-2026-12-01.md"
    assert docx_path.name == "reviewqa-examples-neglect-2026-12-01.docx"

    raw = csv_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a byte-order mark: spreadsheets read UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["title"] for r in rows] == [r["title"] for r in neglect_rows]
    assert all(r["url"].startswith("https://reviewqa.example.org/source/") for r in rows)
    assert all(r["published_url"] == NOT_RECORDED for r in rows)  # the bundled corpus has none
    assert all(r["publisher"] for r in rows)
    # The query named one theme and the filter kept its reviews: each row is on it.
    assert {r["on_theme"] for r in rows} == {"yes"}

    handout = md_path.read_text(encoding="utf-8")
    assert handout.startswith("# Case review examples: neglect")
    assert "Prepared 2026-12-01" in handout and "Theme: neglect" in handout
    for row in neglect_rows:
        assert row["publisher"] in handout.replace("\\", "")
        assert "https://reviewqa.example.org" + row["url"] in handout
    assert handout.count(NOT_RECORDED) == len(neglect_rows)
    assert "…" not in handout  # nothing cut mid-sentence
    assert "Keywords:" not in handout


def test_default_base_url(neglect_rows, monkeypatch):
    monkeypatch.delenv(BASE_URL_ENV, raising=False)
    row = next(csv.DictReader(io.StringIO(to_csv(neglect_rows[:1]))))
    assert row["url"].startswith(DEFAULT_BASE_URL + "/source/")


def test_the_web_tables_marked_point_is_escaped_like_the_rest():
    from reviewqa.ui.render import render_examples

    page = render_examples([HOSTILE], "neglect")
    assert "<img" not in page and "<javascript" not in page
    assert "<mark>&lt;img src=x onerror=alert(1)&gt;</mark>" in page
