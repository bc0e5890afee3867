"""The JSON API of ``reviewqa serve``, declared as a contract.

Routes: ``/api/search`` and ``/api/ask`` (GET with query parameters, POST with a JSON object
body), ``/api/reviews`` (the catalogue) and ``/api/themes`` (canonical themes with review
counts by year). Requests and responses are pydantic models, and the OpenAPI schema of these
routes, and of nothing else in the app, is served at :data:`OPENAPI_PATH`.

Bad input is answered with a one-line ``{"error": ...}`` that echoes at most ~80 characters
of what was sent: HTTP 400 for anything the API cannot take (a missing or blank question, a
``k`` that is not a whole number from 1 to MAX_K, a year outside 1900..2100, ``year_from``
after ``year_to``, unknown fields, malformed JSON, non-finite or overlong numbers, text that
is not valid Unicode), 414 for a query string over MAX_QUERY_STRING_BYTES, 415 for a POST
whose Content-Type is not ``application/json``. Nothing returns a stack trace or a 500 for
bad input.
"""

from __future__ import annotations

import json
import logging
import re
import urllib.parse
from collections.abc import Callable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, FastAPI, Request
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, field_validator
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect

from reviewqa.corpus.types import (
    FILTER_KEYS,
    SHOWN_CHARS,
    YEAR_MAX,
    YEAR_MIN,
    Filters,
    QueryError,
    is_valid_unicode,
    loads_strict,
    shown,
)
from reviewqa.retriever.answer import read_with_last
from reviewqa.retriever.examples import catalogue
from reviewqa.retriever.query import clean_question
from reviewqa.retriever.search import Retriever
from reviewqa.retriever.themes import theme_counts
from reviewqa.retriever.types import AnswerKind, Refused
from reviewqa.settings import DEFAULT_ANSWER_K, DEFAULT_K, MAX_K, MAX_QUERY_CHARS

log = logging.getLogger(__name__)

OPENAPI_PATH = "/api/openapi.json"
MAX_BODY_BYTES = 64_000  # a question is at most MAX_QUERY_CHARS; this leaves room for filters
MAX_QUERY_STRING_BYTES = 16_000  # the same for GET: a question, URL-encoded, and its filters
QUESTION_PATTERN = r"[^\W_]"  # holds a letter or a digit (a question with none is a 400)
MAX_ERROR_CHARS = 300  # an error message, all told (each echoed value is cut at ~80)
MAX_HEADING_CHARS = 300  # a review's heading, as an answer's group gives it


class BadRequest(ValueError):
    """Input the API cannot take. One-line message, sent back with ``status``."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


def error(message: str, status: int = 400) -> JSONResponse:
    """``{"error": message}`` on one line, bounded in length."""
    line = " ".join(message.split())
    if len(line) > MAX_ERROR_CHARS:
        line = line[:MAX_ERROR_CHARS - 1] + "…"
    return JSONResponse({"error": line}, status_code=status)


# -- the contract: request models ------------------------------------------------------------


def _not_bool(value: object) -> object:
    if isinstance(value, bool):
        raise ValueError("expected a whole number, not true/false")
    return value


Year = Annotated[int, Field(ge=YEAR_MIN, le=YEAR_MAX), BeforeValidator(_not_bool)]
K = Annotated[int, Field(ge=1, le=MAX_K), BeforeValidator(_not_bool)]


class SearchFilters(BaseModel):
    """Review metadata every hit must satisfy; each filter left out filters nothing."""

    model_config = ConfigDict(extra="forbid")

    year: Year | None = Field(None, description="Only reviews of this year (sets both ends).")
    year_from: Year | None = Field(None, description="Only reviews from this year on.")
    year_to: Year | None = Field(None, description="Only reviews up to this year; not before year_from.")
    area: str | None = Field(None, description="Only reviews of this area (any case), e.g. Bradford.")
    type: str | None = Field(None, description="Only reviews whose type contains this, e.g. thematic.")
    review_type: str | None = Field(None, description="The same as type.")
    theme: str | None = Field(None, description="Only reviews with this theme, e.g. neglect.")


class PreviousTurn(BaseModel):
    """The answer a follow-up goes on from, as the API gave it back."""

    model_config = ConfigDict(extra="forbid")

    question: str = Field(min_length=1, json_schema_extra={"pattern": QUESTION_PATTERN,
                                                           "maxLength": MAX_QUERY_CHARS},
                          description='The last answer\'s "query": the question it answered.')

    @field_validator("question")
    @classmethod
    def _a_question(cls, question: str) -> str:
        """Checked as the question is: one over MAX_QUERY_CHARS, blank or with no word had
        been taken (and read a follow-up with, or ignored)."""
        try:
            return clean_question(question)
        except QueryError as err:
            raise ValueError(str(err).replace("the question", "the previous question", 1)) from None
    reviews: list[Annotated[str, Field(max_length=MAX_HEADING_CHARS)]] = Field(
        default_factory=list, max_length=MAX_K,
        description='The last answer\'s groups\' "review" headings, in its order: what "the '
                    'second one" counts through.')
    less_close: list[Annotated[str, Field(max_length=MAX_HEADING_CHARS)]] = Field(
        default_factory=list, max_length=MAX_K,
        description='Those of "reviews" whose groups the last answer marked "less_close": '
                    '"it" and "that review" are not of them.')
    earlier: list[Annotated[str, Field(max_length=MAX_HEADING_CHARS)]] = Field(
        default_factory=list, max_length=MAX_K,
        description='The "review" headings of the latest answer before the last that had '
                    'several, in its order (where none had, those of the answers before the '
                    'last, in order): "and the 2017 one?" may point at one of them where '
                    '"reviews" has none of 2017, "the last one" where it has only one, "the '
                    'two" at them and the last one\'s, and "the other one" at the other of two.')


class SearchRequest(BaseModel):
    """The body of ``POST /api/search`` and ``POST /api/ask``."""

    model_config = ConfigDict(extra="forbid")

    q: str = Field(min_length=1, json_schema_extra={"pattern": QUESTION_PATTERN,
                                                    "maxLength": MAX_QUERY_CHARS},
                   description=f"The question: it must hold a letter or a digit, in at most "
                               f"{MAX_QUERY_CHARS:,} characters (a longer one is refused, 400).")
    k: K | None = Field(None, description=f"How many passages (1 to {MAX_K}); "
                                          f"default {DEFAULT_K} for search, {DEFAULT_ANSWER_K} for ask.")
    filters: SearchFilters | None = None
    previous: PreviousTurn | None = Field(
        None, description='The last turn of a conversation (JSON body only): a follow-up ("same '
                          'but only 2017", "and the recommendations?", "tell me more about the '
                          'second one") is read with it, and the response\'s "query" is the '
                          "question it was read as, its first note saying so.")


# -- the contract: response models (extra fields may be added; these are promised) -------------


class ErrorResponse(BaseModel):
    error: str = Field(description="What was wrong, on one line.")


class ReviewRef(BaseModel):
    id: str
    title: str
    area: str | None
    year: int | None
    type: str | None


class SourceRef(BaseModel):
    document: str = Field(description="The document's file name.")
    locator: str = Field(description="Where in the document, e.g. §2.58.")
    page: int | None = Field(description="The page, for PDFs.")
    start: int = Field(description="Character offset of the passage in the document's text.")
    end: int
    url: str = Field(description="The web app's link that opens the document at the passage.")


class SearchHit(BaseModel):
    rank: int
    score: float
    chunk_id: str
    text: str
    review: ReviewRef
    source: SourceRef


class SearchResponse(BaseModel):
    query: str
    hits: list[SearchHit]


class QuotedSentence(BaseModel):
    text: str
    start: int
    end: int


class AnswerCitation(BaseModel):
    n: int
    chunk_id: str
    text: str
    review: ReviewRef
    source: SourceRef
    sentences: list[QuotedSentence]


class GroupSentence(BaseModel):
    text: str
    n: int = Field(description="The citation number.")


class AnswerGroup(BaseModel):
    review: str = Field(description="The review's heading.")
    review_id: str
    listed: bool = Field(description="Whether the sentences are a list the review gives (its "
                         "numbered learning points or recommendations), an item a line.")
    less_close: bool = Field(description="Whether the review is far less close to the question "
                             "than its best: such groups come last, after a line "
                             "saying so.")
    sentences: list[GroupSentence]


class ResourceRef(BaseModel):
    title: str
    text: str = Field(description="What the document says of the resource.")
    document: str = Field(description="The file name of the document that lists it.")
    url: str = Field(description="The web app's link that opens the document where it lists it.")
    score: float = Field(description="Cosine with what the question asks about; 0 when it "
                         "names no topic.")
    theme: str = Field(default="", description="The heading of the section that lists it "
                       "(\"Radicalisation\"); empty where none does.")


class AskResponse(BaseModel):
    query: str
    kind: AnswerKind
    answer: str = Field(description="The answer text with [n] citation markers.")
    notes: list[str]
    groups: list[AnswerGroup]
    citations: list[AnswerCitation]
    resources: list[ResourceRef] = Field(
        default=[], description="For a question asking for reports, films, toolkits, guidance "
        "or training: those the documents point to (a newsletter's resources), which are no "
        "review's findings and are never cited.")
    hits: list[SearchHit]


class CatalogueSource(BaseModel):
    document: str
    document_title: str | None
    label: str | None
    url: str
    publisher: str | None = None
    date: str | None = None
    published_url: str | None = None  # only where a document or manifest states one


class StatedField(BaseModel):
    origin: Literal["text", "manifest", "file"] = Field(
        description="Where the value came from: the words of a document, the manifest, or a file name.")
    document: str | None = Field(description="The file name of the document it came from.")
    url: str | None = Field(description="The source viewer on the words that state it (origin text).")


class CatalogueReview(BaseModel):
    id: str
    title: str
    area: str | None
    year: int | None
    type: str | None
    keywords: list[str]
    summary: str | None
    sources: list[CatalogueSource]
    themes: list[str] = []  # canonical themes (reviewqa.corpus.taxonomy)
    stated: dict[str, StatedField] = Field(
        default={}, description="For title, area, year and type (where set): where the value came from.")


class ReviewsResponse(BaseModel):
    reviews: list[CatalogueReview]


class ThemeCountModel(BaseModel):
    model_config = ConfigDict(title="ThemeCount")

    theme: str
    reviews: int = Field(description="Reviews carrying the theme.")
    by_year: dict[str, int] = Field(description="Those reviews by year (reviews without a year left out).")


class ThemesResponse(BaseModel):
    themes: list[ThemeCountModel]


# -- request parsing -------------------------------------------------------------------------


def parse_json_body(raw: bytes, content_type: str | None) -> dict[str, Any]:
    """A POST body: a JSON object of finite numbers and valid Unicode text, or BadRequest."""
    media_type = (content_type or "").split(";", 1)[0].strip().lower()
    if media_type != "application/json" and not media_type.endswith("+json"):
        raise BadRequest(f"Content-Type must be application/json, got {shown(content_type or 'none')}",
                         415)
    if len(raw) > MAX_BODY_BYTES:
        raise BadRequest(f"request body over {MAX_BODY_BYTES} bytes")
    try:
        body = loads_strict(raw.decode("utf-8") if raw else "null")
    except UnicodeDecodeError:
        raise BadRequest("malformed JSON body (not UTF-8)") from None
    except json.JSONDecodeError as err:
        raise BadRequest(f"malformed JSON body ({err.msg} at character {err.pos})") from None
    except ValueError as err:  # NaN/Infinity, 1e400, an integer over Python's 4300 digits
        reason = str(err).split(":", 1)[0] if "digits" in str(err) else str(err)
        raise BadRequest(f"malformed JSON body ({reason})") from None
    except RecursionError:
        raise BadRequest("malformed JSON body (nested too deeply)") from None
    if not isinstance(body, dict):
        raise BadRequest('expected a JSON object {"q", "k", "filters"}')
    if not is_valid_unicode(json.dumps(body, ensure_ascii=False)):
        raise BadRequest("the request holds text that is not valid Unicode (a lone surrogate)")
    return body


def query_fields(request: Request) -> dict[str, Any]:
    """GET query parameters as the fields of a SearchRequest (empty values left out)."""
    if len(request.scope.get("query_string", b"")) > MAX_QUERY_STRING_BYTES:
        raise BadRequest(f"query string over {MAX_QUERY_STRING_BYTES} bytes; "
                         "POST a JSON body instead", 414)
    raw = request.scope.get("query_string", b"")
    try:  # (Starlette reads an invalid byte as U+FFFD: "neglect%FF" was searched as "neglect\ufffd")
        for part in re.split(rb"[&=]", raw):
            urllib.parse.unquote_to_bytes(part.replace(b"+", b" ")).decode("utf-8")
    except UnicodeDecodeError as err:
        raise BadRequest(f"the query string is not UTF-8 (byte {err.start:,} of a parameter): "
                         "percent-encode UTF-8 text") from None
    params = request.query_params
    repeated = sorted({key for key in params if len(params.getlist(key)) > 1})
    if repeated:
        raise BadRequest(f"parameter(s) given more than once: {shown(', '.join(repeated))}")
    unknown = set(params) - {"q", "k", *FILTER_KEYS}
    if unknown:
        raise BadRequest(f"unknown parameter(s): {shown(', '.join(sorted(unknown)))}")
    fields: dict[str, Any] = {key: params[key] for key in ("q", "k") if params.get(key)}
    filters = {key: params[key] for key in FILTER_KEYS if params.get(key)}
    if filters:
        fields["filters"] = filters
    return fields


def _validation_message(err: ValidationError) -> str:
    problems = err.errors(include_url=False)
    first = problems[0]
    where = ".".join(str(part) for part in first["loc"]) or "body"
    where = where if len(where) <= SHOWN_CHARS else where[:SHOWN_CHARS - 1] + "…"
    message = first["msg"].removeprefix("Value error, ")
    if first["type"] not in ("missing", "extra_forbidden"):
        message += f", got {shown(first.get('input'))}"
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    return f"{where}: {message}{more}"


def to_search_request(fields: dict[str, Any]) -> tuple[SearchRequest, Filters]:
    """The request and its filters from the fields of a request, checked against SearchRequest
    and Filters.from_mapping (which also checks that year_from is not after year_to)."""
    q = fields.get("q")
    if q is None or (isinstance(q, str) and not q.strip()):
        raise BadRequest('"q" (the question) is required')
    try:
        request = SearchRequest.model_validate(fields)
    except ValidationError as err:
        raise BadRequest(_validation_message(err)) from None
    filters = request.filters.model_dump(exclude_none=True) if request.filters else {}
    return request, Filters.from_mapping(filters)


async def read_body(request: Request) -> bytes:
    """The request's body, read no further than MAX_BODY_BYTES + 1 (the rest is not waited
    for): a body said to be larger is refused before a byte is read ("Content-Length:
    99999999999" over a tiny body had held the request open until the client gave up), and
    a client that goes away is a BadRequest, not a logged traceback."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise BadRequest(f"request body over {MAX_BODY_BYTES} bytes", 413)
    raw = bytearray()
    try:
        async for chunk in request.stream():
            raw += chunk
            if len(raw) > MAX_BODY_BYTES:
                break
    except ClientDisconnect:
        raise BadRequest("the client went away before sending the body") from None
    return bytes(raw)


async def read_request(request: Request) -> tuple[SearchRequest, Filters]:
    """The request and its filters from query parameters (GET) or a JSON object body (POST)."""
    if request.method == "POST":
        fields = parse_json_body(await read_body(request), request.headers.get("content-type"))
    else:
        fields = query_fields(request)
    return to_search_request(fields)


# -- the routes ------------------------------------------------------------------------------


def _query_parameters() -> list[dict[str, Any]]:
    """The GET parameters of /api/search and /api/ask, as OpenAPI parameter objects."""
    year = {"type": "integer", "minimum": YEAR_MIN, "maximum": YEAR_MAX}
    described = SearchFilters.model_fields
    params = [
        {"name": "q", "in": "query", "required": True,
         "schema": {"type": "string", "minLength": 1, "maxLength": MAX_QUERY_CHARS,
                    "pattern": QUESTION_PATTERN},
         "description": SearchRequest.model_fields["q"].description},
        {"name": "k", "in": "query", "required": False,
         "schema": {"type": "integer", "minimum": 1, "maximum": MAX_K},
         "description": SearchRequest.model_fields["k"].description},
    ]
    for key in FILTER_KEYS:
        params.append({"name": key, "in": "query", "required": False,
                       "schema": year if key.startswith("year") else {"type": "string"},
                       "description": described[key].description})
    return params


def _responses(*extra: int) -> dict[int | str, dict[str, Any]]:
    reasons = {400: "Bad input: one line saying what.",
               403: "Refused: a request to identify, locate or blame a real person, and why.",
               414: f"Query string over {MAX_QUERY_STRING_BYTES} bytes.",
               415: "The body is not declared as application/json."}
    return {status: {"model": ErrorResponse, "description": reasons[status]} for status in (400, *extra)}


_JSON_BODY = {"requestBody": {"required": True, "content": {"application/json": {
    "schema": {"$ref": "#/components/schemas/SearchRequest"}}}}}


def api_router(retriever: Retriever) -> APIRouter:
    """The API's routes over ``retriever`` (thread-safe: requests run in the thread pool)."""
    router = APIRouter(prefix="/api")

    async def run(request: Request, action: Callable[[str, int | None, Filters], dict]) -> JSONResponse:
        """Parses the request, runs ``action(q, k, filters)`` in a worker thread, a follow-up
        read with the previous turn, and maps errors."""
        try:
            asked, filters = await read_request(request)
            return JSONResponse(await run_in_threadpool(in_conversation, action, asked, filters))
        except BadRequest as err:
            return error(str(err), err.status)
        except Refused as err:  # whole: it says why, and echoes nothing of the request
            return JSONResponse({"error": str(err)}, status_code=403)
        except QueryError as err:
            return error(str(err))
        except Exception:
            log.exception("API request failed: %s %s", request.method, request.url.path)
            return error("internal error", 500)

    def in_conversation(action: Callable[[str, int | None, Filters], dict], asked: SearchRequest,
                        filters: Filters) -> dict:
        if asked.previous is None:
            return action(asked.q, asked.k, filters)
        q = retriever.read_in_conversation(asked.q, asked.previous.question, asked.previous.reviews,
                                           asked.previous.less_close, asked.previous.earlier)
        result = action(q, asked.k, filters)
        if q != asked.q and "notes" in result:
            result["notes"].insert(0, read_with_last(q))
        return result

    def search(q: str, k: int | None, filters: Filters) -> dict:
        hits = retriever.search(q, k=k or DEFAULT_K, filters=filters)
        return {"query": q, "hits": [h.to_json() for h in hits]}

    def ask(q: str, k: int | None, filters: Filters) -> dict:
        return retriever.answer(q, k=k or DEFAULT_ANSWER_K, filters=filters).to_json()

    get_params = {"parameters": _query_parameters()}

    @router.get("/search", response_model=SearchResponse, responses=_responses(403, 414),
                openapi_extra=get_params, summary="Search passages (query parameters)")
    async def search_get(request: Request) -> JSONResponse:
        """The top ``k`` passages for ``q`` that satisfy the filters, each cited to its source."""
        return await run(request, search)

    @router.post("/search", response_model=SearchResponse, responses=_responses(403, 415),
                 openapi_extra=_JSON_BODY, summary="Search passages (JSON body)")
    async def search_post(request: Request) -> JSONResponse:
        """As ``GET /api/search``, with ``{"q", "k", "filters"}`` as a JSON body."""
        return await run(request, search)

    @router.get("/ask", response_model=AskResponse, responses=_responses(414),
                openapi_extra=get_params, summary="Answer a question (query parameters)")
    async def ask_get(request: Request) -> JSONResponse:
        """A cited answer built from the passages' sentences, grouped by review; a refusal for
        requests to identify people; no_answer; or, for "how many reviews ...?" and "who
        wrote the ... review?", catalogue: the count or the fact from the index's catalogue,
        no passage quoted."""
        return await run(request, ask)

    @router.post("/ask", response_model=AskResponse, responses=_responses(415),
                 openapi_extra=_JSON_BODY, summary="Answer a question (JSON body)")
    async def ask_post(request: Request) -> JSONResponse:
        """As ``GET /api/ask``, with ``{"q", "k", "filters"}`` as a JSON body."""
        return await run(request, ask)

    @router.get("/reviews", response_model=ReviewsResponse, summary="The catalogue of reviews")
    async def reviews() -> JSONResponse:
        """Every review with its metadata and the documents that describe it."""
        return JSONResponse({"reviews": await run_in_threadpool(catalogue, retriever.store)})

    @router.get("/themes", response_model=ThemesResponse, summary="Themes with review counts")
    async def themes() -> JSONResponse:
        """Every canonical theme some review carries, most reviews first, with counts by year."""
        counts = await run_in_threadpool(theme_counts, retriever.store)
        return JSONResponse({"themes": [t.to_json() for t in counts]})

    return router


def add_api(app: FastAPI, retriever: Retriever) -> None:
    """Adds the API's routes to ``app`` and serves their OpenAPI schema (only theirs) at
    OPENAPI_PATH."""
    router = api_router(retriever)
    app.include_router(router)

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title="reviewqa HTTP API", version=app.version, routes=app.routes,
                description=__doc__.split("\n\n", 1)[1].strip() if __doc__ else None)
            # Only the API's routes: the source viewer and Gradio's are not part of it.
            schema["paths"] = {path: item for path, item in schema.get("paths", {}).items()
                               if path.startswith("/api/")}
            components = schema.setdefault("components", {}).setdefault("schemas", {})
            request_schema = SearchRequest.model_json_schema(ref_template="#/components/schemas/{model}")
            components.update(request_schema.pop("$defs", {}))
            components["SearchRequest"] = request_schema
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]

    @app.get(OPENAPI_PATH, include_in_schema=False)
    async def openapi_json() -> JSONResponse:
        return JSONResponse(openapi())

    @app.api_route("/api/{rest:path}", methods=list(ANY_METHOD), include_in_schema=False)
    async def no_such_route(request: Request) -> JSONResponse:
        """Any other request under /api/ is the API's to answer, in its own shape: it had
        fallen through to the web app's ``{"detail": "Not Found"}``, a wrong method too."""
        path = request.url.path
        allowed = sorted({method for route in [*router.routes, *app.routes]
                          if isinstance(route, APIRoute) and route.path == path
                          for method in route.methods or ()})
        if allowed:
            return JSONResponse({"error": f"{request.method} is not allowed on {path}: use "
                                          f"{' or '.join(allowed)}"},
                                status_code=405, headers={"Allow": ", ".join(allowed)})
        return error(f"no such API route: {shown(path)}; the routes are listed at {OPENAPI_PATH}",
                     404)


ANY_METHOD = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
