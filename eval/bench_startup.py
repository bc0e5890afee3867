"""Start-up benchmark: how long a fresh process takes to answer, on an existing index.

    python -m reviewqa.eval.bench_startup --index .reviewqa-index [--runs 5] [--out startup.json]

Measures, each in fresh processes (so nothing is warm but the OS file cache):

- ``search`` / ``ask``: wall time of ``reviewqa search QUESTION`` and ``reviewqa ask QUESTION``,
  median (and all runs) of ``--runs``; for search also the peak RSS of the process;
- ``in_process``: inside a fresh ``python``, the time to import the retriever, to
  ``Retriever.load`` the index, to run the first search and the median of ten warm ones,
  which query encoder answered, and whether torch / sentence-transformers got imported;
- ``serve``: from starting ``reviewqa serve`` to its first answered ``/api/search`` request,
  and to the web chat's page at ``/`` (built after the server listens);
- with ``--torch-baseline``, ``search`` again with ``REVIEWQA_QUERY_ENCODER=torch`` (the
  start-up before the ONNX query encoder).

Prints one JSON object (and writes it to ``--out``). Every child process has a timeout and the
whole run a ``--budget``; what the budget leaves no time for is reported as skipped.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ENCODER_ENV = "REVIEWQA_QUERY_ENCODER"

IN_PROCESS = textwrap.dedent("""
    import json, resource, statistics, sys, time
    t0 = time.perf_counter()
    from reviewqa.retriever.search import Retriever
    t1 = time.perf_counter()
    retriever = Retriever.load(sys.argv[1])
    t2 = time.perf_counter()
    hits = retriever.search(sys.argv[2], k=10)
    t3 = time.perf_counter()
    warm = []
    for _ in range(10):
        start = time.perf_counter()
        retriever.search(sys.argv[2], k=10)
        warm.append(time.perf_counter() - start)
    embedder = retriever.index.embedder
    print(json.dumps({
        "import_s": t1 - t0, "load_s": t2 - t1, "first_search_s": t3 - t2,
        "load_plus_first_search_s": t3 - t1, "warm_search_median_s": statistics.median(warm),
        "hits": len(hits), "query_encoder": embedder.query_encoder_label,
        "torch_imported": "torch" in sys.modules,
        "sentence_transformers_imported": "sentence_transformers" in sys.modules,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }))
""")


class Budget:
    """The time left for the whole benchmark."""

    def __init__(self, seconds: float) -> None:
        self.deadline = time.monotonic() + seconds

    def left(self) -> float:
        return self.deadline - time.monotonic()


def reviewqa_command() -> list[str]:
    """The installed ``reviewqa`` script beside this Python, else the CLI through ``-c``."""
    script = Path(sys.executable).with_name("reviewqa")
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-c", "from reviewqa.ui.cli import app; app()"]


def child_env(**overrides: str | None) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("REVIEWQA_AUTH", None)
    env.pop("REVIEWQA_RERANKER", None)
    for key, value in overrides.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def timed_run(argv: list[str], env: dict[str, str], timeout: float) -> dict:
    """Runs one process to the end: wall seconds, exit status, peak RSS (MB, Linux/macOS)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(argv, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                   env=env, start_new_session=True)
        rss_kb = None
        try:
            if hasattr(os, "wait4"):
                deadline = time.monotonic() + timeout
                while True:
                    pid, status, usage = os.wait4(process.pid, os.WNOHANG)
                    if pid:
                        process.returncode = os.waitstatus_to_exitcode(status)
                        rss_kb = usage.ru_maxrss
                        break
                    if time.monotonic() > deadline:
                        raise subprocess.TimeoutExpired(argv, timeout)
                    time.sleep(0.01)
            else:
                process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            _stop(process)
            return {"error": f"timed out after {timeout:.0f} s"}
        wall = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace")
    result = {"wall_s": wall, "returncode": process.returncode, "stdout": stdout}
    if rss_kb is not None:
        result["peak_rss_mb"] = rss_kb / (1024 * 1024) if sys.platform == "darwin" else rss_kb / 1024
    if process.returncode != 0:
        result["error"] = (stderr.strip().splitlines() or [f"exit status {process.returncode}"])[-1]
    return result


def _stop(process: subprocess.Popen) -> None:
    """Ends a child and its process group (started with start_new_session), then reaps it."""
    for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 10)):
        if process.poll() is not None:
            return
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


def repeat(name: str, argv: list[str], env: dict[str, str], runs: int, budget: Budget,
           timeout: float) -> dict:
    """``runs`` fresh processes: the median and every run's wall time and peak RSS."""
    results: list[dict] = []
    for _ in range(runs):
        if budget.left() < 5:
            break
        result = timed_run(argv, env, min(timeout, budget.left()))
        if "error" in result:
            return {"error": f"{name}: {result['error']}", "runs": len(results)}
        results.append(result)
    if not results:
        return {"skipped": "no time left in the budget"}
    walls = [r["wall_s"] for r in results]
    summary = {"median_s": statistics.median(walls), "runs_s": walls, "runs": len(walls)}
    rss = [r["peak_rss_mb"] for r in results if "peak_rss_mb" in r]
    if rss:
        summary["peak_rss_mb"] = max(rss)
    return summary


def in_process(index: Path, question: str, runs: int, env: dict[str, str], budget: Budget,
               timeout: float) -> dict:
    """Retriever.load and the first search timed inside ``runs`` fresh interpreters."""
    rows: list[dict] = []
    for _ in range(runs):
        if budget.left() < 5:
            break
        result = timed_run([sys.executable, "-c", IN_PROCESS, str(index), question], env,
                           min(timeout, budget.left()))
        if "error" in result:
            return {"error": f"in-process: {result['error']}", "runs": len(rows)}
        rows.append(json.loads(result["stdout"].strip().splitlines()[-1]))
    if not rows:
        return {"skipped": "no time left in the budget"}
    summary: dict = {"runs": len(rows)}
    for key, value in rows[0].items():
        if isinstance(value, float):
            summary[key] = statistics.median(r[key] for r in rows)
        else:
            summary[key] = value
    summary["torch_imported"] = any(r["torch_imported"] for r in rows)
    summary["sentence_transformers_imported"] = any(r["sentence_transformers_imported"] for r in rows)
    return summary


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _status(url: str, accept: str = "*/*") -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as err:
        return err.code, b""


def serve_first_answer(index: Path, question: str, runs: int, env: dict[str, str],
                       budget: Budget, timeout: float) -> dict:
    """Seconds from starting ``reviewqa serve`` to its first answered /api/search, and to
    its web chat page answering 200 at / (loopback)."""
    api_times: list[float] = []
    web_times: list[float] = []
    for _ in range(runs):
        if budget.left() < 10:
            break
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        url = base + "/api/search?" + urllib.parse.urlencode({"q": question, "k": 5})
        argv = [*reviewqa_command(), "serve", "--index", str(index), "--port", str(port)]
        limit = min(timeout, budget.left())
        start = time.perf_counter()
        process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                   stdin=subprocess.DEVNULL, env=env, start_new_session=True)
        answered = web = None
        try:
            while time.perf_counter() - start < limit and process.poll() is None and web is None:
                try:
                    if answered is None:
                        status, body = _status(url)
                        if status == 200 and json.loads(body).get("hits"):
                            answered = time.perf_counter() - start
                            continue
                    elif _status(base + "/", "text/html")[0] == 200:
                        web = time.perf_counter() - start
                        continue
                except (urllib.error.URLError, ConnectionError, OSError, ValueError):
                    pass
                time.sleep(0.05)
        finally:
            exited = process.poll()
            _stop(process)
            stderr = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
            if process.stderr:
                process.stderr.close()
        if answered is None or web is None:
            what = "no answer" if answered is None else "no web chat"
            why = f"exited with {exited}: {stderr.strip()[-300:]}" if exited is not None \
                else f"{what} within {limit:.0f} s"
            return {"error": f"serve: {why}", "runs": len(api_times)}
        api_times.append(answered)
        web_times.append(web)
    if not api_times:
        return {"skipped": "no time left in the budget"}
    return {"median_s": statistics.median(api_times), "runs_s": api_times, "runs": len(api_times),
            "web_chat_median_s": statistics.median(web_times), "web_chat_runs_s": web_times}


def startup_report(index: Path, question: str = "neglect", *, runs: int = 5, serve_runs: int = 3,
                   timeout: float = 120, budget_s: float = 900, torch_baseline: bool = False,
                   serve: bool = True) -> dict:
    """Every start-up measure on an existing index (see the module docstring), as a dict."""
    budget = Budget(budget_s)
    env = child_env(**{ENCODER_ENV: None})
    cli = reviewqa_command()
    report: dict = {
        "index": str(index), "question": question, "runs": runs,
        "python": platform.python_version(), "cpus": os.cpu_count(),
        "query_encoder_record": _record(index),
    }
    report["search"] = repeat("search", [*cli, "search", question, "--index", str(index)],
                              env, runs, budget, timeout)
    report["ask"] = repeat("ask", [*cli, "ask", question, "--index", str(index)],
                           env, runs, budget, timeout)
    report["in_process"] = in_process(index, question, runs, env, budget, timeout)
    report["serve"] = (serve_first_answer(index, question, serve_runs, env, budget, timeout)
                       if serve else {"skipped": "--skip-serve"})
    if torch_baseline:
        report["search_torch_query_encoder"] = repeat(
            "search (torch)", [*cli, "search", question, "--index", str(index)],
            child_env(**{ENCODER_ENV: "torch"}), runs, budget, timeout)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", type=Path,
                        default=Path(os.environ.get("REVIEWQA_INDEX") or ".reviewqa-index"),
                        help="an existing index folder [default: $REVIEWQA_INDEX or ./.reviewqa-index]")
    parser.add_argument("--question", default="neglect")
    parser.add_argument("--runs", type=int, default=5, help="fresh processes per measure")
    parser.add_argument("--serve-runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=120, help="seconds per process")
    parser.add_argument("--budget", type=float, default=900, help="seconds for everything")
    parser.add_argument("--torch-baseline", action="store_true",
                        help="also time search with REVIEWQA_QUERY_ENCODER=torch")
    parser.add_argument("--skip-serve", action="store_true")
    parser.add_argument("--out", type=Path, help="also write the JSON here")
    args = parser.parse_args(argv)

    index = args.index.resolve()
    if not (index / "vectors.json").is_file():
        print(f"error: {index} holds no index: build it first with `reviewqa ingest --index {index}`",
              file=sys.stderr)
        return 2
    report = startup_report(index, args.question, runs=args.runs, serve_runs=args.serve_runs,
                            timeout=args.timeout, budget_s=args.budget,
                            torch_baseline=args.torch_baseline, serve=not args.skip_serve)
    text = json.dumps(report, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    failed = [k for k, v in report.items() if isinstance(v, dict) and "error" in v]
    return 1 if failed else 0


def _record(index: Path) -> dict | None:
    """What the index's query_encoder.json says about its query encoder (None if absent)."""
    try:
        data = json.loads((index / "query_encoder.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return {"query_encoder": data.get("query_encoder"), "min_cosine": data.get("min_cosine"),
            "tolerance": data.get("tolerance")}


if __name__ == "__main__":
    raise SystemExit(main())
