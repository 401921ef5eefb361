"""The national picture at national scale, in-process: Django's test client on the database
in DATABASE_URL (after `load_demo` and `load_scale_data --seed 1`), no HTTP, no gunicorn.

    DATABASE_URL=... SECRET_KEY=x STATIC_MANIFEST=0 python benchmarks/national_inprocess.py

Adds (once) an uitvraag of 40 questions for 2025-H1, answered by every adopted programme in
a sent report (benchmarks/national.py), then logs in the Rijk and asks the answers side by
side, the picture per bouwsteen and one bouwsteen `--repeat` times (queries, median, p95,
this process's CPU, size), and makes the national regional-part document once, part by part
(data, HTML, WeasyPrint, Word; wall and CPU seconds). `make bench` measures the same pages
over HTTP on gunicorn and the document on a Celery worker (benchmarks/measure.py).
"""

from __future__ import annotations

import argparse
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
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from benchmarks import national  # noqa: E402


def measure(client: Client, path: str, repeat: int) -> dict:
    client.get(path)  # warm-up
    queries = []
    with connection.execute_wrapper(lambda execute, *a: queries.append(1) or execute(*a)):
        response = client.get(path)
    assert response.status_code == 200, response.status_code
    times, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        client.get(path)
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    times.sort()
    return {
        "queries": len(queries),
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[int(0.95 * (len(times) - 1))], 1),
        "median_cpu_ms": round(statistics.median(cpu), 1),  # this process; not PostgreSQL's
        "kb": round(len(response.content) / 1024),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--no-document", action="store_true")
    args = parser.parse_args()
    setup_test_environment()
    started = time.perf_counter()
    questionnaire = national.prepare()
    print(f"prepared in {time.perf_counter() - started:.1f} s", flush=True)
    print(national.data_figures(questionnaire))
    client = Client()
    client.force_login(
        get_user_model().objects.get(username="rijk"),
        backend="django.contrib.auth.backends.ModelBackend",
    )
    for name, _role, path in national.pages(questionnaire):
        print(name, measure(client, path, args.repeat), flush=True)
    if not args.no_document:
        print("national document, part by part:", national.document_parts(), flush=True)
    print("load average", os.getloadavg())


if __name__ == "__main__":
    main()
