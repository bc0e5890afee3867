"""`reviewqa eval` end to end on a few dev questions (the whole dev set, with the naive
LangChain baseline, is `make eval`: minutes, and its figures move with every tuning change)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from reviewqa.eval.gold import DEFAULT_DEV_SET, load_questions
from reviewqa.eval.metrics import reciprocal_rank
from reviewqa.eval.run import markdown_table, run_eval
from reviewqa.ui.cli import app

KINDS = {"fact", "theme", "examples", "paraphrase"}


@pytest.fixture(scope="module")
def few_questions(tmp_path_factory):
    """Two dev questions of each kind, as a question file of their own."""
    picked: dict[str, list[str]] = {}
    lines = DEFAULT_DEV_SET.read_text(encoding="utf-8").splitlines()
    for line in lines:
        kind = json.loads(line)["kind"]
        if len(picked.setdefault(kind, [])) < 2:
            picked[kind].append(line)
    path = tmp_path_factory.mktemp("eval") / "few.jsonl"
    path.write_text("\n".join(line for group in picked.values() for line in group) + "\n",
                    encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def dev_results(retriever, few_questions):
    return run_eval(retriever, few_questions, baseline=False)


def test_the_default_configuration_is_scored_and_named(dev_results, retriever, few_questions):
    assert dev_results["default"] == "hybrid + diversity"
    assert set(dev_results["configs"]) == {"lexical only", "dense only", "hybrid",
                                           "hybrid + diversity"}
    # Each figure is the questions' own: the default's reciprocal ranks, recomputed here.
    for question in load_questions(few_questions):
        hits = [h.chunk.text for h in retriever.search(question.question, k=10)]
        row = next(r for r in dev_results["per_question"]["hybrid + diversity"]
                   if r["id"] == question.id)
        assert row["rr@10"] == reciprocal_rank(hits, question)


def test_results_hold_every_metric_per_kind_and_the_answer_recall(dev_results):
    for summary in dev_results["configs"].values():
        assert set(summary["by_kind"]) == KINDS
        assert summary["overall"]["n"] == dev_results["n_questions"] == 8
        for key in ("recall@1", "recall@5", "recall@10", "rr@10", "ndcg@10", "review_coverage@10"):
            assert 0.0 <= summary["overall"][key] <= 1.0
    assert 0.0 < dev_results["answer_evidence_recall"]["overall"]["answer_evidence_recall"] <= 1.0
    table = markdown_table(dev_results)
    assert "**hybrid + diversity** (default)" in table and "Answer evidence recall" in table


def test_eval_command_on_a_users_own_question_file(tmp_path, bundled_index_dir):
    questions = tmp_path / "mine.jsonl"
    lines = DEFAULT_DEV_SET.read_text(encoding="utf-8").splitlines()[:3]
    questions.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out, plot = tmp_path / "results.json", tmp_path / "recall.png"
    result = CliRunner().invoke(app, ["eval", "--questions", str(questions), "--index",
                                      str(bundled_index_dir), "--json", str(out), "--plot",
                                      str(plot), "--no-baseline"])
    assert result.exit_code == 0, result.output
    assert "| lexical only |" in result.stdout
    data = json.loads(out.read_text())
    assert data["n_questions"] == 3 and "LangChain naive (1000/200, FAISS)" not in data["configs"]
    assert plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_eval_command_names_a_malformed_question_file(tmp_path, bundled_index_dir):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "kind": "fact", "question": "q", "gold": [\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "--questions", str(bad), "--index",
                                      str(bundled_index_dir), "--no-baseline"])
    assert result.exit_code == 2
    assert "bad.jsonl:1" in result.stderr and len(result.stderr.strip().splitlines()) == 1
