"""Our own checks of the main PDF/A-2 (ISO 19005-2) and PDF/UA-1 rules, with pypdf.

veraPDF, the reference validator, is a Java program distributed from its own site and
Maven; neither PyPI, npm nor Debian carries it, so it cannot be installed here. These checks
cover what a WeasyPrint report could get wrong: identification, metadata, output intent,
fonts, encryption, actions, annotations, transparency and the structure tree. They are no
full validator (content stream operators and glyph widths, for one, are not read).

    .venv/bin/python -m tests.pdfa_rules report.pdf   # prints each problem, exits 1 if any

`problems(data)` returns the rule-numbered findings (ISO 19005-2 clauses), empty for a file
that passes; `xmp(data)` the identification the XMP claims.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from io import BytesIO
from typing import Any

from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    StreamObject,
)

NS = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
    "pdfaExtension": "http://www.aiim.org/pdfa/ns/extension/",
    "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
    "pdfaProperty": "http://www.aiim.org/pdfa/ns/property#",
}
# Schemas PDF/A-2 knows without an extension schema (ISO 19005-2, 6.6.2.3.1): XMP's own,
# PDF/A's identification and extension schemas. Anything else must be declared.
PREDEFINED = {
    "adobe:ns:meta/",  # the packet's wrapper, no schema
    "http://purl.org/dc/elements/1.1/",
    "http://ns.adobe.com/xap/1.0/",
    "http://ns.adobe.com/xap/1.0/mm/",
    "http://ns.adobe.com/xap/1.0/rights/",
    "http://ns.adobe.com/pdf/1.3/",
    "http://ns.adobe.com/photoshop/1.0/",
    "http://ns.adobe.com/tiff/1.0/",
    "http://ns.adobe.com/exif/1.0/",
    NS["pdfaid"],
    NS["pdfaExtension"],
    NS["pdfaSchema"],
    NS["pdfaProperty"],
    "http://www.aiim.org/pdfa/ns/type#",
    "http://www.aiim.org/pdfa/ns/field#",
    NS["rdf"],
    "http://www.w3.org/XML/1998/namespace",
}
STANDARD_BLEND_MODES = {
    "/Normal", "/Compatible", "/Multiply", "/Screen", "/Overlay", "/Darken", "/Lighten",
    "/ColorDodge", "/ColorBurn", "/HardLight", "/SoftLight", "/Difference", "/Exclusion",
    "/Hue", "/Saturation", "/Color", "/Luminosity",
}  # fmt: skip
FORBIDDEN_ANNOTATIONS = {"/Movie", "/Sound", "/Screen", "/3D", "/FileAttachment"}
FORBIDDEN_ACTIONS = {"/Launch", "/Sound", "/Movie", "/ResetForm", "/ImportData", "/JavaScript"}
# DocInfo key -> (XMP property, how it is stored)
INFO_XMP = {
    "/Title": ("dc:title", "alt"),
    "/Author": ("dc:creator", "seq"),
    "/Subject": ("dc:description", "alt"),
    "/Keywords": ("pdf:Keywords", "text"),
    "/Creator": ("xmp:CreatorTool", "text"),
    "/Producer": ("pdf:Producer", "text"),
}


def _qname(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{NS[prefix]}}}{local}"


def _xmp_root(reader: PdfReader) -> ET.Element | None:
    metadata = reader.trailer["/Root"].get("/Metadata")
    if metadata is None:
        return None
    return ET.fromstring(metadata.get_object().get_data())


def _property(root: ET.Element, name: str, kind: str = "text") -> str | None:
    """A property of the XMP packet, written as an attribute or an element."""
    for description in root.iter(_qname("rdf:Description")):
        if _qname(name) in description.attrib:
            return description.attrib[_qname(name)]
        element = description.find(name, NS)
        if element is None:
            continue
        if kind == "text":
            return element.text
        items = [li.text or "" for li in element.iter(_qname("rdf:li"))]
        return ", ".join(items) if kind == "seq" else (items[0] if items else None)
    return None


def xmp(data: bytes) -> dict[str, str | None]:
    """What the XMP packet says the file is: PDF/A part and conformance, PDF/UA part, and
    the title; the namespaces PDF/A's extension schemas declare."""
    root = _xmp_root(PdfReader(BytesIO(data)))
    if root is None:
        return {}
    declared = [e.text for e in root.iter(_qname("pdfaSchema:namespaceURI"))]
    return {
        "pdfa_part": _property(root, "pdfaid:part"),
        "pdfa_conformance": _property(root, "pdfaid:conformance"),
        "pdfua_part": _property(root, "pdfuaid:part"),
        "title": _property(root, "dc:title", "alt"),
        "extension_schemas": ", ".join(d or "" for d in declared),
    }


def _objects(root: Any):
    """Every dictionary reachable from `root`, once (streams included)."""
    seen: set[int] = set()
    todo = [root]
    while todo:
        item = todo.pop()
        if isinstance(item, IndirectObject):
            if item.idnum in seen:
                continue
            seen.add(item.idnum)
            item = item.get_object()
        if isinstance(item, DictionaryObject):  # StreamObject is one too
            yield item
            # /Parent points back up; the tree is reached from the top anyway.
            todo.extend(v for k, v in item.items() if k not in ("/Parent", "/P"))
        elif isinstance(item, ArrayObject):
            todo.extend(item)


def _font_problems(font: DictionaryObject) -> list[str]:
    subtype = font.get("/Subtype")
    name = font.get("/BaseFont", "?")
    if subtype == "/Type3":
        return []  # glyphs drawn by the file itself: nothing to embed
    problems = []
    if "/ToUnicode" not in font and font.get("/Encoding") not in (
        "/WinAnsiEncoding",
        "/MacRomanEncoding",
    ):
        problems.append(f"6.2.11.7: font {name} has no ToUnicode map (needed for level A/U)")
    if subtype == "/Type0":
        font = font["/DescendantFonts"][0].get_object()
        if font.get("/Subtype") == "/CIDFontType2" and "/CIDToGIDMap" not in font:
            problems.append(f"6.2.11.3.2: CID font {name} has no CIDToGIDMap")
    descriptor = font.get("/FontDescriptor")
    files = ("/FontFile", "/FontFile2", "/FontFile3")
    if descriptor is None or not any(k in descriptor.get_object() for k in files):
        problems.append(f"6.2.11.4: font {name} is not embedded")
    return problems


def problems(data: bytes) -> list[str]:
    """Every PDF/A-2 level A (and PDF/UA-1 identification) rule this file breaks."""
    found: list[str] = []
    if not data.startswith(b"%PDF-1.") or data[7:8] not in b"4567":
        found.append(f"6.1.2: header {data[:8]!r} is not PDF 1.4-1.7")
    reader = PdfReader(BytesIO(data))
    trailer = reader.trailer
    if "/Encrypt" in trailer:
        return [*found, "6.1.3: the file is encrypted"]
    if "/ID" not in trailer:
        found.append("6.1.3: the trailer has no file identifier (/ID)")
    catalog = trailer["/Root"].get_object()

    # Output intent with an ICC profile (6.2.3).
    intents = [i.get_object() for i in catalog.get("/OutputIntents", [])]
    pdfa_intents = [i for i in intents if i.get("/S") == "/GTS_PDFA1"]
    if not pdfa_intents:
        found.append("6.2.3: no PDF/A output intent (/GTS_PDFA1)")
    for intent in pdfa_intents:
        profile = intent.get("/DestOutputProfile")
        icc = profile.get_object().get_data() if profile is not None else b""
        if icc[36:40] != b"acsp":
            found.append("6.2.3: the output intent carries no ICC profile")
        elif icc[16:20] not in (b"RGB ", b"GRAY", b"CMYK"):
            found.append(f"6.2.3: the ICC profile's colour space {icc[16:20]!r} is not usable")

    # Metadata: identification, and the DocInfo says what the XMP says (6.6.2, 6.6.3).
    root = _xmp_root(reader)
    if root is None:
        found.append("6.6.2.1: the catalog has no XMP metadata stream")
    else:
        if _property(root, "pdfaid:part") != "2":
            found.append("6.6.4: XMP pdfaid:part is not 2")
        if _property(root, "pdfaid:conformance") not in ("A", "U", "B"):
            found.append("6.6.4: XMP pdfaid:conformance is missing")
        info = reader.metadata or {}
        for key, (name, kind) in INFO_XMP.items():
            if key in info and str(info[key]) != (_property(root, name, kind) or ""):
                found.append(f"6.6.3: DocInfo {key} does not match XMP {name}")
        declared = {e.text for e in root.iter(_qname("pdfaSchema:namespaceURI"))}
        for element in root.iter():
            names = [element.tag, *element.attrib]
            for qualified in names:
                if qualified.startswith("{"):
                    uri = qualified[1:].split("}")[0]
                    if uri not in PREDEFINED and uri not in declared:
                        found.append(f"6.6.2.3.1: XMP schema {uri} has no extension schema")
                        declared.add(uri)  # once per schema

    # Tagged and accessible: structure tree, marked, language, title shown (6.7; PDF/UA).
    if "/StructTreeRoot" not in catalog:
        found.append("6.7.3.1: no structure tree (/StructTreeRoot)")
    mark_info = catalog.get("/MarkInfo")
    if mark_info is None or mark_info.get_object().get("/Marked") != BooleanObject(True):
        found.append("6.7.2.2: /MarkInfo /Marked is not true")
    if not str(catalog.get("/Lang", "")).strip():
        found.append("6.7.3.4: the catalog has no natural language (/Lang)")
    preferences = catalog.get("/ViewerPreferences")
    if preferences is None or preferences.get_object().get("/DisplayDocTitle") != BooleanObject(
        True
    ):
        found.append("PDF/UA 7.1: /ViewerPreferences /DisplayDocTitle is not true")
    if not str((reader.metadata or {}).get("/Title", "")).strip():
        found.append("PDF/UA 7.1: the document has no title")

    # No actions or embedded files (6.5, 6.6.1, 6.8), fonts embedded (6.2.11), annotations
    # printed (6.3), transparency with standard blend modes (6.2.10), filters (6.1.7).
    if "/AA" in catalog or "/JavaScript" in catalog.get("/Names", {}):
        found.append("6.6.2: the catalog has additional actions or JavaScript")
    if "/EmbeddedFiles" in catalog.get("/Names", {}):
        found.append("6.8: embedded files in a PDF/A-2 record")
    fonts = 0
    for obj in _objects(trailer["/Root"]):
        kind = obj.get("/Type")
        if kind == "/Font" or (kind is None and "/BaseFont" in obj and "/Subtype" in obj):
            if obj.get("/Subtype") != "/CIDFontType2" and obj.get("/Subtype") != "/CIDFontType0":
                fonts += 1
                found.extend(_font_problems(obj))
        if obj.get("/S") in FORBIDDEN_ACTIONS and ("/Type" not in obj or kind == "/Action"):
            found.append(f"6.6.1: forbidden action {obj['/S']}")
        if "/JS" in obj:
            found.append("6.6.1: JavaScript in the file")
        if kind == "/Annot" or obj.get("/Subtype") in FORBIDDEN_ANNOTATIONS | {"/Link"}:
            subtype = obj.get("/Subtype")
            if subtype in FORBIDDEN_ANNOTATIONS:
                found.append(f"6.3.1: forbidden annotation {subtype}")
            flags = int(obj.get("/F", 0))
            if not flags & 4 or flags & (1 | 2 | 32):
                found.append(f"6.3.2: annotation {subtype} is not set to print (/F {flags})")
        if kind == "/ExtGState":
            if "/TR" in obj or obj.get("/TR2", "/Default") != "/Default":
                found.append("6.2.5: a graphics state sets a transfer function")
            blend = obj.get("/BM")
            modes = blend if isinstance(blend, ArrayObject) else [blend] if blend else []
            if any(mode not in STANDARD_BLEND_MODES for mode in modes):
                found.append(f"6.2.10: non-standard blend mode {blend}")
        if isinstance(obj, StreamObject):
            filters = obj.get("/Filter")
            names = filters if isinstance(filters, ArrayObject) else [filters] if filters else []
            if NameObject("/LZWDecode") in names:
                found.append("6.1.7: LZW compression")
            if obj.get("/Subtype") == "/PS":
                found.append("6.2.9: PostScript XObject")
            if obj.get("/Interpolate") == BooleanObject(True):
                found.append("6.2.8: an image asks for interpolation")
    if fonts == 0 and len(reader.pages):
        found.append("6.2.11: no fonts found: the walk over the file missed them")
    return list(dict.fromkeys(found))  # one line per finding, not one per link


if __name__ == "__main__":
    failed = False
    for path in sys.argv[1:]:
        with open(path, "rb") as f:
            data = f.read()
        for problem in problems(data):
            print(f"{path}: {problem}")
            failed = True
        print(f"{path}: {xmp(data)}")
    sys.exit(1 if failed else 0)
