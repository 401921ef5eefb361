"""Uploads that cannot hurt: accepted by content, refused with a Dutch reason, no client
data in the text (programmes/documents/uploads.py)."""

from django.core.exceptions import ValidationError

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ghnt_portal.validators import BSN_MESSAGE
from programmes.documents import uploads
from programmes.documents.uploads import inspect_upload
from tests.documents import files


def refused(name, data) -> str:
    with pytest.raises(ValidationError) as caught:
        inspect_upload(name, data)
    return " ".join(caught.value.messages)


@pytest.mark.parametrize(
    ("name", "data", "extension", "mime"),
    [
        ("plan.pdf", files.pdf("Actieplan huiselijk geweld"), "pdf", "application/pdf"),
        ("plan.docx", files.docx(["Regiovisie"]), "docx", uploads.DOCX.mime),
        (
            "begroting.xlsx",
            files.xlsx([["Actie", "Bedrag"], ["1A", 1000]]),
            "xlsx",
            uploads.XLSX.mime,
        ),
        ("notitie.odt", files.odt("Taskforce"), "odt", uploads.ODT.mime),
        ("foto.png", files.PNG, "png", "image/png"),
        ("foto.jpeg", files.JPEG, "jpg", "image/jpeg"),
        ("cijfers.csv", b"gemeente;meldingen\nZaanstad;12\n", "csv", uploads.CSV.mime),
        ("notitie.txt", b"Besluitenlijst AO", "txt", uploads.TXT.mime),
    ],
)
def test_every_accepted_kind_is_recognised_by_its_content(name, data, extension, mime):
    checked = inspect_upload(name, data)
    assert checked.kind.extension == extension
    assert checked.kind.mime == mime
    assert checked.filename.endswith("." + extension)


def test_the_type_comes_from_the_content_not_the_name():
    checked = inspect_upload("plan.txt", files.pdf("Actieplan"))
    assert checked.kind.mime == "application/pdf"
    assert checked.filename == "plan.pdf"


def test_text_of_pdf_docx_and_xlsx_is_extracted_for_search():
    assert "Actieplan" in inspect_upload("a.pdf", files.pdf("Actieplan MDA++")).text
    assert "Regiovisie" in inspect_upload("a.docx", files.docx(["Regiovisie"])).text
    assert (
        "Centrum Seksueel Geweld"
        in inspect_upload("a.xlsx", files.xlsx([["Centrum Seksueel Geweld"]])).text
    )


def test_a_file_named_pdf_with_html_inside_is_refused():
    message = refused("plan.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>")
    assert "HTML-bestanden worden niet geaccepteerd" in message


def test_svg_is_refused():
    message = refused("logo.png", b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg">')
    assert "SVG-afbeeldingen worden niet geaccepteerd" in message


@pytest.mark.parametrize(
    "data", [b"MZ\x90\x00" + b"\x00" * 60, b"\x7fELF\x02\x01", b"#!/bin/sh\nrm -rf /"]
)
def test_executables_and_scripts_are_refused(data):
    assert "Programma's en scripts worden niet geaccepteerd" in refused("rapport.pdf", data)


def test_a_macro_enabled_docx_is_refused():
    assert "macro" in refused("plan.docx", files.macro_docx())


def test_a_zip_bomb_is_refused_without_unpacking_it():
    assert "onredelijk grote omvang" in refused("plan.docx", files.zip_bomb())


def test_a_docx_with_a_bsn_in_a_table_cell_is_refused_naming_the_cell():
    data = files.docx(["Deelnemers"], table=[["naam", "nummer"], ["cliënt", files.BSN]])
    message = refused("lijst.docx", data)
    assert BSN_MESSAGE in message
    assert "tabel 1, rij 2, kolom 2" in message


def test_a_bsn_on_page_two_of_a_pdf_is_refused_naming_the_page():
    message = refused("a.pdf", files.pdf("Voorblad", f"Cliënt {files.BSN}"))
    assert BSN_MESSAGE in message and "pagina 2" in message


def test_a_bsn_in_a_spreadsheet_names_the_cell():
    message = refused("a.xlsx", files.xlsx([["x", "y"], ["z", files.BSN]]))
    assert "blad Blad1, cel B2" in message


def test_an_oversized_file_is_refused(settings):
    settings.DOCUMENT_MAX_BYTES = 1000
    assert "te groot" in refused("plan.pdf", files.pdf("x" * 2000))


def test_a_pdf_whose_text_cannot_be_read_is_accepted_and_marked():
    broken = b"%PDF-1.4\n%garbage without any objects"
    checked = inspect_upload("scan.pdf", broken)
    assert checked.text_searched is False


def test_images_are_marked_not_searched():
    assert inspect_upload("foto.png", files.PNG).text_searched is False


def test_a_table_of_small_figures_separated_by_tabs_is_no_bsn():
    # "106 82 95 31" in a plan's police table: nine digits that pass the elfproef together
    checked = inspect_upload("cijfers.txt", b"Purmerend\t106\t82\t95\t31\n")
    assert "Purmerend" in checked.text


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd", "passwd.txt"),
        ("C:\\Users\\x\\Plan 2021.txt", "Plan 2021.txt"),
        ("<script>alert(1)</script>.txt", "script.txt"),
        ("...", "document.txt"),
        ("a\x00b\u202e.txt", "ab.txt"),
    ],
)
def test_file_names_are_cleaned(name, expected):
    assert inspect_upload(name, b"tekst").filename == expected


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.text(max_size=80),
    data=st.one_of(
        st.binary(max_size=2000),
        st.binary(max_size=500).map(lambda b: b"%PDF-" + b),
        st.binary(max_size=500).map(lambda b: b"PK\x03\x04" + b),
        st.text(max_size=500).map(str.encode),
    ),
)
def test_any_upload_is_either_accepted_safely_or_refused_in_dutch(name, data):
    try:
        checked = inspect_upload(name, data)
    except ValidationError as error:
        assert error.messages and all(m.strip() for m in error.messages)
        return
    assert checked.kind in uploads.ALL_TYPES
    assert "/" not in checked.filename and "\\" not in checked.filename
    assert checked.filename.endswith("." + checked.kind.extension)
    assert not any(c in checked.filename for c in "<>\"'\x00")
    assert "\x00" not in checked.text
