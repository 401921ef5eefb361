"""Uploads that cannot hurt: what a file is, read from its content, and what it says.

`inspect_upload(name, data)` answers with the file's real type and cleaned name, or raises a
ValidationError with a Dutch reason. A file is recognised by its first bytes (magic bytes),
never by its name: PDF, PNG, JPEG, the Office Open XML and OpenDocument zips (docx, xlsx,
pptx, odt, ods) and plain UTF-8 text (txt, csv). Zips are opened as the archives they are:
limits on members and uncompressed size stop zip bombs, and macro parts (`vbaProject.bin`,
macro-enabled content types) are refused. HTML, SVG, scripts and executables are refused.

Then the text is extracted (`extract_text`) and searched for a number that passes the BSN
elfproef (`ghnt_portal.validators`): the portal holds no client data, in files neither. A
file whose text cannot be read is accepted and marked "tekst niet doorzocht". Reading is
bounded in time and characters (`extract.Budget`, the DOCUMENT_TEXT_* settings): a file
whose text runs past the bounds is accepted in the same spirit, marked "tekst deels
doorzocht" with the last place read, and the BSN check says it covered only that part.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

from ghnt_portal.validators import BSN_MESSAGE, looks_like_bsn


@dataclass(frozen=True)
class FileType:
    extension: str
    mime: str
    label: str


PDF = FileType("pdf", "application/pdf", "PDF")
PNG = FileType("png", "image/png", "PNG-afbeelding")
JPEG = FileType("jpg", "image/jpeg", "JPEG-afbeelding")
DOCX = FileType(
    "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "Word-document",
)
XLSX = FileType(
    "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel-werkmap"
)
PPTX = FileType(
    "pptx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "PowerPoint-presentatie",
)
ODT = FileType("odt", "application/vnd.oasis.opendocument.text", "OpenDocument-tekst")
ODS = FileType("ods", "application/vnd.oasis.opendocument.spreadsheet", "OpenDocument-rekenblad")
TXT = FileType("txt", "text/plain; charset=utf-8", "tekstbestand")
CSV = FileType("csv", "text/csv; charset=utf-8", "CSV-bestand")
ALL_TYPES = (PDF, PNG, JPEG, DOCX, XLSX, PPTX, ODT, ODS, TXT, CSV)

# The main part of an Office Open XML package names what it is ([Content_Types].xml).
_OOXML_MAIN = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": DOCX,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": XLSX,
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": PPTX,
}
_ODF_MIMETYPES = {ODT.mime: ODT, ODS.mime: ODS}

ACCEPTED = (
    "Toegestaan zijn PDF, Word (docx), Excel (xlsx), PowerPoint (pptx), OpenDocument (odt, "
    "ods), PNG, JPEG en tekst (txt, csv)."
)
UNKNOWN = "Dit bestandstype wordt niet geaccepteerd. " + ACCEPTED
EMPTY = "Het bestand is leeg."
HTML = "HTML-bestanden worden niet geaccepteerd: een webpagina kan scripts bevatten. " + ACCEPTED
SVG = "SVG-afbeeldingen worden niet geaccepteerd: ze kunnen scripts bevatten. Gebruik PNG of JPEG."
EXECUTABLE = "Programma's en scripts worden niet geaccepteerd."
MACROS = (
    "Bestanden met macro's worden niet geaccepteerd. Sla het bestand op zonder macro's "
    "(bijvoorbeeld als .docx of .xlsx) en probeer het opnieuw."
)
OLD_OFFICE = (
    "Oude Office-bestanden (.doc, .xls, .ppt) worden niet geaccepteerd. Sla het bestand op als "
    ".docx, .xlsx of .pptx of als PDF."
)
ZIP_BOMB = "Het bestand pakt uit tot een onredelijk grote omvang en wordt niet geaccepteerd."
ZIP_BROKEN = "Het bestand is beschadigd of geen geldig Office-bestand."
ZIP_OTHER = "Zip-archieven worden niet geaccepteerd, alleen Office- en OpenDocument-bestanden."
ENCRYPTED = "Versleutelde bestanden worden niet geaccepteerd: haal de beveiliging eraf."

# Zip limits: what real plans and annexes stay far below.
ZIP_MAX_MEMBERS = 5000
ZIP_MAX_TOTAL = 250 * 1024 * 1024
ZIP_MAX_RATIO = 200


def too_large_message(limit: int) -> str:
    return f"Het bestand is te groot: de grens is {filesizeformat(limit)}."


def max_upload_bytes() -> int:
    return int(settings.DOCUMENT_MAX_BYTES)


def clean_filename(name: str, extension: str) -> str:
    """A safe file name with the extension of the real type: no path, no control or special
    characters, at most 100 characters; "document" when nothing is left."""
    name = unicodedata.normalize("NFKC", name or "")
    name = re.split(r"[\\/]", name)[-1]
    stem = name.rsplit(".", 1)[0] if "." in name.strip(".") else name
    stem = "".join(c for c in stem if unicodedata.category(c)[0] in "LN" or c in " -_()")
    stem = re.sub(r"\s+", " ", stem).strip(" .-_")[:100] or "document"
    return f"{stem}.{extension}"


def _zip_type(data: bytes) -> FileType:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError) as exc:
        raise ValidationError(ZIP_BROKEN, code="broken") from exc
    if len(infos) > ZIP_MAX_MEMBERS:
        raise ValidationError(ZIP_BOMB, code="zip_bomb")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise ValidationError(ENCRYPTED, code="encrypted")
        total += info.file_size
        if (
            info.file_size > ZIP_MAX_RATIO * max(info.compress_size, 1)
            and info.file_size > 1_000_000
        ):
            raise ValidationError(ZIP_BOMB, code="zip_bomb")
    if total > ZIP_MAX_TOTAL or total > ZIP_MAX_RATIO * max(len(data), 1):
        raise ValidationError(ZIP_BOMB, code="zip_bomb")
    names = {info.filename for info in infos}
    if any(n.lower().rsplit("/", 1)[-1] in ("vbaproject.bin", "vbadata.xml") for n in names):
        raise ValidationError(MACROS, code="macros")
    if "[Content_Types].xml" in names:
        types = _read_member(archive, "[Content_Types].xml", 2_000_000).decode("utf-8", "replace")
        if "macroenabled" in types.lower() or "vbaproject" in types.lower():
            raise ValidationError(MACROS, code="macros")
        for content_type, kind in _OOXML_MAIN.items():
            if content_type in types:
                return kind
        raise ValidationError(UNKNOWN, code="unknown")
    if "mimetype" in names:
        mimetype = _read_member(archive, "mimetype", 200).decode("ascii", "replace").strip()
        if mimetype in _ODF_MIMETYPES:
            if any(n.lower().startswith(("basic/", "scripts/")) for n in names):
                raise ValidationError(MACROS, code="macros")
            return _ODF_MIMETYPES[mimetype]
        raise ValidationError(UNKNOWN, code="unknown")
    raise ValidationError(ZIP_OTHER, code="zip")


def _read_member(archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    """A member's bytes, reading no more than `limit` (whatever its header claims)."""
    try:
        with archive.open(name) as member:
            return member.read(limit)
    except (
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        OSError,
        EOFError,
        NotImplementedError,
    ) as exc:
        raise ValidationError(ZIP_BROKEN, code="broken") from exc


_HTML_START = re.compile(
    rb"^\s*(<!doctype\s+html|<html|<head|<body|<script|<iframe|<meta|<style|<!--|<\?xml|<svg)",
    re.IGNORECASE,
)


def _text_type(data: bytes, name: str) -> FileType:
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    if re.search(rb"<svg[\s>]", head, re.IGNORECASE):
        raise ValidationError(SVG, code="svg")
    if _HTML_START.match(head) or re.search(
        rb"<(html|script|body|iframe)[\s>]", head, re.IGNORECASE
    ):
        raise ValidationError(HTML, code="html")
    if head.startswith(b"#!"):
        raise ValidationError(EXECUTABLE, code="executable")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValidationError(UNKNOWN, code="unknown") from exc
    # Plain text: no control characters other than tab, newline, carriage return, form feed.
    if any(unicodedata.category(c) == "Cc" and c not in "\t\n\r\f" for c in text):
        raise ValidationError(UNKNOWN, code="unknown")
    return CSV if name.lower().endswith(".csv") else TXT


def detect_type(name: str, data: bytes) -> FileType:
    """The file's real type from its content; ValidationError (Dutch) when it is refused."""
    if not data:
        raise ValidationError(EMPTY, code="empty")
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"PK\x03\x04"):
        return _zip_type(data)
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise ValidationError(OLD_OFFICE, code="old_office")
    if data.startswith(
        (b"MZ", b"\x7fELF", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe", b"\xfe\xed\xfa")
    ):
        raise ValidationError(EXECUTABLE, code="executable")
    return _text_type(data, name)


@dataclass(frozen=True)
class Extracted:
    """The text of a file for search, or None when it could not be read; `where` names the
    place (page, cell, paragraph) of each part, for the BSN message."""

    parts: list[tuple[str, str]] | None
    # Where reading stopped when the budget ran out ("pagina 212"); "" when all was read.
    read_until: str = ""

    @property
    def text(self) -> str:
        return "\n".join(t for _, t in self.parts or [])[: settings.DOCUMENT_TEXT_MAX_CHARS]

    @property
    def searched(self) -> bool:
        return self.parts is not None

    @property
    def partial(self) -> bool:
        return self.searched and bool(self.read_until)


@dataclass(frozen=True)
class CheckedUpload:
    kind: FileType
    filename: str
    size: int
    text: str
    text_searched: bool
    text_read_until: str = ""  # "pagina 212": only the text up to there was read

    @property
    def coverage(self) -> str:
        """What the BSN check and the search covered, in Dutch (shown with the document)."""
        if not self.text_searched:
            return "tekst niet doorzocht"
        if self.text_read_until:
            return f"tekst deels doorzocht (tot en met {self.text_read_until})"
        return ""


def inspect_upload(name: str, data: bytes) -> CheckedUpload:
    """Check an upload completely: size, type by content, no client data in its text."""
    limit = max_upload_bytes()
    if len(data) > limit:
        raise ValidationError(too_large_message(limit), code="too_large")
    kind = detect_type(name, data)
    extracted = extract_text(kind, data)
    for where, text in extracted.parts or []:
        if looks_like_bsn(text):
            raise ValidationError(f"{BSN_MESSAGE} Gevonden op {where}.", code="client_data")
    return CheckedUpload(
        kind=kind,
        filename=clean_filename(name, kind.extension),
        size=len(data),
        text=extracted.text.replace("\x00", ""),
        text_searched=extracted.searched,
        text_read_until=extracted.read_until if extracted.partial else "",
    )


def extract_text(kind: FileType, data: bytes) -> Extracted:
    """The text per place; None when the type has no text or reading it failed."""
    from . import extract  # the readers load pypdf, python-docx and openpyxl: only when needed

    reader = extract.READERS.get(kind.extension)
    if reader is None:
        return Extracted(None)
    budget = extract.Budget.from_settings()
    try:
        parts = reader(data, budget)
    except Exception:  # noqa: BLE001  a file that no reader understands is kept, not searched
        return Extracted(None)
    if parts is None:
        return Extracted(None)
    if budget.stopped:
        return Extracted(parts, read_until=budget.stopped_after or "het begin")
    return Extracted(parts)
