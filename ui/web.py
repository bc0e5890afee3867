"""The Gradio web app: Ask (practitioners), Find examples (trainers), Reviews, About.

The handlers are plain functions over the retriever that return HTML or rows, so they
are tested without a browser. All document text is HTML-escaped before any markup is
added; the only markup in the page is what these functions write.
"""

from __future__ import annotations

import csv
import io
import logging
import os
import re
import tempfile
import threading
from collections.abc import Iterable
from contextlib import nullcontext
from html import escape
from pathlib import Path

os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"  # before gradio is imported: nothing leaves the machine
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import gradio as gr  # noqa: E402

from reviewqa.corpus.store import Store  # noqa: E402
from reviewqa.retriever.answer import sentence_scores, sentences  # noqa: E402
from reviewqa.retriever.search import Retriever  # noqa: E402
from reviewqa.retriever.types import (  # noqa: E402
    MAX_QUERY_CHARS, Answer, Citation, Filters, Hit, Quote, QueryError, source_url)

log = logging.getLogger(__name__)

ANY = "Any"
EXAMPLES_LIMIT = 20
ERROR_MESSAGE = "Something went wrong while answering; the details are in the server log."

THEME = gr.themes.Default(font=["system-ui", "sans-serif"], font_mono=["ui-monospace", "monospace"])

CSS = """
.answer .group-heading{font-weight:600;margin:.5rem 0 .2rem}
.answer .cite{font-size:.8em;color:#2563eb;font-weight:600}
.answer .refusal{border-left:4px solid #b91c1c;padding-left:.6rem}
.answer .no-answer,.answer .note{color:#4b5563}
.source-card{border:1px solid #d1d5db;border-radius:.5rem;padding:.5rem .75rem;margin:.5rem 0}
.source-card .source-title{font-weight:600}
.source-card .source-meta{font-size:.85em;color:#4b5563;margin:.1rem 0 .3rem}
.source-card .passage{margin:0;padding-left:.6rem;border-left:3px solid #e5e7eb;font-size:.9em}
.source-card mark,.examples mark{background:#fde68a;color:inherit}
.examples table,.catalogue table{border-collapse:collapse;width:100%;font-size:.9em}
.examples td,.examples th,.catalogue td,.catalogue th{border-bottom:1px solid #e5e7eb;
 padding:.35rem;vertical-align:top;text-align:left}
.content-note{font-size:.9em}
"""

CONTENT_NOTE = (
    "<p><strong>reviewqa</strong> answers questions from published UK child-safeguarding case "
    "reviews, quoting them with links to the source.</p>"
    "<p><strong>Content note:</strong> these reviews describe the abuse, neglect and deaths of "
    "children. If reading them affects you, stop and talk to your supervisor, your organisation's "
    "employee support, or a support line such as the NSPCC helpline or Samaritans.</p>")

PRIVACY = (
    "<ul><li>Runs entirely on this computer: questions, answers and documents are not sent "
    "anywhere, and the page loads nothing from other sites.</li>"
    "<li>No analytics or usage tracking.</li>"
    "<li>The tool refuses requests to identify the children, families or professionals in the "
    "reviews.</li>"
    "<li>Answers are extracts from the reviews, not advice; read the source and follow your "
    "local safeguarding procedures.</li></ul>")

_MARKER = re.compile(r"\[(\d+)\]")
_LINE_BREAKS = re.compile(r"\s*\n\s*")


# -- Ask -------------------------------------------------------------------------------------


def render_answer(answer: Answer) -> str:
    """An answer as HTML: the text grouped by review with [n] markers, then one card per citation."""
    if answer.kind == "refusal":
        body = f'<p class="refusal">{escape(answer.text)}</p>'
    elif answer.kind == "no_answer" or not answer.citations:
        body = f'<p class="no-answer">{escape(answer.text)}</p>'
    else:
        body = _answer_text(answer) + "".join(render_citation(c) for c in answer.citations)
    notes = "".join(f'<p class="note">{escape(note)}</p>' for note in answer.notes)
    return f'<div class="answer answer-{escape(answer.kind)}">{body}{notes}</div>'


def _answer_text(answer: Answer) -> str:
    """The grouped sentences, or the plain text (e.g. a generated answer) when there are no groups."""
    if not answer.groups:
        paragraphs = [p for p in answer.text.split("\n\n") if p.strip()]
        return "".join(f"<p>{_markers(escape(p))}</p>" for p in paragraphs)
    return "".join(
        f'<div class="answer-group"><p class="group-heading">{escape(g.heading)}</p><p>'
        + " ".join(f'{escape(text)} <span class="cite">[{n}]</span>' for text, n in g.sentences)
        + "</p></div>" for g in answer.groups)


def _markers(escaped: str) -> str:
    return _MARKER.sub(r'<span class="cite">[\1]</span>', escaped)


def render_citation(citation: Citation) -> str:
    """One source card: review, locator, the passage with its quoted sentences marked, a link."""
    hit = citation.hit
    passage = highlight(hit.chunk.text, hit.chunk.start, citation.quotes)
    return (f'<div class="source-card">'
            f'<p class="source-title"><span class="cite">[{citation.number}]</span> '
            f"{escape(hit.review.title)}</p>"
            f'<p class="source-meta">{escape(source_facts(hit))}</p>'
            f'<blockquote class="passage">{passage}</blockquote>'
            f'<p>{source_link(hit.url)}</p></div>')


def source_link(url: str, label: str = "Open in source") -> str:
    """A link that opens the source viewer in a new tab."""
    return (f'<a class="source-link" href="{escape(url)}" target="_blank" rel="noopener">'
            f"{escape(label)}</a>")


def source_facts(hit: Hit) -> str:
    """'Bradford · 2018 · learning brief · §2.72, p. 3 · file.txt' (the locator names the page)."""
    r = hit.review
    parts = (r.area or "Area not stated", r.year, r.type, hit.chunk.locator, hit.document.name)
    return " · ".join(str(p) for p in parts if p)


def highlight(text: str, offset: int, quotes: Iterable[Quote]) -> str:
    """``text`` (which starts at document offset ``offset``) escaped, with the quotes in <mark>."""
    spans = sorted((max(0, q.start - offset), min(len(text), q.end - offset)) for q in quotes)
    out, cursor = [], 0
    for start, end in spans:
        start = max(start, cursor)
        if start >= end:
            continue
        out += [_escape_lines(text[cursor:start]), "<mark>", _escape_lines(text[start:end]), "</mark>"]
        cursor = end
    out.append(_escape_lines(text[cursor:]))
    return "".join(out)


def _escape_lines(text: str) -> str:
    return _LINE_BREAKS.sub("<br>", escape(text))


def render_question(question: str) -> str:
    """The user's turn in the conversation, escaped (the chat shows HTML)."""
    return f'<p class="question">{escape(" ".join(question.split())[:MAX_QUERY_CHARS])}</p>'


def ui_filters(year_from: str | None, year_to: str | None, area: str | None,
               review_type: str | None, theme: str | None) -> Filters:
    """Filters from the dropdowns, where "Any" (or nothing) filters nothing."""
    def value(choice: str | int | None) -> str | None:
        return None if choice in (None, "", ANY) else str(choice)

    return Filters.from_mapping({"year_from": value(year_from), "year_to": value(year_to),
                                 "area": value(area), "type": value(review_type),
                                 "theme": value(theme)})


# -- Find examples ---------------------------------------------------------------------------


def find_examples(retriever: Retriever, query: str, filters: Filters | None = None,
                  limit: int = EXAMPLES_LIMIT) -> list[dict]:
    """One row per review, ranked by relevance, with the sentence that best matches the query."""
    hits = retriever.search(query, k=limit, filters=filters, per_review=1)
    if not hits:
        return []
    best = _best_sentences(query, hits)
    rows = []
    for hit, quote in zip(hits, best):
        r = hit.review
        rows.append({
            "rank": hit.rank, "review_id": r.id, "title": r.title, "area": r.area or "",
            "year": r.year or "", "type": r.type or "", "summary": one_line(r.summary or ""),
            "key_learning": quote.text, "key_start": quote.start, "key_end": quote.end,
            "document": hit.document.name, "locator": hit.chunk.locator,
            "url": source_url(hit.document.key, quote.start, quote.end)})
    return rows


def _best_sentences(query: str, hits: list[Hit]) -> list[Quote]:
    """For each hit, its sentence that best matches the query (the whole passage if none),
    scored as the answers score theirs."""
    best = []
    for hit in hits:
        group = [(hit, q) for q in sentences(hit.chunk.text, hit.chunk.start)] or [
            (hit, Quote(hit.chunk.text, hit.chunk.start, hit.chunk.end))]
        best.append(group[int(sentence_scores(query, group).argmax())][1])
    return best


def one_line(text: str, limit: int = 240) -> str:
    """``text`` on one line, cut at a word boundary near ``limit`` characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"


CSV_COLUMNS = ["rank", "title", "area", "year", "type", "summary", "key_learning", "document",
               "locator", "url"]


def to_csv(rows: list[dict]) -> str:
    """The examples as CSV, one row per review."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def to_markdown(rows: list[dict], query: str) -> str:
    """A handout: each review with its key passage quoted and cited."""
    lines = [f"# Case review examples: {one_line(query)}", "",
             "Extracts from published UK child-safeguarding case reviews, found with reviewqa. "
             "Read each review in full before using it in training.", ""]
    for row in rows:
        facts = ", ".join(str(x) for x in (row["area"] or "Area not stated", row["year"], row["type"]) if x)
        lines += [f"## {row['rank']}. {row['title']} ({facts})", ""]
        if row["summary"]:
            lines += [row["summary"], ""]
        lines += [f"> {one_line(row['key_learning'], 2000)}", "",
                  f"Source: {row['document']}, {row['locator']}", ""]
    return "\n".join(lines)


def render_examples(rows: list[dict]) -> str:
    """The examples as an HTML table (escaped), with links to the source passages."""
    if not rows:
        return '<p class="no-answer">No reviews match. Try other words, or remove filters.</p>'
    body = "".join(
        f'<tr class="example-row"><td>{row["rank"]}</td>'
        f'<td><strong>{escape(row["title"])}</strong><br>'
        f'{escape(" · ".join(str(x) for x in (row["area"], row["year"], row["type"]) if x))}</td>'
        f'<td>{escape(row["summary"])}</td>'
        f'<td><mark>{escape(row["key_learning"])}</mark><br><small>{escape(row["locator"])}</small></td>'
        f'<td>{source_link(row["url"], "Open")}</td></tr>' for row in rows)
    return ('<div class="examples"><table><thead><tr><th>#</th><th>Review</th><th>Summary</th>'
            f"<th>Key learning</th><th>Source</th></tr></thead><tbody>{body}</tbody></table></div>")


def write_exports(rows: list[dict], query: str, folder: Path) -> tuple[Path, Path]:
    """The CSV and Markdown files for download, in a fresh subfolder of ``folder``."""
    target = Path(tempfile.mkdtemp(dir=folder))
    csv_path, md_path = target / "reviewqa-examples.csv", target / "reviewqa-examples.md"
    csv_path.write_text(to_csv(rows), encoding="utf-8")
    md_path.write_text(to_markdown(rows, query), encoding="utf-8")
    return csv_path, md_path


# -- Reviews and About -----------------------------------------------------------------------


def catalogue(store: Store) -> list[dict]:
    """Every review with its metadata and the documents (and entries) that describe it."""
    rows = []
    for r in store.reviews():
        sources = [{"document": s["document_name"], "document_title": s["document_title"],
                    "label": s["label"],
                    "url": source_url(s["document_key"], s["start"], s["end"])}
                   for s in store.review_sources(r.id)]
        rows.append({"id": r.id, "title": r.title, "area": r.area, "year": r.year, "type": r.type,
                     "keywords": r.keywords, "summary": r.summary, "sources": sources})
    return rows


def filter_catalogue(rows: list[dict], text: str | None) -> list[dict]:
    """The reviews whose title, area, year, type, keywords or summary contain ``text``."""
    needle = (text or "").strip().lower()
    if not needle:
        return rows

    def haystack(row: dict) -> str:
        return " ".join(str(x) for x in (row["title"], row["area"], row["year"], row["type"],
                                          " ".join(row["keywords"]), row["summary"]) if x).lower()

    return [row for row in rows if needle in haystack(row)]


def render_catalogue(rows: list[dict]) -> str:
    """The catalogue as an HTML table (escaped), each source linked to its entry."""
    if not rows:
        return '<p class="no-answer">No reviews match.</p>'
    body = "".join(
        f'<tr class="review-row"><td>{escape(row["title"])}</td><td>{escape(row["area"] or "")}</td>'
        f'<td>{escape(str(row["year"] or ""))}</td><td>{escape(row["type"] or "")}</td>'
        f'<td>{escape(", ".join(row["keywords"]))}</td>'
        f'<td>{"<br>".join(source_link(s["url"], s["document"]) for s in row["sources"])}</td></tr>'
        for row in rows)
    return (f'<div class="catalogue"><p>{len(rows)} reviews</p><table><thead><tr><th>Title</th>'
            "<th>Area</th><th>Year</th><th>Type</th><th>Keywords</th><th>Sources</th></tr></thead>"
            f"<tbody>{body}</tbody></table></div>")


def about_html(retriever: Retriever) -> str:
    """Corpus counts, model, index size and folder, and the privacy stance."""
    index = retriever.index
    counts = retriever.store.counts()
    megabytes = index.vectors.memory_bytes() / 1e6
    facts = [("Documents", counts["documents"]), ("Reviews", counts["reviews"]),
             ("Passages", counts["chunks"]), ("Embedding model", index.embedder.name),
             ("Vector index", f"{len(index.vectors)} vectors, {index.vectors.kind}, "
                              f"about {megabytes:.1f} MB in memory"),
             ("Index folder", index.directory)]
    rows = "".join(f"<tr><th>{escape(k)}</th><td>{escape(str(v))}</td></tr>" for k, v in facts)
    return (f'<div class="catalogue"><table>{rows}</table></div>'
            f"<h3>Privacy and limits</h3>{PRIVACY}")


# -- the Blocks ------------------------------------------------------------------------------


def build_blocks(retriever: Retriever, lock: threading.Lock | None = None) -> gr.Blocks:
    """The web app. ``lock`` serialises use of the retriever with other callers (the HTTP API)."""
    guard = lock or nullcontext()
    facets = retriever.facets()
    with gr.Blocks(title="reviewqa", analytics_enabled=False) as blocks:
        gr.HTML(CONTENT_NOTE, elem_id="content-note", elem_classes="content-note")
        with gr.Tabs():
            with gr.Tab("Ask", id="ask"):
                _ask_tab(retriever, guard, facets)
            with gr.Tab("Find examples", id="examples"):
                _examples_tab(retriever, guard, facets)
            with gr.Tab("Reviews", id="reviews"):
                _reviews_tab(catalogue(retriever.store))
            with gr.Tab("About", id="about"):
                gr.HTML(about_html(retriever), elem_id="about")
    return blocks


def _status(message: str) -> str:
    return f'<p class="error">{escape(message)}</p>'


def _ask_tab(retriever: Retriever, guard, facets: dict[str, list]) -> None:
    """Question box, conversation and filters; the answer handler is the API endpoint "ask"."""

    def ask(question: str, history: list | None, year_from: str, year_to: str, area: str,
            review_type: str, theme: str) -> tuple[list, str, str]:
        """Answers the question; returns (conversation, question box, status line)."""
        history = list(history or [])
        try:
            filters = ui_filters(year_from, year_to, area, review_type, theme)
            with guard:
                answer = retriever.answer(question, filters=filters)
        except QueryError as err:
            return history, question, _status(str(err))
        except Exception:
            log.exception("answering failed")
            return history, question, _status(ERROR_MESSAGE)
        history += [{"role": "user", "content": render_question(question)},
                    {"role": "assistant", "content": render_answer(answer)}]
        return history, "", ""

    with gr.Row():
        with gr.Column(scale=3):
            chat = gr.Chatbot(label="Answers, quoted from the reviews", show_label=False,
                              elem_id="answer", height=560,
                              render_markdown=False, sanitize_html=True, buttons=[],
                              feedback_options=None, latex_delimiters=[])
            question = gr.Textbox(
                label="Your question", elem_id="question", max_length=MAX_QUERY_CHARS,
                placeholder="e.g. What went wrong with escalation?",
                info=f"Up to {MAX_QUERY_CHARS} characters. Do not enter names or details of "
                     "real people.")
            with gr.Row():
                ask_button = gr.Button("Ask", variant="primary", elem_id="ask-button")
                clear = gr.Button("Clear conversation", elem_id="clear-button")
            status = gr.HTML(elem_id="ask-status")
        with gr.Column(scale=1):
            filters = _filter_controls(facets, "ask")
    gr.on([ask_button.click, question.submit], ask, inputs=[question, chat, *filters],
          outputs=[chat, question, status], api_name="ask")
    clear.click(lambda: ([], ""), outputs=[chat, status], api_visibility="private")


def _examples_tab(retriever: Retriever, guard, facets: dict[str, list]) -> None:
    """Theme box, filters, one row per review, and CSV / Markdown downloads."""
    exports = tempfile.TemporaryDirectory(prefix="reviewqa-exports-")  # removed when the app goes

    def examples(query: str, year_from: str, year_to: str, area: str, review_type: str,
                 theme: str) -> tuple[str, object, object, str]:
        """Finds examples; returns (table, CSV file, Markdown file, status line)."""
        query = (query or "").strip() or (theme if theme not in (None, "", ANY) else "")
        no_files = (gr.update(value=None, interactive=False),) * 2
        if not query:
            return "", *no_files, _status("Type a theme or question, or choose a theme.")
        try:
            filters = ui_filters(year_from, year_to, area, review_type, theme)
            with guard:
                rows = find_examples(retriever, query, filters)
        except QueryError as err:
            return "", *no_files, _status(str(err))
        except Exception:
            log.exception("finding examples failed")
            return "", *no_files, _status(ERROR_MESSAGE)
        if not rows:
            return render_examples(rows), *no_files, ""
        csv_path, md_path = write_exports(rows, query, Path(exports.name))
        return (render_examples(rows), gr.update(value=str(csv_path), interactive=True),
                gr.update(value=str(md_path), interactive=True), "")

    with gr.Row():
        with gr.Column(scale=3):
            query = gr.Textbox(label="Theme or question", elem_id="examples-query",
                               max_length=MAX_QUERY_CHARS,
                               placeholder="e.g. a baby died while co-sleeping")
            find_button = gr.Button("Find examples", variant="primary", elem_id="examples-button")
            status = gr.HTML(elem_id="examples-status")
            table = gr.HTML(elem_id="examples-table")
            with gr.Row():
                csv_button = gr.DownloadButton("Download CSV", interactive=False,
                                               elem_id="export-csv")
                md_button = gr.DownloadButton("Download handout (Markdown)", interactive=False,
                                              elem_id="export-md")
        with gr.Column(scale=1):
            filters = _filter_controls(facets, "examples")
    gr.on([find_button.click, query.submit], examples, inputs=[query, *filters],
          outputs=[table, csv_button, md_button, status], api_name="find_examples")


def _reviews_tab(reviews: list[dict]) -> None:
    """The catalogue, filtered as the user types."""
    needle = gr.Textbox(label="Filter reviews", elem_id="reviews-filter",
                        placeholder="title, area, year, type or keyword")
    listing = gr.HTML(render_catalogue(reviews), elem_id="reviews-table")
    needle.change(lambda text: render_catalogue(filter_catalogue(reviews, text)), inputs=needle,
                  outputs=listing, api_visibility="private")


def _filter_controls(facets: dict[str, list], prefix: str) -> list[gr.Dropdown]:
    """Year range, area, review type and theme dropdowns, each with an "Any" choice."""
    years = [str(y) for y in facets["years"]]

    def dropdown(label: str, choices: list[str], name: str) -> gr.Dropdown:
        return gr.Dropdown([ANY, *choices], value=ANY, label=label, elem_id=f"{prefix}-{name}")

    return [dropdown("Year from", years, "year-from"), dropdown("Year to", years, "year-to"),
            dropdown("Area", facets["areas"], "area"), dropdown("Review type", facets["types"], "type"),
            dropdown("Theme", facets["themes"], "theme")]

