"""Ingestion into the store: files → cleaned text → reviews and chunks, one transaction per file.

This stage writes SQLite only; it returns what changed (chunks added and removed) so that
the embedding stage can bring the vector index into step (see ``reviewqa.embed.pipeline``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .chunker import CHUNKER_VERSION, EstimatingTokenizer, Tokenizer, chunk_entry, chunk_id
from .identity import normalise_title, review_id, same_review
from .loaders import SUPPORTED_SUFFIXES, load_document
from .manifest import MANIFEST_NAME, DocumentInfo, read_manifest
from .repair import repair_text
from .segment import segment
from .store import ChunkRow, Store
from .types import IngestError, LoadedDocument


@dataclass
class IngestReport:
    """What one ingest did, per file, and the chunk changes the vector index must follow."""

    added: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, one-line reason)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # in a folder, not ours to read
    added_chunks: list[ChunkRow] = field(default_factory=list)
    removed_chunk_ids: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        return (f"{len(self.added)} added, {len(self.unchanged)} unchanged, "
                f"{len(self.replaced)} replaced, {len(self.failed)} failed")


def collect_files(paths: Iterable[Path], report: IngestReport) -> list[Path]:
    """Files named, and supported files found under folders named (recursively, sorted).

    A missing path or an explicitly named unsupported file is a failure; an unsupported
    or hidden file met inside a folder is only noted as skipped.
    """
    files: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                rel_parts = child.relative_to(path).parts
                if any(part.startswith(".") for part in rel_parts) or child.name == MANIFEST_NAME:
                    continue
                if child.suffix.lower() in SUPPORTED_SUFFIXES:
                    files.append(child)
                else:
                    report.skipped.append((str(child), f"unsupported extension {child.suffix!r}"))
        elif path.exists() or path.is_symlink():
            files.append(path)
        else:
            report.failed.append((str(path), "no such file or folder"))
    seen: set[Path] = set()
    return [f for f in files if not (f.resolve() in seen or seen.add(f.resolve()))]


def ingest(store: Store, paths: Iterable[Path], *,
           tokenizer: Tokenizer = EstimatingTokenizer(),
           progress: Callable[[Iterable[Path]], Iterable[Path]] = lambda xs: xs,
           force: bool = False) -> IngestReport:
    """Ingests files and folders into ``store``. Failures are recorded, never raised.

    Chunks fit the ``tokenizer``'s window (the embedding model's, which is consulted only
    when a file has to be chunked).
    Unchanged files (same path, same content hash) are skipped unless ``force`` is set or
    the store was chunked by another chunker version.
    """
    report = IngestReport()
    files = collect_files(paths, report)
    manifests: dict[Path, dict[str, DocumentInfo]] = {}
    rechunk = force or store.get_meta("chunker_version") not in (None, CHUNKER_VERSION)
    for path in progress(files):
        try:
            info = _manifest_info(path, manifests)
            _ingest_file(store, path, info, tokenizer, rechunk, report)
        except IngestError as err:
            report.failed.append((str(path), str(err)))
    return report


def _manifest_info(path: Path, cache: dict[Path, dict[str, DocumentInfo]]) -> DocumentInfo | None:
    folder = path.resolve().parent
    if folder not in cache:
        cache[folder] = {}
        try:
            cache[folder] = read_manifest(folder)
        except IngestError as err:
            raise IngestError(f"{folder / MANIFEST_NAME}: {err}") from None
    return cache[folder].get(path.name)


def _ingest_file(store: Store, path: Path, info: DocumentInfo | None,
                 tokenizer: Tokenizer, rechunk: bool, report: IngestReport) -> None:
    resolved = str(path.resolve())
    existing = store.document_by_path(resolved)
    if existing and not rechunk and path.is_file() and _sha256(path) == existing.sha256:
        report.unchanged.append(str(path))
        return
    doc = load_document(path)
    twin = store.document_by_sha(doc.sha256)
    if twin and twin.path != resolved:
        raise IngestError(f"same content as already ingested {twin.name}; not added twice")
    text = repair_text(doc.text)
    title = (info and info.title) or path.stem
    segmented = segment(text, layout=info and info.layout, review=info and info.review,
                        fallback_title=title)
    if not segmented.entries:
        raise IngestError("no review text found")
    with store.transaction():
        if existing:
            report.removed_chunk_ids.extend(store.delete_document(existing.id))
        document_id = store.insert_document(
            key=doc.sha256[:12], path=resolved, name=path.name, title=title,
            kind=info and info.kind, publisher=info and info.publisher, date=info and info.date,
            provenance=info and info.provenance, format=doc.format, sha256=doc.sha256,
            paged=doc.paged, text=text)
        rows = _store_entries(store, document_id, doc, text, segmented.entries, tokenizer)
        for resource in segmented.resources:
            store.add_resource(document_id, resource.title, resource.start, resource.end)
        store.insert_chunks(rows)
        store.set_meta("chunker_version", CHUNKER_VERSION)
    report.added_chunks.extend(rows)
    (report.replaced if existing else report.added).append(str(path))


def _store_entries(store: Store, document_id: int, doc: LoadedDocument, text: str,
                   entries: list, tokenizer: Tokenizer) -> list[ChunkRow]:
    """Links each entry to its review (an existing one when it is the same review) and
    returns the entry's chunks as rows."""
    rows: list[ChunkRow] = []
    linked: set[str] = set()  # entries of one document are never merged with each other
    for ord_, entry in enumerate(entries):
        entry_text = text[entry.start:entry.end]
        key = normalise_title(entry.meta.title)
        rid = next((candidate for candidate, meta, other_text in store.review_candidates(key)
                    if candidate not in linked
                    and same_review(entry.meta, entry_text, meta, other_text)), None)
        rid = rid or store.new_review_id(review_id(entry.meta))
        linked.add(rid)
        store.add_review_source(rid, document_id, ord_, entry.label or entry.meta.title, key,
                                entry.start, entry.end, entry.meta)
        for draft in chunk_entry(text, entry, count_tokens=tokenizer.count_tokens,
                                 window=tokenizer.max_tokens, paged=doc.paged):
            rows.append(ChunkRow(
                id=chunk_id(doc.sha256, draft.start, draft.end), document_id=document_id,
                review_id=rid, ord=len(rows), section=draft.section, locator=draft.locator,
                page=draft.page, start=draft.start, end=draft.end, header=draft.header,
                text=draft.text))
    return rows


def remove_document(store: Store, name_or_path: str) -> tuple[str, list[int]]:
    """Removes one document (by file name, path or key); returns its name and chunk ids."""
    matches = [d for d in store.documents()
               if name_or_path in (d.name, d.key, d.path, str(Path(name_or_path).resolve()))]
    if not matches:
        raise IngestError("no such document in the index (see `reviewqa info`)")
    if len(matches) > 1:
        raise IngestError("several documents have that name; give the full path")
    with store.transaction():
        removed = store.delete_document(matches[0].id)
    return matches[0].name, removed


def _sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()
