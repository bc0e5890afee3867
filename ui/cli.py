"""The ``reviewqa`` command line.

Every command takes ``--index DIR`` (default ``$REVIEWQA_INDEX``, else ``.reviewqa-index``
in the working directory). Errors are one line on stderr, naming the culprit; the exit
status is 1 when anything failed, 2 for bad usage.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from reviewqa.offline import set_offline_env
from reviewqa.settings import DEFAULT_ANSWER_K, DEFAULT_K, MAX_K

if TYPE_CHECKING:
    from reviewqa.corpus.ingest import IngestReport
    from reviewqa.corpus.types import Filters
    from reviewqa.embed.index import Kind
    from reviewqa.embed.pipeline import CorpusIndex
    from reviewqa.retriever.search import Retriever
    from reviewqa.retriever.types import Hit

# click's errors, which typer exports only as BadParameter's kin (its own copy of click)
_USAGE_ERROR: type[Exception] = typer.BadParameter.__mro__[1]  # UsageError
_CLICK_ERROR: type[Exception] = _USAGE_ERROR.__mro__[1]  # ClickException


class OneLineErrors(TyperGroup):
    """The command group, whose usage errors (a bad flag or value, a missing argument) are
    one line naming the culprit and where to read more, as every other error is: click
    wrote four ("Usage: ...", "Try ...", a blank line, "Error: ...")."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True,
             windows_expand_args: bool = True, **extra: Any) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        except _USAGE_ERROR as err:
            if type(err).__name__ == "NoArgsIsHelpError":  # `reviewqa` alone: its help
                err.show()  # type: ignore[attr-defined]
                sys.exit(getattr(err, "exit_code", 2))
            context = getattr(err, "ctx", None)
            where = context.command_path if context is not None else "reviewqa"
            code = fail(f"{err.format_message()} (see `{where} --help`)",  # type: ignore[attr-defined]
                        getattr(err, "exit_code", 2)).exit_code
        except _CLICK_ERROR as err:
            code = fail(err.format_message(), getattr(err, "exit_code", 1)).exit_code  # type: ignore[attr-defined]
        except typer.Abort:
            code = fail("aborted").exit_code
        sys.exit(code if isinstance(code, int) else 0)


# Plain help (rich_markup_mode=None): typer's rich panels showed "--help <bool>" with this
# click, and rich costs start-up time the one-shot commands should not pay.
app = typer.Typer(cls=OneLineErrors, add_completion=False, no_args_is_help=True,
                  pretty_exceptions_enable=False,
                  rich_markup_mode=None,
                  help="Cited question answering over UK child-safeguarding case reviews.")


@app.callback()
def main_callback() -> None:
    """Cited question answering over UK child-safeguarding case reviews."""
    set_offline_env()

IndexOption = Annotated[Path | None, typer.Option(
    "--index", help="Index folder [default: $REVIEWQA_INDEX or ./.reviewqa-index]",
    file_okay=False)]


def fail(message: str, code: int = 1) -> typer.Exit:
    """Prints a one-line error and returns the Exit to raise."""
    typer.echo(f"error: {_line(message)}", err=True)
    return typer.Exit(code)


def _line(text: object) -> str:
    """``text`` as a terminal shows it on one line as written: its control characters (a
    newline or carriage return in a file's name, which forged an "error:" line of its own;
    an escape sequence that retitles the window) written as escapes ("\\n", "\\x1b")."""
    return "".join(ch if ch.isprintable() or ch == " " else ascii(ch)[1:-1] for ch in str(text))


class VectorKind(StrEnum):
    auto = "auto"
    flat = "flat"
    hnsw = "hnsw"


def open_index(index: Path | None, *, build_if_missing: bool = False, allow_empty: bool = False,
               progress: bool = True, index_kind: Kind = "auto") -> CorpusIndex:
    """Opens the index folder. Where no index exists yet, ``build_if_missing`` indexes the
    bundled sample corpus into it; an index that exists but holds nothing (a first ingest
    that was stopped) is never filled with it: unless ``allow_empty``, that is an error."""
    from reviewqa.corpus.store import Store, StoreError
    from reviewqa.embed.index import IndexLoadError
    from reviewqa.embed.model import ModelError
    from reviewqa.embed.pipeline import CorpusIndex, default_index_dir

    directory = index or default_index_dir()
    existed = Store.exists(directory)
    if not existed and not (build_if_missing or allow_empty):
        raise fail(f"no index in {directory}: add documents with `reviewqa ingest PATH`, "
                   "or run `reviewqa serve` to index the bundled sample corpus")
    try:
        corpus_index = CorpusIndex.open(directory, progress=progress, index_kind=index_kind)
    except (IndexLoadError, ModelError, StoreError) as err:
        raise fail(str(err)) from None
    if corpus_index.is_empty and not allow_empty:
        if existed:
            corpus_index.close()
            raise fail(f"the index in {directory} is empty: add documents with "
                       "`reviewqa ingest PATH`")
        typer.echo("No index yet: indexing the bundled sample corpus first.", err=True)
        _print_report(corpus_index.ingest_bundled(progress=progress))
    return corpus_index


def _print_report(report: IngestReport) -> None:
    for path, (kind, reason) in report.kinds.items():
        typer.echo(_line(f"{Path(path).name}: {_KIND_NAMES.get(kind, kind)} ({reason})"), err=True)
    for path, warning in report.warnings:
        typer.echo(_line(f"warning: {path}: {warning}"), err=True)
    for path, reason in report.failed:
        typer.echo(_line(f"error: {path}: {reason}"), err=True)
    for path, reason in report.skipped:
        typer.echo(_line(f"skipped: {path}: {reason}"), err=True)
    typer.echo(report.summary(), err=True)


_KIND_NAMES = {"review": "one review", "digest": "a digest of reviews", "other": "other document"}


@app.command("ingest")
def ingest_command(
    paths: Annotated[list[str] | None, typer.Argument(
        help="Files or folders (recursive). None: refresh the documents already indexed, "
             "or index the bundled sample corpus when the index is empty.")] = None,
    index: IndexOption = None,
    rebuild: Annotated[bool, typer.Option(
        help="Re-read and re-embed everything (after a model or chunker change).")] = False,
    vectors: Annotated[VectorKind, typer.Option(
        help="Vector index: exact (flat), approximate (hnsw), or auto (flat below 100,000 "
             "vectors, then hnsw).")] = VectorKind.auto,
) -> None:
    """Add documents to the index; unchanged files are skipped, changed ones replaced."""
    from reviewqa.embed.index import IndexLoadError

    if paths and any(not p.strip() for p in paths):
        # (Path("") is the working folder: `reviewqa ingest ""` had indexed whatever was there)
        raise fail("an empty path: give the files or folders to index")
    try:
        _ingest([Path(p) for p in paths] if paths else None, index, rebuild, vectors)
    except IndexLoadError as err:  # a read-only folder, or another writer that held it too long
        raise fail(str(err)) from None
    except KeyboardInterrupt:
        # (it had exited 130 without a word, and the next search spent a minute finishing it)
        raise fail("interrupted: nothing is half-written; run `reviewqa ingest` again to "
                   "finish (the next search would otherwise finish it first)", 130) from None


def _ingest(paths: list[Path] | None, index: Path | None, rebuild: bool,
            vectors: VectorKind) -> None:
    from reviewqa.corpus.manifest import bundled_corpus_dir
    from reviewqa.embed.model import ModelError
    from reviewqa.embed.pipeline import CorpusIndex

    if rebuild:
        try:
            corpus_index, report = CorpusIndex.rebuild(index, progress=True,
                                                       index_kind=vectors.value)
        except ModelError as err:
            raise fail(str(err)) from None
        if paths:
            extra = corpus_index.ingest(paths, progress=True)
            report.added += extra.added
            report.failed += extra.failed
            report.skipped += extra.skipped
    else:
        corpus_index = open_index(index, allow_empty=True, index_kind=vectors.value)
        if paths:
            targets = paths
        elif corpus_index.is_empty:
            typer.echo("No index yet: indexing the bundled sample corpus.", err=True)
            targets = [bundled_corpus_dir()]
        else:
            targets = [Path(d.path) for d in corpus_index.store.documents()]
        try:
            report = corpus_index.ingest(targets, progress=True)
        except ModelError as err:
            corpus_index.close()
            raise fail(str(err)) from None
    with corpus_index:
        _print_report(report)
        counts = corpus_index.store.counts()
    typer.echo(f"index: {counts['documents']} documents, {counts['reviews']} reviews, "
               f"{counts['chunks']} chunks", err=True)
    if report.failed:
        raise typer.Exit(1)


@app.command("info")
def info_command(
    index: IndexOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    reviews: Annotated[bool, typer.Option(
        "--reviews", help="Every review's metadata, each field with where it came from "
                          "(the manifest, or the words of a document that state it).")] = False,
) -> None:
    """Corpus counts and the reviews per source document."""
    if reviews:
        _print_provenance(index, as_json)
        return
    with open_index(index) as corpus_index:
        store = corpus_index.store
        info: dict[str, Any] = {
            "index": str(corpus_index.directory),
            "counts": store.counts(),
            "model": corpus_index.embedder.name,
            "vectors": {"count": len(corpus_index.vectors), "kind": corpus_index.vectors.kind},
            "documents": [{"name": name, "reviews": n} for name, n in store.reviews_per_document()],
        }
    if as_json:
        typer.echo(json.dumps(info, indent=2))
        return
    counts = info["counts"]
    typer.echo(_line(f"index     {info['index']}"))
    typer.echo(f"model     {info['model']} ({info['vectors']['count']} vectors, "
               f"{info['vectors']['kind']})")
    typer.echo(f"documents {counts['documents']}")
    typer.echo(f"reviews   {counts['reviews']}")
    typer.echo(f"chunks    {counts['chunks']}")
    typer.echo("reviews per document:")
    for doc in info["documents"]:
        typer.echo(_line(f"  {doc['reviews']:4d}  {doc['name']}"))


def _print_provenance(index: Path | None, as_json: bool) -> None:
    from reviewqa.corpus.provenance import review_provenance

    with open_index(index) as corpus_index:
        store = corpus_index.store
        rows = [(r, review_provenance(store, r)) for r in store.reviews()]
    if as_json:
        typer.echo(json.dumps([{"id": r.id, "fields": [f.to_json() for f in fields]}
                               for r, fields in rows], indent=2, ensure_ascii=False))
        return
    for review, fields in rows:
        typer.echo(_line(f"{review.label}  [{review.id}]"))
        for f in fields:
            where = {"manifest": f"manifest ({f.document})", "file": f"file name ({f.document})",
                     "text": f'{f.document} @{f.start}-{f.end}: "{f.quote}"'}.get(f.origin, f.origin)
            typer.echo(_line(f"  {f.field:<9} {f.value[:60] or '-':<60}  {where}"))


@app.command("remove")
def remove_command(
    document: Annotated[str, typer.Argument(help="File name, path or key of an indexed document")],
    index: IndexOption = None,
) -> None:
    """Drop a document's reviews and chunks from the store and the vector index."""
    from reviewqa.corpus.types import IngestError, shown
    from reviewqa.embed.index import IndexLoadError

    with open_index(index) as corpus_index:
        try:
            name, n = corpus_index.remove(document)
        except IngestError as err:
            raise fail(f"{shown(document)}: {err}" if document.strip() else str(err)) from None
        except IndexLoadError as err:
            raise fail(str(err)) from None
    typer.echo(_line(f"removed {name} ({n} chunks)"), err=True)


YearOption = Annotated[int | None, typer.Option(help="Only reviews of this year.")]
YearFromOption = Annotated[int | None, typer.Option(help="Only reviews from this year on.")]
YearToOption = Annotated[int | None, typer.Option(help="Only reviews up to this year.")]
AreaOption = Annotated[str | None, typer.Option(help="Only reviews of this area.")]
TypeOption = Annotated[str | None, typer.Option(
    "--type", help="Only reviews whose type contains this, e.g. 'thematic'.")]
ThemeOption = Annotated[str | None, typer.Option(help="Only reviews with this keyword/theme.")]


def _filters(year: int | None, year_from: int | None, year_to: int | None, area: str | None,
             review_type: str | None, theme: str | None) -> Filters:
    from reviewqa.corpus.types import Filters, QueryError

    try:
        return Filters.from_mapping({"year": year, "year_from": year_from, "year_to": year_to,
                                     "area": area, "type": review_type, "theme": theme})
    except QueryError as err:
        raise fail(str(err), 2) from None


def _load_retriever(index: Path | None) -> Retriever:
    """The retriever over the index; where there is none yet, over the bundled corpus."""
    from reviewqa.retriever.search import Retriever

    return Retriever(open_index(index, build_if_missing=True))


def _read_queries(path: Path) -> list[tuple[str, dict | str]]:
    """JSONL of {"id", "question"}, each line with where it is ("FILE:LINE"): the question's
    object, or for a bad line the one-line error that names it, so that the rest still run
    (one malformed line had stopped the whole batch). A file that cannot be read, or holds
    no line, is an error."""
    from reviewqa.corpus.types import loads_strict

    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise fail(f"{path}: cannot read queries ({err.__class__.__name__}: {err})", 2) from None
    queries: list[tuple[str, dict | str]] = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            item = loads_strict(line)
        except json.JSONDecodeError as err:
            queries.append((where, f"malformed JSON ({err.msg})"))
            continue
        except ValueError:  # (an "id" of 1e400 came back as Infinity, which is no JSON)
            queries.append((where, "a number too large for JSON (or NaN)"))
            continue
        except RecursionError:  # (it had been a traceback, and the other lines lost)
            queries.append((where, "malformed JSON (nested too deeply)"))
            continue
        if not isinstance(item, dict) or not isinstance(item.get("question"), str):
            queries.append((where, 'expected an object with a "question" string'))
            continue
        queries.append((where, item))
    if not queries:
        raise fail(f"{path}: no queries in the file", 2)
    return queries


@app.command("search")
def search_command(
    question: Annotated[str | None, typer.Argument(help="The question.")] = None,
    queries: Annotated[Path | None, typer.Option(
        "--queries", help='JSONL file of {"id", "question"}: one JSON result per line.',
        dir_okay=False)] = None,
    k: Annotated[int, typer.Option("--k", min=1, max=MAX_K, help="Passages to return.")] = DEFAULT_K,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    by_review: Annotated[bool, typer.Option(
        "--by-review", help='JSON grouped by review: "reviews": [{"review", "hits"}].')] = False,
    index: IndexOption = None,
    year: YearOption = None,
    year_from: YearFromOption = None,
    year_to: YearToOption = None,
    area: AreaOption = None,
    review_type: TypeOption = None,
    theme: ThemeOption = None,
) -> None:
    """Find the passages that answer a question (or each question of a JSONL file)."""
    from reviewqa.corpus.types import QueryError
    from reviewqa.retriever.search import group_by_review

    if (question is None) == (queries is None):
        raise fail("give either a QUESTION or --queries FILE", 2)
    filters = _filters(year, year_from, year_to, area, review_type, theme)
    batch = _read_queries(queries) if queries else None
    retriever = _load_retriever(index)
    failed = False
    try:
        for where, item in batch if batch is not None else [("question", {"question": question or ""})]:
            if isinstance(item, str):  # a line that is no query: said, and the rest go on
                typer.echo(_line(f"error: {where}: {item}"), err=True)
                failed = True
                continue
            try:
                hits = retriever.search(item["question"], k=k, filters=filters)
            except QueryError as err:
                if batch is None:  # a bad question is bad usage, as `ask` says it
                    raise fail(f"{where}: {err}", 2) from None
                if item.get("id") is not None:
                    where += f" (id {item['id']!r})"
                typer.echo(_line(f"error: {where}: {err}"), err=True)
                failed = True
                continue
            if not (as_json or batch or by_review):
                _print_hits(hits)
                continue
            out = {"id": item.get("id")} if batch else {}
            out["query"] = item["question"]
            if by_review:
                out["reviews"] = group_by_review(hits)
            else:
                out["hits"] = [h.to_json() for h in hits]
            typer.echo(json.dumps(out, ensure_ascii=False))
    finally:
        retriever.close()
    if failed:
        raise typer.Exit(1)


def _print_hits(hits: list[Hit]) -> None:
    if not hits:
        typer.echo("No passages found.")
    for hit in hits:
        typer.echo(_line(f"[{hit.rank}] {hit.review.label} — {hit.document.name}, "
                         f"{hit.chunk.locator}"))
        typer.echo(_line("    " + " ".join(hit.chunk.text.split())[:400]))


@app.command("ask")
def ask_command(
    question: Annotated[str, typer.Argument(help="The question.")],
    k: Annotated[int, typer.Option("--k", min=1, max=MAX_K, help="Passages to read.")] = DEFAULT_ANSWER_K,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    llm: Annotated[bool, typer.Option(
        "--llm", help="Let the configured LLM write the answer (REVIEWQA_LLM_URL).")] = False,
    index: IndexOption = None,
    year: YearOption = None,
    year_from: YearFromOption = None,
    year_to: YearToOption = None,
    area: AreaOption = None,
    review_type: TypeOption = None,
    theme: ThemeOption = None,
) -> None:
    """A cited answer: what the reviews say, grouped by review."""
    from reviewqa.corpus.types import QueryError

    filters = _filters(year, year_from, year_to, area, review_type, theme)
    generator = None
    if llm:
        from reviewqa.retriever.llm import LLMConfig

        generator = LLMConfig.from_env()
        if generator is None:
            raise fail("--llm needs REVIEWQA_LLM_URL and REVIEWQA_LLM_MODEL to be set", 2)
    retriever = _load_retriever(index)
    try:
        answer = retriever.answer(question, k=k, filters=filters, generator=generator)
    except QueryError as err:
        raise fail(f"question: {err}", 2) from None
    finally:
        retriever.close()
    if as_json:
        typer.echo(json.dumps(answer.to_json(), ensure_ascii=False))
        return
    typer.echo("\n".join(_line(line) for line in answer.text.split("\n")))
    for note in answer.notes:
        typer.echo(_line(f"note: {note}"))
    if answer.citations:
        typer.echo("")
    for c in answer.citations:
        typer.echo(_line(f"[{c.number}] {c.hit.review.label} — {c.hit.document.name}, "
                         f"{c.hit.chunk.locator}"))
    if answer.resources:
        from reviewqa.retriever.resources import RESOURCES_HEADING, RESOURCES_NOTE
        typer.echo(f"\n{RESOURCES_HEADING}. {RESOURCES_NOTE}")
    for r in answer.resources:
        typer.echo(_line(f"- {r.text} — {r.document}" + (f", under {r.theme}" if r.theme else "")))


@app.command("serve")
def serve_command(
    index: IndexOption = None,
    host: Annotated[str, typer.Option(help="Address to bind. Only loopback by default.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535)] = 7860,
    auth_file: Annotated[Path | None, typer.Option(
        help="File with one 'user:password' line: require a login. "
             "Or set REVIEWQA_AUTH='user:password'.", dir_okay=False)] = None,
    workers: Annotated[int, typer.Option(
        min=1, max=64, help="Processes serving the HTTP API on one index; above 1 the web "
                            "chat is not served (it runs in one process).")] = 1,
) -> None:
    """The web chat and HTTP API, on http://127.0.0.1:7860 by default."""
    from reviewqa.ui.server import AuthError, ListenError, check_listen, read_auth, serve

    try:
        auth = read_auth(auth_file)
    except AuthError as err:
        raise fail(str(err), 2) from None
    try:
        check_listen(host, port)
    except ListenError as err:
        raise fail(str(err)) from None
    retriever = _load_retriever(index)
    serve(retriever, host=host, port=port, auth=auth, workers=workers, auth_file=auth_file)


@app.command("eval")
def eval_command(
    questions: Annotated[Path | None, typer.Option(
        help="Gold questions (JSONL, the format of eval/data/dev.jsonl) [default: the dev set]",
        dir_okay=False)] = None,
    index: IndexOption = None,
    json_out: Annotated[Path | None, typer.Option("--json", help="Write results as JSON here.",
                                                     dir_okay=False)] = None,
    plot: Annotated[Path | None, typer.Option(help="Draw recall@k curves to this PNG.",
                                                 dir_okay=False)] = None,
    baseline: Annotated[bool, typer.Option(help="Include the naive LangChain pipeline.")] = True,
    split: Annotated[str, typer.Option(
        metavar="[tune|test|both]",
        help="Which half of the questions to score (a file without splits is scored whole).",
    )] = "both",
) -> None:
    """Score retrieval configurations and the default answer on gold questions: a Markdown
    table (test split first, with 95% bootstrap intervals), JSON, a plot."""
    from reviewqa.corpus.types import shown
    from reviewqa.eval.gold import DEFAULT_DEV_SET, GoldError
    from reviewqa.eval.run import SPLIT_ORDER, markdown_table, plot_recall, run_eval, write_json

    if split not in ("tune", "test", "both"):
        raise fail(f"--split: expected tune, test or both, got {split!r}", 2)
    if plot and plot.suffix.lower() not in PLOT_SUFFIXES:
        raise fail(f"--plot: {shown(str(plot))}: expected a file ending "
                   f"{', '.join(PLOT_SUFFIXES)}", 2)
    # where the results go is checked before the minutes of scoring, not after them
    for option, path in (("--json", json_out), ("--plot", plot)):
        if path and (problem := _unwritable(path)):
            raise fail(f"{option}: {shown(str(path))}: {problem}", 2)
    splits = SPLIT_ORDER if split == "both" else (split,)
    retriever = _load_retriever(index)
    try:
        results = run_eval(retriever, questions or DEFAULT_DEV_SET, splits=splits,
                           baseline=baseline)
    except (GoldError, OSError) as err:
        raise fail(str(err), 2) from None
    finally:
        retriever.close()
    typer.echo(markdown_table(results))
    try:
        if json_out:
            write_json(results, json_out)
        if plot:
            plot_recall(results, plot)
    except OSError as err:
        raise fail(f"{err.filename or 'output'}: {err.strerror or err}") from None


PLOT_SUFFIXES = (".png", ".svg", ".pdf")


def _unwritable(path: Path) -> str | None:
    """Why a file cannot be written at ``path`` (its folder made where missing), or None."""
    if any(parent.is_file() for parent in path.parents):
        return "a file stands where its folder would be"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        return f"cannot create its folder ({err.strerror or err})"
    if path.is_dir():
        return "is a folder"
    if not os.access(path.parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        return "cannot be written"
    return None


def main() -> None:  # pragma: no cover - console entry for `python -m`
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
