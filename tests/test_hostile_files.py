"""Hostile and odd inputs: deep nesting, zip bombs, huge one-line texts, symbolic link loops,
repository files and duplicates. Each bad file gets one line naming it; the rest goes in.

Every fixture is made here, in tmp_path, at run time (a zip bomb is never committed: it is
built from one deflated megabyte repeated, so it costs almost nothing to make).
"""

from __future__ import annotations

import io
import json
import os
import shutil
import struct
import subprocess
import sys
import textwrap
import zipfile
import zlib
from pathlib import Path

import docx
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from reviewqa.corpus import loaders
from reviewqa.corpus.chunker import MAX_CHUNK_CHARS, WINDOW_TOKENS, chunk_entry, estimate_tokens
from reviewqa.corpus.ingest import IngestReport, ingest
from reviewqa.corpus.loaders import load_document
from reviewqa.corpus.store import Store
from reviewqa.corpus.types import Block, Entry, IngestError, ReviewMeta

GOOD_TEXT = ("Learning brief: Child Q\n\nWhat went wrong?\n\n- Agencies did not share information "
             "about the risk posed by the father.\n- The health visitor was not invited to the "
             "strategy meeting.\n")
MB = 1024 * 1024


def refused(path: Path) -> str:
    with pytest.raises(IngestError) as caught:
        load_document(path)
    message = str(caught.value)
    assert message and "\n" not in message and path.name not in message
    return message


# -- building zips by hand (so a bomb costs a few milliseconds) ----------------------------------

def _deflated_run(block: bytes, times: int) -> bytes:
    """Raw deflate data that inflates to ``block * times``: one fully flushed block, repeated
    (a full flush makes each copy independent of the one before), then an empty final block."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    one = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    return one * times + b"\x03\x00"


def _deflated(data: bytes) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


def write_zip(path: Path, members: list[tuple[str, bytes, int, int]]) -> Path:
    """A zip of (name, raw deflate data, size it declares, crc32) members, nothing checked."""
    out, central = io.BytesIO(), io.BytesIO()
    for name, raw, size, crc in members:
        offset = out.tell()
        encoded = name.encode()
        out.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0x21, crc, len(raw),
                              size, len(encoded), 0) + encoded + raw)
        central.write(struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 8, 0, 0x21, crc,
                                  len(raw), size, len(encoded), 0, 0, 0, 0, 0, offset) + encoded)
    directory = central.getvalue()
    start = out.tell()
    out.write(directory + struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(members),
                                      len(members), len(directory), start, 0))
    path.write_bytes(out.getvalue())
    return path


def real_docx_members(tmp_path: Path) -> list[tuple[str, bytes, int, int]]:
    """The members of a real one-paragraph Word document, ready for :func:`write_zip`."""
    document = docx.Document()
    document.add_paragraph("Child W was seen by the GP twice.")
    document.save(tmp_path / "real.docx")
    with zipfile.ZipFile(tmp_path / "real.docx") as archive:
        return [(m.filename, _deflated(data := archive.read(m)), len(data), zlib.crc32(data))
                for m in archive.infolist()]


def zip_bomb(path: Path, tmp_path: Path) -> Path:
    """A 1.3 MB .docx that says, truthfully, that it unpacks to 1.3 GB."""
    size = 1300 * MB
    return write_zip(path, [*real_docx_members(tmp_path),
                            ("word/media/image1.png", _deflated_run(bytes(MB), 1300), size, 0)])


def lying_zip_bomb(path: Path, tmp_path: Path) -> Path:
    """A .docx whose part claims 4 KB and inflates to 400 MB."""
    return write_zip(path, [*real_docx_members(tmp_path),
                            ("word/media/image1.png", _deflated_run(bytes(MB), 400), 4096, 0)])


def xml_bomb(path: Path, tmp_path: Path) -> Path:
    """A .docx whose document.xml honestly declares 64 MB of XML (within the total cap)."""
    members = [m for m in real_docx_members(tmp_path) if m[0] != "word/document.xml"]
    return write_zip(path, [*members, ("word/document.xml", _deflated_run(b" " * MB, 64),
                                       64 * MB, 0)])


# -- loaders -----------------------------------------------------------------------------------

@pytest.mark.parametrize("markup", [
    b"<html><body>" + b"<font>x " * 1200,
    b"<html><body>" + b"<div>" * 1000 + b"deep text" + b"</div>" * 1000 + b"</body></html>",
])
def test_deeply_nested_html_is_read_without_recursion(tmp_path, markup):
    path = tmp_path / "deep.html"
    path.write_bytes(markup)
    text = load_document(path).text
    assert ("x x x" in text) or ("deep text" in text)


def test_deeply_nested_html_keeps_blocks_and_items_apart(tmp_path):
    path = tmp_path / "nested.html"
    path.write_bytes(b"<div>" * 3000 + b"<p>First block.</p><ul><li>An item</li></ul>"
                     b"<p>Second <b>bold</b> block.</p>" + b"</div>" * 3000)
    assert load_document(path).text.splitlines() == [
        "First block.", "- An item", "Second bold block."]


def test_html_with_too_much_markup_is_refused(tmp_path):
    path = tmp_path / "tags.html"
    path.write_bytes(b"<b>" * (loaders.MAX_HTML_TAGS + 1))
    assert "too much markup" in refused(path)


def test_docx_zip_bomb_is_refused_before_unpacking(tmp_path):
    path = zip_bomb(tmp_path / "bomb.docx", tmp_path)
    assert path.stat().st_size < 2 * MB
    message = refused(path)
    assert "zip bomb" in message and "limit is 200 MB" in message


def test_docx_part_lying_about_its_size_is_refused(tmp_path):
    message = refused(lying_zip_bomb(tmp_path / "liar.docx", tmp_path))
    assert "corrupt Word document" in message and "4.0 KB it declares" in message


def test_docx_with_too_much_xml_is_refused(tmp_path):
    assert "of XML" in refused(xml_bomb(tmp_path / "xml.docx", tmp_path))


def test_docx_with_too_many_parts_is_refused(tmp_path):
    path = tmp_path / "many.docx"
    with zipfile.ZipFile(path, "w") as archive:
        for i in range(loaders.MAX_ZIP_MEMBERS + 1):
            archive.writestr(f"part{i}.xml", "")
    assert "zip archive of 5,001 files" in refused(path)


def test_docx_built_by_hand_reads_like_the_original(tmp_path):
    """The hand-built zips above are real zips: the same members unbombed read fine."""
    path = write_zip(tmp_path / "plain.docx", real_docx_members(tmp_path))
    assert load_document(path).text == "Child W was seen by the GP twice.\n"


def test_encrypted_word_document_says_so(tmp_path):
    path = tmp_path / "locked.docx"  # what Word writes: an OLE compound file, not a zip
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096))
    assert "password-protected Word document" in refused(path)


def test_huge_one_line_text_is_refused_by_its_length(tmp_path):
    path = tmp_path / "one-line.txt"
    with path.open("w", encoding="utf-8") as out:
        for _ in range(40):
            out.write("word " * (MB // 5))
    assert path.stat().st_size < loaders.MAX_BYTES  # passes the file size check
    assert "too much text" in refused(path)


def _pdf(path: Path, pages: int) -> Path:
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for n in range(pages):
        pdf.drawString(72, 780, f"Page {n + 1} of the review of Child Q.")
        pdf.showPage()
    pdf.save()
    return path


def test_pdf_with_too_many_pages_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(loaders, "MAX_PDF_PAGES", 3)
    assert "too many pages (4; the limit is 3)" in refused(_pdf(tmp_path / "long.pdf", 4))


def test_pdf_text_stops_at_the_text_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(loaders, "MAX_TEXT_CHARS", 60)
    assert "too much text" in refused(_pdf(tmp_path / "wordy.pdf", 3))


# -- the chunker on text of any shape ----------------------------------------------------------

def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


SHAPES = {
    "one line, no sentence ends": lambda n: _repeat("safeguarding partners ", n),
    "tiny sentences": lambda n: _repeat("A. ", n),
    "no spaces, letters": lambda n: "x" * n,
    "no spaces, punctuation": lambda n: _repeat("a,", n),
    "words longer than the window": lambda n: _repeat("ab," * 400 + " ", n),
    "whitespace runs": lambda n: _repeat("word" + " " * 3000, n),
}


class CountingTokenizer:
    """The estimator, counting its calls and the longest text it was asked about."""

    def __init__(self) -> None:
        self.calls = 0
        self.longest = 0

    def __call__(self, text: str) -> int:
        self.calls += 1
        self.longest = max(self.longest, len(text))
        return estimate_tokens(text)


@pytest.mark.parametrize("shape", SHAPES)
def test_chunker_work_is_linear_whatever_the_shape(shape):
    sizes, calls = (50_000, 400_000), []
    for size in sizes:
        text = SHAPES[shape](size)
        entry = Entry(meta=ReviewMeta(title="Child Q"), start=0, end=len(text),
                      blocks=[Block(0, len(text))])
        counter = CountingTokenizer()
        chunks = chunk_entry(text, entry, count_tokens=counter, paged=True)
        assert counter.longest <= MAX_CHUNK_CHARS + 100  # never the whole text at once
        for chunk in chunks:
            assert text[chunk.start:chunk.end] == chunk.text and chunk.text.strip()
            assert len(chunk.text) <= MAX_CHUNK_CHARS
            assert estimate_tokens(f"{chunk.header}\n{chunk.text}") <= WINDOW_TOKENS
        visible = sum(len("".join(c.text.split())) for c in chunks)
        assert visible == len("".join(text.split()))  # every visible character, once
        assert all(a.end <= b.start for a, b in zip(chunks, chunks[1:], strict=False))
        calls.append(counter.calls)
    # Eight times the text, at most about eight times the token counts (plus slack).
    assert calls[1] <= 8 * calls[0] * 1.25 + 50, calls


def test_a_header_longer_than_the_window_is_cut_not_fatal():
    text = "The agencies did not share what they knew. " * 50
    entry = Entry(meta=ReviewMeta(title="Child Q " * 2000), start=0, end=len(text),
                  blocks=[Block(0, len(text))])
    chunks = chunk_entry(text, entry)
    assert 1 < len(chunks) < 20
    for chunk in chunks:
        assert chunk.header.endswith("…") and len(chunk.header) <= 1000
        assert estimate_tokens(f"{chunk.header}\n{chunk.text}") <= WINDOW_TOKENS


# -- collecting files --------------------------------------------------------------------------

@pytest.fixture()
def store(tmp_path):
    opened = Store.open(tmp_path / "index")
    yield opened
    opened.close()


def test_symbolic_link_loop_named_on_the_command_line_is_one_failure(tmp_path, store):
    good = tmp_path / "good.txt"
    good.write_text(GOOD_TEXT, encoding="utf-8")
    loop = tmp_path / "loop.txt"
    loop.symlink_to(tmp_path / "loop.txt")
    report = ingest(store, [loop, good])
    assert report.failed == [(str(loop), "symbolic link loop")]
    assert report.added == [str(good)]


def test_symbolic_link_loops_inside_a_folder_are_failures_naming_them(tmp_path, store):
    folder = tmp_path / "docs"
    (folder / "sub").mkdir(parents=True)
    (folder / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (folder / "a.txt").symlink_to(folder / "b.txt")
    (folder / "b.txt").symlink_to(folder / "a.txt")
    (folder / "sub" / "up").symlink_to(folder)  # a folder containing itself
    (folder / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    report = ingest(store, [folder])
    failed = dict(report.failed)
    assert failed[str(folder / "a.txt")] == "symbolic link loop"
    assert failed[str(folder / "b.txt")] == "symbolic link loop"
    assert "symbolic link loop" in failed[str(folder / "sub" / "up")]
    assert "broken symbolic link" in failed[str(folder / "gone.txt")]
    assert report.added == [str(folder / "good.txt")]


def test_linked_folders_are_followed_once(tmp_path, store):
    real = tmp_path / "real"
    real.mkdir()
    (real / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "link").symlink_to(real)
    (folder / "again").symlink_to(real)
    report = ingest(store, [folder])
    assert report.ok and len(report.added) == 1 and report.skipped == []


@pytest.mark.parametrize("name", ["README", "readme.md", "LICENSE.txt", "Licence", "CHANGELOG.md",
                                  "contributing.html", "README.en.txt"])
def test_repository_files_in_a_folder_are_skipped_with_a_note(tmp_path, store, name):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (folder / name).write_text("# How to build this repository\n\nRun make.\n", encoding="utf-8")
    report = ingest(store, [folder])
    stem = name.split(".")[0].upper()
    assert report.skipped == [(str(folder / name), f"not a review document ({stem})")]
    assert report.added == [str(folder / "good.txt")] and report.ok


def test_identical_file_under_another_path_is_skipped_not_failed(tmp_path, store):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "brief.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (folder / "copy of brief.txt").write_text(GOOD_TEXT, encoding="utf-8")
    first = ingest(store, [folder])
    again = ingest(store, [folder / "copy of brief.txt"])
    assert store.counts()["documents"] == 1
    for report in (first, again):
        assert report.ok and report.failed == []
        assert report.skipped == [(str(folder / "copy of brief.txt"), "same content as brief.txt")]
    assert first.added == [str(folder / "brief.txt")]
    assert first.summary() == "1 added, 0 unchanged, 0 replaced, 0 failed, 1 skipped"


def test_twin_with_the_same_name_is_named_by_its_path(tmp_path, store):
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "brief.txt").write_text(GOOD_TEXT, encoding="utf-8")
    report = ingest(store, [tmp_path / "a", tmp_path / "b"])
    first = str((tmp_path / "a" / "brief.txt").resolve())
    assert report.skipped == [(str(tmp_path / "b" / "brief.txt"), f"same content as {first}")]


def test_summary_without_skips_is_unchanged():
    assert IngestReport(added=["x"]).summary() == "1 added, 0 unchanged, 0 replaced, 0 failed"


# -- everything at once, in a fresh process so that its peak memory can be measured -------------

def build_hostile_folder(folder: Path, tmp_path: Path) -> dict[str, str]:
    """The hostile files beside one good file; returns each name's expected outcome."""
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (folder / "deep-font.html").write_bytes(b"<html><body>" + b"<font>x " * 1200)
    (folder / "deep-div.html").write_bytes(b"<div>" * 1000 + b"Deep text about the review."
                                           + b"</div>" * 1000)
    (folder / "tags.html").write_bytes(b"<b>" * (loaders.MAX_HTML_TAGS + 1))
    zip_bomb(folder / "bomb.docx", tmp_path)
    lying_zip_bomb(folder / "liar.docx", tmp_path)
    (folder / "locked.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096))
    with (folder / "one-line.txt").open("w", encoding="utf-8") as out:
        for _ in range(40):
            out.write("word " * (MB // 5))
    (folder / "long-line.txt").write_text(("the agencies shared nothing " * 40_000).strip(),
                                          encoding="utf-8")  # 1.1 MB, no sentence ends
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 16)
    (folder / "latin1.txt").write_bytes("Caf\xe9 safeguarding review".encode("latin-1"))
    (folder / "corrupt.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\nbroken")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "README.md").write_text("# Repository notes\n", encoding="utf-8")
    shutil.copy(folder / "good.txt", folder / "second-copy.txt")
    return {
        "good.txt": "added", "deep-font.html": "added", "deep-div.html": "added",
        "long-line.txt": "added", "tags.html": "too much markup", "bomb.docx": "zip bomb",
        "liar.docx": "corrupt Word document", "locked.docx": "password-protected",
        "one-line.txt": "too much text", "empty.txt": "empty file",
        "binary.txt": "binary content", "latin1.txt": "not UTF-8", "corrupt.pdf": "corrupt PDF",
        "loop.txt": "symbolic link loop", "README.md": "skipped: not a review document",
        "second-copy.txt": "skipped: same content as good.txt",
    }


MEASURE = textwrap.dedent("""
    import json, resource, sys, time

    def peak_mb():
        # VmHWM: this process's own peak; ru_maxrss would include the forking parent's,
        # as Linux keeps it across execve.
        try:
            with open("/proc/self/status") as status:
                for line in status:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1]) / 1024
        except OSError:
            pass
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    from pathlib import Path
    from reviewqa.corpus.ingest import ingest
    from reviewqa.corpus.store import Store
    started = time.perf_counter()
    store = Store.open(Path(sys.argv[2]))
    report = ingest(store, [Path(sys.argv[1])])
    store.close()
    print(json.dumps({"added": report.added, "failed": report.failed, "skipped": report.skipped,
                      "seconds": time.perf_counter() - started,
                      "peak_mb": peak_mb()}))
""")


def test_hostile_folder_beside_a_good_file(tmp_path):
    folder = tmp_path / "hostile"
    expected = build_hostile_folder(folder, tmp_path)
    result = subprocess.run([sys.executable, "-c", MEASURE, str(folder), str(tmp_path / "index")],
                            capture_output=True, text=True, timeout=900,
                            env={**os.environ, "PYTHONWARNINGS": "ignore"})
    assert result.returncode == 0, result.stderr[-3000:]
    out = json.loads(result.stdout.strip().splitlines()[-1])
    print(f"\nhostile folder: {out['seconds']:.1f} s, peak RSS {out['peak_mb']:.0f} MB")
    added = {Path(p).name for p in out["added"]}
    failed = {Path(p).name: reason for p, reason in out["failed"]}
    skipped = {Path(p).name: reason for p, reason in out["skipped"]}
    for name, outcome in expected.items():
        if outcome == "added":
            assert name in added, (name, failed.get(name))
        elif outcome.startswith("skipped: "):
            assert outcome.removeprefix("skipped: ") in skipped[name], (name, skipped.get(name))
        else:
            assert outcome in failed.get(name, ""), (name, failed.get(name), name in added)
    for reason in (*failed.values(), *skipped.values()):
        assert reason and "\n" not in reason and len(reason) < 300
    seen = set(added) | set(failed) | set(skipped)
    assert seen == set(expected), (sorted(set(expected) - seen), sorted(seen - set(expected)))
    assert out["peak_mb"] < 1024, out  # the bomb alone took 2.6 GB before the caps
    store = Store.open(tmp_path / "index")
    try:
        assert store.counts()["documents"] == len(added)
    finally:
        store.close()


def test_longest_run_stops_where_a_one_by_one_scan_stops():
    """The chunker's galloping search against the scan it replaces, on every threshold."""
    from reviewqa.corpus.chunker import _longest_run

    for n in range(1, 40):
        for limit in range(0, n + 2):  # fits(k) is true for k <= limit
            for guess in (1, 2, 5, n, n + 3):
                def fits(k: int, n: int = n, limit: int = limit) -> bool:
                    assert 2 <= k <= n
                    return k <= limit

                scan = 1
                while scan < n and fits(scan + 1):
                    scan += 1
                assert _longest_run(n, fits, guess) == scan, (n, limit, guess)
