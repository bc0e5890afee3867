"""The web app in a real headless Chromium: ask, read the cited cards, open the source.

The server is the real FastAPI + Gradio app under uvicorn on a free 127.0.0.1 port, over
the bundled corpus index (built once per session by conftest). Chromium is Debian's
``/usr/bin/chromium`` driven by Playwright; the tests skip only where it is not installed.
Screenshots go to ``tests/artifacts/`` for a person to look at.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from helpers import Served
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

from reviewqa.retriever.search import Retriever
from reviewqa.ui.server import create_app

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [pytest.mark.browser, pytest.mark.skipif(
    not CHROMIUM.exists(), reason=f"{CHROMIUM} not installed (make browser-deps installs Debian's chromium)")]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
VIEWPORT = {"width": 1280, "height": 900}
ARTIFACTS = Path(__file__).parent / "artifacts"
ANSWER_TIMEOUT_MS = 120_000
QUESTION = "what went wrong with escalation?"
IDENTIFYING_QUESTION = "what is Child K's real name?"
TRANSPARENT = "rgba(0, 0, 0, 0)"

# A node's text without the source viewer's "page N" separators, which are not document text.
TEXT_WITHOUT_PAGE_RULES = """node => {
    const copy = node.cloneNode(true);
    copy.querySelectorAll('.page-break').forEach(rule => rule.remove());
    return copy.textContent;
}"""


def squash(text: str) -> str:
    """Text with every run of whitespace (line breaks from <br> or pre-wrap) made one space."""
    return " ".join(text.split())


# -- the server and the browser ---------------------------------------------------------------


@pytest.fixture(scope="module")
def base_url(retriever: Retriever) -> Iterator[str]:
    """One real app server for the module, over the shared bundled index."""
    with Served(create_app(retriever)) as server:
        yield server.url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless (the module is skipped where it is not installed)."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                              args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Asked:
    """A browser tab after a question was answered, and every request its context made."""

    context: BrowserContext
    page: Page
    requests: list[tuple[str, str]] = field(default_factory=list)  # (method, url)
    websockets: list[str] = field(default_factory=list)


def ask(page: Page, question: str) -> None:
    """Types ``question`` into the question box and presses Ask."""
    page.locator("#question textarea").fill(question)
    page.locator("#ask-button").click()


@pytest.fixture(scope="module")
def asked(browser: Browser, base_url: str) -> Iterator[Asked]:
    """The app opened in a fresh context with QUESTION asked and answered with source cards."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    state = Asked(context, page)
    context.on("request", lambda request: state.requests.append((request.method, request.url)))
    page.on("websocket", lambda socket_: state.websockets.append(socket_.url))
    page.goto(base_url + "/")
    ask(page, QUESTION)
    page.locator("#answer .source-card").first.wait_for(timeout=ANSWER_TIMEOUT_MS)
    yield state
    context.close()


# -- the tests -----------------------------------------------------------------------------------


def test_answer_cites_review_passages_with_highlighted_quotes(asked: Asked, retriever: Retriever):
    page = asked.page
    answer = page.locator("#answer .answer-extractive")
    expect(answer).to_have_count(1)
    expect(page.locator("#answer .question")).to_have_text(QUESTION)
    expect(page.locator("#ask-status .error")).to_have_count(0)
    expect(page.locator("#question textarea")).to_have_value("")

    # Every [n] in the answer text has a card, and every card is cited in the text.
    cited = answer.locator(".answer-group .cite").all_inner_texts()
    cards = answer.locator(".source-card")
    numbers = answer.locator(".source-card .source-title .cite").all_inner_texts()
    assert cited and all(re.fullmatch(r"\[\d+\]", marker) for marker in cited), cited
    assert set(cited) == set(numbers) and len(numbers) == cards.count()

    # Each card is titled with a real review from the index; the escalation reviews are among them.
    titles = [squash(t).split(" ", 1)[1]  # "[1] Baby Sama" -> "Baby Sama"
              for t in answer.locator(".source-card .source-title").all_inner_texts()]
    assert set(titles) <= {review.title for review in retriever.store.reviews()}, titles
    assert {"Sameer", "Baby Sama"} & set(titles), titles

    # Each card highlights its quoted sentences, visibly, and those are sentences of the answer.
    answer_text = squash(" ".join(answer.locator(".answer-group").all_inner_texts()))
    for card in cards.all():
        marks = card.locator(".passage mark")
        assert marks.count() >= 1, card.inner_text()
        for mark in marks.all():
            expect(mark).to_be_visible()
            assert mark.evaluate("m => getComputedStyle(m).backgroundColor") != TRANSPARENT
            assert squash(mark.inner_text()) in answer_text
        expect(card.locator("a.source-link")).to_have_attribute("target", "_blank")

    page.locator("#answer [role=log]").evaluate("log => log.scrollTop = 0")  # start of the answer
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "chat.png"))


def test_source_link_opens_the_passage_highlighted_in_a_new_tab(asked: Asked, base_url: str):
    card = asked.page.locator("#answer .source-card").first
    link = card.locator("a.source-link")
    href = link.get_attribute("href")
    with asked.context.expect_page() as opened:
        link.click()
    source = opened.value
    source.wait_for_load_state()
    assert source.url == base_url + href
    url = urlsplit(source.url)
    assert url.path.startswith("/source/") and url.fragment == "passage"

    passage = source.locator("mark#passage")
    expect(passage).to_be_visible()
    expect(passage).to_be_in_viewport()
    assert passage.evaluate("m => getComputedStyle(m).backgroundColor") != TRANSPARENT
    # The highlighted text is the card's passage (the card breaks lines with <br>).
    marked = squash(passage.evaluate(TEXT_WITHOUT_PAGE_RULES))
    assert marked and marked == squash(card.locator(".passage").inner_text())

    ARTIFACTS.mkdir(exist_ok=True)
    source.screenshot(path=str(ARTIFACTS / "source.png"))
    source.close()


def test_identifying_question_is_refused_without_sources(browser: Browser, base_url: str,
                                                         retriever: Retriever):
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        page.goto(base_url + "/")
        ask(page, IDENTIFYING_QUESTION)
        refusal = page.locator("#answer .refusal")
        refusal.wait_for(timeout=ANSWER_TIMEOUT_MS)
        expected = retriever.answer(IDENTIFYING_QUESTION)
        assert expected.kind == "refusal"
        expect(refusal).to_have_text(squash(expected.text))
        expect(page.locator("#answer .question")).to_have_text(IDENTIFYING_QUESTION)
        expect(page.locator("#answer .source-card")).to_have_count(0)
        expect(page.locator("#answer a.source-link")).to_have_count(0)
    finally:
        context.close()


def test_the_ask_flow_requests_nothing_beyond_the_local_server(asked: Asked, base_url: str):
    # The page load and the question's round trip were recorded, so the check is not empty.
    assert ("GET", base_url + "/") in asked.requests
    assert any(method == "POST" for method, _ in asked.requests), asked.requests
    local = urlsplit(base_url).netloc
    elsewhere = [url for _, url in asked.requests
                 if not url.startswith(("data:", "blob:")) and urlsplit(url).netloc != local]
    elsewhere += [url for url in asked.websockets if urlsplit(url).netloc != local]
    assert elsewhere == []
