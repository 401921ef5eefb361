"""Reading an upload's text is bounded (DOCUMENT_TEXT_*): past the bounds the rest is left
unread, the file is kept and marked "tekst deels doorzocht" with the last place read, and the
BSN check says honestly that it covered only that part (issue 22)."""

import os
import shutil
import stat

from django.core.exceptions import ValidationError

import pytest

from programmes.documents.uploads import inspect_upload
from tests.documents import files
from tests.documents.helpers import attach
from tests.world import World

PAGE = "Voortgang van de acties tegen huiselijk geweld in de regio. " * 10  # ~600 characters


@pytest.fixture(params=["pdftotext", ""], ids=["pdftotext", "pypdf"])
def reader(request, settings):
    """Every bound holds for both PDF readers (pdftotext, and pypdf without it)."""
    if request.param and shutil.which(request.param) is None:
        pytest.skip("pdftotext (poppler-utils) is not installed here; pypdf is tested")
    settings.DOCUMENT_PDFTOTEXT = request.param
    return request.param


def test_both_readers_find_the_text_and_name_the_page_of_a_bsn(reader):
    checked = inspect_upload("plan.pdf", files.pdf("Actieplan MDA++", "Taskforce"))
    assert "MDA++" in checked.text and "Taskforce" in checked.text
    assert checked.text_searched and not checked.text_read_until
    with pytest.raises(ValidationError) as refused:
        inspect_upload("a.pdf", files.pdf("Voorblad", "Inhoud", f"Cliënt {files.BSN}"))
    assert "pagina 3" in refused.value.messages[0]


def test_past_the_character_bound_the_rest_is_unread_and_the_file_marked(reader, settings):
    settings.DOCUMENT_TEXT_MAX_CHARS = 2000  # about three pages
    data = files.pdf(*[PAGE] * 8, f"Cliënt {files.BSN}", width=90)  # the BSN on page 9
    checked = inspect_upload("groot.pdf", data)  # accepted: page 9 was never read
    assert checked.text_searched
    assert checked.text_read_until == "pagina 4"
    assert checked.coverage == "tekst deels doorzocht (tot en met pagina 4)"
    assert len(checked.text) <= 2000


def test_a_bsn_inside_the_part_that_was_read_is_still_refused(reader, settings):
    settings.DOCUMENT_TEXT_MAX_CHARS = 2000
    with pytest.raises(ValidationError) as refused:
        inspect_upload("groot.pdf", files.pdf(PAGE, f"Cliënt {files.BSN}", *[PAGE] * 8, width=90))
    assert "pagina 2" in refused.value.messages[0]


def test_with_no_time_at_all_nothing_is_read_and_the_file_is_marked_not_searched(reader, settings):
    settings.DOCUMENT_TEXT_MS = 0
    checked = inspect_upload("plan.pdf", files.pdf(PAGE, PAGE, width=90))
    assert checked.text_searched is False
    assert checked.coverage == "tekst niet doorzocht"


@pytest.mark.parametrize(
    ("total_ms", "page_ms"), [(20_000, 300), (700, 20_000)], ids=["per-page", "in-all"]
)
def test_a_reader_that_hangs_is_stopped_and_what_it_read_in_time_is_kept(
    settings, tmp_path, total_ms, page_ms
):
    """A stand-in for pdftotext that writes three pages and then hangs: the reading stops at
    the per-page time or the time in all, keeps the three pages (read in time), and the
    process is killed (not left running)."""
    script = tmp_path / "slow-pdftotext"
    pidfile = tmp_path / "pid"
    script.write_text(
        f"#!/bin/sh\necho $$ > {pidfile}\n"
        "printf 'Eerste pagina MDA++\\fTweede\\fDerde\\fVierde'\nexec sleep 30\n"
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    settings.DOCUMENT_PDFTOTEXT = str(script)
    settings.DOCUMENT_TEXT_MS = total_ms
    settings.DOCUMENT_TEXT_PAGE_MS = page_ms
    checked = inspect_upload("plan.pdf", files.pdf("Eerste pagina MDA++", "Tweede"))
    assert checked.text_read_until == "pagina 3"  # page 4 was never finished
    assert "MDA++" in checked.text and "Derde" in checked.text and "Vierde" not in checked.text
    pid = int(pidfile.read_text())
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # killed and reaped


def test_a_missing_pdftotext_falls_back_to_pypdf(settings):
    settings.DOCUMENT_PDFTOTEXT = "geen-pdftotext-hier"
    assert "MDA++" in inspect_upload("plan.pdf", files.pdf("Actieplan MDA++")).text


def test_text_files_have_the_same_bound(settings):
    settings.DOCUMENT_TEXT_MAX_CHARS = 100
    lines = "\n".join(f"Regel {n} over de aanpak van huiselijk geweld" for n in range(50))
    checked = inspect_upload("notities.txt", (lines + f"\nCliënt {files.BSN}\n").encode())
    assert checked.text_read_until == "regel 3"
    assert "Regel 0" in checked.text and "Regel 10" not in checked.text


@pytest.mark.django_db
def test_the_upload_says_what_was_searched_and_the_panel_keeps_saying_it(
    client_for, projectleider, settings
):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    settings.DOCUMENT_TEXT_MAX_CHARS = 2000
    programme = World().zawa_programme
    data = files.pdf(*[PAGE] * 8, f"Cliënt {files.BSN}", width=90)
    response = client_for(projectleider).post(
        reverse("documents:add", kwargs={"key": "programma", "pk": programme.pk}),
        {
            "title": "Lange bijlage",
            "kind": "bijlage",
            "upload": SimpleUploadedFile("bijlage.pdf", data, "application/pdf"),
        },
        follow=True,
    )
    page = response.content.decode()
    assert "tekst deels doorzocht (tot en met pagina 4)" in page  # the message
    assert "Alleen het doorzochte deel is gecontroleerd op een BSN" in page
    assert "tekst deels doorzocht: tot en met pagina 4" in page  # the panel
    version = programme_documents_latest(programme)
    assert version.text_read_until == "pagina 4"


def programme_documents_latest(programme):
    from programmes.documents.models import DocumentVersion

    return DocumentVersion.objects.filter(document__title="Lange bijlage").get()


@pytest.mark.django_db
def test_a_fully_read_document_shows_no_mark(client_for, projectleider):
    programme = World().zawa_programme
    attach(programme, title="Kort plan", kind="plan")
    page = client_for(projectleider).get(programme.get_absolute_url()).content.decode()
    assert "Kort plan" in page
    assert "deels doorzocht" not in page
