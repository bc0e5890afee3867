"""The `reviewqa` command line on the bundled index: JSON shapes, batch mode, bad input."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from reviewqa.ui.cli import app

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


def test_search_json_has_the_design_fields(bundled_index_dir):
    result = run("search", "what went wrong with escalation?", "--k", "4", "--json",
                 "--index", str(bundled_index_dir))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["query"] == "what went wrong with escalation?" and len(data["hits"]) == 4
    hit = data["hits"][0]
    assert set(hit) == {"rank", "score", "chunk_id", "text", "review", "source"}
    assert set(hit["source"]) == {"document", "locator", "page", "start", "end", "url"}


def test_batch_search_refuses_a_request_to_identify_someone_and_goes_on(tmp_path,
                                                                       bundled_index_dir):
    queries = tmp_path / "q.jsonl"
    queries.write_text('{"id": "who", "question": "what is Child K\'s real name?"}\n'
                       '{"id": "ok", "question": "co-sleeping"}\n', encoding="utf-8")
    result = run("search", "--queries", str(queries), "--json", "--index", str(bundled_index_dir))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {queries}:1 (id 'who'): I can't help with identifying")
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["ok"]


def test_batch_search_prints_one_object_per_line_with_its_id(tmp_path, bundled_index_dir):
    queries = tmp_path / "q.jsonl"
    queries.write_text('{"id": "a", "question": "co-sleeping"}\n\n'
                       '{"id": 7, "question": "radicalisation"}\n', encoding="utf-8")
    result = run("search", "--queries", str(queries), "--k", "3", "--json",
                 "--index", str(bundled_index_dir))
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["id"] for line in lines] == ["a", 7]
    assert all(len(line["hits"]) == 3 for line in lines)
    assert any(h["review"]["title"] == "Siblings W and X" for h in lines[1]["hits"])


def test_filters_on_the_command_line(bundled_index_dir):
    result = run("search", "neglect", "--year", "2016", "--json", "--index", str(bundled_index_dir))
    assert {h["review"]["year"] for h in json.loads(result.stdout)["hits"]} == {2016}


def test_ask_prints_the_answer_and_its_sources(bundled_index_dir):
    result = run("ask", "what went wrong with escalation?", "--index", str(bundled_index_dir))
    assert result.exit_code == 0, result.output
    assert "[1]" in result.stdout and "Sameer" in result.stdout
    refused = run("ask", "what is Child K's real name?", "--json", "--index", str(bundled_index_dir))
    assert json.loads(refused.stdout)["kind"] == "refusal"


def test_info_lists_reviews_per_document(bundled_index_dir):
    result = run("info", "--json", "--index", str(bundled_index_dir))
    data = json.loads(result.stdout)
    assert data["counts"]["reviews"] == 84 and data["counts"]["documents"] == 5
    per_doc = {d["name"]: d["reviews"] for d in data["documents"]}
    assert per_doc["nspcc-2018-case-reviews-published-in-2018.txt"] == 68


@pytest.mark.parametrize("args, message", [
    (["search"], "give either a QUESTION or --queries FILE"),
    (["search", "x", "--year", "last"], "Invalid value"),
    (["search", "x", "--k", "0"], "Invalid value"),
    (["search", "   "], "question: the question is empty"),
    (["ask", ""], "the question is empty"),
    (["search", "x", "--bogus"], "No such option: --bogus (see `"),
    (["ingest", "--vectors", "ivf"], "'ivf' is not one of 'auto', 'flat', 'hnsw'"),
    (["serve", "--port", "0"], "Invalid value for '--port'"),
])
def test_bad_flags_and_questions_get_a_clear_error(bundled_index_dir, args, message):
    result = run(*args, "--index", str(bundled_index_dir))
    assert result.exit_code == 2  # (an empty question to `search` had been 1, to `ask` 2)
    assert message in result.stderr
    # one line, as every error is (click's were four: "Usage: ...", "Try ...", "", "Error: ...")
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("error: ")


def test_reviewqa_alone_prints_its_help():
    result = run()
    assert result.exit_code == 2 and "Commands:" in result.output and "ingest" in result.output


def test_malformed_batch_lines_are_named_and_the_rest_go_on(tmp_path, bundled_index_dir):
    # one malformed line had stopped the whole batch, and a question of no valid text
    # (a lone surrogate) raised a TypeError from the tokenizer
    queries = tmp_path / "q.jsonl"
    queries.write_text('{"id": 1, "question": "neglect"}\n{"id": 2, "question": \n'
                       '["not", "an", "object"]\n{"question": "neglect \\ud800 x"}\n'
                       '{"id": 5, "question": "escalation"}\n', encoding="utf-8")
    result = run("search", "--queries", str(queries), "--json", "--index", str(bundled_index_dir))
    assert result.exit_code == 1
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == [1, 5]
    errors = result.stderr.splitlines()
    assert errors[0] == f"error: {queries}:2: malformed JSON (Expecting value)", errors
    assert errors[1] == f'error: {queries}:3: expected an object with a "question" string'
    assert errors[2].startswith(f"error: {queries}:4: the question is not valid text"), errors
    assert len(errors) == 3 and "Traceback" not in result.stderr
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n", encoding="utf-8")
    result = run("search", "--queries", str(empty), "--index", str(bundled_index_dir))
    assert result.exit_code == 2 and f"{empty}: no queries in the file" in result.stderr


def test_ingest_reports_each_bad_file_and_exits_non_zero(tmp_path):
    good = tmp_path / "brief.txt"
    good.write_text("Learning brief: Child Q\n\nWhat went wrong?\n\n- Information about the "
                    "father was not shared between agencies.\n", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = run("ingest", str(good), str(empty), str(tmp_path / "missing.pdf"),
                 "--index", str(tmp_path / "index"))
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 2
    assert "1 added, 0 unchanged, 0 replaced, 2 failed" in result.stderr


def test_an_empty_path_is_refused_not_read_as_the_working_folder(tmp_path, monkeypatch):
    # `reviewqa ingest ""` indexed whatever the working folder held (Path("") is ".")
    (tmp_path / "stray.txt").write_text("Learning brief: Child Q\n\nWhat went wrong?\n\n- "
                                        "Nothing was shared.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("ingest", "", "--index", str(tmp_path / "index"))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == ["error: an empty path: give the files or folders to index"]
    assert not (tmp_path / "index").exists()


@pytest.mark.parametrize("command", [["search", "neglect"], ["ask", "neglect"], ["info"],
                                     ["ingest"]])
def test_an_index_folder_that_cannot_be_created_is_one_line(tmp_path, command):
    # a file where the folder would go, or a name too long, had been a NotADirectoryError or
    # an OSError traceback
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    for index, why in ((tmp_path / "afile" / "sub", "Not a directory"),
                       (tmp_path / ("n" * 300), "File name too long")):
        result = run(*command, "--index", str(index))
        assert result.exit_code == 1, result.output
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
        assert why in lines[0] or "no index in" in lines[0], lines


def test_a_file_name_with_control_characters_cannot_forge_a_line(tmp_path):
    # "ok.txt: one review\nerror: fake.txt" printed two lines, the second a forged error;
    # a carriage return overwrote the line, an escape sequence retitled the terminal
    forged = tmp_path / "ok.txt: one review\nerror: fake.txt"
    forged.write_bytes(b"")
    titled = tmp_path / "t\x1b]0;PWNED\x07\rx.txt"
    titled.write_bytes(b"")
    result = run("ingest", str(forged), str(titled), "--index", str(tmp_path / "index"))
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 2, result.stderr
    assert "ok.txt: one review\\nerror: fake.txt: " in errors[0]
    assert not any("\x1b" in line or "\x07" in line for line in errors)  # (tqdm's bar aside)
    assert "t\\x1b]0;PWNED\\x07\\rx.txt" in errors[1], errors


def test_search_grouped_by_review(bundled_index_dir):
    result = run("search", "what went wrong with escalation?", "--k", "8", "--by-review",
                 "--index", str(bundled_index_dir))
    assert result.exit_code == 0, result.output
    groups = json.loads(result.stdout)["reviews"]
    ids = [g["review"]["id"] for g in groups]
    assert len(ids) == len(set(ids)) and sum(len(g["hits"]) for g in groups) == 8
    assert all(h["review"]["id"] == g["review"]["id"] for g in groups for h in g["hits"])
    best_ranks = [g["hits"][0]["rank"] for g in groups]
    assert best_ranks == sorted(best_ranks)  # groups in the order of their best hit


def test_an_interrupted_ingest_says_so_in_one_line(tmp_path, monkeypatch):
    # Ctrl-C exited 130 without a word
    from reviewqa.embed.pipeline import CorpusIndex

    def interrupted(self, paths, progress=False):
        raise KeyboardInterrupt

    monkeypatch.setattr(CorpusIndex, "ingest", interrupted)
    brief = tmp_path / "brief.txt"
    brief.write_text("Learning brief: Child Q\n\nWhat went wrong?\n\n- Nothing was shared.\n",
                     encoding="utf-8")
    result = run("ingest", str(brief), "--index", str(tmp_path / "index"))
    assert result.exit_code == 130
    assert result.stderr.strip().splitlines() == [
        "error: interrupted: nothing is half-written; run `reviewqa ingest` again to finish "
        "(the next search would otherwise finish it first)"]


def test_batch_lines_nested_too_deeply_or_with_infinite_numbers_are_named(tmp_path,
                                                                         bundled_index_dir):
    # a line nested 5,000 deep had been a RecursionError traceback, the good lines lost; an
    # "id" of 1e400 came back as Infinity, which no JSON reader takes
    queries = tmp_path / "q.jsonl"
    queries.write_text('{"id": 1, "question": "neglect"}\n'
                       '{"id": 2, "x": ' + "[" * 5000 + "]" * 5000 + ', "question": "neglect"}\n'
                       '{"id": 1e400, "question": "neglect"}\n'
                       '{"id": 4, "question": "escalation"}\n', encoding="utf-8")
    result = run("search", "--queries", str(queries), "--json", "--k", "1",
                 "--index", str(bundled_index_dir))
    assert result.exit_code == 1
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == [1, 4]
    assert result.stderr.splitlines() == [
        f"error: {queries}:2: malformed JSON (nested too deeply)",
        f"error: {queries}:3: a number too large for JSON (or NaN)"]


def test_serve_where_it_cannot_listen_says_so_before_anything_else(tmp_path):
    # it had printed "serving on http://127.0.0.1:PORT/", then uvicorn's "ERROR: [Errno 98]"
    # line; an unknown host was not named
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run("serve", "--port", str(port), "--index", str(tmp_path / "index"))
    assert result.exit_code == 1
    assert result.stderr == f"error: cannot listen on 127.0.0.1:{port}: Address already in use\n"
    assert "serving on" not in result.output and not (tmp_path / "index").exists()
    result = run("serve", "--host", "999.1.1.1", "--index", str(tmp_path / "index"))
    assert result.exit_code == 1 and result.stderr.startswith(
        "error: cannot listen on 999.1.1.1:7860: ")
