"""The national picture at national scale, in-process: Django's test client on the database
in DATABASE_URL (after `load_demo` and `load_scale_data --seed 1`), no HTTP, no gunicorn.

    DATABASE_URL=... SECRET_KEY=x STATIC_MANIFEST=0 python benchmarks/national_inprocess.py

Adds (once) an uitvraag of 40 questions for 2025-H1, answered by every adopted programme in
a sent report (its real snapshot; a stand-in PDF), then logs in the Rijk and asks the answers
side by side, the picture per bouwsteen and one bouwsteen `--repeat` times (queries, median,
p95, size), and times the national regional-part document (PDF and Word) once.
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path.cwd()))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ghnt_portal.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.files.base import ContentFile  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from ghnt_portal.periods import HalfYear  # noqa: E402
from monitoring.constants import GenerationState, ReportStatus  # noqa: E402
from monitoring.models import ProgressReport  # noqa: E402
from monitoring.national import document  # noqa: E402
from monitoring.national.models import NationalDocument  # noqa: E402
from monitoring.reports.snapshot import build_snapshot  # noqa: E402
from monitoring.uitvraag import answers  # noqa: E402
from monitoring.uitvraag.models import Question, Questionnaire  # noqa: E402
from programmes.constants import ProgrammeStatus  # noqa: E402
from programmes.frame import seed_frame  # noqa: E402
from programmes.models import BuildingBlock, Programme  # noqa: E402

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


def measure(client: Client, path: str, repeat: int) -> dict:
    client.get(path)  # warm-up
    queries = []
    with connection.execute_wrapper(lambda execute, *a: queries.append(1) or execute(*a)):
        response = client.get(path)
    assert response.status_code == 200, response.status_code
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        client.get(path)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {
        "queries": len(queries),
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[int(0.95 * (len(times) - 1))], 1),
        "kb": round(len(response.content) / 1024),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--no-document", action="store_true")
    args = parser.parse_args()
    setup_test_environment()
    started = time.perf_counter()
    questionnaire = prepare()
    print(f"prepared in {time.perf_counter() - started:.1f} s", flush=True)
    print(
        "regions answered:",
        ProgressReport.objects.filter(period=PERIOD, status="verzonden").count(),
        "reports;",
        questionnaire.questions.count(),
        "questions",
    )
    client = Client()
    client.force_login(
        get_user_model().objects.get(username="rijk"),
        backend="django.contrib.auth.backends.ModelBackend",
    )
    for name, path in [
        (
            "answers side by side (Rijk)",
            reverse("monitoring:national_answers", args=[questionnaire.pk]),
        ),
        (
            "picture per bouwsteen (Rijk)",
            reverse("monitoring:national_blocks") + f"?period={PERIOD}",
        ),
        (
            "one bouwsteen (Rijk)",
            reverse("monitoring:national_block", args=["2.1"]) + f"?period={PERIOD}",
        ),
    ]:
        print(name, measure(client, path, args.repeat), flush=True)
    if args.no_document:
        return
    NationalDocument.objects.filter(period=PERIOD).delete()
    start = time.perf_counter()
    made = document.request_document(HalfYear.parse(PERIOD), None)
    made = document.generate(made.pk)
    print(
        f"national document (PDF {made.pdf.size // 1024} KiB, Word {made.docx.size // 1024} KiB): "
        f"{time.perf_counter() - start:.1f} s",
        flush=True,
    )
    print("load average", os.getloadavg())


if __name__ == "__main__":
    main()
