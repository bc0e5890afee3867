"""`reviewqa eval` end to end on eight dev questions, one of each kind in each split (the
whole dev set, with the naive LangChain baseline, is `make eval`: minutes, and its figures
move with every tuning change)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from reviewqa.corpus.types import shown
from reviewqa.eval.gold import DEFAULT_DEV_SET, KINDS, TAGS, load_questions
from reviewqa.eval.metrics import reciprocal_rank
from reviewqa.eval.run import ANSWER_METRICS, RETRIEVAL_METRICS, markdown_table, run_eval
from reviewqa.ui.cli import app

CONFIGS = {"lexical only", "dense only", "hybrid", "hybrid + diversity"}


@pytest.fixture(scope="module")
def few_questions(tmp_path_factory):
    """One dev question of each kind in each split, tagged ones first, as a file of its own."""
    records = [json.loads(line) for line in DEFAULT_DEV_SET.read_text(encoding="utf-8").splitlines()]
    picked = []
    for split in ("tune", "test"):
        for kind in KINDS:
            group = [r for r in records if r["split"] == split and r["kind"] == kind]
            picked.append(max(group, key=lambda r: len(r.get("tags", []))))
    path = tmp_path_factory.mktemp("eval") / "few.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in picked),
                    encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def dev_results(retriever, few_questions):
    return run_eval(retriever, few_questions, baseline=False, resamples=200)


def _groups(summary: dict) -> list[dict]:
    return [summary["overall"], *summary["by_kind"].values(), *summary["by_tag"].values()]


def test_both_splits_are_scored_test_first(dev_results, few_questions):
    assert dev_results["default"] == "hybrid + diversity"
    assert set(dev_results["configs"]) == CONFIGS
    assert list(dev_results["splits"]) == ["test", "tune"]
    assert dev_results["splits"] == {"test": 4, "tune": 4} and dev_results["n_questions"] == 8
    for summaries in dev_results["configs"].values():
        assert list(summaries) == ["test", "tune"]
        for summary in summaries.values():
            assert summary["overall"]["n"] == 4
            assert set(summary["by_kind"]) == set(KINDS)


def test_figures_are_the_questions_own(dev_results, retriever, few_questions):
    """The default's reciprocal ranks, recomputed here, and each row in its own split."""
    rows = {r["id"]: r for r in dev_results["per_question"]["hybrid + diversity"]}
    for question in load_questions(few_questions):
        hits = [h.chunk.text for h in retriever.search(question.question, k=10)]
        assert rows[question.id]["rr@10"] == reciprocal_rank(hits, question)
        assert rows[question.id]["split"] == question.split
        assert rows[question.id]["tags"] == list(question.tags)


def test_every_figure_has_an_interval_around_it(dev_results):
    for summaries in dev_results["configs"].values():
        for summary in summaries.values():
            for group in _groups(summary):
                if group["n"] == 0:
                    assert group["ci"] == {}
                    continue
                for key in RETRIEVAL_METRICS:
                    low, high = group["ci"][key]
                    assert 0.0 <= low <= group[key] <= high <= 1.0, (key, group)


def test_per_tag_rows_count_the_tagged_questions(dev_results, few_questions):
    questions = load_questions(few_questions)
    for split in ("test", "tune"):
        by_tag = dev_results["configs"]["hybrid"][split]["by_tag"]
        assert list(by_tag) == list(TAGS)
        for tag in TAGS:
            expected = sum(tag in q.tags for q in questions if q.split == split)
            assert by_tag[tag]["n"] == expected
    assert any(group["n"] for group in by_tag.values())


def test_answer_metrics_are_present_and_shares(dev_results):
    answers = dev_results["answers"]
    assert list(answers) == ["test", "tune"]
    for summary in answers.values():
        overall = summary["overall"]
        for key in ANSWER_METRICS:
            if key == "junk_share" and key not in overall:  # no answer quoted anything
                continue
            assert 0.0 <= overall[key] <= 1.0
            low, high = overall["ci"][key]
            assert low <= overall[key] <= high
    assert any(s["overall"]["answer_evidence"] > 0 for s in answers.values())
    for row in dev_results["per_question"]["answer"]:
        assert row["answer_evidence"] in (0.0, 1.0)
        assert row["quoted_sentences"] >= 0 and isinstance(row["junk"], list)


def test_the_table_shows_test_with_intervals_then_tune(dev_results):
    table = markdown_table(dev_results)
    test_at = table.index("### Test split (4 questions)")
    tune_at = table.index("### Tune split (4 questions)")
    assert test_at < tune_at
    test_part, tune_part = table[test_at:tune_at], table[tune_at:]
    assert "**hybrid + diversity** (default)" in test_part
    assert "[" in test_part.split("\n")[4] and "[" not in tune_part.split("\n")[4]
    for label in ("tag place", "answer evidence", "junk share", "evidence recall (old)"):
        assert label in test_part and label in tune_part
    assert table.startswith("| hybrid + diversity (default) | test (4) | tune (4) |")


def test_eval_command_on_a_users_own_question_file(tmp_path, bundled_index_dir):
    """A file without splits is scored whole, as "all"."""
    questions = tmp_path / "mine.jsonl"
    records = [json.loads(line) for line in DEFAULT_DEV_SET.read_text(encoding="utf-8").splitlines()[:3]]
    for record in records:
        del record["split"]
    questions.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    out, plot = tmp_path / "results.json", tmp_path / "recall.png"
    result = CliRunner().invoke(app, ["eval", "--questions", str(questions), "--index",
                                      str(bundled_index_dir), "--json", str(out), "--plot",
                                      str(plot), "--no-baseline"])
    assert result.exit_code == 0, result.output
    assert "| lexical only |" in result.stdout and "### All questions (3 questions)" in result.stdout
    data = json.loads(out.read_text())
    assert data["splits"] == {"all": 3} and "LangChain naive (1000/200, FAISS)" not in data["configs"]
    assert plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_eval_command_scores_one_split(tmp_path, bundled_index_dir, few_questions):
    out = tmp_path / "results.json"
    result = CliRunner().invoke(app, ["eval", "--questions", str(few_questions), "--index",
                                      str(bundled_index_dir), "--split", "tune", "--json", str(out),
                                      "--no-baseline"])
    assert result.exit_code == 0, result.output
    assert "### Tune split" in result.stdout and "### Test split" not in result.stdout
    assert json.loads(out.read_text())["splits"] == {"tune": 4}


def test_eval_command_refuses_an_unknown_split(bundled_index_dir, few_questions):
    result = CliRunner().invoke(app, ["eval", "--questions", str(few_questions), "--index",
                                      str(bundled_index_dir), "--split", "train", "--no-baseline"])
    assert result.exit_code == 2
    assert "--split" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_eval_command_names_a_malformed_question_file(tmp_path, bundled_index_dir):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "kind": "fact", "question": "q", "gold": [\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "--questions", str(bad), "--index",
                                      str(bundled_index_dir), "--no-baseline"])
    assert result.exit_code == 2
    assert "bad.jsonl:1" in result.stderr and len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(("content", "message"), [
    (bytes(range(256)) * 4, "not UTF-8 text (byte 128): is it a JSONL file?"),  # was a traceback
    (b"\n\n", "no questions in the file"),  # was an empty table, exit 0
])
def test_eval_command_names_a_question_file_of_no_questions(tmp_path, bundled_index_dir,
                                                           content, message):
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(content)
    result = CliRunner().invoke(app, ["eval", "--questions", str(bad), "--index",
                                      str(bundled_index_dir), "--no-baseline"])
    assert result.exit_code == 2, result.output
    assert result.stderr.strip() == f"error: {bad}: {message}"


@pytest.mark.parametrize(("question", "message"), [
    ("x" * 1001, "the question is 1,001 characters long"),
    ("\ud800neglect", "the question is not valid text"),
    ("👶👶", "the question has no words to search for"),
    ("where does Sama's mother live now?", "the search refuses it"),
])
def test_eval_names_a_gold_question_the_search_would_refuse(tmp_path, bundled_index_dir,
                                                            question, message):
    # each had loaded, then been a QueryError or Refused traceback from the search
    record = {"id": "q1", "kind": "fact", "question": question,
              "gold": [{"review": "bradford-2018-sameer", "snippet": "Sameer's mother"}]}
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(record) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "--questions", str(bad), "--index",
                                      str(bundled_index_dir), "--no-baseline"])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"error: {bad}:1: question: {message}"), result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_eval_names_a_gold_line_nested_too_deeply(tmp_path, bundled_index_dir):
    bad = tmp_path / "deep.jsonl"
    bad.write_text("[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")  # a RecursionError
    result = CliRunner().invoke(app, ["eval", "--questions", str(bad), "--index",
                                      str(bundled_index_dir), "--no-baseline"])
    assert result.exit_code == 2
    assert result.stderr == f"error: {bad}:1: malformed JSON: nested too deeply\n"


@pytest.mark.parametrize(("option", "name", "message"), [
    ("--plot", "curves.txt", "expected a file ending .png, .svg, .pdf"),
    ("--plot", "afile/curves.png", "a file stands where its folder would be"),
    ("--json", "afile/results.json", "a file stands where its folder would be"),
])
def test_eval_refuses_an_output_it_cannot_write_before_scoring(tmp_path, bundled_index_dir,
                                                               few_questions, option, name,
                                                               message):
    # they had been tracebacks after the whole run was scored
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    target = tmp_path / name
    result = CliRunner().invoke(app, ["eval", "--questions", str(few_questions), "--index",
                                      str(bundled_index_dir), "--no-baseline", option, str(target)])
    assert result.exit_code == 2, result.output
    assert result.stderr == f"error: {option}: {shown(str(target))}: {message}\n"
    assert "###" not in result.stdout  # nothing was scored
