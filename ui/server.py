"""``reviewqa serve``: the HTTP API, the source viewer and the Gradio app in one FastAPI app.

Routes: ``/api/search`` and ``/api/ask`` (GET with query parameters, POST with JSON),
``/api/reviews``, ``/source/{key}`` and the web app at ``/``. Bad input is answered with
HTTP 400 and a one-line ``{"error"}``; nothing returns a stack trace. It binds to
127.0.0.1 unless told otherwise; with ``auth``, every route (the app's assets and queue
included) asks for HTTP Basic credentials.
"""

from __future__ import annotations

import base64
import binascii
import ipaddress
import json
import logging
import os
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any

import gradio as gr
import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from reviewqa.corpus.types import FILTER_KEYS
from reviewqa.offline import set_offline_env
from reviewqa.retriever.examples import catalogue
from reviewqa.retriever.search import Retriever
from reviewqa.retriever.types import Filters, QueryError
from reviewqa.settings import MAX_K

from . import web
from .render import CSS
from .source import SOURCE_CSP, not_found_page, source_page

log = logging.getLogger(__name__)

AUTH_ENV = "REVIEWQA_AUTH"
MAX_BODY_BYTES = 64_000  # a question is at most MAX_QUERY_CHARS; this leaves room for filters
SECURITY_HEADERS = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer")]


class AuthError(ValueError):
    """Unusable credentials (file unreadable, or not 'user:password'). One-line message."""


class BadRequest(ValueError):
    """Input the API cannot take. One-line message, sent back with HTTP 400."""


def read_auth(path: Path | None = None) -> tuple[str, str] | None:
    """The (user, password) to require: from ``path`` (first non-empty line), else from
    ``$REVIEWQA_AUTH``; None when neither is given."""
    if path is not None:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise AuthError(f"{path}: cannot read ({err.__class__.__name__})") from None
        line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
        return _credentials(line, str(path))
    value = os.environ.get(AUTH_ENV, "").strip()
    return _credentials(value, AUTH_ENV) if value else None


def _credentials(line: str, where: str) -> tuple[str, str]:
    user, sep, password = line.partition(":")
    if not sep or not user or not password:
        raise AuthError(f"{where}: expected one line 'user:password'")
    return user, password


# -- middleware ------------------------------------------------------------------------------


class BasicAuthMiddleware:
    """HTTP Basic on every HTTP and websocket request; credentials compared in constant time."""

    def __init__(self, app: ASGIApp, user: str, password: str):
        self.app = app
        self.user = user.encode()
        self.password = password.encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket") and not self._allowed(scope):
            if scope["type"] == "websocket":
                await send({"type": "websocket.close", "code": 1008})
                return
            response = JSONResponse({"error": "authentication required"}, status_code=401,
                                    headers={"WWW-Authenticate": 'Basic realm="reviewqa", charset="UTF-8"'})
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)

    def _allowed(self, scope: Scope) -> bool:
        header = dict(scope.get("headers") or []).get(b"authorization", b"")
        scheme, _, encoded = header.partition(b" ")
        if scheme.lower() != b"basic":
            return False
        try:
            user, sep, password = base64.b64decode(encoded.strip(), validate=True).partition(b":")
        except (binascii.Error, ValueError):
            return False
        # Both comparisons always run, so timing does not tell which part was wrong.
        ok_user = secrets.compare_digest(user, self.user)
        ok_password = secrets.compare_digest(password, self.password)
        return bool(sep) and ok_user and ok_password


class SecurityHeadersMiddleware:
    """Adds ``X-Content-Type-Options: nosniff`` and ``Referrer-Policy: no-referrer`` to every response."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (name, value) for name, value in SECURITY_HEADERS if name not in present]
            await send(message)

        await self.app(scope, receive, send_with_headers)


# -- request parsing -------------------------------------------------------------------------


async def read_request(request: Request) -> tuple[str, int | None, Filters]:
    """(question, k, filters) from query parameters (GET) or a JSON object body (POST)."""
    if request.method == "POST":
        raw = await request.body()
        if len(raw) > MAX_BODY_BYTES:
            raise BadRequest(f"request body over {MAX_BODY_BYTES} bytes")
        try:
            body = json.loads(raw or b"null")
        except (json.JSONDecodeError, UnicodeDecodeError) as err:
            raise BadRequest(f"malformed JSON body ({getattr(err, 'msg', 'not UTF-8')})") from None
        if not isinstance(body, dict):
            raise BadRequest('expected a JSON object {"q", "k", "filters"}')
        unknown = set(body) - {"q", "k", "filters"}
        if unknown:
            raise BadRequest(f"unknown field(s): {', '.join(sorted(unknown))}")
        filters = body.get("filters") or {}
        if not isinstance(filters, dict):
            raise BadRequest('"filters" must be an object')
        q, k = body.get("q"), body.get("k")
    else:
        params = request.query_params
        repeated = sorted({key for key in params if len(params.getlist(key)) > 1})
        if repeated:
            raise BadRequest(f"parameter(s) given more than once: {', '.join(repeated)}")
        unknown = set(params) - {"q", "k", *FILTER_KEYS}
        if unknown:
            raise BadRequest(f"unknown parameter(s): {', '.join(sorted(unknown))}")
        filters = {key: params[key] for key in FILTER_KEYS if key in params}
        q, k = params.get("q"), params.get("k")
    if not isinstance(q, str) or not q.strip():
        raise BadRequest('"q" (the question) is required')
    return q, _k(k), Filters.from_mapping(filters)


def _k(value: Any) -> int | None:
    """The number of results asked for: an integer 1..MAX_K, or None for the default."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise BadRequest('"k" must be an integer')
    try:
        k = int(value)
    except (TypeError, ValueError):
        raise BadRequest(f'"k" must be an integer, got {value!r}') from None
    if isinstance(value, float) and value != k:
        raise BadRequest(f'"k" must be an integer, got {value!r}')
    if not 1 <= k <= MAX_K:
        raise BadRequest(f'"k" must be between 1 and {MAX_K}, got {k}')
    return k


def _offset(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def error(message: str, status: int = 400) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


# -- the app ---------------------------------------------------------------------------------


def create_app(retriever: Retriever, *, auth: tuple[str, str] | None = None) -> FastAPI:
    """The API, the source viewer and the web app; with ``auth``, all behind HTTP Basic.
    Requests run in parallel in the server's thread pool (the retriever is thread-safe)."""
    set_offline_env()
    app = FastAPI(title="reviewqa", docs_url=None, redoc_url=None, openapi_url=None)

    async def run(request: Request, action: Callable[[str, int | None, Filters], dict]) -> JSONResponse:
        """Parses the request, runs ``action(q, k, filters)`` in a worker thread, maps errors."""
        try:
            q, k, filters = await read_request(request)
            return JSONResponse(await run_in_threadpool(action, q, k, filters))
        except (BadRequest, QueryError) as err:
            return error(str(err))
        except Exception:
            log.exception("API request failed: %s %s", request.method, request.url.path)
            return error("internal error", 500)

    @app.api_route("/api/search", methods=["GET", "POST"])
    async def api_search(request: Request) -> JSONResponse:
        def action(q: str, k: int | None, filters: Filters) -> dict:
            hits = retriever.search(q, k=k or 10, filters=filters)
            return {"query": q, "hits": [h.to_json() for h in hits]}

        return await run(request, action)

    @app.api_route("/api/ask", methods=["GET", "POST"])
    async def api_ask(request: Request) -> JSONResponse:
        def action(q: str, k: int | None, filters: Filters) -> dict:
            return retriever.answer(q, k=k or 8, filters=filters).to_json()

        return await run(request, action)

    @app.get("/api/reviews")
    async def api_reviews() -> JSONResponse:
        return JSONResponse({"reviews": await run_in_threadpool(catalogue, retriever.store)})

    @app.get("/source/{key}")
    async def source(key: str, start: str | None = None, end: str | None = None) -> HTMLResponse:
        html = await run_in_threadpool(source_page, retriever.store, key, _offset(start), _offset(end))
        headers = {"Content-Security-Policy": SOURCE_CSP}
        if html is None:
            return HTMLResponse(not_found_page(key), status_code=404, headers=headers)
        return HTMLResponse(html, headers=headers)

    blocks = web.build_blocks(retriever)
    app = gr.mount_gradio_app(
        app, blocks, path="/", theme=web.THEME, css=CSS, footer_links=["api"],
        run_history=False, show_error=False, ssr_mode=False, mcp_server=False, max_file_size="1mb",
        blocked_paths=[str(Path(retriever.index.directory).resolve())])
    if auth is not None:
        app.add_middleware(BasicAuthMiddleware, user=auth[0], password=auth[1])
    app.add_middleware(SecurityHeadersMiddleware)  # outermost, so a 401 carries the headers too
    return app


def is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def serve(retriever: Retriever, host: str = "127.0.0.1", port: int = 7860,
          auth: tuple[str, str] | None = None) -> None:
    """Serves the app until interrupted, then closes the retriever."""
    retriever.index.embedder.encode_query("warm up")  # load the model now, not on the first question
    app = create_app(retriever, auth=auth)
    shown = f"[{host}]" if ":" in host else host
    print(f"reviewqa: serving on http://{shown}:{port}/  (Ctrl+C to stop)", flush=True)
    if not is_loopback(host):
        print("reviewqa: warning: listening beyond this computer"
              + ("" if auth else " WITHOUT a login (use --auth-file or REVIEWQA_AUTH)"), flush=True)
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning")
    finally:
        retriever.close()
