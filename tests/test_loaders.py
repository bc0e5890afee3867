"""Loaders: every supported format read from real files made here, and every kind of bad
input refused with a one-line reason that does not repeat the path."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import docx
import pytest
from pypdf import PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from reviewqa.corpus.loaders import MAX_BYTES, SUPPORTED_SUFFIXES, load_document
from reviewqa.corpus.types import PAGE_BREAK, IngestError

PAGES = (
    ["The first page introduces the review of Child Q.", "Agencies shared information late."],
    ["Page two describes the strategy meeting in June.", "The health visitor was not invited."],
    ["The third page lists the recommendations.", "Escalation policy should be revised."],
)


def make_pdf(path: Path, pages: tuple[list[str], ...] = PAGES) -> Path:
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for lines in pages:
        y = 780
        for line in lines:
            pdf.drawString(72, y, line)
            y -= 20
        pdf.showPage()
    pdf.save()
    return path


def refused(path: Path, **kwargs: int) -> str:
    """The error message for ``path``, checked to be a single line without the path."""
    with pytest.raises(IngestError) as caught:
        load_document(path, **kwargs)
    message = str(caught.value)
    assert message and "\n" not in message
    assert str(path) not in message and path.name not in message
    return message


def test_supported_suffixes_cover_the_formats() -> None:
    assert set(SUPPORTED_SUFFIXES) == {".txt", ".md", ".html", ".htm", ".pdf", ".docx"}
    assert MAX_BYTES == 50 * 1024 * 1024


def test_plain_text_is_kept_as_is_with_its_checksum(tmp_path: Path) -> None:
    text = "Learning brief\n\n- Agencies did not escalate.  \n- Review the policy.\n"
    path = tmp_path / "brief.md"
    path.write_text(text, encoding="utf-8")
    doc = load_document(path)
    assert doc.text == text
    assert doc.format == "md" and not doc.paged and doc.path == path
    assert doc.sha256 == hashlib.sha256(text.encode()).hexdigest()


def test_pdf_pages_are_separated_by_page_breaks(tmp_path: Path) -> None:
    doc = load_document(make_pdf(tmp_path / "report.pdf"))
    assert doc.format == "pdf" and doc.paged
    parts = doc.text.split(PAGE_BREAK)
    assert len(parts) == 3
    for part, lines in zip(parts, PAGES, strict=True):
        for line in lines:
            assert line in part
    assert "strategy meeting in June" in parts[1]
    assert "strategy meeting" not in parts[0] + parts[2]


def test_pdf_with_only_an_owner_password_opens(tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=make_pdf(tmp_path / "plain.pdf"))
    writer.encrypt(user_password="", owner_password="owner-only")
    path = tmp_path / "restricted.pdf"
    writer.write(path)
    assert "recommendations" in load_document(path).text


def test_password_protected_pdf_is_refused(tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=make_pdf(tmp_path / "plain.pdf"))
    writer.encrypt(user_password="secret")
    path = tmp_path / "locked.pdf"
    writer.write(path)
    assert "password-protected" in refused(path)


def test_truncated_pdf_is_refused_as_corrupt(tmp_path: Path, capfd: pytest.CaptureFixture[str],
                                            caplog: pytest.LogCaptureFixture) -> None:
    whole = make_pdf(tmp_path / "whole.pdf").read_bytes()
    path = tmp_path / "broken.pdf"
    path.write_bytes(whole[: len(whole) // 3])
    assert "corrupt PDF" in refused(path)
    # and pypdf's own "EOF marker not found", naming no file, is not printed beside it
    assert "EOF marker" not in capfd.readouterr().err
    assert not [r for r in caplog.records if r.name.startswith("pypdf")]


def test_pdf_without_text_is_refused_as_scanned(tmp_path: Path) -> None:
    pdf = canvas.Canvas(str(tmp_path / "scan.pdf"), pagesize=A4)
    pdf.rect(100, 100, 300, 400, fill=1)  # a picture, no text
    pdf.showPage()
    pdf.save()
    assert "no extractable text" in refused(tmp_path / "scan.pdf")


def test_docx_paragraphs_and_table_cells_in_order(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Serious case review: Child W", level=1)
    document.add_paragraph("Child W was seen by the GP twice.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Agency"
    table.cell(0, 1).text = "Contact"
    table.cell(1, 0).text = "Police"
    table.cell(1, 1).text = "Three call-outs"
    document.add_paragraph("Escalation was not used.", style="List Bullet")
    path = tmp_path / "review.docx"
    document.save(path)
    doc = load_document(path)
    assert doc.format == "docx" and not doc.paged
    assert doc.text.splitlines() == [
        "Serious case review: Child W", "Child W was seen by the GP twice.",
        "Agency", "Contact", "Police", "Three call-outs", "- Escalation was not used."]


def test_file_that_is_not_a_zip_is_refused_as_corrupt_docx(tmp_path: Path) -> None:
    path = tmp_path / "fake.docx"
    path.write_bytes(b"This is a plain text file wearing a .docx name.")
    assert "not a zip archive" in refused(path)


def test_zip_that_is_not_a_word_document_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "archive.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "hello")
    assert "not a Word document" in refused(path)


def test_html_keeps_text_and_drops_script_nav_style_head(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>Site title</title><style>p {color: red}</style></head><body>"
        "<nav><a href='/'>Home</a> <a href='/menu'>Menu link</a></nav>"
        "<script>document.write('injected text')</script>"
        "<h1>Learning brief</h1><p>Sameer was <b>not</b> heard.</p>"
        "<ul><li>Review the escalation policy</li><li>Train staff</li></ul>"
        "<!-- an editor's comment --></body></html>", encoding="utf-8")
    doc = load_document(path)
    assert doc.format == "html"
    assert doc.text.splitlines() == [
        "Learning brief", "Sameer was not heard.",
        "- Review the escalation policy", "- Train staff"]
    for hidden in ("Site title", "color", "Home", "Menu link", "injected", "document.write",
                   "comment", "<"):
        assert hidden not in doc.text


def test_utf8_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "Café review – Child Q".encode())
    assert load_document(path).text == "Café review – Child Q"


def test_utf16_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes("Review of Child Q – 2019".encode("utf-16"))  # writes a BOM
    assert load_document(path).text == "Review of Child Q – 2019"


def test_latin1_text_names_the_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("The café".encode("latin-1"))
    message = refused(path)
    assert "not UTF-8" in message and "0xe9" in message and "offset 7" in message


@pytest.mark.parametrize("content, reason", [(b"", "empty file"), (b"  \n\t\n", "only whitespace")])
def test_empty_files_are_refused(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert reason in refused(path)


def test_binary_file_named_txt_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "picture.txt"
    path.write_bytes(bytes(range(256)) * 4)
    assert "binary content" in refused(path)


def test_unsupported_extension_lists_the_supported_ones(tmp_path: Path) -> None:
    path = tmp_path / "sheet.xlsx"
    path.write_bytes(b"whatever")
    message = refused(path)
    assert "unsupported file extension .xlsx" in message
    for suffix in SUPPORTED_SUFFIXES:
        assert suffix in message


def test_missing_path_is_refused(tmp_path: Path) -> None:
    assert refused(tmp_path / "absent.txt") == "no such file"


def test_directory_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    assert "not a regular file" in refused(folder)


def test_file_over_the_size_limit_says_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("x" * 2048, encoding="utf-8")
    message = refused(path, max_bytes=1024)
    assert "too large" in message and "1.0 KB" in message
    assert load_document(path, max_bytes=4096).text == "x" * 2048
