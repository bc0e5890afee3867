"""Trainers' features over the index: case examples on a theme (one row per review), and the
catalogue of reviews. Served by the web app's Find examples and Reviews tabs and by the
HTTP API; rows are JSON-ready dicts.

Each row carries its provenance: the document it was found in (title, publisher, date) and
the link to the published report where the document's manifest states one
(:func:`published_url`); the link is never guessed.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

import numpy as np

from reviewqa.corpus.store import DocumentRow, ReviewRow, Store
from reviewqa.corpus.taxonomy import acronyms_written_out, kind_terms_named, themes_named_in
from reviewqa.corpus.text import words
from reviewqa.settings import EXAMPLES_MAX

from .answer import GOOD_PRACTICE_QUERY, LEARNING_ROLES, quotable_sentences, topic_stems, topic_words
from .query import without_asks
from .search import Retriever
from .themes import review_themes
from .types import Filters, Hit, Quote, source_url

EXAMPLES_LIMIT = 20
SUMMARY_CHARS = 320  # a summary is cut, at a sentence end, once it passes this
KEY_LEARNING_CHARS = 700  # a learning field longer than this is quoted by its best clause
THEME_LEAD = 0.05  # a sentence naming the query's theme, over one that does not
LESSONS_LEAD = 0.05  # a sentence in a field named for learning or recommendations, over findings
PASSAGES_PER_REVIEW = 4  # passages of each review read for its key learning
NOT_RECORDED = "link to the published report not recorded"
NEAR_SUMMARY = 0.6  # a sentence sharing this much of its words with the summary repeats it
LEARNING_QUERY = "lessons learnt and recommendations:"  # finds a review's learning passages
# Field labels that name learning itself (tier 1), before findings, key issues, conclusions.
_LESSON_LABEL = re.compile(r"learn|lesson|recommend|practice point|key message|improve", re.I)
_LINE_LABEL = re.compile(r"^\W*([A-Z][A-Za-z’' ]{2,40})\s*:")

# A sentence ends at . ! ? (and a closing quote or bracket) before white space and a capital,
# digit or opening quote, or at the end of the text.
_SENTENCE_END = re.compile(r"[.!?][\"”’)]?(?=\s+[\"“‘(]?[A-Z0-9]|\s*$)")
# "Learning:", "**Recommendations:**", and the "include:" that some digests add after one;
# a list bullet.
_FIELD_LABEL = re.compile(r"\**\s*(?:[A-Z][A-Za-z’' ]{2,40}|includes?)\s*:\**\s*|[-•*]\s+")
_CLAUSE_START = re.compile(r"[.!?][\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])|\n")


def published_url(document: DocumentRow) -> str | None:
    """The link to the published report that the document's manifest states (a top-level
    ``published_url``, or ``provenance.published_url``), if it is an http(s) URL; else None."""
    for value in (getattr(document, "published_url", None),
                  (document.provenance or {}).get("published_url")):
        if isinstance(value, str) and re.match(r"https?://[^\s<>\"']+$", value.strip()):
            return value.strip()
    return None


def quoted_url(url: str, quotes: list[tuple[int, int]]) -> str:
    """A source-viewer ``url`` that also highlights the quoted sentences: ``&q=start-end,...``
    before the ``#passage`` fragment (the viewer marks the passage lightly, the quotes fully)."""
    if not quotes:
        return url
    path, hash_, fragment = url.partition("#")
    spans = ",".join(f"{start}-{end}" for start, end in quotes)
    return f"{path}{'&' if '?' in path else '?'}q={spans}{hash_}{fragment}"


def document_facts(document: DocumentRow) -> dict[str, Any]:
    """A document's provenance as JSON-ready fields (added to rows and cards)."""
    return {"document": document.name, "document_title": document.title,
            "publisher": document.publisher or "", "date": document.date or "",
            "published_url": published_url(document) or ""}


def find_examples(retriever: Retriever, query: str, filters: Filters | None = None,
                  limit: int = EXAMPLES_LIMIT) -> list[dict[str, Any]]:
    """One row per review, ranked by relevance, with its key learning: the sentence of the
    review's learning or recommendations (or findings) that best matches the query, taken
    from its best few passages; where none of those passages holds learning, the best
    sentence that is not the summary ("key_kind": "passage"). Where the query names one
    theme, each row says it (``theme``), whether the review carries it or its passages name
    it (``on_theme``) and how many reviews do (``theme_reviews``); those reviews come first,
    every one of them up to EXAMPLES_MAX. Where it names none, nor a review, and is in the
    reviews' words, those whose passages found hold every word of its topic (a compound
    whole: "young carers", not foster carers) come first."""
    # ("DV" led with Child V's temporary accommodation)
    query = acronyms_written_out(query, lambda short: bool(retriever.lexical.unseen([short.lower()])))
    first = retriever.retrieve(query, k=limit, filters=filters,
                               config=replace(retriever.config, per_review=1))
    ranked: dict[str, Hit] = {}  # a review's best hit: a named review, or a place's few
    for hit in first.hits:       # reviews, can fill the list with more of its passages
        ranked.setdefault(hit.review.id, hit)
    wider = replace(retriever.config, per_review=PASSAGES_PER_REVIEW)
    more = [*retriever.search(query, k=limit * PASSAGES_PER_REVIEW, filters=filters, config=wider),
            *retriever.search(f"{LEARNING_QUERY} {query}", k=limit * PASSAGES_PER_REVIEW,
                              filters=filters, config=wider)]
    passages: dict[str, list[Hit]] = {}
    for hit in [*ranked.values(), *more]:
        _add_passages(passages, hit.review.id, [hit])
    praise = first.plan.wants_good_practice
    if praise:
        # the reviews recording good practice on it are examples of what went well, though
        # the search ranked others first ("good multi-agency working" listed twenty reviews'
        # failings and recommendations, and not Blackpool's "Good practice identified: robust
        # information sharing processes and good local professional relationships")
        recording = retriever.store.reviews_holding(["good practice"])
        if first.scope is not None:
            recording &= first.scope
        found = retriever.closest_passages(f"{GOOD_PRACTICE_QUERY} {query}", recording,
                                           PASSAGES_PER_REVIEW, filters)
        for review_id, hits in sorted(found.items(), key=lambda item: -item[1][0].score):
            if any(role == "good practice" for hit in hits
                   for _, role in quotable_sentences(hit, 1)):
                ranked.setdefault(review_id, hits[0])
                _add_passages(passages, review_id, hits)
    leads = list(ranked.values())
    min_words = retriever.answerer.config.min_sentence_words
    said: dict[tuple[str, int], Sayings] = {}

    def sayings(r: ReviewRow) -> Sayings:
        """The review's sentences a key learning is chosen from, read once for the passages
        found of it so far."""
        key = (r.id, len(passages[r.id]))
        if key not in said:
            said[key] = _sayings(passages[r.id], min_words, r.summary or "", praise)
        return said[key]

    def mute(hit: Hit) -> bool:
        """Whether the passages found of a review the search ranked hold nothing to show as
        its key learning but its summary: Sameer, found by a list of guidance ("NSPCC
        guidance on bruising ... in non-mobile babies"), led the examples of bruising in
        non-mobile babies with that list as its key learning."""
        return hit.review.id in ranked and not any(sayings(hit.review))

    theme = (first.plan.themes[0] if len(first.plan.themes) == 1
             and not first.plan.named_reviews else None)  # a named review leads, on it or not
    on_theme: dict[str, bool] = {}
    carrying = 0  # reviews that carry or name the theme, listed or not
    kinds: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = []  # kinds of it the query names
    of_kind: set[str] = set()  # reviews naming them
    if theme:
        leads += _unranked_carriers(retriever, query, theme, set(ranked), first.scope,
                                    filters, passages)
        on_theme = {hit.review.id: _on_theme(theme, hit.review, passages[hit.review.id])
                    for hit in leads}
        # "co-sleeping": the reviews that carry the theme, or whose passages found name it in
        # the reviews' words, before those only close in meaning (a learning brief on
        # escalation ranked tenth, a review tagged with unsafe sleep fifteenth); every one
        # that carries it, though past ``limit``. And of those first, the reviews naming the
        # kind of it the query names, in its own terms for it ("child criminal exploitation
        # and county lines" listed nine reviews of sexual exploitation among its first
        # twelve, Samuel, Shay and Joy's third).
        if kinds := kind_terms_named(query):
            of_kind = retriever.store.reviews_holding(
                [t for term, near, _ in kinds for t in (term, *near)])
        leads.sort(key=lambda hit: (not (on_theme[hit.review.id] and hit.review.id in of_kind),
                                    not on_theme[hit.review.id], mute(hit)))
        carrying = sum(on_theme.values())
        leads = leads[:max(limit, min(carrying, EXAMPLES_MAX))]
        _add_learning_passages(retriever, query, [h.review.id for h in leads
                                                  if h.review.id not in ranked],
                               filters, passages)
    elif ((topic := topic_stems(without_asks(first.plan.topic or query)))
          and not first.expanded and not first.plan.named_reviews):
        # "young carers": the reviews whose passages found say it, before those only close
        # in meaning (the model reads foster carers alike: Merton's Child B, "young carers
        # were not always recognised as such", was third, after Jack and a teenager's asthma)
        holds = {hit.review.id: any(topic <= topic_words(h.chunk.text)
                                    for h in passages[hit.review.id]) for hit in leads}
        leads.sort(key=lambda hit: (not holds[hit.review.id], mute(hit)))
    else:
        leads.sort(key=mute)
    if praise:
        # asked what went well ("praised multi-agency working"), the reviews that record good
        # practice first (they led with failings: "had not been embedded across ... services"),
        # those on the theme still before the rest
        # (those whose passages say "good practice" before those with a section on what
        # went well: Sameer's "What's going well?" opens "Sameer showed great courage", which
        # led "praised multi-agency working" before Blackpool's "robust information sharing")
        leads.sort(key=lambda hit: 2 if not sayings(hit.review)[0] else int(
            hit.review.id not in recording))
        if theme:
            leads.sort(key=lambda hit: not on_theme[hit.review.id])
        else:
            leads = leads[:limit]
    rows = []
    for rank, hit in enumerate(leads, 1):
        r = hit.review
        key_hit, quote, kind, point = key_learning(retriever, query, passages[r.id],
                                                   r.summary or "", praise=praise,
                                                   sayings=sayings(r), theme=theme)
        rows.append({
            "rank": rank, "review_id": r.id, "title": r.title, "area": r.area or "",
            "year": r.year or "", "type": r.type or "", "themes": review_themes(r.keywords),
            "summary": summary_sentences(r.summary or ""),
            "key_learning": quote.text, "key_kind": kind, "key_point": point,
            "key_start": quote.start, "key_end": quote.end,
            **document_facts(key_hit.document),
            "locator": key_hit.chunk.locator, "section": key_hit.chunk.section,
            "url": quoted_url(source_url(key_hit.document.key, key_hit.chunk.start,
                                         key_hit.chunk.end), [(quote.start, quote.end)]),
            **({"theme": theme, "on_theme": on_theme[r.id],
                "theme_reviews": carrying} if theme else {}),
            **({"kind": " or ".join(term for term, _, _ in kinds),
                "of_kind": r.id in of_kind} if theme and kinds else {})})
    return rows


def _unranked_carriers(retriever: Retriever, query: str, theme: str, ranked: set[str],
                       scope: frozenset[str] | None, filters: Filters | None,
                       passages: dict[str, list[Hit]]) -> list[Hit]:
    """The best passage of each review carrying ``theme`` (within the question's ``scope``
    and the ``filters``) that the search did not rank, closest in meaning first; each one's
    closest passages are added to ``passages``. "Children who go missing from home or care"
    ranked one of the four reviews tagged with missing children among twenty; the answers'
    notes promise that Find examples lists them all."""
    carriers = sorted(retriever.reviews_carrying(theme, scope) - ranked)
    if not carriers:
        return []
    found = retriever.closest_passages(query, carriers, PASSAGES_PER_REVIEW, filters)
    passages.update(found)
    return sorted((hits[0] for hits in found.values()), key=lambda h: -h.score)


def _add_learning_passages(retriever: Retriever, query: str, reviews: list[str],
                           filters: Filters | None, passages: dict[str, list[Hit]]) -> None:
    """Adds to each of ``reviews``' ``passages`` those closest to the query read as a lessons
    query, where its key learning is likelier found. Only for the rows listed: at 5,000
    reviews a theme's 722 carriers took 0.2 s to read, of which 200 are shown."""
    if not reviews:
        return
    learning = retriever.closest_passages(f"{LEARNING_QUERY} {query}", reviews,
                                          PASSAGES_PER_REVIEW, filters)
    for review_id, hits in learning.items():
        _add_passages(passages, review_id, hits)


def _add_passages(passages: dict[str, list[Hit]], review_id: str, hits: list[Hit]) -> None:
    """Adds ``hits`` to the review's ``passages``, each passage once."""
    group = passages.setdefault(review_id, [])
    seen = {h.chunk.id for h in group}
    for hit in hits:
        if hit.chunk.id not in seen:
            seen.add(hit.chunk.id)
            group.append(hit)


def _on_theme(theme: str, review: ReviewRow, hits: list[Hit]) -> bool:
    """Whether a review carries ``theme`` in its keywords, or one of ``hits`` (its passages
    found for the query) names it."""
    return theme in review_themes(review.keywords) or any(
        theme in themes_named_in(hit.chunk.text) for hit in hits)


def key_learning(retriever: Retriever, query: str, hits: list[Hit], summary: str,
                 praise: bool = False, sayings: Sayings | None = None,
                 theme: str | None = None) -> tuple[Hit, Quote, str, str]:
    """(passage, quote, kind, point) for a review: its learning sentence that best matches
    the query (kind "learning"; with ``praise``, for a query on what went well, its good
    practice first), else its best sentence that does not repeat the summary ("passage");
    ``point`` is the clause of the quote that matched, where the quote is a list of several
    ("hidden men" among a digest's eleven learning points), else the whole quote.
    ``sayings``: :func:`_sayings` of ``hits``, where the caller has read them. Where the
    query names a ``theme``, a sentence that names it in the reviews' words leads by
    THEME_LEAD ("bruising" took Child V's first learning point, "the impact of living in
    temporary accommodation", over "full investigations of all injuries to infants": a
    passage's sentences tie on its cosine)."""
    min_words = retriever.answerer.config.min_sentence_words
    good, lessons, learning, other = sayings or _sayings(hits, min_words, summary, praise)
    # Learning and recommendation fields ahead of other learning (findings, key issues) by
    # LESSONS_LEAD, not outright: a review's "Learning:" line on something else lost to its
    # findings on the query's theme ("safe sleeping" for co-sleeping).
    lead = np.array([LESSONS_LEAD] * len(lessons) + [0.0] * len(learning))
    for kind, candidates, bonus in (("learning", good, 0.0), ("learning", lessons + learning, lead),
                                    ("passage", other, 0.0)):
        if candidates:
            scores = retriever.answerer.sentence_scores(query, candidates) + bonus
            if theme:
                scores += np.array([THEME_LEAD if theme in themes_named_in(q.text) else 0.0
                                    for _, q in candidates])
            hit, quote = candidates[int(scores.argmax())]
            whole = _whole_sentence(hit, quote)
            return hit, whole, kind, _point(quote, whole)
    # else the summary's sentence closest to the query, before a passage with none to quote
    # (a list of guidance)
    summaries = [(hit, quote) for hit in hits for quote, _ in quotable_sentences(hit, min_words)]
    if summaries:
        hit, quote = summaries[int(retriever.answerer.sentence_scores(query, summaries).argmax())]
        return hit, quote, "passage", quote.text
    hit = hits[0]
    text = " ".join(hit.chunk.text.split())
    return hit, Quote(text, hit.chunk.start, hit.chunk.end), "passage", text


Candidates = list[tuple[Hit, Quote]]
Sayings = tuple[Candidates, Candidates, Candidates, Candidates]


def _sayings(hits: list[Hit], min_words: int, summary: str, praise: bool) -> Sayings:
    """The sentences of ``hits`` a key learning is chosen from: good practice (for a query
    on what went well), learning and recommendation fields, other learning, and the other
    sentences (good practice among them, for another query) that are neither the review's
    summary nor about the review."""
    good: Candidates = []
    lessons: Candidates = []
    learning: Candidates = []
    other: Candidates = []
    for hit in hits:
        for quote, role in quotable_sentences(hit, min_words):
            if praise and role == "good practice":
                good.append((hit, quote))
            elif role in LEARNING_ROLES and role != "good practice":
                # (good practice is no key learning unless asked for: "radicalisation" had
                # Sameer's "Sameer showed great courage and did report his abuse")
                (lessons if _names_lessons(hit, quote) else learning).append((hit, quote))
            elif role not in ("summary", "about the review") and not _repeats(quote.text, summary):
                other.append((hit, quote))
    return good, lessons, learning, other


def _point(clause: Quote, whole: Quote) -> str:
    """The ``clause`` that matched, as it reads inside ``whole`` (its sentence or list),
    without the ";" or "." that ends it; the whole where the clause is most of it."""
    point = " ".join(clause.text.split()).rstrip(" ;,.")
    if point not in whole.text or len(point) > 0.8 * len(whole.text):
        return whole.text
    return point


def _names_lessons(hit: Hit, quote: Quote) -> bool:
    """Whether the quote's field label ("Learning:", "Recommendations:") or its section names
    learning or recommendations themselves (not findings, key issues or a conclusion)."""
    text, at = hit.chunk.text, quote.start - hit.chunk.start
    line = text[text.rfind("\n", 0, max(at, 0)) + 1:at + 1]
    label = _LINE_LABEL.match(line)
    if label:
        return bool(_LESSON_LABEL.search(label.group(1)))
    return bool(_LESSON_LABEL.search(hit.chunk.section.rsplit("›", 1)[-1]))


def _repeats(sentence: str, summary: str) -> bool:
    a, b = set(words(sentence.lower())), set(words(summary.lower()))
    return bool(a) and len(a & b) / len(a) >= NEAR_SUMMARY


def _whole_sentence(hit: Hit, quote: Quote) -> Quote:
    """``quote`` (perhaps one clause of a "; "-separated learning list) widened to its whole
    sentence or field line, field labels ("Learning:", "include:") and bullets left out; the
    clause alone when the whole would be longer than KEY_LEARNING_CHARS."""
    text, base = hit.chunk.text, hit.chunk.start
    start, end = quote.start - base, quote.end - base
    # (the search runs a little past ``start``: a sentence end is known by the capital after it)
    left = max((m.end() for m in _CLAUSE_START.finditer(text, 0, min(len(text), start + 2))
                if m.end() <= start), default=0)
    right = len(text)
    if stop := _SENTENCE_END.search(text, max(end - 1, 0)):
        right = stop.end()
    newline = text.find("\n", end)
    if newline != -1:
        right = min(right, newline)
    if right - left > KEY_LEARNING_CHARS or left > start or right < end:
        left, right = start, end
    while left < right:
        if text[left].isspace():
            left += 1
        elif (label := _FIELD_LABEL.match(text, left)) and label.end() < right:
            left = label.end()
        else:
            break
    while right > left and text[right - 1].isspace():
        right -= 1
    return Quote(" ".join(text[left:right].split()), base + left, base + right)


def summary_sentences(text: str, limit: int = SUMMARY_CHARS) -> str:
    """``text`` on one line, cut after the last whole sentence that ends within ``limit``
    characters (the first sentence is kept whole however long): never mid-sentence."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    within = [e for e in ends if e <= limit]
    if within:
        return text[:within[-1]]
    return text[:ends[0]] if ends else text


def one_line(text: str, limit: int = SUMMARY_CHARS) -> str:
    """``text`` on one line, cut at a sentence end near ``limit`` (see :func:`summary_sentences`)."""
    return summary_sentences(text, limit)


def catalogue(store: Store) -> list[dict[str, Any]]:
    """Every review with its metadata and the documents (and entries) that describe it, each
    document with its publisher, date and published-report link (where recorded)."""
    documents = {d.key: d for d in store.documents()}
    rows = []
    for r in store.reviews():
        sources = []
        for s in store.review_sources(r.id):
            document = documents.get(s.document_key)
            facts = document_facts(document) if document else {}
            sources.append({**facts, "document": s.document_name,
                            "document_title": s.document_title, "label": s.label,
                            "url": source_url(s.document_key, s.start, s.end)})
        rows.append({"id": r.id, "title": r.title, "area": r.area, "year": r.year, "type": r.type,
                     "keywords": r.keywords, "themes": review_themes(r.keywords),
                     "summary": r.summary, "sources": sources,
                     "stated": stated_in(r, documents)})
    return rows


STATED_FIELDS = ("title", "area", "year", "type")
"""The catalogue's fields whose source it shows."""


def stated_in(review: ReviewRow, documents: dict[str, DocumentRow]) -> dict[str, dict[str, Any]]:
    """Where each of the review's title, area, year and type came from: ``origin`` "text"
    (``url`` opens the words that state it), "manifest" or "file" (its name), and the
    ``document``'s file name. A field with no value, or none recorded, is left out."""
    out: dict[str, dict[str, Any]] = {}
    for name in STATED_FIELDS:
        source = review.field_source(name)
        if getattr(review, name) in (None, "") or source is None:
            continue
        document = documents.get(source.document or "")
        url = (source_url(document.key, source.start, source.end)
               if document and source.origin == "text" and source.start is not None
               and source.end is not None else None)
        out[name] = {"origin": source.origin, "document": document.name if document else None,
                     "url": url}
    return out


def filter_catalogue(rows: list[dict[str, Any]], text: str | None) -> list[dict[str, Any]]:
    """The reviews whose title, area, year, type, keywords, themes, summary or publishers
    contain ``text``."""
    needle = (text or "").strip().lower()
    if not needle:
        return rows

    def haystack(row: dict[str, Any]) -> str:
        publishers = " ".join(s.get("publisher") or "" for s in row["sources"])
        return " ".join(str(x) for x in (row["title"], row["area"], row["year"], row["type"],
                                          " ".join(row["keywords"]), " ".join(row.get("themes", [])),
                                          row["summary"], publishers) if x).lower()

    return [row for row in rows if needle in haystack(row)]
