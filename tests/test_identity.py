"""Which entries of the sample corpus are one review described twice, and which only share a name.

The pairs come from reading the documents side by side: the newsletter and the NSPCC list
summarise the same reviews in near-identical words, while reviews sharing a pseudonym
("Child B", "Child J", ...) describe different children in different places. The newsletter's
headerless Child J entry is, by its text, the Nottingham review of the list (a 7-year-old girl
under a Special Guardianship Order), not the Warwickshire or Luton Child J.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from reviewqa.corpus.digests import parse_digest
from reviewqa.corpus.identity import (
    MIN_SHARED,
    normalise_area,
    normalise_title,
    review_id,
    same_review,
    shared_content,
)
from reviewqa.corpus.repair import repair_text
from reviewqa.corpus.types import ReviewMeta

DATA = Path(__file__).resolve().parent.parent / "corpus" / "data"
REPORT = "bedford-borough-2017-baby-sama-scr-overview-report.txt"

Described = tuple[ReviewMeta, str]  # an entry's metadata and its text


def _entries(name: str) -> list[Described]:
    text = repair_text((DATA / name).read_text(encoding="utf-8"))
    segmented = parse_digest(text)
    assert segmented is not None
    return [(e.meta, text[e.start : e.end]) for e in segmented.entries]


@pytest.fixture(scope="module")
def docs() -> dict[str, list[Described]]:
    return {
        "list": _entries("nspcc-2018-case-reviews-published-in-2018.txt"),
        "news": _entries("south-gloucestershire-2017-news-and-research-q2.txt"),
        "torbay": _entries("torbay-2024-nspcc-repository-january.txt"),
    }


def find(docs: dict[str, list[Described]], doc: str, title: str, area: str | None) -> Described:
    key = normalise_title(title)
    (found,) = [(m, t) for m, t in docs[doc] if normalise_title(m.title) == key and m.area == area]
    return found


def same(a: Described, b: Described) -> bool:
    verdict = same_review(a[0], a[1], b[0], b[1])
    assert verdict == same_review(b[0], b[1], a[0], a[1])
    return verdict


@pytest.mark.parametrize(
    ("printed", "area"),
    [
        ("Rochdale Borough Safeguarding Children Board", "Rochdale"),
        ("Bedford Borough Safeguarding Children Board (BBSCB)", "Bedford"),
        ("Brighton and Hove Local Safeguarding Children Board", "Brighton and Hove"),
        ("Greenwich Safeguarding Children Board", "Greenwich"),
        ("The Bradford Partnership", "Bradford"),
        ("City of London and Hackney", "City of London and Hackney"),
        ("Central Bedfordshire Safeguarding Children Board", "Central Bedfordshire"),
        ("Anonymous", None),
        ("an unnamed London local safeguarding children board", None),
        (None, None),
    ],
)
def test_normalise_area(printed, area):
    assert normalise_area(printed) == area


def test_normalise_title():
    assert normalise_title("Serious case review: Child K") == "child k"
    assert normalise_title("Child Sexual Exploitation 1998 - 2016") == normalise_title(
        "Child sexual exploitation 1998-2016"
    )
    assert normalise_title("Child S and Family") == "child s"
    assert normalise_title("Child S") != normalise_title("Child SS")


def test_review_ids_are_readable_and_agree_across_documents(docs):
    child_k = find(docs, "list", "Child K", "Rochdale")[0]
    assert review_id(child_k) == "rochdale-2017-child-k"
    assert review_id(find(docs, "news", "Child K", "Rochdale")[0]) == "rochdale-2017-child-k"
    assert review_id(find(docs, "list", "Martin", None)[0]) == "anonymous-2017-martin"
    assert review_id(find(docs, "news", "Martin", None)[0]) == "anonymous-2017-martin"


def test_baby_sama_report_and_list_entry_are_one_review(docs):
    manifest = json.loads((DATA / "manifest.json").read_text(encoding="utf-8"))
    (review,) = [d["review"] for d in manifest["documents"] if d["file"] == REPORT]
    report_text = repair_text((DATA / REPORT).read_text(encoding="utf-8"))
    assert "Bedford Borough Safeguarding Children" in report_text
    report = ReviewMeta(title=review["title"], area=review["area"], year=review["year"])
    assert same((report, report_text), find(docs, "list", "Baby Sama", "Bedford"))


@pytest.mark.parametrize(
    ("title", "list_area", "news_area"),
    [
        ("Child K", "Rochdale", "Rochdale"),
        ("Jack", "Bradford", "Bradford"),
        ("Martin", None, None),
        ("Harry", "Thurrock", "Thurrock"),
        ("Child T", "Warwickshire", "Warwickshire"),
        ("Siblings W and X", "Brighton and Hove", "Brighton and Hove"),
        ("Child B", "Staffordshire", "Staffordshire"),
        ("Child S", "Waltham Forest", "Waltham Forest"),
        ("Child sexual exploitation 1998-2016", "Buckinghamshire", "Buckinghamshire"),
        ("Child J", "Nottingham", None),
    ],
)
def test_reviews_in_both_the_newsletter_and_the_list(docs, title, list_area, news_area):
    assert same(find(docs, "list", title, list_area), find(docs, "news", title, news_area))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (("news", "Child B", "Camden"), ("news", "Child B", "Staffordshire")),
        (("news", "Child B", "Camden"), ("list", "Child B", "Staffordshire")),
        (("news", "Child S", "Waltham Forest"), ("list", "Child S", "Birmingham")),
        (("news", "Child S", "Waltham Forest"), ("list", "Child S", "Swindon")),
        (("news", "Child J", None), ("list", "Child J", "Luton")),
        (("news", "Child J", None), ("list", "Child J", "Warwickshire")),
        (("list", "Child J", "Nottingham"), ("list", "Child J", "Warwickshire")),
        (("list", "Child M", "Dorset"), ("news", "Child M", "Waltham Forest")),
        (("list", "Child G", "Hertfordshire"), ("list", "Child G", "Isle of Wight")),
        (("list", "Child G", "Hertfordshire"), ("list", "Child G", "Wolverhampton")),
        (("list", "Child G", "Isle of Wight"), ("list", "Child G", "Wolverhampton")),
        (("news", "Child A", "Hertfordshire"), ("torbay", "Child A", "Bradford")),
    ],
)
def test_same_pseudonym_different_reviews(docs, a, b):
    assert not same(find(docs, *a), find(docs, *b))


def test_shared_content_threshold_separates_the_corpus_with_margin(docs):
    """Every pair of entries with the same title, across all three digests: the same reviews
    share far more than MIN_SHARED of their wording, different ones far less."""
    described = [d for entries in docs.values() for d in entries]
    same_pairs = {("martin", None, None), ("child j", "Nottingham", None)}
    shared = {}
    for (ma, ta), (mb, tb) in itertools.combinations(described, 2):
        if normalise_title(ma.title) == normalise_title(mb.title):
            areas = sorted((ma.area, mb.area), key=lambda area: (area is None, area or ""))
            key = (normalise_title(ma.title), *areas)
            shared[key] = max(shared.get(key, 0.0), shared_content(ta, tb))
    assert len(shared) > 20
    for key, value in shared.items():
        if key in same_pairs or key[1] == key[2] is not None:
            assert value > 2 * MIN_SHARED, key
        else:
            assert value < MIN_SHARED / 2, key


def test_same_area_but_years_apart_are_different_reviews(docs):
    meta, text = find(docs, "list", "Child K", "Rochdale")
    later = ReviewMeta(title=meta.title, area=meta.area, year=(meta.year or 0) + 5)
    assert not same_review(meta, text, later, text)


def test_a_document_that_is_not_a_review_is_never_one_with_a_review(docs):
    """An annual report or notes that discuss Child K share its title words and even its
    wording, but are not the review: only two reviews can be one."""
    meta, text = find(docs, "list", "Child K", "Rochdale")
    notes = ReviewMeta(title="Child K", kind="document")
    assert not same_review(notes, text, meta, text)
    assert not same_review(meta, text, notes, text)
    assert review_id(notes) == "document-child-k"
    assert review_id(ReviewMeta(title="The sample corpus", kind="document")) == (
        "document-the-sample-corpus")
