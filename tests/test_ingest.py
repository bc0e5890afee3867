"""Ingestion into the SQLite store, on the real sample corpus and on bad inputs."""

from __future__ import annotations

import re
import sqlite3

import pytest
from helpers import make_report_pdf

from reviewqa.corpus.ingest import ingest, remove_document
from reviewqa.corpus.manifest import bundled_corpus_dir
from reviewqa.corpus.store import Store
from reviewqa.corpus.types import IngestError

NSPCC = "nspcc-2018-case-reviews-published-in-2018.txt"
NEWSLETTER = "south-gloucestershire-2017-news-and-research-q2.txt"
TORBAY = "torbay-2024-nspcc-repository-january.txt"
SAMA = "bedford-borough-2017-baby-sama-scr-overview-report.txt"
SAMEER = "bradford-2018-sameer-learning-brief.txt"


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory, embedder) -> Store:
    """The bundled corpus ingested once, chunked with the real model's tokenizer."""
    folder = tmp_path_factory.mktemp("store")
    store = Store.open(folder)
    report = ingest(store, [bundled_corpus_dir()], tokenizer=embedder)
    assert report.ok, report.failed
    assert len(report.added) == 5
    yield store
    store.close()


def _sources(store: Store) -> dict[str, list[dict]]:
    rows = store.db.execute(
        "SELECT d.name, s.review_id, s.label, r.title, r.area, r.year, r.type FROM review_sources s"
        " JOIN documents d ON d.id = s.document_id JOIN reviews r ON r.id = s.review_id")
    out: dict[str, list[dict]] = {}
    for row in rows:
        out.setdefault(row["name"], []).append(dict(row))
    return out


def test_each_document_yields_the_reviews_a_reader_counts(corpus_store):
    per_doc = dict(corpus_store.reviews_per_document())
    assert per_doc == {NSPCC: 68, NEWSLETTER: 19, TORBAY: 6, SAMA: 1, SAMEER: 1}


def test_reviews_in_two_documents_are_one_review_with_two_sources(corpus_store):
    sources = _sources(corpus_store)
    # 68 + 19 + 6 + 1 + 1 entries; Baby Sama and ten newsletter reviews are also in the list:
    # Child K, Martin, Harry, Jack, the Buckinghamshire CSE review, Child S (Waltham Forest),
    # Child B (Staffordshire), Child T, Siblings W and X, and Child J (no header in the newsletter).
    shared = {r["review_id"] for r in sources[NEWSLETTER]} & {r["review_id"] for r in sources[NSPCC]}
    titles = {corpus_store.review(rid).title.lower() for rid in shared}
    assert len(shared) == 10, sorted(titles)
    for expected in ("child k", "jack", "martin", "harry", "child t", "siblings w and x", "child j"):
        assert any(expected in t for t in titles), (expected, titles)
    sama = next(iter(sources[SAMA]))["review_id"]
    assert sama in {r["review_id"] for r in sources[NSPCC]}
    assert corpus_store.counts()["reviews"] == 95 - 10 - 1


def test_metadata_spot_checks(corpus_store):
    reviews = corpus_store.reviews()
    child_k = [r for r in reviews if r.title == "Child K"]
    assert len(child_k) == 1
    assert child_k[0].area == "Rochdale" and child_k[0].year == 2017
    assert "serious case review" in child_k[0].type.lower()
    sama = [r for r in reviews if "Sama" in r.title]
    assert len(sama) == 1
    assert sama[0].title == "Baby Sama" and sama[0].type == "serious case review"
    assert sama[0].area == "Bedford" and sama[0].year == 2017
    sameer = next(r for r in reviews if r.title == "Sameer")
    assert sameer.type == "learning brief" and sameer.area == "Bradford"


def test_linked_resources_are_not_reviews(corpus_store):
    titles = [r.title.lower() for r in corpus_store.reviews()]
    assert not any("dart" in t or "lullaby" in t or "prevent duty" in t for t in titles)
    resources = corpus_store.db.execute("SELECT title FROM resources").fetchall()
    assert any("Domestic Abuse Recovering Together" in r[0] for r in resources)


def test_chunks_fit_the_window_stay_in_one_review_and_point_at_their_text(corpus_store, embedder):
    entries = corpus_store.db.execute(
        "SELECT document_id, review_id, start, end FROM review_sources").fetchall()
    texts = {d.id: corpus_store.document_text(d.id) for d in corpus_store.documents()}
    chunks = corpus_store.chunks()
    assert len(chunks) > 300
    for c in chunks:
        assert texts[c.document_id][c.start:c.end] == c.text  # the locator's offsets hold the chunk
        assert c.text.strip() and c.locator
        assert embedder.count_tokens(f"{c.header}\n{c.text}") <= embedder.max_tokens
        owners = [e for e in entries if e["document_id"] == c.document_id
                  and e["start"] <= c.start and c.end <= e["end"]]
        assert [o["review_id"] for o in owners] == [c.review_id]  # inside exactly its own entry


def test_report_chunks_cite_paragraph_numbers(corpus_store):
    sama_doc = corpus_store.document_by_path(str((bundled_corpus_dir() / SAMA).resolve()))
    chunks = [c for c in corpus_store.chunks() if c.document_id == sama_doc.id]
    with_2_72 = [c for c in chunks if re.search(r"§2\.(7[0-2]|6\d)", c.locator)]
    assert with_2_72, [c.locator for c in chunks][:40]
    assert any("2.72" in c.locator for c in chunks) or any("2.72" in c.text for c in with_2_72)
    assert all(c.page is None for c in chunks)  # a .txt has no page numbers


def test_reingest_of_unchanged_corpus_does_nothing(corpus_store, embedder):
    before = corpus_store.chunk_ids()
    report = ingest(corpus_store, [bundled_corpus_dir()], tokenizer=embedder)
    assert (len(report.unchanged), report.added, report.replaced) == (5, [], [])
    assert report.added_chunks == [] and report.removed_chunk_ids == []
    assert corpus_store.chunk_ids() == before


# -- changes and bad input, on a small copy -----------------------------------------------------


def test_changed_file_replaces_its_chunks_and_removal_drops_its_reviews(tmp_path, small_corpus):
    store = Store.open(tmp_path / "index")
    first = ingest(store, [small_corpus])
    assert len(first.added) == 2 and first.ok
    brief = small_corpus / SAMEER
    old_ids = {c.id for c in store.chunks() if c.document_id == store.document_by_path(
        str(brief.resolve())).id}
    brief.write_text(brief.read_text(encoding="utf-8") + "\n\nWhat changed?\n\n- A new bullet "
                     "about the escalation policy being reviewed again in 2019.\n", encoding="utf-8")
    second = ingest(store, [small_corpus])
    assert second.replaced == [str(brief)] and len(second.unchanged) == 1
    assert set(second.removed_chunk_ids) == old_ids
    assert any("reviewed again in 2019" in c.text for c in second.added_chunks)
    assert store.counts()["reviews"] == 7
    name, removed = remove_document(store, SAMEER)
    assert name == SAMEER and removed
    assert store.counts()["reviews"] == 6 and not any(
        r.title == "Sameer" for r in store.reviews())
    store.close()


def test_remove_takes_only_the_document_named(tmp_path, small_corpus):
    """`reviewqa remove` with an absolute path matched every document (the path given was
    compared with its own resolved form): in an index of one document, removing a file that
    is not in it removed the one that is; with two, a document's own full path was refused
    as naming several."""
    store = Store.open(tmp_path / "index")
    assert ingest(store, [small_corpus]).ok
    before = sorted(d.name for d in store.documents())
    for other in ("/nonexistent/other.txt", str(tmp_path / "elsewhere.txt"), "", "   "):
        with pytest.raises(IngestError):
            remove_document(store, other)
    assert sorted(d.name for d in store.documents()) == before
    name, removed = remove_document(store, str((small_corpus / SAMEER).resolve()))
    assert name == SAMEER and removed
    assert sorted(d.name for d in store.documents()) == [n for n in before if n != SAMEER]
    store.close()


BAD_FILES = {
    "empty.txt": b"",
    "blank.txt": b"   \n\n  ",
    "binary.txt": bytes(range(256)) * 4,
    "latin1.txt": "Caf\xe9 safeguarding review".encode("latin-1"),
    "corrupt.pdf": b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\nthis is not a pdf",
    "notes.xyz": b"an unsupported file",
    "fake.docx": b"not a zip archive",
}


def test_bad_inputs_fail_one_by_one_and_keep_what_is_stored(tmp_path, small_corpus):
    store = Store.open(tmp_path / "index")
    ingest(store, [small_corpus])
    before = (store.counts(), store.chunk_ids())
    bad = tmp_path / "bad"
    bad.mkdir()
    paths = []
    for name, data in BAD_FILES.items():
        (bad / name).write_bytes(data)
        paths.append(bad / name)
    paths.append(tmp_path / "missing.txt")
    good = tmp_path / "good.txt"
    good.write_text("Learning brief: Child Q\n\nWhat went wrong?\n\n- Agencies did not share "
                    "information about the risk posed by the father.\n", encoding="utf-8")
    report = ingest(store, [*paths, good])
    failed = dict(report.failed)
    assert set(failed) == {str(p) for p in paths}
    for path, reason in failed.items():
        assert reason and "\n" not in reason, (path, reason)
    assert "no such file" in failed[str(tmp_path / "missing.txt")]
    assert "empty" in failed[str(bad / "empty.txt")]
    assert "UTF-8" in failed[str(bad / "latin1.txt")]
    assert "extension" in failed[str(bad / "notes.xyz")]
    assert report.added == [str(good)]
    after = store.counts()
    assert after["documents"] == before[0]["documents"] + 1
    assert set(before[1]) <= set(store.chunk_ids())
    store.close()


def test_a_failure_inside_the_transaction_leaves_the_previous_state(tmp_path, small_corpus):
    store = Store.open(tmp_path / "index")
    ingest(store, [small_corpus])
    before = (store.counts(), store.chunk_ids(), [r.id for r in store.reviews()])
    # A real SQLite failure half-way through writing the new version's chunks.
    store.db.execute("CREATE TEMP TRIGGER fail_midway BEFORE INSERT ON chunks"
                     " WHEN new.text LIKE '%escalation%' BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    brief = small_corpus / SAMEER
    brief.write_text(brief.read_text(encoding="utf-8").replace("Sameer", "Samir"), encoding="utf-8")
    with pytest.raises(sqlite3.DatabaseError):
        # ingest() records IngestErrors only; a database failure propagates after rollback
        ingest(store, [brief])
    assert (store.counts(), store.chunk_ids(), [r.id for r in store.reviews()]) == before
    store.close()


def test_a_pdf_keeps_its_page_numbers_through_ingestion(tmp_path, embedder):
    store = Store.open(tmp_path / "index")
    pdf = make_report_pdf(tmp_path / "child-q-report.pdf")
    report = ingest(store, [pdf], tokenizer=embedder)
    assert report.added == [str(pdf)], report.failed
    chunks = store.chunks()
    assert chunks and all(c.page in (1, 2, 3) for c in chunks)
    by_page = {c.page for c in chunks}
    assert by_page >= {1, 2}
    escalation = next(c for c in chunks if "did not escalate them" in c.text)
    assert escalation.page == 1 or "p. " in escalation.locator  # a chunk starts on its page
    assert all(f"p. {c.page}" in c.locator for c in chunks)
    store.close()
