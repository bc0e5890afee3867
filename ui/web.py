"""The Gradio web app: Ask (practitioners), Find examples (trainers), Themes, Reviews, About.

This module only builds the Blocks and wires their handlers: answers and examples come from
``reviewqa.retriever``, their HTML from ``reviewqa.ui.render``, the downloads from
``reviewqa.ui.export``. The Gradio ``api_name``s ("ask", "find_examples"), their inputs and
their outputs are a public API (``gradio_client``) and stay as they are; everything added
around them (example questions, the Word download, the Themes view) is private.

The page's one script (:data:`PAGE_JS`, run by the content note's ``js_on_load``) makes each
[n] in an answer jump to its card, and scrolls a new answer into view at its start (the
chat's own autoscroll, which jumps to the end, is off). It loads nothing from anywhere.
"""

from __future__ import annotations

import logging
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

import gradio as gr

from reviewqa.corpus.store import Facets
from reviewqa.retriever.examples import catalogue, filter_catalogue, find_examples
from reviewqa.retriever.query import clean_question
from reviewqa.retriever.search import Retriever
from reviewqa.retriever.themes import ThemeCount, theme_counts
from reviewqa.retriever.types import Answer, Filters, QueryError, Refused
from reviewqa.settings import MAX_QUERY_CHARS

from .export import write_exports
from .render import (
    CONTENT_NOTE,
    about_html,
    earlier_reviews,
    last_question,
    last_reviews,
    less_close_reviews,
    render_answer,
    render_catalogue,
    render_examples,
    render_question,
    render_themes,
    render_themes_chart,
)

log = logging.getLogger(__name__)

ANY = "Any"
ERROR_MESSAGE = "Something went wrong while answering; the details are in the server log."
EXAMPLE_QUESTIONS = [
    "What went wrong with escalation?",
    "What was learnt about information sharing between agencies?",
    "What do the reviews say about co-sleeping and safe sleep?",
    "How did professionals respond to disguised compliance?",
]

# Gradio's default orange button (white on orange-500/600) and its grey help text fall short of
# WCAG AA contrast (axe: color-contrast); these shades pass.
THEME = gr.themes.Default(font=["system-ui", "sans-serif"],
                          font_mono=["ui-monospace", "monospace"]).set(
    button_primary_background_fill="*primary_700",
    button_primary_background_fill_hover="*primary_800",
    button_primary_text_color="white",
    block_info_text_color="*neutral_600",
    block_info_text_color_dark="*neutral_300")

# Runs once (guarded), when the content note renders: document-level listeners, so answers
# added later are covered too.
PAGE_JS = """
if (!window.reviewqaPage) {
  window.reviewqaPage = true;
  const scroller = (el) => {
    for (let node = el.parentElement; node; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (/(auto|scroll)/.test(style.overflowY) && node.scrollHeight > node.clientHeight + 2) return node;
    }
    return null;
  };
  const showAt = (el) => {
    const box = scroller(el);
    if (box) box.scrollTop += el.getBoundingClientRect().top - box.getBoundingClientRect().top - 8;
    const top = el.getBoundingClientRect().top;
    if (top < 0 || top > window.innerHeight - 40) window.scrollBy(0, top - 8);
  };
  document.addEventListener('click', (event) => {
    const link = event.target.closest && event.target.closest('a.cite[href^="#"]');
    if (!link) return;
    const card = document.getElementById(decodeURIComponent(link.getAttribute('href').slice(1)));
    if (!card) return;
    event.preventDefault();
    event.stopPropagation();
    showAt(card);
    card.focus({preventScroll: true});
    card.classList.add('flash');
    setTimeout(() => card.classList.remove('flash'), 2500);
  }, true);
  const seen = new Set();
  new MutationObserver(() => {
    document.querySelectorAll('#answer .answer[data-anchor]').forEach((answer) => {
      if (seen.has(answer.dataset.anchor)) return;
      seen.add(answer.dataset.anchor);
      requestAnimationFrame(() => showAt(answer));
    });
  }).observe(document.body, {childList: true, subtree: true});
}
"""

# The Themes table's buttons fill Find examples (the HTML component's own "click" event).
THEMES_JS = """
element.addEventListener('click', (event) => {
  const button = event.target.closest('button[data-theme]');
  if (!button) return;
  trigger('click', {theme: button.dataset.theme, year: button.dataset.year || ''});
});
"""


def ui_filters(year_from: str | None, year_to: str | None, area: str | None,
               review_type: str | None, theme: str | None) -> Filters:
    """Filters from the dropdowns, where "Any" (or nothing) filters nothing."""
    return Filters.from_mapping(filters_used(year_from, year_to, area, review_type, theme))


def filters_used(year_from: str | None, year_to: str | None, area: str | None,
                 review_type: str | None, theme: str | None) -> dict[str, str | None]:
    """The dropdowns' values as filter fields (None for "Any")."""
    def value(choice: str | int | None) -> str | None:
        return None if choice in (None, "", ANY) else str(choice)

    return {"year_from": value(year_from), "year_to": value(year_to), "area": value(area),
            "type": value(review_type), "theme": value(theme)}


@dataclass
class ExamplesTab:
    """The Find examples components that other tabs fill."""

    query: gr.Textbox
    filters: list[gr.Dropdown]  # year from, year to, area, type, theme: the API's order
    outputs: list[Any]  # table, CSV, Markdown, status, and the Word file's state
    run: Any  # the handler


# -- the Blocks ------------------------------------------------------------------------------


def build_blocks(retriever: Retriever) -> gr.Blocks:
    """The web app over ``retriever`` (which serves any number of threads at once). Each page
    load re-reads the filter choices and the catalogue, so an ingest made while the server
    runs shows without a restart."""
    facets = retriever.facets()
    themes = theme_counts(retriever.store)
    with gr.Blocks(title="reviewqa", analytics_enabled=False) as blocks:
        gr.HTML(CONTENT_NOTE, elem_id="content-note", elem_classes="content-note",
                js_on_load=PAGE_JS)
        with gr.Tabs(overflow_behavior="wrap", elem_id="tabs") as tabs:
            with gr.Tab("Ask", id="ask", elem_id="tab-ask"):
                _ask_tab(retriever, facets, themes)
            with gr.Tab("Find examples", id="examples", elem_id="tab-examples"):
                examples = _examples_tab(retriever, facets, themes)
            with gr.Tab("Themes", id="themes", elem_id="tab-themes") as themes_tab:
                chart = _themes_tab(themes, tabs, examples)
            with gr.Tab("Reviews", id="reviews", elem_id="tab-reviews"):
                listing, show_reviews = _reviews_tab(retriever)
            with gr.Tab("About", id="about", elem_id="tab-about"):
                gr.HTML(about_html(retriever), elem_id="about")

        live = list(_LIVE_CONTROLS)  # (the list is emptied below, for the next Blocks)

        def fresh_choices() -> list[Any]:
            retriever.refresh()
            now = retriever.facets()
            years = [ANY, *(str(y) for y in now.years)]
            lists = {"year-from": years, "year-to": years, "area": [ANY, *now.areas],
                     "type": [ANY, *now.types]}
            return [gr.update(choices=lists[name]) for name, _ in live]

        blocks.load(fresh_choices, outputs=[control for _, control in live],
                    api_visibility="private")
        blocks.load(lambda: show_reviews(None), outputs=listing, api_visibility="private")
        themes_tab.select(_chart_drawer(retriever), outputs=chart, api_visibility="private")
        _LIVE_CONTROLS.clear()
    return blocks


# The filter dropdowns made while a Blocks is being built, refreshed on every page load.
_LIVE_CONTROLS: list[tuple[str, gr.Dropdown]] = []


def _status(message: str) -> str:
    return f'<p class="error" role="alert">{escape(message)}</p>'


def _ask_tab(retriever: Retriever, facets: Facets, themes: list[ThemeCount]) -> None:
    """Question box, conversation and filters; the answer handler is the API endpoint "ask"."""

    def ask(question: str, history: list | None, year_from: str, year_to: str, area: str,
            review_type: str, theme: str) -> tuple[list, str, str]:
        """Answers the question; returns (conversation, question box, status line)."""
        history = list(history or [])
        asked = question
        try:
            filters = ui_filters(year_from, year_to, area, review_type, theme)
            # a follow-up ("and the recommendations?", "only Bradford ones") is read with the
            # question before it
            asked = retriever.read_in_conversation(question, last_question(history),
                                                   last_reviews(history),
                                                   less_close_reviews(history),
                                                   earlier_reviews(history))
            answer = retriever.answer(asked, filters=filters)
        except QueryError as err:
            return history, question, _status(str(err))
        except Exception:
            log.exception("answering failed")
            return history, question, _status(ERROR_MESSAGE)
        read_as = asked if asked != question else ""
        history += [{"role": "user", "content": render_question(question, asked)},
                    {"role": "assistant", "content": render_answer(answer, asked=read_as)}]
        return history, "", ""

    def pick_example(event: gr.SelectData) -> str:
        value = event.value
        return value.get("text", "") if isinstance(value, dict) else str(value or "")

    with gr.Row(equal_height=False):
        with gr.Column(scale=3, elem_id="ask-column"):
            chat = gr.Chatbot(label="Answers, quoted from the reviews", show_label=False,
                              elem_id="answer", height=560, autoscroll=False,
                              render_markdown=False, sanitize_html=True, buttons=[],
                              feedback_options=None, latex_delimiters=[],
                              placeholder="<p><strong>Ask what the case reviews say.</strong> "
                                          "Choose an example question, or type your own below.</p>",
                              examples=[{"text": q} for q in EXAMPLE_QUESTIONS])
            with gr.Group(elem_id="question-row"):
                question = gr.Textbox(
                    label="Your question", elem_id="question", max_length=MAX_QUERY_CHARS,
                    placeholder="e.g. What went wrong with escalation?", lines=1,
                    info=f"Up to {MAX_QUERY_CHARS} characters. Do not enter names or details of "
                         "real people.")
                with gr.Row():
                    ask_button = gr.Button("Ask", variant="primary", elem_id="ask-button")
                    clear = gr.Button("Clear conversation", elem_id="clear-button")
            status = gr.HTML(elem_id="ask-status")
        with gr.Column(scale=1, min_width=240, elem_id="ask-filters"), \
                gr.Accordion("Filters", open=True):
            filters = _filter_controls(facets, themes, "ask")
    gr.on([ask_button.click, question.submit], ask, inputs=[question, chat, *filters],
          outputs=[chat, question, status], api_name="ask")
    chat.example_select(pick_example, outputs=question, api_visibility="private").then(
        ask, inputs=[question, chat, *filters], outputs=[chat, question, status],
        api_visibility="private")
    clear.click(lambda: ([], ""), outputs=[chat, status], api_visibility="private")


def _examples_tab(retriever: Retriever, facets: Facets, themes: list[ThemeCount]) -> ExamplesTab:
    """Theme box, filters, one row per review, and CSV / Markdown / Word downloads."""
    exports = tempfile.TemporaryDirectory(prefix="reviewqa-exports-")  # removed when the app goes

    def examples(query: str, year_from: str, year_to: str, area: str, review_type: str,
                 theme: str) -> tuple[str, object, object, str, str | None]:
        """Finds examples; returns (table, CSV file, Markdown file, status line, Word file)."""
        query = (query or "").strip() or (theme if theme not in (None, "", ANY) else "")
        no_files = (gr.update(value=None, interactive=False),) * 2
        if not query:
            return "", *no_files, _status("Type a theme or question, or choose a theme."), None
        try:
            query = clean_question(query)  # (a control character broke the Word handout)
            used = filters_used(year_from, year_to, area, review_type, theme)
            rows = find_examples(retriever, query, Filters.from_mapping(used))
        except Refused as err:  # shown as the chat shows a refusal, not as a mistake in the box
            refusal = Answer(question=query, text=str(err), kind="refusal")
            return render_answer(refusal), *no_files, "", None
        except QueryError as err:
            return "", *no_files, _status(str(err)), None
        except Exception:
            log.exception("finding examples failed")
            return "", *no_files, _status(ERROR_MESSAGE), None
        table = render_examples(rows, query, used)
        if not rows:
            return table, *no_files, "", None
        csv_path, md_path, docx_path = write_exports(rows, query, Path(exports.name), used)
        return (table, gr.update(value=str(csv_path), interactive=True),
                gr.update(value=str(md_path), interactive=True), "", str(docx_path))

    with gr.Row(equal_height=False):
        with gr.Column(scale=3, elem_id="examples-column"):
            with gr.Row():
                query = gr.Textbox(label="Theme or question", elem_id="examples-query",
                                   max_length=MAX_QUERY_CHARS, scale=2, min_width=200,
                                   placeholder="e.g. a baby died while co-sleeping")
                theme = _theme_dropdown(themes, "examples", scale=1)
            find_button = gr.Button("Find examples", variant="primary", elem_id="examples-button")
            status = gr.HTML(elem_id="examples-status")
            table = gr.HTML(elem_id="examples-table")
            with gr.Row():
                csv_button = gr.DownloadButton("Download table (CSV)", interactive=False,
                                               elem_id="export-csv")
                md_button = gr.DownloadButton("Download handout (Markdown)", interactive=False,
                                              elem_id="export-md")
                docx_button = gr.DownloadButton("Download handout (Word)", interactive=False,
                                                elem_id="export-docx")
        with gr.Column(scale=1, min_width=240, elem_id="examples-filters"), \
                gr.Accordion("Filters", open=True):
            year_from, year_to, area, review_type = _filter_controls(facets, None, "examples")
    docx_file = gr.State(None)
    filters = [year_from, year_to, area, review_type, theme]
    outputs = [table, csv_button, md_button, status, docx_file]

    def word_button(path: str | None) -> dict:
        return gr.update(value=path, interactive=bool(path))

    gr.on([find_button.click, query.submit], examples, inputs=[query, *filters], outputs=outputs,
          api_name="find_examples").then(word_button, inputs=docx_file, outputs=docx_button,
                                         api_visibility="private")
    return ExamplesTab(query, filters, [*outputs, docx_button], examples)


def _themes_tab(themes: list[ThemeCount], tabs: gr.Tabs, target: ExamplesTab) -> gr.HTML:
    """The themes with their review counts, a chart by year (drawn when the tab is opened),
    and a table whose buttons fill Find examples with a theme (and a year) and run it."""
    with gr.Row(equal_height=False):
        with gr.Column(scale=1, min_width=300):
            grid = gr.HTML(render_themes(themes), elem_id="themes-table", js_on_load=THEMES_JS)
        with gr.Column(scale=1, min_width=300):
            chart = gr.HTML("", elem_id="themes-chart")

    def choose(event: gr.EventData) -> tuple:
        data = getattr(event, "_data", None) or {}
        theme = str(data.get("theme") or "")
        year = str(data.get("year") or "")
        year_value = year if year.isdigit() else ANY
        return (gr.Tabs(selected="examples"), "", year_value, year_value,
                gr.update(value=theme or ANY))

    year_from, year_to, _, _, theme = target.filters
    grid.click(choose, outputs=[tabs, target.query, year_from, year_to, theme],
               api_visibility="private").then(
        target.run, inputs=[target.query, *target.filters], outputs=target.outputs[:5],
        api_visibility="private").then(
        lambda path: gr.update(value=path, interactive=bool(path)), inputs=target.outputs[4],
        outputs=target.outputs[5], api_visibility="private")
    return chart


def _chart_drawer(retriever: Retriever) -> Callable[[], str]:
    """The themes chart of the index as it is now, drawn when first asked for (matplotlib
    takes seconds to import and draw, so not while the server starts) and again only when
    the counts change."""
    drawn: dict[str, str] = {}
    lock = threading.Lock()

    def draw() -> str:
        retriever.refresh()
        counts = theme_counts(retriever.store)
        key = repr([c.to_json() for c in counts])
        with lock:
            if key not in drawn:
                drawn.clear()
                drawn[key] = render_themes_chart(counts)
            return drawn[key]

    return draw


def _reviews_tab(retriever: Retriever) -> tuple[gr.HTML, Callable[[str | None], str]]:
    """The catalogue, read afresh on each page load and filtered as the user types."""
    needle = gr.Textbox(label="Filter reviews", elem_id="reviews-filter",
                        placeholder="title, area, year, type, theme or publisher")
    listing = gr.HTML(render_catalogue(catalogue(retriever.store)), elem_id="reviews-table")

    def show(text: str | None) -> str:
        retriever.refresh()
        return render_catalogue(filter_catalogue(catalogue(retriever.store), text))

    needle.change(show, inputs=needle, outputs=listing, api_visibility="private")
    return listing, show


def _choice(control: gr.Dropdown) -> gr.Dropdown:
    """``control``, whose value must be one of its choices: another, sent to the app's API by
    hand, is refused in one line to the caller, as Gradio refuses it, but without the
    traceback Gradio printed to the server's log for it. (Wrapped, not subclassed: Gradio
    writes a stub file beside the module of every subclass of a component.)"""
    preprocess = control.preprocess

    def checked(payload: Any) -> Any:
        try:
            return preprocess(payload)
        except gr.Error:
            said = " ".join(str(payload).split())
            said = said if len(said) <= 80 else said[:79] + "…"
            raise gr.Error(f"{control.label}: “{said}” is not one of its choices",
                           print_exception=False) from None

    control.preprocess = checked  # type: ignore[method-assign]
    return control


def _theme_dropdown(themes: list[ThemeCount], prefix: str, scale: int | None = None) -> gr.Dropdown:
    """Every canonical theme, alphabetical, with its number of reviews; type to search."""
    choices = [(ANY, ANY)] + [(f"{c.theme} ({c.reviews})", c.theme)
                              for c in sorted(themes, key=lambda c: c.theme)]
    return _choice(gr.Dropdown(choices, value=ANY, label="Theme", elem_id=f"{prefix}-theme",
                               filterable=True, scale=scale, min_width=160,
                               info="Type to search the themes; the number is of reviews."))


def _filter_controls(facets: Facets, themes: list[ThemeCount] | None,
                     prefix: str) -> list[gr.Dropdown]:
    """Year range, area and review type dropdowns (and the theme, when ``themes`` is given),
    each with an "Any" choice."""
    years = [str(y) for y in facets.years]

    def dropdown(label: str, choices: list[str], name: str) -> gr.Dropdown:
        control = _choice(gr.Dropdown([ANY, *choices], value=ANY, label=label,
                                      elem_id=f"{prefix}-{name}", filterable=True))
        _LIVE_CONTROLS.append((name, control))
        return control

    controls = [dropdown("Year from", years, "year-from"), dropdown("Year to", years, "year-to"),
                dropdown("Area", facets.areas, "area"), dropdown("Review type", facets.types, "type")]
    if themes is not None:
        controls.append(_theme_dropdown(themes, prefix))
    return controls
