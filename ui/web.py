"""The Gradio web app: Ask (practitioners), Find examples (trainers), Reviews, About.

This module only builds the Blocks and wires their handlers: answers and examples come from
``reviewqa.retriever``, their HTML from ``reviewqa.ui.render``, the downloads from
``reviewqa.ui.export``. The Gradio ``api_name``s ("ask", "find_examples") are a public API
(``gradio_client``) and stay as they are.
"""

from __future__ import annotations

import logging
import tempfile
from html import escape
from pathlib import Path
from typing import Any

import gradio as gr

from reviewqa.corpus.store import Facets
from reviewqa.retriever.examples import catalogue, filter_catalogue, find_examples
from reviewqa.retriever.search import Retriever
from reviewqa.retriever.types import Filters, QueryError
from reviewqa.settings import MAX_QUERY_CHARS

from .export import write_exports
from .render import (
    CONTENT_NOTE,
    about_html,
    render_answer,
    render_catalogue,
    render_examples,
    render_question,
)

log = logging.getLogger(__name__)

ANY = "Any"
ERROR_MESSAGE = "Something went wrong while answering; the details are in the server log."

THEME = gr.themes.Default(font=["system-ui", "sans-serif"], font_mono=["ui-monospace", "monospace"])


def ui_filters(year_from: str | None, year_to: str | None, area: str | None,
               review_type: str | None, theme: str | None) -> Filters:
    """Filters from the dropdowns, where "Any" (or nothing) filters nothing."""
    def value(choice: str | int | None) -> str | None:
        return None if choice in (None, "", ANY) else str(choice)

    return Filters.from_mapping({"year_from": value(year_from), "year_to": value(year_to),
                                 "area": value(area), "type": value(review_type),
                                 "theme": value(theme)})


# -- the Blocks ------------------------------------------------------------------------------


def build_blocks(retriever: Retriever) -> gr.Blocks:
    """The web app over ``retriever`` (which serves any number of threads at once)."""
    facets = retriever.facets()
    with gr.Blocks(title="reviewqa", analytics_enabled=False) as blocks:
        gr.HTML(CONTENT_NOTE, elem_id="content-note", elem_classes="content-note")
        with gr.Tabs():
            with gr.Tab("Ask", id="ask"):
                _ask_tab(retriever, facets)
            with gr.Tab("Find examples", id="examples"):
                _examples_tab(retriever, facets)
            with gr.Tab("Reviews", id="reviews"):
                _reviews_tab(catalogue(retriever.store))
            with gr.Tab("About", id="about"):
                gr.HTML(about_html(retriever), elem_id="about")
    return blocks


def _status(message: str) -> str:
    return f'<p class="error">{escape(message)}</p>'


def _ask_tab(retriever: Retriever, facets: Facets) -> None:
    """Question box, conversation and filters; the answer handler is the API endpoint "ask"."""

    def ask(question: str, history: list | None, year_from: str, year_to: str, area: str,
            review_type: str, theme: str) -> tuple[list, str, str]:
        """Answers the question; returns (conversation, question box, status line)."""
        history = list(history or [])
        try:
            filters = ui_filters(year_from, year_to, area, review_type, theme)
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


def _examples_tab(retriever: Retriever, facets: Facets) -> None:
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


def _reviews_tab(reviews: list[dict[str, Any]]) -> None:
    """The catalogue, filtered as the user types."""
    needle = gr.Textbox(label="Filter reviews", elem_id="reviews-filter",
                        placeholder="title, area, year, type or keyword")
    listing = gr.HTML(render_catalogue(reviews), elem_id="reviews-table")
    needle.change(lambda text: render_catalogue(filter_catalogue(reviews, text)), inputs=needle,
                  outputs=listing, api_visibility="private")


def _filter_controls(facets: Facets, prefix: str) -> list[gr.Dropdown]:
    """Year range, area, review type and theme dropdowns, each with an "Any" choice."""
    years = [str(y) for y in facets.years]

    def dropdown(label: str, choices: list[str], name: str) -> gr.Dropdown:
        return gr.Dropdown([ANY, *choices], value=ANY, label=label, elem_id=f"{prefix}-{name}")

    return [dropdown("Year from", years, "year-from"), dropdown("Year to", years, "year-to"),
            dropdown("Area", facets.areas, "area"), dropdown("Review type", facets.types, "type"),
            dropdown("Theme", facets.themes, "theme")]
