"""Text readers per file type: each returns [(place, text), ...] naming where the text
stands (page, cell, table cell, paragraph, line), or None when there is no readable text.
Only called after `uploads.detect_type` accepted the file (zips are already checked)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

Parts = list[tuple[str, str]]

# Stop reading once this much text is gathered: enough to search a plan many times over.
_BUDGET = 4_000_000


def _xml(data: bytes):
    from lxml import etree

    # No entities, no network, no huge trees: hostile XML inside an office zip stays inert.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    return etree.fromstring(data, parser)


def read_pdf(data: bytes) -> Parts | None:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        return None
    parts: Parts = []
    size = 0
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text() or ""
        if text.strip():
            parts.append((f"pagina {number}", text))
            size += len(text)
            if size > _BUDGET:
                break
    return parts or None  # a scan without a text layer: not searched


def read_docx(data: bytes) -> Parts:
    import docx

    document = docx.Document(io.BytesIO(data))
    parts: Parts = []
    for number, paragraph in enumerate(document.paragraphs, start=1):
        if paragraph.text.strip():
            parts.append((f"alinea {number}", paragraph.text))
    for t, table in enumerate(document.tables, start=1):
        for r, row in enumerate(table.rows, start=1):
            for c, cell in enumerate(row.cells, start=1):
                if cell.text.strip():
                    parts.append((f"tabel {t}, rij {r}, kolom {c}", cell.text))
    for s, section in enumerate(document.sections, start=1):
        for part in (section.header, section.footer):
            for paragraph in part.paragraphs:
                if paragraph.text.strip():
                    parts.append((f"kop- of voettekst van sectie {s}", paragraph.text))
    return parts


def read_xlsx(data: bytes) -> Parts:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    parts: Parts = []
    size = 0
    try:
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    value = getattr(cell, "value", None)
                    if value is None or value == "":
                        continue
                    text = str(value)
                    parts.append((f"blad {sheet.title}, cel {cell.coordinate}", text))
                    size += len(text)
                    if size > _BUDGET:
                        return parts
    finally:
        workbook.close()
    return parts


def _texts(root, tag_suffixes: tuple[str, ...]) -> list[str]:
    texts = []
    for element in root.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag.rsplit("}", 1)[-1] in tag_suffixes:
            text = "".join(element.itertext()).strip()
            if text:
                texts.append(text)
    return texts


def read_pptx(data: bytes) -> Parts:
    archive = zipfile.ZipFile(io.BytesIO(data))
    parts: Parts = []
    slides = sorted(
        (n for n in archive.namelist() if n.startswith("ppt/slides/slide") and n.endswith(".xml")),
        key=lambda n: int("".join(c for c in n if c.isdigit()) or 0),
    )
    for number, name in enumerate(slides, start=1):
        with archive.open(name) as member:
            root = _xml(member.read(20_000_000))
        for text in _texts(root, ("p",)):
            parts.append((f"dia {number}", text))
    return parts


def read_odf(data: bytes) -> Parts:
    archive = zipfile.ZipFile(io.BytesIO(data))
    with archive.open("content.xml") as member:
        root = _xml(member.read(50_000_000))
    parts: Parts = []
    ns_table = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    tables = list(root.iter(f"{{{ns_table}}}table"))
    if tables:  # a spreadsheet (or tables in a text): name the sheet and the cell
        for table in tables:
            name = table.get(f"{{{ns_table}}}name", "")
            for r, row in enumerate(table.iter(f"{{{ns_table}}}table-row"), start=1):
                c = 0
                for cell in row:
                    repeat = int(cell.get(f"{{{ns_table}}}number-columns-repeated", "1") or 1)
                    text = " ".join(_texts(cell, ("p",)))
                    if text:
                        parts.append((f"blad {name}, cel {_column(c)}{r}", text))
                    c += min(repeat, 1000)
    for number, text in enumerate(_texts(root, ("p", "h")), start=1):
        parts.append((f"alinea {number}", text))
    return parts


def _column(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def read_text(data: bytes) -> Parts:
    """Per line, and per tab-separated column of a line: a table of small figures written
    with tabs ("106<tab>82<tab>95<tab>31") is no nine-digit number."""
    text = data.decode("utf-8-sig")
    return [
        (f"regel {n}", column)
        for n, line in enumerate(text.splitlines(), start=1)
        for column in line.split("\t")
        if column.strip()
    ]


READERS: dict[str, Callable[[bytes], Parts | None]] = {
    "pdf": read_pdf,
    "docx": read_docx,
    "xlsx": read_xlsx,
    "pptx": read_pptx,
    "odt": read_odf,
    "ods": read_odf,
    "txt": read_text,
    "csv": read_text,
}
