"""Saving a report's texts and opening its HTML preview, in-process (issue 26: saving under
300 ms, no PDF made; the preview answers at once).

    DEBUG=1 .venv/bin/python benchmarks/report_texts.py [--repeat 5]

On the configured database: the largest programme's concept report (as
benchmarks/report_generation.py picks it; made once when there is none). As its
projectleider (a session as `login()` makes it), Django's test client posts the texts form
back with the summary changed, `--repeat` times, then GETs the preview; median and slowest
wall time and queries per request. Each save is checked to have queued no background work.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ghnt_portal.settings")

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from benchmarks import measure  # noqa: E402  (sets up Django)
from benchmarks.report_sections import report_for  # noqa: E402
from ghnt_portal.outbox.models import OutboxTask  # noqa: E402
from ghnt_portal.periods import HalfYear  # noqa: E402
from programmes.constants import Role  # noqa: E402


def timed(call, repeat):
    times, queries = [], []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = call()
            times.append(time.perf_counter() - started)
        queries.append(len(captured.captured_queries))
    return response, times, queries


def show(name, times, queries):
    print(
        f"  {name}: median {statistics.median(times) * 1000:.0f} ms, slowest "
        f"{max(times) * 1000:.0f} ms, {max(queries)} queries"
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    setup_test_environment()  # the test client's response.context (the form's fields)
    settings.ALLOWED_HOSTS = ["*"]
    programme = measure.pick_targets()["largest"]
    user = measure.user_with_role(Role.PROJECTLEIDER, region=programme.region)
    half = HalfYear.of(timezone.localdate()).previous()
    if programme.period_end and programme.period_end < half.start:
        half = HalfYear.of(programme.period_end)
    report = report_for(programme, half)
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = measure.session_cookie(user)
    url = reverse("monitoring:report_texts", args=[report.pk])
    form = client.get(url).context["form"]
    data = {f.name: (f.value() if f.value() is not None else "") for f in form}
    print(f"{programme.title} ({programme.actions.count()} actions, {half}), report {report.pk}")
    tasks_before = OutboxTask.objects.count()
    counter = iter(range(10_000))

    def save():
        data["summary"] = f"Samenvatting, versie {next(counter)}."
        response = client.post(url, data)
        assert response.status_code == 302, response.status_code
        return response

    _, times, queries = timed(save, args.repeat)
    show("saving the texts (POST, redirect)", times, queries)
    print(f"  background tasks queued by the saves: {OutboxTask.objects.count() - tasks_before}")
    preview = reverse("monitoring:report_preview", args=[report.pk])
    response, times, queries = timed(lambda: client.get(preview), args.repeat)
    assert response.status_code == 200
    show(f"the preview (GET, {len(response.content) // 1024} KiB HTML)", times, queries)
    detail = reverse("monitoring:report_detail", args=[report.pk])
    _, times, queries = timed(lambda: client.get(detail), args.repeat)
    show("the report page with the notice (GET)", times, queries)


if __name__ == "__main__":
    main()
