"""Cutting digests (lists and newsletters that summarise many reviews) into one entry per review.

Each digest format has its own small parser; all return a :class:`Segmented` whose entries
carry the review's metadata as the digest states it and blocks for the digest's own fields
(summary, learning, recommendations...), so that chunks follow the fields and never span two
reviews. :func:`parse_digest` runs every parser and keeps the one that recognises the most
entries; a text in which no parser finds two entries is not a digest.

The parsers work on cleaned text (see ``repair.py``) and on raw text alike: they accept
Markdown links or their bare text, and paragraphs broken in mid-sentence.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator

from reviewqa.corpus.identity import normalise_area
from reviewqa.corpus.types import Block, Entry, Resource, ReviewMeta, Segmented, trim_span

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
    found = [m for pattern in _AGE_PATTERNS if (m := pattern.search(text))]
    if not found:
        return None
    m = min(found, key=lambda match: match.start())
    groups = m.groupdict()
    age = _age_part(groups["n1"], groups.get("u1"))
    if groups.get("n2"):
        age += " " + _age_part(groups["n2"], groups["u2"])
    qualifier = (groups.get("q") or "").strip().lower()
    return f"{qualifier} {age}" if qualifier else age


def _most_named_child(text: str) -> str | None:
    """The pseudonym ("Child J") named most often in a text, first-named on a tie."""
    names = Counter(m.group() for m in _CHILD_NAME.finditer(text))
    return names.most_common(1)[0][0] if names else None


def _first_year(text: str) -> int | None:
    m = _YEAR.search(text)
    return int(m.group()) if m else None


def _first_sentence(text: str) -> str:
    flat = " ".join(text.split())
    m = _FIRST_SENTENCE.match(flat)
    return m.group() if m else flat


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


def _nation_review_type(area: str | None) -> str:
    """The review type of the NSPCC list's three kinds that the area's nation uses."""
    if area in _SCOTTISH_AREAS:
        return "significant case review"
    if area in _WELSH_AREAS:
        return "child practice review"
    return "serious case review"


def _split_header(rest: str) -> tuple[str, str | None]:
    """Area and child of "AREA – CHILD", whatever the dash style ("Anonymous-Child Y")."""
    m = _SPACED_DASH.search(rest) or re.search("-", rest)
    if not m:
        return rest.strip(), None
    return rest[: m.start()].strip(), rest[m.end() :].strip() or None


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
    """Entries of the NSPCC list: header "YEAR – AREA – CHILD", incident line, fields."""
    headers = list(_NSPCC_HEADER.finditer(text))
    entries = []
    for i, header in enumerate(headers):
        region_end = headers[i + 1].start() if i + 1 < len(headers) else len(text)
        parts, end = _nspcc_parts(text, header.end(), region_end)
        if not any(name != "Summary" for *_, name in parts):
            continue
        fields = {name: _flat(text[s:e]) for s, e, name in parts}
        summary = fields.get("Summary")
        area_printed, child = _split_header(header["rest"])
        area = normalise_area(area_printed)
        keywords = fields.get("Keywords", "").removeprefix("Keywords:")
        meta = ReviewMeta(
            title=child or (summary and _most_named_child(summary)) or area_printed,
            area=area,
            year=int(header["year"]),
            review_type=_nation_review_type(area),
            child_age=child_age(summary) if summary else None,
            keywords=_split_keywords(keywords, ",;"),
            summary=summary,
        )
        entries.append(_build_entry(text, meta, header.start(), end, parts, header.group().strip()))
    return Segmented(entries=entries)


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


class _NewsEntry:
    """An entry being read line by line: header and metadata lines, then body lines."""

    def __init__(self, start: int, header: str | None, theme: str) -> None:
        self.start, self.header, self.theme = start, header, theme
        self.meta_text = header or ""
        self.body_start: int | None = None
        self.body_end = start
        self.closed = False


def _theme_before(text: str, pos: int) -> tuple[str, int]:
    """The theme heading (last non-blank line) before a "Serious Case Reviews:" marker."""
    head = text[:pos].rstrip()
    line_start = head.rfind("\n") + 1
    return head[line_start:].strip(), line_start


def _news_sections(text: str) -> Iterator[tuple[str, str, int, int]]:
    """(kind, theme, start, end) of each "reviews" and "resources" section, in order."""
    markers = sorted(
        [("reviews", m) for m in _NEWS_REVIEWS.finditer(text)]
        + [("resources", m) for m in _NEWS_RESOURCES.finditer(text)],
        key=lambda km: km[1].start(),
    )
    themes = [
        _theme_before(text, m.start()) if kind == "reviews" else ("", m.start())
        for kind, m in markers
    ]
    theme = ""
    for i, (kind, m) in enumerate(markers):
        if kind == "reviews":
            theme = themes[i][0]
        end = themes[i + 1][1] if i + 1 < len(markers) else len(text)
        yield kind, theme, m.end(), end


def _news_entries(text: str, theme: str, start: int, end: int) -> list[_NewsEntry]:
    """Entries of one reviews section; a body after a finished entry opens a headerless one."""
    entries: list[_NewsEntry] = []
    for line_start, line_end in _lines(text, start, end):
        line = text[line_start:line_end].strip()
        if not line:
            continue
        current = entries[-1] if entries else None
        if header := _NEWS_HEADER.match(line):
            entries.append(_NewsEntry(line_start, header["rest"], theme))
        elif current and current.body_start is None and _NEWS_META_LINE.match(line):
            current.meta_text += " " + line
        else:
            if current is None or current.closed:
                current = _NewsEntry(line_start, None, theme)
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
    return [(start + s, start + e, name) for (s, name), e in zip(cuts, bounds)]


def _news_entry(text: str, item: _NewsEntry, number: int) -> Entry:
    """Metadata and blocks of one newsletter entry."""
    assert item.body_start is not None
    body = text[item.body_start : item.body_end]
    link = list(_NEWS_END.finditer(body))
    content_end = item.body_start + link[-1].start() if link else item.body_end
    parts = _news_body_parts(text, item.body_start, content_end)
    meta_text = item.meta_text.replace("*", " ")
    board = _NEWS_LSCB.search(meta_text) or _NEWS_PUBLISHED.search(meta_text)
    authors = _NEWS_AUTHORS.search(meta_text)
    if item.header is not None:
        title = _NEWS_SUBJECT.sub("", _NEWS_META_START.split(item.header)[0]).strip(" *,")
    else:
        title = _most_named_child(_flat(body)) or _first_sentence(_flat(body))
    summary_text = _flat(text[parts[0][0] : parts[0][1]])
    meta = ReviewMeta(
        title=title,
        area=normalise_area(board["board"]) if board else None,
        year=_first_year(board["date"]) if board else None,
        review_type="serious case review",
        authors=re.split(r"\s+and\s+|,\s*", authors["names"].strip()) if authors else [],
        child_age=child_age(summary_text),
        keywords=[item.theme] if item.theme else [],
        summary=_first_sentence(summary_text),
    )
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


def _paragraphs(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Spans of the blank-line separated paragraphs of ``text[start:end]``."""
    for m in re.finditer(r"\S(?:.|\n(?![ \t]*\n))*", text[start:end]):
        s, e = trim_span(text, start + m.start(), start + m.end())
        yield s, e


def parse_newsletter(text: str) -> Segmented:
    """Entries of a board newsletter: themed "Serious Case Reviews:" sections of entries,
    and "Linked Research & Resources:" sections whose items are resources, not reviews."""
    entries, resources = [], []
    for kind, theme, start, end in _news_sections(text):
        if kind == "reviews":
            for item in _news_entries(text, theme, start, end):
                entries.append(_news_entry(text, item, len(entries) + 1))
        else:
            for s, e in _paragraphs(text, start, end):
                resources.append(Resource(title=_resource_title(text[s:e]), start=s, end=e))
    return Segmented(entries=entries, resources=resources)


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


def _md_heading_meta(title: str) -> tuple[str, str | None, str | None]:
    """Subject, area and review type named by an entry's heading."""
    kind = _MD_TYPE.search(title)
    area = None
    if m := _MD_COMMISSIONER.search(title):
        area = normalise_area(m["area"])
    if m := _MD_SUBJECT.search(title):
        subject = m["subject"]
    elif m := _MD_THEMATIC.search(title):
        area = normalise_area(m["area"])
        subject = f"{m['subject'][0].upper()}{m['subject'][1:]} ({area})"
    else:
        subject = title.rsplit(": ", 1)[-1]
    return subject.strip(" .*"), area, kind.group().lower() if kind else None


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
        if "Learning" not in fields:
            continue
        subject, area, kind = _md_heading_meta(_flat(heading["title"]))
        summary = _flat(fields.get("Summary", ""))
        meta = ReviewMeta(
            title=subject,
            area=area,
            year=year,
            review_type=kind,
            child_age=child_age(summary),
            keywords=_theme_heads(_MD_LEARNING.sub("", _flat(fields["Learning"]))),
            summary=summary or None,
        )
        label = heading.group().lstrip("#").strip()
        entries.append(_build_entry(text, meta, heading.start(), end, parts, label))
    return Segmented(entries=entries)


PARSERS: tuple[Callable[[str], Segmented], ...] = (
    parse_nspcc_list,
    parse_newsletter,
    parse_markdown_digest,
)


def parse_digest(text: str) -> Segmented | None:
    """The entries of a digest, by whichever parser recognises the most; None if not a digest."""
    best = max((parser(text) for parser in PARSERS), key=lambda seg: len(seg.entries))
    return best if len(best.entries) >= MIN_ENTRIES else None
