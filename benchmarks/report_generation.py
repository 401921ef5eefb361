"""How long one progress report takes, and how much of it is WeasyPrint.

    DEBUG=1 .venv/bin/python benchmarks/report_generation.py [--runs 3] [--period 2025-H2]

Uses the configured database: `make demo` for the demo scale, or a PostgreSQL with
`manage.py load_demo` and `manage.py load_scale_data` for the national scale (see the
Makefile's bench targets; `make bench` measures the same inside benchmarks/measure.py).
Per programme (Zaanstreek-Waterland's first and the largest: most actions, then most
municipalities) it prints each run's total (snapshot, dashboard, PDF), the time inside
WeasyPrint and its share, pages and the snapshot's size. The concept report it makes is
regenerated in place on every run, so running it again leaves one concept per programme.
"""

import argparse
import json
import os
import statistics
import sys
import time
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ghnt_portal.settings")

import django  # noqa: E402

django.setup()

from django.db.models import Count  # noqa: E402
from django.utils import timezone  # noqa: E402

from benchmarks.weasytimer import WeasyTimer  # noqa: E402
from ghnt_portal.periods import HalfYear  # noqa: E402
from monitoring.models import ProgressReport  # noqa: E402
from monitoring.reports import services  # noqa: E402
from programmes.models import Programme  # noqa: E402


def targets():
    zawa = Programme.objects.filter(region__slug="zaanstreek-waterland").order_by("pk").first()
    largest = (
        Programme.objects.annotate(
            n=Count("actions", distinct=True),
            municipalities=Count("region__municipalities", distinct=True),
        )
        .order_by("-n", "-municipalities", "pk")
        .first()
    )
    return {"Zaanstreek-Waterland": zawa, "largest programme": largest}


def measure(programme, half, runs):
    report = services.request_report(programme, half)
    totals, weasy, cpu, weasy_cpu = [], [], [], []
    for run in range(1, runs + 1):
        with WeasyTimer() as timer:
            started, started_cpu = time.perf_counter(), time.process_time()
            report = services.generate(report.pk)
            totals.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
        weasy.append(timer.seconds)
        weasy_cpu.append(timer.cpu_seconds)
        note = " (first run in this process: stylesheet and fonts loaded)" if run == 1 else ""
        print(
            f"  run {run}: {totals[-1]:.2f} s, WeasyPrint {weasy[-1]:.2f} s "
            f"({weasy[-1] / totals[-1]:.0%}); CPU of this process {cpu[-1]:.2f} s, WeasyPrint "
            f"{weasy_cpu[-1]:.2f} s ({weasy_cpu[-1] / cpu[-1]:.0%}){note}"
        )
    report = ProgressReport.objects.get(pk=report.pk)
    with report.pdf.open("rb") as f:
        data = f.read()
    from pypdf import PdfReader

    pages = len(PdfReader(BytesIO(data)).pages)
    columns = max((len(t["periods"]) for t in report.snapshot["indicators"]), default=0)
    print(
        f"  median CPU {statistics.median(cpu):.2f} s, WeasyPrint "
        f"{statistics.median(weasy_cpu):.2f} s ({sum(weasy_cpu) / sum(cpu):.0%}); the database "
        "server's time is not in the CPU figure, it is in the wall time"
    )
    print(
        f"  median {statistics.median(totals):.2f} s, WeasyPrint "
        f"{statistics.median(weasy):.2f} s ({sum(weasy) / sum(totals):.0%}); {pages} pages, "
        f"{len(data) // 1024} KiB PDF, snapshot {len(json.dumps(report.snapshot)) // 1024} KiB, "
        f"at most {columns} periods per indicator"
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--period", help="default: the half year just ended")
    args = parser.parse_args()
    half = HalfYear.parse(args.period) if args.period else None
    just_ended = HalfYear.of(timezone.localdate()).previous()
    for name, programme in targets().items():
        period = half or just_ended
        if not half and programme.period_end and programme.period_end < just_ended.start:
            period = HalfYear.of(programme.period_end)  # its last half year
        print(f"{name}: {programme.title} ({programme.actions.count()} actions, {period})")
        measure(programme, period, args.runs)


if __name__ == "__main__":
    main()
