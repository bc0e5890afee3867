"""The web app in a real headless Chromium, at a desktop (1366×900) and a phone (390×844) size.

Asks an example question, follows a citation [n] to its card, opens the source and finds the
quoted sentence highlighted under a pinned header with the publisher (and the published
report's link, from a fixture manifest), finds examples on a theme and checks the downloads,
and opens the Themes chart. The server is the real FastAPI + Gradio app under uvicorn on a
free 127.0.0.1 port, over the bundled corpus index (built once per session by conftest).
Chromium is Debian's ``/usr/bin/chromium`` driven by Playwright; the tests skip only where it
is not installed. axe-core (npm) checks accessibility where its ``axe.min.js`` is found.
Screenshots go to ``tests/artifacts/``; the README's are copied to ``docs/``.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import PUBLISHED_URL as PUBLISHED
from helpers import Served
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from reviewqa.retriever.examples import NOT_RECORDED
from reviewqa.retriever.search import Retriever
from reviewqa.ui.export import BASE_URL_ENV
from reviewqa.ui.server import create_app
from reviewqa.ui.web import EXAMPLE_QUESTIONS

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [pytest.mark.browser, pytest.mark.skipif(
    not CHROMIUM.exists(), reason=f"{CHROMIUM} not installed (make browser-deps installs Debian's chromium)")]
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-quic"]
SIZES = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
ARTIFACTS = Path(__file__).parent / "artifacts"
DOCS = Path(__file__).parent.parent / "docs"
ANSWER_TIMEOUT_MS = 120_000
FIRST_CLICK_MS = 30_000  # (see session)
QUESTION = EXAMPLE_QUESTIONS[0]  # "What went wrong with escalation?"
IDENTIFYING_QUESTION = "what is Child K's real name?"
TRANSPARENT = "rgba(0, 0, 0, 0)"
THEME = "neglect"


def squash(text: str) -> str:
    """Text with every run of whitespace (line breaks from <br> or pre-wrap) made one space."""
    return " ".join(text.split())


def shot(page: Page, name: str, docs_name: str | None = None, full_page: bool = False) -> None:
    """A screenshot to tests/artifacts/NAME.png, copied to docs/DOCS_NAME for the README
    where REVIEWQA_DOCS_SCREENSHOTS=1 asks for it (else every run rewrote tracked files)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    if docs_name and os.environ.get("REVIEWQA_DOCS_SCREENSHOTS") == "1":
        shutil.copy(path, DOCS / docs_name)


# -- the servers and the browser ----------------------------------------------------------------


@pytest.fixture(scope="module")
def base_url(retriever: Retriever) -> Iterator[str]:
    """One real app server for the module, over the shared bundled index; exports link to it."""
    with Served(create_app(retriever)) as server:
        before = os.environ.get(BASE_URL_ENV)
        os.environ[BASE_URL_ENV] = server.url
        yield server.url
        if before is None:
            os.environ.pop(BASE_URL_ENV, None)
        else:
            os.environ[BASE_URL_ENV] = before


@pytest.fixture(scope="module")
def linked_url(linked_index_dir, embedder) -> Iterator[str]:
    """A server over the Sameer brief whose manifest records the published report's link."""
    from reviewqa.embed.pipeline import CorpusIndex

    retriever = Retriever(CorpusIndex.open(linked_index_dir, embedder=embedder))
    with Served(create_app(retriever)) as server:
        yield server.url
    retriever.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless (the module is skipped where it is not installed)."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                              args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def axe_script() -> Path | None:
    """axe-core's axe.min.js (npm): $AXE_CORE_JS, ./node_modules, or the global npm root."""
    candidates = [os.environ.get("AXE_CORE_JS", ""), "node_modules/axe-core/axe.min.js"]
    if shutil.which("npm"):
        try:
            root = subprocess.run(["npm", "root", "-g"], capture_output=True, text=True,
                                  timeout=30).stdout.strip()
            candidates.append(f"{root}/axe-core/axe.min.js")
        except (OSError, subprocess.SubprocessError):
            pass
    return next((Path(c) for c in candidates if c and Path(c).is_file()), None)


@dataclass
class Session:
    """A browser tab at one size after the example question was answered."""

    size: str
    context: BrowserContext
    page: Page
    requests: list[tuple[str, str]] = field(default_factory=list)  # (method, url)
    websockets: list[str] = field(default_factory=list)


@pytest.fixture(scope="module", params=list(SIZES))
def session(request, browser: Browser, base_url: str) -> Iterator[Session]:
    """The app at one size, the first example question asked by clicking it in the empty chat."""
    context = browser.new_context(viewport=SIZES[request.param], accept_downloads=True)
    page = context.new_page()
    state = Session(request.param, context, page)
    context.on("request", lambda r: state.requests.append((r.method, r.url)))
    page.on("websocket", lambda socket_: state.websockets.append(socket_.url))
    page.goto(base_url + "/")
    example = page.locator("#answer").get_by_role("button", name=QUESTION)
    expect(example).to_be_visible()
    example.click()
    card = page.locator("#answer .source-card").first
    try:
        card.wait_for(timeout=FIRST_CLICK_MS)
    except PlaywrightTimeoutError:
        # Twice in CI (sessions 74 and 79) the first size's click, made as the page came up,
        # left the chat empty for the two minutes allowed, and every test of that size
        # failed; the app answers in under a second once it has the question. One click
        # more while the example is still offered; the answer must then come.
        if example.is_visible():
            example.click()
        card.wait_for(timeout=ANSWER_TIMEOUT_MS)
    yield state
    context.close()


def run_axe(page: Page, include: list[str] | None = None) -> list[dict]:
    """axe-core's serious and critical violations on ``page`` (within ``include`` selectors)."""
    script = axe_script()
    if script is None:
        pytest.skip("axe-core not found (npm install -g axe-core, or set AXE_CORE_JS)")
    page.add_script_tag(path=str(script))
    context = json.dumps({"include": [[s] for s in include]}) if include else "document"
    result = page.evaluate(f"""async () => {{
        const r = await axe.run({context}, {{runOnly: {{type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}}}});
        return r.violations.map(v => ({{id: v.id, impact: v.impact,
            nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}}));
    }}""")
    return [v for v in result if v["impact"] in ("serious", "critical")]


# -- Ask -------------------------------------------------------------------------------------


def test_example_question_is_answered_from_its_start(session: Session, retriever: Retriever):
    page = session.page
    answer = page.locator("#answer .answer-extractive")
    expect(answer).to_have_count(1)
    expect(page.locator("#answer .question")).to_have_text(QUESTION)
    expect(page.locator("#ask-status .error")).to_have_count(0)
    # The view shows the start of the answer, not its last card.
    top = answer.evaluate("a => a.getBoundingClientRect().top")
    assert 0 <= top < SIZES[session.size]["height"] * 0.8, top
    # Every [n] is a link to a card of this answer, and every card is cited.
    cited = answer.locator(".answer-group a.cite")
    numbers = answer.locator(".source-card .source-title .cite").all_inner_texts()
    assert cited.count() and all(re.fullmatch(r"\[\d+\]", t) for t in cited.all_inner_texts())
    assert set(cited.all_inner_texts()) == set(numbers)
    card_ids = answer.locator(".source-card").evaluate_all("cards => cards.map(c => c.id)")
    hrefs = cited.evaluate_all("links => links.map(a => a.getAttribute('href').slice(1))")
    assert set(hrefs) == set(card_ids) and len(set(card_ids)) == len(card_ids)
    # Cards name the review and its publisher; the file name is on the details line only.
    titles = [squash(t).split(" ", 1)[1] for t in answer.locator(".source-title").all_inner_texts()]
    assert set(titles) <= {r.title for r in retriever.store.reviews()}, titles
    assert {"Sameer", "Baby Sama"} & set(titles), titles
    publishers = {d.publisher for d in retriever.store.documents()}
    for card in answer.locator(".source-card").all():
        prov = card.locator(".source-prov").inner_text()
        assert any(p in prov for p in publishers) and NOT_RECORDED in prov, prov
        assert ".txt" not in card.locator(".source-meta").inner_text()
        for mark in card.locator(".passage mark").all():
            expect(mark).to_be_visible()
            assert mark.evaluate("m => getComputedStyle(m).backgroundColor") != TRANSPARENT
    if session.size == "phone":  # the question box comes first, above the chat, on screen
        box = page.locator("#question textarea").bounding_box()
        assert box and box["y"] + box["height"] < SIZES["phone"]["height"]
        assert box["y"] < page.locator("#answer").bounding_box()["y"]
        assert page.evaluate("document.documentElement.scrollWidth") <= SIZES["phone"]["width"]
    shot(page, f"chat-{session.size}",
         "screenshot-chat.png" if session.size == "desktop" else "screenshot-phone.png")


def test_citation_jumps_to_its_card(session: Session):
    page = session.page
    link = page.locator("#answer .answer-group a.cite").first
    target = link.get_attribute("href")[1:]
    link.click()
    card = page.locator(f"[id='{target}']")
    expect(card).to_be_in_viewport()
    expect(card).to_be_focused()
    assert card.locator(".source-title .cite").inner_text() == link.inner_text()
    shot(page, f"citation-{session.size}")


def test_source_opens_with_the_quoted_sentence_highlighted(session: Session, base_url: str):
    card = session.page.locator("#answer .source-card").first
    quoted = squash(card.locator(".passage mark").first.inner_text())
    link = card.locator("a.source-link")
    expect(link).to_have_attribute("target", "_blank")
    href = link.get_attribute("href")
    assert "&q=" in href
    with session.context.expect_page() as opened:
        link.click()
    source = opened.value
    source.wait_for_load_state()
    assert source.url == base_url + href
    spans = parse_qs(urlsplit(source.url).query)["q"][0]
    assert re.fullmatch(r"\d+-\d+(,\d+-\d+)*", spans)

    quote = source.locator("main mark.quote").first
    expect(quote).to_be_visible()
    expect(quote).to_be_in_viewport()
    assert squash(quote.inner_text()) == quoted
    strong = quote.evaluate("m => getComputedStyle(m).backgroundColor")
    light = source.locator("mark#passage").evaluate("m => getComputedStyle(m).backgroundColor")
    assert TRANSPARENT not in (strong, light) and strong != light
    shot(source, f"source-{session.size}")
    # The header stays pinned while the text scrolls, with the publisher and the link's status.
    head = source.locator("header.doc-head")
    assert head.evaluate("h => getComputedStyle(h).position") == "sticky"
    expect(head).to_contain_text(NOT_RECORDED)
    source.mouse.wheel(0, 3000)
    source.wait_for_timeout(300)
    assert head.evaluate("h => h.getBoundingClientRect().top") == 0
    expect(head).to_be_in_viewport()
    assert "sha256" not in head.inner_text()
    shot(source, f"source-scrolled-{session.size}")
    source.close()


def test_source_page_passes_axe(browser: Browser, base_url: str, retriever: Retriever):
    citation = retriever.answer(QUESTION).citations[0]
    quote = citation.quotes[0]
    # The page forbids scripts (CSP); this context lets axe's in for the check only.
    context = browser.new_context(viewport=SIZES["desktop"], bypass_csp=True)
    try:
        page = context.new_page()
        page.goto(f"{base_url}{citation.hit.url.split('#')[0]}&q={quote.start}-{quote.end}")
        assert run_axe(page) == []
    finally:
        context.close()


def test_source_header_links_the_published_report(browser: Browser, linked_url: str):
    context = browser.new_context(viewport=SIZES["phone"])
    try:
        page = context.new_page()
        reviews = json.loads(context.request.get(linked_url + "/api/reviews").text())["reviews"]
        url = reviews[0]["sources"][0]["url"]
        start = int(parse_qs(urlsplit(url).query)["start"][0])
        page.goto(f"{linked_url}{url.split('#')[0]}&q={start}-{start + 40}#quote")
        head = page.locator("header.doc-head")
        expect(head).to_contain_text("Bradford Safeguarding Children Board")
        published = head.locator("a.published-link")
        expect(published).to_be_visible()
        expect(published).to_have_attribute("href", PUBLISHED)
        expect(published).to_have_attribute("rel", "noopener noreferrer")
        expect(page.locator("main mark.quote")).to_be_visible()
        shot(page, "source-linked-phone")
    finally:
        context.close()


@contextmanager
def asked(browser: Browser, base_url: str, question: str, shown: str) -> Iterator[tuple[Page, Locator]]:
    """A desktop page of the app that has asked ``question`` in its box, once the answer's
    ``shown`` (a selector) is there, with that locator; closed after."""
    context = browser.new_context(viewport=SIZES["desktop"])
    try:
        page = context.new_page()
        page.goto(base_url + "/")
        page.locator("#question textarea").fill(question)
        page.locator("#ask-button").click()
        found = page.locator(shown)
        found.wait_for(timeout=ANSWER_TIMEOUT_MS)
        yield page, found
    finally:
        context.close()


def test_identifying_question_is_refused_without_sources(browser: Browser, base_url: str,
                                                         retriever: Retriever):
    with asked(browser, base_url, IDENTIFYING_QUESTION, "#answer .refusal") as (page, refusal):
        expected = retriever.answer(IDENTIFYING_QUESTION)
        assert expected.kind == "refusal"
        expect(refusal).to_have_text(squash(expected.text))
        expect(page.locator("#answer .source-card")).to_have_count(0)


def test_a_request_for_films_lists_the_resources_with_their_sources(browser: Browser, base_url: str,
                                                                     retriever: Retriever):
    question = "are there any toolkits or films I could use for a session on radicalisation?"
    with asked(browser, base_url, question, "#answer .resources") as (page, section):
        expected = retriever.answer(question).resources
        items = section.locator(".resource-card")
        expect(items).to_have_count(len(expected))
        expect(items.first.locator(".source-title")).to_have_text(expected[0].title)
        link = items.first.locator("a.source-link")
        expect(link).to_have_attribute("href", expected[0].url)
        expect(link).to_have_attribute("target", "_blank")
        # the resources are no source the answer cites: no numbered card is made for one
        cited = page.locator("#answer .source-card:not(.resource-card) .source-title").all_inner_texts()
        assert not any(r.title in card for r in expected for card in cited), cited
        section.scroll_into_view_if_needed()
        shot(page, "resources-desktop")


# -- Find examples, Themes, Reviews --------------------------------------------------------------


def choose_theme(page: Page, theme: str) -> None:
    box = page.locator("#examples-theme input")
    box.click()
    box.fill(theme)
    page.get_by_role("option", name=re.compile(rf"^{re.escape(theme)} \(\d+\)$")).click()


def test_examples_on_a_theme_export_handout_ready_files(session: Session, tmp_path: Path,
                                                        base_url: str):
    page = session.page
    page.get_by_role("tab", name="Find examples").click()
    choose_theme(page, THEME)
    page.locator("#examples-button").click()
    rows = page.locator("#examples-table .example-row")
    rows.first.wait_for(timeout=ANSWER_TIMEOUT_MS)
    expect(page.locator("#examples-table .result-count")).to_contain_text(
        f"{rows.count()} reviews found for “{THEME}” (theme: {THEME})")
    # Nothing is cut: no cell hides text, the page does not scroll sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[session.size]["width"]
    clipped = page.locator("#examples-table td").evaluate_all(
        "cells => cells.filter(c => c.scrollWidth > c.clientWidth + 1).length")
    assert clipped == 0
    expect(rows.first.get_by_role("link", name=re.compile("^Open in source"))).to_be_visible()
    shot(page, f"examples-{session.size}")

    today = date.today().isoformat()
    files = {}
    for button, ext in (("#export-csv", "csv"), ("#export-md", "md"), ("#export-docx", "docx")):
        expect(page.locator(button)).to_be_enabled()
        with page.expect_download() as download:
            page.locator(button).click()
        assert download.value.suggested_filename == f"reviewqa-examples-{THEME}-{today}.{ext}"
        files[ext] = tmp_path / download.value.suggested_filename
        download.value.save_as(files[ext])

    raw = files["csv"].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    table = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(table) == rows.count()
    assert all(r["url"].startswith(base_url + "/source/") for r in table)
    assert all(r["published_url"] == NOT_RECORDED and r["publisher"] for r in table)
    assert all(not r["summary"].endswith("…") for r in table)
    status = page.context.request.get(table[0]["url"]).status
    assert status == 200
    handout = files["md"].read_text(encoding="utf-8")
    assert handout.startswith(f"# Case review examples: {THEME}")
    assert f"Theme: {THEME}" in handout and f"Prepared {today}" in handout
    assert "…" not in handout and handout.count(NOT_RECORDED) == len(table)
    assert handout.count(f"]({'<'}{base_url}/source/") == len(table)
    from docx import Document

    assert THEME in Document(str(files["docx"])).paragraphs[0].text


def test_themes_chart_fills_find_examples(session: Session):
    page = session.page
    page.get_by_role("tab", name="Themes").click()
    chart = page.locator("#themes-chart img")
    expect(chart).to_be_visible()
    assert chart.evaluate("img => img.naturalWidth") > 300
    assert chart.get_attribute("src").startswith("data:image/png;base64,")
    assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[session.size]["width"]
    shot(page, f"themes-{session.size}", "screenshot-themes.png" if session.size == "desktop" else None)
    button = page.locator(f"#themes-table button.year-button[data-theme='{THEME}']").first
    year, count = button.get_attribute("data-year"), int(button.inner_text())
    button.click()
    expect(page.get_by_role("tab", name="Find examples")).to_have_attribute("aria-selected", "true")
    expect(page.locator("#examples-theme input")).to_have_value(re.compile(rf"^{THEME}"))
    rows = page.locator("#examples-table .example-row")
    expect(rows.first).to_be_visible(timeout=ANSWER_TIMEOUT_MS)
    expect(page.locator("#examples-table .result-count")).to_contain_text(f"year {year}")
    assert rows.count() <= count


def test_every_tab_is_reachable_and_tables_fit(session: Session):
    page = session.page
    for name in ("Ask", "Find examples", "Themes", "Reviews", "About"):
        expect(page.get_by_role("tab", name=name)).to_be_visible()
    page.get_by_role("tab", name="Reviews").click()
    first = page.locator("#reviews-table .review-row").first
    expect(first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[session.size]["width"]
    if session.size == "phone":
        assert first.bounding_box()["height"] < 420
        shot(page, "reviews-phone")
    page.get_by_role("tab", name="Ask").click()


def test_our_markup_passes_axe(session: Session):
    page = session.page
    page.get_by_role("tab", name="Ask").click()
    ours = run_axe(page, ["#answer .answer", "#content-note"])
    page.get_by_role("tab", name="Themes").click()
    ours += run_axe(page, ["#themes-table", "#themes-chart"])
    page.get_by_role("tab", name="Find examples").click()
    ours += run_axe(page, ["#examples-table"])
    page.get_by_role("tab", name="Reviews").click()
    expect(page.locator("#reviews-table .review-row").first).to_be_visible()
    ours += run_axe(page, ["#reviews-table"])
    assert ours == [], ours
    whole = run_axe(page)  # Gradio's own markup: reported, not failed
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"axe-gradio-{session.size}.json").write_text(json.dumps(whole, indent=1))


def test_nothing_is_requested_beyond_the_local_server(session: Session, base_url: str):
    assert ("GET", base_url + "/") in session.requests
    assert any(method == "POST" for method, _ in session.requests), session.requests
    local = urlsplit(base_url).netloc
    elsewhere = [url for _, url in session.requests
                 if not url.startswith(("data:", "blob:")) and urlsplit(url).netloc != local]
    elsewhere += [url for url in session.websockets if urlsplit(url).netloc != local]
    assert elsewhere == []
