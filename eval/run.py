"""`reviewqa eval`: every retrieval configuration scored on the same gold questions, in one run.

Configurations: lexical only, dense only, hybrid, hybrid + diversity (the default),
hybrid + re-rank (when a cross-encoder is configured), and a naive LangChain pipeline as
the reference a user might otherwise build: RecursiveCharacterTextSplitter (1000/200) on
the raw files, the same embedding model, LangChain's in-memory FAISS vector store.
Relevance is judged by text (see eval/gold.py), so every configuration, whatever its
chunking, is scored the same way.

The dev set is split in two (eval/split.py): settings are tuned on the *tune* half only
(eval/tune.py), and the *test* half is what the README reports. One run scores both halves
(or the one asked for), overall, per question kind and per tag, each figure with a bootstrap
95% interval (eval/metrics.py), and scores the default extractive answer: does it quote gold
evidence, from how many of the gold reviews, and how much of what it quotes is junk. A
question file without splits (a user's own) is scored whole, as the split "all".
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from reviewqa.corpus.loaders import load_document
from reviewqa.corpus.types import IngestError
from reviewqa.retriever.search import Retriever, SearchConfig

from .gold import DEFAULT_DEV_SET, SPLITS, TAGS, GoldError, Question, load_questions
from .metrics import LEVEL, RESAMPLES, SEED, score_answer, score_hits, summarise_with_intervals

DEPTH = 10
CURVE_KS = tuple(range(1, DEPTH + 1))
TABLE_COLUMNS = [("recall@1", "R@1"), ("recall@5", "R@5"), ("recall@10", "R@10"),
                 ("rr@10", "MRR@10"), ("ndcg@10", "nDCG@10"),
                 ("review_coverage@10", "Coverage@10")]

RETRIEVAL_METRICS = [key for key, _ in TABLE_COLUMNS]
ANSWER_COLUMNS = [("answer_evidence", "answer evidence"),
                  ("answer_review_coverage", "answer review coverage"),
                  ("junk_share", "junk share"),
                  ("answer_evidence_recall", "evidence recall (old)")]
ANSWER_METRICS = [key for key, _ in ANSWER_COLUMNS]
SPLIT_ORDER = ("test", "tune")  # the test half first: it is the one the README shows
WHOLE = "all"  # the one "split" of a question file that has none

Search = Callable[[str], list[str]]  # question -> hit texts, best first


@dataclass
class ConfigResult:
    name: str
    rows: list[dict]


def _question_fields(q: Question) -> dict:
    return {"id": q.id, "kind": q.kind, "split": q.split or WHOLE, "tags": list(q.tags)}


def reviewqa_configs(retriever: Retriever) -> dict[str, SearchConfig]:
    """The reviewqa configurations compared, each a variation of the retriever's own
    (default) settings, so that the table isolates what each stage adds."""
    base = replace(retriever.config, rerank=False)
    flat = replace(base, per_review=None, per_review_across=None)  # no cap on passages a review
    configs = {
        "lexical only": replace(flat, mode="lexical"),
        "dense only": replace(flat, mode="dense"),
        "hybrid": replace(flat, mode="hybrid"),
        "hybrid + diversity": replace(base, mode="hybrid",
                                      per_review=base.per_review or SearchConfig().per_review,
                                      per_review_across=base.per_review_across
                                      or SearchConfig().per_review_across),
    }
    if retriever.reranker is not None:
        configs["hybrid + re-rank"] = replace(configs["hybrid + diversity"], rerank=True)
    return configs


def searcher(retriever: Retriever, config: SearchConfig, k: int = DEPTH) -> Search:
    """A configuration as a Search: question -> the texts of its top k hits."""
    return lambda question: [h.chunk.text for h in retriever.search(question, k=k, config=config)]


def langchain_baseline(retriever: Retriever) -> Search:
    """The naive LangChain pipeline over the raw text of the indexed documents."""
    from langchain_community.vectorstores import FAISS
    from langchain_core.embeddings import Embeddings
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    embedder = retriever.index.embedder

    class SameModel(Embeddings):
        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            return embedder.encode(texts).tolist()

        def embed_query(self, text: str) -> list[float]:
            return embedder.encode_query(text).tolist()

    splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)
    texts: list[str] = []
    for doc in retriever.store.documents():
        try:
            raw = load_document(Path(doc.path)).text
        except IngestError:  # the file moved since it was indexed: use the stored text
            raw = retriever.store.document_text(doc.id)
        texts.extend(splitter.split_text(raw))
    store = FAISS.from_texts(texts, SameModel())
    return lambda q: [d.page_content for d in store.similarity_search(q, k=DEPTH)]


def score(name: str, search: Search, questions: list[Question]) -> ConfigResult:
    """Each question's retrieval metrics (one row per question) for one configuration."""
    rows = []
    for q in questions:
        hits = search(q.question)
        rows.append({**_question_fields(q), **score_hits(hits, q, ks=CURVE_KS)})
    return ConfigResult(name, rows)


def answer_rows(retriever: Retriever, questions: list[Question]) -> list[dict]:
    """The default extractive answer's metrics, per question (see eval/metrics.py)."""
    rows = []
    for q in questions:
        answer = retriever.answer(q.question)
        quotes = [quote.text for citation in answer.citations for quote in citation.quotes]
        cited = [answer.text] + [citation.hit.chunk.text for citation in answer.citations]
        rows.append({**_question_fields(q), "answer_kind": answer.kind,
                     **score_answer(quotes, cited, q)})
    return rows


def select_questions(questions_path: Path,
                     splits: tuple[str, ...] = SPLIT_ORDER) -> dict[str, list[Question]]:
    """The questions of each asked-for split, test first; a file without splits is one split, "all"."""
    unknown = [name for name in splits if name not in SPLITS]
    if unknown:
        raise GoldError(f"unknown split {unknown[0]!r} (expected one of {', '.join(SPLITS)})")
    questions = load_questions(questions_path)
    if not any(q.split for q in questions):
        return {WHOLE: questions}
    chosen = {}
    for name in sorted(splits, key=lambda s: (s not in SPLIT_ORDER, SPLIT_ORDER.index(s))):
        chosen[name] = [q for q in questions if q.split == name]
        if not chosen[name]:
            raise GoldError(f"{questions_path}: split: no question in the {name!r} split")
    return chosen


def run_eval(retriever: Retriever, questions_path: Path = DEFAULT_DEV_SET, *,
             splits: tuple[str, ...] = SPLIT_ORDER, baseline: bool = True, answers: bool = True,
             resamples: int = RESAMPLES, seed: int = SEED) -> dict:
    """Scores every configuration on each split; returns the JSON-ready results.

    ``configs[name][split]`` and ``answers[split]`` are summaries with ``overall``, ``by_kind``
    and ``by_tag`` means, each group with ``n`` and a ``ci`` of bootstrap intervals."""
    by_split = select_questions(questions_path, splits)
    questions = [q for group in by_split.values() for q in group]
    results: list[ConfigResult] = []
    for name, cfg in reviewqa_configs(retriever).items():
        results.append(score(name, searcher(retriever, cfg), questions))
    if baseline:
        results.append(score("LangChain naive (1000/200, FAISS)", langchain_baseline(retriever),
                             questions))

    def summaries(rows: list[dict], metrics: list[str]) -> dict:
        return {split: summarise_with_intervals([r for r in rows if r["split"] == split], metrics,
                                                tags=TAGS, resamples=resamples, seed=seed)
                for split in by_split}

    out: dict[str, Any] = {"questions": str(questions_path), "n_questions": len(questions),
           "splits": {split: len(group) for split, group in by_split.items()},
           "default": _default_name(retriever),
           "bootstrap": {"resamples": resamples, "seed": seed, "level": LEVEL,
                         "method": "percentile interval of the mean, questions resampled "
                                   "with replacement"},
           "configs": {r.name: summaries(r.rows, RETRIEVAL_METRICS) for r in results},
           "per_question": {r.name: r.rows for r in results}}
    if answers:
        rows = answer_rows(retriever, questions)
        out["answers"] = summaries(rows, ANSWER_METRICS)
        out["junk_reasons"] = {split: dict(Counter(j["reason"] for r in rows if r["split"] == split
                                                   for j in r["junk"]))
                               for split in by_split}
        out["per_question"]["answer"] = rows
    return out


def _default_name(retriever: Retriever) -> str:
    cfg = retriever.config
    if retriever.reranker is None:  # then its rerank flag changes nothing
        cfg = replace(cfg, rerank=False)
    for name, candidate in reviewqa_configs(retriever).items():
        if candidate == cfg:
            return name
    return "custom"


def _cell(group: dict, key: str, with_ci: bool) -> str:
    if key not in group:
        return "–"
    interval = group.get("ci", {}).get(key)
    if with_ci and interval:
        return f"{group[key]:.3f} [{interval[0]:.2f}, {interval[1]:.2f}]"
    return f"{group[key]:.3f}"


def _groups(summary: dict) -> list[tuple[str, dict]]:
    """(label, group) for each kind then each tag of a summary, with the group's size."""
    kinds = [(k, summary["by_kind"][k]) for k in sorted(summary["by_kind"])]
    tags = [(f"tag {t}", g) for t, g in summary["by_tag"].items()]
    return [(f"{label} ({group['n']})", group) for label, group in kinds + tags]


def headline(results: dict) -> str:
    """The default configuration's figures that matter most, one column per split."""
    default = results["default"]
    splits = list(results["splits"])
    rows: list[tuple[str, str, str]] = []
    if default in results["configs"]:
        rows += [("MRR@10", "overall", "rr@10"), ("Coverage@10", "overall", "review_coverage@10"),
                 ("MRR@10 paraphrase", "paraphrase", "rr@10")]
    if "answers" in results:
        rows += [("answer evidence", "overall", "answer_evidence"),
                 ("answer review coverage", "overall", "answer_review_coverage"),
                 ("junk share", "overall", "junk_share")]
    lines = [f"| {default} (default) | " + " | ".join(
                f"{split} ({results['splits'][split]})" for split in splits) + " |",
             "|---|" + "---:|" * len(splits)]
    for label, where, key in rows:
        source = results["answers"] if key in ANSWER_METRICS else results["configs"][default]
        cells = []
        for split in splits:
            summary = source[split]
            group = summary["overall"] if where == "overall" else summary["by_kind"].get(where, {})
            cells.append(_cell(group, key, with_ci=split != "tune"))
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def split_tables(results: dict, split: str) -> str:
    """One split: the overall table, MRR@10 and Coverage@10 per kind and tag, the answer
    metrics per group; with intervals except on the tune split."""
    with_ci = split != "tune"
    lines = ["| configuration | " + " | ".join(label for _, label in TABLE_COLUMNS) + " |",
             "|---|" + "---:|" * len(TABLE_COLUMNS)]
    for name, summaries in results["configs"].items():
        label = f"**{name}** (default)" if name == results["default"] else name
        overall = summaries[split]["overall"]
        lines.append(f"| {label} | " + " | ".join(_cell(overall, key, with_ci)
                                                  for key, _ in TABLE_COLUMNS) + " |")
    for key, metric in (("rr@10", "MRR@10"), ("review_coverage@10", "Coverage@10")):
        first = next(iter(results["configs"].values()))[split]
        labels = [label for label, _ in _groups(first)]
        lines += ["", f"| {metric} by kind and tag | " + " | ".join(labels) + " |",
                  "|---|" + "---:|" * len(labels)]
        for name, summaries in results["configs"].items():
            cells = [_cell(group, key, with_ci) for _, group in _groups(summaries[split])]
            lines.append(f"| {name} | " + " | ".join(cells) + " |")
    if "answers" in results:
        summary = results["answers"][split]
        lines += ["", "| default extractive answer | " + " | ".join(
                      label for _, label in ANSWER_COLUMNS) + " |",
                  "|---|" + "---:|" * len(ANSWER_COLUMNS)]
        for label, group in [(f"overall ({summary['overall']['n']})", summary["overall"]),
                             *_groups(summary)]:
            lines.append(f"| {label} | " + " | ".join(_cell(group, key, with_ci)
                                                      for key, _ in ANSWER_COLUMNS) + " |")
        reasons = results.get("junk_reasons", {}).get(split)
        if reasons:
            lines += ["", "Junk quoted: " + ", ".join(f"{reason} {n}" for reason, n
                                                     in sorted(reasons.items()))]
    return "\n".join(lines)


def markdown_table(results: dict) -> str:
    """The headline (default configuration, splits side by side), then each split's tables:
    test first, with bootstrap intervals [low, high], then tune (point estimates)."""
    boot = results["bootstrap"]
    parts = [headline(results),
             f"Intervals: {boot['level']:.0%} bootstrap ({boot['resamples']} resamples of the "
             f"questions, seed {boot['seed']}); tune figures are point estimates (settings were "
             "chosen on them)." if "tune" in results["splits"] else
             f"Intervals: {boot['level']:.0%} bootstrap ({boot['resamples']} resamples of the "
             f"questions, seed {boot['seed']})."]
    for split, n in results["splits"].items():
        title = {"test": "Test split", "tune": "Tune split"}.get(split, "All questions")
        parts.append(f"### {title} ({n} questions)\n\n" + split_tables(results, split))
    return "\n\n".join(parts)


def plot_recall(results: dict, path: Path) -> None:
    """Recall@k for k = 1..10 on the first split scored (test), one line per configuration."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    split = next(iter(results["splits"]))  # test when it was scored
    fig, ax = plt.subplots(figsize=(7, 4.5), dpi=120)
    for name, summaries in results["configs"].items():
        values = [summaries[split]["overall"][f"recall@{k}"] for k in CURVE_KS]
        style: dict[str, Any] = {"linewidth": 2.6 if name == results["default"] else 1.4}
        ax.plot(CURVE_KS, values, marker="o", markersize=3, label=name, **style)
    ax.set_xlabel("k (passages returned)")
    ax.set_ylabel("recall@k (share of gold snippets found)")
    where = "dev questions" if split == WHOLE else f"{split} questions"
    ax.set_title(f"Retrieval on {results['splits'][split]} {where}")
    ax.set_xticks(CURVE_KS)
    ax.set_ylim(0, 1)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="lower right")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path)
    plt.close(fig)


def write_json(results: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
