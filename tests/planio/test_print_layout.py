"""Exports a civil servant prints or forwards: the Word plan is A4 and Dutch with the
portal's own properties and repeating table headers; every xlsx export has widths from its
content, a frozen header, an autofilter and an A4 landscape print set-up one page wide."""

import datetime
import io
import os
import shutil
import subprocess
import zipfile

from django.urls import reverse
from django.utils import timezone

import pypdf
import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from actions.models import Action
from actions.planio.xlsx import SHEETS
from tests.world import World

pytestmark = pytest.mark.django_db

A4 = (595, 842)  # points, portrait
EXCEL_DEFAULT_WIDTH = 8.43


def _get(client, name, *args, query=None):
    response = client.get(reverse(name, args=args), query or {})
    assert response.status_code == 200
    return response.content


def _exports(client, programme) -> dict[str, bytes]:
    """Every xlsx export: the action list, the plan workbook and its empty template."""
    return {
        "acties": _get(client, "actions:export_xlsx"),
        "plan": _get(client, "actions:plan_export_xlsx", programme.pk),
        "sjabloon": _get(client, "actions:plan_template"),
    }


def _assert_printable_table(sheet):
    setup = sheet.page_setup
    assert (setup.paperSize, setup.orientation) == (9, "landscape"), sheet.title  # 9 = A4
    assert (setup.fitToWidth, setup.fitToHeight) == (1, 0), sheet.title
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    assert sheet.print_title_rows == "$1:$1", sheet.title
    assert sheet.freeze_panes == "A2", sheet.title
    assert sheet.auto_filter.ref == sheet.dimensions, sheet.title
    for cell in sheet[1]:  # no header is cut off: each column is wider than its heading
        width = sheet.column_dimensions[cell.column_letter].width
        assert width >= len(str(cell.value)) + 2, (sheet.title, cell.value, width)


def test_every_xlsx_export_is_laid_out_for_print_and_says_it_is_dutch(
    client_for, projectleider, zawa_programme
):
    for name, data in _exports(client_for(projectleider), zawa_programme).items():
        workbook = load_workbook(io.BytesIO(data))
        assert workbook.properties.creator == "GHNT-portaal", name
        assert workbook.properties.lastModifiedBy == "GHNT-portaal", name
        assert workbook.properties.language == "nl-NL", name
        for sheet in workbook.worksheets:
            if sheet.title == "Uitleg":  # the explanation: printed the same, no table
                assert sheet.page_setup.paperSize == 9 and sheet.page_setup.fitToWidth == 1
                continue
            _assert_printable_table(sheet)


def test_the_action_list_columns_fit_their_content(client_for, projectleider):
    """'In uitvoering' and 'Voorlichten ...' were cut off at Excel's default width."""
    world = World()
    Action.objects.filter(pk=world.action_2b.pk).update(status="in_uitvoering")
    long_title = "Voorlichten bewoners en vrijwilligers " * 5  # 190 characters
    Action.objects.filter(pk=world.action_2d.pk).update(title=long_title.strip())
    data = _get(client_for(projectleider), "actions:export_xlsx")
    sheet = load_workbook(io.BytesIO(data))["Acties"]
    widths = {c.value: sheet.column_dimensions[c.column_letter].width for c in sheet[1]}
    assert widths["Mijlpalen te laat"] > EXCEL_DEFAULT_WIDTH + 8
    assert widths["Status"] >= len("In uitvoering") + 2
    titles = [len(row[2].value) for row in sheet.iter_rows(min_row=2) if row[2].value]
    # The title column is as wide as the usual title, bounded: the long one wraps.
    assert widths["Titel"] == 60 and max(titles) > 60
    (row,) = [r for r in sheet.iter_rows(min_row=2) if r[2].value == long_title.strip()]
    assert row[2].alignment.wrap_text
    assert sheet.row_dimensions[row[2].row].height >= 15 * 4  # 190 characters in 59 a line
    short = next(r for r in sheet.iter_rows(min_row=2) if len(r[2].value or "") < 40)
    assert not short[2].alignment.wrap_text
    # A row without wrapped text keeps the program's own height.
    plain = [r for r in sheet.iter_rows(min_row=2) if not any(c.alignment.wrap_text for c in r)]
    assert plain and all(sheet.row_dimensions[r[0].row].height is None for r in plain)


def test_the_plan_template_keeps_its_designed_widths(client_for, raadslid):
    workbook = load_workbook(io.BytesIO(_get(client_for(raadslid), "actions:plan_template")))
    for sheet_name, columns in SHEETS.items():
        sheet = workbook[sheet_name]
        widths = [sheet.column_dimensions[c.column_letter].width for c in sheet[1]]
        expected = [max(c.width, len(c.heading) + 3, 8) for c in columns]
        assert widths == expected, sheet_name


def _docx(client, programme) -> bytes:
    return _get(client, "actions:plan_export_docx", programme.pk)


def test_the_word_plan_is_a4_dutch_and_signed_by_the_portal(
    client_for, projectleider, zawa_programme
):
    data = _docx(client_for(projectleider), zawa_programme)
    document = Document(io.BytesIO(data))
    # Portrait for the text, landscape for the milestone plan and the finance table (a
    # column per quarter or funding source); every page A4.
    sizes = [(round(s.page_width.mm), round(s.page_height.mm)) for s in document.sections]
    assert sizes == [(210, 297), (297, 210)]
    assert [s.orientation for s in document.sections] == [0, 1]  # WD_ORIENT portrait, landscape
    for section in document.sections:
        margins = (section.left_margin, section.right_margin)
        assert [round(m.mm) for m in margins] == [20, 20]  # stored in twips: 20.0025 mm
        margins = (section.top_margin, section.bottom_margin)
        assert [round(m.mm) for m in margins] == [25, 25]

    # Dutch: the default run properties, the styles the export uses, the theme fonts.
    styles = document.styles.element
    default = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert default.find(qn("w:lang")).get(qn("w:val")) == "nl-NL"
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Tabel GHNT"):
        lang = document.styles[name].element.rPr.find(qn("w:lang"))
        assert lang.get(qn("w:val")) == "nl-NL", name
    theme = document.settings.element.find(qn("w:themeFontLang"))
    assert theme.get(qn("w:val")) == "nl-NL"
    assert "en-US" not in zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml").decode()

    # The document's properties: the plan, the region, today, the portal (not python-docx).
    properties = document.core_properties
    assert properties.title == zawa_programme.title
    assert properties.subject == "Regio Zaanstreek-Waterland"
    assert properties.author == properties.last_modified_by == "GHNT-portaal"
    assert properties.created.date() == timezone.now().date()
    assert properties.created.year != 2013 and properties.modified == properties.created
    assert properties.language == "nl-NL" and properties.comments == ""
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert "docProps/thumbnail.jpeg" not in names and "docProps/app.xml" not in names
    assert b"python-docx" not in b"".join(zipfile.ZipFile(io.BytesIO(data)).read(n) for n in names)

    # Headings are the built-in ones (navigation, contents, PDF tags); tables our own style.
    assert document.paragraphs[0].style.name == "Title"
    assert {p.style.name for p in document.paragraphs if p.text.startswith("Actielijn ")} == {
        "Heading 2"
    }


def test_every_table_of_the_word_plan_repeats_its_header_row(
    client_for, projectleider, zawa_programme
):
    document = Document(io.BytesIO(_docx(client_for(projectleider), zawa_programme)))
    assert len(document.tables) > 3  # actions, milestones, finance
    for table in document.tables:
        assert table.style.name == "Tabel GHNT"
        repeated = [row._tr.trPr is not None and row._tr.trPr.find(qn("w:tblHeader")) is not None
                    for row in table.rows]  # fmt: skip
        assert repeated == [True] + [False] * (len(table.rows) - 1)
    # An action's table: a narrow label column, the text gets the rest of the A4 text width.
    actions = [t for t in document.tables if t.cell(0, 0).text.startswith("Actie ")]
    assert actions
    for table in actions:
        widths = [round(c.width.mm) for c in table.columns]
        assert widths == [40, 130]
        assert {round(row.cells[1].width.mm) for row in table.rows} == {130}


def _soffice():
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(
    not _soffice(),
    reason="LibreOffice is not installed (apt-get install libreoffice-writer-nogui "
    "libreoffice-calc-nogui); CI does not install it",
)
def test_libreoffice_prints_the_exports_on_a4(client_for, projectleider, zawa_programme, tmp_path):
    client = client_for(projectleider)
    files = {"plan-word.docx": _docx(client, zawa_programme)}
    files.update({f"{name}.xlsx": data for name, data in _exports(client, zawa_programme).items()})
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    # A profile of its own: LibreOffice refuses a second instance on a shared one.
    profile = (tmp_path / "profiel").as_uri()
    subprocess.run(
        [_soffice(), f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path / "pdf"), *(str(tmp_path / n) for n in files)],
        check=True, capture_output=True, timeout=240, env={**os.environ, "HOME": str(tmp_path)},
    )  # fmt: skip
    sizes = {}
    for name in files:
        reader = pypdf.PdfReader(tmp_path / "pdf" / (name.rsplit(".", 1)[0] + ".pdf"))
        sizes[name] = {
            (round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages
        }
        if name == "acties.xlsx":  # a handful of actions: one page, not a column per page
            assert len(reader.pages) == 1
        if name == "plan-word.docx":
            assert reader.metadata.title == zawa_programme.title
            first = reader.pages[0].mediabox
            assert (round(float(first.width)), round(float(first.height))) == A4
            milestones = next(p for p in reader.pages if "Mijlpalenplanning" in p.extract_text())
            assert float(milestones.mediabox.width) > float(milestones.mediabox.height)
    assert sizes["plan-word.docx"] == {A4, A4[::-1]}  # the wide tables on landscape pages
    for name in ("acties.xlsx", "plan.xlsx", "sjabloon.xlsx"):
        assert sizes[name] == {A4[::-1]}, name  # landscape


def test_the_export_date_is_the_day_of_the_download(client_for, projectleider, zawa_programme):
    from freezegun import freeze_time

    with freeze_time("2026-03-02 09:30:00+01:00"):
        data = _docx(client_for(projectleider), zawa_programme)
    created = Document(io.BytesIO(data)).core_properties.created
    assert created == datetime.datetime(2026, 3, 2, 8, 30, tzinfo=datetime.UTC)


@pytest.mark.parametrize(("limit", "wraps"), [(3, True), (2, False)])
def test_only_a_list_short_enough_to_print_wraps_its_long_texts(monkeypatch, limit, wraps):
    """Wrapping costs a fifth of the all-region export's time; above the limit the widths,
    filter and print set-up stay, the long texts run on."""
    from ghnt_portal import exports

    monkeypatch.setattr(exports, "WRAP_MAX_ROWS", limit)
    workbook = exports.new_workbook("Proef")
    sheet = workbook.active
    exports.write_rows(sheet, [["Titel", "Code"], ["x" * 150, "1A"], ["kort", "1B"], ["y", "2A"]])
    exports.lay_out_table(sheet)
    assert sheet.column_dimensions["A"].width == exports.MAX_WIDTH
    assert bool(sheet["A2"].alignment.wrap_text) is wraps
    assert (sheet.row_dimensions[2].height == 45) is wraps  # 150 characters, 59 a line
    assert not sheet["A3"].alignment.wrap_text
    _assert_printable_table(sheet)


def test_a_wrapped_cell_with_lines_of_its_own_gets_a_row_for_each():
    from ghnt_portal import exports

    workbook = exports.new_workbook()
    sheet = workbook.active
    steps = "1. Voorlichten\n2. Trainen\n3. Borgen"
    exports.write_rows(sheet, [["Hoe"], ["x" * 100], [steps], ["kort"]])
    exports.lay_out_table(sheet)
    assert sheet["A3"].alignment.wrap_text and sheet.row_dimensions[3].height == 45
    assert sheet.row_dimensions[4].height is None
