"""The public types of the retrieval stage: filters, hits, answers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import quote

from reviewqa.corpus.store import ChunkRow, DocumentRow, ReviewRow
from reviewqa.corpus.text import Span as Quote
from reviewqa.corpus.types import Filters, QueryError

__all__ = ["Answer", "AnswerKind", "Citation", "Filters", "Hit", "QueryError", "Quote",
           "Refused", "ReviewGroup", "group_text", "source_url"]

AnswerKind = Literal["extractive", "generative", "refusal", "no_answer", "catalogue"]


class Refused(QueryError):
    """A search, or a request for examples, that would help identify, locate or blame a real
    person: refused before any search, the message saying why (an answer is a refusal
    instead, ``Answer.kind`` "refusal")."""


@dataclass
class Hit:
    """One retrieved passage with its review and source."""

    rank: int
    score: float  # fused score (reciprocal rank fusion), higher is better
    chunk: ChunkRow
    review: ReviewRow
    document: DocumentRow
    dense_score: float | None = None  # cosine similarity with the question, when dense ran
    lexical_rank: int | None = None
    # The indexed chunks this hit's passage joins (a whole digest entry); () for one chunk.
    parts: tuple[int, ...] = ()

    @property
    def chunk_id(self) -> str:
        return self.chunk.hex_id

    @property
    def url(self) -> str:
        """The web app's link that opens the document at this passage."""
        return source_url(self.document.key, self.chunk.start, self.chunk.end)

    def to_json(self) -> dict[str, Any]:
        r, c = self.review, self.chunk
        return {
            "rank": self.rank,
            "score": round(self.score, 6),
            "chunk_id": self.chunk_id,
            "text": c.text,
            "review": {"id": r.id, "title": r.title, "area": r.area, "year": r.year,
                       "type": r.type},
            "source": {"document": self.document.name, "locator": c.locator, "page": c.page,
                       "start": c.start, "end": c.end, "url": self.url},
        }


def source_url(document_key: str, start: int, end: int) -> str:
    return f"/source/{quote(document_key)}?start={start}&end={end}#passage"


@dataclass
class Citation:
    """[n] in an answer: one passage, and the sentences of it that the answer quotes."""

    number: int
    hit: Hit
    quotes: list[Quote] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        hit = self.hit.to_json()
        return {"n": self.number, "chunk_id": hit["chunk_id"], "text": hit["text"],
                "review": hit["review"], "source": hit["source"],
                "sentences": [{"text": q.text, "start": q.start, "end": q.end}
                              for q in self.quotes]}


@dataclass(frozen=True)
class ResourceLink:
    """A resource a document points to, as an answer lists it."""

    title: str
    text: str  # what the document says of it, whitespace joined
    document: str  # the file name of the document that lists it
    url: str  # the source viewer at the document's lines about it
    score: float  # cosine with what the question is about; 0.0 when it named no topic
    theme: str = ""  # the heading of the section listing it ("Radicalisation"), "" for none

    def to_json(self) -> dict[str, Any]:
        return {"title": self.title, "text": self.text, "document": self.document,
                "url": self.url, "score": round(self.score, 6), "theme": self.theme}


@dataclass
class ReviewGroup:
    """The sentences an answer takes from one review: (sentence, citation number)."""

    review_id: str
    heading: str  # "Bradford 2018 – Sameer (learning brief)"
    sentences: list[tuple[str, int]] = field(default_factory=list)
    listed: bool = False  # a list the review gives (its numbered points), an item a line
    # far less close to the question than the answer's best: shown apart, after the others
    less_close: bool = False


def group_text(group: ReviewGroup) -> str:
    """A group as the answer's plain text: "heading: sentence [n] sentence [n]", or, listed,
    the heading and an item a line."""
    if group.listed:
        return f"{group.heading}:\n" + "\n".join(f"{s} [{n}]" for s, n in group.sentences)
    return f"{group.heading}: " + " ".join(f"{s} [{n}]" for s, n in group.sentences)


@dataclass
class Answer:
    """An answer grouped by review, each sentence carrying its citation number."""

    question: str
    text: str  # plain text with [n] markers
    kind: AnswerKind
    citations: list[Citation] = field(default_factory=list)
    hits: list[Hit] = field(default_factory=list)
    groups: list[ReviewGroup] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # what the documents point to (reports, films, toolkits), for a question asking for them
    resources: list[ResourceLink] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"query": self.question, "kind": self.kind, "answer": self.text,
                "notes": self.notes,
                "groups": [{"review": g.heading, "review_id": g.review_id, "listed": g.listed,
                            "less_close": g.less_close,
                            "sentences": [{"text": t, "n": n} for t, n in g.sentences]}
                           for g in self.groups],
                "citations": [c.to_json() for c in self.citations],
                "resources": [r.to_json() for r in self.resources],
                "hits": [h.to_json() for h in self.hits]}
