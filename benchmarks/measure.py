"""One scale of `make bench`: measure the portal on the database in DATABASE_URL.

Started by benchmarks/run.py (which prepares PostgreSQL, Redis, the database and the static
files, and passes the production-like environment); writes its figures as JSON to --out.
Not meant to be run by hand, though it can be:

    DATABASE_URL=... CELERY_BROKER_URL=... STATIC_ROOT=... python benchmarks/measure.py \
        --scale demo --out /tmp/demo.json

What it does, in this order:
1. picks the pages of the journeys (programme, actions, mijn acties, dashboards, national
   view, reports, governance, calendar, exports) and a session per role;
2. PDF: generates the Zaanstreek-Waterland report and the largest programme's report
   in-process (the Celery task's function), timing WeasyPrint inside it (weasytimer.py);
   the Zaanstreek-Waterland report is then finalised and sent (the dashboard's
   "zoals gerapporteerd" needs a sent report);
3. starts gunicorn (3 workers, DEBUG off, manifest static files) on loopback;
4. per page: the query count in-process (Django's test client and CaptureQueriesContext,
   one request after a warm-up), then `--repeat` timed HTTP requests to gunicorn
   (time to the last byte over loopback, so server time plus well under a millisecond);
   median, p95, response size, and the ratio of the median to the minimal authenticated
   view (the password change form: session, user and layout, no domain queries);
5. load: `--load-users` threads, each a raadslid session, GET the dashboard in a loop for
   `--load-seconds`; requests/s, p50, p99, errors; then the web workers' peak RSS;
6. January batch: a Celery worker (`--concurrency 2`) on Redis, `generate_due_reports`
   for 1 January (all adopted programmes of the half year before); wall time until every
   report is made (bounded by `--batch-timeout`), and the worker's peak RSS;
7. import: `--import-rows` measurement rows (CSV, and xlsx unless --quick) parsed and
   imported through the import service in one transaction that is rolled back afterwards;
   then the same rows from the page, end to end: the upload, the background check on a
   Celery worker, the confirmation and the background import (deleted afterwards).
8. national (issue 23): an uitvraag of 40 questions answered by every adopted programme in
   a sent report (benchmarks/national.py); the answers side by side, the picture per
   bouwsteen and one bouwsteen as pages (query count, then timed over HTTP, in the page
   table); the national document of the half year made by one Celery worker process (wall
   and CPU seconds), and made again in-process part by part (data, HTML, WeasyPrint, Word).
"""

from __future__ import annotations

import argparse
import csv
import datetime
import http.client
import importlib
import io
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ghnt_portal.settings")

import django  # noqa: E402
import django.utils.timezone  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import (  # noqa: E402
    BACKEND_SESSION_KEY,
    HASH_SESSION_KEY,
    SESSION_KEY,
    get_user_model,  # noqa: E402
)
from django.db import connection, transaction  # noqa: E402
from django.db.models import Count, Max  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils.module_loading import import_string  # noqa: E402

from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from actions.models import Action  # noqa: E402
from benchmarks.weasytimer import WeasyTimer  # noqa: E402
from ghnt_portal.accounts import policy  # noqa: E402
from governance.models import Commitment, Decision, DecisionRoute, Meeting  # noqa: E402
from monitoring.models import Measurement, ProgressReport  # noqa: E402
from programmes.constants import Role  # noqa: E402
from programmes.models import Membership, Programme, Region  # noqa: E402

# The services measured, by feature package (ARCHITECTURE.md); looked up by name so the
# import benchmark can lift the module's row limit.
SERVICE_MODULES = (
    "monitoring.reports.services",
    "monitoring.imports.services",
)
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def service(name):
    for module_name in SERVICE_MODULES:
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        if hasattr(module, name):
            return module, getattr(module, name)
    raise ImportError(f"no service {name!r} in {SERVICE_MODULES}")


def percentile(values, fraction):
    ordered = sorted(values)
    if not ordered:
        return None
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def ms(seconds):
    return None if seconds is None else round(seconds * 1000, 1)


def log(message):
    print(f"  [{datetime.datetime.now(datetime.UTC):%H:%M:%S}] {message}", flush=True)


class QueryCounter:
    """Counts the queries run on the connection while active (no cap, unlike
    CaptureQueriesContext's 9,000, and without keeping the SQL)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)

    def __enter__(self):
        self._wrapper = connection.execute_wrapper(self)
        self._wrapper.__enter__()
        return self

    def __exit__(self, *exc):
        self._wrapper.__exit__(*exc)


# ---------------------------------------------------------------------------------------
# Users, sessions, pages
# ---------------------------------------------------------------------------------------


def user_with_role(role, **scope):
    membership = (
        Membership.objects.filter(role=role, **scope)
        .select_related("user")
        .order_by("user__username")
        .first()
    )
    return membership.user if membership else None


def demo_or(username, fallback):
    user = get_user_model().objects.filter(username=username).first()
    return user or fallback


def pass_second_factor(user, session) -> None:
    """Projectleiders and beheerders must pass the second factor (ghnt_portal.accounts.policy),
    or every page sends them to it: give them a confirmed device and mark `session` as having
    passed it, as django_otp.login does after a correct code."""
    if not policy.requires_second_factor(user):
        return
    device, _ = TOTPDevice.objects.get_or_create(
        user=user,
        name="Benchmark",
        defaults={"key": os.urandom(20).hex(), "confirmed": True},
    )
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id


def session_cookie(user) -> str:
    """A logged-in session for `user`, made as django.contrib.auth.login makes it (no
    password hashing, so hundreds of sessions cost nothing)."""
    store = import_string(settings.SESSION_ENGINE + ".SessionStore")()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = MODEL_BACKEND
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    pass_second_factor(user, store)
    store.create()
    return store.session_key


def pick_targets():
    zawa = Region.objects.get(slug="zaanstreek-waterland")
    zawa_programme = Programme.objects.filter(region=zawa).order_by("pk").first()
    # The most actions; of those, the region with the most municipalities (the longest
    # indicator tables): the largest report there is.
    largest = (
        Programme.objects.annotate(
            n=Count("actions", distinct=True),
            municipalities=Count("region__municipalities", distinct=True),
        )
        .select_related("region")
        .order_by("-n", "-municipalities", "pk")
        .first()
    )
    users = {
        "projectleider": demo_or(
            "projectleider-zawa", user_with_role(Role.PROJECTLEIDER, region=zawa)
        ),
        "projectleider_largest": user_with_role(Role.PROJECTLEIDER, region=largest.region),
        "ketenpartner": demo_or(
            "veiligthuis-zawa", user_with_role(Role.KETENPARTNER, organisation__region=zawa)
        ),
        "wethouder": demo_or(
            "wethouder-zaanstad", user_with_role(Role.WETHOUDER, municipality__region=zawa)
        ),
        "raadslid": demo_or(
            "raadslid-zaanstad", user_with_role(Role.RAADSLID, municipality__region=zawa)
        ),
        "rijk": demo_or("rijk", user_with_role(Role.RIJK)),
        "beheerder": demo_or("beheerder", user_with_role(Role.BEHEERDER)),
    }
    return {
        "zawa": zawa,
        "zawa_programme": zawa_programme,
        "largest": largest,
        "users": users,
    }


def page_list(t, reported_report):
    zawa, programme, largest = t["zawa"], t["zawa_programme"], t["largest"]
    slug = zawa.slug
    zawa_action = Action.objects.filter(programme=programme).order_by("order", "code").first()
    largest_action = Action.objects.filter(programme=largest).order_by("order", "code").first()
    # The densest action of the largest programme: the edit form's rows follow its milestones
    # and budget lines (issue 26).
    densest = (
        Action.objects.filter(programme=largest)
        .annotate(rows=Count("milestones", distinct=True) + Count("budget_lines", distinct=True))
        .order_by("-rows", "pk")
        .first()
    )
    route = DecisionRoute.objects.filter(region=zawa).order_by("pk").first()
    meeting = Meeting.objects.filter(body__region=zawa).order_by("-date", "pk").first()
    decision = Decision.objects.filter(region__in=[zawa, largest.region]).order_by("pk").first()
    commitment = Commitment.objects.filter(region__in=[zawa, largest.region]).order_by("pk").first()
    dashboard = reverse("monitoring:dashboard", args=[programme.pk])
    pages = [
        ("minimal authenticated view", "projectleider", reverse("password_change")),
        ("home", "projectleider", reverse("home")),
        ("programme page ZaWa", "projectleider", reverse("programmes:detail", args=[programme.pk])),
        (
            "programme page largest",
            "projectleider_largest",
            reverse("programmes:detail", args=[largest.pk]),
        ),
        ("action list (projectleider)", "projectleider", reverse("actions:list")),
        ("action list (beheerder, all)", "beheerder", reverse("actions:list")),
        ("action detail ZaWa", "projectleider", reverse("actions:detail", args=[zawa_action.pk])),
        (
            "action detail largest",
            "projectleider_largest",
            reverse("actions:detail", args=[largest_action.pk]),
        ),
        (
            "action edit form densest",
            "projectleider_largest",
            reverse("actions:edit", args=[densest.pk]),
        ),
        (
            "new action form largest",
            "projectleider_largest",
            reverse("actions:create", args=[largest.pk]),
        ),
        ("action export CSV (beheerder)", "beheerder", reverse("actions:export_csv")),
        ("action export xlsx (beheerder)", "beheerder", reverse("actions:export_xlsx")),
        ("mijn acties (ketenpartner)", "ketenpartner", reverse("actions:mine")),
        ("dashboard index (raadslid)", "raadslid", reverse("monitoring:dashboard_index")),
        ("dashboard live (raadslid)", "raadslid", dashboard),
        ("dashboard as reported (raadslid)", "raadslid", dashboard + "?weergave=gerapporteerd"),
        ("dashboard live (projectleider)", "projectleider", dashboard),
        ("dashboard CSV (raadslid)", "raadslid", None),  # filled in from the dashboard page
        ("national view (rijk)", "rijk", reverse("monitoring:national")),
        (
            "report list",
            "projectleider",
            reverse("monitoring:report_list", args=[programme.pk]),
        ),
        (
            "import form",
            "projectleider",
            reverse("monitoring:import_upload", args=[slug]),
        ),
        ("governance index (beheerder)", "beheerder", reverse("governance:index")),
        ("governance region", "projectleider", reverse("governance:region", args=[slug])),
        ("meetings", "projectleider", reverse("governance:meeting_list", args=[slug])),
        ("meetings per month", "projectleider", reverse("governance:meeting_months", args=[slug])),
        ("decisions", "projectleider", reverse("governance:decision_list", args=[slug])),
        ("commitments", "projectleider", reverse("governance:commitment_list", args=[slug])),
        ("calendar .ics", "projectleider", reverse("governance:calendar_ics", args=[slug])),
    ]
    if reported_report:
        pages.append(
            (
                "report detail (wethouder)",
                "wethouder",
                reverse("monitoring:report_detail", args=[reported_report.pk]),
            )
        )
    if route:
        pages.append(
            ("route detail", "projectleider", reverse("governance:route_detail", args=[route.pk]))
        )
    if meeting:
        pages.append(
            (
                "meeting detail",
                "projectleider",
                reverse("governance:meeting_detail", args=[meeting.pk]),
            )
        )
    if decision:
        user = "projectleider" if decision.region_id == zawa.pk else "projectleider_largest"
        pages.append(
            ("decision detail", user, reverse("governance:decision_detail", args=[decision.pk]))
        )
    if commitment:
        user = "projectleider" if commitment.region_id == zawa.pk else "projectleider_largest"
        pages.append(
            (
                "commitment detail",
                user,
                reverse("governance:commitment_detail", args=[commitment.pk]),
            )
        )
    return pages


# ---------------------------------------------------------------------------------------
# PDF
# ---------------------------------------------------------------------------------------


def pdf_pages(data: bytes) -> int | None:
    try:
        from pypdf import PdfReader
    except ImportError:
        return None
    return len(PdfReader(io.BytesIO(data)).pages)


def half_year_for(programme, january):
    """The half year a report is made for: the one before `january`, or the programme's last
    half year when it ended earlier."""
    from ghnt_portal.periods import HalfYear

    day = january - datetime.timedelta(days=1)
    if programme.period_end and programme.period_end < day:
        day = programme.period_end
    return HalfYear.of(day)


def measure_pdf(programme, runs, january, earlier=False):
    """Generate the programme's report `runs` times (the concept is regenerated in place);
    `earlier`: for the half year before, so the January batch still has this one to do."""
    from monitoring.tasks import generate_report

    half = half_year_for(programme, january)
    if earlier:
        half = half.previous()
    results = []
    report = None
    for _ in range(runs):
        with WeasyTimer() as weasy:
            started = time.perf_counter()
            report_pk = generate_report(programme.pk, half.code)
            total = time.perf_counter() - started
        report = ProgressReport.objects.get(pk=report_pk)
        results.append((total, weasy.seconds))
    with report.pdf.open("rb") as handle:
        data = handle.read()
    totals = [r[0] for r in results]
    weasy = [r[1] for r in results]
    return report, {
        "programme": programme.title,
        "region": programme.region.name,
        "period": half.code,
        "actions": programme.actions.count(),
        "runs": runs,
        "total_s": [round(x, 2) for x in totals],
        "weasyprint_s": [round(x, 2) for x in weasy],
        "median_total_s": round(statistics.median(totals), 2),
        "median_weasyprint_s": round(statistics.median(weasy), 2),
        "weasyprint_share": round(sum(weasy) / sum(totals), 3) if sum(totals) else None,
        "pages": pdf_pages(data),
        "pdf_kib": len(data) // 1024,
        "municipalities": programme.region.municipalities.count(),
        "measurements_in_region": Measurement.objects.filter(
            municipality__region=programme.region
        ).count(),
        # What the report holds of them: a window around the half year, not the history.
        "snapshot_kib": len(json.dumps(report.snapshot)) // 1024,
        "indicator_columns": max(
            (len(t["periods"]) for t in report.snapshot.get("indicators", [])), default=0
        ),
    }


def send_report(report, user):
    _, finalise = service("finalise")
    _, send = service("send")
    report = finalise(report, user)
    return send(report, user)


# ---------------------------------------------------------------------------------------
# HTTP
# ---------------------------------------------------------------------------------------


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_get(port, path, cookie, timeout=120):
    """(status, body size, seconds to the last byte) of one GET on a fresh connection."""
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(
            "GET",
            path,
            headers={"Cookie": f"{settings.SESSION_COOKIE_NAME}={cookie}", "Host": "127.0.0.1"},
        )
        response = conn.getresponse()
        body = response.read()
        return response.status, len(body), time.perf_counter() - started
    finally:
        conn.close()


def start_process(args, log_path):
    out = open(log_path, "ab")  # noqa: SIM115 (kept open for the child's lifetime)
    return subprocess.Popen(
        [sys.executable, *args], cwd=REPO, stdout=out, stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip


def stop_process(process):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def children(pid):
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def peak_rss_mib(pid):
    """Peak resident set size (VmHWM) of a live process, in MiB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def cpu_seconds(pid):
    """User + system CPU time a live process has used so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def start_gunicorn(port, workers, log_path):
    process = start_process(
        [
            "-m", "gunicorn", "ghnt_portal.wsgi:application",
            "--bind", f"127.0.0.1:{port}",
            "--workers", str(workers),
            "--timeout", "120",
        ],
        log_path,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn stopped; see {log_path}")
        try:
            status, _, _ = http_get(port, reverse("login"), "none", timeout=2)
            if status == 200:
                return process
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer in 60 s; see {log_path}")


def count_queries(pages, clients):
    counts = {}
    for name, role, path in pages:
        client = clients[role]
        client.get(path)  # warm-up: caches, lazy imports, the first connection
        with QueryCounter() as counter:
            response = client.get(path)
            if response.streaming:  # a streamed body queries while it is read
                b"".join(response.streaming_content)
        counts[name] = {"queries": counter.count, "status": response.status_code}
    return counts


def time_pages(pages, cookies, port, repeat, workers):
    for _ in range(workers):  # warm-up: each worker loads templates and code on first use
        for _name, role, path in pages:
            http_get(port, path, cookies[role])
    timings = {}
    for name, role, path in pages:
        samples, sizes, statuses = [], set(), set()
        for _ in range(repeat):
            status, size, seconds = http_get(port, path, cookies[role])
            samples.append(seconds)
            sizes.add(size)
            statuses.add(status)
        timings[name] = {
            "median_ms": ms(statistics.median(samples)),
            "p95_ms": ms(percentile(samples, 0.95)),
            "bytes": max(sizes),
            "http_status": sorted(statuses),
            "samples": len(samples),
        }
    return timings


def first_reader(port, programme, cookie, rounds=10):
    """The raadslid who opens the dashboard first after a change (issue 26), over HTTP: with
    "no warm-up" that reader computes the dashboard (as when no worker runs); "warmed" first
    does what the worker's warm_dashboard task does after the change (`warm.warm`)."""
    from django.test import override_settings

    from monitoring.dashboard import cache as dashboard_cache
    from monitoring.dashboard import warm

    path = reverse("monitoring:dashboard", args=[programme.pk])
    out = {}
    for label, after_change in (("no warm-up", None), ("warmed", warm.warm)):
        samples = []
        for _ in range(rounds):
            with override_settings(DASHBOARD_WARM_AFTER_CHANGE=False):  # no outbox task here
                dashboard_cache.bump(programme_id=programme.pk)
            if after_change:
                after_change(programme.pk)
            status, _, seconds = http_get(port, path, cookie)
            assert status == 200, (path, status)
            samples.append(seconds)
        out[label] = {
            "median_ms": ms(statistics.median(samples)),
            "p95_ms": ms(percentile(samples, 0.95)),
            "max_ms": ms(max(samples)),
            "rounds": rounds,
        }
    return out


def load_run(port, path, cookies, seconds):
    """`len(cookies)` threads GET `path` as fast as they can until `seconds` have passed."""
    latencies, errors, lock = [], [], threading.Lock()
    deadline = time.monotonic() + seconds

    def worker(cookie):
        while time.monotonic() < deadline:
            try:
                status, _, took = http_get(port, path, cookie, timeout=60)
            except Exception as exc:  # a refused or timed-out request is an error, not a crash
                with lock:
                    errors.append(type(exc).__name__)
                continue
            with lock:
                if status == 200:
                    latencies.append(took)
                else:
                    errors.append(str(status))

    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(c,), daemon=True) for c in cookies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 120)
    elapsed = time.monotonic() - started
    return {
        "users": len(cookies),
        "seconds": round(elapsed, 1),
        "requests": len(latencies),
        "requests_per_s": round(len(latencies) / elapsed, 2),
        "p50_ms": ms(percentile(latencies, 0.50)),
        "p99_ms": ms(percentile(latencies, 0.99)),
        "errors": len(errors),
        "error_kinds": sorted(set(errors)),
    }


# ---------------------------------------------------------------------------------------
# January batch
# ---------------------------------------------------------------------------------------


def report_files(reports):
    """Each report's page count and size, and their spread."""
    files = []
    for report in reports.select_related("programme").order_by("programme_id"):
        if not report.pdf:
            continue
        with report.pdf.open("rb") as handle:
            data = handle.read()
        files.append({"programme": report.programme_id, "pages": pdf_pages(data),
                      "kib": len(data) // 1024})  # fmt: skip
    if not files:
        return {"reports": []}
    pages = sorted(f["pages"] or 0 for f in files)
    kib = sorted(f["kib"] for f in files)
    return {
        "reports": files,
        "pages_min_median_max": [pages[0], pages[len(pages) // 2], pages[-1]],
        "kib_min_median_max": [kib[0], kib[len(kib) // 2], kib[-1]],
    }


def batch_layout(text):
    """A worker layout for the January batch: "2" is one worker node with 2 processes,
    "2x1" two worker nodes (separate `celery worker` commands, as on two machines) of 1
    process each. Returns (nodes, processes per node)."""
    nodes, _, processes = text.rpartition("x")
    return int(nodes or 1), int(processes)


def queue_batch(january, limit=None):
    """The beat's January batch (`generate_due_reports`): one outbox task per adopted
    programme. `limit`: only the first that many programmes, queued the same way (a shorter
    measurement on a shared machine)."""
    from monitoring.tasks import generate_due_reports

    if limit is None:
        return generate_due_reports(january.isoformat())
    from ghnt_portal.periods import HalfYear
    from monitoring.reports.tasks import _not_yet_under_way, enqueue_generation
    from programmes.constants import ProgrammeStatus

    half = HalfYear.of(january).previous()
    due = (
        Programme.objects.filter(status=ProgrammeStatus.ADOPTED)
        .exclude(period_start__gt=half.end)
        .exclude(period_end__lt=half.start)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    with transaction.atomic():
        ids = _not_yet_under_way(list(due), half)[:limit]
        for pk in ids:
            enqueue_generation(pk, half.code)
    return ids


def january_batch(january, timeout, log_path, processes=2, nodes=1, limit=None):
    """The January batch on `nodes` Celery workers of `processes` processes each: wall time
    until every report is made, and the CPU time of the workers' processes."""
    workers = [
        start_process(
            [
                "-m", "celery", "-A", "ghnt_portal", "worker",
                "--concurrency", str(processes), "--loglevel", "INFO", "-n", f"bench{n}@%h",
                "--without-gossip", "--without-mingle", "--without-heartbeat",
            ],
            f"{log_path}.{n}" if nodes > 1 else log_path,
        )
        for n in range(nodes)
    ]  # fmt: skip
    logs = [Path(f"{log_path}.{n}" if nodes > 1 else log_path) for n in range(nodes)]

    def pool():
        return [child for worker in workers for child in children(worker.pid)]

    try:
        deadline = time.monotonic() + 300  # a shared machine starts a worker slowly
        while not all(b" ready." in log.read_bytes() for log in logs):
            if any(w.poll() is not None for w in workers) or time.monotonic() > deadline:
                raise RuntimeError(f"a Celery worker did not start; see {log_path}")
            time.sleep(0.2)
        cpu_before = {child: cpu_seconds(child) or 0 for child in pool()}
        cpu_after = dict(cpu_before)
        started = time.perf_counter()
        since = django.utils.timezone.now()
        ids = queue_batch(january, limit)
        from ghnt_portal.periods import HalfYear

        period = HalfYear.of(january - datetime.timedelta(days=1)).code
        reports = ProgressReport.objects.filter(programme_id__in=ids, period=period)
        peak_children = {}
        done = 0
        while time.perf_counter() - started < timeout:
            for child in pool():
                rss = peak_rss_mib(child)
                if rss is not None:
                    peak_children[child] = max(rss, peak_children.get(child, 0))
                cpu = cpu_seconds(child)
                if cpu is not None:
                    cpu_after[child] = cpu
            # Made by this batch (a concept from the PDF measurement is regenerated too).
            made = reports.filter(generation_state="gereed", generated_at__gte=since).count()
            failed = reports.filter(generation_state="mislukt").count()
            done = made + failed
            if done >= len(ids):
                break
            time.sleep(1)
        elapsed = time.perf_counter() - started
        finished = done >= len(ids)
        for child in pool():
            cpu_after[child] = cpu_seconds(child) or cpu_after.get(child, 0)
        # CPU time of the worker's processes: what the batch costs whatever else runs on the
        # machine; divided by the processes it is the wall time on an otherwise idle machine.
        cpu = sum(cpu_after[c] - cpu_before.get(c, 0) for c in cpu_after)
        result = {
            "period": period,
            "programmes": len(ids),
            "reports_made": done,
            "failed": failed,
            "finished": finished,
            "seconds": round(elapsed, 1),
            "seconds_per_report": round(elapsed / done, 2) if done else None,
            "worker_processes": processes,
            "worker_nodes": nodes,
            "cpu_seconds": round(cpu, 1),
            "cpu_seconds_per_report": round(cpu / done, 2) if done else None,
            "idle_machine_estimate_s": round(cpu / (processes * nodes), 1),
            "load_average_during": [round(x, 2) for x in os.getloadavg()],
            "peak_rss_mib_per_process": max(peak_children.values()) if peak_children else None,
            "peak_rss_mib_main": max((peak_rss_mib(w.pid) or 0) for w in workers),
        }
        if not finished and done:
            result["extrapolated_seconds"] = round(elapsed / done * len(ids), 1)
        result |= report_files(reports.filter(generated_at__gte=since))
        return result
    finally:
        for worker in workers:
            stop_process(worker)


def batch_runs(layouts, january, timeout, logs, scale, limit=None):
    """The January batch once per worker layout ("1", "2", "2x1"); a concept made by one
    run is made again by the next."""
    runs = {}
    for layout in layouts:
        nodes, processes = batch_layout(layout)
        log(f"January batch on {nodes} Celery worker node(s) of {processes} process(es)")
        runs[layout] = january_batch(
            january, timeout, logs / f"celery-{scale}-{layout}.log", processes, nodes, limit
        )
    return runs


def speed_ups(runs):
    """Wall time and speed-up of each layout against one process."""
    if "1" not in runs:
        return {}
    base = runs["1"]["seconds"]
    return {layout: round(base / r["seconds"], 2) for layout, r in runs.items() if r["seconds"]}


def server_cpu_per_request(port, pages, cookie, repeat, web_pids):
    """Per page, the CPU milliseconds one request costs the server: the gunicorn workers'
    and their PostgreSQL backends' CPU time over `repeat` requests, divided by `repeat`.
    Unlike the wall time it hardly depends on what else the machine runs, so it says what
    an idle machine would answer in (plus a few ms of waiting on the network and disk)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()"
        )
        db_pids = [row[0] for row in cursor.fetchall()]

    def total():
        return sum(cpu_seconds(pid) or 0 for pid in [*web_pids, *db_pids])

    figures = {}
    for name, _role, path in pages:
        before = total()
        for _ in range(repeat):
            http_get(port, path, cookie)
        figures[name] = round((total() - before) / repeat * 1000, 1)
    return figures


def national_document_on_worker(log_path, timeout):
    """The national document of the benchmark's half year, made by one Celery worker with
    one process, as the Rijk's button asks for it (through the outbox): wall seconds from the
    request until it is made, and the CPU seconds of the worker's process."""
    from benchmarks import national
    from monitoring.national.document import request_document
    from monitoring.national.models import NationalDocument

    worker = start_process(
        [
            "-m", "celery", "-A", "ghnt_portal", "worker",
            "--concurrency", "1", "--loglevel", "INFO", "-n", "bench-national@%h",
            "--without-gossip", "--without-mingle", "--without-heartbeat",
        ],
        log_path,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while b" ready." not in Path(log_path).read_bytes():
            if worker.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the Celery worker did not start; see {log_path}")
            time.sleep(0.2)
        cpu_before = {child: cpu_seconds(child) or 0 for child in children(worker.pid)}
        cpu_after = dict(cpu_before)
        NationalDocument.objects.filter(period=national.PERIOD).delete()
        from ghnt_portal.periods import HalfYear

        started = time.perf_counter()
        made = request_document(HalfYear.parse(national.PERIOD), None)
        state = made.state
        while time.perf_counter() - started < timeout:
            for child in children(worker.pid):
                cpu = cpu_seconds(child)
                if cpu is not None:
                    cpu_after[child] = cpu
            state = NationalDocument.objects.filter(pk=made.pk).values_list("state", flat=True)[0]
            if state in ("gereed", "mislukt"):
                break
            time.sleep(0.5)
        elapsed = time.perf_counter() - started
        for child in children(worker.pid):
            cpu_after[child] = cpu_seconds(child) or cpu_after.get(child, 0)
        made = NationalDocument.objects.get(pk=made.pk)
        return {
            "state": state,
            "seconds": round(elapsed, 1),
            "cpu_seconds": round(sum(cpu_after[c] - cpu_before.get(c, 0) for c in cpu_after), 1),
            "pdf_kib": made.pdf.size // 1024 if made.pdf else None,
            "word_kib": made.docx.size // 1024 if made.docx else None,
            "regions": made.regions,
            "load_average_during": [round(x, 2) for x in os.getloadavg()],
        }
    finally:
        stop_process(worker)


# ---------------------------------------------------------------------------------------
# Import
# ---------------------------------------------------------------------------------------


class NamedBytes(io.BytesIO):
    def __init__(self, data, name):
        super().__init__(data)
        self.name = name


def import_rows(region, count):
    """`count` rows for `region`: weekly deelperiodes of every indicator and municipality in
    the years before the history, so every row creates a measurement."""
    from monitoring.models import Indicator

    indicators = list(Indicator.objects.order_by("code").values_list("code", flat=True))
    codes = list(region.municipalities.order_by("cbs_code").values_list("cbs_code", flat=True))
    rows = []
    week, year = 0, 1990
    while len(rows) < count:
        start = datetime.date(year, 1, 1) + datetime.timedelta(weeks=week)
        end = start + datetime.timedelta(days=6)
        if end.year != year:
            year, week = year + 1, 0
            continue
        for indicator in indicators:
            for code in codes:
                rows.append([indicator, code, "deelperiode", start.isoformat(), end.isoformat(),
                             str((week * 7 + len(rows)) % 500)])  # fmt: skip
        week += 1
    return [["indicator", "gemeente", "soort periode", "begin", "einde", "waarde"], *rows[:count]]


class Rollback(Exception):
    pass


def measure_import(count, with_xlsx):
    _, parse = service("parse_measurements")
    _, do_import = service("import_measurements")
    region = Region.objects.annotate(n=Count("municipalities")).order_by("-n", "slug").first()
    table = import_rows(region, count)
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows(table)
    data = buffer.getvalue().encode()
    result = {"rows": count, "region": region.name, "csv_mib": round(len(data) / 2**20, 1)}
    # The row limit and the xlsx unpacked-size guard (settings) are lifted for the service
    # figures, so they are the parse, not the refusal; the page figure keeps them.
    limits = (settings.IMPORT_MAX_ROWS, settings.IMPORT_XLSX_MAX_UNPACKED_BYTES)
    settings.IMPORT_MAX_ROWS, settings.IMPORT_XLSX_MAX_UNPACKED_BYTES = count + 1, 2**40
    try:
        started = time.perf_counter()
        rows, errors = parse(NamedBytes(data, "metingen.csv"), region)
        result["parse_csv_s"] = round(time.perf_counter() - started, 2)
        result["parse_errors"] = len(errors)
        if with_xlsx:
            from openpyxl import Workbook

            workbook = Workbook(write_only=True)
            sheet = workbook.create_sheet()
            for row in table:
                sheet.append(row)
            out = io.BytesIO()
            workbook.save(out)
            started = time.perf_counter()
            _rows, xlsx_errors = parse(NamedBytes(out.getvalue(), "metingen.xlsx"), region)
            result["parse_xlsx_s"] = round(time.perf_counter() - started, 2)
            result["parse_xlsx_errors"] = len(xlsx_errors)
        try:
            with transaction.atomic():
                with QueryCounter() as counter:
                    started = time.perf_counter()
                    outcome = do_import(rows, region)
                    result["import_s"] = round(time.perf_counter() - started, 2)
                result["import_queries"] = counter.count
                result["created"] = getattr(outcome, "created", None)
                raise Rollback
        except Rollback:
            pass
        result["rows_per_s"] = round(count / result["import_s"]) if result["import_s"] else None
    finally:
        settings.IMPORT_MAX_ROWS, settings.IMPORT_XLSX_MAX_UNPACKED_BYTES = limits
    return result


def measure_page_import(count, log_path, timeout=600):
    """`count` rows from the page, end to end: the projectleider's upload (the request), the
    background check on a Celery worker, the confirmation (the request) and the background
    import, each until the page would show it done; the rows are deleted afterwards."""
    from monitoring.imports.models import ImportBatch, ImportPhase

    region = Region.objects.annotate(n=Count("municipalities")).order_by("-n", "slug").first()
    user = user_with_role(Role.PROJECTLEIDER, region=region)
    if user is None or settings.CELERY_TASK_ALWAYS_EAGER:
        return {"skipped": "no projectleider of the region, or no broker for a worker"}
    table = import_rows(region, count)
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows(table)
    data = buffer.getvalue().encode()
    client = Client()
    client.force_login(user, backend=MODEL_BACKEND)
    session = client.session
    pass_second_factor(user, session)
    session.save()
    upload_url = reverse("monitoring:import_upload", args=[region.slug])
    worker = start_process(
        ["-m", "celery", "-A", "ghnt_portal", "worker", "--concurrency", "1", "--loglevel",
         "INFO", "-n", "import@%h", "--without-gossip", "--without-mingle",
         "--without-heartbeat"],
        log_path,
    )  # fmt: skip
    result = {"rows": count, "csv_mib": round(len(data) / 2**20, 1), "region": region.name}
    batch = None
    last_before = Measurement.objects.aggregate(last=Max("pk"))["last"] or 0
    try:
        deadline = time.monotonic() + 60
        while b" ready." not in Path(log_path).read_bytes():
            if worker.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the Celery worker did not start; see {log_path}")
            time.sleep(0.2)

        def wait_for(phases):
            while time.perf_counter() - started < timeout:
                batch.refresh_from_db()
                if batch.phase in phases:
                    return
                time.sleep(0.1)
            raise RuntimeError(f"import not done in {timeout} s: {batch.phase}")

        started = time.perf_counter()
        response = client.post(upload_url, {"bestand": NamedBytes(data, "metingen.csv")})
        result["upload_request_s"] = round(time.perf_counter() - started, 2)
        batch = ImportBatch.objects.filter(region=region).latest("pk")
        wait_for((ImportPhase.CHECKED, ImportPhase.FAILED))
        result["checked_s"] = round(time.perf_counter() - started, 2)
        result["errors"] = batch.error_count
        mark = time.perf_counter()
        response = client.post(reverse("monitoring:import_preview", args=[batch.pk]))
        result["confirm_request_s"] = round(time.perf_counter() - mark, 2)
        assert response.status_code == 302, response.status_code
        wait_for((ImportPhase.IMPORTED, ImportPhase.FAILED, ImportPhase.CHECKED))
        result["total_s"] = round(time.perf_counter() - started, 2)
        result["import_s"] = round(time.perf_counter() - mark, 2)
        result["phase"] = batch.phase
        result["created"] = batch.result.get("created")
        # Let the worker mark its outbox row done before it is stopped.
        from ghnt_portal.outbox.models import OutboxTask

        finished = time.monotonic() + 30
        while (
            time.monotonic() < finished
            and OutboxTask.objects.filter(
                key=f"import:{batch.pk}", state__in=("queued", "sent", "started")
            ).exists()
        ):
            time.sleep(0.1)
        result["worker_cpu_s"] = round(sum(cpu_seconds(c) or 0 for c in children(worker.pid)), 1)
    finally:
        stop_process(worker)
        if batch is not None and batch.phase == ImportPhase.IMPORTED:
            # The imported rows, in one statement (Model.delete would send 100,000 signals).
            with connection.cursor() as cursor:
                table = connection.ops.quote_name(Measurement._meta.db_table)
                cursor.execute(f"DELETE FROM {table} WHERE id > %s", [last_before])
    return result


# ---------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--logs", default="/tmp")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--pdf-runs", type=int, default=2)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--load-users", type=int, default=50)
    parser.add_argument("--load-seconds", type=float, default=30)
    parser.add_argument("--batch-timeout", type=float, default=3600)
    parser.add_argument(
        "--batch-processes",
        type=lambda text: text.split(","),
        default=["1", "2", "2x1"],
        help="the January batch once per worker layout: 1 and 2 processes on one node, and "
        "2x1 (two nodes of one process each)",
    )
    parser.add_argument("--batch-limit", type=int, help="only this many programmes")
    parser.add_argument("--import-rows", type=int, default=100_000)
    parser.add_argument("--no-xlsx", action="store_true")
    parser.add_argument("--january", default="2026-01-01")
    parser.add_argument(
        "--skip", default="", help="comma-separated: pdf,pages,load,batch,import,national"
    )
    parser.add_argument("--national-timeout", type=float, default=600)
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    logs = Path(args.logs)
    january = datetime.date.fromisoformat(args.january)
    result = {"scale": args.scale, "started": datetime.datetime.now().isoformat(timespec="seconds")}
    result["data"] = {
        "regions": Region.objects.count(),
        "municipalities": Region.objects.aggregate(n=Count("municipalities"))["n"],
        "programmes": Programme.objects.count(),
        "adopted_programmes": Programme.objects.filter(status="vastgesteld").count(),
        "actions": Action.objects.count(),
        "measurements": Measurement.objects.count(),
        "users": get_user_model().objects.count(),
    }
    log(f"{args.scale}: {result['data']}")
    targets = pick_targets()
    users = targets["users"]

    reported = None
    if "pdf" not in skip:
        log("PDF: Zaanstreek-Waterland")
        reported, zawa_pdf = measure_pdf(
            targets["zawa_programme"], args.pdf_runs, january, earlier=True
        )
        log(f"PDF: largest programme ({targets['largest'].title})")
        _, largest_pdf = measure_pdf(targets["largest"], args.pdf_runs, january)
        result["pdf"] = {"zawa": zawa_pdf, "largest": largest_pdf}
        try:
            reported = send_report(reported, users["projectleider"])
        except Exception as exc:  # no "as reported" dashboard then; say so in the results
            result["pdf"]["send_failed"] = repr(exc)
            reported = None

    questionnaire = None
    if "national" not in skip:
        from benchmarks import national

        log("national: the uitvraag of 40 questions, answered and sent by every programme")
        questionnaire = national.prepare()
        result["national"] = {"data": national.data_figures(questionnaire)}

    port = free_port()
    gunicorn = None
    try:
        if not ({"pages", "load"} <= skip) or questionnaire is not None:
            gunicorn = start_gunicorn(port, args.workers, logs / f"gunicorn-{args.scale}.log")
        if "pages" not in skip:
            pages = page_list(targets, reported)
            clients = {}
            for role, user in users.items():
                clients[role] = Client()
                clients[role].force_login(user, backend=MODEL_BACKEND)
                session = clients[role].session
                pass_second_factor(user, session)
                session.save()
            cookies = {role: session_cookie(user) for role, user in users.items()}
            log("pages: query counts in-process")
            dashboard = dict((n, p) for n, _, p in pages)["dashboard live (raadslid)"]
            html = clients["raadslid"].get(dashboard).content.decode()
            tables = re.findall(r"/csv/([\w-]+)/", html)
            indicator_tables = [t for t in tables if t.startswith("indicator")]
            preferred = "indicator-politie-incidenten-hg"
            csv_table = (
                preferred if preferred in tables else (indicator_tables or tables or [None])[0]
            )
            pages = [
                (n, r, p if p is not None else f"{dashboard}csv/{csv_table}/")
                for n, r, p in pages
                if p is not None or csv_table
            ]
            counts = count_queries(pages, clients)
            log(f"pages: {args.repeat} timed requests each over HTTP")
            timings = time_pages(pages, cookies, port, args.repeat, args.workers)
            minimal = timings["minimal authenticated view"]["median_ms"]
            rows = []
            for name, role, path in pages:
                row = {"page": name, "role": role, "path": path, **timings[name]}
                row["queries"] = counts[name]["queries"]
                row["ratio_to_minimal"] = round(row["median_ms"] / minimal, 1) if minimal else None
                rows.append(row)
            result["pages"] = rows
            log("pages: the dashboard's first reader after a change")
            result["first_reader"] = first_reader(
                port, targets["zawa_programme"], cookies["raadslid"]
            )
        if "load" not in skip:
            programme = targets["zawa_programme"]
            raadsleden = [
                m.user
                for m in Membership.objects.filter(
                    role=Role.RAADSLID, municipality__region=programme.region
                )
                .select_related("user")
                .order_by("user__username")
            ]
            cookies = [
                session_cookie(raadsleden[i % len(raadsleden)]) for i in range(args.load_users)
            ]
            path = reverse("monitoring:dashboard", args=[programme.pk])
            log(f"load: {args.load_users} raadsleden on {path} for {args.load_seconds:.0f} s")
            result["load"] = load_run(port, path, cookies, args.load_seconds)
            result["load"]["distinct_raadsleden"] = len(raadsleden)
        if questionnaire is not None:
            from benchmarks import national

            log(f"national: pages, {args.repeat} timed requests each over HTTP")
            rijk = users["rijk"]
            client = Client()
            client.force_login(rijk, backend=MODEL_BACKEND)
            pages = national.pages(questionnaire)
            counts = count_queries(pages, {"rijk": client})
            cookie = session_cookie(rijk)
            timings = time_pages(pages, {"rijk": cookie}, port, args.repeat, args.workers)
            server_cpu = server_cpu_per_request(
                port, pages, cookie, args.repeat, children(gunicorn.pid)
            )
            minimal = next(
                (r["median_ms"] for r in result.get("pages", [])
                 if r["page"] == "minimal authenticated view"),
                None,
            )  # fmt: skip
            rows = []
            for name, role, path in pages:
                row = {"page": name, "role": role, "path": path, **timings[name]}
                row["queries"] = counts[name]["queries"]
                row["ratio_to_minimal"] = round(row["median_ms"] / minimal, 1) if minimal else None
                row["server_cpu_ms"] = server_cpu[name]
                rows.append(row)
            result.setdefault("pages", []).extend(rows)
            result["national"]["page_rows"] = rows
        if gunicorn is not None:
            workers = children(gunicorn.pid)
            result["web_worker_peak_rss_mib"] = max(
                (peak_rss_mib(pid) or 0 for pid in workers), default=None
            )
    finally:
        if gunicorn is not None:
            stop_process(gunicorn)

    if "batch" not in skip:
        # The last run is the one the table shows; the others go next to it for the speed-up
        # (a concept report is made again by the next run).
        runs = batch_runs(args.batch_processes, january, args.batch_timeout, logs,
                          args.scale, args.batch_limit)  # fmt: skip
        # The table's row: one node of 2 processes when measured, else the last layout.
        result["january_batch"] = runs.get("2") or runs[args.batch_processes[-1]]
        if len(runs) > 1:
            result["january_batch_by_processes"] = {
                n: {k: r[k] for k in ("seconds", "cpu_seconds", "reports_made",
                                      "load_average_during", "worker_nodes",
                                      "worker_processes")}
                for n, r in runs.items()
            }  # fmt: skip
    if questionnaire is not None:
        from benchmarks import national

        if os.environ.get("CELERY_BROKER_URL"):
            log("national: the document on one Celery worker process")
            result["national"]["document_worker"] = national_document_on_worker(
                logs / f"celery-{args.scale}-national.log", args.national_timeout
            )
        log("national: the document in-process, part by part")
        result["national"]["document_parts"] = national.document_parts()
    if "import" not in skip and args.import_rows:
        log(f"import: {args.import_rows} rows")
        result["import"] = measure_import(args.import_rows, with_xlsx=not args.no_xlsx)
        log(f"import from the page: {args.import_rows} rows, the jobs on a Celery worker")
        result["import_page"] = measure_page_import(
            args.import_rows, logs / f"celery-import-{args.scale}.log"
        )

    result["finished"] = datetime.datetime.now().isoformat(timespec="seconds")
    Path(args.out).write_text(json.dumps(result, indent=2, default=str))


if __name__ == "__main__":
    main()
