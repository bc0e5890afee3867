"""Find examples' downloads: a CSV table and a Markdown handout, one row per review."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path
from typing import Any

from reviewqa.corpus.types import review_facts
from reviewqa.retriever.examples import one_line

CSV_COLUMNS = ["rank", "title", "area", "year", "type", "summary", "key_learning", "document",
               "locator", "url"]


def to_csv(rows: list[dict[str, Any]]) -> str:
    """The examples as CSV, one row per review."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def to_markdown(rows: list[dict[str, Any]], query: str) -> str:
    """A handout: each review with its key passage quoted and cited."""
    lines = [f"# Case review examples: {one_line(query)}", "",
             "Extracts from published UK child-safeguarding case reviews, found with reviewqa. "
             "Read each review in full before using it in training.", ""]
    for row in rows:
        facts = ", ".join(review_facts(row["area"], row["year"], row["type"]))
        lines += [f"## {row['rank']}. {row['title']} ({facts})", ""]
        if row["summary"]:
            lines += [row["summary"], ""]
        lines += [f"> {one_line(row['key_learning'], 2000)}", "",
                  f"Source: {row['document']}, {row['locator']}", ""]
    return "\n".join(lines)


def write_exports(rows: list[dict[str, Any]], query: str, folder: Path) -> tuple[Path, Path]:
    """The CSV and Markdown files for download, in a fresh subfolder of ``folder``."""
    target = Path(tempfile.mkdtemp(dir=folder))
    csv_path, md_path = target / "reviewqa-examples.csv", target / "reviewqa-examples.md"
    csv_path.write_text(to_csv(rows), encoding="utf-8")
    md_path.write_text(to_markdown(rows, query), encoding="utf-8")
    return csv_path, md_path
