"""The catalogue's facts about a named review, asked outright ("who wrote the Baby Sama
review?", "when was the Sameer review published?", "what type of review is Harry's?"), and
the reviews an author the catalogue records wrote ("which reviews did Jane Wiffin write?"):
answered from the metadata the index holds, each with where it came from, and said plainly
where the index does not record it. Never a guess, and no passage quoted: the passages
that come closest to "who wrote" are the family's words on the child's death."""

from __future__ import annotations

import re
from collections.abc import Sequence

from reviewqa.corpus.provenance import FieldProvenance, review_provenance
from reviewqa.corpus.store import ReviewRow, Store
from reviewqa.corpus.text import holds_words

FOLLOW_UP = "Ask what the review found, or what it recommended, to read its own words."


def review_facts(store: Store, review_ids: Sequence[str],
                 fields: Sequence[str]) -> tuple[str, list[str]]:
    """A sentence for each field of each review, and a note for each fact recorded saying
    where it came from (the corpus manifest, the file's name, or the words that state it)."""
    sentences: list[str] = []
    sources: list[str] = []
    for review in store.reviews(review_ids):
        stated = {f.field: f for f in review_provenance(store, review)}
        for name in fields:
            fact = stated[name]
            sentences.append(_sentence(review, name, fact.value))
            if fact.value:
                sources.append(f"{review.label}, {_FIELD_NAMES[name]}: {_source(fact)}.")
    return " ".join(sentences), sources


_FIELD_NAMES = {"authors": "author", "year": "year", "type": "type"}


def _sentence(review: ReviewRow, field: str, value: str) -> str:
    who = review.label
    if field == "authors":
        return (f"{who} was written by {_and(review.authors)}." if value
                else f"The index does not record who wrote {who}.")
    if field == "year":
        return (f"{who} was published in {value}." if value
                else f"The index does not record when {who} was published.")
    return (f"{who} is a {value}." if value
            else f"The index does not record what type of review {who} is.")


def _source(fact: FieldProvenance) -> str:
    if fact.origin == "manifest":
        return f"from the corpus manifest ({fact.document})"
    if fact.origin == "file":
        return f"from the file name ({fact.document})"
    if fact.origin == "text":
        return f"stated in {fact.document}: “{fact.quote}”"
    return "where it came from is not recorded"


def _and(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


# "which reviews did Jane Wiffin write?", "reviews by Jane Wiffin", "Jane Wiffin's reviews"
_ASKS_AUTHOR = re.compile(r"\b(?:wrote|write|written|writes|authored|authors?|by)\b|['’]s\s+reviews?\b",
                          re.I)


def author_asked(reviews: Sequence[ReviewRow], question: str) -> str | None:
    """The author of ``reviews`` (the catalogue) whom a question asks the reviews of, by name,
    where it asks who wrote or by whom ("which reviews did Jane Wiffin write?")."""
    if not _ASKS_AUTHOR.search(question):
        return None
    authors = {name for review in reviews for name in review.authors}
    named = [name for name in authors if holds_words(question, name)]
    return max(named, key=len) if named else None


def reviews_by(store: Store, author: str) -> tuple[str, list[str]]:
    """The reviews the catalogue records ``author`` wrote, as a sentence, and where each
    record came from."""
    reviews = sorted((r for r in store.reviews() if author in r.authors),
                     key=lambda r: (r.year or 0, r.title))
    listed = "; ".join(r.heading for r in reviews)
    sources = [f"{review.label}, author: {_source(fact)}." for review in reviews
               for fact in review_provenance(store, review) if fact.field == "authors"]
    count = f"{len(reviews)} review{'s' if len(reviews) != 1 else ''}"
    return f"The index records {author} as the author of {count}: {listed}.", sources
