"""Find examples' downloads, handout-ready: a CSV table, a Markdown handout and a Word handout,
one entry per review.

Each review carries its provenance (publisher, the document it was found in, the published
report's link where the manifest records one, else "link to the published report not
recorded") and absolute links to the source viewer, made from the server's base URL
(``$REVIEWQA_BASE_URL``, default ``http://127.0.0.1:7860``). Files are named after the theme
(or question) and the day: ``reviewqa-examples-neglect-2026-12-01.csv``.

Document text is untrusted: CSV cells that a spreadsheet would run as a formula are
neutralised (OWASP: a leading ``'`` before ``= + - @``, tab or carriage return), and the
Markdown escapes raw HTML and link syntax, so a document cannot smuggle ``<script>`` or a
``javascript:`` link into a handout.
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from reviewqa.corpus.text import counted
from reviewqa.corpus.types import review_facts
from reviewqa.retriever.examples import NOT_RECORDED, one_line

from .render import filters_text, key_parts, theme_split

BASE_URL_ENV = "REVIEWQA_BASE_URL"
DEFAULT_BASE_URL = "http://127.0.0.1:7860"
CSV_COLUMNS = ["rank", "title", "area", "year", "type", "themes", "on_theme", "summary",
               "key_learning", "key_point", "key_kind", "publisher", "document_title", "date",
               "published_url", "document", "locator", "url"]
INTRO = ("Extracts from published UK child-safeguarding case reviews, found with reviewqa. "
         "Read each review in full before using it in training.")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_MD_PUNCTUATION = re.compile(r"([\\`*_\[\]|~])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_SLUG = re.compile(r"[^a-z0-9]+")


def base_url() -> str:
    """The server's address for absolute links: ``$REVIEWQA_BASE_URL`` or the default."""
    return (os.environ.get(BASE_URL_ENV, "").strip() or DEFAULT_BASE_URL).rstrip("/")


def absolute(url: str, base: str | None = None) -> str:
    """``url`` (a path of the app, such as /source/...) made absolute on ``base``."""
    if not url or re.match(r"https?://", url):
        return url
    return (base or base_url()).rstrip("/") + "/" + url.lstrip("/")


def safe_cell(value: Any) -> Any:
    """A CSV cell a spreadsheet will show as text, never run as a formula (OWASP CSV injection)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def export_stem(label: str, day: date | None = None) -> str:
    """'reviewqa-examples-neglect-2026-12-01': the theme (or question) and the day."""
    slug = _SLUG.sub("-", label.lower()).strip("-")[:48].strip("-") or "all"
    return f"reviewqa-examples-{slug}-{(day or date.today()).isoformat()}"


def csv_row(row: dict[str, Any], base: str | None = None) -> dict[str, Any]:
    """One review as CSV cells: absolute links, the published link (or 'not recorded'), safe."""
    cells = {**row, "themes": "; ".join(row.get("themes") or []),
             # "yes" where the review carries or names the one theme the query named; blank
             # where the query named none (see find_examples)
             "on_theme": "" if row.get("on_theme") is None else "yes" if row["on_theme"] else "no",
             "url": absolute(row["url"], base),
             "published_url": published(row) or NOT_RECORDED}
    return {k: safe_cell(cells.get(k, "")) for k in CSV_COLUMNS}


def to_csv(rows: list[dict[str, Any]], base: str | None = None) -> str:
    """The examples as CSV text, one row per review (the file adds a byte-order mark)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore",
                            lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(csv_row(row, base) for row in rows)
    return out.getvalue()


def md_text(text: Any) -> str:
    """Document text made inert in Markdown: no raw HTML, no link or emphasis syntax."""
    text = " ".join(str(text).split())
    text = _MD_PUNCTUATION.sub(r"\\\1", text)
    text = _ENTITY.sub("&amp;", text)
    return text.replace("<", "&lt;").replace(">", "&gt;")


def md_key(row: dict[str, Any]) -> str:
    """A row's key learning as inert Markdown, the point that matched the query in bold."""
    out = []
    for part, point in key_parts(row):
        text = md_text(part)
        out.append((" " if part[:1].isspace() else "") + (f"**{text}**" if point else text)
                   + (" " if part[-1:].isspace() else ""))
    return "".join(out).strip()


def md_link(label: str, url: str) -> str:
    """A Markdown link to an http(s) URL we made or the manifest recorded; text otherwise."""
    if not re.match(r"https?://[^\s<>()\"']+$", url or ""):
        return md_text(label)
    return f"[{md_text(label)}](<{url}>)"


def published(row: dict[str, Any]) -> str | None:
    """The row's published-report link if it is an http(s) URL (anything else is not one)."""
    url = str(row.get("published_url") or "").strip()
    return url if re.match(r"https?://[^\s<>()\"']+$", url) else None


def heading(query: str, filters: dict[str, Any] | None) -> str:
    theme = (filters or {}).get("theme")
    return f"Case review examples: {one_line(query) or theme or 'all reviews'}"


def to_markdown(rows: list[dict[str, Any]], query: str, filters: dict[str, Any] | None = None,
                day: date | None = None, base: str | None = None) -> str:
    """A handout: title, date, theme and filters used; per review its facts, publisher and
    published link, summary, key learning (quoted) and a link to the passage."""
    filters = filters or {}
    lines = [f"# {md_text(heading(query, filters))}", "",
             f"Prepared {(day or date.today()).isoformat()} with reviewqa. "
             f"Search: “{md_text(query)}”. Theme: {md_text(filters.get('theme') or 'any')}. "
             f"Filters: {md_text(filters_text(filters))}. "
             f"{counted(len(rows), 'review')}, most relevant first."
             + (f" {md_text(split)}" if (split := theme_split(rows)) else ""), "",
             INTRO, ""]
    for row in rows:
        facts = ", ".join(review_facts(row["area"] or None, row["year"] or None, row["type"] or None))
        link = published(row)
        published_md = md_link("Published report", link) if link else f"*{NOT_RECORDED}*"
        in_document = ", ".join(md_text(x) for x in (row.get("publisher"), row.get("date")) if x)
        lines += [f"## {row['rank']}. {md_text(row['title'])} ({md_text(facts)})", "",
                  f"**Published by:** {in_document or 'publisher not recorded'} "
                  f"(in *{md_text(row.get('document_title') or row['document'])}*) · {published_md}", ""]
        if row.get("themes"):
            lines += [f"**Themes:** {md_text(', '.join(row['themes']))}", ""]
        if row["summary"]:
            lines += [f"**Summary:** {md_text(row['summary'])}", ""]
        label = "Key learning" if row.get("key_kind", "learning") == "learning" else "Key passage"
        lines += [f"**{label}:**", "", f"> {md_key(row)}", "",
                  f"Read it in the source: {md_link(row['locator'] or 'passage', absolute(row['url'], base))}"
                  f" · file {md_text(row['document'])}", ""]
    return "\n".join(lines)


def to_docx(rows: list[dict[str, Any]], query: str, path: Path, filters: dict[str, Any] | None = None,
            day: date | None = None, base: str | None = None) -> Path:
    """The handout as a Word document (the same content as the Markdown, real hyperlinks)."""
    from docx import Document

    filters = filters or {}
    document = Document()
    document.core_properties.title = heading(query, filters)
    document.add_heading(heading(query, filters), level=1)
    document.add_paragraph(
        f"Prepared {(day or date.today()).isoformat()} with reviewqa. Search: “{one_line(query)}”. "
        f"Theme: {filters.get('theme') or 'any'}. Filters: {filters_text(filters)}. "
        f"{counted(len(rows), 'review')}, most relevant first."
        + (f" {split}" if (split := theme_split(rows)) else ""))
    document.add_paragraph(INTRO)
    for row in rows:
        facts = ", ".join(review_facts(row["area"] or None, row["year"] or None, row["type"] or None))
        document.add_heading(f"{row['rank']}. {row['title']} ({facts})", level=2)
        para = document.add_paragraph()
        para.add_run("Published by: ").bold = True
        by = ", ".join(str(x) for x in (row.get("publisher"), row.get("date")) if x)
        title = row.get("document_title") or row["document"]
        para.add_run(f"{by or 'publisher not recorded'} (in {title}) · ")
        if link := published(row):
            _hyperlink(para, link, "Published report")
        else:
            para.add_run(NOT_RECORDED).italic = True
        if row.get("themes"):
            para = document.add_paragraph()
            para.add_run("Themes: ").bold = True
            para.add_run(", ".join(row["themes"]))
        if row["summary"]:
            para = document.add_paragraph()
            para.add_run("Summary: ").bold = True
            para.add_run(row["summary"])
        label = "Key learning" if row.get("key_kind", "learning") == "learning" else "Key passage"
        document.add_paragraph().add_run(f"{label}:").bold = True
        quote = document.add_paragraph(style="Intense Quote")
        for part, point in key_parts(row):
            quote.add_run(part).bold = point
        para = document.add_paragraph("Read it in the source: ")
        _hyperlink(para, absolute(row["url"], base), row["locator"] or "passage")
        para.add_run(f" · file {row['document']}")
    document.save(str(path))
    return path


def _hyperlink(paragraph: Any, url: str, text: str) -> None:
    """Appends a clickable, underlined link to ``url`` (http(s) only) to a python-docx paragraph."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    if not re.match(r"https?://", url):
        paragraph.add_run(text)
        return
    rel = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    for tag, value in (("w:color", "1D4ED8"), ("w:u", "single")):
        element = OxmlElement(tag)
        element.set(qn("w:val"), value)
        props.append(element)
    run.append(props)
    node = OxmlElement("w:t")
    node.text = text
    run.append(node)
    link.append(run)
    paragraph._p.append(link)


def write_exports(rows: list[dict[str, Any]], query: str, folder: Path,
                  filters: dict[str, Any] | None = None, day: date | None = None,
                  base: str | None = None) -> tuple[Path, Path, Path]:
    """The CSV (with a byte-order mark, so spreadsheets read it as UTF-8), Markdown and Word
    files for download, in a fresh subfolder of ``folder``, named after the theme or query
    and the day."""
    filters = filters or {}
    day = day or date.today()
    base = base or base_url()
    target = Path(tempfile.mkdtemp(dir=folder))
    stem = export_stem(filters.get("theme") or query, day)
    csv_path, md_path, docx_path = (target / f"{stem}.{ext}" for ext in ("csv", "md", "docx"))
    csv_path.write_text(to_csv(rows, base), encoding="utf-8-sig", newline="")
    md_path.write_text(to_markdown(rows, query, filters, day, base), encoding="utf-8")
    to_docx(rows, query, docx_path, filters, day, base)
    return csv_path, md_path, docx_path
