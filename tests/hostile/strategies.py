"""What a hostile visitor types: hypothesis strategies for form values and uploads."""

from __future__ import annotations

import io
import zipfile

from hypothesis import strategies as st

SCRIPT = "<script>alert(1)</script>"

# Values every field should survive, by kind.
CORPUS = [
    # NUL bytes (PostgreSQL refuses them in text) and other control characters
    "\x00",
    "a\x00b",
    "\x00" * 50,
    "\x1b[31m\x07\x08",
    # lone surrogates (sent as invalid UTF-8) and odd Unicode
    "\ud800",
    "x\udfffy",
    "\ufeff\u200b\u00ad",
    # size
    "A" * 100_000,
    "€" * 30_000,
    # right-to-left and emoji
    "\u202egnp.exe\u202c مرحبا שלום",
    "👩‍👩‍👧‍👦🏳️‍🌈" * 20,
    # markup and script
    SCRIPT,
    '"><img src=x onerror=alert(1)>',
    "{{ request }}{% debug %}",
    "' OR 1=1 --",
    '=HYPERLINK("http://evil.example")',
    # numbers
    "-1",
    "-99999999999999999999999",
    "99999999999999999999999999999",
    "1e308",
    "-0",
    "NaN",
    "Infinity",
    "1,5",
    "0x1F",
    # dates
    "2021-02-30",
    "31-13-2021",
    "0000-00-00",
    "9999-12-31",
    "1-1-1",
    # nothing at all
    "",
    " ",
    "\r\n\t",
]

FORGED_COUNTS = ["99999999", "-1", "1e9", "abc", "1001", "\x00", "", "2147483648"]

hostile_text = st.one_of(
    st.sampled_from(CORPUS),
    st.text(st.characters() | st.characters(categories=["Cs"]), max_size=40),  # surrogates too
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.dates().map(lambda d: d.strftime("%d-%m-%Y")),
    st.tuples(st.integers(-99, 99999), st.integers(-5, 40), st.integers(-5, 40)).map(
        lambda t: f"{t[0]}-{t[1]:02}-{t[2]:02}"
    ),
)


@st.composite
def hostile_form_data(draw, base: dict) -> dict:
    """The form as a browser would send it, with some fields (or all) replaced by hostile
    values, formset counts sometimes forged, and sometimes an extra field."""
    data = dict(base)
    names = sorted(base)
    if names:
        if draw(st.integers(0, 4)) == 0:
            targets = names
        else:
            targets = draw(
                st.lists(st.sampled_from(names), min_size=1, max_size=min(4, len(names)))
            )
        for name in targets:
            data[name] = draw(hostile_text)
    totals = [n for n in names if n.endswith("TOTAL_FORMS")]
    if totals and draw(st.booleans()):
        for name in totals:
            data[name] = draw(st.sampled_from(FORGED_COUNTS))
    if draw(st.integers(0, 5)) == 0:
        data[draw(st.sampled_from(["id", "pk", "programme", "region", "author", "\x00"]))] = draw(
            hostile_text
        )
    return data


# --- uploads ------------------------------------------------------------------------------

HEADER = [
    "indicator",
    "gemeente",
    "soort periode",
    "begin",
    "einde",
    "label",
    "waarde",
    "toelichting",
]
GOOD_ROW = [
    "politie-incidenten-hg",
    "GM0479",
    "jaar",
    "2021-01-01",
    "2021-12-31",
    "2021",
    "701",
    "",
]

hostile_cell = st.one_of(st.sampled_from(GOOD_ROW), hostile_text)


@st.composite
def hostile_rows(draw) -> list[list[str]]:
    rows = draw(
        st.lists(
            st.lists(hostile_cell, min_size=0, max_size=10),
            min_size=0,
            max_size=6,
        )
    )
    if draw(st.booleans()):
        rows.insert(0, HEADER)
    return rows


def csv_bytes(rows: list[list[str]], delimiter: str = ";", encoding: str = "utf-8") -> bytes:
    text = "\n".join(delimiter.join(cell.replace("\n", " ") for cell in row) for row in rows)
    return text.encode(encoding, "surrogatepass")


def xlsx_bytes(rows: list[list], *, write_only: bool = True) -> bytes:
    from openpyxl import Workbook
    from openpyxl.utils.exceptions import IllegalCharacterError

    workbook = Workbook(write_only=write_only)
    sheet = workbook.create_sheet() if write_only else workbook.active
    for row in rows:
        try:
            sheet.append([_xml_safe(cell) for cell in row])
        except (IllegalCharacterError, ValueError):
            sheet.append(["onleesbaar"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def big_xlsx_bytes(rows: list[list[str]]) -> bytes:
    """A minimal xlsx written by hand (openpyxl takes seconds for 60,000 rows): one sheet of
    inline strings, as some spreadsheet writers make them."""
    from xml.sax.saxutils import escape

    def cell(value: str) -> str:
        return f'<c t="inlineStr"><is><t>{escape(value)}</t></is></c>'

    body = "".join(f"<row>{''.join(cell(v) for v in row)}</row>" for row in rows)
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    package = "http://schemas.openxmlformats.org/package/2006"
    office = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    rels_type = "application/vnd.openxmlformats-package.relationships+xml"
    return zip_bytes(
        {
            "[Content_Types].xml": (
                f'<Types xmlns="{package}/content-types">'
                f'<Default Extension="rels" ContentType="{rels_type}"/>'
                '<Default Extension="xml" ContentType="application/xml"/>'
                '<Override PartName="/xl/workbook.xml" '
                f'ContentType="{office}.sheet.main+xml"/>'
                '<Override PartName="/xl/worksheets/sheet1.xml" '
                f'ContentType="{office}.worksheet+xml"/>'
                "</Types>"
            ).encode(),
            "_rels/.rels": (
                f'<Relationships xmlns="{package}/relationships">'
                f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/>'
                "</Relationships>"
            ).encode(),
            "xl/workbook.xml": (
                f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets>'
                '<sheet name="Metingen" sheetId="1" r:id="rId1"/></sheets></workbook>'
            ).encode(),
            "xl/_rels/workbook.xml.rels": (
                f'<Relationships xmlns="{package}/relationships">'
                f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
                "</Relationships>"
            ).encode(),
            "xl/worksheets/sheet1.xml": (
                f'<worksheet xmlns="{main}"><sheetData>{body}</sheetData></worksheet>'
            ).encode(),
        }
    )


def _xml_safe(cell):
    """What a spreadsheet program can store: no control characters, no lone surrogates."""
    if not isinstance(cell, str):
        return cell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", cell).encode("utf-8", "replace").decode("utf-8")[:32000]


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()
