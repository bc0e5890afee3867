"""The evaluation harness: gold-file validation, evidence matching, metrics and the real dev set.

Metric values are worked out by hand on a three-question fixture; the dev set is checked
against the real bundled corpus, raw and repaired.
"""

from __future__ import annotations

import json
import math
import re
import subprocess
import sys
from pathlib import Path

import pytest

from reviewqa.corpus.repair import repair_text
from reviewqa.eval.gold import (
    DEFAULT_DEV_SET,
    KINDS,
    GoldError,
    GoldItem,
    Question,
    check_snippets,
    count_words,
    default_corpus_dir,
    is_relevant,
    load_corpus_texts,
    load_questions,
    matched_gold,
    normalise,
)
from reviewqa.eval.metrics import (
    answer_evidence_recall,
    ndcg_at_k,
    recall_at_k,
    reciprocal_rank,
    review_coverage_at_k,
    score_hits,
    summarise,
)

# --- a tiny hand-made fixture ---------------------------------------------------------------

ALEX, CHILD_V, BABY_A, FGH = ("Anonymous 2017 – Alex", "Anonymous 2024 – Child V",
                              "Sunderland 2018 – Baby A", "Anonymous 2018 – Children F, G and H")
A = GoldItem(ALEX, "the formal escalation procedure in place at the time was not used")
B = GoldItem(CHILD_V, "review whether current escalation policy is sufficiently understood by managers")
C = GoldItem(BABY_A, "Death of a 20-day-old baby following an assault by the family dog.")
D = GoldItem(FGH, "Concerns about serious harm to three siblings due to suspected fabricated or "
                  "induced illness")
E = GoldItem(FGH, "practitioners should be alert to signs of disguised compliance by parents")

Q1 = Question("q1", "theme", "What went wrong with escalation?", [A, B])
Q2 = Question("q2", "fact", "What killed Baby A?", [C])
Q3 = Question("q3", "examples", "Cases of fabricated or induced illness", [D, E])

# Hits as they come out of a real document: wrapped, re-punctuated, in a longer passage.
HIT_A = ("Learning: the cumulative nature of his illness was not fully understood; the formal "
         "escalation\nprocedure in place at the time was not used.")
HIT_B = ("Recommendations for the LSCB include: ... and Review whether current escalation-policy "
         "is sufficiently\nunderstood by managers across all agencies.")
HIT_C = "2018 – Sunderland – Baby A\n\nDeath of a 20-day-old baby following an assault by the family dog."
HIT_C_AGAIN = "Keywords: infant deaths. Death of a 20 day old baby following an assault by the family dog"
HIT_D = ("Concerns about serious harm to three siblings due to suspected fabricated or induced "
         "illness (FII).")
NOISE = ["The review considered housing and the role of the GP.", "Keywords: neglect, listening"]

RUNS = {"q1": [HIT_A, NOISE[0], HIT_B, NOISE[1]], "q2": [NOISE[0], NOISE[1], HIT_C], "q3": NOISE}
LOG2_3 = math.log2(3)


def test_normalise_keeps_only_lowercase_letters_and_digits() -> None:
    assert normalise("Multi-\nagency   “Voice” of the Child, 2017!") == "multiagencyvoiceofthechild2017"


def test_matching_survives_wraps_split_words_and_quotes() -> None:
    question = Question("x", "fact", "?", [GoldItem("R", "Recognising and addressing the impact of "
                                                          "child sexual exploitation in assessment")])
    damaged = ("3.4 Learning Point 1: CSE: Recognising and addressing t he impact of child\n\n"
               "sexual exploitation in assessment and planning")
    assert is_relevant(damaged, question)
    assert matched_gold(damaged, question) == question.gold
    # Half a snippet (a passage cut mid-sentence) is not evidence.
    assert not is_relevant("Recognising and addressing the impact of child sexual", question)
    assert matched_gold("", question) == []


def test_matched_gold_returns_only_the_items_the_hit_contains() -> None:
    both = HIT_A + "\n" + HIT_B
    assert matched_gold(HIT_A, Q1) == [A]
    assert matched_gold(both, Q1) == [A, B]
    assert matched_gold(NOISE[0], Q1) == []


def test_reviews_are_distinct_labels_in_order() -> None:
    assert Q1.reviews == [ALEX, CHILD_V]
    assert Q3.reviews == [FGH]


def test_recall_at_k_by_hand() -> None:
    assert recall_at_k(RUNS["q1"], Q1, 1) == 0.5   # A at rank 1, B at rank 3
    assert recall_at_k(RUNS["q1"], Q1, 2) == 0.5
    assert recall_at_k(RUNS["q1"], Q1, 3) == 1.0
    assert recall_at_k(RUNS["q2"], Q2, 2) == 0.0
    assert recall_at_k(RUNS["q2"], Q2, 50) == 1.0  # k beyond the list
    assert recall_at_k(RUNS["q3"], Q3, 10) == 0.0
    assert recall_at_k([HIT_D], Q3, 1) == 0.5      # one of the review's two snippets


def test_reciprocal_rank_and_mrr_by_hand() -> None:
    rrs = [reciprocal_rank(RUNS[q.id], q) for q in (Q1, Q2, Q3)]
    assert rrs == [1.0, pytest.approx(1 / 3), 0.0]
    assert sum(rrs) / 3 == pytest.approx((1 + 1 / 3 + 0) / 3)


def test_reciprocal_rank_counts_only_the_first_ten() -> None:
    assert reciprocal_rank(NOISE * 4 + NOISE[:1] + [HIT_C], Q2) == pytest.approx(1 / 10)
    assert reciprocal_rank(NOISE * 5 + [HIT_C], Q2) == 0.0  # rank 11


def test_ndcg_by_hand() -> None:
    # q1: relevant at ranks 1 and 3; ideal has min(3, 2 gold) = 2 relevant at ranks 1-2.
    assert ndcg_at_k(RUNS["q1"], Q1, 3) == pytest.approx((1 + 1 / 2) / (1 + 1 / LOG2_3))
    assert ndcg_at_k(RUNS["q1"], Q1, 1) == 1.0
    # q2: one gold snippet, found at rank 3: (1/log2 4) / 1.
    assert ndcg_at_k(RUNS["q2"], Q2, 3) == pytest.approx(0.5)
    assert ndcg_at_k(RUNS["q2"], Q2, 10) == pytest.approx(0.5)
    assert ndcg_at_k(RUNS["q2"], Q2, 2) == 0.0
    # q3 with only D at rank 2 of 2: (1/log2 3) / (1 + 1/log2 3).
    assert ndcg_at_k([NOISE[0], HIT_D], Q3, 2) == pytest.approx((1 / LOG2_3) / (1 + 1 / LOG2_3))


def test_ndcg_is_capped_when_more_hits_than_gold_snippets_are_relevant() -> None:
    # The same review in two documents: both passages hold the one gold snippet.
    assert ndcg_at_k([HIT_C, HIT_C_AGAIN], Q2, 2) == 1.0


def test_review_coverage_by_hand() -> None:
    assert review_coverage_at_k(RUNS["q1"], Q1, 1) == 0.5
    assert review_coverage_at_k(RUNS["q1"], Q1, 3) == 1.0
    # One of FGH's two snippets is enough to cover the review; recall still counts snippets.
    assert review_coverage_at_k([HIT_D], Q3, 1) == 1.0
    assert review_coverage_at_k(RUNS["q3"], Q3, 10) == 0.0


def test_answer_evidence_recall_counts_quotes_and_cited_passages() -> None:
    answer = "The formal escalation procedure in place at the time was not used (Alex)."
    assert answer_evidence_recall(answer, Q1) == 0.5
    assert answer_evidence_recall([answer, HIT_B], Q1) == 1.0
    assert answer_evidence_recall(["No relevant cases found.", NOISE[0]], Q1) == 0.0
    assert answer_evidence_recall("", Q1) == 0.0
    assert answer_evidence_recall([], Q1) == 0.0


def test_empty_hit_list_scores_zero_and_bad_k_is_refused() -> None:
    for question in (Q1, Q2, Q3):
        assert recall_at_k([], question, 5) == 0.0
        assert reciprocal_rank([], question) == 0.0
        assert ndcg_at_k([], question, 5) == 0.0
        assert review_coverage_at_k([], question, 5) == 0.0
    with pytest.raises(ValueError, match="k must be at least 1"):
        recall_at_k(RUNS["q1"], Q1, 0)


def test_score_hits_row_matches_the_single_metrics() -> None:
    row = score_hits(RUNS["q1"], Q1, ks=(1, 3))
    assert row == {"recall@1": 0.5, "recall@3": 1.0,
                   "ndcg@1": 1.0, "ndcg@3": pytest.approx((1 + 1 / 2) / (1 + 1 / LOG2_3)),
                   "review_coverage@1": 0.5, "review_coverage@3": 1.0, "rr@10": 1.0}


def test_summarise_means_overall_and_per_kind_by_hand() -> None:
    rows = [{"id": q.id, "kind": q.kind, **score_hits(RUNS[q.id], q, ks=(3,))} for q in (Q1, Q2, Q3)]
    rows.append({"id": "q4", "kind": "fact", "rr@10": 0.0, "answered": True})  # no recall field
    summary = summarise(rows)
    overall = summary["overall"]
    assert overall["n"] == 4
    assert overall["rr@10"] == pytest.approx((1 + 1 / 3 + 0 + 0) / 4)
    assert overall["recall@3"] == pytest.approx((1 + 1 + 0) / 3)  # q4 has no recall@3
    assert "answered" not in overall and "id" not in overall and "kind" not in overall
    by_kind = summary["by_kind"]
    assert set(by_kind) == {"theme", "fact", "examples"}
    assert by_kind["fact"]["n"] == 2
    assert by_kind["fact"]["rr@10"] == pytest.approx((1 / 3 + 0) / 2)
    assert by_kind["theme"]["ndcg@3"] == pytest.approx((1 + 1 / 2) / (1 + 1 / LOG2_3))
    assert by_kind["examples"]["recall@3"] == 0.0
    assert summarise([]) == {"overall": {"n": 0}, "by_kind": {}}


# --- load_questions errors --------------------------------------------------------------------

def _line(qid: str = "q1", kind: str = "fact", snippet: str = "one two three four five six seven eight",
          **drop: bool) -> str:
    record = {"id": qid, "kind": kind, "question": "Why?",
              "gold": [{"review": "R 2017 – X", "snippet": snippet}]}
    for name in drop:
        del record[name]
    return json.dumps(record)


@pytest.mark.parametrize(("lines", "bad_line", "message"), [
    ([_line(), '{"id": "q2", "kind": "fact",'], 2, "malformed JSON"),
    ([_line(question=True)], 1, "question: missing field"),
    ([_line(), _line("q2", gold=True)], 2, "gold: missing field"),
    ([_line(kind="trivia")], 1, "kind: unknown kind 'trivia'"),
    ([_line(snippet="only seven words in this short snippet")], 1, "gold[0].snippet: has 7 words"),
    ([_line(snippet=" ".join(["word"] * 26))], 1, "gold[0].snippet: has 26 words"),
    ([_line(), _line("q2"), _line("q1")], 3, "id: duplicate id 'q1' (first on line 1)"),
    (['{"id": "q1", "kind": "fact", "question": "", "gold": []}'], 1, "question: must be a non-empty string"),
    (['{"id": "q1", "kind": "fact", "qestion": "Why?", "question": "Why?", "gold": []}'], 1,
     "qestion: unknown field"),
])
def test_load_questions_names_file_line_and_field(tmp_path: Path, lines: list[str], bad_line: int,
                                                  message: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(GoldError) as caught:
        load_questions(path)
    text = str(caught.value)
    assert text.startswith(f"{path}:{bad_line}: ")
    assert message in text
    assert "\n" not in text


def test_load_questions_reads_a_valid_file_and_skips_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "ok.jsonl"
    path.write_text(_line() + "\n\n" + _line("q2", kind="theme") + "\n", encoding="utf-8")
    questions = load_questions(path)
    assert [(q.id, q.kind) for q in questions] == [("q1", "fact"), ("q2", "theme")]
    assert questions[0].gold == [GoldItem("R 2017 – X", "one two three four five six seven eight")]


# --- the real dev set against the real corpus ----------------------------------------------------

@pytest.fixture(scope="module")
def dev_set() -> list[Question]:
    return load_questions(DEFAULT_DEV_SET)


def test_dev_set_size_kinds_and_snippet_lengths(dev_set: list[Question]) -> None:
    assert len(dev_set) >= 48
    for kind in KINDS:
        assert sum(q.kind == kind for q in dev_set) >= 12, kind
    ids = [q.id for q in dev_set]
    assert len(ids) == len(set(ids))
    for question in dev_set:
        for item in question.gold:
            assert 8 <= count_words(item.snippet) <= 25, (question.id, item.snippet)
            assert "](#)" not in item.snippet and "\n" not in item.snippet


def test_dev_set_review_labels_are_consistent(dev_set: list[Question]) -> None:
    label = re.compile(r"^(?P<area>.+) (?P<year>(?:19|20)\d\d) – (?P<title>.+)$")
    labels_of: dict[tuple[str, str], set[str]] = {}
    for question in dev_set:
        for item in question.gold:
            match = label.match(item.review)
            assert match, item.review
            key = (match["area"].lower(), normalise(match["title"]))
            labels_of.setdefault(key, set()).add(item.review)
    assert all(len(labels) == 1 for labels in labels_of.values()), labels_of


def test_dev_set_theme_questions_span_several_reviews(dev_set: list[Question]) -> None:
    for question in dev_set:
        if question.kind == "theme":
            assert len(question.reviews) >= 3, question.id


def test_dev_set_snippets_are_all_in_the_raw_corpus(dev_set: list[Question]) -> None:
    texts = load_corpus_texts(default_corpus_dir())
    assert len(texts) >= 5
    assert check_snippets(dev_set, texts) == []


def test_dev_set_snippets_are_all_in_the_repaired_corpus(dev_set: list[Question]) -> None:
    assert check_snippets(dev_set, load_corpus_texts(default_corpus_dir(), repair_text)) == []


def test_checker_flags_an_altered_snippet(tmp_path: Path, dev_set: list[Question]) -> None:
    lines = DEFAULT_DEV_SET.read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[2])
    original = record["gold"][0]["snippet"]
    record["gold"][0]["snippet"] = original.replace(original.split()[-1], "zebra-crossing")
    lines[2] = json.dumps(record, ensure_ascii=False)
    altered = tmp_path / "altered.jsonl"
    altered.write_text("\n".join(lines) + "\n", encoding="utf-8")

    problems = check_snippets(load_questions(altered), load_corpus_texts(default_corpus_dir()))
    assert len(problems) == 1
    assert problems[0].startswith(f"{record['id']} gold[0] ")
    assert "zebra-crossing" in problems[0]


def _run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reviewqa.eval.gold", *args],
                          capture_output=True, text=True, timeout=120, check=False)


def test_cli_passes_on_the_dev_set_and_fails_on_an_altered_copy(tmp_path: Path) -> None:
    ok = _run_cli(str(DEFAULT_DEV_SET), "--corpus", str(default_corpus_dir()))
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert ok.stdout == ""

    lines = DEFAULT_DEV_SET.read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[0])
    record["gold"][0]["snippet"] = "this sentence of nine words is not in the corpus"
    altered = tmp_path / "altered.jsonl"
    altered.write_text("\n".join([json.dumps(record)] + lines[1:]) + "\n", encoding="utf-8")
    bad = _run_cli(str(altered))
    assert bad.returncode == 1
    assert bad.stdout.splitlines() == [
        f"{record['id']} gold[0] ({record['gold'][0]['review']}): snippet not in corpus: "
        "'this sentence of nine words is not in the corpus'"]


def test_cli_reports_a_malformed_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.jsonl"
    broken.write_text("{not json\n", encoding="utf-8")
    result = _run_cli(str(broken))
    assert result.returncode == 2
    assert f"{broken}:1: malformed JSON" in result.stderr


def test_a_system_that_returns_nothing_scores_zero_everywhere(dev_set: list[Question]) -> None:
    rows = [{"id": q.id, "kind": q.kind, **score_hits([], q),
             "answer_evidence_recall": answer_evidence_recall("", q)} for q in dev_set]
    summary = summarise(rows)
    for group in [summary["overall"], *summary["by_kind"].values()]:
        metrics = {name: value for name, value in group.items() if name != "n"}
        assert metrics and all(value == 0.0 for value in metrics.values()), group
    assert set(summary["by_kind"]) == set(KINDS)
