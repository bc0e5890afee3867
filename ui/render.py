"""HTML for the web app: answers with their citation cards, examples, the catalogue, About.

Every piece of document text is HTML-escaped before any markup is added; the only markup
in the page is what these functions write.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import escape
from typing import Any

from reviewqa.corpus.types import review_facts
from reviewqa.retriever.search import Retriever
from reviewqa.retriever.types import Answer, Citation, Hit, Quote
from reviewqa.settings import MAX_QUERY_CHARS

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
    return " · ".join([*review_facts(r.area, r.year, r.type), hit.chunk.locator, hit.document.name])


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


# -- Find examples and Reviews -------------------------------------------------------------------


def render_examples(rows: list[dict[str, Any]]) -> str:
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


def render_catalogue(rows: list[dict[str, Any]]) -> str:
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
