"""Structure-aware chunking: a review's blocks packed into passages that fit the model window.

A chunk is always a contiguous slice of one entry's cleaned text (so its locator points at
exactly its words), holds blocks of one section only, and never crosses a review boundary.
Blocks are packed up to ``TARGET_WORDS``; a block too long for the window is cut at
sentence ends. The size limit is in model tokens, counted with the embedding model's own
tokenizer when ingestion passes it in, and includes the context header that is embedded
with the chunk.
"""

from __future__ import annotations

import bisect
import hashlib
import math
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from .types import PAGE_BREAK, Block, Entry, review_label, trim_span

CHUNKER_VERSION = "1"
WINDOW_TOKENS = 256  # all-MiniLM-L6-v2's max_seq_length, [CLS] and [SEP] included
TARGET_WORDS = 160  # pack blocks up to about this many words
MIN_WORDS = 40  # a smaller tail is merged into the chunk before it when it fits
MAX_CHUNK_CHARS = 4_000
"""No chunk is longer, whatever the token count says (a 10,000-letter 'word' is one
[UNK] token): 256 tokens of real prose are 1,000-1,400 characters. It also bounds every
token count the chunker asks for, which keeps chunking linear in the text's length."""
MAX_HEADER_CHARS = 1_000  # a context header is cut to this, and to half the window

TokenCounter = Callable[[str], int]  # model input length of a text, special tokens included


class Tokenizer(Protocol):
    """What chunking needs of the embedding model (``reviewqa.embed.model.Embedder`` is one)."""

    @property
    def max_tokens(self) -> int: ...

    def count_tokens(self, text: str) -> int: ...


class EstimatingTokenizer:
    """Chunking without the model: a safe over-estimate of tokens, the default window."""

    max_tokens = WINDOW_TOKENS

    def count_tokens(self, text: str) -> int:
        return estimate_tokens(text)

_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+(?=[\"“‘(\[A-Z0-9•\-])")
_WORD = re.compile(r"\S+")


def estimate_tokens(text: str) -> int:
    """A safe over-estimate of WordPiece tokens (plus [CLS] and [SEP]), for use without the
    model's tokenizer."""
    return math.ceil(len(re.findall(r"\w+|[^\w\s]", text)) * 1.3) + 2


@dataclass(frozen=True)
class ChunkDraft:
    start: int
    end: int
    section: str
    locator: str
    page: int | None
    header: str
    text: str


def chunk_id(document_sha256: str, start: int, end: int) -> int:
    """Stable 63-bit id from the document's content and the chunk's span."""
    digest = hashlib.blake2b(f"{document_sha256}:{start}:{end}:{CHUNKER_VERSION}".encode(),
                             digest_size=8).digest()
    return int.from_bytes(digest, "big") & (2**63 - 1)


def review_header(entry: Entry, section: str) -> str:
    """'Child K (Rochdale, 2017) › Learning': the review, then where in it."""
    meta = entry.meta
    title = review_label(meta.title, meta.area, meta.year)
    return " › ".join(part for part in (title, section) if part)


def chunk_entry(text: str, entry: Entry, *, count_tokens: TokenCounter = estimate_tokens,
                paged: bool = False, window: int = WINDOW_TOKENS) -> list[ChunkDraft]:
    """Cuts one entry into chunks that each fit ``window`` tokens with their header.

    The work is linear in the entry's length whatever its shape (one huge line, no sentence
    ends, no spaces): every token count is of at most ``MAX_CHUNK_CHARS`` characters, and the
    longest run of pieces that fits is found by galloping and bisection, which stops where
    adding one piece at a time would stop because a longer span never has fewer tokens.
    """
    budget = _Budget(text, entry, count_tokens, window)
    pieces: list[Block] = []
    for block in entry.blocks:
        pieces.extend(_fit_block(text, block, budget))
    groups = _pack_pieces(text, pieces, budget)
    groups = _merge_small_tails(text, groups, budget)
    breaks = [m.start() for m in re.finditer(PAGE_BREAK, text)] if paged else None
    return [_draft(text, group, budget, breaks) for group in groups]


class _Budget:
    """Whether a span fits the window with its section's header; headers built once each."""

    def __init__(self, text: str, entry: Entry, count_tokens: TokenCounter, window: int):
        self.text = text
        self.entry = entry
        self.count_tokens = count_tokens
        self.window = window
        self._headers: dict[str, str] = {}

    def header(self, section: str) -> str:
        header = self._headers.get(section)
        if header is None:
            header = review_header(self.entry, section)
            if len(header) > MAX_HEADER_CHARS or self.count_tokens(header) > self.window // 2:
                header = self._shortened(header)
            self._headers[section] = header
        return header

    def _shortened(self, header: str) -> str:
        """A header too long to leave room for text (a hostile title or heading), cut to half
        the window; real headers are a few dozen tokens and never cut."""
        half = self.window // 2
        cut = _longest_run(min(len(header), MAX_HEADER_CHARS),
                           lambda k: self.count_tokens(header[:k].rstrip() + "…") <= half, 1)
        return header[:cut].rstrip() + "…"

    def fits(self, section: str, start: int, end: int) -> bool:
        return (end - start <= MAX_CHUNK_CHARS
                and _tokens(self.text, self.header(section), start, end, self.count_tokens)
                <= self.window)


def _longest_run(n: int, fits: Callable[[int], bool], guess: int) -> int:
    """The largest k in 1..n with k == 1 or fits(k), for ``fits`` true up to some k and false
    after it: where a greedy scan adding one item at a time would stop. Found by galloping
    from ``guess`` (the previous run's length; two calls when runs are alike) and bisecting,
    about 2·log|k - guess| calls instead of k."""
    if n <= 1:
        return n
    probe = min(max(guess, 1), n)
    if probe == 1 or fits(probe):
        lo, hi, step = probe, n + 1, 1  # lo is known to fit, hi known not to (n + 1: the end)
        while lo < n:
            probe = min(lo + step, n)
            if not fits(probe):
                hi = probe
                break
            lo, step = probe, step * 2
    else:
        lo, hi, step = 1, probe, 1
        while hi - step > 1:
            probe = hi - step
            if fits(probe):
                lo = probe
                break
            hi, step = probe, step * 2
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if fits(mid):
            lo = mid
        else:
            hi = mid
    return lo


def _fit_block(text: str, block: Block, budget: _Budget) -> list[Block]:
    """The block itself, or consecutive sentence runs of it that each fit the budget."""
    start, end = trim_span(text, block.start, block.end)
    if start >= end:
        return []
    section, label = block.section, block.label
    if budget.fits(section, start, end):
        return [Block(start, end, section, label)]

    def fits(s: int, e: int) -> bool:
        return budget.fits(section, s, e)

    # Sentences are the parts; one too long for the window is replaced by runs of its words.
    # Packed greedily so the pieces are as large as the window allows. A sentence is
    # checked on its own only where a run stops at it: inside a run that fits, each fits.
    out: list[Block] = []
    units: list[list] = []  # [start, end, known to be a part]
    sentences = _sentence_spans(text, start, end)
    guess = 1
    while True:
        if not units:
            span = next(sentences, None)
            if span is None:
                break
            units.append([*span, False])
        first = units[0][0]
        while units[-1][1] - first <= MAX_CHUNK_CHARS:  # the lookahead: all that may join
            span = next(sentences, None)
            if span is None:
                break
            units.append([*span, False])
        k = _longest_run(len(units), _run_from(fits, first, units), guess)
        if k == 1 and not units[0][2] and not fits(units[0][0], units[0][1]):
            units[0:1] = _word_runs(text, units[0][0], units[0][1], fits)
            continue
        if k < len(units) and not units[k][2] and not fits(units[k][0], units[k][1]):
            units[k:k + 1] = _word_runs(text, units[k][0], units[k][1], fits)
            continue  # some of its words may join this run
        out.append(Block(first, units[k - 1][1], section, label))
        del units[:k]
        guess = k
    return out


def _run_from(fits: Callable[[int, int], bool], first: int,
              spans: Sequence[Sequence[int]]) -> Callable[[int], bool]:
    """Whether the first k spans fit together, as :func:`_longest_run` asks it."""
    return lambda k: fits(first, spans[k - 1][1])


def _chars_from(fits: Callable[[int, int], bool], start: int) -> Callable[[int], bool]:
    return lambda k: fits(start, start + k)


def _group_from(text: str, pieces: list[Block], i: int, budget: _Budget) -> Callable[[int], bool]:
    return lambda k: _fits_group(text, pieces[i], pieces[i + k - 1], budget, TARGET_WORDS)


def _sentence_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    cursor = start
    for match in _SENTENCE_END.finditer(text, start, end):
        if match.start() > cursor:
            yield cursor, match.start()
        cursor = match.end()
    if end > cursor:
        yield cursor, end


def _word_runs(text: str, start: int, end: int, fits: Callable[[int, int], bool]) -> list[list]:
    """Last resort for a 'sentence' longer than the window: cut between words, and a single
    'word' longer than the window (no spaces at all) between characters."""
    words = (m.span() for m in _WORD.finditer(text, start, end))
    out: list[list] = []
    pending: list[tuple[int, int]] = []
    guess = 1
    while True:
        if not pending:
            word = next(words, None)
            if word is None:
                return out
            pending.append(word)
        first = pending[0][0]
        while pending[-1][1] - first <= MAX_CHUNK_CHARS:
            word = next(words, None)
            if word is None:
                break
            pending.append(word)
        k = _longest_run(len(pending), _run_from(fits, first, pending), guess)
        if k == 1 and not fits(*pending[0]):
            out.extend(_char_runs(*pending[0], fits))
        else:
            out.append([first, pending[k - 1][1], True])
        del pending[:k]
        guess = k


def _char_runs(start: int, end: int, fits: Callable[[int, int], bool]) -> list[list]:
    out: list[list] = []
    guess = 1
    while start < end:
        k = _longest_run(min(end - start, MAX_CHUNK_CHARS), _chars_from(fits, start), guess)
        out.append([start, start + k, True])
        start += k
        guess = k
    return out


def _pack_pieces(text: str, pieces: list[Block], budget: _Budget) -> list[list[Block]]:
    """Consecutive pieces joined while they may share a chunk (see :func:`_can_join`)."""
    groups: list[list[Block]] = []
    i, guess = 0, 1
    while i < len(pieces):
        first = pieces[i]
        r = i + 1  # pieces i..r-1: no section change or text between them, within the cap
        while (r < len(pieces) and pieces[r].end - first.start <= MAX_CHUNK_CHARS
               and _adjacent(text, pieces[r - 1], pieces[r])):
            r += 1
        k = _longest_run(r - i, _group_from(text, pieces, i, budget), guess)
        groups.append(pieces[i:i + k])
        i += k
        guess = k
    return groups


def _adjacent(text: str, last: Block, piece: Block) -> bool:
    # Only whitespace may lie between packed blocks. A report's numbered paragraphs are
    # separated by their numbers, so each stays a chunk of its own, cited as "§2.72":
    # packing them (numbers kept inside) scored lower on the dev set (MRR@10 0.726 vs 0.741).
    return piece.section == last.section and not text[last.end:piece.start].strip()


def _fits_group(text: str, first: Block, last: Block, budget: _Budget, target_words: int) -> bool:
    if last.end - first.start > MAX_CHUNK_CHARS:
        return False
    if _words(text, first.start, last.end) > target_words:
        return False
    return budget.fits(last.section, first.start, last.end)


def _can_join(text: str, group: list[Block], piece: Block, budget: _Budget,
              target_words: int) -> bool:
    if not _adjacent(text, group[-1], piece):
        return False
    return _fits_group(text, group[0], piece, budget, target_words)


def _merge_small_tails(text: str, groups: list[list[Block]],
                       budget: _Budget) -> list[list[Block]]:
    merged: list[list[Block]] = []
    for group in groups:
        prev = merged[-1] if merged else None
        small = (group[-1].end - group[0].start < MAX_CHUNK_CHARS
                 and _words(text, group[0].start, group[-1].end) < MIN_WORDS)
        if prev and small and all(
                _can_join(text, prev, piece, budget, target_words=10**9) for piece in group):
            prev.extend(group)
        else:
            merged.append(group)
    return merged


def _draft(text: str, group: list[Block], budget: _Budget,
           breaks: list[int] | None) -> ChunkDraft:
    start, end = group[0].start, group[-1].end
    section = group[0].section
    page = bisect.bisect_left(breaks, start) + 1 if breaks is not None else None
    return ChunkDraft(start=start, end=end, section=section,
                      locator=_locator(group, budget.entry, page), page=page,
                      header=budget.header(section), text=text[start:end])


def _locator(group: list[Block], entry: Entry, page: int | None) -> str:
    """'§2.16–2.18', 'Child K › Learning' or the section name, plus the page where known."""
    labels = [b.label for b in group if b.label]
    numbered = [label for label in labels if re.fullmatch(r"\d+(\.\d+)*", label)]
    parts: list[str] = []
    if numbered:
        first, last = numbered[0], numbered[-1]
        parts.append(f"§{first}" if first == last else f"§{first}–{last}")
    else:
        where = [entry.label] if entry.label else []
        if labels:
            where.append(labels[0] if labels[0] == labels[-1] else f"{labels[0]}–{labels[-1]}")
        elif group[0].section:
            where.append(group[0].section)
        parts.append(" › ".join(where) or "whole document")
    if page is not None:
        parts.append(f"p. {page}")
    return ", ".join(parts)


def _tokens(text: str, header: str, start: int, end: int, count_tokens: TokenCounter) -> int:
    return count_tokens(f"{header}\n{text[start:end]}")


def _words(text: str, start: int, end: int) -> int:
    return len(_WORD.findall(text, start, end))
