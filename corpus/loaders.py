"""Document loaders: one file in, its raw text out (:class:`LoadedDocument`).

Every failure is an :class:`IngestError` whose message is one line naming the reason but not
the path (the caller adds the path), so that one bad file in a batch is reported clearly and
the rest goes on. No loader runs anything found in a document: HTML is parsed, never
rendered; PDF and Word files are read for their text only.
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import docx
from bs4 import BeautifulSoup
from bs4.element import NavigableString, PreformattedString, Tag
from docx.table import Table
from pypdf import PasswordType, PdfReader
from pypdf.errors import DependencyError

from .types import PAGE_BREAK, IngestError, LoadedDocument

MAX_BYTES = 50 * 1024 * 1024
"""Largest file read at all."""
MAX_TEXT_CHARS = 10_000_000
"""Most characters of extracted text per file (about 1.6 million words, several thousand
pages: the longest real reviews and digests are well under a million). It bounds the
work of every later stage (repair, segmenting, chunking, embedding) whatever the format."""
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
"""Most bytes a Word document may unpack to, all its parts together (pictures included)."""
MAX_XML_BYTES = 50 * 1024 * 1024
"""Most bytes of unpacked XML in a Word document (what python-docx parses into a tree)."""
MAX_ZIP_MEMBERS = 5_000
MAX_PDF_PAGES = 5_000
MAX_HTML_TAGS = 200_000
"""Most '<' in an HTML file: BeautifulSoup costs about 1 KB and 60 µs a tag, more when
deeply nested, so this bounds an HTML file to a few hundred MB and seconds."""

_FORMATS = {".txt": "txt", ".md": "md", ".html": "html", ".htm": "html", ".pdf": "pdf",
            ".docx": "docx"}
SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(_FORMATS)

_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def load_document(path: Path, *, max_bytes: int = MAX_BYTES) -> LoadedDocument:
    """Reads ``path`` and extracts its text according to its extension."""
    path = Path(path)
    if not path.exists():
        raise IngestError("no such file")
    if not path.is_file():
        raise IngestError("not a regular file")
    fmt = _format_of(path)
    data = _read_bytes(path, max_bytes)
    try:
        text, paged = _EXTRACTORS[fmt](data)
    except RecursionError:  # a parser below us recursing on deeply nested input
        raise IngestError("the document is nested too deeply to read") from None
    except MemoryError:
        raise IngestError("the document needs more memory than is available to read") from None
    _check_text_length(len(text))
    if not text.strip():
        raise IngestError("no text found in the document")
    return LoadedDocument(path=path, format=fmt, text=text,
                          sha256=hashlib.sha256(data).hexdigest(), paged=paged)


def _format_of(path: Path) -> str:
    """The format named by the extension; checked before reading so that nothing is opened
    that we would not know how to parse."""
    suffix = path.suffix.lower()
    if suffix not in _FORMATS:
        shown = suffix or "(none)"
        supported = ", ".join(SUPPORTED_SUFFIXES)
        raise IngestError(f"unsupported file extension {shown}; supported: {supported}")
    return _FORMATS[suffix]


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, after the checks that need no parsing (size, not empty)."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise IngestError(
                f"file is too large ({_human(size)}; the limit is {_human(max_bytes)})")
        data = path.read_bytes()
    except OSError as err:
        raise IngestError(f"cannot read the file ({err.strerror or type(err).__name__})") from None
    if len(data) > max_bytes:  # grew since stat()
        raise IngestError(f"file is too large (over the limit of {_human(max_bytes)})")
    if not data.strip():
        raise IngestError("empty file" if not data else "empty file (only whitespace)")
    return data


def _check_text_length(chars: int) -> None:
    if chars > MAX_TEXT_CHARS:
        raise IngestError(f"too much text ({chars:,} characters or more; the limit is "
                          f"{MAX_TEXT_CHARS:,})")


def _human(size: int) -> str:
    """A byte count as people read it: 12 bytes, 3.4 KB, 50 MB."""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    if size < 1024 ** 3:
        return f"{size / (1024 * 1024):.3g} MB"
    return f"{size / 1024 ** 3:.3g} GB"


# --- plain text -------------------------------------------------------------------------

def _decode_text(data: bytes) -> str:
    """Decodes UTF-8 (with or without BOM) or UTF-16 with a BOM; anything else is refused
    with the offending byte, because guessing an 8-bit code page silently corrupts text."""
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM):]
    elif data.startswith(_UTF16_BOMS):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as err:
            raise IngestError(f"invalid UTF-16 text ({err.reason} at offset {err.start})") from None
        if "\x00" in text:
            raise IngestError("binary content (NUL characters); not a text file")
        return text
    if b"\x00" in data:
        raise IngestError("binary content (NUL bytes); not a text file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise IngestError(f"not UTF-8 text (invalid byte 0x{data[err.start]:02x} at offset "
                          f"{err.start}); save it as UTF-8") from None


def _load_text(data: bytes) -> tuple[str, bool]:
    text = _decode_text(data)
    if not text.strip():
        raise IngestError("empty file (only whitespace)")
    return text, False


# --- HTML -------------------------------------------------------------------------------

_DROPPED_TAGS = ("script", "style", "nav", "head", "noscript", "template", "iframe", "svg")
_BLOCK_TAGS = frozenset(
    "address article aside blockquote body caption dd details dialog div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr html li main ol p pre section "
    "summary table tbody td tfoot th thead tr ul".split())


def _load_html(data: bytes) -> tuple[str, bool]:
    """Visible text of an HTML page, one block element per line; list items keep a "- "
    so that later stages still see them as separate items."""
    if b"\x00" in data and not data.startswith(_UTF16_BOMS):
        raise IngestError("binary content (NUL bytes); not an HTML file")
    tags = data.count(b"<")
    if tags > MAX_HTML_TAGS:
        raise IngestError(f"too much markup ({tags:,} tags; the limit is {MAX_HTML_TAGS:,})")
    try:
        soup = BeautifulSoup(data, "html.parser")
    except Exception as err:  # bs4/html.parser raise assorted errors on broken markup
        raise IngestError(f"cannot parse the HTML ({_one_line(err)})") from None
    for tag in soup.find_all(_DROPPED_TAGS):
        tag.decompose()

    def pieces(root: Tag) -> Iterator[str]:
        # Depth-first with an explicit stack, not recursion: nesting depth is the file's to
        # choose (1,000 unclosed <font> tags are 1,000 levels).
        stack: list[tuple[Iterator, str]] = [(iter(root.children), "")]
        while stack:
            children, closing = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                if closing:
                    yield closing
                continue
            if isinstance(child, PreformattedString):  # comments, doctype, CDATA
                continue
            if isinstance(child, NavigableString):
                yield re.sub(r"\s+", " ", str(child))
            elif isinstance(child, Tag):
                if child.name == "br":
                    yield "\n"
                    continue
                block = child.name in _BLOCK_TAGS
                if block:
                    yield "\n- " if child.name == "li" else "\n"
                stack.append((iter(child.children), "\n" if block else ""))

    lines = (" ".join(line.split()) for line in "".join(pieces(soup)).split("\n"))
    text = "\n".join(line for line in lines if line and line != "-")
    if not text:
        raise IngestError("no visible text in the HTML")
    return text + "\n", False


# --- PDF --------------------------------------------------------------------------------

def _load_pdf(data: bytes) -> tuple[str, bool]:
    """Text of every page, pages joined by PAGE_BREAK; each page's text ends with a line
    break so that a page break always starts a line. pypdf's own log lines are not
    printed ("EOF marker not found", naming no file, beside the one-line error that does)."""
    with _quiet(logging.getLogger("pypdf")):
        return _read_pdf(data)


@contextmanager
def _quiet(logger: logging.Logger) -> Iterator[None]:
    """``logger`` and those under it say nothing below an error while the block runs."""
    level = logger.level
    logger.setLevel(max(level, logging.ERROR))
    try:
        yield
    finally:
        logger.setLevel(level)


def _read_pdf(data: bytes) -> tuple[str, bool]:
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            _unlock(reader)
        count = len(reader.pages)
        if count > MAX_PDF_PAGES:
            raise IngestError(f"PDF has too many pages ({count:,}; the limit is {MAX_PDF_PAGES:,})")
        pages, chars = [], 0
        for page in reader.pages:
            pages.append(page.extract_text() or "")
            chars += len(pages[-1]) + 1
            _check_text_length(chars)  # stop reading as soon as the text is too long
    except IngestError:
        raise
    except DependencyError:
        raise IngestError("PDF is encrypted with AES; reading it needs the 'cryptography' "
                          "package") from None
    except Exception as err:  # pypdf raises many types on damaged files; all mean "corrupt"
        raise IngestError(f"corrupt PDF ({_one_line(err)})") from None
    if not pages:
        raise IngestError("PDF has no pages")
    if not any(page.strip() for page in pages):
        raise IngestError("PDF has no extractable text (likely scanned images; run OCR first)")
    return PAGE_BREAK.join(page if page.endswith("\n") else page + "\n" for page in pages), True


def _unlock(reader: PdfReader) -> None:
    """Opens a PDF that is encrypted with an empty user password (restrictions only);
    refuses one that needs a password to be read."""
    if reader.decrypt("") == PasswordType.NOT_DECRYPTED:
        raise IngestError("PDF is password-protected; save an unprotected copy and try again")


# --- Word -------------------------------------------------------------------------------

def _load_docx(data: bytes) -> tuple[str, bool]:
    """Paragraphs and table cells in document order, one per line; list paragraphs keep
    a "- " so that later stages still see them as items."""
    if data.startswith(_OLE_MAGIC):
        raise IngestError("password-protected Word document, or an old binary .doc renamed "
                          ".docx; save an unprotected .docx and try again")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise IngestError("corrupt Word document (not a zip archive)")
    _check_zip(data)
    try:
        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        for item in document.iter_inner_content():
            if isinstance(item, Table):
                lines.extend(_table_lines(item))
            else:
                style = item.style.name if item.style is not None else ""
                prefix = "- " if style.lower().startswith("list") and item.text.strip() else ""
                lines.append(prefix + item.text)
    except Exception as err:  # python-docx: KeyError, PackageNotFoundError, XML errors...
        raise IngestError(f"not a Word document ({_one_line(err)})") from None
    text = "\n".join(line.strip() for line in lines if line.strip())
    if not text:
        raise IngestError("Word document has no text")
    return text + "\n", False


_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # what Word writes an encrypted .docx as
_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature ... file name length, extra length
_UNPACK_STEP = 1024 * 1024


def _check_zip(data: bytes) -> None:
    """Refuses a zip bomb before python-docx unpacks anything: the members' declared sizes
    must stay under the caps, and so must what each member really inflates to (counted in
    1 MB steps, so that a member lying about its size costs no more memory than that)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except Exception as err:  # BadZipFile, LargeZipFile, struct errors on damaged directories
        raise IngestError(f"corrupt Word document ({_one_line(err)})") from None
    if len(members) > MAX_ZIP_MEMBERS:
        raise IngestError(f"not a Word document (zip archive of {len(members):,} files; the "
                          f"limit is {MAX_ZIP_MEMBERS:,})")
    declared = sum(m.file_size for m in members)
    declared_xml = sum(m.file_size for m in members if _is_xml(m.filename))
    _check_unpacked(declared, declared_xml, "declares")
    total = total_xml = 0
    for member in members:
        if member.flag_bits & 0x1:
            raise IngestError("Word document has encrypted parts; save an unprotected copy")
        size = _inflated_size(data, member, member.file_size)
        if size != member.file_size:
            real = "more than" if size > member.file_size else f"{_human(size)}, not"
            raise IngestError(f"corrupt Word document (part {member.filename[:60]!r} unpacks to "
                              f"{real} the {_human(member.file_size)} it declares)")
        total += size
        total_xml += size if _is_xml(member.filename) else 0
        _check_unpacked(total, total_xml, "unpacks to")


def _is_xml(name: str) -> bool:
    return name.lower().endswith((".xml", ".rels"))


def _check_unpacked(total: int, xml: int, verb: str) -> None:
    if total > MAX_UNPACKED_BYTES:
        raise IngestError(f"Word document {verb} {_human(total)} or more when unpacked; the "
                          f"limit is {_human(MAX_UNPACKED_BYTES)} (a zip bomb?)")
    if xml > MAX_XML_BYTES:
        raise IngestError(f"Word document {verb} {_human(xml)} or more of XML when unpacked; "
                          f"the limit is {_human(MAX_XML_BYTES)} (a zip bomb?)")


def _inflated_size(data: bytes, member: zipfile.ZipInfo, limit: int) -> int:
    """What ``member`` really unpacks to, read from its raw bytes (not trusting the sizes in
    the zip's directory); stops counting at most 1 MB past ``limit``."""
    offset = member.header_offset
    header = data[offset:offset + _LOCAL_HEADER.size]
    if len(header) < _LOCAL_HEADER.size or not header.startswith(b"PK\x03\x04"):
        raise IngestError("corrupt Word document (damaged zip entry)")
    _, name_len, extra_len = _LOCAL_HEADER.unpack(header)
    start = offset + _LOCAL_HEADER.size + name_len + extra_len
    raw = memoryview(data)[start:start + member.compress_size]
    if member.compress_type == zipfile.ZIP_STORED:
        return len(raw)
    if member.compress_type != zipfile.ZIP_DEFLATED:
        raise IngestError("not a Word document (zip uses a compression Word does not use)")
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    size, pending = 0, bytes(raw)
    try:
        while pending and not inflater.eof and size <= limit:
            size += len(inflater.decompress(pending, _UNPACK_STEP))
            pending = inflater.unconsumed_tail
        if not inflater.eof and size <= limit:
            size += len(inflater.flush())
    except zlib.error as err:
        raise IngestError(f"corrupt Word document ({_one_line(err)})") from None
    return size


def _table_lines(table: Table) -> Iterator[str]:
    """Each cell's text once (merged cells repeat in python-docx's rows), row by row."""
    for row in table.rows:
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            yield " ".join(cell.text.split())


def _one_line(err: BaseException) -> str:
    """An exception as a short single line for an error message."""
    message = " ".join(str(err).split()) or type(err).__name__
    return message if len(message) <= 120 else message[:117] + "..."


_EXTRACTORS: dict[str, Callable[[bytes], tuple[str, bool]]] = {
    "txt": _load_text, "md": _load_text, "html": _load_html, "pdf": _load_pdf,
    "docx": _load_docx,
}
