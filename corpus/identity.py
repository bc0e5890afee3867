"""Deciding when two descriptions of a review, in different documents, are the same review.

The same review is often summarised by several documents (a full report, the NSPCC list, a
board's newsletter), each spelling its title and area a little differently and some giving
no area at all. Matching is deliberately cautious: the normalised title must agree, and then
either the areas agree, or (an area being unknown) the texts must share enough distinctive
wording that they plainly summarise the same case. A document that is not a review (an
annual report that mentions Baby Sama, say) is never one with a review.
"""

from __future__ import annotations

import re

from reviewqa.corpus.types import ReviewMeta

# Words that name the board rather than the place: "Rochdale Borough Safeguarding Children Board".
_BOARD_WORDS = frozenset(
    "local safeguarding children childrens children's board partnership borough council lscb scb"
    .split()
)
_ANONYMOUS = re.compile(r"^(?:an\s+)?(?:anonymous|unnamed|not named|unknown)\b", re.IGNORECASE)
_ABBREVIATION = re.compile(r"\([^)]*\)")
_TITLE_PREFIX = re.compile(
    r"^\s*(?:serious case review|case review|review)\s*(?::|\binto services provided to\b)\s*",
    re.IGNORECASE,
)
_AND_FAMILY = re.compile(r"\s+and\s+(?:his\s+|her\s+|their\s+|the\s+)?family\s*$", re.IGNORECASE)
_WORD = re.compile(r"[a-z0-9]+")

# Shingles of this many words; texts sharing at least this share of the smaller text's
# shingles describe the same case. Chosen from the sample corpus: the list's and the
# newsletter's summaries of one review share 0.42-0.92 of their 4-word shingles (Martin
# 0.63, Child J 0.92), different reviews with the same pseudonym under 0.03
# (see tests/test_identity.py).
SHINGLE_WORDS = 4
MIN_SHARED = 0.15
MAX_YEAR_GAP = 1


def normalise_area(name: str | None) -> str | None:
    """The place a board or partnership serves, or None when the source withholds it.

    "Rochdale Borough Safeguarding Children Board" -> "Rochdale"; "The Bradford Partnership"
    -> "Bradford"; "Anonymous" or "an unnamed London ... board" -> None.
    """
    if name is None:
        return None
    cleaned = " ".join(_ABBREVIATION.sub(" ", name).replace("*", " ").split()).strip(" ,.;:")
    if not cleaned or _ANONYMOUS.match(cleaned):
        return None
    words = cleaned.split()
    if words[0].lower() == "the":
        words = words[1:]
    while words and words[-1].lower() in _BOARD_WORDS:
        words.pop()
    return " ".join(words) or None


def normalise_title(title: str) -> str:
    """A title reduced for comparison: no review-type prefix, case, punctuation or spacing.

    "Serious case review: Child K" -> "child k"; "Child Sexual Exploitation 1998 - 2016" and
    "Child sexual exploitation 1998-2016" both -> "child sexual exploitation 1998 2016".
    """
    title = _AND_FAMILY.sub("", _TITLE_PREFIX.sub("", title))
    return " ".join(_WORD.findall(title.lower()))


def _slug(text: str) -> str:
    return "-".join(_WORD.findall(text.lower()))


def review_id(meta: ReviewMeta) -> str:
    """A stable, readable id for a review: area, year and title, e.g. "rochdale-2017-child-k";
    for a document that is not a review, "document-" and its title."""
    if meta.kind != "review":
        return f"document-{_slug(meta.title) or 'untitled'}"
    area = _slug(meta.area) if meta.area else "anonymous"
    year = str(meta.year) if meta.year is not None else "undated"
    return f"{area}-{year}-{_slug(normalise_title(meta.title)) or 'untitled'}"


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[tuple[str, ...]]:
    """The set of consecutive ``size``-word runs of a text, case and punctuation ignored."""
    words = _WORD.findall(text.lower())
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


def shared_content(a_text: str, b_text: str) -> float:
    """Share of the smaller text's shingles also found in the other (0..1).

    Overlap over the smaller set rather than Jaccard, because a one-line list entry and a
    newsletter paragraph about the same case differ greatly in length.
    """
    a, b = shingles(a_text), shingles(b_text)
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def _years_compatible(a: int | None, b: int | None) -> bool:
    return a is None or b is None or abs(a - b) <= MAX_YEAR_GAP


def same_review(a: ReviewMeta, a_text: str, b: ReviewMeta, b_text: str) -> bool:
    """Whether two descriptions are of one review.

    Both must be reviews (a document that is not one only mentions reviews). Titles must
    match once normalised and the years (where both known) lie within a year. Then, where
    both areas are known they decide; where either is unknown, the texts must share at least
    ``MIN_SHARED`` of their word shingles, since a bare pseudonym such as "Child J" is shared
    by many unrelated reviews.
    """
    if a.kind != "review" or b.kind != "review":
        return False
    if normalise_title(a.title) != normalise_title(b.title):
        return False
    if not _years_compatible(a.year, b.year):
        return False
    area_a, area_b = normalise_area(a.area), normalise_area(b.area)
    if area_a is not None and area_b is not None:
        return area_a.lower() == area_b.lower()
    return shared_content(a_text, b_text) >= MIN_SHARED
