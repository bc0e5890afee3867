"""Digest parsing on the real sample corpus, both as extracted and as cleaned by repair_text.

Expected values come from reading the documents: entry counts are counted by independent
markers in the raw files (each NSPCC entry ends "Read the overview report"; the newsletter's
entries each end "Full report Here"), titles and metadata are as printed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from reviewqa.corpus.digests import child_age, parse_digest
from reviewqa.corpus.repair import repair_text
from reviewqa.corpus.types import Entry, Segmented

DATA = Path(__file__).resolve().parent.parent / "corpus" / "data"
NSPCC = "nspcc-2018-case-reviews-published-in-2018.txt"
NEWSLETTER = "south-gloucestershire-2017-news-and-research-q2.txt"
TORBAY = "torbay-2024-nspcc-repository-january.txt"
REPORT = "bedford-borough-2017-baby-sama-scr-overview-report.txt"
BRIEF = "bradford-2018-sameer-learning-brief.txt"
CHILD_S = "Serious case review into services provided to Child S and Family"


# What starts an entry in each format, as a reader sees it.
HEADER_LINE = {
    NSPCC: re.compile(r"(?:19|20)\d\d\s*[-–]"),
    NEWSLETTER: re.compile(r"Serious case review", re.IGNORECASE),
    TORBAY: re.compile(r"#|\d+\.\s"),
}


def _raw(text: str) -> str:
    return text


VARIANTS: dict[str, Callable[[str], str]] = {"raw": _raw, "repaired": repair_text}


@pytest.fixture(params=list(VARIANTS), scope="module")
def prepare(request: pytest.FixtureRequest) -> Callable[[str], str]:
    return VARIANTS[request.param]


def load(name: str, prepare: Callable[[str], str]) -> tuple[str, Segmented]:
    text = prepare((DATA / name).read_text(encoding="utf-8"))
    segmented = parse_digest(text)
    assert segmented is not None, name
    return text, segmented


def by_label(segmented: Segmented, label: str) -> Entry:
    (entry,) = [e for e in segmented.entries if e.label == label]
    return entry


def blocks_text(text: str, entry: Entry) -> dict[str, str]:
    return {b.label or "": " ".join(text[b.start : b.end].split()) for b in entry.blocks}


def test_entry_counts_match_the_documents_own_markers(prepare):
    raw_nspcc = (DATA / NSPCC).read_text(encoding="utf-8")
    assert len(re.findall(r"^>\s*Read the overview report", raw_nspcc, re.MULTILINE)) == 68
    assert len(load(NSPCC, prepare)[1].entries) == 68
    assert len(load(TORBAY, prepare)[1].entries) == 6
    # The newsletter ends each of its 19 reviews, and one resource, with "Full report Here".
    text, news = load(NEWSLETTER, prepare)
    full_report = re.compile(r"Full report", re.IGNORECASE)
    assert len(full_report.findall(text)) == 20
    assert [len(full_report.findall(text, e.start, e.end)) for e in news.entries] == [1] * 19
    (in_resource,) = [r for r in news.resources if full_report.search(text, r.start, r.end)]
    assert in_resource.title == "How Safe Are our Children"


@pytest.mark.parametrize("name", [REPORT, BRIEF])
def test_single_review_documents_are_not_digests(name, prepare):
    assert parse_digest(prepare((DATA / name).read_text(encoding="utf-8"))) is None


@pytest.mark.parametrize("name", [NSPCC, NEWSLETTER, TORBAY])
def test_entries_and_blocks_are_ordered_nested_and_disjoint(name, prepare):
    text, segmented = load(name, prepare)
    entries = segmented.entries
    for entry, following in zip(entries, entries[1:], strict=False):
        assert entry.end <= following.start
    for entry in entries:
        assert entry.blocks, entry.label
        assert entry.start <= entry.blocks[0].start
        assert entry.blocks[-1].end <= entry.end
        for block, following in zip(entry.blocks, entry.blocks[1:], strict=False):
            assert block.start < block.end <= following.start
        # An entry never swallows another entry's heading.
        lines = text[entry.start : entry.end].splitlines()[1:]
        assert not [line for line in lines if HEADER_LINE[name].match(line)], entry.label


def test_nspcc_headers_in_every_dash_style(prepare):
    _text, segmented = load(NSPCC, prepare)
    labels = [e.label for e in segmented.entries]
    assert labels[0] == "2018 - Anonymous - Charlie and Sam"
    assert labels[-1] == "2017 - Warwickshire – Child T"
    assert sum(e.meta.year == 2018 for e in segmented.entries) == 13
    glued = by_label(segmented, "2017-Anonymous-Child Y")
    assert (glued.meta.title, glued.meta.area, glued.meta.year) == ("Child Y", None, 2017)
    half_glued = by_label(segmented, "2018 – Wolverhampton- Child G")
    assert (half_glued.meta.title, half_glued.meta.area) == ("Child G", "Wolverhampton")
    no_child = by_label(segmented, "2018 – City of London and Hackney")
    assert no_child.meta.area == "City of London and Hackney"
    assert no_child.meta.title == "Child M"  # the incident line names "(Child M)"
    board = by_label(segmented, "2018 – Greenwich Safeguarding Children Board – W family")
    assert (board.meta.area, board.meta.title) == ("Greenwich", "W family")
    child = "Shi-Anne Downer [birth name]: AKA Keegan Downer"
    assert by_label(segmented, f"2017 – Birmingham – {child}").meta.title == child
    scottish = by_label(segmented, "2017 – Edinburgh – The Sexual abuse of children in care")
    assert scottish.meta.review_type == "significant case review"


def test_nspcc_child_k_metadata_and_fields(prepare):
    text, segmented = load(NSPCC, prepare)
    entry = by_label(segmented, "2017 – Rochdale – Child K")
    meta = entry.meta
    assert (meta.title, meta.area, meta.year) == ("Child K", "Rochdale", 2017)
    assert meta.review_type == "serious case review"
    assert meta.keywords == [
        "sudden infant death", "drowning", "infant death", "partner violence", "maternal depression"
    ]
    assert meta.summary is not None
    assert meta.summary.startswith("Death of a baby girl, Child K, who drowned")
    fields = blocks_text(text, entry)
    assert list(fields) == [
        "Summary", "Background", "Learning", "Recommendations", "Model", "Keywords"
    ]
    assert fields["Summary"] == meta.summary
    assert fields["Model"] == "Model: Rochdale Borough Safeguarding Children Board Systems Model."
    assert all(b.section == b.label for b in entry.blocks)
    assert "Read the overview report" in text[entry.start : entry.end]
    assert "Read the overview report" not in "".join(fields.values())


def test_nspcc_keywords_kept_as_printed_and_ages_from_the_incident(prepare):
    _, segmented = load(NSPCC, prepare)
    typo = by_label(segmented, "2018 - Anonymous- Children F, G and H")
    assert "discguised compliance" in typo.meta.keywords
    semicolons = by_label(segmented, "2017 – Anonymous - Considering child sexual exploitation")
    assert semicolons.meta.keywords == [
        "alcohol misuse", "child sexual exploitation", "grooming", "harmful sexual behaviour",
        "runaway adolescents",
    ]
    ages = {
        "2018 – Anonymous - Emily": "3 months",
        "2018 – Anonymous – Child Z": "13 years",
        "2018 – Sunderland – Baby A": "20 days",
        "2018 – Croydon – Joe": "2 years 11 months",
        "2018 - Dorset - Child M": "2 1/2 years",
        "2017-Anonymous-Child Y": None,  # "a teenage boy": no age stated
    }
    assert {label: by_label(segmented, label).meta.child_age for label in ages} == ages


def test_nspcc_year_heading_between_lists_belongs_to_no_entry(prepare):
    text, segmented = load(NSPCC, prepare)
    last_2018 = by_label(segmented, "2018 – Wolverhampton- Child G")
    assert "Case reviews published in 2017" not in text[last_2018.start : last_2018.end]
    assert last_2018.meta.keywords[-1] == "unknown men"


def test_newsletter_headers_metadata_in_odd_orders(prepare):
    _, segmented = load(NEWSLETTER, prepare)
    child_k = by_label(segmented, "Serious case review: Child K")
    assert child_k.meta.authors == ["James Blewett"]
    assert (child_k.meta.area, child_k.meta.year) == ("Rochdale", 2017)
    assert child_k.meta.keywords == ["Domestic Abuse"]
    child_b = [e.meta for e in segmented.entries if e.label == "Serious case review: Child B"]
    assert [(m.area, m.year, m.authors) for m in child_b] == [
        ("Camden", 2016, ["Keith Ibbetson"]),  # "Author: ... LSCB: ..." on the next line
        ("Staffordshire", 2017, ["Mick Muir"]),  # "*Author: ...* *LSCB: ...*" on the header line
    ]
    herts = by_label(segmented, "Serious case review: Child A")
    assert herts.meta.authors == ["Jane Wiffin", "Dave Peplow"]
    assert (herts.meta.area, herts.meta.year) == ("Hertfordshire", 2016)
    assert herts.meta.child_age == "8 years"  # "aged eight"
    bucks = by_label(segmented, "Serious case review: Child Sexual Exploitation 1998 - 2016")
    assert (bucks.meta.area, bucks.meta.year) == ("Buckinghamshire", 2017)
    assert bucks.meta.authors == ["Eleanor Stobart"]
    martin = by_label(segmented, "Serious case review: Martin")  # "an unnamed London ... board"
    assert (martin.meta.area, martin.meta.year) == (None, 2017)
    assert martin.meta.authors == ["Jane Wonnacott"]
    child_s = by_label(segmented, CHILD_S)
    assert (child_s.meta.area, child_s.meta.year) == ("Waltham Forest", 2017)
    assert all(e.meta.review_type == "serious case review" for e in segmented.entries)


def test_newsletter_theme_broken_over_two_lines_still_names_its_entries(prepare):
    _, segmented = load(NEWSLETTER, prepare)
    child_m = by_label(segmented, "Serious case review: Child M")
    assert child_m.meta.keywords == ["Neglect"]
    assert child_m.meta.child_age == "6 years"


def test_newsletter_entry_without_header_is_child_j(prepare):
    text, segmented = load(NEWSLETTER, prepare)
    child_m, child_j = segmented.entries[-2:]
    assert child_m.label == "Serious case review: Child M"
    assert child_j.meta.title == "Child J"
    assert (child_j.meta.area, child_j.meta.year) == (None, None)
    assert child_j.meta.keywords == ["Neglect"]
    body = text[child_j.start : child_j.end]
    assert body.startswith("Death of a 7-year-old girl in July 2014.")
    assert "Special Guardianship Order" in body
    assert "Child M" not in body and child_m.end < child_j.start
    assert child_j.meta.child_age == "7 years"


def test_newsletter_body_split_into_summary_findings_recommendations(prepare):
    text, segmented = load(NEWSLETTER, prepare)
    fields = blocks_text(text, by_label(segmented, "Serious case review: Child K"))
    assert list(fields) == ["Summary", "Findings", "Recommendations"]
    assert fields["Findings"].startswith("Issues identified include: poor decision-making by")
    assert fields["Recommendations"].startswith("Recommendations include: the LSCB to conduct")
    for entry in segmented.entries:
        assert "full report" not in " ".join(blocks_text(text, entry).values()).lower()


def test_newsletter_paragraph_split_mid_sentence_stays_in_one_entry(prepare):
    text, segmented = load(NEWSLETTER, prepare)
    jack = by_label(segmented, "Serious case review: Jack")
    summary = blocks_text(text, jack)["Summary"]
    assert "sought help from the family GP." in summary
    findings = blocks_text(text, by_label(segmented, CHILD_S))["Findings"]
    assert "transferring information between areas; hidden men;" in findings


def test_newsletter_resources_are_not_reviews(prepare):
    text, segmented = load(NEWSLETTER, prepare)
    titles = [r.title for r in segmented.resources]
    assert len(titles) == 24
    assert "Domestic Abuse Recovering Together (DART)" in titles
    assert "Children living with domestic abuse" in titles
    assert "Safeguarding and Radicalisation (DfE)" in titles
    assert not any("DART" in text[e.start : e.end] for e in segmented.entries)
    for resource in segmented.resources:
        assert all(resource.end <= e.start or e.end <= resource.start for e in segmented.entries)


def test_markdown_digest_titles_with_and_without_headings(prepare):
    text, segmented = load(TORBAY, prepare)
    assert [e.meta.title for e in segmented.entries] == [
        "Child A",
        "Babies who sustained injuries",
        "Child V",
        "Keeping young people safe from risks related to exploitation, violent youth crime"
        " and gang associations (Luton)",
        "Samuel, Shay, and Joy",
        "C101",
    ]
    assert [e.meta.area for e in segmented.entries] == ["Bradford", None, None, "Luton", None, None]
    assert [e.meta.review_type for e in segmented.entries] == [
        "local child safeguarding practice review",
        "thematic review",
        "serious case review",
        "child safeguarding practice review",
        "local child safeguarding practice review",
        "safeguarding children practice review",
    ]
    assert {e.meta.year for e in segmented.entries} == {2024}
    luton = segmented.entries[3]
    assert luton.label.startswith("4. Child safeguarding practice review report: thematic review")
    assert text[luton.start : luton.end].startswith("4. Child safeguarding practice review report")
    assert luton.meta.child_age == "16 years"


def test_markdown_digest_fields_and_learning_themes(prepare):
    text, segmented = load(TORBAY, prepare)
    child_a = segmented.entries[0]
    assert child_a.meta.keywords[:2] == [
        "identifying and assessing neglect",
        "thresholds for intervention for child protection enquiries",
    ]
    assert child_a.meta.keywords[-1] == "impact of Covid-19 on service delivery"
    for entry in segmented.entries:
        fields = blocks_text(text, entry)
        assert list(fields) == ["Summary", "Learning", "Recommendations"]
        assert "Other resources" not in " ".join(fields.values())
    babies_learning = blocks_text(text, segmented.entries[1])["Learning"]
    assert "the partner of a mother who lives with, or spends a lot of time" in babies_learning
    assert "Portsmouth" not in babies_learning


@pytest.mark.parametrize(
    ("phrase", "age"),
    [
        ("Serious injury of a nine-week-old girl", "9 weeks"),
        ("Death of a girl aged 2 years-and-four-months in June 2015", "2 years 4 months"),
        ("Death of a boy aged less than 1 year from unknown causes", "less than 1 year"),
        ("Subdural haematoma suffered by Chris, a baby under 6 months old", "under 6 months"),
        ("Death of an 18 month-old-girl from a white British", "18 months"),
        ("Neglect of three siblings aged 0-1, 5 and 3 years", None),
    ],
)
def test_child_age_phrasings_from_the_corpus(phrase, age):
    assert child_age(phrase) == age


def _said(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


@pytest.mark.parametrize("name", [NSPCC, NEWSLETTER, TORBAY])
def test_every_entry_field_has_the_span_that_states_it(name, prepare):
    text, segmented = load(name, prepare)
    for entry in segmented.entries:
        meta = entry.meta
        for field_name in ("title", "area", "year", "review_type", "authors", "child_age",
                           "keywords", "summary"):
            value = getattr(meta, field_name)
            if not value:
                assert field_name not in meta.sources, (entry.label, field_name)
                continue
            source = meta.sources[field_name]
            assert source.origin == "text" and source.start < source.end
            span = text[source.start : source.end]
            if field_name == "child_age":
                assert child_age(span) == value, (entry.label, span)
                continue
            for item in value if isinstance(value, list) else [value]:
                for word in re.findall(r"[a-z0-9]+", str(item).lower()):
                    assert re.search(rf"\b{word}s?\b", _said(span)), (entry.label, field_name,
                                                                        item, span)


def test_nspcc_sources_point_at_the_header_and_the_lists_own_words(prepare):
    text, segmented = load(NSPCC, prepare)
    child_k = by_label(segmented, "2017 – Rochdale – Child K").meta
    spans = {name: text[s.start : s.end] for name, s in child_k.sources.items()}
    assert (spans["title"], spans["area"], spans["year"]) == ("Child K", "Rochdale", "2017")
    # The type is the kind the 2017 list's introduction says it holds, for an English area.
    assert spans["review_type"] == "serious case reviews"
    intro = text.index("Case reviews published in 2017")
    assert child_k.sources["review_type"].start > intro
    edinburgh = by_label(segmented, "2017 – Edinburgh – The Sexual abuse of children in care")
    source = edinburgh.meta.sources["review_type"]
    assert text[source.start : source.end] == "significant case reviews"
    # An entry without a child in its header takes the pseudonym its incident line names.
    city = by_label(segmented, "2018 – City of London and Hackney").meta
    assert text[city.sources["title"].start : city.sources["title"].end] == "Child M"
    assert city.sources["title"].start > text.index("2018 – City of London and Hackney")
    anonymous = by_label(segmented, "2017-Anonymous-Child Y").meta
    assert anonymous.area is None and "area" not in anonymous.sources


def test_a_list_that_does_not_say_what_it_holds_gives_no_type():
    text = (DATA / NSPCC).read_text(encoding="utf-8")
    intro = ("A chronological list of the executive summaries or full overview reports of serious "
             "case reviews, significant case reviews or multi-agency child practice reviews")
    assert intro in text
    unsaid = text.replace(intro, "A chronological list of reports")
    segmented = parse_digest(unsaid)
    assert segmented is not None and len(segmented.entries) == 68
    assert all(e.meta.review_type is None for e in segmented.entries)
    assert all("review_type" not in e.meta.sources for e in segmented.entries)


def test_newsletter_sources_include_metadata_lines_and_themes(prepare):
    text, segmented = load(NEWSLETTER, prepare)
    child_b = [e.meta for e in segmented.entries if e.label == "Serious case review: Child B"]
    for meta, board, author in zip(child_b, ("Camden", "Staffordshire"),
                                   ("Keith Ibbetson", "Mick Muir"), strict=True):
        spans = {name: text[s.start : s.end] for name, s in meta.sources.items()}
        assert board in spans["area"] and spans["authors"] == author
        assert spans["title"] == "Child B" and [spans["keywords"]] == meta.keywords
    child_j = segmented.entries[-1].meta
    spans = {name: text[s.start : s.end] for name, s in child_j.sources.items()}
    assert spans["title"] == "Child J" and spans["keywords"] == "Neglect"
    assert " ".join(spans["review_type"].split()) == "Serious Case Reviews"  # its section


def test_markdown_digest_sources_are_in_the_headings(prepare):
    text, segmented = load(TORBAY, prepare)
    luton = segmented.entries[3].meta
    spans = {name: text[s.start : s.end] for name, s in luton.sources.items()}
    assert spans["area"] == "Luton"
    assert spans["title"].startswith("Luton area, to keeping young people safe")
    assert spans["review_type"] == "Child safeguarding practice review"
    assert spans["year"] == "2024" and luton.sources["year"].start < text.index("##")
