"""The pages of issue 26 on the densest programme, in-process, each against the floor in the
same loop: Django's test client on the database in DATABASE_URL (after `load_demo` and
`load_scale_data --seed 1`, real density), no HTTP, no gunicorn.

    DATABASE_URL=... CACHE_URL=redis://... SECRET_KEY=x STATIC_MANIFEST=0 \\
        python benchmarks/pages_inprocess.py [--repeat 15] [--only programme,action]

The floor is the minimal authenticated view (the password change form). Every round asks
the floor and then each page once, so a busy machine slows both alike: the ratio of the
medians (x floor) is what to compare between runs, with the load average printed next to
it. Also the dashboard's first reader after a change: without the background warm-up (the
reader computes) and after it (warm.warm, as the task does).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ghnt_portal.settings")
os.environ.setdefault("DASHBOARD_WARM_AFTER_CHANGE", "0")  # warmed by hand below

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

from actions.models import Action, ActionExport  # noqa: E402
from actions.services import exports  # noqa: E402
from benchmarks.measure import pass_second_factor  # noqa: E402
from monitoring.dashboard import cache as dashboard_cache  # noqa: E402
from monitoring.dashboard import warm  # noqa: E402
from programmes.models import Programme  # noqa: E402


def client_for(username: str) -> Client:
    client = Client()
    user = get_user_model().objects.get(username=username)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    session = client.session
    pass_second_factor(user, session)  # as measure.py: no redirect to the second factor
    session.save()
    return client


def queries_of(client: Client, path: str) -> tuple[int, int, int]:
    client.get(path)  # warm-up
    counted = []
    with connection.execute_wrapper(lambda execute, *a: counted.append(1) or execute(*a)):
        response = client.get(path)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, len(counted), len(body)


def timed(client: Client, path: str, before=None) -> float:
    if before:
        before()
    start = time.perf_counter()
    response = client.get(path)
    if response.streaming:
        b"".join(response.streaming_content)
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--only", default="", help="comma-separated parts of page names")
    args = parser.parse_args()
    setup_test_environment()

    programme = (
        Programme.objects.annotate(n=Count("milestones"))
        .filter(region__slug__startswith="schaal-")
        .order_by("-n", "pk")
        .first()
    )
    slug = programme.region.slug
    action = (
        Action.objects.filter(programme=programme)
        .annotate(n=Count("milestones", distinct=True) + Count("budget_lines", distinct=True))
        .order_by("-n", "pk")
        .first()
    )
    raadslid = (
        get_user_model()
        .objects.filter(
            memberships__municipality__region=programme.region, username__startswith="raadslid-"
        )
        .order_by("username")
        .first()
    )
    clients = {
        "projectleider": client_for(f"projectleider-{slug}"),
        "ketenpartner": client_for(f"ketenpartner-{slug}-1"),
        "beheerder": client_for("beheerder-schaal"),
        "rijk": client_for("rijk-schaal"),
        "raadslid": client_for(raadslid.username),
    }
    dashboard = reverse("monitoring:dashboard", args=[programme.pk])

    def stale():
        dashboard_cache.bump(programme_id=programme.pk)

    def stale_then_warm():
        stale()
        warm.warm(programme.pk)

    # The all-region Excel file is made in the background (issue 26): time that work once,
    # and measure the pages a beheerder sees around it (start, progress, done).
    beheerder = clients["beheerder"]
    # (Created directly: start_export would run it at once here, with no broker configured.)
    export = ActionExport.objects.create(
        requested_by=get_user_model().objects.get(username="beheerder-schaal")
    )
    started = time.perf_counter()
    export = exports.make_export(export.pk)
    print(
        f"background xlsx export of every region: {export.rows_total}"
        f" rows in {(time.perf_counter() - started) * 1000:.0f} ms (a worker's time, not a page)",
        flush=True,
    )
    beheerder.get("/")  # the session
    pages = [
        (
            "programme page",
            "projectleider",
            reverse("programmes:detail", args=[programme.pk]),
            None,
        ),
        ("action page", "projectleider", reverse("actions:detail", args=[action.pk]), None),
        ("action edit form", "projectleider", reverse("actions:edit", args=[action.pk]), None),
        ("new action form", "projectleider", reverse("actions:create", args=[programme.pk]), None),
        ("action list (beheerder, all)", "beheerder", reverse("actions:list"), None),
        (
            "action export xlsx (beheerder): start",
            "beheerder",
            reverse("actions:export_xlsx"),
            None,
        ),
        ("action export page, done (beheerder)", "beheerder", export.get_absolute_url(), None),
        (
            "quick-update form on demand (no JS)",
            "projectleider",
            reverse("actions:quick_update", args=[action.pk]),
            None,
        ),
        ("calendar .ics", "projectleider", reverse("governance:calendar_ics", args=[slug]), None),
        ("national overview (rijk)", "rijk", reverse("monitoring:national"), None),
        ("mijn acties (ketenpartner)", "ketenpartner", reverse("actions:mine"), None),
        ("dashboard warm (raadslid)", "raadslid", dashboard, None),
        ("dashboard first reader, no warm-up", "raadslid", dashboard, stale),
        ("dashboard first reader, warmed", "raadslid", dashboard, stale_then_warm),
    ]
    if args.only:
        wanted = args.only.split(",")
        pages = [p for p in pages if any(w in p[0] for w in wanted)]
    floor_client, floor_path = clients["projectleider"], reverse("password_change")
    print(
        f"programme {programme.pk} {programme.title!r}: {programme.actions.count()} actions, "
        f"{programme.milestones.count()} milestones, {programme.budget_lines.count()} budget "
        f"lines; action {action.code}: {action.milestones.count()} milestones, "
        f"{action.budget_lines.count()} budget lines",
        flush=True,
    )
    print(f"load average before {os.getloadavg()}", flush=True)
    print(f"{'page':40} {'q':>3} {'KiB':>5} {'med ms':>8} {'floor ms':>8} {'x floor':>7}")
    for name, role, path, before in pages:
        client = clients[role]
        status, queries, size = queries_of(client, path)
        page_times, floor_times = [], []
        for _ in range(args.repeat):
            floor_times.append(timed(floor_client, floor_path))
            page_times.append(timed(client, path, before))
        page_ms, floor_ms = statistics.median(page_times), statistics.median(floor_times)
        print(
            f"{name[:40]:40} {queries:>3} {size // 1024:>5} {page_ms:>8.1f} {floor_ms:>8.1f} "
            f"{page_ms / floor_ms:>7.1f}" + ("" if status == 200 else f"  (HTTP {status})"),
            flush=True,
        )
    print(f"load average after {os.getloadavg()}")


if __name__ == "__main__":
    main()
