"""The national regional part of the voortgangsrapportage: per bouwsteen a summary table and
the regions' own words, and per question of the uitvraag every region's sent answer. Built
from verzonden reports and answer pages only, rendered as PDF (ghnt_portal.pdf) and Word
(python-docx) for the programme team to edit further. Made in the background (tasks.py);
the row's `progress` and `step` show how far it is."""

from __future__ import annotations

import io
import traceback
from typing import TYPE_CHECKING, Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from ghnt_portal import outbox
from ghnt_portal.formats import euro
from ghnt_portal.pdf import render_to_pdf
from ghnt_portal.periods import HalfYear

from ..constants import GenerationState
from ..uitvraag.models import Questionnaire
from .models import NationalDocument
from .picture import budgets_by_source, national_picture
from .uitvraag import SENT, questions_of, responses

if TYPE_CHECKING:
    from django.contrib.auth.models import User

TEMPLATE = "monitoring/national/document_pdf.html"


def outbox_key(period: str) -> str:
    return f"national-document:{period}"


def request_document(half: HalfYear, user: User | None) -> NationalDocument:
    """Queue (again) the document of the half year; a document being made is not queued
    twice."""
    from .tasks import generate_national_document  # tasks import this module

    with transaction.atomic():
        document, created = NationalDocument.objects.select_for_update().get_or_create(
            period=half.code, defaults={"requested_by": user}
        )
        if not created and document.is_in_progress:
            return document
        document.state = GenerationState.QUEUED
        document.progress = 0
        document.step = "In de wachtrij"
        document.failure = ""
        document.requested_by = user
        document.save()
        outbox.enqueue(generate_national_document, document.pk, key=outbox_key(half.code))
    return document


def _step(document: NationalDocument, progress: int, step: str) -> None:
    NationalDocument.objects.filter(pk=document.pk).update(
        state=GenerationState.RUNNING, progress=progress, step=step
    )


def content(half: HalfYear) -> dict[str, Any]:
    """What the document says, from sent reports and answers only."""
    questionnaire = Questionnaire.objects.for_period(half.code).first()
    questions, answered = [], []
    if questionnaire is not None:
        questions = questions_of(questionnaire)
        answered = [r for r in responses(questionnaire) if r.state == SENT]
    per_question = [
        {
            "question": q,
            "answers": [(r.region.name, r.value(q.pk)) for r in answered if r.value(q.pk)],
        }
        for q in questions
    ]
    return {
        "half": half,
        "questionnaire": questionnaire,
        "regions_answered": [r.region.name for r in answered],
        "lines": national_picture(half),
        "budgets": budgets_by_source(),
        "per_question": per_question,
        "made_at": timezone.now(),
    }


def render_docx(data: dict[str, Any]) -> bytes:
    from docx import Document

    doc = Document()
    doc.core_properties.title = f"Regionaal deel voortgangsrapportage GHNT {data['half']}"
    doc.core_properties.language = "nl-NL"
    doc.add_heading(f"Regionaal deel voortgangsrapportage GHNT – {data['half']}", level=0)
    doc.add_paragraph(
        f"Opgesteld uit de verzonden voortgangsrapportages en antwoorden van "
        f"{len(data['regions_answered'])} regio's. Concept voor het programmateam."
    )
    for line in data["lines"]:
        doc.add_heading(str(line.line), level=1)
        for picture in line.blocks:
            doc.add_heading(f"Bouwsteen {picture.block}", level=2)
            table = doc.add_table(rows=1, cols=2)
            table.style = "Table Grid"
            table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Gegeven", "Aantal"
            rows = [("Regio's met acties", len(picture.regions))]
            rows += [(f"Status: {label}", n) for label, n in picture.status_rows()]
            rows += [(f"Oordeel: {label}", n) for label, n in picture.judgement_rows()]
            rows += [("Mijlpalen gereed in het halfjaar", picture.milestones_done)]
            for label, n in rows:
                cells = table.add_row().cells
                cells[0].text, cells[1].text = label, str(n)
            for entry in picture.route:
                doc.add_paragraph(
                    f"{entry.region}, actie {entry.code} {entry.title}: {entry.explanation}",
                    style="List Bullet",
                )
    doc.add_heading("Financiën per financieringsbron", level=1)
    table = doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("Bron", "Begroot", "Regio's zonder"), strict=True):
        cell.text = text
    for budget in data["budgets"]:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = budget.source, euro(budget.planned)
        cells[2].text = ", ".join(budget.without) or "–"
    if data["questionnaire"] is not None:
        doc.add_heading(f"Uitvraag: {data['questionnaire'].title}", level=1)
        for item in data["per_question"]:
            q = item["question"]
            doc.add_heading(f"{q.theme} – {q.order}. {q.text}", level=2)
            for region, value in item["answers"]:
                doc.add_paragraph(f"{region}: {value}", style="List Bullet")
            if not item["answers"]:
                doc.add_paragraph("Geen antwoorden ontvangen.")
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def generate(document_id: int) -> NationalDocument:
    document = NationalDocument.objects.get(pk=document_id)
    if document.state == GenerationState.DONE:
        return document  # made already: a second run changes nothing
    half = document.half_year
    _step(document, 10, "Verzonden rapportages en antwoorden verzamelen")
    data = content(half)
    _step(document, 40, "PDF maken")
    _html, pdf = render_to_pdf(TEMPLATE, data)
    _step(document, 80, "Word-bestand maken")
    word = render_docx(data)
    with transaction.atomic():
        document = NationalDocument.objects.select_for_update().get(pk=document_id)
        old = [f.name for f in (document.pdf, document.docx) if f and f.name]
        stamp = timezone.now().strftime("%Y%m%d%H%M%S")
        document.pdf.save(f"regionaal-deel-{half.code}-{stamp}.pdf", ContentFile(pdf), save=False)
        document.docx.save(
            f"regionaal-deel-{half.code}-{stamp}.docx", ContentFile(word), save=False
        )
        document.state = GenerationState.DONE
        document.progress = 100
        document.step = "Gereed"
        document.failure = ""
        document.regions = len(data["regions_answered"])
        document.generated_at = timezone.now()
        document.save()
        stale = [n for n in old if n and n not in (document.pdf.name, document.docx.name)]
        storage = document.pdf.storage

        def delete_stale() -> None:
            for name in stale:
                storage.delete(name)

        transaction.on_commit(delete_stale)
    return document


def record_failure(document_id: int, exc: BaseException, final: bool) -> None:
    text = "".join(traceback.format_exception_only(type(exc), exc)).strip()
    NationalDocument.objects.filter(pk=document_id).update(
        state=GenerationState.FAILED if final else GenerationState.QUEUED,
        failure=text[:2000],
        step="Mislukt" if final else "Nieuwe poging volgt",
    )
