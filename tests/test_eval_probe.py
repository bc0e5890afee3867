"""The lay probe (eval/probe.py): questions in everyday words scored by the reviews they find,
on the real bundled index."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewqa.eval.gold import GoldError
from reviewqa.eval.probe import (
    DEFAULT_PROBE,
    STORY_PROBE,
    STORY_UNSEEN_PROBE,
    UNSEEN_PROBE,
    check_reviews,
    main,
    read_probe,
    score_probe,
)


def _probe(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "probe.tsv"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("path", "size"), [(DEFAULT_PROBE, 120), (UNSEEN_PROBE, 60),
                                            (STORY_PROBE, 30), (STORY_UNSEEN_PROBE, 30)])
def test_the_bundled_probes_reviews_are_all_in_the_index(retriever, path, size):
    questions = read_probe(path)
    assert len(questions) == size
    check_reviews(questions, [r.label for r in retriever.store.reviews()])


@pytest.mark.parametrize(("text", "message"), [
    ("a question with no reviews\n", "probe.tsv:1: expected 3 tab-separated fields"),
    ("ok\tChild K (Rochdale\tdrowning\n\t \tx\n", "probe.tsv:2: a question and at least one"),
    ("\n\n", "probe.tsv: no questions"),
])
def test_a_malformed_probe_line_is_named(tmp_path, text, message):
    with pytest.raises(GoldError, match=message.replace("(", r"\(")):
        read_probe(_probe(tmp_path, text))


def test_an_expected_review_no_label_starts_is_an_error_not_a_miss(tmp_path, retriever):
    questions = read_probe(_probe(tmp_path, "the baby drowned\tChild K (Rochdal | Child KK (Rochdale\tx\n"))
    with pytest.raises(GoldError, match=r"probe.tsv:1: no review of the index is labelled 'Child KK"):
        score_probe(retriever, questions)


def test_a_probe_is_scored_by_the_reviews_its_hits_and_answer_come_from(tmp_path, retriever):
    questions = read_probe(_probe(tmp_path, (
        "the family dog attacked a newborn\tBaby A (Sunderland\tdog attack\n"
        "the family dog attacked a newborn\tBaby A (Sunderland | Harry (Thurrock\tdog attack\n"
        "how to bake sourdough bread\tChild K (Rochdale\tnothing\n")))
    result = score_probe(retriever, questions)
    first, both, unrelated = result["rows"]
    assert (first["rank"], first["rr@10"], first["review_coverage@10"]) == (1, 1.0, 1.0)
    assert first["answer_cites"] is True
    # two expected, the dog's case found and a death in custody not: half covered
    assert (both["rank"], both["review_coverage@10"]) == (1, 0.5)
    # (a question on nothing the reviews hold still has ten hits, but no answer)
    assert unrelated["answer_cites"] is False
    assert unrelated["rr@10"] == (1 / unrelated["rank"] if unrelated["rank"] else 0.0)
    assert result["n"] == 3
    assert result["mrr@10"] == pytest.approx((2 + unrelated["rr@10"]) / 3)
    assert result["review_coverage@10"] == pytest.approx(
        (1.5 + unrelated["review_coverage@10"]) / 3)
    assert result["answer_cites"] == pytest.approx(2 / 3)
    assert not any(row["refused"] for row in result["rows"])


def test_a_refused_probe_question_is_scored_as_finding_nothing(tmp_path, retriever):
    # (the probe run stopped at the first question a refusal met)
    questions = read_probe(_probe(tmp_path, "what is Child K's real name?\tChild K (Rochdale\tname\n"))
    (row,) = score_probe(retriever, questions)["rows"]
    assert (row["refused"], row["rank"], row["answer_cites"]) == (True, None, False)


def test_the_probe_command_names_a_bad_file_in_one_line(tmp_path, capsys):
    assert main([str(tmp_path / "missing.tsv")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and "missing.tsv" in err and "\n" not in err
