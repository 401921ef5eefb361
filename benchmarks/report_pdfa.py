"""What PDF/A costs: one report's HTML rendered as a tagged PDF (PDF/UA-1, what a concept
is) and as an archival one (PDF/A-2a with PDF/UA-1, what becomes definitief), in turns.

    DEBUG=1 .venv/bin/python benchmarks/report_pdfa.py [--runs 5] [--period 2021-H1]

Uses the configured database (`make demo`); makes (or regenerates) the concept report of
Zaanstreek-Waterland's first programme, renders its template once, then times
`ghnt_portal.pdf.html_to_pdf` on that HTML, alternating the two kinds, in CPU time of this
process (WeasyPrint runs in it alone), so that other work on the machine counts for neither.
Prints each run, the medians and the sizes.
"""

import argparse
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

from django.template.loader import render_to_string  # noqa: E402
from django.utils import timezone, translation  # noqa: E402

from ghnt_portal import pdf  # noqa: E402
from ghnt_portal.periods import HalfYear  # noqa: E402
from monitoring.reports import services  # noqa: E402
from programmes.models import Programme  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--period", help="default: the programme's last half year, at most now")
    args = parser.parse_args()
    programme = Programme.objects.filter(region__slug="zaanstreek-waterland").order_by("pk")[0]
    half = HalfYear.of(min(programme.period_end or timezone.localdate(), timezone.localdate()))
    if args.period:
        half = HalfYear.parse(args.period)
    report = services.generate(services.request_report(programme, half).pk)
    with translation.override("nl"):
        html = render_to_string(services.REPORT_TEMPLATE, services.report_context(report))
    print(f"{programme.title}, {half}: HTML {len(html) // 1024} KiB")
    pdf.html_to_pdf(html)  # stylesheet and fonts loaded once, as in a worker
    times: dict[bool, list[float]] = {False: [], True: []}
    sizes: dict[bool, int] = {}
    for run in range(1, args.runs + 1):
        for archival in (False, True):
            started = time.process_time()
            data = pdf.html_to_pdf(html, archival=archival)
            times[archival].append(time.process_time() - started)
            sizes[archival] = len(data)
        print(f"  run {run}: tagged {times[False][-1]:.2f} s, archival {times[True][-1]:.2f} s")
    from pypdf import PdfReader

    pages = len(PdfReader(BytesIO(data)).pages)
    tagged, archival = statistics.median(times[False]), statistics.median(times[True])
    print(
        f"  median: tagged (PDF/UA-1) {tagged:.2f} s, {sizes[False] // 1024} KiB; "
        f"archival (PDF/A-2a + PDF/UA-1) {archival:.2f} s, {sizes[True] // 1024} KiB; "
        f"{pages} pages; difference {archival - tagged:+.2f} s ({archival / tagged - 1:+.0%})"
    )


if __name__ == "__main__":
    main()
