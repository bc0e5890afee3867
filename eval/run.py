"""`reviewqa eval`: every retrieval configuration scored on the same gold questions, in one run.

Configurations: lexical only, dense only, hybrid, hybrid + diversity (the default),
hybrid + re-rank (when a cross-encoder is configured), and a naive LangChain pipeline as
the reference a user might otherwise build: RecursiveCharacterTextSplitter (1000/200) on
the raw files, the same embedding model, LangChain's in-memory FAISS vector store.
Relevance is judged by text (see eval/gold.py), so every configuration, whatever its
chunking, is scored the same way.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from reviewqa.corpus.loaders import load_document
from reviewqa.corpus.types import IngestError
from reviewqa.retriever.search import Retriever, SearchConfig

from .gold import DEFAULT_DEV_SET, Question, load_questions
from .metrics import answer_evidence_recall, score_hits, summarise

DEPTH = 10
CURVE_KS = tuple(range(1, DEPTH + 1))
TABLE_COLUMNS = [("recall@1", "R@1"), ("recall@5", "R@5"), ("recall@10", "R@10"),
                 ("rr@10", "MRR@10"), ("ndcg@10", "nDCG@10"),
                 ("review_coverage@10", "Coverage@10")]

Search = Callable[[str], list[str]]  # question -> hit texts, best first


@dataclass
class ConfigResult:
    name: str
    rows: list[dict]

    @property
    def summary(self) -> dict:
        return summarise(self.rows)


def reviewqa_configs(retriever: Retriever) -> dict[str, SearchConfig]:
    """The reviewqa configurations compared, each a variation of the retriever's own
    (default) settings, so that the table isolates what each stage adds."""
    base = replace(retriever.config, rerank=False)
    configs = {
        "lexical only": replace(base, mode="lexical", per_review=None),
        "dense only": replace(base, mode="dense", per_review=None),
        "hybrid": replace(base, mode="hybrid", per_review=None),
        "hybrid + diversity": replace(base, mode="hybrid",
                                      per_review=base.per_review or SearchConfig().per_review),
    }
    if retriever.reranker is not None:
        configs["hybrid + re-rank"] = replace(configs["hybrid + diversity"], rerank=True)
    return configs


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
    rows = []
    for q in questions:
        hits = search(q.question)
        rows.append({"id": q.id, "kind": q.kind, **score_hits(hits, q, ks=CURVE_KS)})
    return ConfigResult(name, rows)


def evidence_rows(retriever: Retriever, questions: list[Question]) -> list[dict]:
    """Answer evidence recall of the default extractive answer, per question."""
    rows = []
    for q in questions:
        answer = retriever.answer(q.question)
        cited = [answer.text] + [c.hit.chunk.text for c in answer.citations]
        rows.append({"id": q.id, "kind": q.kind,
                     "answer_evidence_recall": answer_evidence_recall(cited, q)})
    return rows


def run_eval(retriever: Retriever, questions_path: Path = DEFAULT_DEV_SET, *,
             baseline: bool = True, answers: bool = True) -> dict:
    """Scores every configuration; returns the JSON-ready results."""
    questions = load_questions(questions_path)
    results: list[ConfigResult] = []
    for name, cfg in reviewqa_configs(retriever).items():
        results.append(score(name, lambda q, c=cfg: [
            h.chunk.text for h in retriever.search(q, k=DEPTH, config=c)], questions))
    if baseline:
        results.append(score("LangChain naive (1000/200, FAISS)", langchain_baseline(retriever),
                             questions))
    out = {"questions": str(questions_path), "n_questions": len(questions),
           "default": _default_name(retriever),
           "configs": {r.name: r.summary for r in results},
           "per_question": {r.name: r.rows for r in results}}
    if answers:
        rows = evidence_rows(retriever, questions)
        out["answer_evidence_recall"] = summarise(rows)
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


def markdown_table(results: dict) -> str:
    """The overall table, then MRR@10 and coverage@10 per question kind."""
    lines = ["| configuration | " + " | ".join(label for _, label in TABLE_COLUMNS) + " |",
             "|---|" + "---:|" * len(TABLE_COLUMNS)]
    for name, summary in results["configs"].items():
        label = f"**{name}** (default)" if name == results["default"] else name
        overall = summary["overall"]
        lines.append(f"| {label} | " + " | ".join(f"{overall[key]:.3f}" for key, _ in TABLE_COLUMNS)
                     + " |")
    kinds = sorted({k for s in results["configs"].values() for k in s["by_kind"]})
    lines += ["", "| configuration | " + " | ".join(f"MRR@10 {k} | Cov@10 {k}" for k in kinds) + " |",
              "|---|" + "---:|---:|" * len(kinds)]
    for name, summary in results["configs"].items():
        cells = [f"{summary['by_kind'][k]['rr@10']:.3f} | {summary['by_kind'][k]['review_coverage@10']:.3f}"
                 for k in kinds]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    if "answer_evidence_recall" in results:
        aer = results["answer_evidence_recall"]
        per_kind = ", ".join(f"{k} {v['answer_evidence_recall']:.3f}"
                             for k, v in sorted(aer["by_kind"].items()))
        lines += ["", f"Answer evidence recall (default extractive answer): "
                      f"{aer['overall']['answer_evidence_recall']:.3f} ({per_kind})"]
    return "\n".join(lines)


def plot_recall(results: dict, path: Path) -> None:
    """Recall@k for k = 1..10, one line per configuration."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 4.5), dpi=120)
    for name, summary in results["configs"].items():
        values = [summary["overall"][f"recall@{k}"] for k in CURVE_KS]
        style = {"linewidth": 2.6} if name == results["default"] else {"linewidth": 1.4}
        ax.plot(CURVE_KS, values, marker="o", markersize=3, label=name, **style)
    ax.set_xlabel("k (passages returned)")
    ax.set_ylabel("recall@k (share of gold snippets found)")
    ax.set_title(f"Retrieval on {results['n_questions']} dev questions")
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
