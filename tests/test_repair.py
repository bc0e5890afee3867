"""Repair of extraction damage, on the real sample corpus and on small strings: the damage
in the Baby Sama PDF extraction is repaired, and correct text (the digests, clean prose,
real two-word phrases) comes through unchanged."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reviewqa.corpus.repair import (
    is_hard_wrapped,
    join_hard_wraps,
    merge_split_words,
    normalise_characters,
    repair_text,
    strip_footnotes,
    strip_markdown_links,
    strip_page_numbers,
    strip_running_heads,
)
from reviewqa.corpus.types import PAGE_BREAK

DATA = Path(__file__).resolve().parents[1] / "corpus" / "data"
SAMA = DATA / "bedford-borough-2017-baby-sama-scr-overview-report.txt"
DIGESTS = ("bradford-2018-sameer-learning-brief.txt",
           "south-gloucestershire-2017-news-and-research-q2.txt",
           "torbay-2024-nspcc-repository-january.txt",
           "nspcc-2018-case-reviews-published-in-2018.txt")
ALL = (SAMA.name, *DIGESTS)

# The first words of every footnote body in the report (read off the file: the lines after
# each run of 20+ spaces and a lone footnote number), and the one footnote line that lost
# its separator ("  Deviney, ...").
FOOTNOTE_BODIES = (
    "Campbell, J (ed) (2007)", "Barnish, M; Domestic Violence", "NSPCC Information Service, 2010",
    "Brandon, M et al (2008)", "Cultural competence is a set of congruent behaviours",
    "Cuthbert,C. Rayns, G and Stanley", "Barnish, M., Domestic Violence",
    "Working together to safeguard children. An inter-agency guide",
    "Puppet on a string", "Love and Stockholm Syndrome: The Mystery",
    "J. Freyd, What is a Betrayal Trauma", "pages.uoregon.edu", "Deviney, E. Dickert",
)


@pytest.fixture(scope="module")
def sama_raw() -> str:
    return SAMA.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def sama(sama_raw: str) -> str:
    return repair_text(sama_raw)


def lines_of(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


# --- the Baby Sama report: damage repaired ------------------------------------------------

@pytest.mark.parametrize("damaged, repaired", [
    ("addressing t he impact of child sexual",
     "addressing the impact of child sexual exploitation"),
    ("assessment pr ocedures and practice guidance", "assessment procedures and practice guidance"),
    ("all forms of vul nerability addressed", "all forms of vulnerability addressed"),
    ("a useful win dow on safeguarding", "a useful window on safeguarding systems process"),
    ("What sup port is available", "What support is available"),
    ("is there a cle ar pathway", "is there a clear pathway"),
    ("Betrayed Trauma t heory", "Betrayed Trauma theory"),
    ("Domestic A buse and perpetrator", "Domestic Abuse and perpetrator behaviour"),
])
def test_split_words_are_merged(sama_raw: str, sama: str, damaged: str, repaired: str) -> None:
    assert damaged in " ".join(sama_raw.split())  # the damage is really in the source
    assert repaired in sama
    assert damaged not in sama


def test_hard_wrapped_paragraphs_are_rejoined(sama: str) -> None:
    # "1.3 ... involved in an" / blank line / "altercation outside ..." in the source.
    assert re.search(r"^1\.3 In October 2015 the mother and father of Sama \(not their real name\) "
                     r"were involved in an altercation outside Sama’s home address\.", sama, re.M)
    # A heading wrapped over two lines becomes one line.
    assert "\n3.4 Learning Point 1: CSE: Recognising and addressing the impact of child sexual " \
           "exploitation in assessment and planning\n" in sama


def test_numbered_paragraphs_keep_their_own_lines_in_order(sama_raw: str, sama: str) -> None:
    labels = re.findall(r"^ ?(\d\.\d{1,2}) +\S", sama_raw, re.M)
    assert len(labels) > 150
    starts = re.findall(r"^(\d\.\d{1,2}) \S", sama, re.M)
    assert starts == labels
    assert re.search(r"^2\.17 The delay in finalising the pre-birth assessment left little time",
                     sama, re.M)


def test_items_and_headings_start_their_own_lines(sama: str) -> None:
    for line in ("1.6 Family composition", "1. Introduction", "4. Conclusion",
                 "Appendix 2 - Models of Child Sexual Exploitation",
                 "• Bedford Borough Council Legal Services", "vii. Use of chronologies"):
        assert line in lines_of(sama)
    assert re.search(r"^a\) At the time BBSCB did not have any formal pre-birth", sama, re.M)


def test_footnote_bodies_are_removed_and_text_around_them_joined(sama_raw: str, sama: str) -> None:
    for body in FOOTNOTE_BODIES:
        assert body in sama_raw
        assert body not in sama
    # Running text that a footnote interrupted reads on.
    assert ("If the assessment had been fully informed by an understanding of the risk "
            "factors") in sama
    assert "Outcome focused plans that set out clear timeframes for actions" in sama
    # What follows a footnote block is kept: the table after footnote 11, the text after 13.
    assert "Model 1: Inappropriate relationships" in lines_of(sama)
    assert "Hippocampus dysfunction in an individual with Post Traumatic Stress" in sama


def test_page_numbers_are_removed(sama_raw: str, sama: str) -> None:
    assert re.search(r"^13 $", sama_raw, re.M) and re.search(r"^18 $", sama_raw, re.M)
    assert not re.search(r"^\s*\d{1,3}\s*$", sama, re.M)
    # The paragraph the "18" page number interrupted is whole again.
    assert ("reflect actions agreed under the PLO Framework e.g. father to complete a hair "
            "strand") in sama


def test_real_hyphenated_compounds_keep_their_hyphen(sama_raw: str, sama: str) -> None:
    assert "pre-\nbirth" in sama_raw and "prebirth" not in sama
    assert sama.count("pre-birth") == sama_raw.count("pre-birth") + sama_raw.count("pre-\nbirth")
    for word in ("pre-proceedings", "inter-agency", "self-control", "re-sent"):
        assert word in sama


def test_line_end_hyphen_dropped_only_when_the_text_writes_the_word_whole() -> None:
    text = ("Parents showed disguised cooperation. Professionals noted the lack of\n"
            "co-\noperation between agencies.")
    assert "lack of cooperation between" in join_hard_wraps(text)
    kept = "The pre-birth plan.\nThe team began the pre-\nbirth assessment late."
    assert "the pre-birth assessment" in join_hard_wraps(kept)


def test_report_is_detected_as_hard_wrapped_and_the_digests_are_not() -> None:
    for name in ALL:
        text = (DATA / name).read_text(encoding="utf-8")
        assert is_hard_wrapped(text.split("\n")) is (name == SAMA.name), name


# --- correct text is left alone -------------------------------------------------------------

def test_clean_paragraphs_pass_through_byte_identical() -> None:
    clean = ("The review found that information was not shared between agencies.\n\n"
             "Recommendations were made to the board, which accepted all of them.\n"
             "- Escalation policy\n- Multi-agency training\n")
    assert repair_text(clean) == clean


@pytest.mark.parametrize("phrase", ["went in to see her", "it was a part of the plan",
                                    "not at all clear", "we did not see any one of them"])
def test_two_real_words_are_never_merged(phrase: str) -> None:
    # The text also uses the joined forms, so only the rule about real words protects them.
    text = (f"He walked into the hall. They lived apart. Atall is no word. Anyone came. "
            f"Then {phrase}.")
    assert merge_split_words(text) == text


def test_a_split_word_is_merged_when_the_text_uses_it_whole() -> None:
    text = "The vulnerability of babies is known. Their vul nerability was missed by t he staff."
    assert merge_split_words(text) == ("The vulnerability of babies is known. Their vulnerability "
                                       "was missed by the staff.")


def test_initials_are_not_merged_into_capitalised_words() -> None:
    text = "See Brandon, M et al (2008). The mother met the father."
    assert merge_split_words(text) == text


def test_markdown_links_become_their_text() -> None:
    assert strip_markdown_links("Find the report [Here](#).") == "Find the report Here."
    assert strip_markdown_links("- [Bradford Safeguarding Children Board \\(BSCB\\)](#) only") == \
        "- Bradford Safeguarding Children Board (BSCB) only"
    assert strip_markdown_links("see [NSPCC](https://example.org/a_(b))") == "see NSPCC"
    assert strip_markdown_links("<http://example.org/page>") == "<http://example.org/page>"


def test_characters_are_normalised() -> None:
    raw = "Line one\r\nLine\u00a0two\rcafe\u0301\x00 \x07end\tok\fnext\u200b page"
    assert normalise_characters(raw) == "Line one\nLine two\ncafé end\tok\fnext page"


def test_repair_collapses_spaces_and_strips_trailing_ones() -> None:
    assert repair_text("Two  spaces   here.   \nNext line.  ") == "Two spaces here.\nNext line."


@pytest.mark.parametrize("name", DIGESTS)
def test_digest_lines_stay_separate(name: str) -> None:
    raw = (DATA / name).read_text(encoding="utf-8")
    out = repair_text(raw)
    out_lines = lines_of(out)
    expected = [" ".join(line.split())
                for line in lines_of(strip_markdown_links(normalise_characters(raw)))]
    missing = [line for line in expected if line not in out_lines]
    # Only lines joined to a neighbour go missing as lines, and their words are all kept.
    assert len(missing) <= 4, missing
    for line in missing:
        assert any(line in joined for joined in out_lines), line
    fields = [line for line in expected
              if re.match(r"(Keywords:|> Read|#{1,6} |- |(?:19|20)\d\d\b|Serious case review)", line)]
    assert fields and all(line in out_lines for line in fields)


def test_nspcc_entries_keep_header_keywords_and_link_lines() -> None:
    raw = (DATA / DIGESTS[3]).read_text(encoding="utf-8")
    out_lines = lines_of(repair_text(raw))
    assert "2017 – Rochdale – Child K" in out_lines
    keywords = sum(line.startswith("Keywords: ") for line in out_lines)
    assert keywords == raw.count("\nKeywords: ") == 68
    assert sum(line.startswith("> Read the overview report") for line in out_lines) == 68


def test_digest_paragraphs_broken_mid_sentence_are_joined() -> None:
    south = repair_text((DATA / DIGESTS[1]).read_text(encoding="utf-8"))
    assert "his parents had sought help from the family GP." in south
    torbay = repair_text((DATA / DIGESTS[2]).read_text(encoding="utf-8"))
    assert "the background and profile of the young people" in torbay


@pytest.mark.parametrize("name", ALL)
def test_repair_is_idempotent(name: str) -> None:
    once = repair_text((DATA / name).read_text(encoding="utf-8"))
    assert repair_text(once) == once


# --- page breaks, page furniture, footnotes on small inputs ---------------------------------

def paged(*pages: str) -> str:
    return PAGE_BREAK.join(page + "\n" for page in pages)


def test_page_breaks_survive_between_and_inside_paragraphs() -> None:
    wrapped_line = "The social worker visited the family at home and spoke with the mother about"
    page1 = "\n".join([wrapped_line] * 6 + ["", "Review of Child Q", "3"])
    page2 = "\n".join(["Review of Child Q", "the health visitor's concerns, which were shared.", "",
                       "2.4 A new paragraph starts on this page and it is long enough to wrap",
                       "onto a second line.", "4"])
    page3 = "\n".join(["Review of Child Q", "Escalation was not used by any agency.", "5"])
    text = repair_text(paged(page1, page2, page3))
    assert text.count(PAGE_BREAK) == 2
    assert "Review of Child Q" not in text  # a running header on every page
    assert not re.search(r"^\f?\d\s*$", text, re.M)  # page numbers at page edges
    assert "spoke with the mother about\fthe health visitor's concerns" in text
    assert re.search(r"^\f?2\.4 A new paragraph starts on this page", text, re.M)
    assert repair_text(text) == text


def test_page_break_inside_a_wrapped_paragraph_acts_as_a_space() -> None:
    long = "The conference decided that the unborn baby should be subject to a plan and the"
    raw = "\n".join([long] * 12) + "\n" + PAGE_BREAK + "core group met weekly.\n"
    text = repair_text(raw)
    assert text.count(PAGE_BREAK) == 1
    assert "and the\fcore group met weekly." in text
    assert "\n" not in text.strip()


def test_page_number_inside_paragraph_text_is_kept() -> None:
    text = "The plan had 12\nactions.\n\n13\n\nIt had 5 reviews."
    assert strip_page_numbers(text) == "The plan had 12\nactions.\n\n\n\nIt had 5 reviews."


def test_running_heads_need_most_pages() -> None:
    one_off = paged("Introduction\nText one.", "Findings\nText two.", "Summary\nText three.")
    assert strip_running_heads(one_off) == one_off


def test_footnote_block_is_removed_and_paragraph_resumes() -> None:
    raw = ("2.5 The review found that agencies did not share what they knew about the\n\n"
           + " " * 40 + "\n4\n Smith, J (2010) Sharing information. A study of practice and of\n"
           "the barriers to it. London.\n"
           " father's history until the conference.\n")
    text = strip_footnotes(raw)
    assert "Smith" not in text and "barriers" not in text
    assert join_hard_wraps(text) == ("2.5 The review found that agencies did not share what they "
                                     "knew about the father's history until the conference.")


def test_numbers_without_a_footnote_body_are_not_footnotes() -> None:
    raw = "Text before.\n" + " " * 30 + "\n12\nText after.\n"
    assert "Text after." in strip_footnotes(raw) and "12" in strip_footnotes(raw)
