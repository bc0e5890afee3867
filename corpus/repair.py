"""Repair of text-extraction damage, conservative enough to run on every document.

PDF extraction leaves hard-wrapped lines (often with a blank line after a paragraph's first
line), footnote bodies in the middle of the running text, page numbers, running headers,
words split by stray spaces ("t he", "pr ocedures") and end-of-line hyphens; web copies leave
Markdown links such as ``[text](#)``. Each repair is a small function that leaves correct
text alone; :func:`repair_text` composes them. Footnote bodies are dropped, not moved: they
are references, and kept in place they would split the paragraphs they interrupt. Page breaks
(``\\f``) always survive: between paragraphs at the start of a line, or inside a joined
paragraph where they act as a space.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from .types import PAGE_BREAK

# --- shared patterns --------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_COMPOUND = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")  # "pre-birth" is one word here
_FINAL = re.compile(r"[.!?][\"'”’)\]]*$")  # ends a sentence
_FINAL_OR_COLON = re.compile(r"[.!?:][\"'”’)\]]*$")
_ROMAN = r"(?:i|ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii)"
_MARKERS = (
    r"[-*+•▪◦●]\s",  # bullet
    r"\d{1,2}(?:\.\d{1,3})+\.?\s+(?=[A-Z\"“‘'(])",  # numbered paragraph "2.17 The"
    r"\d{1,2}[.)]\s+(?=[A-Z\"“‘'(])",  # "1. Introduction", "2) The"
    r"\(?[a-z]\)\s", r"[a-z]\.\s",  # "a) At", "(b) The", "c. How"
    rf"\(?{_ROMAN}[.)]\s",  # "ii. Outcome"
)
_OWN_LINE = (
    r"\#{1,6}\s", r">",  # Markdown heading, quote
    r"[A-Z][\w’'&/-]*(?:\s[\w’'&/-]+){0,2}:\s",  # digest field "Keywords: ..."
    r"(?:Appendix|Annexe?)\s+[\dA-Z]{1,3}\s*(?:[-–—:.]|$)",  # "Appendix 2 - Models ..."
)
# A line that begins a list item or numbered paragraph.
_MARKED = re.compile("^(?:" + "|".join(_MARKERS) + ")")
# A line that must start a paragraph of its own.
_PARA_START = re.compile("^(?:" + "|".join(_MARKERS + _OWN_LINE) + ")")
_MD_HEADING = re.compile(r"^#{1,6}\s")

# A few hundred of the commonest English words: the vocabulary of last resort when a short
# document does not attest a word itself.
COMMON_WORDS = frozenset("""
a about above across act action actions after again against age ago agreed all almost
alone along already also although always am among an and another any anyone anything are
area areas around as ask asked at away back based be became because become been before
began behind being below best better between both brother but by call called came can
care case cases child children come could day days did different do does doing done down
during each early either end enough even ever every evidence face fact family far father
felt few find first five for found four from full further gave get give given go going
good great group had half hand has have having he health help her here herself high him
himself his home house how however i if important in including information into is issue
issues it its itself just keep kind know known large last later least left less life like
little live lived local long look made make making man many may me means meeting might
more most mother much must my need needed needs never new next no not nothing now number
of off often old on once one only open or order other others our out over own part people
period place plan point police practice put rather really report review right risk said
same saw say school see seen several she should side since sister small so social some
something sometimes soon still such support system take taken than that the their them
themselves then there these they thing things think this those though three through time
times to together too took toward towards two under understand until up upon us use used
very was way we well went were what when where whether which while who whole whom whose
why will with within without work would year years yet you young your
""".split())


# --- normalisation ----------------------------------------------------------------------

# No-break and thin spaces become spaces; the bullets that Word's Symbol and Wingdings fonts
# leave in PDF text as private-use characters become "•".
_TRANSLATION = {**dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2009\u200a\u3000"), " "),
                **dict.fromkeys(map(ord, "\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8\uf06e"), "•")}
# Control characters except \t, \n and \f, soft hyphens, zero-width spaces and BOMs.
_INVISIBLE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\u00ad\u200b\u2060\ufeff]")


def normalise_characters(text: str) -> str:
    """Unifies line endings, NFC-normalises, turns no-break and thin spaces into spaces and
    private-use bullets into "•", and drops control and invisible characters (keeping
    \\n, \\t and the page break \\f)."""
    text = re.sub("\r\n?|[\x0b\x85\u2028\u2029]", "\n", text)
    text = unicodedata.normalize("NFC", text).translate(_TRANSLATION)
    return _INVISIBLE.sub("", text)


_MD_LINK = re.compile(r"!?\[((?:[^\[\]\\\n]|\\.)*)\]\((?:[^()\s]|\([^()\s]*\))*\)")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")


def strip_markdown_links(text: str) -> str:
    """``[text](target)`` becomes ``text`` with Markdown escapes such as ``\\(`` undone:
    the targets in our copies are stripped (``#``) and the brackets are noise to readers."""
    return _MD_LINK.sub(lambda m: _MD_ESCAPE.sub(r"\1", m.group(1)), text)


# --- footnotes --------------------------------------------------------------------------

_SEPARATOR = re.compile(r"^[ \t]{20,}$")
_NOTE_NUMBER = re.compile(r"^\s*\d{1,3}\s*$")
_ORPHAN_CITATION = re.compile(r"^ {2,}[A-Z][\w’'-]+, [A-Z]\..*\((?:1[89]|20)\d\d\)")
_WRAPPED_NOTE_SHARE = 0.88  # a footnote line this close to the widest one was wrapped


def strip_footnotes(text: str) -> str:
    """Removes footnote bodies that PDF extraction put in the running text.

    A footnote block starts with a separator line of 20+ spaces, then a footnote number
    alone on a line and its body (first line indented by a space, possibly wrapped onto
    further lines), possibly several footnotes; the running text resumes at the first line
    that is neither. In a hard-wrapped document an indented bibliographic line with no
    separator ("  Surname, A. ... (1983) ...") is an orphan footnote and goes too.
    """
    lines = text.split("\n")
    width = _note_width(lines)
    orphans = is_hard_wrapped(lines)
    kept: list[str] = []
    i = 0
    while i < len(lines):
        if _SEPARATOR.match(lines[i]):
            i = _skip_note_block(lines, i + 1, width)
        elif orphans and _ORPHAN_CITATION.match(lines[i]):
            i += 1
        else:
            kept.append(lines[i])
            i += 1
    return "\n".join(kept)


def _note_width(lines: list[str]) -> int:
    """The width of the widest footnote's first line (the line after a lone number):
    wrapped footnote lines come close to it."""
    widths = [len(lines[j].strip()) for i, line in enumerate(lines) if _NOTE_NUMBER.match(line)
              if (j := _next_nonblank(lines, i + 1)) < len(lines) and lines[j].startswith(" ")]
    return max(widths, default=0)


def _skip_note_block(lines: list[str], i: int, width: int) -> int:
    """Index of the first running-text line after the footnotes that start at ``i``."""
    while True:
        j = _next_nonblank(lines, i)
        if j == len(lines) or not _NOTE_NUMBER.match(lines[j]):
            return i
        body = _next_nonblank(lines, j + 1)
        if body == len(lines) or not lines[body].startswith(" ") or _NOTE_NUMBER.match(lines[body]):
            return i  # a number without a body: not a footnote after all
        i, last = body + 1, lines[body].strip()
        while (j := _next_nonblank(lines, i)) < len(lines) \
                and _continues_note(last, lines[j], width):
            i, last = j + 1, lines[j].strip()


def _continues_note(last: str, line: str, width: int) -> bool:
    """Whether ``line`` carries on the footnote whose previous line is ``last``: it is not
    indented (running text resumes indented), does not start a paragraph, and either
    starts lowercase (a URL, say) or follows a line that was wrapped because it was full."""
    if line.startswith(" ") or _NOTE_NUMBER.match(line) or _PARA_START.match(line):
        return False
    return line[0].islower() or len(last) >= _WRAPPED_NOTE_SHARE * width


def _next_nonblank(lines: list[str], i: int) -> int:
    while i < len(lines) and not lines[i].strip():
        i += 1
    return i


# --- page furniture ---------------------------------------------------------------------

_PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?\s*$"
                          r"|^\s*[-–—]\s*\d{1,3}\s*[-–—]\s*$", re.IGNORECASE)


def strip_page_numbers(text: str) -> str:
    """Removes standalone page-number lines ("13", "Page 2 of 9", "- 4 -"): those with blank
    lines on both sides, or first or last on a page of a paged text. Paragraph labels
    ("2.17") and list numbers ("1.") never match, and a number inside a paragraph is not
    alone on its line. A removed line keeps its page breaks."""
    lines = text.split("\n")
    paged = PAGE_BREAK in text
    kept = []
    for i, line in enumerate(lines):
        breaks = _breaks(line)
        if _PAGE_NUMBER.match(line[len(breaks):]) and _page_number_place(lines, i, paged):
            kept.append(breaks)
        else:
            kept.append(line)
    return "\n".join(kept)


def _page_number_place(lines: list[str], i: int, paged: bool) -> bool:
    """Between blank lines, or (in a paged text) with only blank lines between it and a
    page break or either end of the text."""
    def blank(j: int) -> bool:
        return not 0 <= j < len(lines) or not lines[j].strip(" \t\f")

    if blank(i - 1) and blank(i + 1):
        return True
    if not paged:
        return False
    before = i
    while before > 0 and blank(before - 1) and not lines[before].startswith(PAGE_BREAK):
        before -= 1
    after = i + 1
    while after < len(lines) and blank(after) and not lines[after].startswith(PAGE_BREAK):
        after += 1
    starts_page = before == 0 or lines[before].startswith(PAGE_BREAK)
    ends_page = after == len(lines) or lines[after].startswith(PAGE_BREAK)
    return starts_page or ends_page


def strip_running_heads(text: str) -> str:
    """Drops a short line that opens or closes most pages of a paged text (a running header
    or footer), comparing lines with digits masked so that "Page 3" matches "Page 4"."""
    lines = text.split("\n")
    pages = _pages(lines)
    if len(pages) < 3:
        return text
    edges = [_edge_indices(lines, page) for page in pages]
    counts = Counter(key for page in edges for key in {_mask(lines[i]) for i in page})
    repeated = {key for key, n in counts.items() if n >= max(3, 0.5 * len(pages))}
    for i in (i for page in edges for i in page):
        if _mask(lines[i]) in repeated:
            lines[i] = _breaks(lines[i])
    return "\n".join(lines)


def _pages(lines: list[str]) -> list[range]:
    """Line index ranges of the pages: a page starts at a line beginning with a page break."""
    starts = [0] + [i for i, line in enumerate(lines) if i and line.startswith(PAGE_BREAK)]
    return [range(a, b) for a, b in zip(starts, starts[1:] + [len(lines)], strict=True)]


def _edge_indices(lines: list[str], page: range) -> list[int]:
    """The first two and last two short non-blank lines of a page."""
    filled = [i for i in page if lines[i].strip(" \t\f")]
    return sorted({i for i in filled[:2] + filled[-2:] if len(lines[i].strip(" \t\f")) <= 80})


def _mask(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.strip(" \t\f").split()).lower())


def _breaks(line: str) -> str:
    """The page breaks a line starts with."""
    return line[: len(line) - len(line.lstrip(PAGE_BREAK))]


# --- hard wraps -------------------------------------------------------------------------

_LONG_LINE_SHARE = 0.6  # of the wrap width: shorter lines end a paragraph or are headings


def is_hard_wrapped(lines: Iterable[str]) -> bool:
    """Whether a text was wrapped at a fixed width (a PDF or e-mail extraction) rather than
    written one paragraph per line: its lines cluster under a width of 50-130 characters
    and most full-length lines stop mid-sentence."""
    stripped = [line.strip(" \t\f") for line in lines]
    lengths = sorted(len(line) for line in stripped if line)
    if len(lengths) < 10:
        return False
    width = _wrap_width(lengths)
    if not 50 <= width <= 130 or sum(n > 1.3 * width for n in lengths) > 0.02 * len(lengths):
        return False
    full = [line for line in stripped if len(line) >= _LONG_LINE_SHARE * width]
    return sum(not _FINAL_OR_COLON.search(line) for line in full) >= 0.6 * len(full)


def _wrap_width(sorted_lengths: list[int]) -> int:
    """The width a text was wrapped at: the 90th percentile of its line lengths."""
    return sorted_lengths[int(0.9 * (len(sorted_lengths) - 1))]


@dataclass
class _Paragraph:
    """A paragraph being assembled from physical lines (kept as parts: joining a long
    paragraph line by line must not copy it each time)."""

    parts: list[str]  # its text is "".join(parts)
    last_line: str  # the physical line it currently ends with
    lines: int = 1
    marked: bool = False  # begins with a list or paragraph marker


@dataclass
class _Joiner:
    """Reassembles paragraphs line by line (see :func:`join_hard_wraps`)."""

    wrapped: bool
    long_line: float
    counts: Counter[str]  # words written without a hyphen
    hyphenated: Counter[str]  # hyphenated compounds
    out: list[str] = field(default_factory=list)
    current: _Paragraph | None = None
    gap: list[str] = field(default_factory=list)  # page breaks held by blank lines since

    def feed(self, line: str) -> None:
        breaks = _breaks(line)
        body = _tidy(line[len(breaks):], strip_indent=self.wrapped)
        if not body:
            self.gap.append(breaks)
            return
        if self.current and self._joins(body.lstrip(" ")):
            self._append(body.lstrip(" "), "".join(self.gap) + breaks)
        else:
            self._flush()
            if self.gap:
                self.out.append("".join(self.gap))
            self.current = _Paragraph([breaks + body], body, marked=bool(_MARKED.match(body)))
        self.gap = []

    def finish(self) -> str:
        self._flush()
        if self.gap and "".join(self.gap):
            self.out.append("".join(self.gap))
        return "\n".join(self.out)

    def _flush(self) -> None:
        if self.current:
            self.out.append("".join(self.current.parts))
            self.current = None

    def _joins(self, body: str) -> bool:
        """Whether ``body`` continues the current paragraph rather than starting one."""
        para = self.current
        assert para is not None
        if _PARA_START.match(body) or _MD_HEADING.match(para.parts[0].lstrip(PAGE_BREAK)):
            return False
        if body[0].islower() and not _FINAL.search(para.last_line):
            return True
        if not self.wrapped or len(para.last_line) < self.long_line:
            return False
        if not self.gap:
            return True
        # A blank line inside a paragraph: in PDF extractions it follows the first line.
        return para.lines == 1 and para.marked and not _FINAL_OR_COLON.search(para.last_line)

    def _append(self, body: str, breaks: str) -> None:
        para = self.current
        assert para is not None
        if body[0].isalpha() and (word := re.search(r"[^\W\d_]+-$", para.last_line)):
            tail = _WORD.match(body)
            if tail and self._drop_hyphen(word.group()[:-1], tail.group()):
                para.parts[-1] = para.parts[-1][:-1]
            if breaks:  # a page break inside a word moves to the next space
                body = body.replace(" ", breaks, 1) if " " in body else body + breaks
        else:
            para.parts.append(breaks or " ")
        para.parts.append(body)
        para.last_line, para.lines = body, para.lines + 1

    def _drop_hyphen(self, left: str, right: str) -> bool:
        """Joins "pre-" + "birth" without its hyphen only when the text writes the word whole
        and never hyphenated: most line-end hyphens in reports are real compounds."""
        if self.hyphenated[f"{left}-{right}".lower()]:
            return False
        if _is_known(left, self.counts) and _is_known(right, self.counts):
            return False
        return self.counts[(left + right).lower()] > 0


def _tidy(line: str, *, strip_indent: bool) -> str:
    """Trailing spaces off, runs of spaces inside the line collapsed; indentation kept
    unless the text is hard-wrapped (where it is an extraction artefact)."""
    line = line.rstrip(" \t")
    indent = "" if strip_indent else line[: len(line) - len(line.lstrip(" "))]
    return indent + re.sub(r" {2,}", " ", line.lstrip(" "))


def _is_known(word: str, counts: Counter[str]) -> bool:
    return len(word) > 1 and (word.lower() in COMMON_WORDS or counts[word.lower()] > 0)


def join_hard_wraps(text: str) -> str:
    """Rebuilds paragraphs from wrapped lines and tidies spaces.

    Everywhere: a line starting lowercase continues a paragraph that has not ended its
    sentence, across blank lines ("...help from the" / "family GP."). In a hard-wrapped
    text also: a line after a full-width line continues it, and so does a line after a
    blank line that follows the full-width first line of a numbered or bulleted paragraph.
    Lines that start an item, a numbered paragraph, a heading or a "Field:" never join.
    End-of-line hyphens are kept unless the text itself writes the word unhyphenated.
    """
    lines = text.split("\n")
    lengths = sorted(len(line.strip(" \t\f")) for line in lines if line.strip(" \t\f"))
    if not lengths:
        return "\n".join(line.rstrip(" \t") for line in lines).strip(" \t\n")
    wrapped = is_hard_wrapped(lines)
    # The vocabulary leaves out the words broken at line ends: they are what is in doubt.
    # Anchored to the start of a run of letters: unanchored, the engine retried from every
    # letter of a long run (100 KB of letters without a space took 157 s; now linear).
    unbroken = re.sub(r"(?<![^\W\d_])[^\W\d_]+-[ \t]*\n\s*[^\W\d_]+", " ", text)
    words = [w.lower() for w in _COMPOUND.findall(unbroken)]
    joiner = _Joiner(wrapped=wrapped, long_line=_LONG_LINE_SHARE * _wrap_width(lengths),
                     counts=Counter(w for w in words if "-" not in w),
                     hyphenated=Counter(w for w in words if "-" in w))
    for line in lines:
        joiner.feed(line)
    return joiner.finish()


# --- words split by stray spaces --------------------------------------------------------

_SINGLE_LETTER_WORDS = frozenset("aAI")


def merge_split_words(text: str) -> str:
    """Joins "vul nerability" into "vulnerability" where that is unambiguous: the joined
    form is a word the text uses elsewhere (or a very common word), and at least one of the
    two fragments is not a word the text uses. Two real words ("in to", "a part") are never
    merged. Repeats until nothing changes, so that the result is stable."""
    for _ in range(3):
        merged = _merge_once(text)
        if merged == text:
            break
        text = merged
    return text


def _merge_once(text: str) -> str:
    """One left-to-right pass of merges, judged against the text's own word counts."""
    tokens = list(_WORD.finditer(text))
    exact = Counter(m.group() for m in tokens)
    lower = Counter(m.group().lower() for m in tokens)
    pairs = Counter((a.group().lower(), b.group().lower()) for a, b in zip(tokens, tokens[1:], strict=False)
                    if text[a.end():b.start()] == " ")
    pieces: list[str] = []
    last = 0
    i = 0
    while i < len(tokens) - 1:
        a, b = tokens[i], tokens[i + 1]
        if text[a.end():b.start()] == " " and _isolated(text, a.start(), b.end()) \
                and _should_merge(a.group(), b.group(), exact, lower, pairs):
            pieces.append(text[last:a.end()])
            last = b.start()
            i += 2
        else:
            i += 1
    pieces.append(text[last:])
    return "".join(pieces)


def _isolated(text: str, start: int, end: int) -> bool:
    """The pair is not glued to a hyphen, apostrophe or letter on its outer sides."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalpha() or after.isalpha() or before in "-'’" or after in "-'’")


def _should_merge(left: str, right: str, exact: Counter[str], lower: Counter[str],
                  pairs: Counter[tuple[str, str]]) -> bool:
    joined = left + right
    if not _attested_whole(joined, len(left), exact, lower):
        return False
    seen_as_pair = pairs[(left.lower(), right.lower())]
    return not (_is_word(left, lower, seen_as_pair) and _is_word(right, lower, seen_as_pair))


def _attested_whole(joined: str, left_len: int, exact: Counter[str], lower: Counter[str]) -> bool:
    """The joined form occurs whole in the text, with its own capitalisation; a capitalised
    form may stand for a lowercase word unless the left fragment is a lone initial
    ("M et" is "M et", not "Met")."""
    if exact[joined]:
        return True
    known = lower[joined.lower()] > 0 or joined.lower() in COMMON_WORDS
    if joined.islower():
        return known
    return joined[0].isupper() and joined[1:].islower() and left_len > 1 and known


def _is_word(fragment: str, lower: Counter[str], seen_as_pair: int) -> bool:
    """A fragment is a word if it is a one-letter word, a common word, or occurs in the
    text other than in this very split."""
    if len(fragment) == 1:
        return fragment in _SINGLE_LETTER_WORDS
    key = fragment.lower()
    return key in COMMON_WORDS or lower[key] - seen_as_pair > 0


# --- the whole repair -------------------------------------------------------------------

def repair_text(raw: str) -> str:
    """Cleans extracted text; already clean text comes back unchanged, and repairing twice
    gives the same result as repairing once."""
    text = normalise_characters(raw)
    text = strip_markdown_links(text)
    text = strip_footnotes(text)
    text = strip_running_heads(text)
    text = strip_page_numbers(text)
    text = join_hard_wraps(text)
    text = merge_split_words(text)
    trailing = "\n" if raw.endswith(("\n", "\r")) and text else ""
    return text.strip("\n") + trailing
