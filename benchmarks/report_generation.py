"""How long one progress report takes: snapshot + PDF of Zaanstreek-Waterland's 2021-H1.

    DEBUG=1 .venv/bin/python benchmarks/report_generation.py [--runs 3]

Uses the configured database (run `make demo` first); the concept report it makes is
regenerated in place on every run, so running it again leaves one concept behind.
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ghnt_portal.settings")

import django  # noqa: E402

django.setup()

from ghnt_portal.pdf import render_to_pdf  # noqa: E402
from ghnt_portal.periods import HalfYear  # noqa: E402
from monitoring.reports import services  # noqa: E402
from monitoring.reports.snapshot import build_snapshot  # noqa: E402
from programmes.models import Programme  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--period", default="2021-H1")
    args = parser.parse_args()
    programme = Programme.objects.select_related("region").get(region__slug="zaanstreek-waterland")
    half = HalfYear.parse(args.period)
    report = services.request_report(programme, half)
    for run in range(1, args.runs + 1):
        started = time.perf_counter()
        snapshot = build_snapshot(programme, half)
        built = time.perf_counter()
        context = services.report_context(report, snapshot)
        _html, pdf = render_to_pdf(services.REPORT_TEMPLATE, context)
        rendered = time.perf_counter()
        note = " – first run parses the stylesheet and loads fonts" if run == 1 else ""
        print(
            f"run {run}: {rendered - started:.2f} s "
            f"(snapshot {built - started:.2f} s, PDF {rendered - built:.2f} s, "
            f"{len(pdf) // 1024} KiB){note}"
        )
    started = time.perf_counter()
    services.generate(report.pk)
    print(f"services.generate (snapshot + PDF + store): {time.perf_counter() - started:.2f} s")


if __name__ == "__main__":
    main()
