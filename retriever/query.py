"""The question as searched: cleaned once, before any search or answer."""

from __future__ import annotations

from reviewqa.corpus.types import QueryError
from reviewqa.settings import MAX_QUERY_CHARS


def clean_question(question: object) -> str:
    """The question trimmed, its whitespace folded, capped at MAX_QUERY_CHARS; a question
    that is empty or holds no letter or digit is a :class:`QueryError`."""
    if not isinstance(question, str):
        raise QueryError("the question must be text")
    cleaned = " ".join(question.split())
    if not cleaned:
        raise QueryError("the question is empty")
    if not any(ch.isalnum() for ch in cleaned):
        raise QueryError("the question has no words to search for")
    return cleaned[:MAX_QUERY_CHARS]
