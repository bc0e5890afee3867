"""`make bench`: speed and memory of the pipeline, written as JSON (never asserted in tests).

Measures, on this machine:
- raw ``model.encode`` throughput on the sample corpus's chunks vs the whole ingest
  pipeline's chunks/s on the same chunks (goal: pipeline overhead <= 10%);
- re-ingest of the unchanged corpus (goal: < 2 s), index load time, index memory;
- warm search and ask latency on the sample corpus (goals: search p50 <= 30 ms,
  p95 <= 60 ms; ask p50 <= 150 ms) and on a scaled corpus of synthetic chunks;
- start-up, in fresh processes on the sample index (``eval/bench_startup.py``): ``reviewqa
  search`` (goal <= 2 s) and ``ask`` (<= 2.5 s), median of 5, with peak memory; in-process
  ``Retriever.load`` + first search; ``reviewqa serve`` to its first answered request
  (<= 6 s) and to its web chat;
- flat vs approximate (HNSW) search time and recall@10 on synthetic vectors;
- concurrency: a real ``reviewqa serve`` process answering GET /api/search to 1, 5 and 20
  clients at once: throughput, p50/p95 latency and errors per level.

Run one section alone with ``--only`` (repeatable), e.g.
``python -m reviewqa.eval.bench --only concurrency --out concurrency.json``.

The scaled corpus reuses real sentences in shuffled order as chunk text and real chunk
vectors plus noise as vectors: realistic sizes for the store, FTS5 and FAISS, while the
question encoding is the real model's. Timings are medians over repeated runs.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import numpy as np

from reviewqa.corpus.chunker import chunk_id
from reviewqa.corpus.store import ChunkRow, Store
from reviewqa.corpus.types import ReviewMeta
from reviewqa.embed.index import Kind, VectorIndex
from reviewqa.embed.model import Embedder
from reviewqa.embed.pipeline import CorpusIndex, embed_text
from reviewqa.embed.sentences import SentenceVectors, passage_sentences
from reviewqa.retriever.search import Retriever

P = ParamSpec("P")
R = TypeVar("R")

QUESTIONS = [
    "what went wrong with escalation?",
    "information sharing between agencies",
    "a baby died while co-sleeping",
    "voice of the child not heard",
    "disguised compliance and professional curiosity",
    "domestic abuse and pre-birth assessment",
    "child sexual exploitation of teenagers",
    "fabricated or induced illness",
    "thresholds for intervention with neglect",
    "reflective supervision for social workers",
]


def machine() -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import torch

    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(),
            "torch": torch.__version__, "cuda": torch.cuda.is_available(),
            "torch_threads": torch.get_num_threads()}


def _ms(seconds: list[float]) -> dict:
    ordered = sorted(seconds)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"p50_ms": round(statistics.median(ordered) * 1000, 2), "p95_ms": round(p95 * 1000, 2),
            "runs": len(ordered)}


def _timed(fn: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> tuple[float, R]:
    start = time.perf_counter()
    out = fn(*args, **kwargs)
    return time.perf_counter() - start, out


def bench_ingest(embedder: Embedder, workdir: Path) -> tuple[dict, Path]:
    """Pipeline vs raw encode on the same chunks; unchanged re-ingest; load; memory."""
    embedder.encode(["warm up the model"] * 32)  # first-call costs out of both timings
    pipeline_runs = []
    for run in range(2):  # best of two: the figure is a ratio of two timings on a busy machine
        folder = workdir / f"sample-index-{run}"
        with CorpusIndex.open(folder, embedder=embedder) as index:
            seconds, report = _timed(index.ingest_bundled)
            pipeline_runs.append(seconds)
            chunks = index.store.chunks()
            memory = index.vectors.memory_bytes()
    texts = [embed_text(c) for c in chunks]
    encode_s = min(_timed(embedder.encode, texts)[0] for _ in range(2))
    pipeline_s = min(pipeline_runs)
    with CorpusIndex.open(folder, embedder=embedder) as index:
        reingest_s, again = _timed(index.ingest_bundled)
    # The same from a cold start, as a user runs it: a new process, no model loaded.
    command = [sys.executable, "-m", "reviewqa.ui.cli", "ingest", "--index", str(folder)]
    cli_s, _ = _timed(subprocess.run, command, check=True, capture_output=True)
    loads = []
    for _ in range(5):
        seconds, index = _timed(CorpusIndex.open, folder, embedder=embedder)
        index.close()
        loads.append(seconds)
    return {
        "chunks": len(chunks),
        "encode_only": {"seconds": round(encode_s, 3), "chunks_per_s": round(len(chunks) / encode_s, 1)},
        "pipeline": {"seconds": round(pipeline_s, 3),
                     "chunks_per_s": round(len(chunks) / pipeline_s, 1),
                     "files": len(report.added)},
        "pipeline_overhead": round(pipeline_s / encode_s - 1, 4),
        "reingest_unchanged_s": round(reingest_s, 3),
        "reingest_unchanged_files": len(again.unchanged),
        "reingest_unchanged_cli_s": round(cli_s, 3),
        "index_load_s_median": round(statistics.median(loads), 4),
        "index_memory_bytes": memory,
    }, folder


def bench_queries(retriever: Retriever, repeats: int) -> dict:
    for q in QUESTIONS[:3]:  # warm caches
        retriever.search(q)
        retriever.answer(q)
    search_s, ask_s = [], []
    for _ in range(repeats):
        for q in QUESTIONS:
            search_s.append(_timed(retriever.search, q, 10)[0])
            ask_s.append(_timed(retriever.answer, q)[0])
    return {"search": _ms(search_s), "ask": _ms(ask_s)}


CHUNKS_PER_REVIEW = 20  # the scaled catalogue: one review per 20 chunks,
REVIEWS_PER_DOCUMENT = 50  # and one source document per 50 reviews
SYNTHETIC_TYPES = ("serious case review", "local child safeguarding practice review",
                   "learning brief", "thematic review")


def scaled_index(source: Path, target: Path, embedder: Embedder, n_chunks: int,
                 seed: int = 7) -> tuple[np.ndarray, np.ndarray]:
    """A copy of the sample index grown to ``n_chunks`` with synthetic chunks (see module
    doc), and its catalogue to a review per CHUNKS_PER_REVIEW chunks in a document per
    REVIEWS_PER_DOCUMENT reviews: the sample's reviews as they are, and synthetic ones
    ("Child K17", an area, a year, a type), so that reading a question against the catalogue
    is measured at scale too."""
    rng = random.Random(seed)
    nrng = np.random.default_rng(seed)
    with CorpusIndex.open(source, embedder=embedder) as index:
        real = index.store.chunks()
        vectors = {c.id: v for c, v in zip(real, embedder.encode([embed_text(c) for c in real]),
                                           strict=True)}
        catalogue = [ReviewMeta(title=r.title, area=r.area, year=r.year, review_type=r.type)
                     for r in index.store.reviews()]
    areas = sorted({m.area for m in catalogue if m.area}) + [f"Borough {n}" for n in range(150)]
    catalogue += [ReviewMeta(title=f"Child {'ABCDEFGHJKLMNPRSTVWXYZ'[n % 22]}{n // 22}",
                             area=rng.choice(areas), year=rng.randint(2010, 2025),
                             review_type=rng.choice(SYNTHETIC_TYPES))
                  for n in range(max(0, n_chunks // CHUNKS_PER_REVIEW - len(catalogue)))]
    target.mkdir(parents=True, exist_ok=True)
    store = Store.open(target)
    with store.transaction():
        documents = [store.insert_document(
            key=f"synthetic{d:04}", path=str(target / f"synthetic{d:04}.txt"),
            name=f"synthetic{d:04}.txt", title=f"Synthetic case review digest {d}",
            kind="synthetic", publisher=f"{rng.choice(areas)} Safeguarding Children Partnership",
            date=None, provenance=None, format="txt", sha256=f"{d:064x}", paged=False, text="")
            for d in range(max(1, len(catalogue) // REVIEWS_PER_DOCUMENT))]
        reviews: list[tuple[str, int]] = []  # (review id, its document)
        for n, meta in enumerate(catalogue):
            rid, doc_id = f"scaled-{n}", documents[n % len(documents)]
            store.add_review_source(rid, doc_id, n, meta.title, meta.title.lower(), 0, 0, meta)
            reviews.append((rid, doc_id))
        sentences = [s for c in real for s in c.text.split(". ") if len(s.split()) > 4]
        rows: list[ChunkRow] = []
        noisy_rows: list[np.ndarray] = []
        offset = 0  # each chunk its own span of the (notional) document, as ingest gives
        for i in range(n_chunks):
            base = real[i % len(real)]
            text = ". ".join(rng.sample(sentences, 6))
            review_id, doc_id = rng.choice(reviews)
            rows.append(ChunkRow(id=chunk_id("synthetic", i, i + 1), document_id=doc_id,
                                 review_id=review_id, ord=i, section=base.section,
                                 locator=f"synthetic {i}", page=None, start=offset,
                                 end=offset + len(text), header=base.header, text=text))
            offset += len(text) + 1
            noisy = vectors[base.id] + nrng.normal(0, 0.05, size=embedder.dim).astype(np.float32)
            noisy_rows.append(noisy / np.linalg.norm(noisy))
        store.insert_chunks(rows)
    store.close()
    ids = np.asarray([r.id for r in rows], dtype=np.int64)
    vecs = np.asarray(noisy_rows, dtype=np.float32)
    vindex = VectorIndex.new(embedder.dim, kind="auto")
    vindex.add(ids, vecs)
    vindex.save(target, CorpusIndex._manifest(embedder, len(vindex), vindex.kind))
    # Sentence vectors as ingest would write them (else opening the index embeds about a
    # million sentences): each sentence its chunk's vector plus noise.
    spans = [passage_sentences(r.text, r.start) for r in rows]
    counts = np.asarray([len(group) for group in spans])
    sentence_vecs = np.repeat(vecs, counts, axis=0)
    sentence_vecs += nrng.normal(0, 0.05, size=sentence_vecs.shape).astype(np.float32)
    sentence_vecs /= np.linalg.norm(sentence_vecs, axis=1, keepdims=True)
    sentences_index = SentenceVectors(embedder.dim)
    sentences_index.add(ids.tolist(), spans, sentence_vecs)
    sentences_index.save(target, embedder.checksum)
    return ids, vecs


def _memory() -> dict[str, int] | None:
    """This process's resident memory and, of it, anonymous memory (what the kernel cannot
    reclaim without swap; the rest is page cache, e.g. memory-mapped sentence vectors), in
    bytes; Linux only (None elsewhere)."""
    try:
        fields = dict(line.split(":", 1) for line in
                      Path("/proc/self/smaps_rollup").read_text().splitlines()[1:])
        return {"rss": int(fields["Rss"].split()[0]) * 1024,
                "anonymous": int(fields["Anonymous"].split()[0]) * 1024}
    except (OSError, ValueError, KeyError):
        return None


def recall_vs_exact(index: VectorIndex, ids: np.ndarray, vecs: np.ndarray, queries: np.ndarray) -> float:
    """recall@10 of ``index`` against an exact scan of the same vectors."""
    exact = ids[np.argsort(-(queries @ vecs.T), axis=1)[:, :10]]
    _, found = index.search(queries, 10)
    return float(np.mean([len(set(a) & set(b)) / 10 for a, b in zip(found, exact, strict=True)]))


def bench_ann(n: int, dim: int, queries: int = 200, seed: int = 11) -> dict:
    """Flat vs HNSW on ``n`` clustered synthetic unit vectors: time per query and recall@10."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(max(8, n // 500), dim)).astype(np.float32)
    data = centres[rng.integers(0, len(centres), n)] + rng.normal(0, 0.6, (n, dim)).astype(np.float32)
    data /= np.linalg.norm(data, axis=1, keepdims=True)
    ids = np.arange(n, dtype=np.int64)
    q = data[rng.integers(0, n, queries)] + rng.normal(0, 0.3, (queries, dim)).astype(np.float32)
    q /= np.linalg.norm(q, axis=1, keepdims=True)
    out: dict[str, Any] = {"vectors": n, "dim": dim, "queries": queries}
    truth: np.ndarray | None = None
    kinds: tuple[Kind, ...] = ("flat", "hnsw")
    for kind in kinds:
        index = VectorIndex.new(dim, kind=kind)
        build_s, _ = _timed(index.add, ids, data)
        times: list[float] = []
        rows: list[np.ndarray] = []
        for row in q:
            seconds, (_, got) = _timed(index.search, row[None, :], 10)
            times.append(seconds)
            rows.append(got[0])
        found = np.asarray(rows)
        if truth is None:
            truth = found  # the flat index's exact answers
        recall = float(np.mean([len(set(a) & set(b)) / 10
                                for a, b in zip(found, truth, strict=True)]))
        out[kind] = {"build_s": round(build_s, 2), **_ms(times), "recall_at_10": round(recall, 4),
                     "memory_bytes": index.memory_bytes()}
    out["hnsw_speedup"] = round(out["flat"]["p50_ms"] / max(out["hnsw"]["p50_ms"], 1e-6), 2)
    return out


CONCURRENCY_LEVELS = (1, 5, 20)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _search_path(question: str) -> str:
    return "/api/search?" + urllib.parse.urlencode({"q": question, "k": 10})


def _get(port: int, path: str, timeout: float = 60) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def _clients(port: int, clients: int, seconds: float) -> dict:
    """``clients`` threads, each on its own keep-alive connection, sending GET /api/search
    (the question set in turn) back to back for ``seconds``."""
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors = [0] * clients
    barrier = threading.Barrier(clients + 1)
    stop_at = [0.0]

    def client(n: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        i = n
        barrier.wait()
        while time.perf_counter() < stop_at[0]:
            path = _search_path(QUESTIONS[i % len(QUESTIONS)])
            i += 1
            start = time.perf_counter()
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            if ok:
                latencies[n].append(time.perf_counter() - start)
            else:
                errors[n] += 1
        conn.close()

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
    for t in threads:
        t.start()
    began = time.perf_counter()
    stop_at[0] = began + seconds
    barrier.wait()
    for t in threads:
        t.join(timeout=seconds + 120)
    elapsed = time.perf_counter() - began
    done = [x for per in latencies for x in per]
    out = {"clients": clients, "seconds": round(elapsed, 2), "requests": len(done),
           "errors": sum(errors), "throughput_rps": round(len(done) / elapsed, 2)}
    if done:
        out.update(_ms(done))
    return out


def bench_concurrency(index_dir: Path, seconds: float = 20.0, workers: int = 1,
                      levels: tuple[int, ...] = CONCURRENCY_LEVELS,
                      startup_s: float = 300.0) -> dict:
    """``reviewqa serve`` over ``index_dir`` in its own process (as users run it, so the
    clients here do not share its interpreter), then 1, 5 and 20 concurrent clients for
    ``seconds`` each. Bounded: start-up waits at most ``startup_s``; the server is stopped
    (Ctrl+C, then SIGKILL to its process group) however the section ends."""
    port = _free_port()
    command = [sys.executable, "-m", "reviewqa.ui.cli", "serve", "--index", str(index_dir),
               "--port", str(port), "--workers", str(workers)]
    with tempfile.TemporaryFile() as log:
        started = time.perf_counter()
        proc = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True)
        try:
            deadline = started + startup_s
            while True:
                if proc.poll() is not None:
                    log.seek(0)
                    raise RuntimeError(f"reviewqa serve exited {proc.returncode}: "
                                       + log.read().decode(errors="replace")[-2000:])
                try:
                    if _get(port, _search_path(QUESTIONS[0]), timeout=30) == 200:
                        break
                except OSError:
                    pass
                if time.perf_counter() > deadline:
                    raise RuntimeError(f"reviewqa serve did not answer within {startup_s:.0f} s")
                time.sleep(0.5)
            ready_s = time.perf_counter() - started
            for q in QUESTIONS:  # warm: every question once
                _get(port, _search_path(q))
            load_before = os.getloadavg()
            per_level = {str(n): _clients(port, n, seconds) for n in levels}
            load_after = os.getloadavg()
        finally:
            if proc.poll() is None:
                proc.send_signal(signal.SIGINT)
                with suppress(subprocess.TimeoutExpired):
                    proc.wait(timeout=30)
            with suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)  # its own session: uvicorn's workers too
            proc.wait(timeout=30)
    first, last = str(levels[0]), str(levels[-1])
    return {
        "server": f"reviewqa serve --workers {workers} (its own process), on 127.0.0.1",
        "request": "GET /api/search?q=...&k=10, the question set in turn, keep-alive",
        "seconds_per_level": seconds,
        "server_ready_s": round(ready_s, 1),
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in load_after],
        "levels": per_level,
        f"throughput_ratio_{last}_vs_{first}": round(
            per_level[last]["throughput_rps"] / max(per_level[first]["throughput_rps"], 1e-9), 2),
    }


def sample_index(embedder: Embedder, workdir: Path) -> Path:
    """The bundled sample corpus indexed into ``workdir`` (for sections run without ingest)."""
    folder = workdir / "sample-index"
    with CorpusIndex.open(folder, embedder=embedder) as index:
        index.ingest_bundled()
    return folder


SECTIONS = ("ingest", "sample", "startup", "scaled", "ann", "concurrency")


def startup_in_small_process(index: Path, work: Path) -> dict:
    """``eval/bench_startup.py`` run from a fresh interpreter: a child's peak memory counts
    what it shared with its parent before exec, so the processes it times must not be
    forked from this one (which holds torch and the model)."""
    out = work / "startup.json"
    done = subprocess.run([sys.executable, "-m", "reviewqa.eval.bench_startup", "--index",
                           str(index), "--out", str(out)], capture_output=True, text=True,
                          timeout=1200, check=False)
    if not out.is_file():
        return {"error": (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1]}
    return json.loads(out.read_text(encoding="utf-8"))


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("bench.json"))
    parser.add_argument("--only", action="append", choices=SECTIONS,
                        help="run only this section (repeatable); default: all")
    parser.add_argument("--index", type=Path,
                        help="an index of the sample corpus for the sample, scaled and "
                             "concurrency sections (default: one built here)")
    parser.add_argument("--scale-chunks", type=int, default=100_000)
    parser.add_argument("--ann-vectors", type=int, default=200_000)
    parser.add_argument("--repeats", type=int, default=5, help="rounds of the question set")
    parser.add_argument("--concurrency-seconds", type=float, default=20.0,
                        help="how long each level of concurrent clients runs")
    parser.add_argument("--serve-workers", type=int, default=1,
                        help="`reviewqa serve --workers` for the concurrency section")
    args = parser.parse_args(argv)
    only = set(args.only or SECTIONS)

    embedder = Embedder.load()
    results: dict = {"machine": machine(), "model": embedder.name, "device": embedder.device}
    with tempfile.TemporaryDirectory(prefix="reviewqa-bench-") as tmp:
        work = Path(tmp)
        sample = args.index
        if "ingest" in only:
            print("ingest pipeline vs raw encode ...", flush=True)
            results["ingest"], sample = bench_ingest(embedder, work)
        if sample is None and only & {"sample", "startup", "scaled", "concurrency"}:
            print("indexing the sample corpus ...", flush=True)
            sample = sample_index(embedder, work)
        if "sample" in only:
            print("queries on the sample corpus ...", flush=True)
            retriever = Retriever(CorpusIndex.open(sample, embedder=embedder))
            results["sample_corpus"] = {"chunks": len(retriever.index.vectors),
                                        **bench_queries(retriever, args.repeats)}
            retriever.close()
        if "startup" in only:
            print("start-up of fresh processes (search, ask, serve) ...", flush=True)
            results["startup"] = startup_in_small_process(Path(sample).resolve(), work)
        if "scaled" in only:
            print(f"queries on a {args.scale_chunks}-chunk corpus ...", flush=True)
            scaled = work / "scaled-index"
            build_s, (ids, vecs) = _timed(scaled_index, sample, scaled, embedder,
                                          args.scale_chunks)
            memory_before = _memory()
            load_s, index = _timed(CorpusIndex.open, scaled, embedder=embedder)
            memory_loaded = _memory()
            retriever = Retriever(index)
            queries = embedder.encode(QUESTIONS)
            results["scaled_corpus"] = {"chunks": len(index.vectors),
                                        "reviews": len(index.store.reviews()),
                                        "documents": len(index.store.documents()),
                                        "build_s": round(build_s, 1),
                                        "index_load_s": round(load_s, 2),
                                        "vector_kind": index.vectors.kind,
                                        "index_memory_bytes": index.vectors.memory_bytes(),
                                        "sentences": len(index.sentences),
                                        "sentence_file_bytes": index.sentences.vectors.nbytes,
                                        "recall_at_10_vs_exact": round(
                                            recall_vs_exact(index.vectors, ids, vecs, queries), 4),
                                        **bench_queries(retriever, max(1, args.repeats // 2))}
            memory_queried = _memory()
            if memory_before and memory_loaded and memory_queried:  # what the index costs
                results["scaled_corpus"]["memory_added_bytes"] = {
                    when: {kind: after[kind] - memory_before[kind] for kind in after}
                    for when, after in (("open", memory_loaded), ("after_queries", memory_queried))}
            retriever.close()
        if "ann" in only:
            print(f"flat vs HNSW on {args.ann_vectors} vectors ...", flush=True)
            results["ann"] = bench_ann(args.ann_vectors, embedder.dim)
        if "concurrency" in only:
            print(f"concurrent clients {CONCURRENCY_LEVELS} on reviewqa serve "
                  f"--workers {args.serve_workers} ...", flush=True)
            results["concurrency"] = bench_concurrency(sample, args.concurrency_seconds,
                                                       workers=args.serve_workers)
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))
    return results


if __name__ == "__main__":
    main()
