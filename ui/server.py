"""``reviewqa serve``: the HTTP API, the source viewer and the Gradio app in one FastAPI app.

This module assembles the app: the JSON API (``ui.api``: ``/api/search``, ``/api/ask``,
``/api/reviews``, ``/api/themes`` and their schema at ``/api/openapi.json``), the source
viewer ``/source/{key}``, the web app at ``/``, and the middleware. It binds to 127.0.0.1
unless told otherwise; with ``auth``, every route (the app's assets and queue included) asks
for HTTP Basic credentials.

Gradio is imported only where the web app is built (``WebApp``): importing it takes most of
a server's start, so ``reviewqa serve`` starts listening with the API first and builds the
web app in the background (``web_app="deferred"``); ``/`` says "starting" until it is ready.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import contextlib
import ipaddress
import logging
import os
import secrets
import socket
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any, Literal

import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.routing import Mount
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from reviewqa.corpus.types import shown
from reviewqa.offline import set_offline_env
from reviewqa.retriever.search import Retriever

from .api import OPENAPI_PATH, add_api, error
from .source import SOURCE_CSP, not_found_page, source_page

log = logging.getLogger(__name__)

AUTH_ENV = "REVIEWQA_AUTH"
UVICORN_OPTIONS: dict[str, Any] = {
    # h11 drops a request whose line and headers pass 16 KiB with a bare reset; up to 1 MiB
    # they reach the app, which answers an overlong API query string with a JSON 414.
    "h11_max_incomplete_event_size": 1024 * 1024,
}
SECURITY_HEADERS = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer")]


class AuthError(ValueError):
    """Unusable credentials (file unreadable, or not 'user:password'). One-line message."""


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


# -- the web app (Gradio) -------------------------------------------------------------------


def build_web_app(retriever: Retriever) -> FastAPI:
    """The Gradio web chat as its own FastAPI app (Gradio mounted at its root). Imports Gradio."""
    import gradio as gr

    from . import web
    from .render import CSS

    blocks = web.build_blocks(retriever)
    shell = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    gr.mount_gradio_app(
        shell, blocks, path="/", theme=web.THEME, css=CSS, footer_links=["api"],
        run_history=False, show_error=False, ssr_mode=False, mcp_server=False,
        max_file_size="1mb", blocked_paths=[str(Path(retriever.index.directory).resolve())],
        app_kwargs={"openapi_url": None})
    for route in shell.routes:
        if isinstance(route, Mount) and isinstance(route.app, gr.routes.App):
            _guard_gradio_calls(route.app)
    return shell


def _guard_gradio_calls(gradio_app: FastAPI) -> None:
    """Gradio's ``POST /gradio_api/call/v2/{api_name}`` raises TypeError (missing or unknown
    arguments) or KeyError (unknown endpoint) on a bad body, which Gradio answers with a 500:
    there they are the caller's mistake, answered 400 with a one-line ``{"error"}``. So is a
    KeyError of ``POST /gradio_api/queue/join`` or ``/gradio_api/run/{name}``, an event handler
    number the app lacks (``"fn_index": 999`` was a plain-text 500). Anywhere else they stay
    errors."""
    from gradio import route_utils

    # (Gradio's own name for an unknown endpoint of /gradio_api/call/{api_name}, internal)
    unknown: type[Exception] = getattr(route_utils, "FnIndexInferError", KeyError)

    async def bad_call(request: Request, exc: Exception) -> JSONResponse:
        path = request.url.path
        if any(route in path for route in ("/gradio_api/queue/join", "/gradio_api/run/")):
            if isinstance(exc, KeyError):
                return error(f"no such event handler: {shown(str(exc))}")
            raise exc
        if "/gradio_api/call/" not in path:
            raise exc
        if isinstance(exc, KeyError | unknown):
            # (the first version of the route, /gradio_api/call/{api_name}, raised
            # FnIndexInferError for an unknown one: a plain-text 500)
            name = request.url.path.rstrip("/").rsplit("/", 1)[-1]
            return error(f"no such endpoint: {shown(name)}")
        return error(str(exc).split(". Please", 1)[0])

    gradio_app.add_exception_handler(TypeError, bad_call)
    gradio_app.add_exception_handler(KeyError, bad_call)
    gradio_app.add_exception_handler(unknown, bad_call)


STARTING_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="1">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>reviewqa: starting</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;
line-height:1.5;color:#1f2937}</style></head>
<body><h1>reviewqa is starting</h1><p>The web chat will be ready in a few seconds; this page
reloads itself. The HTTP API already answers at <a href="/api/openapi.json">/api/</a>.</p>
</body></html>
"""
FAILED_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>reviewqa: web chat unavailable</title></head>
<body><h1>The web chat could not start</h1><p>The server's terminal says why. The HTTP API
still answers at <a href="/api/openapi.json">/api/</a>.</p></body></html>
"""


class WebApp:
    """The web chat in the server's root: built at once (``build_now``) or, for a fast start, in
    a thread once the server listens (``start`` from the server's lifespan). Until it is ready,
    a page that reloads itself (503, ``Retry-After: 1``) stands in for it, and API-like
    requests get a one-line JSON 503; a build that fails leaves the API serving and says so.
    Gradio's own start-up (its queue) runs in the server's lifespan either way."""

    def __init__(self, build: Callable[[], FastAPI],
                 on_ready: Callable[[], None] | None = None) -> None:
        self._build = build
        self._on_ready = on_ready
        self._built: FastAPI | None = None
        self.app: FastAPI | None = None  # set once built and started: requests go to it
        self.failure: str | None = None

    def build_now(self) -> None:
        self._built = self._build()

    async def start(self, stack: contextlib.AsyncExitStack) -> None:
        """Builds (in a thread, unless built) and starts the app; its shutdown joins ``stack``."""
        try:
            built = self._built if self._built is not None else await asyncio.to_thread(self._build)
            await stack.enter_async_context(built.router.lifespan_context(built))
        except asyncio.CancelledError:
            raise
        except Exception as err:  # the API goes on serving; say why the web chat did not start
            self.failure = f"{err.__class__.__name__}: {err}".splitlines()[0]
            log.error("the web chat could not start: %s", self.failure)
            print(f"reviewqa: error: the web chat could not start: {self.failure}", flush=True)
            return
        self.app = built
        if self._on_ready is not None:
            self._on_ready()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.app is not None:
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1013})  # try again later
            return
        if scope["type"] != "http":
            return
        request = Request(scope, receive)
        failed = self.failure is not None
        response: Response
        if request.method in ("GET", "HEAD") and "text/html" in request.headers.get("accept", ""):
            response = HTMLResponse(FAILED_PAGE if failed else STARTING_PAGE, status_code=503,
                                    headers={} if failed else {"Retry-After": "1"})
        elif failed:
            response = error("the web chat could not start; the HTTP API is at /api/", 503)
        else:
            response = error("the web chat is starting; try again in a second", 503)
            response.headers["Retry-After"] = "1"
        await response(scope, receive, send)


def _offset(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


# -- the app ---------------------------------------------------------------------------------


WebAppMode = Literal["now", "deferred", "off"]


async def _cancel(task: asyncio.Task[None]) -> None:
    """Stops a background start still running at shutdown (a thread already building the
    web app finishes on its own; nothing waits for it)."""
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


def create_app(retriever: Retriever, *, auth: tuple[str, str] | None = None,
               web_app: WebAppMode = "now",
               on_web_app_ready: Callable[[], None] | None = None) -> FastAPI:
    """The API, the source viewer and the web app; with ``auth``, all behind HTTP Basic.
    Requests run in parallel in the server's thread pool (the retriever is thread-safe).

    ``web_app``: built here ("now"), built in the background once the server has started
    ("deferred": the API answers meanwhile, ``/`` says "starting"; ``on_web_app_ready`` is
    called when it serves), or not served ("off": ``/`` describes the API).

    The HTTP API's OpenAPI schema, of its own routes only, is at ``/api/openapi.json``.
    Gradio's FastAPI schema (``/openapi.json``, every internal route) is not served, nor is
    ``/gradio_api/openapi.json``: the footer's "Use via API" page stays, and lists only the
    web app's named endpoints (``/ask``, ``/find_examples``) for ``gradio_client``."""
    set_offline_env()
    chat = None
    if web_app != "off":
        chat = WebApp(lambda: build_web_app(retriever), on_ready=on_web_app_ready)
        if web_app == "now":
            chat.build_now()

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        async with contextlib.AsyncExitStack() as stack:
            if chat is not None and web_app == "now":
                await chat.start(stack)
            elif chat is not None:
                stack.push_async_callback(_cancel, asyncio.create_task(chat.start(stack)))
            yield

    app = FastAPI(title="reviewqa", docs_url=None, redoc_url=None, openapi_url=None,
                  lifespan=lifespan)
    add_api(app, retriever)

    @app.get("/source/{key}", include_in_schema=False)
    async def source(key: str, start: str | None = None, end: str | None = None,
                     q: str | None = None) -> HTMLResponse:
        """The document, the passage [start, end) marked, the quoted sentences (``q``:
        "start-end,start-end") highlighted within it."""
        html = await run_in_threadpool(source_page, retriever.store, key, _offset(start),
                                       _offset(end), q)
        headers = {"Content-Security-Policy": SOURCE_CSP}
        if html is None:
            return HTMLResponse(not_found_page(key), status_code=404, headers=headers)
        return HTMLResponse(html, headers=headers)

    @app.get("/gradio_api/openapi.json", include_in_schema=False)
    async def no_gradio_schema() -> JSONResponse:
        return error(f"not served; the HTTP API's schema is {OPENAPI_PATH}", 404)

    if chat is not None:
        app.mount("/", chat)
    else:
        @app.get("/", include_in_schema=False)
        async def api_only() -> JSONResponse:
            return JSONResponse({"service": "reviewqa HTTP API", "schema": OPENAPI_PATH,
                                 "note": "the web chat runs with `reviewqa serve --workers 1`"})
    if auth is not None:
        app.add_middleware(BasicAuthMiddleware, user=auth[0], password=auth[1])
    app.add_middleware(SecurityHeadersMiddleware)  # outermost, so a 401 carries the headers too
    return app


def is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


WORKER_INDEX_ENV = "REVIEWQA_WORKER_INDEX"  # how `serve --workers N` hands its index to workers
WORKER_AUTH_FILE_ENV = "REVIEWQA_WORKER_AUTH_FILE"


def api_app() -> FastAPI:
    """One worker of ``reviewqa serve --workers N`` (uvicorn's app factory): the HTTP API and
    the source viewer over the index the parent named. Gradio's queue lives in one process,
    so the web chat is served only with one worker."""
    from reviewqa.embed.pipeline import CorpusIndex

    auth_file = os.environ.get(WORKER_AUTH_FILE_ENV)
    auth = read_auth(Path(auth_file) if auth_file else None)
    retriever = Retriever(CorpusIndex.open(Path(os.environ[WORKER_INDEX_ENV])))
    retriever.index.embedder.encode_query("warm up")
    return create_app(retriever, auth=auth, web_app="off")


class ListenError(Exception):
    """The server cannot listen where it was asked to. One line."""


def check_listen(host: str, port: int) -> None:
    """Raises ListenError where a server could not listen on ``host``:``port`` (the port taken,
    the host unknown or not this computer's): checked before the index loads, so that
    "serving on ..." is never printed for a server that then fails with uvicorn's "ERROR:"
    line (which did not name an unknown host)."""
    where = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port,
                                                             type=socket.SOCK_STREAM)[0]
        with socket.socket(family, kind, proto) as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
            sock.bind(address)
    except OSError as err:  # (socket.gaierror too)
        raise ListenError(f"cannot listen on {where}: {err.strerror or err}") from None


def serve(retriever: Retriever, host: str = "127.0.0.1", port: int = 7860,
          auth: tuple[str, str] | None = None, *, workers: int = 1,
          auth_file: Path | None = None) -> None:
    """Serves until interrupted, then closes the retriever. With ``workers`` > 1, that many
    processes serve the HTTP API and source viewer on one index (each noticing ingests),
    and the web chat is not served (it needs one process)."""
    shown = f"[{host}]" if ":" in host else host
    if not is_loopback(host):
        print("reviewqa: warning: listening beyond this computer"
              + ("" if auth else " WITHOUT a login (use --auth-file or REVIEWQA_AUTH)"), flush=True)
    if workers > 1:
        os.environ[WORKER_INDEX_ENV] = str(Path(retriever.index.directory).resolve())
        if auth_file is not None:
            os.environ[WORKER_AUTH_FILE_ENV] = str(Path(auth_file).resolve())
        retriever.close()
        print(f"reviewqa: serving the HTTP API with {workers} workers on http://{shown}:{port}/api/"
              "  (the web chat needs --workers 1; Ctrl+C to stop)", flush=True)
        uvicorn.run("reviewqa.ui.server:api_app", factory=True, workers=workers, host=host,
                    port=port, log_level="warning", **UVICORN_OPTIONS)
        return
    retriever.index.embedder.encode_query("warm up")  # load the model now, not on the first question
    url = f"http://{shown}:{port}/"
    app = create_app(retriever, auth=auth, web_app="deferred", on_web_app_ready=lambda: print(
        f"reviewqa: the web chat is ready on {url}", flush=True))
    print(f"reviewqa: serving on {url}  (the HTTP API now, the web chat in a few seconds; "
          "Ctrl+C to stop)", flush=True)
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning", **UVICORN_OPTIONS)
    finally:
        retriever.close()
