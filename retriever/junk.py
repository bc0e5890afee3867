"""What no answer may quote, in one place: the answerer skips it, the evaluation counts it.

:func:`is_junk_sentence` says why a sentence is no use as an answer (a keyword line, a link or
resource list, a signpost, a heading or title, a fragment), or None. The answerer
(``retriever/answer.py``) never quotes such a sentence and has stricter rules of its own
besides (lead-ins ending in a colon, metadata fields, forewords); ``eval/metrics.py`` reports
the share of quoted sentences this module calls junk, so the two cannot drift apart.
"""

from __future__ import annotations

import re

JUNK_MIN_WORDS = 5
TITLE_MAX_WORDS = 16


def count_words(text: str) -> int:
    """Whitespace-separated tokens holding a letter or digit (a lone dash is not a word)."""
    return sum(1 for token in text.split() if any(ch.isalnum() for ch in token))


_LEAD = re.compile(r"^[\s>#*•·\-–—]+")
_KEYWORDS = re.compile(r"^key\s?words?\s*:", re.IGNORECASE)
_LINKS = [re.compile(pattern, re.IGNORECASE) for pattern in (
    r"https?://|www\.|\]\(",                                    # a URL or a Markdown link
    r"^(?:other resources\s+)?read (?:the|our|this|practice|full|more)\b",  # "Read the overview report"
    r"\(pdf\)",
    r"\bcan be found on (?:our|the|their) website\b",
    r"\bvisit (?:the|our)\b.*\bwebsite\b",
    r"^(?:multi-agency |other |further |key documents and )resources\b",
)]
_SIGNPOSTS = [re.compile(pattern, re.IGNORECASE) for pattern in (
    r"\b(?:contained|set out|described|detailed|discussed|explained|explored|summarised|"
    r"provided|covered) in the (?:following|next) (?:key practice )?"
    r"(?:section|chapter|paragraph|table|episode)s?\b",
    r"\bsee (?:also )?(?:appendix|annex|section|chapter|paragraph|table|figure|below|above)\b",
    r"\b(?:set out|listed|described|detailed|summarised) below\b",
    r"\bthis (?:report|review|section) has (?:thus|so) far\b",  # "... focused on exploring ..."
    r"\bthe preceding (?:text|section|paragraphs?|chapter) (?:explains|describes|sets out|shows)\b",
    # how many learning points or themes follow: "The review has also identified seven other
    # learning themes of wider relevance ..." led an answer on families moving between areas
    r"\b(?:has|have) (?:also )?(?:been )?identified (?:\w+ )?(?:other |further )?(?:key )?learning "
    r"(?:points|themes)\b|\blearning (?:points|themes) have been identified that\b",
    r"\bthese \w+ themes are not specific\b",
)]
_HEADING = re.compile(r"^(?:appendix|annex|section|chapter|part)\s+(?:\d+|[ivx]+)\b", re.IGNORECASE)
_BOLD_LINE = re.compile(r"[>\s]*\*\*[^*]+\*\*:?")
_TITLE_WORD = re.compile(r"[^\W\d_]{4,}")


def is_junk_sentence(text: str) -> str | None:
    """Why a quoted sentence is no use as an answer, or None when it may be.

    Reasons, checked in this order:

    - ``"keywords"``: a keyword line ("Keywords: infant deaths, neglect").
    - ``"links"``: a link or resource list line: a URL or Markdown link, "Read the overview
      report", "(PDF)", "can be found on our website", "visit the ... website", or a
      resources heading ("Multi-agency resources for this case").
    - ``"signpost"``: it points elsewhere: "is contained in the following section", "see
      Appendix 2", "as set out below".
    - ``"heading"``: Markdown heading or bold-only line, "Appendix 1 - Glossary", or a short
      title, such as a resource list's link text once the link is gone (at most 16 words, no
      closing . ! ? : ; , and three quarters of its words of four letters or more capitalised:
      "Multi-Agency Threshold Guidance for Bradford").
    - ``"fragment"``: under :data:`JUNK_MIN_WORDS` (5) words.
    """
    raw = text.strip()
    body = _LEAD.sub("", raw)
    if _KEYWORDS.match(body):
        return "keywords"
    if any(pattern.search(body) for pattern in _LINKS):
        return "links"
    n_words = count_words(body)
    if "resources" in body.lower() and n_words <= 8 and not body.endswith("."):
        return "links"
    if any(pattern.search(body) for pattern in _SIGNPOSTS):
        return "signpost"
    if (raw.startswith("#") or _BOLD_LINE.fullmatch(raw)
            or (_HEADING.match(body) and n_words <= 8) or looks_like_title(body)):
        return "heading"
    if n_words < JUNK_MIN_WORDS:
        return "fragment"
    return None


def looks_like_title(text: str, share: float = 0.75,
                     max_words: int | None = TITLE_MAX_WORDS) -> bool:
    """A line without a full stop (of at most ``max_words`` words) whose longer words are
    capitalised, at least ``share`` of them, and that starts as a title does: not a list's
    item naming one ("use of the National Referral Mechanism (NRM)", between semicolons, was
    never quoted). The answerer, stricter, asks 0.6 of them and no length."""
    body = text.rstrip(" )\"'”’")
    if ((max_words is not None and count_words(body) > max_words)
            or body.endswith((".", "!", "?", ":", ";", ",")) or body[:1].islower()):
        return False
    long_words = _TITLE_WORD.findall(body)
    capitals = sum(word[0].isupper() for word in long_words)
    return len(long_words) >= 2 and capitals >= share * len(long_words)
