"""HTML for the web app: answers with their citation cards, examples, the catalogue, the
Themes view, About.

Every piece of document text is HTML-escaped before any markup is added; the only markup
in the page is what these functions write. Links to published reports come only from a
document's manifest (:func:`reviewqa.retriever.examples.published_url`), never guessed.
"""

from __future__ import annotations

import base64
import io
import re
import secrets
from collections.abc import Iterable, Sequence
from html import escape, unescape
from typing import Any

from reviewqa.corpus.text import counted
from reviewqa.corpus.types import review_facts
from reviewqa.retriever.answer import ANSWERED_ALONE, LESS_CLOSE, REWORK_ASKED, read_with_last
from reviewqa.retriever.examples import NOT_RECORDED, published_url, quoted_url
from reviewqa.retriever.resources import RESOURCES_HEADING, RESOURCES_NOTE
from reviewqa.retriever.search import Retriever
from reviewqa.retriever.themes import ThemeCount
from reviewqa.retriever.types import Answer, Citation, Hit, Quote, ResourceLink, ReviewGroup
from reviewqa.settings import MAX_QUERY_CHARS

# Colours meet WCAG 2.2 AA contrast on white (and on the dark theme's background below);
# focus is always visible; tables turn into one card per row on a phone.
CSS = """
.answer{overflow-wrap:break-word}
.answer .group-heading{font-weight:600;margin:.5rem 0 .2rem}
.answer a.cite,.answer .cite{font-size:.85em;color:#1d4ed8;font-weight:600;text-decoration:none}
.answer a.cite{padding:0 .1rem;border-radius:.2rem}
.answer a.cite:hover{text-decoration:underline}
.answer .refusal{border-left:4px solid #b91c1c;padding-left:.6rem}
.answer .no-answer,.answer .note{color:#4b5563}
.answer .sources-heading{font-size:.95em;font-weight:600;margin:.8rem 0 .2rem}
.answer .less-close-heading{color:#4b5563;font-style:italic;margin:.8rem 0 .2rem;
 border-top:1px solid #d1d5db;padding-top:.4rem}
.source-card{border:1px solid #d1d5db;border-radius:.5rem;padding:.5rem .75rem;margin:.5rem 0;
 scroll-margin-top:1rem}
.source-card:target,.source-card.flash{outline:3px solid #1d4ed8;outline-offset:2px}
.source-card .source-title{font-weight:600;margin:0}
.source-card .source-meta,.source-card .source-prov{font-size:.85em;color:#374151;margin:.1rem 0}
.source-card .source-file{font-size:.75em;color:#4b5563;margin:.2rem 0 0}
.source-card .passage{margin:.3rem 0;padding-left:.6rem;border-left:3px solid #e5e7eb;font-size:.9em}
.source-card .source-actions{margin:.2rem 0 0}
.source-card mark,.examples mark{background:#fde68a;color:inherit}
.not-recorded{color:#4b5563;font-style:italic}
.answer a:focus-visible,.examples a:focus-visible,.catalogue a:focus-visible,
.themes button:focus-visible,.themes a:focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}
.result-count{font-weight:600;margin:.3rem 0}
.table-scroll{overflow-x:auto;max-width:100%}
.examples table,.catalogue table,.themes table{border-collapse:collapse;width:100%;font-size:.9em}
.examples table,.catalogue table,.themes table,.examples tr,.catalogue tr,.themes tr,.about table,
.about tr,.about th,.about td{border:0}
.examples td,.examples th,.catalogue td,.catalogue th,.themes td,.themes th{border:0;
 border-bottom:1px solid #e5e7eb;padding:.35rem;vertical-align:top;text-align:left;
 overflow-wrap:break-word;word-break:normal;hyphens:auto}
.examples .key-label{font-size:.8em;font-weight:600;color:#374151;display:block}
/* A phone's page margin: 0.5rem below 640 px, Gradio's 2rem above (no media query: Gradio
   scopes those to its content, and the margin is outside it). */
.gradio-container .main.app{padding-left:clamp(.5rem,(100vw - 640px) * 100,2rem)!important;
 padding-right:clamp(.5rem,(100vw - 640px) * 100,2rem)!important}
.content-note{font-size:.9em}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.about th{text-align:left;padding:.2rem 1rem .2rem 0;vertical-align:top}
.about td{overflow-wrap:anywhere}
.content-note p{margin:.2rem 0}
.themes .theme-button,.themes .year-button{font:inherit;cursor:pointer;border:1px solid #9ca3af;
 border-radius:.3rem;background:#fff;color:#1f2937;padding:.1rem .4rem;min-width:2rem;min-height:1.8rem}
.themes .theme-button{border:none;background:none;color:#1d4ed8;text-decoration:underline;
 text-align:left;padding:.1rem 0}
.themes td.zero{color:#6b7280;text-align:center}
.catalogue .unstated{color:#4b5563;font-style:italic}
.themes .year-button[data-level="1"]{background:#dbeafe}
.themes .year-button[data-level="2"]{background:#93c5fd}
.themes .year-button[data-level="3"]{background:#1d4ed8;color:#fff;border-color:#1d4ed8}
.themes th.year,.themes td.count{text-align:center}
.themes td,.themes th{vertical-align:middle}
.themes-chart img{max-width:100%;height:auto;border:1px solid #e5e7eb;border-radius:.3rem}
.example-questions{display:flex;flex-wrap:wrap;gap:.4rem}
#answer .message-row{max-width:100%}
@media (max-width:640px){
 .examples thead,.catalogue thead{position:absolute;width:1px;height:1px;overflow:hidden;
  clip:rect(0 0 0 0)}
 .examples table,.examples tbody,.examples tr,.examples td,
 .catalogue table,.catalogue tbody,.catalogue tr,.catalogue td{display:block;width:auto}
 .examples tr,.catalogue tr{border:1px solid #d1d5db;border-radius:.5rem;margin:.5rem 0;
  padding:.3rem .5rem}
 .examples td,.catalogue td{border:none;padding:.2rem 0}
 .examples td[data-label]::before,.catalogue td[data-label]::before{content:attr(data-label);
  display:block;font-size:.75em;font-weight:600;color:#374151;text-transform:uppercase;
  letter-spacing:.03em}
 .examples td.rank::before{content:none}
 .examples .key-label{display:none}
 .catalogue td.short::before{display:inline;margin-right:.4rem}
 .catalogue td:empty{display:none}
 .examples td,.examples th,.catalogue td,.catalogue th{border:0!important}
 .source-card{padding:.4rem .5rem;margin:.4rem 0}
 .source-card .passage{padding-left:.4rem}
 #answer .message-row{padding:0!important;margin:0!important}
 #answer .message,#answer .bot{padding:.4rem!important;max-width:100%!important;width:100%!important}
 #answer .avatar-container{display:none}
 #answer{height:auto!important;max-height:none!important;min-height:12rem}
 #ask-column{order:0}
 #question-row{order:-1}
 .content-note{font-size:.8em}
}
@media (prefers-color-scheme: dark){
 .answer a.cite,.answer .cite,.themes .theme-button{color:#93c5fd}
 .source-card .source-meta,.source-card .source-prov,.source-card .source-file,.not-recorded,
 .answer .no-answer,.answer .note,.answer .less-close-heading,.examples .key-label{color:#d1d5db}
 .source-card mark,.examples mark{color:#111827}
 .themes .year-button{background:#1f2937;color:#f9fafb}
}
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


# -- provenance ----------------------------------------------------------------------------------


def published_link(url: str | None, label: str = "Published report") -> str:
    """A link to the published report on the publisher's site, or says it is not recorded."""
    if not url:
        return f'<span class="not-recorded">{escape(NOT_RECORDED)}</span>'
    return (f'<a class="published-link" href="{escape(url)}" target="_blank" '
            f'rel="noopener noreferrer">{escape(label)}</a>')


def provenance_line(title: str, publisher: str | None, date: str | None, url: str | None) -> str:
    """'In <cite>Title</cite> — Publisher, 2018 · Published report' (escaped)."""
    by = ", ".join(escape(x) for x in (publisher, date) if x)
    return (f"In <cite>{escape(title)}</cite>" + (f" — {by}" if by else "")
            + f" · {published_link(url)}")


# -- Ask -------------------------------------------------------------------------------------


def render_answer(answer: Answer, anchor: str | None = None, asked: str = "") -> str:
    """An answer as HTML: the text grouped by review, each [n] a link to its card below, its
    notes, then one card per citation. ``anchor`` prefixes the cards' ids (unique per
    answer: random when not given), so two answers in one conversation never share an id.
    ``asked`` is the question the message was answered as, where the chat read a follow-up
    with the question before it: said first, so the answer is read knowing what it answers
    (below a long answer it sat off screen)."""
    anchor = anchor or f"a{secrets.token_hex(4)}"
    read_as = f'<p class="note read-as">{escape(read_with_last(asked))}</p>' if asked else ""
    notes = "".join(f'<p class="note">{escape(note)}</p>' for note in answer.notes)
    if answer.kind == "refusal":
        body = f'<p class="refusal">{escape(answer.text)}</p>{notes}'
    elif answer.kind == "catalogue":  # a count or a fact from the catalogue: nothing to cite
        body = f'<p class="catalogue">{escape(answer.text)}</p>{notes}'
    elif answer.kind == "no_answer" or not answer.citations:
        body = f'<p class="no-answer">{escape(answer.text)}</p>{notes}'
    else:  # the notes (what was searched, how many reviews carry the theme) before the sources
        body = (_answer_text(answer, anchor) + notes
                + f'<p class="sources-heading" id="{anchor}-sources">Sources</p>'
                + "".join(render_citation(c, anchor) for c in answer.citations))
    body += render_resources(answer.resources)
    return (f'<div class="answer answer-{escape(answer.kind)}" id="{anchor}" '
            f'data-anchor="{anchor}">{read_as}{body}</div>')


# the line an answer's page puts above the reviews it shows apart, which the next turn reads
_LESS_CLOSE_LINE = f'<p class="less-close-heading">{escape(LESS_CLOSE)}</p>'


def _answer_text(answer: Answer, anchor: str) -> str:
    """The grouped sentences, or the plain text (e.g. a generated answer) when there are no groups."""
    if not answer.groups:
        paragraphs = [p for p in answer.text.split("\n\n") if p.strip()]
        return "".join(f"<p>{_markers(escape(p), anchor)}</p>" for p in paragraphs)
    return "".join(
        (_LESS_CLOSE_LINE if g.less_close and i and not answer.groups[i - 1].less_close else "")
        + f'<div class="answer-group"><p class="group-heading">{escape(g.heading)}</p>'
        + _group_sentences(g, anchor) + "</div>" for i, g in enumerate(answer.groups))


def _group_sentences(group: ReviewGroup, anchor: str) -> str:
    """A group's sentences as a paragraph, or a list's items as a list."""
    cited = [f"{escape(text)} {_cite_link(n, anchor)}" for text, n in group.sentences]
    if group.listed:
        return '<ul class="points">' + "".join(f"<li>{item}</li>" for item in cited) + "</ul>"
    return "<p>" + " ".join(cited) + "</p>"


def render_resources(resources: Sequence[ResourceLink]) -> str:
    """The resources an answer lists, each a card as a source's is: its title, what its
    document says of it, a link to where the document lists it, and the file; "" for
    none. No card is numbered: a resource is no source the answer cites."""
    if not resources:
        return ""
    cards = "".join(
        f'<div class="source-card resource-card"><p class="source-title">{escape(r.title)}</p>'
        f'<blockquote class="passage">{escape(_past_title(r.text, r.title))}</blockquote>'
        f'<p class="source-actions">{source_link(r.url, description=f"Open {r.title} in source")}</p>'
        f'<p class="source-file">File: {escape(r.document)}'
        + (f" · listed under {escape(r.theme)}" if r.theme else "") + "</p></div>" for r in resources)
    return (f'<div class="resources"><p class="sources-heading">{escape(RESOURCES_HEADING)}</p>'
            f'<p class="note">{escape(RESOURCES_NOTE)}</p>{cards}</div>')


def _past_title(text: str, title: str) -> str:
    """What a document says of a resource, less the title it opens with ("NEW Prevent
    Resources: Reclaim Radical ..." under the title "NEW Prevent Resources"); the whole of it
    where the title is cut short ("About A Boy The BBC has published a short film telling
    the…") or the text says nothing after it."""
    rest = text[len(title):].lstrip(" :.–-") if text.startswith(title) else ""
    return rest or text


def card_id(anchor: str, number: int) -> str:
    return f"{anchor}-c{number}"


def _cite_link(number: int | str, anchor: str) -> str:
    return (f'<a class="cite" href="#{card_id(anchor, int(number))}" '
            f'aria-label="Source {number}">[{number}]</a>')


def _markers(escaped: str, anchor: str) -> str:
    return _MARKER.sub(lambda m: _cite_link(m.group(1), anchor), escaped)


def render_citation(citation: Citation, anchor: str = "a") -> str:
    """One source card: review, locator, the document it is in (title, publisher, date,
    published link), the passage with its quoted sentences marked, a link to the source
    viewer with those sentences highlighted, and the file name on a details line."""
    hit = citation.hit
    passage = highlight(hit.chunk.text, hit.chunk.start, citation.quotes)
    url = quoted_url(hit.url, [(q.start, q.end) for q in citation.quotes])
    d = hit.document
    facts = source_facts(hit)
    return (f'<div class="source-card" id="{card_id(anchor, citation.number)}" tabindex="-1">'
            f'<p class="source-title"><span class="cite">[{citation.number}]</span> '
            f"{escape(hit.review.title)}</p>"
            + (f'<p class="source-meta">{escape(facts)}</p>' if facts else "")
            + f'<p class="source-prov">{provenance_line(d.title, d.publisher, d.date, published_url(d))}</p>'
            f'<blockquote class="passage">{passage}</blockquote>'
            f'<p class="source-actions">{source_link(url)}</p>'
            f'<p class="source-file">File: {escape(d.name)}</p></div>')


def source_link(url: str, label: str = "Open in source", description: str | None = None) -> str:
    """A link that opens the source viewer in a new tab."""
    aria = f' aria-label="{escape(description)}"' if description else ""
    return (f'<a class="source-link" href="{escape(url)}" target="_blank" rel="noopener"{aria}>'
            f"{escape(label)}</a>")


def source_facts(hit: Hit) -> str:
    """'Bradford · 2018 · learning brief · §2.72, p. 3' (the locator names the page); for a
    document that is not a review, only the locator."""
    r = hit.review
    facts = review_facts(r.area, r.year, r.type) if getattr(r, "is_review", True) else []
    return " · ".join(x for x in [*facts, hit.chunk.locator] if x)


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


def render_question(question: str, asked: str = "") -> str:
    """The user's turn in the conversation, escaped (the chat shows HTML); with the question
    it was answered as, where that was another (a follow-up read with the question before it:
    see :func:`last_question`)."""
    said = escape(" ".join(question.split())[:MAX_QUERY_CHARS])
    if asked and asked != question:
        return f'<p class="question" data-asked="{escape(asked[:MAX_QUERY_CHARS])}">{said}</p>'
    return f'<p class="question">{said}</p>'


# A conversation's turns as render_question and render_answer write them: the question (and
# the one it was read as), and each review's heading ("Bradford 2018 – Sameer (learning brief)")
_QUESTION_TURN = re.compile(r'^<p class="question"(?: data-asked="([^"]*)")?>(.*)</p>$', re.S)
_GROUP_HEADING = re.compile(r'<p class="group-heading">([^<]*)</p>')


def _headings(text: str) -> list[str]:
    """The review headings of an answer's HTML, in its order, unescaped."""
    return [unescape(heading) for heading in _GROUP_HEADING.findall(text)]


def last_reviews(history: Sequence[Any]) -> list[str]:
    """The reviews the conversation's last answer quoted, in its order, as it heads them
    ("Bradford 2018 – Sameer (learning brief)")."""
    return _headings(_last_turn(history, "assistant"))


def earlier_reviews(history: Sequence[Any]) -> list[str]:
    """The reviews of the latest answer before the conversation's last that quoted several,
    in its order, as :func:`last_reviews` gives the last answer's: "the 2017 one" or "the
    last one" may be of them. Where none quoted several, those the answers before the last
    were each from, in the order asked: "which of the two happened first?" after two
    reviews asked of one at a time is of both."""
    answers = [t for t in _turns_answered(history) if t.get("role") == "assistant"][:-1]
    for answer in reversed(answers):
        if len(headings := _headings(_text(answer))) > 1:
            return headings
    return list(dict.fromkeys(heading for answer in answers for heading in _headings(_text(answer))))


def less_close_reviews(history: Sequence[Any]) -> list[str]:
    """Those of :func:`last_reviews` the last answer showed as less close to its question
    (after its "Less close to the question:" line)."""
    text = _last_turn(history, "assistant")
    _, line, after = text.partition(_LESS_CLOSE_LINE)
    return _headings(after) if line else []


_REFUSED = 'class="answer answer-refusal"'
# what the chat says in place of an answer where a message asked to rework the last one
# ("give me the full quote"): the next follow-up goes on from the answer before it ("same
# question for health visitors" had been read as "give me the full quote: health visitors")
_NOT_ANSWERED = (_REFUSED, escape(REWORK_ASKED), escape(ANSWERED_ALONE))


def _last_turn(history: Sequence[Any], role: str) -> str:
    """The text of the conversation's last turn by ``role`` ("" where none), before any
    request it refused or did not search for (:data:`_NOT_ANSWERED`): "ok what
    recommendations were made" after "who were the abusers - can you give me their names?"
    goes on from what came before that ("what happened to Sameer?"), which the refusal names
    nothing of."""
    return next((_text(t) for t in reversed(_turns_answered(history)) if t.get("role") == role), "")


def _turns_answered(history: Sequence[Any]) -> list[dict]:
    """The conversation's turns, less any requests at its end that it refused or did not
    search for, and their replies (see :func:`_last_turn`)."""
    turns = [t for t in history if isinstance(t, dict)]
    while len(turns) >= 2 and turns[-1].get("role") == "assistant" and any(
            said in _text(turns[-1]) for said in _NOT_ANSWERED):
        turns = turns[:-2]  # (the refusal and the request)
    return turns


def _text(turn: dict) -> str:
    """A turn's text: its content, or the text of its parts."""
    content = turn.get("content")
    if isinstance(content, list):  # as parts ({"type": "text", "text": ...})
        content = "".join(str(part.get("text", "")) for part in content if isinstance(part, dict))
    return content.strip() if isinstance(content, str) else ""


def last_question(history: Sequence[Any]) -> str:
    """The question the conversation's last user turn was answered as ("" where none): the
    text of :func:`render_question`'s turn, or the question it was read as."""
    m = _QUESTION_TURN.match(_last_turn(history, "user"))
    return unescape(m[1] or m[2]) if m else ""


# -- Find examples and Reviews -------------------------------------------------------------------


def filters_text(filters: dict[str, Any]) -> str:
    """'theme: neglect; years 2017–2018; area: Bradford' ('no filters' when none)."""
    parts = []
    if filters.get("theme"):
        parts.append(f"theme: {filters['theme']}")
    year_from, year_to = filters.get("year_from"), filters.get("year_to")
    if year_from and year_to:
        parts.append(f"year {year_from}" if year_from == year_to else f"years {year_from}–{year_to}")
    elif year_from:
        parts.append(f"from {year_from}")
    elif year_to:
        parts.append(f"up to {year_to}")
    if filters.get("area"):
        parts.append(f"area: {filters['area']}")
    if filters.get("type"):
        parts.append(f"type: {filters['type']}")
    return "; ".join(parts) or "no filters"


def render_examples(rows: list[dict[str, Any]], query: str = "",
                    filters: dict[str, Any] | None = None) -> str:
    """The examples as an HTML table (escaped; one card per row on a phone), with how many were
    found, each review's provenance and links to the source passages."""
    if not rows:
        return '<p class="no-answer">No reviews match. Try other words, or remove filters.</p>'
    count = counted(len(rows), "review")
    found = (f'<p class="result-count" role="status">{count} found'
             + (f" for “{escape(query)}”" if query else "")
             + (f" ({escape(filters_text(filters))})" if filters is not None else "")
             + (f". {escape(split)}" if (split := theme_split(rows)) else "") + "</p>")
    body = "".join(_example_row(row) for row in rows)
    return (f'<div class="examples">{found}<div class="table-scroll"><table>'
            '<caption class="sr-only">'
            "Case review examples, most relevant first</caption>"
            '<thead><tr><th scope="col">#</th><th scope="col">Review</th><th scope="col">Summary</th>'
            '<th scope="col">Key learning</th><th scope="col">Source</th></tr></thead>'
            f"<tbody>{body}</tbody></table></div></div>")


def theme_split(rows: list[dict[str, Any]]) -> str:
    """Where the query named a theme and only the first rows carry or name it (see
    find_examples), a sentence saying where they end, or that none does; where more reviews
    carry it than are listed, a sentence saying how many; where the query names a kind of it
    ("child criminal exploitation"), how many of them name that, first; else ""."""
    themed = [row for row in rows if row.get("on_theme")]
    # the kind of the theme the query names, where it does ("child criminal exploitation":
    # the first two of twelve reviews of child exploitation name it)
    kind = next((row["kind"] for row in themed if row.get("kind")), "")
    naming = sum(bool(row.get("of_kind")) for row in themed)
    which = "None" if not naming else "The first" if naming == 1 else f"The first {naming}"
    of_kind = f" {which} of them name{'s' if naming == 1 else ''} {kind}." if kind else ""
    if not themed and (theme := next((row["theme"] for row in rows if row.get("theme")), "")):
        # "FGM": twenty rows, none on female genital mutilation, read as twenty examples of it
        return f"None carries or names {theme}: all are close in meaning only."
    carrying = max((row.get("theme_reviews", 0) for row in themed), default=0)
    if themed and carrying > len(themed):  # capped (find_examples' EXAMPLES_MAX)
        return (f"{carrying} reviews carry or name {themed[0]['theme']}; the {len(themed)} "
                "closest are listed: narrow the years, area or type to see the others." + of_kind)
    if not themed or len(themed) == len(rows):
        return (f"All carry or name {themed[0]['theme']}." + of_kind) if of_kind else ""
    if len(themed) == 1:  # not "The first 1 carry"
        return (f"The first carries or names {themed[0]['theme']}; the rest are close in "
                "meaning only." + of_kind)
    return (f"The first {len(themed)} carry or name {themed[0]['theme']}; the rest are close "
            "in meaning only." + of_kind)


def _example_row(row: dict[str, Any]) -> str:
    facts = " · ".join(str(x) for x in (row["area"], row["year"], row["type"]) if x)
    learning = row.get("key_kind", "learning") == "learning"
    key_label = "Key learning" if learning else "Key passage"
    provenance = provenance_line(row.get("document_title") or row["document"],
                                 row.get("publisher"), row.get("date"), row.get("published_url"))
    source = (source_link(row["url"], "Open in source", f"Open in source: {row['title']}")
              + f"<br><small>{provenance}</small>"
              + f'<br><small class="source-file">{escape(row["locator"])}</small>')
    return (f'<tr class="example-row"><td class="rank" data-label="Rank">{row["rank"]}</td>'
            f'<td data-label="Review"><strong>{escape(row["title"])}</strong><br>{escape(facts)}</td>'
            f'<td data-label="Summary">{escape(row["summary"])}</td>'
            f'<td data-label="{key_label}">'
            + ("" if learning else '<span class="key-label">Key passage (no learning section '
                                   "found in the passages read)</span>")
            + f'{key_text(row)}</td>'
            f'<td data-label="Source">{source}</td></tr>')


def key_text(row: dict[str, Any]) -> str:
    """A row's key learning, escaped, with the point that matched the query marked (the whole,
    where the key learning is not a list of several points: see :func:`key_parts`)."""
    parts = key_parts(row)
    if len(parts) == 1:
        return f"<mark>{escape(parts[0][0])}</mark>"
    return "".join(f"<mark>{escape(text)}</mark>" if point else escape(text)
                   for text, point in parts)


def key_parts(row: dict[str, Any]) -> list[tuple[str, bool]]:
    """A row's key learning in parts, each with whether it is the point that matched the
    query: three where the key learning is a list of several points and ``key_point`` one of
    them ("hidden men" among a digest's eleven learning points), else the whole alone."""
    whole, point = row["key_learning"], row.get("key_point") or row["key_learning"]
    before, found, after = whole.partition(point)
    if not found or point == whole:
        return [(whole, False)]
    return [(text, is_point) for text, is_point in ((before, False), (point, True), (after, False))
            if text]


def stated_value(row: dict[str, Any], field: str) -> str:
    """A catalogue row's field, linked to the words of the document that state it (or
    saying it came from the manifest or the file name); "not stated" when no source does."""
    value = row.get(field)
    if value in (None, ""):
        return '<span class="unstated">not stated</span>'
    text = escape(str(value))
    source = (row.get("stated") or {}).get(field)
    if not source:
        return text
    document = escape(source.get("document") or "its source")
    if source.get("url"):
        return (f'<a class="stated" href="{escape(source["url"])}" target="_blank" '
                f'rel="noopener" title="Stated in {document}: open the words">{text}</a>')
    origin = {"manifest": "the corpus manifest", "file": "the file name"}.get(
        source.get("origin", ""), "its source")
    return f'<span title="From {escape(origin)} ({document})">{text}</span>'


CATALOGUE_ROWS = 200  # rows the Reviews tab shows at once: the filter finds the others


def render_catalogue(rows: list[dict[str, Any]], limit: int = CATALOGUE_ROWS) -> str:
    """The catalogue as an HTML table (escaped; one card per row on a phone), each source
    linked to its entry, with its publisher and published link; the area, year and type
    each linked to the words that state them, or marked "not stated". At most ``limit``
    rows, with how many there are: a catalogue of 5,000 reviews made a 4.5 MB page."""
    if not rows:
        return '<p class="no-answer">No reviews match.</p>'
    count = (f"{len(rows)} reviews" if len(rows) <= limit else
             f"{len(rows)} reviews; the first {limit} are shown: type in the filter to find"
             " the others")
    rows = rows[:limit]

    def sources(row: dict[str, Any]) -> str:
        return "<br>".join(
            source_link(s["url"], s.get("document_title") or s["document"])
            + (f' <small>({escape(s["publisher"])})</small>' if s.get("publisher") else "")
            + f" <small>· {published_link(s.get('published_url'))}</small>"
            for s in row["sources"])

    body = "".join(
        f'<tr class="review-row"><td data-label="Title"><strong>{escape(row["title"])}</strong></td>'
        f'<td class="short" data-label="Area">{stated_value(row, "area")}</td>'
        f'<td class="short" data-label="Year">{stated_value(row, "year")}</td>'
        f'<td class="short" data-label="Type">{stated_value(row, "type")}</td>'
        f'<td data-label="Themes">{escape(", ".join(row.get("themes") or row["keywords"]))}</td>'
        f'<td data-label="Sources">{sources(row)}</td></tr>'
        for row in rows)
    return (f'<div class="catalogue"><p class="result-count" role="status">{count}</p>'
            '<div class="table-scroll"><table><thead><tr><th scope="col">Title</th>'
            '<th scope="col">Area</th><th scope="col">Year</th><th scope="col">Type</th>'
            '<th scope="col">Themes</th><th scope="col">Sources</th></tr></thead>'
            f"<tbody>{body}</tbody></table></div></div>")


# -- Themes --------------------------------------------------------------------------------------


def theme_years(counts: Sequence[ThemeCount]) -> list[int]:
    return sorted({year for c in counts for year in c.by_year})


def render_themes(counts: Sequence[ThemeCount]) -> str:
    """Every theme (alphabetical) with its number of reviews and that number by year; each
    theme and each count is a button that fills Find examples with that theme (and year)."""
    if not counts:
        return '<p class="no-answer">No review in the index carries a known theme.</p>'
    years = theme_years(counts)
    peak = max((n for c in counts for n in c.by_year.values()), default=1)

    def level(n: int) -> int:
        return 0 if n == 0 else 1 + min(2, (3 * (n - 1)) // max(1, peak))

    def cell(c: ThemeCount, year: int) -> str:
        n = c.by_year.get(year, 0)
        if not n:
            return '<td class="zero"><span aria-label="none">·</span></td>'
        return (f'<td class="count"><button type="button" class="year-button" '
                f'data-theme="{escape(c.theme)}" data-year="{year}" data-level="{level(n)}" '
                f'aria-label="{escape(c.theme)}, {year}: {n} review{"s" if n != 1 else ""}; '
                f'find examples">{n}</button></td>')

    rows = "".join(
        f'<tr><th scope="row"><button type="button" class="theme-button" '
        f'data-theme="{escape(c.theme)}" aria-label="{escape(c.theme)}: find examples">'
        f"{escape(c.theme)}</button></th>"
        f'<td class="count">{c.reviews}</td>' + "".join(cell(c, y) for y in years) + "</tr>"
        for c in sorted(counts, key=lambda c: c.theme))
    head = "".join(f'<th scope="col" class="year">{y}</th>' for y in years)
    return ('<div class="themes"><p>Choose a theme, or a year\'s count, to see its reviews in '
            "<strong>Find examples</strong>.</p>"
            '<div class="table-scroll"><table><caption class="sr-only">'
            "Reviews per theme and year</caption><thead><tr><th scope=\"col\">Theme</th>"
            f'<th scope="col" class="year">Reviews</th>{head}</tr></thead><tbody>{rows}</tbody>'
            "</table></div></div>")


def themes_chart_png(counts: Sequence[ThemeCount]) -> bytes:
    """A heat map of reviews per theme (rows, most reviews first) and year (columns), as PNG.
    Drawn on a bare ``Figure`` (no pyplot: no global state, safe from several threads)."""
    import numpy as np
    from matplotlib.figure import Figure

    years = theme_years(counts) or [0]
    ordered = list(counts)
    grid = np.array([[c.by_year.get(y, 0) for y in years] for c in ordered] or [[0]])
    height = max(2.5, 0.26 * len(ordered) + 1.3)
    fig = Figure(figsize=(max(6.0, 0.55 * len(years) + 4.2), height), dpi=110)
    ax = fig.subplots()
    image = ax.imshow(grid, aspect="auto", cmap="Blues", vmin=0, vmax=max(1, int(grid.max())))
    ax.set_xticks(range(len(years)), [str(y) for y in years], fontsize=8)
    ax.set_yticks(range(len(ordered)), [f"{c.theme} ({c.reviews})" for c in ordered], fontsize=8)
    ax.xaxis.tick_top()
    for i, row in enumerate(grid):
        for j, n in enumerate(row):
            if n:
                ax.text(j, i, str(n), ha="center", va="center", fontsize=7,
                        color="white" if n > grid.max() / 2 else "#111827")
    ax.set_title("Reviews per theme and year", fontsize=10, pad=22)
    fig.colorbar(image, ax=ax, fraction=0.03, pad=0.02).set_label("reviews", fontsize=8)
    fig.tight_layout()
    out = io.BytesIO()
    fig.savefig(out, format="png")
    return out.getvalue()


def render_themes_chart(counts: Sequence[ThemeCount]) -> str:
    """The chart as an <img> with its data inline (no request to anywhere) and a text alternative."""
    if not counts:
        return ""
    data = base64.b64encode(themes_chart_png(counts)).decode()
    top = ", ".join(f"{c.theme} ({c.reviews})" for c in counts[:5])
    alt = (f"Heat map of reviews per theme and year, {len(counts)} themes. Most reviews: {top}. "
           "The table below gives every count.")
    return (f'<figure class="themes-chart"><img src="data:image/png;base64,{data}" '
            f'alt="{escape(alt)}"></figure>')


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
    rows = "".join(f'<tr><th scope="row">{escape(k)}</th><td>{escape(str(v))}</td></tr>'
                   for k, v in facts)
    return (f'<div class="about"><table>{rows}</table></div>'
            f"<h2>Privacy and limits</h2>{PRIVACY}")
