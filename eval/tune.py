"""`python -m reviewqa.eval.tune`: a small grid over the search settings, scored on the tune split.

How the defaults in ``retriever.search.SearchConfig`` were chosen (see README). Only the
questions of the dev set's *tune* half are scored, so that the *test* half, which `reviewqa
eval` reports, played no part in any choice. Prints one Markdown row per setting, best MRR@10
first.
"""

from __future__ import annotations

import argparse
import itertools
from pathlib import Path
from typing import Any

from reviewqa.embed.pipeline import default_index_dir
from reviewqa.retriever.search import Retriever, SearchConfig

from .gold import DEFAULT_DEV_SET, load_questions
from .metrics import summarise
from .run import score, searcher

GRID: dict[str, tuple[Any, ...]] = {
    "dense_weight": (1.0, 1.5, 2.0),
    "rrf_k": (20, 60),
    "per_review": (2, 3, None),
    "per_review_across": (1, 3),
    "depth": (30, 60),
}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, default=None)
    parser.add_argument("--questions", type=Path, default=DEFAULT_DEV_SET)
    args = parser.parse_args(argv)
    questions = load_questions(args.questions, split="tune")
    if not questions:
        parser.error(f"{args.questions}: no question in the 'tune' split (see eval/split.py)")
    retriever = Retriever.load(args.index or default_index_dir(), build_if_empty=True)
    rows = []
    for dw, rrf_k, cap, across, depth in itertools.product(*GRID.values()):
        cfg = SearchConfig(dense_weight=dw, rrf_k=rrf_k, per_review=cap,
                           per_review_across=across, dense_depth=depth, lexical_depth=depth,
                           rerank=False)
        result = score(str(cfg), searcher(retriever, cfg, k=10), questions)
        overall = summarise(result.rows)["overall"]
        rows.append((overall["rr@10"], overall["review_coverage@10"], overall["recall@10"],
                     dw, rrf_k, cap, across, depth))
    print("| MRR@10 | Cov@10 | R@10 | dense_weight | rrf_k | per_review | per_review_across "
          "| depth |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row in sorted(rows, reverse=True, key=lambda r: (r[0], r[1])):
        print("| {:.3f} | {:.3f} | {:.3f} | {} | {} | {} | {} | {} |".format(*row))
    retriever.close()


if __name__ == "__main__":
    main()
