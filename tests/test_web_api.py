"""The served app over HTTP: the API, the source viewer, the Gradio app, auth and escaping.

Each server is the real FastAPI + Gradio app under uvicorn on a free 127.0.0.1 port, over a
real index (the bundled corpus, built once per session by conftest); requests go over
real HTTP with urllib and gradio_client.
"""

from __future__ import annotations

import base64
import csv
import html
import io
import json
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlsplit

import pytest
from helpers import Served

from reviewqa.corpus.types import Filters
from reviewqa.retriever.examples import catalogue, filter_catalogue, find_examples
from reviewqa.retriever.safety import REFUSAL
from reviewqa.retriever.search import Retriever
from reviewqa.retriever.themes import theme_counts
from reviewqa.ui.export import md_key, md_text, to_csv, to_markdown
from reviewqa.ui.render import render_answer, render_examples
from reviewqa.ui.server import AuthError, create_app, read_auth
from reviewqa.ui.source import render_text, valid_span

HIT_KEYS = {"rank", "score", "chunk_id", "text", "review", "source"}
SOURCE_KEYS = {"document", "locator", "page", "start", "end", "url"}
XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = "<img src=x onerror=alert(1)>"


# -- a real server in a background thread ---------------------------------------------------


def request(url: str, *, method: str = "GET", body: bytes | None = None,
            auth: tuple[str, str] | None = None,
            content_type: str | None = "application/json") -> tuple[int, dict[str, str], str]:
    """(status, headers, text) of one HTTP request; 4xx/5xx are returned, not raised. A body
    is sent as ``content_type`` (None: no Content-Type header)."""
    req = urllib.request.Request(url, data=body, method=method)
    if body is not None and content_type is not None:
        req.add_header("Content-Type", content_type)
    elif body is not None:
        req.add_unredirected_header("Content-Type", "")  # urllib would add a form type
    if auth:
        token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode()
        req.add_header("Authorization", f"Basic {token}")
    try:
        with urllib.request.urlopen(req, timeout=120) as resp:
            return resp.status, {k.lower(): v for k, v in resp.headers.items()}, resp.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, {k.lower(): v for k, v in err.headers.items()}, err.read().decode()


def get_json(url: str) -> dict:
    status, _, text = request(url)
    assert status == 200, text
    return json.loads(text)


def post_json(url: str, payload: object) -> tuple[int, dict]:
    status, _, text = request(url, method="POST", body=json.dumps(payload).encode())
    return status, json.loads(text)




@pytest.fixture(scope="module")
def served(retriever) -> Iterator[Served]:
    with Served(create_app(retriever)) as server:
        yield server


def _document_text(retriever: Retriever, url: str) -> str:
    key = unquote(urlsplit(url).path.removeprefix("/source/"))
    document = retriever.store.document_by_key(key)
    assert document is not None, url
    return retriever.store.document_text(document.id)


def _squash(text: str) -> str:
    return " ".join(text.split())


# -- /api/search ----------------------------------------------------------------------------


def test_search_get_returns_hits_cited_to_their_documents(served, retriever):
    data = get_json(f"{served.url}/api/search?q={quote('what went wrong with escalation?')}&k=6")
    assert data["query"] == "what went wrong with escalation?"
    hits = data["hits"]
    assert [h["rank"] for h in hits] == [1, 2, 3, 4, 5, 6]
    for hit in hits:
        assert set(hit) == HIT_KEYS
        assert set(hit["review"]) == {"id", "title", "area", "year", "type"}
        assert set(hit["source"]) >= SOURCE_KEYS
        source = hit["source"]
        url = urlsplit(source["url"])
        assert url.path.startswith("/source/") and url.fragment == "passage"
        assert parse_qs(url.query) == {"start": [str(source["start"])], "end": [str(source["end"])]}
        # The passage is exactly the document's text at the cited offsets.
        assert _document_text(retriever, source["url"])[source["start"]:source["end"]] == hit["text"]
    assert {"Sameer", "Baby Sama"} <= {h["review"]["title"] for h in hits}


def test_search_post_matches_get(served):
    question = "information sharing between agencies"
    got = get_json(f"{served.url}/api/search?q={quote(question)}&k=5")
    status, posted = post_json(f"{served.url}/api/search", {"q": question, "k": 5})
    assert status == 200
    assert [h["chunk_id"] for h in posted["hits"]] == [h["chunk_id"] for h in got["hits"]]


def test_filters_are_respected_in_get_and_post(served):
    got = get_json(f"{served.url}/api/search?q=neglect&k=10&year=2016")
    assert got["hits"] and all(h["review"]["year"] == 2016 for h in got["hits"])
    status, posted = post_json(f"{served.url}/api/search",
                               {"q": "neglect", "k": 10, "filters": {"area": "Bedford"}})
    assert status == 200
    assert posted["hits"] and all(h["review"]["area"] == "Bedford" for h in posted["hits"])
    ranged = get_json(f"{served.url}/api/search?q=neglect&year_from=2017&year_to=2018")
    assert ranged["hits"] and all(2017 <= h["review"]["year"] <= 2018 for h in ranged["hits"])


@pytest.mark.parametrize("path, body, needle", [
    ("/api/search", None, "q"),                                   # no question
    ("/api/search?q=%20%20", None, "q"),                          # blank question
    ("/api/search?q=neglect&k=ten", None, "k"),                   # k not an integer
    ("/api/search?q=neglect&k=0", None, "k"),                     # k out of range
    ("/api/search?q=neglect&colour=red", None, "colour"),         # unknown parameter
    ("/api/search?q=neglect&year=soon", None, "year"),            # bad filter value
    ("/api/ask", b'{"q": "neglect"', "JSON"),                     # malformed JSON
    ("/api/search", b'["neglect"]', "object"),                    # not an object
    ("/api/search", b'{"q": "neglect", "filters": {"colour": "red"}}', "colour"),
    ("/api/search", b'{"q": "neglect", "k": "many"}', "k"),
    ("/api/ask", b'{"k": 3}', "q"),
    ("/api/ask", b'{"q": 42}', "q"),                              # not text
])
def test_bad_input_is_a_400_with_a_one_line_error(served, path, body, needle):
    status, headers, text = request(served.url + path, method="POST" if body else "GET", body=body)
    assert status == 400, text
    assert headers["content-type"].startswith("application/json")
    message = json.loads(text)["error"]
    assert needle.lower() in message.lower()
    assert "\n" not in message and "Traceback" not in text


LONG_DIGITS = "1" * 5000


@pytest.mark.parametrize("path", ["/api/search", "/api/ask"])
@pytest.mark.parametrize("query, body, needle", [
    ("year=" + "1" * 30, None, "year"),                           # over SQLite's integers
    ("year_from=" + "1" * 20, None, "year_from"),
    ("year=0", None, "year"),                                     # years are 1900..2100
    ("year=1899", None, "year"),
    ("year_to=2101", None, "year_to"),
    ("year=true", None, "year"),
    ("year=2017.5", None, "year"),
    ("year_from=2019&year_to=2016", None, "year_from"),           # an empty range
    ("q=neglect%FF", None, "not UTF-8"),                          # had been "neglect\ufffd"
    ("q=%ED%A0%80neglect", None, "not UTF-8"),                    # a surrogate, encoded
    ("q=neglect&area=%FF", None, "not UTF-8"),
    ("k=" + "x" * 5000, None, "k"),                               # echoed, but not all of it
    ("k=" + LONG_DIGITS, None, "k"),
    ("area=" + "x" * 5000 + "&colour=" + "y" * 5000, None, "colour"),
    (None, b'{"q": "neglect", "k": Infinity}', "Infinity"),
    (None, b'{"q": "neglect", "k": NaN}', "NaN"),
    (None, b'{"q": "neglect", "k": 1e400}', "1e400"),
    (None, b'{"q": "neglect", "k": ' + LONG_DIGITS.encode() + b"}", "digits"),
    (None, b'{"q": "neglect", "k": true}', "k"),
    (None, b'{"q": "neglect", "k": 2.5}', "k"),
    (None, b'{"q": "neglect", "filters": {"year": 1e30}}', "year"),
    (None, b'{"q": "neglect", "filters": {"year": true}}', "year"),
    (None, b'{"q": "neglect", "filters": {"year_from": 2019, "year_to": 2016}}', "year_from"),
    (None, b'{"q": "neglect \\ud800"}', "Unicode"),               # a lone surrogate
    (None, b'{"q": "neglect", "filters": {"area": "\\udfff"}}', "Unicode"),
    (None, b'{"q": "neglect", "' + b"x" * 5000 + b'": 1}', "Extra"),
    (None, b"[" * 50_000, "nested"),
])
def test_bad_numbers_and_text_are_a_400_with_a_short_error(served, path, query, body, needle):
    url = served.url + path + ("?q=neglect&" + query if query else "")
    status, headers, text = request(url, method="POST" if body else "GET", body=body)
    assert status == 400, text
    assert headers["content-type"].startswith("application/json")
    message = json.loads(text)["error"]
    assert needle.lower() in message.lower()
    assert "\n" not in message and "Traceback" not in text
    assert len(message) <= 300 and "x" * 100 not in message and "1" * 100 not in message


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", None])
def test_a_post_that_is_not_json_is_a_415(served, content_type):
    status, headers, text = request(served.url + "/api/search", method="POST",
                                    body=b'{"q": "neglect"}', content_type=content_type)
    assert status == 415, text
    assert headers["content-type"].startswith("application/json")
    assert "application/json" in json.loads(text)["error"]
    status, _, _ = request(served.url + "/api/ask", method="POST", body=b'{"q": "neglect"}',
                           content_type="application/json; charset=utf-8")
    assert status == 200


def test_a_body_said_to_be_huge_is_refused_at_once_not_waited_for(served):
    # "Content-Length: 99999999999" over a tiny body held the request open until the client
    # gave up, then logged a ClientDisconnect traceback
    import socket

    host, port = urlsplit(served.url).hostname, urlsplit(served.url).port
    with socket.create_connection((host, port), timeout=20) as conn:
        conn.sendall(b"POST /api/search HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 99999999999\r\nConnection: close\r\n\r\n{}")
        reply = b""
        while chunk := conn.recv(4096):
            reply += chunk
    head, _, body = reply.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 413"), reply[:200]
    assert json.loads(body)["error"] == "request body over 64000 bytes"


def test_an_overlong_query_string_is_a_json_414_not_a_reset(served):
    status, headers, text = request(f"{served.url}/api/search?q={'neglect+' * 25_000}")
    assert status == 414, text
    assert headers["content-type"].startswith("application/json")
    assert "POST" in json.loads(text)["error"]


@pytest.mark.parametrize("path, body", [
    ("/gradio_api/call/v2/find_examples", b"{}"),
    ("/gradio_api/call/v2/ask", b"{}"),
    ("/gradio_api/call/v2/find_examples", b'{"data": 5}'),
    ("/gradio_api/call/v2/no_such_endpoint", b"{}"),
    ("/gradio_api/call/no_such_endpoint", b'{"data": []}'),  # a plain-text 500
    # an event handler number the app lacks (a plain-text 500 too)
    ("/gradio_api/queue/join", b'{"data": ["x"], "fn_index": 999, "session_hash": "abc"}'),
    ("/gradio_api/run/predict", b'{"data": ["x"], "fn_index": 999, "session_hash": "abc"}'),
])
def test_gradio_calls_with_bad_bodies_are_not_a_500(served, path, body):
    status, headers, text = request(served.url + path, method="POST", body=body)
    assert status == 400, text
    assert headers["content-type"].startswith("application/json")
    assert "\n" not in json.loads(text)["error"]


@pytest.mark.parametrize("method, path, status, allow, needle", [
    ("PUT", "/api/search?q=neglect", 405, "GET, POST", "PUT is not allowed on /api/search: use GET or POST"),
    ("DELETE", "/api/ask", 405, "GET, POST", "DELETE is not allowed on /api/ask"),
    ("POST", "/api/reviews", 405, "GET", "POST is not allowed on /api/reviews: use GET"),
    ("GET", "/api/nosuch", 404, None, "no such API route: '/api/nosuch'"),
    ("GET", "/api/search/?q=x", 404, None, "no such API route: '/api/search/'"),
])
def test_a_route_or_method_the_api_lacks_is_answered_in_its_shape(served, method, path, status,
                                                                  allow, needle):
    # they had fallen through to the web app: 404 {"detail": "Not Found"}, a wrong method too
    body = b"{}" if method in ("POST", "PUT") else None
    code, headers, text = request(served.url + path, method=method, body=body)
    assert code == status and headers.get("allow") == allow, (code, text)
    assert needle in json.loads(text)["error"]


def test_themes_are_counted_per_canonical_theme(served, retriever):
    themes = get_json(f"{served.url}/api/themes")["themes"]
    assert themes == [t.to_json() for t in theme_counts(retriever.store)]
    assert themes and all(set(t) == {"theme", "reviews", "by_year"} for t in themes)
    counts = [t["reviews"] for t in themes]
    assert counts == sorted(counts, reverse=True)
    assert all(sum(t["by_year"].values()) <= t["reviews"] for t in themes)


def test_an_overlong_question_is_a_one_line_error_not_cut(served):
    # it was cut to 1,000 characters and answered, the rest unsearched and unsaid
    for route in ("/api/search", "/api/ask"):
        status, data = post_json(f"{served.url}{route}", {"q": "neglect " * 400, "k": 3})
        assert status == 400 and "\n" not in data["error"], data
        assert "3,199 characters long; a question may be at most 1,000" in data["error"], data
    status, data = post_json(f"{served.url}/api/search", {"q": "neglect " * 120, "k": 3})
    assert status == 200 and len(data["hits"]) == 3
    # and the published schema says so (it said a longer question "is cut there")
    schema = json.loads(urllib.request.urlopen(f"{served.url}/api/openapi.json").read())
    body = schema["components"]["schemas"]["SearchRequest"]["properties"]["q"]
    assert body["maxLength"] == 1000 and "cut" not in body["description"], body
    ask = schema["paths"]["/api/ask"]["get"]["parameters"]
    assert next(p for p in ask if p["name"] == "q")["schema"]["maxLength"] == 1000, ask


# -- /api/ask ---------------------------------------------------------------------------------


def test_ask_cites_sentences_that_are_in_their_passages(served, retriever):
    status, data = post_json(f"{served.url}/api/ask", {"q": "what went wrong with escalation?"})
    assert status == 200
    assert data["kind"] == "extractive" and data["citations"]
    numbers = {c["n"] for c in data["citations"]}
    assert {int(n) for n in re.findall(r"\[(\d+)\]", data["answer"])} == numbers
    for citation in data["citations"]:
        assert citation["sentences"]
        text = _document_text(retriever, citation["source"]["url"])
        for sentence in citation["sentences"]:
            assert _squash(sentence["text"]) in _squash(citation["text"])
            assert _squash(text[sentence["start"]:sentence["end"]]) == _squash(sentence["text"])


def test_ask_get_with_filters(served):
    data = get_json(f"{served.url}/api/ask?q={quote('co-sleeping risks')}&area=Bedford")
    assert data["hits"] and all(h["review"]["area"] == "Bedford" for h in data["hits"])


def test_ask_how_many_reviews_is_answered_by_the_catalogue(served, retriever):
    status, data = post_json(f"{served.url}/api/ask", {"q": "How many reviews are there?"})
    assert status == 200 and data["kind"] == "catalogue"
    assert data["answer"] == f"The index holds {len(retriever.store.review_ids())} reviews."
    assert data["citations"] == [] and data["hits"] == []


def test_ask_refuses_to_identify_a_child(served):
    status, data = post_json(f"{served.url}/api/ask", {"q": "what is Child K's real name?"})
    assert status == 200
    assert data["kind"] == "refusal" and data["citations"] == [] and data["hits"] == []


def test_search_refuses_to_identify_a_child_with_why(served):
    status, data = post_json(f"{served.url}/api/search", {"q": "what is Child K's real name?"})
    assert status == 403 and data == {"error": REFUSAL}
    status, _, text = request(f"{served.url}/api/search?q={quote('Baby Sama real name and photo')}")
    assert status == 403 and json.loads(text) == {"error": REFUSAL}


def test_the_api_reads_a_follow_up_with_the_previous_turn(served):
    """A client holding a conversation sends the last answer's question and review headings
    back as "previous": "same but only 2017" is the last question confined to 2017, and "the
    second one" the second review the last answer quoted. Without it, the API had only told
    a follow-up to ask the whole question again."""
    url = f"{served.url}/api/ask"
    status, first = post_json(url, {"q": "what went wrong with escalation?"})
    assert status == 200 and first["kind"] == "extractive"
    status, alone = post_json(url, {"q": "same but only 2017"})
    assert status == 200 and alone["kind"] == "no_answer"
    assert "ask the whole question again" in alone["answer"]
    previous = {"question": first["query"], "reviews": [g["review"] for g in first["groups"]]}
    status, later = post_json(url, {"q": "same but only 2017", "previous": previous})
    assert status == 200 and later["kind"] == "extractive", later
    assert later["query"] == "what went wrong with escalation: 2017 reviews"
    assert later["notes"][0] == "Read with your last question, as “what went wrong with " \
                                "escalation: 2017 reviews”."
    assert later["groups"] and all(h["review"]["year"] == 2017 for h in later["hits"])
    # "the second one": the second review the last answer was grouped under, and led with
    second = first["groups"][1]
    status, more = post_json(url, {"q": "tell me more about the second one", "previous": previous})
    assert status == 200 and more["groups"][0]["review_id"] == second["review_id"], more["query"]
    assert more["query"].startswith("what went wrong with escalation: ")
    # "that review" is of the reviews not shown as less close, where the client says which
    status, method = post_json(url, {"q": "Bradford 2017 – Jack and Dudley 2017 – Child P and Child H: "
                                          "which of those used SILP?"})
    assert status == 200 and method["groups"][1]["less_close"], method
    status, found = post_json(url, {"q": "what did that review find?", "previous": {
        "question": method["query"], "reviews": [g["review"] for g in method["groups"]],
        "less_close": [g["review"] for g in method["groups"] if g["less_close"]]}})
    assert status == 200 and found["query"].startswith("Dudley 2017 – Child P and Child H: "), found
    # "the 2017 one" after one review of 2018 may be of the answer before it ("earlier")
    status, fii = post_json(url, {"q": "any reviews on fabricated illness FII"})
    status, national = post_json(url, {"q": "2018 – Children F, G and H: what did it recommend nationally"})
    assert status == 200
    assert [g["review_id"] for g in national["groups"]] == ["anonymous-2018-children-f-g-and-h"]
    status, child_y = post_json(url, {"q": "and the 2017 one?", "previous": {
        "question": national["query"], "reviews": [g["review"] for g in national["groups"]],
        "earlier": [g["review"] for g in fii["groups"]]}})
    assert status == 200 and child_y["query"] == "2017 – Child Y: what did it recommend nationally", child_y
    assert child_y["groups"][0]["review_id"] == "anonymous-2017-child-y", child_y
    # a question of its own is answered as it is, with or without the previous turn
    status, own = post_json(url, {"q": "co-sleeping risks", "previous": previous})
    status_alone, own_alone = post_json(url, {"q": "co-sleeping risks"})
    assert status == status_alone == 200 and own == own_alone
    # the previous turn is checked as the question is
    for bad, needle in (({"question": ""}, "previous.question"),
                        ({"question": "   "}, "the previous question is empty"),
                        ({"question": "x" * 1001}, "the previous question is 1,001 characters"),
                        ({"question": "😀😀"}, "the previous question has no words"),
                        ({"question": "x", "reviews": "Sameer"}, "previous.reviews"),
                        ({"question": "x", "earlier": [1]}, "previous.earlier"),
                        ({"question": "x", "page": 2}, "previous.page")):
        status, data = post_json(url, {"q": "same but only 2017", "previous": bad})
        assert status == 400 and needle in data["error"], data


# -- /api/reviews and the source viewer -----------------------------------------------------


def test_reviews_catalogue_lists_every_review_with_working_source_links(served, retriever):
    reviews = get_json(f"{served.url}/api/reviews")["reviews"]
    assert len(reviews) == retriever.store.counts()["reviews"]
    sameer = next(r for r in reviews if r["title"] == "Sameer")
    assert sameer["area"] == "Bradford" and sameer["year"] == 2018
    names = {s["document"] for s in sameer["sources"]}
    assert "bradford-2018-sameer-learning-brief.txt" in names
    status, _, page = request(served.url + sameer["sources"][0]["url"])
    assert status == 200 and '<mark id="passage">' in page


def test_reviews_catalogue_says_where_each_field_was_stated(served, retriever):
    """Every title, area, year and type the catalogue shows names its source; one stated in a
    document's words links to those words, and they hold the value (never invented)."""
    reviews = get_json(f"{served.url}/api/reviews")["reviews"]
    linked = 0
    for review in reviews:
        for field in ("title", "area", "year", "type"):
            stated = review["stated"].get(field)
            if review[field] in (None, ""):
                assert stated is None, (review["id"], field)
                continue
            assert stated and stated["origin"] in ("text", "manifest", "file"), (review["id"], field)
            if stated["origin"] != "text":
                assert stated["url"] is None
                continue
            query = parse_qs(urlsplit(stated["url"]).query)
            start, end = int(query["start"][0]), int(query["end"][0])
            words = _squash(_document_text(retriever, stated["url"])[start:end]).lower()
            if field in ("area", "year"):
                assert str(review[field]).lower() in words, (review["id"], field, words)
            linked += 1
    assert linked > len(reviews)  # most fields are stated in the text, not the manifest
    placed = next(r for r in reviews if r["stated"].get("area", {}).get("url"))
    status, _, page = request(served.url + placed["stated"]["area"]["url"])
    marked = re.search(r'<mark id="passage">(.*?)</mark>', page, re.S)
    assert status == 200 and marked and placed["area"] in html.unescape(marked.group(1))


def test_source_page_marks_the_cited_passage(served, retriever):
    hit = get_json(f"{served.url}/api/search?q={quote('co-sleeping on a sofa')}&k=1")["hits"][0]
    status, headers, page = request(served.url + hit["source"]["url"])
    assert status == 200 and headers["content-type"].startswith("text/html")
    marked = re.search(r'<mark id="passage">(.*?)</mark>', page, re.S)
    assert marked, "passage not highlighted"
    assert _squash(html.unescape(re.sub(r"<[^>]+>", " ", marked.group(1)))) == _squash(hit["text"])
    text = _document_text(retriever, hit["source"]["url"])
    assert len(html.unescape(re.sub(r"<[^>]+>", "", page))) >= len(text)  # the whole document
    document = retriever.store.document_by_key(unquote(urlsplit(hit["source"]["url"]).path[8:]))
    assert html.escape(document.title) in page
    csp = headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'none'" in csp and "http" not in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"


def test_source_page_survives_bad_keys_and_offsets(served, retriever):
    status, _, page = request(f"{served.url}/source/no-such-document")
    assert status == 404 and "not found" in page.lower()
    status, _, page = request(f"{served.url}/source/%3Cscript%3E")
    assert status == 404 and "<script>" not in page
    status, _, page = request(f"{served.url}/source/{'k' * 5000}")  # (echoed whole)
    assert status == 404 and "k" * 79 + "…" in page and "k" * 81 not in page
    key = retriever.store.documents()[0].key
    for query in ("start=abc&end=9", "start=10&end=5", "start=0&end=99999999", "start=-4&end=2", ""):
        status, _, page = request(f"{served.url}/source/{key}?{query}")
        assert status == 200 and "<mark" not in page, query


# -- the Gradio app -------------------------------------------------------------------------


class _Resources(HTMLParser):
    """The URLs a page makes the browser fetch: script/img/iframe src, stylesheet links."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in ("script", "img", "iframe", "source", "audio", "video") and a.get("src"):
            self.urls.append(a["src"])
        if tag == "link" and a.get("href"):
            self.urls.append(a["href"])


def test_web_app_page_loads_nothing_from_other_hosts(served):
    status, headers, page = request(served.url + "/")
    assert status == 200 and '"title":"reviewqa"' in page  # the config the page renders
    parser = _Resources()
    parser.feed(page)
    external = [u for u in parser.urls if urlsplit(u).netloc or u.startswith("//")]
    assert external == []
    assert "fonts.googleapis" not in page and "cdn." not in page
    status, _, css = request(served.url + "/theme.css")
    assert status == 200 and "@import" not in css and "googleapis" not in css
    assert headers["x-content-type-options"] == "nosniff"


def test_gradio_client_calls_the_ask_endpoint(served):
    from gradio_client import Client

    client = Client(served.url + "/", verbose=False)
    history, box, status = client.predict("what went wrong with escalation?", [], "Any", "Any",
                                          "Any", "Any", "Any", api_name="/ask")
    assert box == "" and status == ""
    assert [m["role"] for m in history] == ["user", "assistant"]
    html = _message_text(history[-1])
    assert 'class="source-card"' in html and 'href="/source/' in html
    assert "Sameer" in html or "Baby Sama" in html
    history, box, status = client.predict("   ", [], "Any", "Any", "Any", "Any", "Any",
                                          api_name="/ask")
    assert history == [] and "empty" in status


def test_a_filter_value_that_is_not_a_choice_is_refused_in_one_line(served, capfd):
    """A dropdown value sent by hand that is not one of its choices is refused to the caller
    in one line naming the dropdown, and the server logs no traceback for it (Gradio printed
    one, with the whole list of choices, for every such call)."""
    from gradio_client import Client
    from gradio_client.exceptions import AppError

    client = Client(served.url + "/", verbose=False)
    for api_name, args, refused in [
            ("/ask", ["neglect", [], "Any", "Any", "Nowhere", "Any", "Any"], "Area: “Nowhere”"),
            ("/ask", ["neglect", [], "1850", "Any", "Any", "Any", "Any"], "Year from: “1850”"),
            ("/find_examples", ["neglect", "Any", "Any", "Any", "Any", "no such theme"],
             "Theme: “no such theme”")]:
        capfd.readouterr()
        with pytest.raises(AppError) as refusal:
            client.predict(*args, api_name=api_name)
        assert str(refusal.value) == f"{refused} is not one of its choices"
        assert "Traceback" not in capfd.readouterr().err


def test_the_chat_reads_a_follow_up_with_the_last_question(served):
    # "same but only 2017" was told to ask the whole question again
    from gradio_client import Client

    client = Client(served.url + "/", verbose=False)
    history, _, _ = client.predict("what went wrong with escalation?", [], "Any", "Any", "Any",
                                   "Any", "Any", api_name="/ask")
    history, box, status = client.predict("same but only 2017", history, "Any", "Any", "Any",
                                          "Any", "Any", api_name="/ask")
    assert box == "" and status == "" and len(history) == 4
    page = _message_text(history[-1])
    assert "Read with your last question, as “what went wrong with escalation: 2017 reviews”." \
        in html.unescape(page), page
    assert page.index("Read with your last question") < page.index('class="answer-group"')
    assert "published in 2017" in page and "2017 –" in page and "2018 –" not in page
    # and the next follow-up with both
    history, _, _ = client.predict("and the recommendations?", history, "Any", "Any", "Any",
                                   "Any", "Any", api_name="/ask")
    assert ("as “escalation: 2017 reviews: the recommendations?”"
            in html.unescape(_message_text(history[-1])))
    # one that adds nothing is still told to ask the whole question
    history, _, _ = client.predict("tell me more", history, "Any", "Any", "Any", "Any", "Any",
                                   api_name="/ask")
    assert "ask the whole question again" in _message_text(history[-1])
    # one about a review the last answer quoted is that review's
    history, _, _ = client.predict("what went wrong with escalation?", [], "Any", "Any", "Any",
                                   "Any", "Any", api_name="/ask")
    second = re.findall(r'<p class="group-heading">([^<(]*?) \(', _message_text(history[-1]))[1]
    history, _, _ = client.predict("tell me more about the second one", history, "Any", "Any",
                                   "Any", "Any", "Any", api_name="/ask")
    page = html.unescape(_message_text(history[-1]))
    assert f"as “what went wrong with escalation: {html.unescape(second)}”" in page, page
    assert re.findall(r'<p class="group-heading">([^<(]*?) \(', page)[0] == html.unescape(second)
    # and one that narrows it to a place, saying something of its own ("only Bradford ones")
    history, _, _ = client.predict("only Bradford ones", history[:2], "Any", "Any", "Any",
                                   "Any", "Any", api_name="/ask")
    page = html.unescape(_message_text(history[-1]))
    assert "as “what went wrong with escalation: only Bradford ones”" in page, page
    headings = re.findall(r'<p class="group-heading">([^<]*)</p>', page)
    assert headings and all(h.startswith("Bradford ") for h in headings), headings


def test_gradio_client_finds_examples_and_downloads_the_exports(served):
    from gradio_client import Client

    client = Client(served.url + "/", verbose=False)
    table, csv_file, md_file, status = client.predict(
        "a baby died while co-sleeping", "Any", "Any", "Any", "Any", "Any",
        api_name="/find_examples")
    assert status == ""
    rows = list(csv.DictReader(io.StringIO(Path(_file_path(csv_file)).read_text(encoding="utf-8"))))
    assert rows and table.count('class="example-row"') == len(rows)
    assert all(html.escape(row["title"]) in table for row in rows)
    handout = Path(_file_path(md_file)).read_text(encoding="utf-8")
    assert handout.startswith("# Case review examples: a baby died while co-sleeping")
    *_, status = client.predict("", "Any", "Any", "Any", "Any", "Any", api_name="/find_examples")
    assert "Type a theme" in status
    # refused as the chat refuses, with no files to take away
    table, csv_file, md_file, status = client.predict(
        "Baby Sama's real name and a photo of her for my slides", "Any", "Any", "Any", "Any",
        "Any", api_name="/find_examples")
    assert 'class="refusal"' in table and "example-row" not in table and status == ""
    assert csv_file["value"] is None and not csv_file["interactive"] and not md_file["interactive"]
    # a control character or a noncharacter in the box is no character of the search (the
    # Word handout, which no XML may hold them in, had failed with no word to the user)
    table, csv_file, md_file, status = client.predict(
        "neglect\u0007\uffff", "Any", "Any", "Any", "Any", "Any", api_name="/find_examples")
    assert status == "" and 'class="example-row"' in table
    handout = Path(_file_path(md_file)).read_text(encoding="utf-8")
    assert handout.startswith("# Case review examples: neglect\n")


def _file_path(value: object) -> str:
    """The local path gradio_client downloaded an output file to (plain or in an update)."""
    return value["value"] if isinstance(value, dict) else str(value)


def _message_text(message: dict) -> str:
    content = message["content"]
    if isinstance(content, str):
        return content
    return "".join(part.get("text", "") for part in content)


# -- auth ---------------------------------------------------------------------------------------


def test_basic_auth_guards_every_route(retriever):
    with Served(create_app(retriever, auth=("user", "pw"))) as server:
        key = retriever.store.documents()[0].key
        for path in ("/api/search?q=neglect", f"/source/{key}", "/", "/config", "/theme.css"):
            status, headers, _ = request(server.url + path)
            assert status == 401 and headers["www-authenticate"].startswith("Basic"), path
            assert request(server.url + path, auth=("user", "wrong"))[0] == 401, path
            assert request(server.url + path, auth=("someone", "pw"))[0] == 401, path
            assert request(server.url + path, auth=("user", "pw"))[0] == 200, path


def test_read_auth_from_file_and_environment(tmp_path, monkeypatch):
    monkeypatch.delenv("REVIEWQA_AUTH", raising=False)
    assert read_auth(None) is None
    monkeypatch.setenv("REVIEWQA_AUTH", "trainer:s3cret:with:colons")
    assert read_auth(None) == ("trainer", "s3cret:with:colons")
    good = tmp_path / "auth.txt"
    good.write_text("\nalice:pw\n", encoding="utf-8")
    assert read_auth(good) == ("alice", "pw")  # the file wins over the environment
    bad = tmp_path / "bad.txt"
    bad.write_text("no-colon-here\n", encoding="utf-8")
    with pytest.raises(AuthError, match=r"bad\.txt"):
        read_auth(bad)
    with pytest.raises(AuthError, match=r"missing\.txt"):
        read_auth(tmp_path / "missing.txt")


# -- escaping: a document that contains markup -------------------------------------------------


@pytest.fixture(scope="module")
def hostile_retriever(tmp_path_factory, embedder) -> Iterator[Retriever]:
    """A separate small index holding one document whose text contains HTML."""
    from reviewqa.embed.pipeline import CorpusIndex

    folder = tmp_path_factory.mktemp("hostile-docs")
    (folder / "harbour-lane-learning-brief.txt").write_text(
        "Learning brief: Harbour Lane\n\n"
        "1. Background\n\n"
        "1.1 The toddler's nursery kept a web log of concerns about bruising, and the page "
        f"contained {XSS_SCRIPT} and {XSS_IMG} pasted from a browser.\n\n"
        "1.2 Staff at the nursery did not share the bruising concerns with the health visitor, "
        "so no agency saw the whole picture of the toddler's injuries.\n\n"
        "2. Learning\n\n"
        "2.1 Nursery staff should share concerns about unexplained bruising in a toddler with "
        "the health visitor and children's social care on the same day.\n",
        encoding="utf-8")
    index = CorpusIndex.open(tmp_path_factory.mktemp("hostile-index"), embedder=embedder)
    report = index.ingest([folder])
    assert report.ok, report.failed
    r = Retriever(index)
    yield r
    r.close()


def test_markup_in_a_document_is_shown_as_text(hostile_retriever):
    hit = hostile_retriever.search("web log page script pasted from a browser", k=1)[0]
    assert XSS_SCRIPT in hit.chunk.text
    with Served(create_app(hostile_retriever)) as server:
        status, headers, page = request(server.url + hit.url)
    assert status == 200
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<script" not in page and "<img" not in page
    assert "script-src 'none'" in headers["content-security-policy"]


def test_rendered_answers_escape_document_markup(hostile_retriever):
    answer = hostile_retriever.answer("what did the nursery's web log page contain about bruising?")
    assert answer.kind == "extractive"
    cited = [c for c in answer.citations if XSS_SCRIPT in c.hit.chunk.text]
    assert cited, "the passage with markup was not cited"
    rendered = render_answer(answer)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered
    assert "&lt;img src=x onerror=alert(1)&gt;" in rendered
    assert "<script" not in rendered and "<img" not in rendered
    assert rendered.count('class="source-card"') == len(answer.citations)
    assert rendered.count('class="source-link"') == len(answer.citations)
    # Each card links to its passage, with the quoted sentences' offsets (&q=) added.
    assert all(f'href="{html.escape(c.hit.url.split("#")[0])}&amp;q=' in rendered
               for c in answer.citations)
    assert "<mark>" in rendered


def test_source_text_is_escaped_and_page_breaks_are_shown():
    text = "a <b> c\fd & e\ff"
    assert valid_span(text, 2, 11) == (2, 11)
    assert valid_span(text, 5, 2) is None and valid_span(text, 0, 99) is None
    rendered = render_text(text, (2, 11))
    assert rendered == ('a <mark id="passage">&lt;b&gt; c<span class="page-break" role="separator">'
                        'page 2</span>d &amp;</mark> e<span class="page-break" role="separator">'
                        'page 3</span>f')


# -- the plain handlers behind the tabs ---------------------------------------------------------


def test_render_answer_shows_refusals_and_no_answer_plainly(retriever):
    refusal = render_answer(retriever.answer("what is Child K's real name?"))
    assert 'class="refusal"' in refusal and "source-card" not in refusal
    nothing = render_answer(retriever.answer("neglect", filters=Filters(area="Atlantis")))
    assert "No relevant passages found" in nothing and "source-card" not in nothing


def test_find_examples_gives_one_row_per_review_with_a_quoted_sentence(retriever):
    rows = find_examples(retriever, "a baby died while co-sleeping", limit=8)
    assert 1 < len(rows) <= 8
    assert len({r["review_id"] for r in rows}) == len(rows)
    assert [r["rank"] for r in rows] == list(range(1, len(rows) + 1))
    for row in rows:
        text = _document_text(retriever, row["url"])
        assert _squash(text[row["key_start"]:row["key_end"]]) == _squash(row["key_learning"])
    # Key learning comes from the learning or recommendations fields where a review has them.
    assert all(r["key_kind"] in ("learning", "passage") for r in rows)
    assert any("sleep" in (r["summary"] + r["key_learning"]).lower() for r in rows[:3])
    only_2018 = find_examples(retriever, "neglect", Filters(year_from=2018, year_to=2018))
    assert only_2018 and all(r["year"] == 2018 for r in only_2018)
    # A named review keeps all its passages in a search; it is still one row here.
    named = find_examples(retriever, "the Child K review neglect")
    assert named[0]["title"].endswith("Child K")
    assert len({r["review_id"] for r in named}) == len(named) > 1
    few = find_examples(retriever, "escalating concerns", Filters(area="Bradford"))
    assert len({r["review_id"] for r in few}) == len(few) == 3


def test_exports_carry_every_row_and_its_citation(retriever):
    rows = find_examples(retriever, "escalation", limit=5)
    parsed = list(csv.DictReader(io.StringIO(to_csv(rows))))
    assert [p["title"] for p in parsed] == [r["title"] for r in rows]
    assert [p["key_learning"] for p in parsed] == [r["key_learning"] for r in rows]
    handout = to_markdown(rows, "escalation")
    assert handout.startswith("# Case review examples: escalation")
    for row in rows:
        assert md_text(row["title"]) in handout and row["document"] in handout
        assert not row["publisher"] or row["publisher"] in handout
        assert _squash(md_key(row)) in _squash(handout)


def test_an_examples_key_learning_list_marks_the_point_that_matched(retriever):
    # A digest's learning is one line of many points ("coordination and leadership; escalation
    # of concerns; ...; hidden men; ..."): the row quoted it whole, marked whole, and a trainer
    # looked for the point that put the review on the list.
    rows = find_examples(retriever, "hidden men")
    for row in rows:
        assert row["key_point"] in row["key_learning"]
    pointed = [r for r in rows if r["key_point"] != r["key_learning"]]
    assert any("hidden men" in r["key_point"] for r in pointed), [r["key_point"] for r in rows]
    row = next(r for r in pointed if "hidden men" in r["key_point"])
    cell = render_examples([row], "hidden men")
    assert f"<mark>{html.escape(row['key_point'])}</mark>" in cell
    assert html.escape(row["key_learning"]) not in cell  # the rest is not marked
    assert f"**{md_text(row['key_point'])}**" in to_markdown([row], "hidden men")
    parsed = next(csv.DictReader(io.StringIO(to_csv([row]))))
    assert parsed["key_point"] == row["key_point"]


def test_catalogue_filter(retriever):
    rows = catalogue(retriever.store)
    bradford = filter_catalogue(rows, "  BRADFORD ")
    assert bradford and all("bradford" in json.dumps(r).lower() for r in bradford)
    assert len(bradford) < len(rows)
    assert filter_catalogue(rows, "") == rows


def test_every_page_load_refreshes_the_filter_choices(retriever):
    # The dropdowns were listed in a module list that building the page empties: the load
    # handler read it empty and returned nothing for its eight dropdowns, which Gradio
    # logged as an error on every page load, and the choices never followed the index.
    from reviewqa.ui.web import build_blocks

    blocks = build_blocks(retriever)
    loads = [f for f in blocks.fns.values() if getattr(f.fn, "__name__", "") == "fresh_choices"]
    assert len(loads) == 1
    updates = loads[0].fn()
    assert len(updates) == len(loads[0].outputs) == 8
    areas = [u["choices"] for u in updates if "Bradford" in u.get("choices", [])]
    assert areas and all(choices[0] == "Any" for choices in areas)


def test_the_api_answer_carries_the_resources(served):
    status, _, text = request(served.url + "/api/ask", method="POST",
                              body=json.dumps({"q": "where can I find safe sleep guidance?"}).encode())
    assert status == 200, text
    resources = json.loads(text)["resources"]
    assert resources[0]["title"].startswith("Safe Sleeping Guidance")
    assert set(resources[0]) == {"title", "text", "document", "url", "score", "theme"}
    assert resources[0]["theme"] == "Safe Sleeping/Substance Abuse"
