"""Text readers per file type: each returns [(place, text), ...] naming where the text
stands (page, cell, table cell, paragraph, line), or None when there is no readable text.
Only called after `uploads.detect_type` accepted the file (zips are already checked).

Reading is bounded (`Budget`, from the DOCUMENT_TEXT_* settings): in time, in characters and,
for PDFs, per page. A reader that runs out stops and says where (`Budget.stopped_after`); the
upload is then kept, marked "tekst deels doorzocht", and the BSN check has covered only the
part that was read. PDFs are read by poppler's pdftotext (a separate process under a memory
limit, killed at the deadline; several times faster than pypdf), with pypdf as the fallback
where pdftotext is missing or fails.
"""

from __future__ import annotations

import io
import os
import selectors
import shutil
import subprocess
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings

Parts = list[tuple[str, str]]

# pdftotext may use this much memory (address space) before the kernel stops it.
PDFTOTEXT_MEMORY = 1024 * 1024 * 1024


@dataclass
class Budget:
    """How much reading an upload may cost; `stopped_after` names the last place read when
    it ran out ("" while everything was read)."""

    seconds: float
    page_seconds: float
    max_chars: int
    started: float = field(default_factory=time.monotonic)
    chars: int = 0
    stopped_after: str = ""
    stopped: bool = False

    @classmethod
    def from_settings(cls) -> Budget:
        return cls(
            seconds=settings.DOCUMENT_TEXT_MS / 1000,
            page_seconds=settings.DOCUMENT_TEXT_PAGE_MS / 1000,
            max_chars=settings.DOCUMENT_TEXT_MAX_CHARS,
        )

    def remaining(self) -> float:
        return self.seconds - (time.monotonic() - self.started)

    def spend(self, place: str, text: str, timed: bool = True) -> bool:
        """Count `text` (read at `place`); False once time (unless not `timed`: text already
        read in time) or characters are spent up: the caller stops and `place` is the last
        one read."""
        self.chars += len(text)
        if self.chars >= self.max_chars or (timed and self.remaining() <= 0):
            self.stop(place)
            return False
        return True

    def stop(self, last_place: str) -> None:
        self.stopped = True
        self.stopped_after = last_place


def _xml(data: bytes):
    from lxml import etree

    # No entities, no network, no huge trees: hostile XML inside an office zip stays inert.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    return etree.fromstring(data, parser)


class _Failed(Exception):
    """pdftotext could not read the file (or is not installed): try pypdf."""


def read_pdf(data: bytes, budget: Budget) -> Parts | None:
    program = shutil.which(settings.DOCUMENT_PDFTOTEXT) if settings.DOCUMENT_PDFTOTEXT else None
    if program:
        try:
            return _pdftotext(program, data, budget)
        except _Failed:
            pass
    return _pypdf(data, budget)


def _limit_memory() -> None:  # runs in the child, before pdftotext starts
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (PDFTOTEXT_MEMORY, PDFTOTEXT_MEMORY))


def _pdftotext(program: str, data: bytes, budget: Budget) -> Parts | None:
    """The pages pdftotext writes (each ends with a form feed), read as they come until the
    budget runs out or no page arrives within the per-page time; then the process is killed."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
        pdf.write(data)
        pdf.flush()
        process = subprocess.Popen(  # noqa: S603  our own argument list, no shell
            [program, "-q", "-enc", "UTF-8", "-eol", "unix", pdf.name, "-"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
            preexec_fn=_limit_memory,  # noqa: PLW1509  no threads are started in between
        )
        assert process.stdout is not None
        output = bytearray()
        finished = False
        try:
            with selectors.DefaultSelector() as selector:
                selector.register(process.stdout, selectors.EVENT_READ)
                while budget.remaining() > 0 and len(output) < budget.max_chars * 4:
                    # Before the first page the whole budget (the file is parsed first);
                    # after it, a page that takes longer than its share stops the reading.
                    wait = budget.remaining() if not output else budget.page_seconds
                    if not selector.select(min(wait, budget.remaining())):
                        break
                    chunk = os.read(process.stdout.fileno(), 1 << 16)
                    if not chunk:
                        finished = True
                        break
                    output += chunk
        finally:
            if not finished:
                process.kill()
            process.stdout.close()
            code = process.wait()
    pages = output.decode("utf-8", "replace").split("\f")
    if finished and code != 0 and not any(p.strip() for p in pages):
        raise _Failed  # not a PDF pdftotext can read (e.g. a password): pypdf decides
    complete = pages[:-1]  # the text after the last form feed is a page not yet finished
    parts: Parts = []
    for number, text in enumerate(complete, start=1):
        if text.strip():
            parts.append((f"pagina {number}", text))
        if not budget.spend(f"pagina {number}", text, timed=False):  # read in time
            break
    if not complete:
        return None  # nothing read in time, or no page has text (a scan): not searched
    if not finished and not budget.stopped:
        budget.stop(f"pagina {len(complete)}")
    return parts or None


def _pypdf(data: bytes, budget: Budget) -> Parts | None:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        return None
    parts: Parts = []
    for number, page in enumerate(reader.pages, start=1):
        if budget.remaining() <= 0:
            budget.stop(f"pagina {number - 1}")
            if number == 1:
                return None  # not a page read in time: not searched
            break
        started = time.monotonic()
        text = page.extract_text() or ""
        if text.strip():
            parts.append((f"pagina {number}", text))
        if not budget.spend(f"pagina {number}", text):
            break
        if time.monotonic() - started > budget.page_seconds:  # one page took its share
            budget.stop(f"pagina {number}")
            break
    return parts or None  # none: a scan without a text layer, not searched


def read_docx(data: bytes, budget: Budget) -> Parts:
    import docx

    document = docx.Document(io.BytesIO(data))
    parts: Parts = []

    def add(place: str, text: str) -> bool:
        if text.strip():
            parts.append((place, text))
            return budget.spend(place, text)
        return True

    for number, paragraph in enumerate(document.paragraphs, start=1):
        if not add(f"alinea {number}", paragraph.text):
            return parts
    for t, table in enumerate(document.tables, start=1):
        for r, row in enumerate(table.rows, start=1):
            for c, cell in enumerate(row.cells, start=1):
                if not add(f"tabel {t}, rij {r}, kolom {c}", cell.text):
                    return parts
    for s, section in enumerate(document.sections, start=1):
        for part in (section.header, section.footer):
            for paragraph in part.paragraphs:
                if not add(f"kop- of voettekst van sectie {s}", paragraph.text):
                    return parts
    return parts


def read_xlsx(data: bytes, budget: Budget) -> Parts:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    parts: Parts = []
    try:
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    value = getattr(cell, "value", None)
                    if value is None or value == "":
                        continue
                    text = str(value)
                    place = f"blad {sheet.title}, cel {cell.coordinate}"
                    parts.append((place, text))
                    if not budget.spend(place, text):
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


def read_pptx(data: bytes, budget: Budget) -> Parts:
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
            if not budget.spend(f"dia {number}", text):
                return parts
    return parts


def read_odf(data: bytes, budget: Budget) -> Parts:
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
                        place = f"blad {name}, cel {_column(c)}{r}"
                        parts.append((place, text))
                        if not budget.spend(place, text):
                            return parts
                    c += min(repeat, 1000)
    for number, text in enumerate(_texts(root, ("p", "h")), start=1):
        parts.append((f"alinea {number}", text))
        if not budget.spend(f"alinea {number}", text):
            return parts
    return parts


def _column(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def read_text(data: bytes, budget: Budget) -> Parts:
    """Per line, and per tab-separated column of a line: a table of small figures written
    with tabs ("106<tab>82<tab>95<tab>31") is no nine-digit number."""
    text = data.decode("utf-8-sig")
    parts: Parts = []
    for n, line in enumerate(text.splitlines(), start=1):
        for column in line.split("\t"):
            if column.strip():
                parts.append((f"regel {n}", column))
        if not budget.spend(f"regel {n}", line):
            return parts
    return parts


READERS: dict[str, Callable[[bytes, Budget], Parts | None]] = {
    "pdf": read_pdf,
    "docx": read_docx,
    "xlsx": read_xlsx,
    "pptx": read_pptx,
    "odt": read_odf,
    "ods": read_odf,
    "txt": read_text,
    "csv": read_text,
}
