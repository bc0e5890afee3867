"""Themes at a glance: how many reviews carry each canonical theme, in all and by year.

Counts are per canonical theme of ``reviewqa.corpus.taxonomy`` (a review tagged both
"neglect" and "child neglect" counts once), so the Themes view, Find examples' theme list
and ``GET /api/themes`` agree, and an answer's count of the reviews carrying a theme is
the same count over the reviews it searched.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from reviewqa.corpus.store import ReviewRow, Store
from reviewqa.corpus.taxonomy import get_theme, normalise_keywords


@dataclass(frozen=True)
class ThemeCount:
    """A canonical theme, the number of reviews carrying it, and that number by year."""

    theme: str
    reviews: int
    by_year: dict[int, int] = field(default_factory=dict)  # reviews with no year are left out

    def to_json(self) -> dict[str, Any]:
        return {"theme": self.theme, "reviews": self.reviews,
                "by_year": {str(y): n for y, n in sorted(self.by_year.items())}}


def review_themes(keywords: Iterable[str]) -> list[str]:
    """The canonical themes among a review's keywords (unknown keywords left out); remembered
    by keyword list, since answers count a theme's reviews over the whole catalogue."""
    return list(_review_themes(tuple(keywords)))


@lru_cache(maxsize=65536)
def _review_themes(keywords: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(k for k in normalise_keywords(keywords) if get_theme(k) is not None)


def theme_counts(store: Store) -> list[ThemeCount]:
    """Every canonical theme some review of the index carries: most reviews first, then by
    name."""
    return count_themes(store.reviews())


def count_themes(reviews: Iterable[ReviewRow]) -> list[ThemeCount]:
    """Every canonical theme some of ``reviews`` carries: most reviews first, then by name."""
    totals: Counter[str] = Counter()
    by_year: dict[str, Counter[int]] = {}
    for review in reviews:
        for theme in review_themes(review.keywords):
            totals[theme] += 1
            if review.year:
                by_year.setdefault(theme, Counter())[review.year] += 1
    return [ThemeCount(theme, n, dict(by_year.get(theme, {})))
            for theme, n in sorted(totals.items(), key=lambda item: (-item[1], item[0]))]
