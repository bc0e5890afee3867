"""reviewqa: offline, cited question answering over UK child-safeguarding case reviews.

The code lives in one folder per stage of the flow (see README): ``corpus`` (documents in,
reviews and chunks out), ``embed`` (model and vector index), ``retriever`` (search and
cited answers), ``ui`` (command line, web app, HTTP API) and ``eval`` (dev set, metrics,
benchmarks). The folders sit at the top of the repository; ``reviewqa/<stage>`` are links
to them, so ``reviewqa.corpus`` and the rest are ordinary sub-packages for Python, type
checkers and IDEs alike.

The public API is exported lazily (a module ``__getattr__``), so ``import reviewqa`` and the
command line pay for numpy, FAISS and SQLite only when a name is first used::

    from reviewqa import Retriever, Filters
    with Retriever.load(".reviewqa-index", build_if_empty=True) as retriever:
        answer = retriever.answer("what went wrong with escalation?")
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["Answer", "AnswerConfig", "Filters", "Hit", "QueryError", "Retriever", "SearchConfig"]

_EXPORTS = {
    "Answer": "reviewqa.retriever.types",
    "AnswerConfig": "reviewqa.settings",
    "Filters": "reviewqa.corpus.types",
    "Hit": "reviewqa.retriever.types",
    "QueryError": "reviewqa.corpus.types",
    "Retriever": "reviewqa.retriever.search",
    "SearchConfig": "reviewqa.settings",
}

if TYPE_CHECKING:
    from reviewqa.corpus.types import Filters, QueryError
    from reviewqa.retriever.search import Retriever
    from reviewqa.retriever.types import Answer, Hit
    from reviewqa.settings import AnswerConfig, SearchConfig


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'reviewqa' has no attribute {name!r}")
    value = getattr(import_module(_EXPORTS[name]), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
