"""Issue 23's done-when on the demo: `make run` (`load_demo`, then `load_demo_national`) holds
one published uitvraag answered by the demo regions inside their sent reports, and the Rijk
reads the national picture and downloads the national regional part. Real PDFs are made
(WeasyPrint), as `make demo` makes them."""

import io
import subprocess

from django.core.management import call_command
from django.urls import reverse

import pytest

from monitoring.constants import ReportStatus
from monitoring.models import ProgressReport
from monitoring.uitvraag.constants import QuestionnaireStatus
from monitoring.uitvraag.models import Questionnaire

pytestmark = pytest.mark.django_db

PERIOD = "2021-H2"


def _state():
    return (
        Questionnaire.objects.count(),
        ProgressReport.objects.count(),
        sorted(ProgressReport.objects.values_list("pk", "status", "pdf_sha256")),
    )


def test_the_demo_holds_an_answered_uitvraag_and_the_rijk_reads_and_downloads_the_picture(
    client_for, rijk
):
    call_command("load_demo_national", verbosity=0)

    questionnaire = Questionnaire.objects.get(period=PERIOD)
    assert questionnaire.status == QuestionnaireStatus.PUBLISHED
    sent = ProgressReport.objects.filter(period=PERIOD, status=ReportStatus.SENT)
    regions = set(sent.values_list("programme__region__slug", flat=True))
    assert {"zaanstreek-waterland", "kennemerland"} <= regions

    client = client_for(rijk)
    answers = client.get(reverse("monitoring:national_answers", args=[questionnaire.pk]))
    html = answers.content.decode()
    assert answers.status_code == 200
    assert "voorzitterschap deelt met het Zorg- en Veiligheidshuis" in html  # ZaWa's words
    assert "Een vaste contactpersoon per gemeente" in html  # Kennemerland's
    picture = client.get(reverse("monitoring:national_blocks") + f"?period={PERIOD}")
    assert picture.status_code == 200
    assert "Zaanstreek-Waterland" in picture.content.decode()

    pdf = client.get(reverse("monitoring:national_document_download", args=[PERIOD, "pdf"]))
    assert pdf.status_code == 200
    data = b"".join(pdf.streaming_content)
    assert data.startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    assert "Zaanstreek-Waterland" in text and "Kennemerland" in text
    word = client.get(reverse("monitoring:national_document_download", args=[PERIOD, "word"]))
    assert word.status_code == 200
    assert io.BytesIO(b"".join(word.streaming_content)).read(2) == b"PK"  # a docx (zip)

    # Run again, as `make run` does on every start: everything is in place, nothing changes.
    before = _state()
    call_command("load_demo_national", verbosity=0)
    assert _state() == before
