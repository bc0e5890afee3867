"""The public types of the retrieval stage: filters, hits, answers."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import quote

from reviewqa.corpus.store import ChunkRow, DocumentRow, ReviewRow

MAX_QUERY_CHARS = 1000


class QueryError(ValueError):
    """A question that cannot be searched (empty, or only punctuation). One-line message."""


@dataclass(frozen=True)
class Filters:
    """Review metadata every returned hit must satisfy. Empty fields filter nothing."""

    year_from: int | None = None
    year_to: int | None = None
    area: str | None = None  # matched case-insensitively against the review's area
    review_type: str | None = None  # substring, e.g. "serious case review", "thematic"
    theme: str | None = None  # substring of a keyword/learning theme

    @property
    def empty(self) -> bool:
        return not any((self.year_from, self.year_to, self.area, self.review_type, self.theme))

    @classmethod
    def from_mapping(cls, data: dict | None) -> Filters:
        """From JSON or query parameters: year, year_from, year_to, area, type, theme."""
        data = {k: v for k, v in (data or {}).items() if v not in (None, "")}
        unknown = set(data) - {"year", "year_from", "year_to", "area", "type", "review_type", "theme"}
        if unknown:
            raise QueryError(f"unknown filter(s): {', '.join(sorted(unknown))}")

        def year(key: str) -> int | None:
            if key not in data:
                return None
            try:
                return int(data[key])
            except (TypeError, ValueError):
                raise QueryError(f"filter {key!r} must be a year, got {data[key]!r}") from None

        exact = year("year")
        return cls(year_from=exact or year("year_from"), year_to=exact or year("year_to"),
                   area=_text(data.get("area")), theme=_text(data.get("theme")),
                   review_type=_text(data.get("type") or data.get("review_type")))


def _text(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise QueryError(f"filter value {value!r} must be text")
    return value.strip() or None


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

    @property
    def chunk_id(self) -> str:
        return self.chunk.hex_id

    @property
    def url(self) -> str:
        """The web app's link that opens the document at this passage."""
        return source_url(self.document.key, self.chunk.start, self.chunk.end)

    def to_json(self) -> dict:
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


@dataclass(frozen=True)
class Quote:
    """A sentence of a passage, with its offsets in the document's cleaned text."""

    text: str
    start: int
    end: int


@dataclass
class Citation:
    """[n] in an answer: one passage, and the sentences of it that the answer quotes."""

    number: int
    hit: Hit
    quotes: list[Quote] = field(default_factory=list)

    def to_json(self) -> dict:
        hit = self.hit.to_json()
        return {"n": self.number, "chunk_id": hit["chunk_id"], "text": hit["text"],
                "review": hit["review"], "source": hit["source"],
                "sentences": [{"text": q.text, "start": q.start, "end": q.end}
                              for q in self.quotes]}


@dataclass
class ReviewGroup:
    """The sentences an answer takes from one review: (sentence, citation number)."""

    review_id: str
    heading: str  # "Bradford 2018 – Sameer (learning brief)"
    sentences: list[tuple[str, int]] = field(default_factory=list)


@dataclass
class Answer:
    """An answer grouped by review, each sentence carrying its citation number."""

    question: str
    text: str  # plain text with [n] markers
    kind: str  # "extractive", "generative", "refusal", "no_answer"
    citations: list[Citation] = field(default_factory=list)
    hits: list[Hit] = field(default_factory=list)
    groups: list[ReviewGroup] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"query": self.question, "kind": self.kind, "answer": self.text,
                "notes": self.notes,
                "groups": [{"review": g.heading, "review_id": g.review_id,
                            "sentences": [{"text": t, "n": n} for t, n in g.sentences]}
                           for g in self.groups],
                "citations": [c.to_json() for c in self.citations],
                "hits": [h.to_json() for h in self.hits]}
