"""The warm raadslid dashboard, in-process: Django's test client on the database in
DATABASE_URL (after `load_demo` and `load_scale_data --seed 1`), no HTTP, no gunicorn.

    DATABASE_URL=... SECRET_KEY=x STATIC_MANIFEST=0 python benchmarks/dashboard_inprocess.py

Logs in the raadslid of Zaanstad, asks Zaanstreek-Waterland's dashboard once (warm-up: the
cache is filled), then `--repeat` times; prints queries, median, p95 and the page's size,
and the same for the minimal authenticated view (the password change form). With
CACHE_URL set the cache is Redis, else local memory. Run it from the tree to measure.
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
from django.urls import reverse  # noqa: E402

from programmes.models import Programme  # noqa: E402


def measure(client: Client, path: str, repeat: int) -> dict:
    client.get(path)  # warm-up
    queries = []
    # Counted by a wrapper: the request's start and end reset and close the connection.
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
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    setup_test_environment()
    user = get_user_model().objects.get(username="raadslid-zaanstad")
    programme = Programme.objects.filter(region__slug="zaanstreek-waterland").order_by("pk").first()
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    dashboard = reverse("monitoring:dashboard", args=[programme.pk])
    for name, path in [
        ("dashboard live (raadslid)", dashboard),
        ("minimal authenticated view", reverse("password_change")),
    ]:
        print(name, measure(client, path, args.repeat), flush=True)
    print("load average", os.getloadavg())


if __name__ == "__main__":
    main()
