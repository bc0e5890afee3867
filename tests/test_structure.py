"""Structure of single-review documents: the repaired Baby Sama report and the Sameer
learning brief from the sample corpus, and a small synthetic report."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import make_report_pdf

from reviewqa.corpus.repair import repair_text
from reviewqa.corpus.structure import (
    SECTION_SEPARATOR,
    document_meta,
    infer_meta,
    parse_single,
    review_evidence,
    review_types_named,
)
from reviewqa.corpus.types import PAGE_BREAK, Entry, FieldSource, ReviewMeta

DATA = Path(__file__).resolve().parents[1] / "corpus" / "data"
SAMA = DATA / "bedford-borough-2017-baby-sama-scr-overview-report.txt"
SAMEER = DATA / "bradford-2018-sameer-learning-brief.txt"


def parsed(path: Path) -> tuple[str, Entry]:
    text = repair_text(path.read_text(encoding="utf-8"))
    return text, parse_single(text, ReviewMeta(title=path.stem), label="report")


@pytest.fixture(scope="module")
def sama() -> tuple[str, Entry]:
    return parsed(SAMA)


@pytest.fixture(scope="module")
def sameer() -> tuple[str, Entry]:
    return parsed(SAMEER)


def block_text(text: str, entry: Entry, label: str) -> str:
    found = [text[b.start:b.end] for b in entry.blocks if b.label == label]
    assert found, label
    return found[0]


def assert_well_formed(text: str, entry: Entry) -> None:
    """Blocks in order, not overlapping, inside the entry, each holding words; and every
    line of text is in a block or is a heading named in a block's section."""
    assert (entry.start, entry.end) == (0, len(text))
    previous_end = 0
    for block in entry.blocks:
        assert previous_end <= block.start < block.end <= len(text)
        assert text[block.start:block.end].strip() == text[block.start:block.end]
        assert not text[block.start:block.end].startswith(PAGE_BREAK)
        previous_end = block.end
    covered = [False] * len(text)
    for block in entry.blocks:
        covered[block.start:block.end] = [True] * (block.end - block.start)
    sections = {part for block in entry.blocks for part in block.section.split(SECTION_SEPARATOR)}
    for match in re.finditer(r"[^\n]+", text):
        line = match.group().strip(" " + PAGE_BREAK)
        if line and not any(covered[match.start():match.end()]):
            words = re.sub(r"^\d+(?:\.\d+)+\s+", "", line).rstrip(" .:-")
            assert words in sections, f"dropped: {line!r}"


def test_sama_blocks_are_well_formed_and_cover_the_text(sama: tuple[str, Entry]) -> None:
    text, entry = sama
    assert entry.label == "report"
    assert len(entry.blocks) > 150
    assert_well_formed(text, entry)


def test_sama_numbered_paragraphs_are_blocks(sama: tuple[str, Entry]) -> None:
    text, entry = sama
    # The source: "2.72 The BBSCB Escalation Policy stipulates that if Senior Managers are
    # unable to resolve the" / blank line / "issue then consideration must be given ...".
    assert block_text(text, entry, "2.72").startswith(
        "The BBSCB Escalation Policy stipulates that if Senior Managers are unable to resolve "
        "the issue then consideration must be given")
    assert "In October 2015 the mother and father of Sama" in block_text(text, entry, "1.3")
    assert block_text(text, entry, "2.17").startswith("The delay in finalising the pre-birth")


def test_sama_every_numbered_paragraph_of_the_source_is_a_block_or_heading(
        sama: tuple[str, Entry]) -> None:
    text, entry = sama
    source = SAMA.read_text(encoding="utf-8")
    labelled = {b.label for b in entry.blocks}
    headings = set(re.findall(r"^(\d\.\d{1,2}) .*$", text, re.M)) - labelled
    for label in re.findall(r"^ ?(\d\.\d{1,2}) +\S", source, re.M):
        assert label in labelled or label in headings, label
    # Headings are short titles, never a long paragraph lost as a heading.
    for label in headings:
        line = re.search(rf"^{re.escape(label)} (.*)$", text, re.M).group(1)
        assert len(line.split()) <= 20, line


def test_sama_sections_follow_the_headings(sama: tuple[str, Entry]) -> None:
    text, entry = sama
    by_label = {b.label: b for b in entry.blocks if b.label}
    assert by_label["1.3"].section == "1. Introduction › Why this case was chosen to be reviewed"
    assert by_label["2.20"].section == "2. The findings › Strategy Meeting"
    assert "Learning Point 2: Embedding pre-birth assessment procedures and practice guidance" \
        in by_label["3.9"].section
    assert any("Learning Point 6" in b.section for b in entry.blocks)
    first = entry.blocks[0]
    assert first.section == "Foreword to the Serious Case Review (SCR) Baby Sama"
    assert text[first.start:].startswith("This SCR was commissioned")


def test_sama_items_belong_to_their_paragraph(sama: tuple[str, Entry]) -> None:
    text, entry = sama
    # "2.73 ... it manifested itself in the following ways: -" then a) to d).
    assert "a) Parents deflecting attention" in block_text(text, entry, "2.73")
    assert "d) Parents avoiding contact with professionals" in block_text(text, entry, "2.73")
    # "2.18 Factors that influenced 'why' this happened ." is a heading; its items are blocks.
    items = [text[b.start:b.end] for b in entry.blocks if b.label == "2.18"]
    assert [item[:2] for item in items] == ["a)", "b)", "c)", "d)"]
    assert all(b.section.endswith("Factors that influenced ‘why’ this happened")
               for b in entry.blocks if b.label == "2.18")


def test_sama_blocks_hold_no_footnote_bodies(sama: tuple[str, Entry]) -> None:
    text, entry = sama
    for body in ("Campbell, J (ed) (2007)", "Barnish, M; Domestic Violence",
                 "Cultural competence is a set of congruent", "Deviney, E."):
        assert all(body not in text[b.start:b.end] for b in entry.blocks)


def test_sameer_bullets_are_blocks_under_their_headings(sameer: tuple[str, Entry]) -> None:
    text, entry = sameer
    assert_well_formed(text, entry)
    worried = [text[b.start:b.end] for b in entry.blocks
               if b.section == "What are we worried about?"]
    source = SAMEER.read_text(encoding="utf-8")
    section = source.split("What are we worried about?")[1].split("What needs to happen?")[0]
    assert len(worried) == section.count("\n- ") == 9
    assert any("BSCB multi-agency escalation policy did not work effectively for Sameer" in item
               for item in worried)
    sections = [b.section for b in entry.blocks]
    assert sections[0] == "What was the story?" and "What needs to happen?" in sections
    assert all(b.label is None for b in entry.blocks)


SYNTHETIC = """Serious Case Review – Child T

Foreword by the chair of the board.

1. Introduction
1.1 Background
1.2 Child T was 4 months old when she was admitted to hospital with a fracture.

1.3 The review asked three questions:
a) Was the risk understood?
b) Was information shared?
c) Was escalation used?

2. Findings
2.1 Finding 1: Information sharing
2.2 The health visitor did not know of the police call-outs.
This was a missed opportunity.

2.3 Areas for consideration
• How are police records shared?
• Who checks that minutes are sent?

Appendix A - Glossary
ICPC Initial Child Protection Conference.
"""


def test_synthetic_report() -> None:
    entry = parse_single(SYNTHETIC, ReviewMeta(title="Child T"))
    assert_well_formed(SYNTHETIC, entry)
    got = [(b.label, b.section, SYNTHETIC[b.start:b.end].split("\n")[0]) for b in entry.blocks]
    assert got == [
        (None, "Serious Case Review – Child T", "Foreword by the chair of the board."),
        ("1.2", "1. Introduction › Background",
         "Child T was 4 months old when she was admitted to hospital with a fracture."),
        ("1.3", "1. Introduction › Background", "The review asked three questions:"),
        ("2.2", "2. Findings › Finding 1: Information sharing",
         "The health visitor did not know of the police call-outs."),
        ("2.3", "2. Findings › Finding 1: Information sharing › Areas for consideration",
         "• How are police records shared?"),
        ("2.3", "2. Findings › Finding 1: Information sharing › Areas for consideration",
         "• Who checks that minutes are sent?"),
        (None, "Appendix A - Glossary", "ICPC Initial Child Protection Conference."),
    ]
    by_label = {b.label: SYNTHETIC[b.start:b.end] for b in entry.blocks}
    assert by_label["1.3"].endswith("c) Was escalation used?")  # the items it introduces
    assert by_label["2.2"].endswith("This was a missed opportunity.")


def test_headings_without_body_are_text() -> None:
    text = "Summary\n\nJane Doe\nIndependent Chair\n"
    entry = parse_single(text, ReviewMeta(title="x"))
    assert [text[b.start:b.end] for b in entry.blocks] == ["Jane Doe", "Independent Chair"]
    assert all(b.section == "Summary" for b in entry.blocks)


def test_page_breaks_stay_outside_blocks() -> None:
    text = ("1. Introduction\n1.1 The first paragraph of the review sets out why the board "
            "commissioned it.\n\f1.2 The second paragraph starts on a new page of the report.")
    entry = parse_single(text, ReviewMeta(title="x"))
    assert [b.label for b in entry.blocks] == ["1.1", "1.2"]
    assert text[entry.blocks[1].start:entry.blocks[1].end].startswith("The second paragraph")


def test_infer_meta_on_the_baby_sama_report() -> None:
    text = repair_text(SAMA.read_text(encoding="utf-8"))
    meta = infer_meta(text, fallback_title="fallback")
    # The opening line: "Foreword to the Serious Case Review (SCR) Baby Sama ." and
    # "This SCR was commissioned by the Independent Chair of Bedford Borough Safeguarding
    # Children Board (BBSCB) following the death of Sama who was a 7 week old baby".
    assert meta.title == "Baby Sama"
    assert meta.review_type == "serious case review"
    assert meta.area == "Bedford"
    assert meta.child_age == "7 weeks"
    # 1.22: "Liz Murphy, Independent Safeguarding Consultant, has had lead responsibility for
    # authoring this report".
    assert meta.authors == ["Liz Murphy"]
    # The report states no publication date, and the date of an event ("March 2016") is not
    # one: the year is left for the manifest to give.
    assert meta.year is None
    spans = {name: text[src.start:src.end] for name, src in meta.sources.items()}
    assert spans == {"title": "Baby Sama", "review_type": "Serious Case Review",
                     "area": "Bedford Borough", "child_age": "7 week old",
                     "authors": "Liz Murphy"}
    assert {src.origin for src in meta.sources.values()} == {"text"}


def test_infer_meta_falls_back_when_the_text_says_nothing() -> None:
    meta = infer_meta("Notes from a meeting about local services.", fallback_title="Untitled")
    assert meta == ReviewMeta(title="Untitled", sources={"title": FieldSource("file")})


def test_infer_meta_on_the_sameer_brief() -> None:
    text = repair_text(SAMEER.read_text(encoding="utf-8"))
    meta = infer_meta(text, fallback_title="x")
    # "A child known as Sameer for the purpose of this review ...". The brief names no type,
    # and Bradford's board only "became aware of the case": not said to have commissioned or
    # published the brief, so no area; its actions dated 2017-2018 are not a publication year.
    assert (meta.title, meta.area, meta.year, meta.review_type) == ("Sameer", None, None, None)
    title = meta.sources["title"]
    assert text[title.start:title.end] == "Sameer"
    assert "known as Sameer for the purpose of this review" in text[title.start - 20:title.end + 40]


@pytest.mark.parametrize(("opening", "expected"), [
    ("Serious Case Review: Child K\n\nRochdale Borough Safeguarding Children Board\n\n"
     "Published: March 2017\n\n1.1 The review considers the death of Child K, aged 14 months, "
     "in 2015.", ("Child K", "Rochdale", 2017, "serious case review", "14 months")),
    ("Local Child Safeguarding Practice Review – Child Q\n\nHackney Safeguarding Children "
     "Partnership\nFinal report – June 2020\n\nChild Q was 15 years old when she was searched.",
     ("Child Q", "Hackney", 2020, "local child safeguarding practice review", "15 years")),
    ("Concise Child Practice Review\nCYSUR 2/2019\n\nCwm Taf Safeguarding Board\n\nThe review "
     "concerns Child M, a 3-month-old baby.", ("Child M", "Cwm Taf", None,
                                                 "child practice review", "3 months")),
    ("Learning Review: Child L\n\nThis learning review was commissioned by the Glasgow Child "
     "Protection Committee after Child L, aged 4, was injured.",
     ("Child L", "Glasgow", None, "learning review", "4 years")),
    ("Significant Case Review into the death of Child B\n\nFife Child Protection Committee",
     ("Child B", "Fife", None, "significant case review", None)),
    ("Case Management Review: Baby R\n\nSafeguarding Board for Northern Ireland\n\nBaby R "
     "was 8 weeks old.", ("Baby R", "Northern Ireland", None, "case management review",
                          "8 weeks")),
])
def test_infer_meta_in_the_four_nations_from_what_the_text_states(opening, expected) -> None:
    meta = infer_meta(opening, fallback_title="fallback")
    assert (meta.title, meta.area, meta.year, meta.review_type, meta.child_age) == expected
    assert review_evidence(opening).review
    for name, src in meta.sources.items():
        assert src.origin == "text", name
        stated = " ".join(opening[src.start:src.end].split()).lower()
        value = getattr(meta, name)
        words = " ".join(value) if isinstance(value, list) else str(value)
        assert all(w in stated for w in re.findall(r"[a-z]+|\d{4}", words.lower())
                   if w not in {"years", "months", "weeks"}), (name, value, stated)


@pytest.mark.parametrize(("text", "review"), [
    ("# The sample corpus\n\nFive real, published documents about UK case reviews: the "
     "Serious Case Review \"Baby Sama\" (2017) and a learning brief.", False),
    ("Annual Report 2018-19\nNorthbridge Safeguarding Children Partnership\n\nThis Serious "
     "Case Review was published in the year.", False),
    ("Minutes of the Learning Review Group\n\nThe group discussed this SCR.", False),
    ("Escalation policy\n\nUse this policy when you disagree with another agency.", False),
    ("Learning brief: Child Q\n\nWhat went wrong?\n\n- Agencies did not share information.",
     True),
    ("What was the story?\n\n- A child known as Sameer for the purpose of this review is a "
     "young boy.", True),
    ("Report to the board\n\nThis Serious Case Review was commissioned after the death of a "
     "baby in 2016, and this report sets out its findings.", True),
    ("Serious Case Reviews: what we learned\n\nReviews published this year.", False),
])
def test_review_evidence(text, review) -> None:
    assert review_evidence(text).review is review, review_evidence(text)


def test_document_meta_is_a_title_and_nothing_else() -> None:
    text = ("# The sample corpus\n\nFive real, published documents: the Bradford Safeguarding "
            "Children Board learning brief, child \"Sameer\" (2018).\n")
    meta = document_meta(text, fallback_title="notes")
    assert meta == ReviewMeta(title="The sample corpus", kind="document",
                              sources={"title": FieldSource("text", 2, 19)})
    untitled = document_meta("a line of running text that is not a heading at all, "
                             "only words.\n", fallback_title="notes")
    assert (untitled.title, untitled.sources) == ("notes", {"title": FieldSource("file")})


def test_pdf_report_from_loader_to_blocks(tmp_path: Path) -> None:
    from reviewqa.corpus.loaders import load_document

    doc = load_document(make_report_pdf(tmp_path / "report.pdf"))
    text = repair_text(doc.text)
    entry = parse_single(text, ReviewMeta(title="Child Q"))
    assert_well_formed(text, entry)
    assert text.count(PAGE_BREAK) == 2
    assert "Child Q - Serious Case Review" not in text  # the running header
    assert not re.search(r"^\f?\d\s*$", text, re.M)  # the page numbers
    pages = {b.label: text.count(PAGE_BREAK, 0, b.start) + 1 for b in entry.blocks}
    assert pages == {"1.1": 1, "1.2": 1, "1.3": 2, "2.1": 2, "2.2": 3}
    paragraph = block_text(text, entry, "1.2")
    assert paragraph.endswith("the social work team, and\fat what the professionals understood "
                              "about the risk that he posed to the baby.")
    assert {b.label: b.section for b in entry.blocks}["2.1"] == "2. Findings"


@pytest.mark.parametrize(("text", "types"), [
    ("4. Child safeguarding practice review report: thematic review: which examines the "
     "multiagency response in the Luton area", ["child safeguarding practice review", "thematic review"]),
    ("Report of the safeguarding children practice review regarding C101",
     ["child safeguarding practice review"]),
    ("Serious Case Review: Child B", ["serious case review"]),
    ("Serious case reviews published in 2018", []),
    ("Minutes of the board meeting", []),
])
def test_the_review_types_a_line_names_are_read_as_recorded_in_its_order(text, types):
    assert review_types_named(text) == types
