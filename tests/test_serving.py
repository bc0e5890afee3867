"""Reliability and serving (issue #11): writers that take turns on one index, a running server
that sees another process's ingest, `info` on an empty index, and searches in parallel, in
threads and in `reviewqa serve --workers 2`. Real processes, real model, real index."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import replace
from email.message import Message
from pathlib import Path

import pytest
from helpers import Served
from typer.testing import CliRunner

from reviewqa.corpus.manifest import bundled_corpus_dir
from reviewqa.corpus.store import Store
from reviewqa.embed.index import VectorIndex
from reviewqa.embed.pipeline import LOCK_FILE, CorpusIndex
from reviewqa.retriever.search import Retriever
from reviewqa.ui.cli import app
from reviewqa.ui.server import create_app

WAITING = "waiting for another process writing to"
SUBPROCESS_TIMEOUT_S = 240  # each CLI process: ~15 s alone on two busy cores

# A small review found nowhere in the bundled corpus (no ferry, no island there).
ISLAND_BRIEF = """Learning brief: Child Zed

What happened?

- Zed lived with his grandmother on a small island served by one ferry a week.
- The school nurse saw bruising on his arms and told the island's social worker.
- The ferry timetable delayed the child protection medical by nine days, and nobody
  arranged for a paediatrician to travel to the island instead.

What was learned?

- Partners should agree in advance how children on remote islands reach a child
  protection medical when the ferry does not sail.
"""
ISLAND_QUESTION = "the ferry timetable delayed the child protection medical on the island"


def _cli() -> list[str]:
    """`reviewqa` as installed next to this interpreter (the venv's console script)."""
    script = Path(sys.executable).with_name("reviewqa")
    return [str(script)] if script.exists() else [sys.executable, "-m", "reviewqa.ui.cli"]


def _saved_state(directory: Path, embedder) -> tuple[list[int], list[int], set[int]]:
    """(store chunk ids, saved vector ids, saved sentence-vector chunk ids), read from the files
    without CorpusIndex.open, whose sync would mend a folder that was left out of step."""
    from reviewqa.embed.sentences import SentenceVectors

    with Store.open(directory) as store:
        stored = store.chunk_ids()
    vectors, _ = VectorIndex.load(directory, expected=CorpusIndex._manifest(embedder, 0, "auto"),
                                  kind="auto")
    sentences = SentenceVectors.load(directory, embedder.dim, embedder.checksum)
    return stored, sorted(vectors.ids().tolist()), sentences.chunk_ids() if sentences else set()


def _assert_whole(directory: Path, embedder) -> dict[str, int]:
    """The folder is in step as saved (store, vectors, sentence vectors), opens without
    mending anything, holds no temporary files and an intact SQLite file; returns counts."""
    stored, saved, sentence_ids = _saved_state(directory, embedder)
    assert stored and saved == stored
    assert sentence_ids == set(stored)
    leftovers = [p.name for p in directory.iterdir() if p.name.endswith(".tmp")
                 or (p.name.startswith(".") and p.name != LOCK_FILE)]
    assert leftovers == []
    with sqlite3.connect(directory / Store.FILENAME) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with CorpusIndex.open(directory, embedder=embedder) as index:
        assert sorted(index.vectors.ids().tolist()) == sorted(index.store.chunk_ids()) == stored
        assert index.sync() == (0, 0)  # nothing left to embed or drop
        return index.store.counts()


# -- item 2: two ingests into one index ----------------------------------------------------------


def test_two_ingest_processes_on_one_index_take_turns_and_both_land(tmp_path, embedder):
    """Two `reviewqa ingest` processes started together into one new index: the second waits
    with a message instead of dying with "database is locked", and both documents land with
    the vectors in step. The test holds the folder's write lock until both are waiting, so the
    contention is certain, not a matter of timing; then both race for it."""
    names = ("bradford-2018-sameer-learning-brief.txt", "torbay-2024-nspcc-repository-january.txt")
    index_dir = tmp_path / "index"
    index_dir.mkdir()
    procs, logs = [], []
    with open(index_dir / LOCK_FILE, "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            for n, name in enumerate(names, 1):
                folder = tmp_path / f"w{n}"
                folder.mkdir()
                shutil.copy(bundled_corpus_dir() / name, folder / name)
                log = tmp_path / f"w{n}.log"
                logs.append(log)
                with open(log, "wb") as out:
                    procs.append(subprocess.Popen(
                        [*_cli(), "ingest", str(folder), "--index", str(index_dir)],
                        stdout=out, stderr=subprocess.STDOUT, cwd=tmp_path))
            deadline = time.monotonic() + SUBPROCESS_TIMEOUT_S
            while not all(WAITING in log.read_text(errors="replace") for log in logs):
                failed = [(p.returncode, log.read_text(errors="replace"))
                          for p, log in zip(procs, logs, strict=True) if p.poll() is not None]
                assert not failed, failed  # neither may finish (or die) while the lock is held
                assert time.monotonic() < deadline, [log.read_text(errors="replace") for log in logs]
                time.sleep(0.2)
        except BaseException:
            for p in procs:
                p.kill()
                p.wait(timeout=30)
            raise
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    try:
        codes = [p.wait(timeout=SUBPROCESS_TIMEOUT_S) for p in procs]
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait(timeout=30)
    outputs = [log.read_text(errors="replace") for log in logs]
    assert codes == [0, 0], outputs
    for output in outputs:
        waiting = [line for line in output.splitlines() if WAITING in line]
        assert waiting == [f"reviewqa: {WAITING} {index_dir} ..."]
        assert "database is locked" not in output
        assert "1 added, 0 unchanged, 0 replaced, 0 failed" in output
    counts = _assert_whole(index_dir, embedder)
    assert counts["documents"] == 2
    with Store.open(index_dir) as store:
        documents = {d.name: d.id for d in store.documents()}
        assert set(documents) == set(names)
        by_document = {c.document_id for c in store.chunks()}
    assert by_document == set(documents.values())  # both documents' chunks are there


def test_opening_a_store_another_connection_is_creating_waits_for_it(tmp_path):
    """The cause of a flake in the test above: while another connection holds a write
    transaction on a file still in rollback-journal mode (a second process creating the new
    index), switching to WAL answers "database is locked" at once, whatever the busy timeout.
    Opening a store waits for it instead."""
    path = tmp_path / Store.FILENAME
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("CREATE TABLE creating (x)")
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO creating VALUES (1)")
    with pytest.raises(sqlite3.OperationalError, match="locked"):  # SQLite's own answer
        sqlite3.connect(path, isolation_level=None, timeout=5).execute("PRAGMA journal_mode = WAL")
    release = threading.Timer(0.5, lambda: other.execute("COMMIT"))
    release.start()
    try:
        store = Store(path)  # waits for the COMMIT, then switches to WAL
        try:
            assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        finally:
            store.close()
    finally:
        release.join()
        other.close()


def test_a_writer_that_opened_before_another_process_wrote_keeps_both(tmp_path, embedder,
                                                                       small_corpus):
    """Two handles on one folder, as two processes have: the second opened before the first
    ingested and takes the lock after it has finished (no wait). Its ingest must start from
    what the first saved, not overwrite the first's vectors with its own stale ones."""
    sameer, torbay = sorted(small_corpus.iterdir())
    index_dir = tmp_path / "index"
    first = CorpusIndex.open(index_dir, embedder=embedder)
    second = CorpusIndex.open(index_dir, embedder=embedder)  # opened before anything was written
    try:
        assert first.ingest([sameer]).ok
        assert second.ingest([torbay]).ok
        assert sorted(second.vectors.ids().tolist()) == sorted(second.store.chunk_ids())
    finally:
        first.close()
        second.close()
    assert _assert_whole(index_dir, embedder)["documents"] == 2


def test_opening_an_index_another_process_is_writing_leaves_its_work_to_it(tmp_path, embedder,
                                                                          small_corpus):
    """An ingest commits the store before it saves the vectors. A process opening the folder
    meanwhile (`reviewqa info`, `search`) had taken the store's lead for a crashed ingest and
    embedded the new document itself, for over a minute, beside the writer; it now searches
    what is saved and leaves the rest to the writer. With no writer, the lead is mended."""
    from reviewqa.corpus.ingest import ingest

    sameer, torbay = sorted(small_corpus.iterdir())
    index_dir = tmp_path / "index"
    with CorpusIndex.open(index_dir, embedder=embedder) as index:
        assert index.ingest([sameer]).ok
        saved = sorted(index.vectors.ids().tolist())
    with Store.open(index_dir) as store:  # the writer's store commit, its vectors not saved yet
        assert ingest(store, [torbay]).ok
        ahead = sorted(store.chunk_ids())
    assert len(ahead) > len(saved)
    with open(index_dir / LOCK_FILE, "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the writer, still at work
        with CorpusIndex.open(index_dir, embedder=embedder) as reader:
            assert sorted(reader.vectors.ids().tolist()) == saved
            assert reader.store.counts()["documents"] == 2
            hits = Retriever(reader).search("what did Sameer's school do?", k=3)
            assert hits and hits[0].review.title == "Sameer"
    with CorpusIndex.open(index_dir, embedder=embedder) as mended:  # no writer: a crash mended
        assert sorted(mended.vectors.ids().tolist()) == ahead


# -- item 6: a running server sees another process's ingest --------------------------------------


def test_running_server_finds_a_document_another_process_ingested(tmp_path, bundled_index_dir,
                                                                    embedder):
    index_dir = tmp_path / "index"
    shutil.copytree(bundled_index_dir, index_dir)  # the shared fixture stays as it is
    docs = tmp_path / "new"
    docs.mkdir()
    (docs / "island-brief.txt").write_text(ISLAND_BRIEF, encoding="utf-8")
    retriever = Retriever(CorpusIndex.open(index_dir, embedder=embedder))
    try:
        with Served(create_app(retriever, web_app="off")) as served:
            def get(path: str) -> dict:
                with urllib.request.urlopen(served.url + path, timeout=60) as response:
                    assert response.status == 200
                    return json.loads(response.read())

            query = "/api/search?" + urllib.parse.urlencode({"q": ISLAND_QUESTION, "k": 5})
            before = get(query)["hits"]
            assert all(h["source"]["document"] != "island-brief.txt" for h in before)
            assert "island-brief.txt" not in json.dumps(get("/api/reviews"))

            done = subprocess.run([*_cli(), "ingest", str(docs), "--index", str(index_dir)],
                                  capture_output=True, text=True, cwd=tmp_path,
                                  timeout=SUBPROCESS_TIMEOUT_S)
            assert done.returncode == 0, done.stdout + done.stderr

            hits = get(query)["hits"]
            new = [h for h in hits if h["source"]["document"] == "island-brief.txt"]
            assert new and hits[0] is new[0], hits  # the new passage comes first
            with Store.open(index_dir) as store:
                island = [d for d in store.documents() if d.name == "island-brief.txt"]
                new_ids = {c.id for c in store.chunks() if c.document_id == island[0].id}
            # The server's vectors now hold the new chunks, and its dense side ranks them.
            assert new_ids <= set(retriever.index.vectors.ids().tolist())
            assert new_ids <= retriever.index.sentences.chunk_ids()
            dense_only = replace(retriever.config, mode="dense")
            dense_hits = retriever.search(ISLAND_QUESTION, k=5, config=dense_only)
            assert dense_hits[0].chunk.id in new_ids
            assert dense_hits[0].dense_score is not None and dense_hits[0].dense_score > 0.5
            hybrid = {h.chunk_id: h for h in retriever.search(ISLAND_QUESTION, k=5)}
            assert hybrid[new[0]["chunk_id"]].dense_score is not None
            assert hybrid[new[0]["chunk_id"]].lexical_rank is not None

            reviews = get("/api/reviews")["reviews"]
            listed = [r for r in reviews
                      if any(s["document"] == "island-brief.txt" for s in r["sources"])]
            assert len(listed) == 1 and "Zed" in listed[0]["title"], listed
    finally:
        retriever.close()


# -- item 7: info on an empty index, or on none ----------------------------------------------------


def test_info_on_an_empty_index_says_so_and_indexes_nothing(tmp_path):
    index_dir = tmp_path / "index"
    Store.open(index_dir).close()  # an index that exists but holds nothing
    result = CliRunner().invoke(app, ["info", "--index", str(index_dir)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: the index in {index_dir} is empty: add documents with `reviewqa ingest PATH`"]
    with Store.open(index_dir) as store:
        assert store.counts()["documents"] == 0
    assert not (index_dir / "vectors.json").exists()


def test_info_where_there_is_no_index_says_there_is_none(tmp_path):
    index_dir = tmp_path / "nothing-here"
    result = CliRunner().invoke(app, ["info", "--index", str(index_dir)])
    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith(f"error: no index in {index_dir}")
    assert not Store.exists(index_dir)


@pytest.mark.parametrize("command", ["search", "ask"])
def test_search_and_ask_with_no_index_index_the_bundled_corpus(tmp_path, embedder, monkeypatch,
                                                               command):
    """Where there is no index, search and ask build one from the bundled corpus (here made
    one of its documents, and the session's model, to keep the test fast)."""
    from reviewqa.embed.model import Embedder

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(bundled_corpus_dir() / "bradford-2018-sameer-learning-brief.txt", corpus)
    monkeypatch.setattr("reviewqa.embed.pipeline.bundled_corpus_dir", lambda: corpus)
    monkeypatch.setattr(Embedder, "load", classmethod(lambda cls, *args, **kwargs: embedder))
    index_dir = tmp_path / "index"
    result = CliRunner().invoke(app, [command, "what did Sameer's school do?", "--index",
                                      str(index_dir)])
    assert result.exit_code == 0, result.output
    assert "No index yet: indexing the bundled sample corpus first." in result.stderr
    assert "Sameer" in result.stdout
    with Store.open(index_dir) as store:
        assert [d.name for d in store.documents()] == ["bradford-2018-sameer-learning-brief.txt"]


# -- a read-only index folder -------------------------------------------------------------------


def _read_only(directory: Path) -> list[str]:
    """A command prefix that runs a command with ``directory`` unwritable, as a read-only mount
    or a folder shared read-only is: for anyone but root its permissions, for root (whom
    permissions do not stop) a read-only bind mount in a mount namespace of the command's own."""
    if os.geteuid() != 0:
        for path in [directory, *directory.iterdir()]:
            path.chmod(0o555 if path.is_dir() else 0o444)
        return []
    mount = ["unshare", "--mount", "sh", "-c", 'mount --bind -o ro "$0" "$0" && exec "$@"',
             str(directory)]
    if shutil.which("unshare") is None or subprocess.run(
            [*mount, "true"], capture_output=True).returncode != 0:
        pytest.skip("running as root without a mount namespace: no folder can be made read-only")
    return mount


def _copy_closed(source: Path, target: Path) -> None:
    """A copy of an index folder as a finished ingest leaves it: no write-ahead log beside the
    store (closing the copy's only connection folds one in and deletes it)."""
    shutil.copytree(source, target)  # (with the -wal of a connection the session holds open)
    db = sqlite3.connect(target / Store.FILENAME)
    db.execute("SELECT count(*) FROM meta").fetchone()  # a read opens the log, to fold it in
    db.close()
    assert not [p.name for p in target.iterdir() if p.name.endswith(("-wal", "-shm"))]


def _run(command: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, cwd=cwd,
                          timeout=SUBPROCESS_TIMEOUT_S)


def test_a_read_only_index_folder_is_searched_and_refuses_changes_in_one_line(
        tmp_path, bundled_index_dir, small_corpus):
    """A read-only index folder (a read-only volume in a container) is searched and asked as a
    writable one is, without a file written beside it; ingest, rebuild and remove there stop
    with one line naming the folder, and leave it as it was. It had said "cannot open the
    index (unable to open database file): rebuild with `reviewqa ingest --rebuild`", the way
    out that would have thrown the index away."""
    index_dir = tmp_path / "index"
    _copy_closed(bundled_index_dir, index_dir)
    before = {p.name: p.stat().st_mtime_ns for p in index_dir.iterdir()}
    prefix = _read_only(index_dir)
    search = _run([*prefix, *_cli(), "search", "what did Sameer's school do?", "--json",
                   "--index", str(index_dir)], tmp_path)
    assert search.returncode == 0, search.stderr
    titles = [hit["review"]["title"] for hit in json.loads(search.stdout)["hits"]]
    assert titles[0] == "Sameer"
    ask = _run([*prefix, *_cli(), "ask", "what went wrong with escalation?", "--index",
                str(index_dir)], tmp_path)
    assert ask.returncode == 0, ask.stderr
    assert "escalat" in ask.stdout and "[1]" in ask.stdout
    refused = f"error: {index_dir}: the index folder is read-only: it can be searched, not changed"
    for change in (["ingest", str(small_corpus)], ["ingest", "--rebuild"],
                   ["remove", "bradford-2018-sameer-learning-brief.txt"]):
        result = _run([*prefix, *_cli(), *change, "--index", str(index_dir)], tmp_path)
        assert result.returncode == 1, result.stderr
        assert result.stderr.splitlines()[-1:] == [refused], result.stderr
        assert "Traceback" not in result.stderr
    assert {p.name: p.stat().st_mtime_ns for p in index_dir.iterdir()} == before


def test_a_read_only_folder_with_a_write_ahead_log_left_in_it_is_read_with_it(
        tmp_path, bundled_index_dir):
    """A folder copied while a writer held it open keeps that writer's last transaction in the
    -wal file; read-only, the store reads it there rather than the stale main file."""
    index_dir = tmp_path / "index"
    _copy_closed(bundled_index_dir, index_dir)
    writer = sqlite3.connect(index_dir / Store.FILENAME, isolation_level=None)
    try:
        writer.execute("PRAGMA wal_autocheckpoint = 0")  # keep the write in the log
        writer.execute("INSERT INTO meta(key, value) VALUES ('probe', 'in the log')")
        frozen = tmp_path / "frozen"
        shutil.copytree(index_dir, frozen)
    finally:
        writer.close()
    assert (frozen / f"{Store.FILENAME}-wal").stat().st_size > 0
    prefix = _read_only(frozen)
    read = _run([*prefix, sys.executable, "-c",
                 "import sys; from reviewqa.corpus.store import Store; "
                 "print(Store.open(sys.argv[1]).get_meta('probe'))",
                 str(frozen)], tmp_path)
    assert read.returncode == 0, read.stderr
    assert read.stdout == "in the log\n"


# -- item 9: searches in parallel --------------------------------------------------------------


def test_threads_search_at_once_and_get_the_single_threaded_results(retriever):
    questions = ["what went wrong with escalation?", "a baby died while co-sleeping",
                 "voice of the child not heard", "information sharing between agencies",
                 "disguised compliance", "domestic abuse and pre-birth assessment"]

    def shown(hits):
        return [(h.chunk_id, round(h.score, 9), h.dense_score, h.lexical_rank) for h in hits]

    expected = {q: shown(retriever.search(q)) for q in questions}
    threads_n = 2 * len(questions)
    barrier = threading.Barrier(threads_n)
    results: list = [None] * threads_n
    spans: list = [None] * threads_n
    errors: list = []

    def work(i: int) -> None:
        q = questions[i % len(questions)]
        try:
            barrier.wait(timeout=60)
            start = time.monotonic()
            hits = retriever.search(q)
            spans[i] = (start, time.monotonic())
            results[i] = (q, shown(hits))
        except BaseException as err:  # reported below, not lost in the thread
            errors.append(err)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(threads_n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads)
    assert errors == []
    for q, got in results:
        assert got == expected[q]
    overlapping = [(a, b) for a in range(threads_n) for b in range(threads_n)
                   if a != b and spans[a][0] < spans[b][0] < spans[a][1]]
    assert overlapping  # some search started while another was still running


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _stop(proc: subprocess.Popen) -> int | None:
    """Ctrl+C, as a user stops it; returns its exit status, or None when it had to be killed.
    Whatever is left of its process group (its own session: uvicorn's workers) after 10 s
    more is killed too."""
    code = proc.poll()
    if code is None:
        proc.send_signal(signal.SIGINT)
        with contextlib.suppress(subprocess.TimeoutExpired):
            code = proc.wait(timeout=30)
    deadline = time.monotonic() + 10
    with contextlib.suppress(ProcessLookupError):
        while time.monotonic() < deadline and code is not None:
            os.killpg(proc.pid, 0)  # ProcessLookupError once the whole group has gone
            time.sleep(0.2)
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    return code


def test_serve_with_two_workers_answers_the_api(tmp_path, bundled_index_dir):
    index_dir = tmp_path / "index"
    shutil.copytree(bundled_index_dir, index_dir)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    log = tmp_path / "serve.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen([*_cli(), "serve", "--workers", "2", "--index", str(index_dir),
                                 "--port", str(port)], stdout=out, stderr=subprocess.STDOUT,
                                cwd=tmp_path, start_new_session=True)
    try:
        def get(path: str, timeout: float = 60) -> tuple[int, dict]:
            with urllib.request.urlopen(base + path, timeout=timeout) as response:
                return response.status, json.loads(response.read())

        search = "/api/search?" + urllib.parse.urlencode({"q": "co-sleeping", "k": 3})
        deadline = time.monotonic() + 120
        while True:
            assert proc.poll() is None, log.read_text(errors="replace")
            try:
                status, first = get(search, timeout=10)
                break
            except OSError:
                assert time.monotonic() < deadline, log.read_text(errors="replace")
                time.sleep(0.5)
        assert status == 200 and len(first["hits"]) == 3

        answers: list = []

        def client(n: int) -> None:
            for _ in range(n):
                try:
                    answers.append(get(search))
                except OSError as err:
                    answers.append((None, repr(err)))

        clients = [threading.Thread(target=client, args=(5,)) for _ in range(4)]
        for c in clients:
            c.start()
        for c in clients:
            c.join(timeout=120)
        assert len(answers) == 20
        assert all(status == 200 and body == first for status, body in answers), answers[:3]

        status, root = get("/")
        assert status == 200
        assert root["service"] == "reviewqa HTTP API" and root["schema"] == "/api/openapi.json"
    finally:
        stopped = _stop(proc)
    output = log.read_text(errors="replace")
    assert stopped == 0, output  # Ctrl+C stops it (and its workers) cleanly
    assert "serving the HTTP API with 2 workers" in output
    assert "Traceback" not in output, output


# -- issue #15: `reviewqa serve` answers the API while the web chat is still being built --------


def _get(url: str, accept: str = "*/*", timeout: float = 60) -> tuple[int, Message, bytes]:
    """Status, headers (case-insensitive) and body, error statuses included."""
    request = urllib.request.Request(url, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read()


def _wait_until(check, what: str, timeout: float = 120):
    deadline = time.monotonic() + timeout
    while True:
        try:
            result = check()
            if result:
                return result
        except OSError:
            pass
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.1)


def test_serve_answers_first_then_says_when_the_web_chat_is_ready(tmp_path, bundled_index_dir):
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    log = tmp_path / "serve.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen([*_cli(), "serve", "--index", str(bundled_index_dir),
                                 "--port", str(port)], stdout=out, stderr=subprocess.STDOUT,
                                cwd=tmp_path, start_new_session=True)
    try:
        search = base + "/api/search?" + urllib.parse.urlencode({"q": "co-sleeping", "k": 3})

        def answered() -> bool:
            assert proc.poll() is None, log.read_text(errors="replace")
            status, _, body = _get(search, timeout=10)
            return status == 200 and len(json.loads(body)["hits"]) == 3

        _wait_until(answered, "the first API answer")
        _wait_until(lambda: "the web chat is ready" in log.read_text(errors="replace"),
                    "the web chat")
        status, _, page = _get(base + "/", accept="text/html")
        assert status == 200 and b"gradio" in page.lower() and b"is starting" not in page
        status, _, config = _get(base + "/config")
        assert status == 200 and json.loads(config)["mode"] == "blocks"
    finally:
        stopped = _stop(proc)
    output = log.read_text(errors="replace")
    assert stopped == 0, output
    lines = output.splitlines()
    serving = next(i for i, line in enumerate(lines) if "serving on " + base in line)
    ready = next(i for i, line in enumerate(lines) if "the web chat is ready on " + base in line)
    assert serving < ready
    assert "Traceback" not in output, output


@pytest.fixture()
def gated_web_app(monkeypatch):
    """The web app's build waits for the test to open the gate (a real Gradio build then)."""
    import reviewqa.ui.server as server

    gate = threading.Event()
    real_build = server.build_web_app

    def build(retriever):
        assert gate.wait(timeout=120), "the test never opened the gate"
        return real_build(retriever)

    monkeypatch.setattr(server, "build_web_app", build)
    return gate


def test_deferred_web_app_stands_in_until_built(retriever, gated_web_app):
    ready = threading.Event()
    app = create_app(retriever, web_app="deferred", on_web_app_ready=ready.set)
    with Served(app) as served:
        status, _, body = _get(served.url + "/api/search?q=neglect&k=2")
        assert status == 200 and len(json.loads(body)["hits"]) == 2
        status, headers, page = _get(served.url + "/", accept="text/html")
        assert status == 503 and headers["Retry-After"] == "1"
        assert b'http-equiv="refresh"' in page and b"reviewqa is starting" in page
        assert b"src=" not in page and b"http" not in page.replace(b"http-equiv", b"")
        status, _, body = _get(served.url + "/gradio_api/info")
        assert status == 503 and json.loads(body) == {
            "error": "the web chat is starting; try again in a second"}
        assert not ready.is_set()

        gated_web_app.set()
        assert ready.wait(timeout=120)
        status, _, page = _get(served.url + "/", accept="text/html")
        assert status == 200 and b"is starting" not in page
        status, _, body = _get(served.url + "/gradio_api/info")
        assert status == 200 and "/ask" in json.loads(body)["named_endpoints"]


def test_a_web_app_that_fails_to_build_leaves_the_api_serving(retriever, monkeypatch,
                                                               capsys):
    import reviewqa.ui.server as server

    def broken(retriever):
        raise RuntimeError("no theme file\nsecond line")

    monkeypatch.setattr(server, "build_web_app", broken)
    with Served(create_app(retriever, web_app="deferred")) as served:
        _wait_until(lambda: "could not start" in capsys.readouterr().out or None, "the error")
        status, _, page = _get(served.url + "/", accept="text/html")
        assert status == 503 and b"could not start" in page
        status, _, body = _get(served.url + "/gradio_api/info")
        assert status == 503 and "could not start" in json.loads(body)["error"]
        status, _, body = _get(served.url + "/api/search?q=neglect&k=2")
        assert status == 200 and len(json.loads(body)["hits"]) == 2
