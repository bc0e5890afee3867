"""Cutting digests (lists and newsletters that summarise many reviews) into one entry per review.

Each digest format has its own small parser; all return a :class:`Segmented` whose entries
carry the review's metadata as the digest states it and blocks for the digest's own fields
(summary, learning, recommendations...), so that chunks follow the fields and never span two
reviews. :func:`parse_digest` runs every parser and keeps the one that recognises the most
entries; a text in which no parser finds two entries is not a digest. Every metadata field
an entry has comes with its source: the span of the digest's text that states it
(``ReviewMeta.sources``).

The parsers work on cleaned text (see ``repair.py``) and on raw text alike: they accept
Markdown links or their bare text, and paragraphs broken in mid-sentence.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator

from reviewqa.corpus.identity import normalise_area
from reviewqa.corpus.types import (
    Block,
    Entry,
    FieldSource,
    Resource,
    ReviewMeta,
    Segmented,
    trim_span,
)

MIN_ENTRIES = 2

Part = tuple[int, int, str]  # start, end, field name of a block before trimming

# --- shared helpers -----------------------------------------------------------------------

_NUMBER_WORDS = {
    w: str(n)
    for n, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
        " fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
_NUM = r"(?:\d+(?:\s\d/\d)?(?![-–]\d)|" + "|".join(_NUMBER_WORDS) + r")\b"
_UNIT = r"(?:year|month|week|day)s?"
_SEP = r"[\s\-–]+"
_AGE_PATTERNS = (
    # "a 13-year-old boy", "2 1/2–year-old", "2-year-11-month-old", "18 month-old-girl"
    re.compile(
        rf"\b(?P<n1>{_NUM}){_SEP}(?P<u1>{_UNIT})"
        rf"(?:{_SEP}(?:and{_SEP})?(?P<n2>{_NUM}){_SEP}(?P<u2>{_UNIT}))?{_SEP}old\b",
        re.IGNORECASE,
    ),
    # "aged 14", "aged 4 weeks", "aged less than 1 year", "aged 2 years-and-four-months"
    re.compile(
        rf"\baged\s+(?P<q>less than\s+|under\s+)?(?P<n1>{_NUM})(?:{_SEP}(?P<u1>{_UNIT})"
        rf"(?:{_SEP}(?:and{_SEP})?(?P<n2>{_NUM}){_SEP}(?P<u2>{_UNIT}))?)?",
        re.IGNORECASE,
    ),
    # "a baby under 6 months old"
    re.compile(rf"\b(?P<q>under\s+)(?P<n1>{_NUM})\s+(?P<u1>{_UNIT})\s+old\b", re.IGNORECASE),
)
_CHILD_NAME = re.compile(r"\b(?:Child|Baby|Young [Pp]erson) [A-Z]{1,2}\d*\b")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_FIRST_SENTENCE = re.compile(r"^.*?[.!?](?=\s|$)", re.DOTALL)
_SENTENCE_AT = re.compile(r".*?[.!?](?=\s|$)", re.DOTALL)
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def _age_part(number: str, unit: str | None) -> str:
    number = _NUMBER_WORDS.get(number.lower(), number)
    unit = (unit or "years").lower().rstrip("s")
    return f"{number} {unit}" if number == "1" else f"{number} {unit}s"


def child_age(text: str) -> str | None:
    """The first age stated in ``text`` as a short string ("13 years", "2 years 11 months").

    Ages are stated many ways ("a 3-month-old girl", "aged eight", "under 2 months old");
    number words become digits and a bare "aged 14" is taken to mean years.
    """
    found = child_age_span(text)
    return found[0] if found else None


def child_age_span(text: str, start: int = 0, end: int | None = None
                   ) -> tuple[str, int, int] | None:
    """The first age stated in ``text[start:end]`` (as :func:`child_age` gives it) and the
    span of the words that state it."""
    end = len(text) if end is None else end
    found = [m for pattern in _AGE_PATTERNS if (m := pattern.search(text, start, end))]
    if not found:
        return None
    m = min(found, key=lambda match: match.start())
    groups = m.groupdict()
    age = _age_part(groups["n1"], groups.get("u1"))
    if groups.get("n2"):
        age += " " + _age_part(groups["n2"], groups["u2"])
    qualifier = (groups.get("q") or "").strip().lower()
    return (f"{qualifier} {age}" if qualifier else age), m.start(), m.end()


def _most_named_child(text: str) -> str | None:
    """The pseudonym ("Child J") named most often in a text, first-named on a tie."""
    names = Counter(m.group() for m in _CHILD_NAME.finditer(text))
    return names.most_common(1)[0][0] if names else None


def _first_year(text: str) -> int | None:
    m = _YEAR.search(text)
    return int(m.group()) if m else None


def _words_span(text: str, words: str, start: int, end: int) -> tuple[int, int] | None:
    """Where ``words`` first occur in ``text[start:end]``, whatever whitespace separates them."""
    parts = words.split()
    if not parts:
        return None
    m = re.compile(r"\s+".join(map(re.escape, parts))).search(text, start, end)
    return (m.start(), m.end()) if m else None


class _Sources:
    """The sources of an entry's fields as they are found; empty fields get none."""

    def __init__(self) -> None:
        self.found: dict[str, FieldSource] = {}

    def add(self, name: str, span: tuple[int, int] | None) -> None:
        if span is not None and span[1] > span[0]:
            self.found[name] = FieldSource.span(*span)

    def of(self, meta: ReviewMeta) -> ReviewMeta:
        """``meta`` with the sources of the fields it has (a field left empty has none)."""
        meta.sources = {name: src for name, src in self.found.items() if getattr(meta, name)}
        return meta


def _first_sentence(text: str) -> str:
    flat = " ".join(text.split())
    m = _FIRST_SENTENCE.match(flat)
    return m.group() if m else flat


def _first_sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the first sentence of ``text[start:end]`` (the whole span if none ends)."""
    m = _SENTENCE_AT.match(text, start, end)
    return trim_span(text, start, m.end() if m else end)


def _flat(text: str) -> str:
    """Text on one line, Markdown links reduced to their words, emphasis marks dropped."""
    return " ".join(_LINK.sub(r"\1", text).replace("**", "").split())


def _lines(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each line of ``text[start:end]``, end excluding the newline."""
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        line_end = end if nl < 0 else nl
        yield pos, line_end
        pos = line_end + 1


def _build_entry(
    text: str, meta: ReviewMeta, start: int, end: int, parts: list[Part], label: str
) -> Entry:
    """An Entry whose blocks are its field parts, trimmed, empty ones dropped.

    Every parser builds entries here so that blocks always lie, in order, inside the entry.
    """
    blocks = []
    for part_start, part_end, name in parts:
        s, e = trim_span(text, max(part_start, start), min(part_end, end))
        if e > s:
            blocks.append(Block(start=s, end=e, section=name, label=name))
    start, end = trim_span(text, start, end)
    return Entry(meta=meta, start=start, end=end, blocks=blocks, label=label)


# --- NSPCC list: "2017 – Rochdale – Child K" ------------------------------------------------

_NSPCC_HEADER = re.compile(
    r"^(?P<year>(?:19|20)\d\d)[ \t]*[-–][ \t]*(?P<rest>\S[^\n]{0,150}?)[ \t]*$", re.MULTILINE
)
_NSPCC_FIELD = re.compile(
    r"(?P<name>Background|Key issues|Key findings|Learning|Recommendations|Model|Methodology"
    r"|Keywords):"
)
_NSPCC_READ = re.compile(r">?[^\S\n]*Read the (?:overview report|executive summary)\b")
_SPACED_DASH = re.compile(r"\s+[-–]\s*|\s*[-–]\s+|–")
# Reviews in Scotland are "significant case reviews", in Wales "child practice reviews".
_SCOTTISH_AREAS = frozenset(
    "Aberdeen, Aberdeenshire, Angus, Argyll and Bute, Clackmannanshire, Dumfries and Galloway,"
    " Dundee, East Ayrshire, East Dunbartonshire, East Lothian, East Renfrewshire, Edinburgh,"
    " Falkirk, Fife, Glasgow, Highland, Inverclyde, Midlothian, Moray, North Ayrshire,"
    " North Lanarkshire, Orkney, Perth and Kinross, Renfrewshire, Scottish Borders, Shetland,"
    " South Ayrshire, South Lanarkshire, Stirling, West Dunbartonshire, West Lothian,"
    " Western Isles".split(", ")
)
_WELSH_AREAS = frozenset(
    "Blaenau Gwent, Bridgend, Caerphilly, Cardiff, Carmarthenshire, Ceredigion, Conwy,"
    " Denbighshire, Flintshire, Gwynedd, Isle of Anglesey, Merthyr Tydfil, Monmouthshire,"
    " Neath Port Talbot, Newport, Pembrokeshire, Powys, Rhondda Cynon Taf, Swansea, Torfaen,"
    " Vale of Glamorgan, Wrexham".split(", ")
)


_NORTHERN_IRISH_AREAS = frozenset(
    "Northern Ireland, Belfast, Northern, South Eastern, Southern, Western".split(", ")
)
# How the list says which kinds of review it holds ("A chronological list of ... serious case
# reviews, significant case reviews or multi-agency child practice reviews published in 2018"):
# the plural names, by the review type each stands for.
_LISTED_KINDS = {
    "serious case review": re.compile(r"\bserious\s+case\s+reviews\b", re.IGNORECASE),
    "significant case review": re.compile(r"\bsignificant\s+case\s+reviews\b", re.IGNORECASE),
    "child practice review": re.compile(r"\bchild\s+practice\s+reviews\b", re.IGNORECASE),
    "case management review": re.compile(r"\bcase\s+management\s+reviews\b", re.IGNORECASE),
}


def _nation_review_type(area: str | None) -> str:
    """The review type, of the kinds the NSPCC list holds, that the area's nation uses:
    Scotland's significant case reviews, Wales's child practice reviews, Northern Ireland's
    case management reviews; England's serious case reviews otherwise (an anonymous entry
    included: the list's Scottish, Welsh and Northern Irish reviews name their area)."""
    if area in _SCOTTISH_AREAS:
        return "significant case review"
    if area in _WELSH_AREAS:
        return "child practice review"
    if area in _NORTHERN_IRISH_AREAS:
        return "case management review"
    return "serious case review"


def _listed_kinds(text: str, start: int, end: int) -> dict[str, tuple[int, int]]:
    """The kinds of review a list's introduction in ``text[start:end]`` says it holds, each
    with the span of the words that say so; empty when it says nothing of the kind."""
    found = {}
    for kind, pattern in _LISTED_KINDS.items():
        if m := pattern.search(text, start, end):
            found[kind] = (m.start(), m.end())
    return found


def _split_header(rest: str) -> tuple[tuple[int, int], tuple[int, int] | None]:
    """Spans (in ``rest``) of the area and child of "AREA – CHILD", whatever the dash style
    ("Anonymous-Child Y"); no child span when there is no second part."""
    m = _SPACED_DASH.search(rest) or re.search("-", rest)
    if not m:
        return trim_span(rest, 0, len(rest), ""), None
    area = trim_span(rest, 0, m.start(), "")
    child = trim_span(rest, m.end(), len(rest), "")
    return area, (child if child[1] > child[0] else None)


def _nspcc_parts(text: str, start: int, end: int) -> tuple[list[Part], int]:
    """The summary and field parts after a header, and where the entry ends.

    The entry ends with its "Read the overview report" line(s); what follows before the
    next header (a year's heading and introduction) belongs to no entry.
    """
    parts: list[Part] = []
    entry_end = start
    read_seen = False
    for line_start, line_end in _lines(text, start, end):
        line = text[line_start:line_end]
        if not line.strip():
            continue
        if _NSPCC_READ.match(line):
            read_seen, entry_end = True, line_end
        elif read_seen:
            break
        elif field := _NSPCC_FIELD.match(line):
            parts.append((line_start, line_end, field["name"]))
            entry_end = line_end
        elif parts:
            parts[-1] = (parts[-1][0], line_end, parts[-1][2])
            entry_end = line_end
        else:
            parts.append((line_start, line_end, "Summary"))
            entry_end = line_end
    return parts, entry_end


def _split_keywords(value: str, separators: str) -> list[str]:
    """Keywords or themes as printed, one per separated item, without a leading "and"."""
    words = (" ".join(w.split()).strip(" .") for w in re.split(f"[{separators}]", value))
    return [re.sub(r"^and\s+", "", w) for w in words if w]


def _theme_heads(value: str) -> list[str]:
    """Learning themes cut before their elaboration ("thresholds for neglect, including ...")."""
    return [theme.split(", including ")[0] for theme in _split_keywords(value, ";")]


def parse_nspcc_list(text: str) -> Segmented:
    """Entries of the NSPCC list: header "YEAR – AREA – CHILD", incident line, fields.

    An entry's review type is the kind its area's nation uses, of the kinds the list's
    introduction says it holds (none where no introduction says so)."""
    headers = list(_NSPCC_HEADER.finditer(text))
    entries = []
    listed: dict[str, tuple[int, int]] = {}
    previous_end = 0
    for i, header in enumerate(headers):
        region_end = headers[i + 1].start() if i + 1 < len(headers) else len(text)
        parts, end = _nspcc_parts(text, header.end(), region_end)
        if not any(name != "Summary" for *_, name in parts):
            continue
        # An introduction between the last entry and this one says what the list holds.
        listed = _listed_kinds(text, previous_end, header.start()) or listed
        previous_end = end
        spans = {name: (s, e) for s, e, name in parts}
        fields = {name: _flat(text[s:e]) for s, e, name in parts}
        summary = fields.get("Summary")
        rest = header.start("rest")
        area_span, child_span = _split_header(header["rest"])
        area_printed = header["rest"][area_span[0] : area_span[1]]
        area = normalise_area(area_printed)
        keywords = fields.get("Keywords", "").removeprefix("Keywords:")
        found = _Sources()
        if child_span is not None:
            title = header["rest"][child_span[0] : child_span[1]]
            found.add("title", (rest + child_span[0], rest + child_span[1]))
        elif summary and (named := _most_named_child(summary)):
            title = named
            found.add("title", _words_span(text, named, *spans["Summary"]))
        else:
            title = area_printed
            found.add("title", (rest + area_span[0], rest + area_span[1]))
        found.add("area", (rest + area_span[0], rest + area_span[1]))
        found.add("year", header.span("year"))
        review_type = _nation_review_type(area)
        found.add("review_type", listed.get(review_type))
        age = child_age_span(text, *spans["Summary"]) if "Summary" in spans else None
        if age:
            found.add("child_age", age[1:])
        found.add("keywords", spans.get("Keywords"))
        found.add("summary", spans.get("Summary"))
        meta = ReviewMeta(
            title=title,
            area=area,
            year=int(header["year"]),
            review_type=review_type if review_type in listed else None,
            child_age=age[0] if age else None,
            keywords=_split_keywords(keywords, ",;"),
            summary=summary,
        )
        entry = _build_entry(text, found.of(meta), header.start(), end, parts,
                             header.group().strip())
        entries.append(entry)
    return Segmented(entries=entries, kind="digest")


# --- Newsletter: themes, "Serious case review: NAME Author: ... LSCB: ... (2017)" -----------

_NEWS_REVIEWS = re.compile(r"^Serious\s+Case\s+Reviews:[ \t]*$", re.MULTILINE | re.IGNORECASE)
_NEWS_RESOURCES = re.compile(
    r"^Linked Research (?:&|and) Resources:[ \t]*$", re.MULTILINE | re.IGNORECASE
)
_NEWS_HEADER = re.compile(r"^Serious case review(?::|\s+into\b)[ \t]*(?P<rest>.*)$", re.IGNORECASE)
_NEWS_META_LINE = re.compile(r"^\**\s*(?:Authors?:|LSCB:|Published by\b)", re.IGNORECASE)
_NEWS_META_START = re.compile(r"\s*\**\s*\b(?:Authors?|LSCB):")
_NEWS_SUBJECT = re.compile(r"^services provided to\s+", re.IGNORECASE)
_NEWS_AUTHORS = re.compile(
    r"Authors?:\s*(?P<names>.+?)\s*(?=\bLSCB:|\bPublished by\b|$)", re.IGNORECASE
)
_NEWS_LSCB = re.compile(r"LSCB:\s*(?P<board>[^(]+?)\s*\((?P<date>[^)]*)\)")
_NEWS_PUBLISHED = re.compile(
    r"Published by\s+.+?\s+on behalf of\s+(?P<board>.+?)\s*\((?P<date>[^)]*)\)", re.IGNORECASE
)
_NEWS_END = re.compile(r"Full report\b", re.IGNORECASE)
_NEWS_FINDINGS = re.compile(
    r"[^.:]{0,120}\b(?:findings|issues|learning)\b[^.:]{0,40}:", re.IGNORECASE
)
_NEWS_RECOMMENDATIONS = re.compile(r"(?:\S+\s+){0,4}\S*recommend", re.IGNORECASE)
_SENTENCE_BREAK = re.compile(r"[.!?]\s+")
_RESOURCE_TITLE_END = re.compile(
    r"\.\s|\.$|:\s|\)(?=\s)|\s(?=(?:Find|Read|Full|Toolkit)\b)|\s(?=can be found\b)"
)
RESOURCE_TITLE_WORDS = 12
ITEM_TITLE_WORDS = 20  # (a list's item is a title whole: "Information sharing: Advice for ...")


class _NewsSection:
    """A "Serious Case Reviews:" or "Linked Research & Resources:" section of a newsletter."""

    def __init__(self, kind: str, theme: str, theme_span: tuple[int, int],
                 marker: tuple[int, int], start: int, end: int) -> None:
        self.kind, self.theme, self.theme_span = kind, theme, theme_span
        self.marker, self.start, self.end = marker, start, end


class _NewsEntry:
    """An entry being read line by line: header and metadata lines, then body lines.

    The header and metadata lines are kept with their offsets (``meta_lines``), so that
    what is read from them can be traced to the text."""

    def __init__(self, start: int, header: str | None, header_start: int,
                 section: _NewsSection) -> None:
        self.start, self.header, self.header_start = start, header, header_start
        self.type_span: tuple[int, int] | None = None  # "Serious case review" in the header
        self.theme, self.section = section.theme, section
        self.meta_lines: list[tuple[int, str]] = [(header_start, header)] if header else []
        self.body_start: int | None = None
        self.body_end = start
        self.closed = False

    def meta_text(self) -> tuple[str, Callable[[int], int]]:
        """The header and metadata lines joined by spaces (emphasis marks blanked), and
        a function from an offset in that text to the offset in the document."""
        joined, starts = "", []
        for offset, line in self.meta_lines:
            if joined:
                joined += " "
            starts.append((len(joined), offset))
            joined += line
        def to_text(pos: int) -> int:
            base, offset = max((s for s in starts if s[0] <= pos), default=(0, 0))
            return offset + pos - base
        return joined.replace("*", " "), to_text


def _theme_before(text: str, pos: int) -> tuple[str, int, tuple[int, int]]:
    """The theme heading (last non-blank line) before a "Serious Case Reviews:" marker,
    where its line starts, and the span of its words."""
    head = text[:pos].rstrip()
    line_start = head.rfind("\n") + 1
    return head[line_start:].strip(), line_start, trim_span(text, line_start, len(head), "")


def is_newsletter(text: str) -> bool:
    """Whether ``text`` lays its reviews out as a newsletter does, under theme headings each
    followed by "Serious Case Reviews:" (see :func:`newsletter_theme`)."""
    return _NEWS_REVIEWS.search(text) is not None


def newsletter_theme(text: str, pos: int) -> str:
    """The theme heading of the newsletter section ``pos`` is in ("Radicalisation" of its
    "Linked Research & Resources": the theme of the "Serious Case Reviews:" before them),
    or "" before any: what a resource listed there is about, where its own words do not
    say ("What the Prevent Duty Means for Schools")."""
    starts = [marker.start() for marker in _NEWS_REVIEWS.finditer(text, 0, pos)]
    return _theme_before(text, starts[-1])[0] if starts else ""


def _news_sections(text: str) -> Iterator[_NewsSection]:
    """Each "reviews" and "resources" section, in order."""
    markers = sorted(
        [("reviews", m) for m in _NEWS_REVIEWS.finditer(text)]
        + [("resources", m) for m in _NEWS_RESOURCES.finditer(text)],
        key=lambda km: km[1].start(),
    )
    themes = [
        _theme_before(text, m.start()) if kind == "reviews" else ("", m.start(), (0, 0))
        for kind, m in markers
    ]
    theme, theme_span = "", (0, 0)
    for i, (kind, m) in enumerate(markers):
        if kind == "reviews":
            theme, _, theme_span = themes[i]
        end = themes[i + 1][1] if i + 1 < len(markers) else len(text)
        marker = trim_span(text, m.start(), m.end(), ":")
        yield _NewsSection(kind, theme, theme_span, marker, m.end(), end)


def _news_entries(text: str, section: _NewsSection) -> list[_NewsEntry]:
    """Entries of one reviews section; a body after a finished entry opens a headerless one."""
    entries: list[_NewsEntry] = []
    for line_start, line_end in _lines(text, section.start, section.end):
        raw = text[line_start:line_end]
        line = raw.strip()
        if not line:
            continue
        line_offset = line_start + len(raw) - len(raw.lstrip())
        current = entries[-1] if entries else None
        if header := _NEWS_HEADER.match(line):
            entries.append(_NewsEntry(line_start, header["rest"],
                                      line_offset + header.start("rest"), section))
            entries[-1].type_span = (line_offset, line_offset + len("Serious case review"))
        elif current and current.body_start is None and _NEWS_META_LINE.match(line):
            current.meta_lines.append((line_offset, line))
        else:
            if current is None or current.closed:
                current = _NewsEntry(line_start, None, line_start, section)
                entries.append(current)
            if current.body_start is None:
                current.body_start = line_start
            current.body_end = line_end
            current.closed = bool(_NEWS_END.search(line))
    return [e for e in entries if e.body_start is not None]


def _news_body_parts(text: str, start: int, end: int) -> list[Part]:
    """The body cut where it turns to findings and to recommendations."""
    body = text[start:end]
    sentence_starts = [0] + [m.end() for m in _SENTENCE_BREAK.finditer(body)]
    findings = next((s for s in sentence_starts if _NEWS_FINDINGS.match(body, s)), None)
    recommendations = next(
        (s for s in sentence_starts
         if s > (findings or 0) and _NEWS_RECOMMENDATIONS.match(body, s)),
        None,
    )
    turns = ((findings, "Findings"), (recommendations, "Recommendations"))
    cuts = [(0, "Summary")] + [(s, name) for s, name in turns if s is not None]
    bounds = [s for s, _ in cuts[1:]] + [len(body)]
    return [(start + s, start + e, name) for (s, name), e in zip(cuts, bounds, strict=True)]


def _news_entry(text: str, item: _NewsEntry, number: int) -> Entry:
    """Metadata and blocks of one newsletter entry."""
    assert item.body_start is not None
    body = text[item.body_start : item.body_end]
    link = list(_NEWS_END.finditer(body))
    content_end = item.body_start + link[-1].start() if link else item.body_end
    parts = _news_body_parts(text, item.body_start, content_end)
    meta_text, to_text = item.meta_text()
    board = _NEWS_LSCB.search(meta_text) or _NEWS_PUBLISHED.search(meta_text)
    authors = _NEWS_AUTHORS.search(meta_text)
    found = _Sources()

    def group_span(m: re.Match[str], name: str) -> tuple[int, int]:
        start, end = m.span(name)
        return to_text(start), to_text(max(start, end - 1)) + 1

    if item.header is not None:
        subject = _NEWS_META_START.split(item.header)[0]
        start = item.header_start
        if m := _NEWS_SUBJECT.match(subject):
            start += m.end()
        title = _NEWS_SUBJECT.sub("", subject).strip(" *,")
        found.add("title", trim_span(text, start, item.header_start + len(subject), " *,"))
    elif named := _most_named_child(_flat(body)):
        title = named
        found.add("title", _words_span(text, named, item.body_start, item.body_end))
    else:
        title = _first_sentence(_flat(body))
        found.add("title", _first_sentence_span(text, item.body_start, item.body_end))
    year = None
    if board:
        found.add("area", group_span(board, "board"))
        date_start, _ = group_span(board, "date")
        if m := _YEAR.search(board["date"]):
            year = int(m.group())
            found.add("year", (date_start + m.start(), date_start + m.end()))
    if authors:
        found.add("authors", group_span(authors, "names"))
    found.add("review_type", item.type_span or item.section.marker)
    age = child_age_span(text, parts[0][0], parts[0][1])
    if age:
        found.add("child_age", age[1:])
    found.add("keywords", item.section.theme_span)
    summary_text = _flat(text[parts[0][0] : parts[0][1]])
    found.add("summary", _first_sentence_span(text, parts[0][0], parts[0][1]))
    meta = found.of(ReviewMeta(
        title=title,
        area=normalise_area(board["board"]) if board else None,
        year=year,
        review_type="serious case review",
        authors=re.split(r"\s+and\s+|,\s*", authors["names"].strip()) if authors else [],
        child_age=age[0] if age else None,
        keywords=[item.theme] if item.theme else [],
        summary=_first_sentence(summary_text),
    ))
    if item.header is not None:
        header_line = text[item.start : text.find("\n", item.start)]
        label = _NEWS_META_START.split(header_line)[0].strip(" *")
    else:
        label = f"entry {number}"
    return _build_entry(text, meta, item.start, item.body_end, parts, label)


def _resource_title(paragraph: str) -> str:
    """A resource's title: its leading link text, else its first phrase, at most a few words."""
    first_link = _LINK.match(paragraph)
    if first_link:
        return first_link.group(1).strip()
    plain = _flat(paragraph)
    cut = _RESOURCE_TITLE_END.search(plain)
    if cut:
        plain = plain[: cut.end() if cut.group() == ")" else cut.start()]
    words = plain.split()
    if len(words) > RESOURCE_TITLE_WORDS:
        return " ".join(words[:RESOURCE_TITLE_WORDS]) + "…"
    return " ".join(words)


# A line heading a list of resources in a report or a brief ("Multi-agency resources for this
# case", "Guidance on non-accidental injuries", "Further reading"): short, not a list item, not
# a sentence, nor a finding on how resourced services were ("Pressure on resources")
_LIST_HEADING = re.compile(
    r"^(?![ \t]*(?:[-*•]|\d+[.)])\s)(?![^\n]*\b(?:lack|pressures?|insufficient|limited|shortages?|"
    r"scarce|inadequate|stretched|constraints?|allocation|allocated|cuts?)\b)"
    r"[ \t]*(?:[^\n.]{0,60}\b(?:resources|further\s+reading|useful\s+links|"
    r"reading\s+list)\b[^\n.]{0,40}|guidance\s+on\b[^\n.]{0,60})[ \t]*:?[ \t]*$",
    re.IGNORECASE | re.MULTILINE)
_LIST_ITEM = re.compile(r"[ \t]*[-*•][ \t]+(\S.*)")  # (not numbered: a report's sections are)


def listed_resources(text: str) -> list[Resource]:
    """The items of each list a report or brief heads as resources, a line each ("- NSPCC
    guidance on bruising in children and physical abuse", titled by its first link's words,
    else by its own): a learning brief's "Multi-agency resources for this case", which only
    newsletters' "Linked Research & Resources" had been kept as. Blank lines may part the
    items; anything else ends the list."""
    resources: list[Resource] = []
    for heading in _LIST_HEADING.finditer(text):
        pos = heading.end()
        for line in re.finditer(r"[^\n]*", text[pos:]):
            if not line[0].strip():
                continue
            if (item := _LIST_ITEM.fullmatch(line[0])) is None:
                break
            start = pos + line.start() + item.start(1)
            end = pos + line.start() + len(line[0].rstrip())
            resources.append(Resource(title=_item_title(text[start:end]), start=start, end=end))
    return resources


def resource_theme(text: str, pos: int) -> str:
    """What the resource at ``pos`` is listed under: its newsletter section's theme (see
    :func:`newsletter_theme`), else the heading of the list it is an item of ("Guidance on
    non-accidental injuries"), else ""."""
    if theme := newsletter_theme(text, pos):
        return theme
    headings = [m for m in _LIST_HEADING.finditer(text, 0, pos)]
    if headings and _ITEMS_SO_FAR.fullmatch(text, headings[-1].end(), pos):
        return headings[-1][0].strip(" \t:")
    return ""


_ITEMS_SO_FAR = re.compile(r"(?:\s*[-*•][ \t][^\n]*)*\s*[-*•][ \t]+")


def _item_title(item: str) -> str:
    """A listed resource's title: its leading link's text, else the item itself (a list's
    items are titles: "Information sharing: Advice for practitioners ..." is not cut at its
    colon), at most ITEM_TITLE_WORDS words."""
    first_link = _LINK.match(item)
    plain = first_link.group(1) if first_link else _flat(item)
    words = plain.split()
    if len(words) > ITEM_TITLE_WORDS:
        return " ".join(words[:ITEM_TITLE_WORDS]) + "…"
    return " ".join(words)


def _paragraphs(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Spans of the blank-line separated paragraphs of ``text[start:end]``."""
    for m in re.finditer(r"\S(?:.|\n(?![ \t]*\n))*", text[start:end]):
        s, e = trim_span(text, start + m.start(), start + m.end())
        yield s, e


def parse_newsletter(text: str) -> Segmented:
    """Entries of a board newsletter: themed "Serious Case Reviews:" sections of entries,
    and "Linked Research & Resources:" sections whose items are resources, not reviews."""
    entries: list[Entry] = []
    resources: list[Resource] = []
    for section in _news_sections(text):
        if section.kind == "reviews":
            for item in _news_entries(text, section):
                entries.append(_news_entry(text, item, len(entries) + 1))
        else:
            for s, e in _paragraphs(text, section.start, section.end):
                resources.append(Resource(title=_resource_title(text[s:e]), start=s, end=e))
    return Segmented(entries=entries, resources=resources, kind="digest")


# --- Markdown digest: "## 3. Report of the serious case review regarding Child V" -----------

_MD_HEADING = re.compile(
    r"^(?:(?P<hashes>#{1,6})[ \t]+)?(?:(?P<number>\d+)\.[ \t]+)?(?P<title>[^\n]*\breview\b[^\n]*)$",
    re.MULTILINE | re.IGNORECASE,
)
_MD_DOC_TITLE = re.compile(r"^#[ \t]+[^\n]*?\b(?P<year>(?:19|20)\d\d)\b", re.MULTILINE)
_MD_LEARNING = re.compile(r"^\**Learning (?:themes include|considers):\**\s*", re.IGNORECASE)
_MD_RECOMMENDATIONS = re.compile(r"^\**Recommendations\b", re.IGNORECASE)
_MD_OTHER = re.compile(r"^Other resources\b", re.IGNORECASE)
_MD_TYPE = re.compile(
    r"(?:local\s+)?(?:child\s+)?safeguarding\s+(?:children\s+)?practice\s+review"
    r"|serious case review|thematic review",
    re.IGNORECASE,
)
_MD_COMMISSIONER = re.compile(r"\bcommissioned by\s+(?P<area>.+?)\s+[-–]\s", re.IGNORECASE)
_MD_SUBJECT = re.compile(r"\b(?:concerning|regarding)\s+(?P<subject>.+)$", re.IGNORECASE)
_MD_THEMATIC = re.compile(
    r"\bexamines\b.*?\bin the (?P<area>[\w ]+?) area,?\s+to (?P<subject>.+)$", re.IGNORECASE
)


Spans = dict[str, tuple[int, int]]


def _md_heading_meta(title: str) -> tuple[str, str | None, str | None, Spans]:
    """Subject, area and review type named by an entry's heading, and the spans (in
    ``title``) of the words that name each."""
    spans: Spans = {}
    kind = _MD_TYPE.search(title)
    if kind:
        spans["review_type"] = kind.span()
    area = None
    if m := _MD_COMMISSIONER.search(title):
        area = normalise_area(m["area"])
        spans["area"] = m.span("area")
    if m := _MD_SUBJECT.search(title):
        subject = m["subject"]
        spans["title"] = trim_span(title, *m.span("subject"), ".*")
    elif m := _MD_THEMATIC.search(title):
        area = normalise_area(m["area"])
        spans["area"] = m.span("area")
        subject = f"{m['subject'][0].upper()}{m['subject'][1:]} ({area})"
        spans["title"] = (m.start("area"), trim_span(title, *m.span("subject"), ".*")[1])
    else:
        subject = title.rsplit(": ", 1)[-1]
        spans["title"] = trim_span(title, len(title) - len(subject), len(title), ".*")
    return subject.strip(" .*"), area, kind.group().lower() if kind else None, spans


def _md_parts(text: str, start: int, end: int) -> tuple[list[Part], int]:
    """Summary, learning and recommendations paragraphs, and where the entry ends.

    A paragraph that opens no field continues the previous one (a paragraph broken in
    mid-sentence); the "Other resources" link line ends the entry and is not content.
    """
    parts: list[Part] = []
    entry_end = start
    for s, e in _paragraphs(text, start, end):
        paragraph = text[s:e]
        if _MD_OTHER.match(paragraph):
            return parts, e
        if _MD_LEARNING.match(paragraph):
            parts.append((s, e, "Learning"))
        elif _MD_RECOMMENDATIONS.match(paragraph):
            parts.append((s, e, "Recommendations"))
        elif parts:
            parts[-1] = (parts[-1][0], e, parts[-1][2])
        else:
            parts.append((s, e, "Summary"))
        entry_end = e
    return parts, entry_end


def parse_markdown_digest(text: str) -> Segmented:
    """Entries of a Markdown repository digest: numbered review headings (with or without
    "#"), each followed by a summary, "Learning themes include:" and recommendations."""
    headings = [m for m in _MD_HEADING.finditer(text) if m["hashes"] or m["number"]]
    doc_title = _MD_DOC_TITLE.search(text)
    year = int(doc_title["year"]) if doc_title else None
    entries = []
    for i, heading in enumerate(headings):
        region_end = headings[i + 1].start() if i + 1 < len(headings) else len(text)
        parts, end = _md_parts(text, heading.end(), region_end)
        fields = {name: text[s:e] for s, e, name in parts}
        spans = {name: (s, e) for s, e, name in parts}
        if "Learning" not in fields:
            continue
        subject, area, kind, in_heading = _md_heading_meta(_flat(heading["title"]))
        summary = _flat(fields.get("Summary", ""))
        found = _Sources()
        if _flat(heading["title"]) == heading["title"]:  # the spans are the heading's own
            base = heading.start("title")
            for name, (s, e) in in_heading.items():
                found.add(name, (base + s, base + e))
        else:  # links or emphasis in the heading: its whole line states them
            for name in in_heading:
                found.add(name, heading.span("title"))
        if doc_title:
            found.add("year", doc_title.span("year"))
        age = child_age_span(text, *spans["Summary"]) if "Summary" in spans else None
        if age:
            found.add("child_age", age[1:])
        found.add("keywords", spans["Learning"])
        found.add("summary", spans.get("Summary"))
        meta = found.of(ReviewMeta(
            title=subject,
            area=area,
            year=year,
            review_type=kind,
            child_age=age[0] if age else None,
            keywords=_theme_heads(_MD_LEARNING.sub("", _flat(fields["Learning"]))),
            summary=summary or None,
        ))
        label = heading.group().lstrip("#").strip()
        entries.append(_build_entry(text, meta, heading.start(), end, parts, label))
    return Segmented(entries=entries, kind="digest")


PARSERS: tuple[Callable[[str], Segmented], ...] = (
    parse_nspcc_list,
    parse_newsletter,
    parse_markdown_digest,
)


def parse_digest(text: str) -> Segmented | None:
    """The entries of a digest, by whichever parser recognises the most; None if not a digest."""
    best = max((parser(text) for parser in PARSERS), key=lambda seg: len(seg.entries))
    return best if len(best.entries) >= MIN_ENTRIES else None
