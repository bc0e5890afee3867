"""`reviewqa eval` end to end, and the default configuration's standing on the dev set."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from reviewqa.eval.run import DEV_SET, markdown_table, run_eval
from reviewqa.ui.cli import app


@pytest.fixture(scope="module")
def dev_results(retriever):
    return run_eval(retriever, DEV_SET)


def test_default_beats_lexical_and_the_langchain_pipeline(dev_results):
    configs = dev_results["configs"]
    default = configs[dev_results["default"]]["overall"]
    assert dev_results["default"] == "hybrid + diversity"
    for rival in ("lexical only", "LangChain naive (1000/200, FAISS)"):
        assert default["rr@10"] > configs[rival]["overall"]["rr@10"], rival
        assert default["review_coverage@10"] > configs[rival]["overall"]["review_coverage@10"], rival


def test_results_hold_every_metric_per_kind_and_the_answer_recall(dev_results):
    kinds = {"fact", "theme", "examples", "paraphrase"}
    for summary in dev_results["configs"].values():
        assert set(summary["by_kind"]) == kinds
        assert summary["overall"]["n"] == dev_results["n_questions"] >= 48
        for key in ("recall@1", "recall@5", "recall@10", "rr@10", "ndcg@10", "review_coverage@10"):
            assert 0.0 <= summary["overall"][key] <= 1.0
    assert 0.0 < dev_results["answer_evidence_recall"]["overall"]["answer_evidence_recall"] <= 1.0
    table = markdown_table(dev_results)
    assert "**hybrid + diversity** (default)" in table and "Answer evidence recall" in table


def test_eval_command_on_a_users_own_question_file(tmp_path, bundled_index_dir):
    questions = tmp_path / "mine.jsonl"
    lines = DEV_SET.read_text(encoding="utf-8").splitlines()[:3]
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
