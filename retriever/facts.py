"""The catalogue's facts about a named review, asked outright ("who wrote the Baby Sama
review?", "when was the Sameer review published?", "what type of review is Harry's?"), the
reviews an author the catalogue records wrote ("which reviews did Jane Wiffin write?"), and
what the collection holds ("which local authorities do you have reviews for?", "which year
has the most reviews?", "what sources are you using?"):
answered from the metadata the index holds, each with where it came from, and said plainly
where the index does not record it. Never a guess, and no passage quoted: the passages
that come closest to "who wrote" are the family's words on the child's death."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence

from reviewqa.corpus.provenance import FieldProvenance, review_provenance
from reviewqa.corpus.store import ReviewRow, Store
from reviewqa.corpus.text import counted, holds_words, said_as_list, words

from .lexical import STOPWORDS

FOLLOW_UP = "Ask what the review found, or what it recommended, to read its own words."


def review_facts(store: Store, review_ids: Sequence[str], fields: Sequence[str],
                 documents: Mapping[int, str] | None = None,
                 asked_of: Sequence[int] = ()) -> tuple[str, list[str]]:
    """A sentence for each field of each review, and a note for each fact recorded saying
    where it came from (the corpus manifest, the file's name, or the words that state it);
    for ``"documents"``, the documents of the index describing it, by their ``documents``
    labels (each document's id and how a message names it), and those of ``asked_of`` (the
    documents the question names) that do not."""
    sentences: list[str] = []
    sources: list[str] = []
    for review in store.reviews(review_ids):
        stated = {f.field: f for f in review_provenance(store, review)}
        for name in fields:
            if name == "documents":
                ids = store.review_documents(review.id)
                labels = {d: (documents or {}).get(d, f"document {d}") for d in {*ids, *asked_of}}
                count = len(ids) if len(ids) > 1 else "one"
                sentences.append(f"{review.label} is described in {count} of the index's documents: "
                                 f"{said_as_list([labels[d] for d in ids])}.")
                if len(ids) > 1:  # (how long each one's entry is: "which version has more detail?")
                    length = _entry_words(store, review.id)
                    sentences.append("Its entries there run to " + said_as_list(
                        [f"{length.get(d, 0)} words in {labels[d]}" for d in ids]) + ".")
                if not_in := [labels[d] for d in asked_of if d not in ids]:
                    sentences.append(f"It is not in {said_as_list(not_in)}.")
                continue
            fact = stated[name]
            sentences.append(_sentence(review, name, fact.value))
            if fact.value:
                sources.append(f"{review.label}, {_FIELD_NAMES[name]}: {_source(fact)}.")
    return " ".join(sentences), sources


_FIELD_NAMES = {"authors": "author", "year": "year", "type": "type", "area": "area",
                "keywords": "keywords"}


def _entry_words(store: Store, review_id: str) -> dict[int, int]:
    """How many words each document's entries on a review hold, by document id."""
    length: Counter[int] = Counter()
    for _, document_id, entry in store.review_entries(review_id):
        length[document_id] += len(entry.split())
    return dict(length)


def _sentence(review: ReviewRow, field: str, value: str) -> str:
    who = review.label
    if field == "authors":
        return (f"{who} was written by {said_as_list(review.authors)}." if value
                else f"The index does not record who wrote {who}.")
    if field == "year":
        return (f"{who} was published in {value}." if value
                else f"The index does not record when {who} was published.")
    if field == "keywords":
        return (f"{who} is tagged with the keyword{'s' if len(review.keywords) > 1 else ''} "
                f"{said_as_list(review.keywords)}." if value
                else f"The index records no keywords for {who}: its entries give none.")
    if field == "area":
        return (f"{who} is a review of {value}'s safeguarding board or partnership." if value
                else f"The index does not record the area of {who}: its entry names none.")
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


# "which reviews did Jane Wiffin write?", "reviews by Jane Wiffin", "Jane Wiffin's reviews",
# "the Keith Ibbetson SCR"
_ASKS_AUTHOR = re.compile(r"\b(?:wrote|write|written|writes|authored|authors?|by)\b|['’]s\s+reviews?\b|"
                          r"\b(?:reviews?|scrs?|reports?|briefs?)\b", re.I)


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
    count = counted(len(reviews), "review")
    return f"The index records {author} as the author of {count}: {listed}.", sources


# A keyword quoted as one ("which entries carry the keyword 'unknown men'?" quoted passages
# on fathers and male carers, and three of the six entries that carry it; "reviews tagged
# 'fractures'", "which entries have 'sleeping behaviour' in the keywords?")
_KEYWORD_ASKED = re.compile(
    r"\b(?:keywords?|key\s+words?|tagged(?:\s+(?:with|as))?|tags?)\s*:?\s*['‘\"“]([^'’\"”?]{2,60})['’\"”]|"
    r"['‘\"“]([^'’\"”?]{2,60})['’\"”]\s+(?:(?:as|in|among)\s+(?:a\s+|an\s+|its\s+|their\s+|the\s+)?)?"
    r"(?:keywords?|key\s+words?|tags?)\b",
    re.I)


def keyword_asked(question: str) -> str | None:
    """The keyword a question quotes as one, or None."""
    m = _KEYWORD_ASKED.search(question)
    return " ".join((m[1] or m[2]).split()) if m else None


def reviews_keyworded(store: Store, keyword: str) -> tuple[str, list[str]] | None:
    """The reviews whose entries carry ``keyword`` (in any case), as a sentence, and where
    each entry's keywords are; None where none does."""
    wanted = keyword.casefold()
    reviews = sorted((r for r in store.reviews() if any(k.casefold() == wanted for k in r.keywords)),
                     key=lambda r: (r.year or 0, r.heading))
    if not reviews:
        return None
    sources = [_keyword_source(store, review, wanted) for review in reviews]
    count = counted(len(reviews), "review")
    return (f"{count} in the index carr{'y' if len(reviews) != 1 else 'ies'} the keyword “{keyword}”: "
            f"{'; '.join(r.heading for r in reviews)}.", sources)


def _keyword_source(store: Store, review: ReviewRow, keyword: str) -> str:
    """Where a review's entry says ``keyword`` (lower-cased): the line of the entry that lists
    it, in the first document whose entry does (a review's keywords are those of all its
    entries: Martin's newsletter entry is under "Adolescence", the NSPCC list's carries
    "disguised compliance"), else where its keywords came from."""
    for source, _, entry in store.review_entries(review.id):
        for line in entry.splitlines():
            if line.lower().startswith(("keywords", "key words")) and keyword in line.casefold():
                return f"{review.label}, keywords: stated in {source.document_name}: “{line.strip(' .')}”."
    return next((f"{review.label}, keywords: {_source(fact)}." for fact in review_provenance(store, review)
                 if fact.field == "keywords"), f"{review.label}: keywords.")


# "list all the local authorities you have reviews for", "which year has the most reviews?",
# "what sources are you using?": each quoted a passage that happened to say "local
# authority", "year" or "sources"; the catalogue answers them.
_COLLECTION = {
    "areas": re.compile(r"\b(?:which|what|list|all)\b[^?]*\b(?:local\s+authorit(?:y|ies)|areas|"
                        r"places|councils|towns|cities|partnerships)\b[^?]*\b(?:you|index|database|"
                        r"collection|reviews?\s+(?:for|from|are|come))\b|\bwhere\s+are\s+the\s+"
                        r"reviews\s+from\b|\bfrom\s+(?:which|what)\s+(?:local\s+authorities|areas|"
                        r"places|councils)\b|"  # ("how many are there and from which areas")
                        # "which areas?", "what areas are covered" (quoted "transferring
                        # information between areas")
                        r"^\W*(?:which|what)\s+(?:areas|places|local\s+authorities|councils)\W*$|"
                        r"\b(?:areas|places|local\s+authorities|councils)\s+(?:are\s+|do\s+you\s+)?"
                        r"(?:covered|included|represented|have|cover)\b", re.I),
    "years": re.compile(r"\bfrom\s+(?:which|what)\s+years\b|"  # ("... and from which years")
                        r"\b(?:which|what)\s+years?\b[^?]*\b(?:most|fewest|reviews?\s+(?:for|from|"
                        r"are|cover)|cover|covered|index|database)\b|\breviews?\s+(?:each|per|a|by)\s+"
                        r"year\b|\b(?:date|year)\s+range\b|\bearliest\b[^?]*\blatest\b", re.I),
    # ("how many reviews per local area? which area has the most")
    "areas_most": re.compile(r"\breviews?\s+(?:each|per|a|by)\s+(?:local\s+)?(?:area|authority|"
                             r"council|place)\b|\bwhich\s+(?:area|place|council|local\s+authority)\s+"
                             r"has\s+the\s+most\b", re.I),
    # ("what types of review are in here", "how many SCRs vs CSPRs are there")
    "types": re.compile(r"\b(?:what|which|how\s+many)\s+(?:types?|kinds?|sorts?)\s+of\s+reviews?\b|"
                        r"\breviews?\s+(?:each|per|by)\s+type\b|\bhow\s+many\s+(?:scrs?|csprs?|"
                        r"lcsprs?|serious\s+case\s+reviews)\s+(?:vs|versus|and|or|compared)\b", re.I),
    "documents": re.compile(r"\b(?:what|which|how\s+many)\s+(?:source\s+)?(?:sources|documents|files|"
                            r"publications)\b|\b(?:which|what)\s+(?:organi[sz]ations|publishers|"
                            r"bodies|partnerships|boards)\s+published\b|"
                            r"\bwhere\s+(?:do|does)\s+(?:the|your|this)\s+(?:reviews|data|"
                            r"information|answers)\s+come\s+from\b|\bwhat\s+is\s+in\s+(?:the|your|"
                            r"this)\s+(?:index|database|collection)\b", re.I),
    # "list every review in the index", "what reviews do you have?" (no passage says
    # "index": nothing was found)
    "reviews": re.compile(r"^\W*(?:please\s+)?(?:list|show\s+me|give\s+me|name)\s+(?:all|every)\s+"
                          r"(?:of\s+)?(?:the\s+)?(?:case\s+)?reviews?\b|^\W*(?:what|which)\s+(?:case\s+)?"
                          r"reviews\s+(?:do\s+you\s+have|are\s+(?:there|held|in\s+(?:the|your|this)\s+"
                          r"(?:index|database|collection)))\W*$", re.I),
    # "which reviews name their author?", "who wrote the reviews?" (which quoted Baby Sama's
    # "Reviews are not ends in themselves"); one review's author is a fact of that review
    "authors": re.compile(r"\b(?:which|what|list|all|any|who)\b[^?]*\bauthors?\b|"
                          r"\bwho\s+(?:wrote|writes|authored)\s+(?:the|these|all\s+the|your)\s+"
                          r"reviews\b", re.I),
}


# the words of such a question; any other is its topic ("what documents mention
# co-sleeping?" asks for reviews on co-sleeping, not the index's documents)
_COLLECTION_WORDS = frozenset("""list local authority authorities area areas place places council
councils town towns city cities partnership partnerships year years most fewest source sources
document documents file files publication publications data information answer answers come
comes database index collection cover covers covered using use used each per reviews review
held hold holds many author authors wrote write writes written authored name names named
record records recorded appear appears more than once twice newsletter newsletters summary
summaries count counts please pls date dates range earliest latest oldest newest altogether
total overall loaded organisations organizations publishers published bodies boards has
type types kind kinds sort sorts here vs versus scr scrs cspr csprs lcspr lcsprs thematic
learning brief briefs anything else included represented have every""".split())


def collection_asked(question: str) -> str | None:
    """What a question asks the collection holds, of ``"areas"`` (``"areas_most"``: with
    which has the most), ``"years"``, ``"types"``, ``"documents"``, ``"reviews"`` (every
    one) and ``"authors"``, where
    it asks nothing else; None when it asks none of them."""
    aspect = next((aspect for aspect, asks in _COLLECTION.items() if asks.search(question)), None)
    return None if aspect is None or set(words(question)) - STOPWORDS - _COLLECTION_WORDS else aspect


def collection(store: Store, aspect: str, sources: Sequence[tuple[int, str]]) -> str:
    """The reviews of the index by area, year or type, or its documents (``sources``: each
    document's id and its label) with how many reviews each describes."""
    reviews = store.reviews(store.review_ids())
    if aspect == "authors":
        return _authors(reviews)
    if aspect == "reviews":
        return _reviews(reviews)
    if aspect == "documents":
        held = [(label, len(store.document_reviews(doc_id))) for doc_id, label in sources]
        return (f"The index holds {counted(len(held), 'document')}: "
                + "; ".join(f"{label}, describing {counted(n, 'review')}"
                            for label, n in held) + ".")
    field = {"areas": "area", "areas_most": "area", "types": "type"}.get(aspect, "year")
    counts = Counter(getattr(r, field) for r in reviews if getattr(r, field))
    unknown = sum(1 for r in reviews if not getattr(r, field))
    listed = "; ".join(f"{value} ({n})" for value, n in sorted(counts.items()))
    if field == "type":
        text = f"The index holds {len(reviews)} reviews, of these types: {listed}."
    else:
        what = f"{len(counts)} areas" if field == "area" else "these years"
        text = f"The index holds {len(reviews)} reviews, from {what}: {listed}."
    if aspect in ("years", "areas_most") and counts:
        most = max(counts.values())
        text += (" The most, " + str(most) + ", are from "
                 + " and ".join(str(v) for v, n in sorted(counts.items()) if n == most) + ".")
    if unknown:
        text += f" {unknown} record{'s' if unknown == 1 else ''} no {field}."
    return text


def _reviews(reviews: Sequence[ReviewRow]) -> str:
    """Every review of the index by its title and area, by year (those of no year last)."""
    by: dict[int | None, list[str]] = {}
    for review in reviews:
        title = review.title or review.label
        by.setdefault(review.year, []).append(f"{title} ({review.area})" if review.area else title)
    return (f"The index holds {len(reviews)} reviews. " + " ".join(
        f"{year or 'No year recorded'} ({len(titles)}): {'; '.join(sorted(titles, key=str.casefold))}."
        for year, titles in sorted(by.items(), key=lambda item: (item[0] is None, item[0] or 0))))


def _authors(reviews: Sequence[ReviewRow]) -> str:
    """Which reviews of the index record their author, by author, and who wrote more than
    one."""
    by: dict[str, list[ReviewRow]] = {}
    for review in reviews:
        for name in review.authors:
            by.setdefault(name, []).append(review)
    named = sum(1 for r in reviews if r.authors)
    if not named:
        return f"None of the index's {len(reviews)} reviews records its author."
    listed = "; ".join(f"{name}: {' and '.join(sorted(r.label for r in rs))}"
                       for name, rs in sorted(by.items(), key=lambda item: item[0].split()[-1]))
    text = (f"{named} of the index's {len(reviews)} reviews record their author: {listed}.")
    several = [name for name, rs in sorted(by.items()) if len(rs) > 1]
    return text + (f" Authors of more than one: {said_as_list(several)}." if several
                   else " No author is recorded for more than one review.")
