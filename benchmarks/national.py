"""The national loop at national scale, shared by benchmarks/measure.py (`make bench`: pages
over HTTP on gunicorn, the document on a Celery worker) and benchmarks/national_inprocess.py
(in-process, for profiling). Needs Django set up before it is imported.

`prepare()` is the uitvraag generator: once per database, an uitvraag of 40 questions for
2025-H1 (every kind, ten themes' worth of text answers), answered by every adopted programme
in a verzonden report with its real snapshot (a stand-in PDF), its actions linked to the
national bouwstenen in turn. At national scale that is 28 regions and their 74 adopted
programmes (84 programmes in all).
"""

from __future__ import annotations

import datetime
import io
import os
import time

from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from ghnt_portal.periods import HalfYear
from monitoring.constants import GenerationState, ReportStatus
from monitoring.models import ProgressReport
from monitoring.national import document
from monitoring.reports.snapshot import build_snapshot
from monitoring.uitvraag import answers
from monitoring.uitvraag.models import Question, Questionnaire
from programmes.constants import ProgrammeStatus
from programmes.frame import seed_frame
from programmes.models import BuildingBlock, Programme

PERIOD = "2025-H1"
KINDS = ["tekst", "bouwsteen", "getal", "ja_nee", "begroting", "mijlpalen", "keuze", "tekst"]


def prepare() -> Questionnaire:
    seed_frame()
    existing = Questionnaire.objects.filter(period=PERIOD).first()
    if existing:
        return existing
    questionnaire = Questionnaire.objects.create(
        title="Benchmark-uitvraag",
        period=PERIOD,
        deadline=datetime.date(2025, 9, 30),
        status="gepubliceerd",
        published_at=timezone.now(),
    )
    blocks = list(BuildingBlock.objects.all())
    questions = Question.objects.bulk_create(
        Question(
            questionnaire=questionnaire,
            order=i,
            theme=f"Thema {1 + i // 10}",
            text=f"Vraag {i} over de regionale aanpak?",
            kind=KINDS[i % len(KINDS)],
            choices="Goed\nKan beter",
            building_block=blocks[i % len(blocks)]
            if KINDS[i % len(KINDS)] == "bouwsteen"
            else None,
        )
        for i in range(1, 41)
    )
    half = HalfYear.parse(PERIOD)
    programmes = Programme.objects.filter(status=ProgrammeStatus.ADOPTED).select_related("region")
    for programme in programmes:
        # The regions' actions are on the national bouwstenen, one each in turn.
        for i, action in enumerate(programme.actions.order_by("pk")):
            action.building_blocks.set([blocks[i % len(blocks)]])
        snapshot = build_snapshot(programme, half, now=timezone.now())
        filled = answers.prefill(programme, half, questions, {})
        sheet = answers.compose({}, questionnaire.pk, filled)
        for q in questions:
            if q.kind == "tekst":
                sheet["answers"][str(q.pk)]["value"] = f"{programme.region.name}: " + "woord " * 60
        report = ProgressReport(
            programme=programme,
            period=PERIOD,
            status=ReportStatus.SENT,
            generation_state=GenerationState.DONE,
            snapshot=snapshot,
            texts={"uitvraag": sheet},
            generated_at=timezone.now(),
            finalised_at=timezone.now(),
            sent_at=timezone.now(),
            sent_to="voortgang-ghnt@rijk.example.nl",
        )
        report.pdf.save("benchmark.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
        report.save()
    return questionnaire


def data_figures(questionnaire: Questionnaire) -> dict:
    sent = ProgressReport.objects.filter(period=PERIOD, status=ReportStatus.SENT)
    return {
        "period": PERIOD,
        "questions": questionnaire.questions.count(),
        "sent_reports": sent.count(),
        "regions_sent": sent.values("programme__region").distinct().count(),
    }


def pages(questionnaire: Questionnaire) -> list[tuple[str, str, str]]:
    """(name, role, path) of the national pages, as measure.py lists pages."""
    return [
        (
            "national answers side by side (rijk)",
            "rijk",
            reverse("monitoring:national_answers", args=[questionnaire.pk]),
        ),
        (
            "national picture per bouwsteen (rijk)",
            "rijk",
            reverse("monitoring:national_blocks") + f"?period={PERIOD}",
        ),
        (
            "national one bouwsteen (rijk)",
            "rijk",
            reverse("monitoring:national_block", args=["2.1"]) + f"?period={PERIOD}",
        ),
    ]


def _pdf_pages(data: bytes) -> int | None:
    try:
        from pypdf import PdfReader

        return len(PdfReader(io.BytesIO(data)).pages)
    except Exception:
        return None


class Clock:
    """Wall and CPU seconds (of this process) of a block."""

    def __enter__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc):
        self.wall = round(time.perf_counter() - self.wall, 2)
        self.cpu = round(time.process_time() - self.cpu, 2)


def document_parts() -> dict:
    """The national document made in this process, part by part: the data (sent reports,
    digests, answers, budgets), the HTML, WeasyPrint (parse, layout, tagged PDF) and Word;
    wall and CPU seconds of each (CPU: what it costs whatever else the machine runs)."""
    from ghnt_portal.pdf import html_to_pdf

    half = HalfYear.parse(PERIOD)
    parts = {}
    with Clock() as clock:
        data = document.content(half)
    parts["data"] = clock
    with Clock() as clock, translation.override("nl"):
        html = render_to_string(document.TEMPLATE, data)
    parts["html"] = clock
    with Clock() as clock:
        pdf = html_to_pdf(html)
    parts["weasyprint"] = clock
    with Clock() as clock:
        word = document.render_docx(data)
    parts["word"] = clock
    return {
        **{f"{name}_s": c.wall for name, c in parts.items()},
        **{f"{name}_cpu_s": c.cpu for name, c in parts.items()},
        "total_s": round(sum(c.wall for c in parts.values()), 1),
        "total_cpu_s": round(sum(c.cpu for c in parts.values()), 1),
        "html_kib": len(html.encode()) // 1024,
        "pdf_kib": len(pdf) // 1024,
        "pdf_pages": _pdf_pages(pdf),
        "word_kib": len(word) // 1024,
        "regions_answered": len(data["regions_answered"]),
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }
