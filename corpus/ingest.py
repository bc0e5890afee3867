"""Ingestion into the store: files → cleaned text → reviews and chunks, one transaction per file.

This stage writes SQLite only; it returns what changed (chunks added and removed) so that
the embedding stage can bring the vector index into step (see ``reviewqa.embed.pipeline``).
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
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
    # (path, one-line note): met in a folder and not ours to read, or a duplicate of a stored
    # document; neither is a failure
    skipped: list[tuple[str, str]] = field(default_factory=list)
    # what each file ingested was taken to be: path -> (kind, why): "review", "digest" or
    # "other" (see reviewqa.corpus.segment), and where its stated metadata and the
    # manifest disagree: (path, one line)
    kinds: dict[str, tuple[str, str]] = field(default_factory=dict)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    added_chunks: list[ChunkRow] = field(default_factory=list)
    removed_chunk_ids: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        """'2 added, 0 unchanged, 0 replaced, 1 failed', then ', 3 skipped' when any were."""
        text = (f"{len(self.added)} added, {len(self.unchanged)} unchanged, "
                f"{len(self.replaced)} replaced, {len(self.failed)} failed")
        return text + (f", {len(self.skipped)} skipped" if self.skipped else "")


NOT_REVIEWS = ("README", "LICENSE", "LICENCE", "CHANGELOG", "CONTRIBUTING")
"""Files met in a folder that are about a repository, not reviews (any extension or case)."""


def collect_files(paths: Iterable[Path], report: IngestReport) -> list[Path]:
    """Files named, and supported files found under folders named (recursively, sorted).

    A missing path, a broken symbolic link or a symbolic link loop is a failure wherever it
    is met; an explicitly named unsupported file fails when read. Met inside a folder, a
    hidden file (or folder) or the manifest is passed over silently, and an unsupported
    file or a README, LICENSE, CHANGELOG or CONTRIBUTING is noted as skipped. Symbolic
    links to folders are followed, each real folder once.
    """
    files: list[Path] = []
    for path in paths:
        path = Path(path)
        try:
            is_dir = stat.S_ISDIR(path.stat().st_mode)
        except OSError as err:
            report.failed.append((str(path), _stat_problem(path, err)))
            continue
        if not is_dir:
            files.append(path)
            continue
        for child in sorted(_walk(path, report)):
            if child.name == MANIFEST_NAME:
                continue
            stem = child.name.split(".")[0].upper()
            if stem in NOT_REVIEWS:
                report.skipped.append((str(child), f"not a review document ({stem})"))
            elif child.suffix.lower() in SUPPORTED_SUFFIXES:
                files.append(child)
            else:
                report.skipped.append((str(child), f"unsupported extension {child.suffix!r}"))
    seen: set[Path] = set()
    unique: list[Path] = []
    for f in files:
        try:
            real = f.resolve()
        except (OSError, RuntimeError):  # a link changed since; reading it will say what
            real = f
        if real not in seen:
            seen.add(real)
            unique.append(f)
    return unique


def _walk(root: Path, report: IngestReport) -> list[Path]:
    """The regular files under ``root``, hidden names left out. A folder that cannot be
    listed, a broken link and a link loop are recorded as failures and the walk goes on."""
    found: list[Path] = []
    top = root.stat()
    visited = {(top.st_dev, top.st_ino)}
    stack: list[tuple[Path, frozenset]] = [(root, frozenset(visited))]
    while stack:
        folder, ancestors = stack.pop()
        try:
            with os.scandir(folder) as entries:
                names = sorted(entry.name for entry in entries)
        except OSError as err:
            report.failed.append((str(folder), f"cannot list the folder "
                                               f"({err.strerror or type(err).__name__})"))
            continue
        for name in names:
            if name.startswith("."):
                continue
            child = folder / name
            try:
                info = child.stat()
            except OSError as err:
                report.failed.append((str(child), _stat_problem(child, err)))
                continue
            if stat.S_ISDIR(info.st_mode):
                key = (info.st_dev, info.st_ino)
                if key in ancestors:
                    report.failed.append((str(child), "symbolic link loop (it leads back to a "
                                                      "folder that contains it)"))
                elif key not in visited:  # else reached twice through links: listed already
                    visited.add(key)
                    stack.append((child, ancestors | {key}))
            elif stat.S_ISREG(info.st_mode):
                found.append(child)
            else:
                report.skipped.append((str(child), "not a regular file"))
    return found


def _stat_problem(path: Path, err: OSError) -> str:
    """Why ``path`` cannot be followed, in one line."""
    if err.errno == errno.ELOOP:
        return "symbolic link loop"
    if err.errno in (errno.ENOENT, errno.ENOTDIR):
        return ("broken symbolic link (its target does not exist)" if path.is_symlink()
                else "no such file or folder")
    return f"cannot read ({err.strerror or type(err).__name__})"


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
        except OSError as err:  # the file changed, vanished or became unreadable meanwhile
            report.failed.append((str(path), _stat_problem(path, err)))
        except RecursionError:  # any stage meeting a document nested past Python's limit
            report.failed.append((str(path), "the document is nested too deeply to read"))
        except MemoryError:
            report.failed.append((str(path), "the document needs more memory than is "
                                             "available to read"))
    return report


def _manifest_info(path: Path, cache: dict[Path, dict[str, DocumentInfo]]) -> DocumentInfo | None:
    folder = _resolve(path).parent
    if folder not in cache:
        cache[folder] = {}
        try:
            cache[folder] = read_manifest(folder)
        except IngestError as err:
            raise IngestError(f"{folder / MANIFEST_NAME}: {err}") from None
    return cache[folder].get(path.name)


def _ingest_file(store: Store, path: Path, info: DocumentInfo | None,
                 tokenizer: Tokenizer, rechunk: bool, report: IngestReport) -> None:
    resolved = str(_resolve(path))
    existing = store.document_by_path(resolved)
    if existing and not rechunk and path.is_file() and _sha256(path) == existing.sha256:
        report.unchanged.append(str(path))
        return
    doc = load_document(path)
    twin = store.document_by_sha(doc.sha256)
    if twin and twin.path != resolved:  # not an error: the text is in the index already
        shown = twin.name if twin.name != path.name else twin.path
        report.skipped.append((str(path), f"same content as {shown}"))
        return
    text = repair_text(doc.text)
    segmented = segment(text, layout=info.layout if info else None,
                        review=info.review if info else None, fallback_title=path.stem,
                        manifest_title=info.title if info else None)
    title = (info.title if info else None) or segmented.title or path.stem
    if not segmented.entries:
        raise IngestError("no review text found")
    with store.transaction():
        if existing:
            report.removed_chunk_ids.extend(store.delete_document(existing.id))
        document_id = store.insert_document(
            key=doc.sha256[:12], path=resolved, name=path.name, title=title,
            kind=info.kind if info else None, publisher=info.publisher if info else None,
            date=info.date if info else None, provenance=info.provenance if info else None,
            format=doc.format, sha256=doc.sha256,
            paged=doc.paged, text=text)
        rows = _store_entries(store, document_id, doc, text, segmented.entries, tokenizer)
        for resource in segmented.resources:
            store.add_resource(document_id, resource.title, resource.start, resource.end)
        store.insert_chunks(rows)
        store.set_meta("chunker_version", CHUNKER_VERSION)
    report.added_chunks.extend(rows)
    (report.replaced if existing else report.added).append(str(path))
    report.kinds[str(path)] = (segmented.kind, segmented.reason)
    report.warnings.extend((str(path), warning) for warning in segmented.warnings)


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
    """Removes one document (by file name, path, the path as given resolved, or key); returns
    its name and chunk ids. (Any absolute path had matched every document: the path given was
    compared with its own resolved form, and an index of one document lost it to
    ``reviewqa remove /no/such/file.txt``.)"""
    if not name_or_path.strip():
        raise IngestError("no document named: give a file name, path or key (see `reviewqa info`)")
    resolved = str(_resolve(Path(name_or_path)))
    matches = [d for d in store.documents()
               if name_or_path in (d.name, d.key, d.path) or d.path == resolved]
    if not matches:
        raise IngestError("no such document in the index (see `reviewqa info`)")
    if len(matches) > 1:
        raise IngestError("several documents have that name; give the full path")
    with store.transaction():
        removed = store.delete_document(matches[0].id)
    return matches[0].name, removed


def _resolve(path: Path) -> Path:
    try:
        return path.resolve()
    except RuntimeError:  # Python 3.11 says "Symlink loop from ..." this way
        raise IngestError("symbolic link loop") from None


def _sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()
