"""The HTTP API keeps the contract it declares: a bounded schemathesis run against the real
app (``create_app`` over the bundled index, under uvicorn on a free 127.0.0.1 port).

Every operation of ``/api/openapi.json`` gets EXAMPLES schema-valid requests (and, where it
takes input, NEGATIVE_EXAMPLES schema-invalid ones) from a fixed seed; no response may be a
5xx, and each must have a declared status, its declared content type and a body matching
the declared schema. Shrinking is off, so the run stays bounded (well under a minute).
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest
import schemathesis
from helpers import Served
from hypothesis import HealthCheck, Phase, given, seed, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from reviewqa.ui.api import OPENAPI_PATH
from reviewqa.ui.server import create_app

SEED = 20_251_201
EXAMPLES = 25  # schema-valid requests per operation
NEGATIVE_EXAMPLES = 15  # schema-invalid requests per operation that takes input
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]
API_OPERATIONS = [("GET", "/api/search"), ("POST", "/api/search"), ("GET", "/api/ask"),
                  ("POST", "/api/ask"), ("GET", "/api/reviews"), ("GET", "/api/themes")]
TAKES_INPUT = {op for op in API_OPERATIONS if op[1] in ("/api/search", "/api/ask")}


@pytest.fixture(scope="module")
def served(retriever) -> Iterator[Served]:
    with Served(create_app(retriever)) as server:
        yield server


@pytest.fixture(scope="module")
def api_schema(served):
    return schemathesis.openapi.from_url(served.url + OPENAPI_PATH)


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=60) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


def test_schema_lists_only_the_api(served):
    status, body = _get(served.url + OPENAPI_PATH)
    assert status == 200
    schema = json.loads(body)
    operations = {(method.upper(), path) for path, item in schema["paths"].items() for method in item}
    assert operations == set(API_OPERATIONS)
    for method, path in API_OPERATIONS:
        responses = schema["paths"][path][method.lower()]["responses"]
        assert "200" in responses and "422" not in responses
        if (method, path) in TAKES_INPUT:
            assert "400" in responses
    post = schema["paths"]["/api/search"]["post"]["requestBody"]["content"]
    assert list(post) == ["application/json"]
    get_params = {p["name"] for p in schema["paths"]["/api/search"]["get"]["parameters"]}
    assert get_params == {"q", "k", "year", "year_from", "year_to", "area", "type", "review_type",
                          "theme"}
    # Gradio's own schemas (its FastAPI routes, its call endpoints) are not served as the API's.
    assert _get(served.url + "/openapi.json")[0] == 404
    assert _get(served.url + "/gradio_api/openapi.json")[0] == 404


RUNS = [(method, path, GenerationMode.POSITIVE) for method, path in API_OPERATIONS] + [
    (method, path, GenerationMode.NEGATIVE) for method, path in API_OPERATIONS
    if (method, path) in TAKES_INPUT]


@pytest.mark.parametrize("method, path, mode", RUNS, ids=[
    f"{m} {p} {'valid' if g is GenerationMode.POSITIVE else 'invalid'}" for m, p, g in RUNS])
def test_operation_keeps_its_contract(api_schema, served, method, path, mode):
    operation = api_schema[path][method]
    examples = EXAMPLES if mode is GenerationMode.POSITIVE else NEGATIVE_EXAMPLES
    statuses: list[int] = []

    @seed(SEED)
    @settings(max_examples=examples, deadline=None, database=None, derandomize=False,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=mode))
    def check(case) -> None:
        response = case.call_and_validate(base_url=served.url, checks=CHECKS, timeout=60)
        statuses.append(response.status_code)

    check()
    if (method, path) in TAKES_INPUT:
        assert len(statuses) >= examples // 2, "too few requests were generated to mean anything"
    if mode is GenerationMode.POSITIVE:
        assert 200 in statuses, "no valid request was answered"
