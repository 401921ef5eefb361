"""What each part of a progress report costs WeasyPrint, before and after a change of the
print template, and what each CSS construct costs.

    DEBUG=1 .venv/bin/python benchmarks/report_sections.py [--before 6ec3e68] [--runs 2]
        [--constructs] [--profile] [--programme PK --period 2025-H2]

On the configured database (`load_scale_data --density real` for the dense programmes), per
programme (Zaanstreek-Waterland's first and the largest: most actions, then most
municipalities, as benchmarks/report_generation.py) it takes the concept report's stored
snapshot (made once with `services.generate` when there is none), renders the report's HTML
with the print templates and stylesheet of the commit `--before` (read from git) and with
those of the working tree, and then lets WeasyPrint make:

- the whole report, and
- each part alone: the `<head>` with one top-level element of the body (the cover, the table
  of contents, every `<section>`: samenvatting, actielijnen, mijlpalen, financien, ...).

It prints CPU seconds of this process (`time.process_time`: what the render costs whatever
else runs on the machine) and pages, the smallest of `--runs` renders. Same options as the
portal's PDFs (`ghnt_portal.pdf.html_to_pdf`: tagged, PDF/A-2a, the collector paused).

`--constructs` renders the *before* report once per CSS construct switched off (an
overriding rule appended to its stylesheet), so each line says what that construct costs;
`--profile` prints WeasyPrint's own functions by cumulative time for the whole *after* report.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import logging
import os
import pstats
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ghnt_portal.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.template import Context, engines  # noqa: E402
from django.template.engine import Engine  # noqa: E402
from django.utils import timezone, translation  # noqa: E402

from benchmarks.report_generation import targets  # noqa: E402
from ghnt_portal import pdf  # noqa: E402
from ghnt_portal.periods import HalfYear  # noqa: E402
from monitoring.reports import services  # noqa: E402
from programmes.models import Programme  # noqa: E402

TEMPLATES = "monitoring/templates/monitoring/pdf"
STYLESHEET = "static/css/print.css"

# Each construct of the print stylesheet, switched off by a rule appended after it.
CONSTRUCTS = {
    "keep-together (page-break-inside: avoid)": (
        "* { page-break-inside: auto !important; break-inside: auto !important; }"
    ),
    "headings kept with what follows (page-break-after: avoid)": (
        "h1, h2, h3, h4, caption { page-break-after: auto !important;"
        " break-after: auto !important; }"
    ),
    "forced page breaks (cover, toc, action lines)": (
        "* { page-break-before: auto !important; page-break-after: auto !important; }"
    ),
    "toc page numbers (leader + target-counter)": "nav.toc a::after { content: none !important; }",
    "running headers (string-set)": (
        "h2, .report-title { string-set: none !important; }"
        " @page { @top-left { content: none } @top-right { content: none } }"
    ),
    "page X of Y (counter(pages))": '@page { @bottom-right { content: "Pagina " counter(page) } }',
    "cell borders and backgrounds": (
        "th, td { border: none !important; background: none !important; }"
    ),
    "header rows repeated on every page (thead)": (
        "thead { display: table-row-group !important; }"
    ),
    "tables laid out as blocks": (
        "table, thead, tbody, tr, caption { display: block !important; }"
        " th, td { display: inline !important; }"
    ),
    "SVG charts": ".chart-svg { display: none !important; }",
    "bold and italic faces (one font face)": (
        "* { font-weight: normal !important; font-style: normal !important; }"
    ),
}


# A part rendered alone links to anchors of the others: WeasyPrint says so for every link
# (its logger gets its level when weasyprint is imported, so import it first).
import weasyprint  # noqa: E402

logging.getLogger("weasyprint").setLevel(logging.ERROR)


def git_show(ref: str, path: str) -> str:
    return subprocess.run(
        ["git", "show", f"{ref}:{path}"], cwd=REPO, check=True, capture_output=True, text=True
    ).stdout


class Variant:
    """The print templates and stylesheet of a git commit, or of the working tree."""

    def __init__(self, name: str, ref: str | None):
        self.name = name
        base = engines["django"].engine
        if ref is None:
            self.engine = base
            self.css = (REPO / STYLESHEET).read_text()
            return
        folder = Path(tempfile.mkdtemp(prefix="report-templates-"))
        target = folder / "monitoring" / "pdf"
        target.mkdir(parents=True)
        listing = subprocess.run(
            ["git", "ls-tree", "--name-only", ref, f"{TEMPLATES}/"],
            cwd=REPO, check=True, capture_output=True, text=True,
        ).stdout.split()  # fmt: skip
        for path in listing:
            (target / Path(path).name).write_text(git_show(ref, path))
        # The commit's templates first; everything else (tags, other includes) as today.
        self.engine = Engine(
            dirs=[str(folder)], app_dirs=True, libraries=base.libraries, builtins=base.builtins
        )
        self.css = git_show(ref, STYLESHEET)

    def html(self, context: dict) -> str:
        with translation.override("nl"):
            return self.engine.get_template(services.REPORT_TEMPLATE).render(Context(context))


def stylesheet(css: str):
    path = Path(settings.BASE_DIR / "static" / "css")
    return weasyprint.CSS(string=css, base_url=str(path), font_config=pdf._font_config())


def render(html: str, css) -> tuple[float, int]:
    """CPU seconds and pages of one render, as the portal renders (html_to_pdf)."""
    started = time.process_time()
    with pdf.collector_paused():
        document = weasyprint.HTML(string=html, base_url=str(settings.BASE_DIR / "static")).render(
            stylesheets=[css], font_config=pdf._font_config(), pdf_tags=True
        )
        document.write_pdf(
            pdf_variant=pdf.ARCHIVAL_VARIANT, finisher=pdf._declare_pdf_ua, custom_metadata=True
        )
    return time.process_time() - started, len(document.pages)


def best(html: str, css, runs: int) -> tuple[float, int]:
    results = [render(html, css) for _ in range(runs)]
    return min(r[0] for r in results), results[0][1]


def parts(html: str) -> list[tuple[str, str]]:
    """(name, html) per top-level element of the body, each with the document's head."""
    import lxml.html

    root = lxml.html.document_fromstring(html)
    head = lxml.html.tostring(root.find("head"), encoding="unicode")
    result = []
    for element in root.find("body"):
        if not isinstance(element.tag, str):
            continue  # a comment
        heading = element.find(".//h2")
        name = element.get("class") or element.tag
        if heading is not None and heading.get("id"):
            name = heading.get("id")
        body = lxml.html.tostring(element, encoding="unicode")
        result.append((name, f'<!doctype html><html lang="nl">{head}<body>{body}</body></html>'))
    return result


def report_for(programme: Programme, period: HalfYear):
    report = services.request_report(programme, period)
    if not report.snapshot.get("action_lines"):
        print("  (no snapshot yet: generating the report once)")
        report = services.generate(report.pk)
    return report


def compare(programme, period, variants, runs):
    report = report_for(programme, period)
    context = services.report_context(report)
    htmls = {v.name: v.html(context) for v in variants}
    css = {v.name: stylesheet(v.css) for v in variants}
    names = [v.name for v in variants]
    rows: dict[str, dict[str, tuple[float, int]]] = {}
    for v in variants:
        for name, part in parts(htmls[v.name]):
            key = name
            while key in rows and v.name in rows[key]:
                key += "+"
            rows.setdefault(key, {})[v.name] = best(part, css[v.name], runs)
    whole = {v.name: best(htmls[v.name], css[v.name], runs) for v in variants}
    header = "".join(f"{n:>22}" for n in names)
    print(f"  {'part (rendered alone)':<32}{header}")
    for key, by_variant in rows.items():
        cells = "".join(
            f"{by_variant[n][0]:>12.2f} s {by_variant[n][1]:>3} p"
            if n in by_variant
            else f"{'-':>22}"
            for n in names
        )
        print(f"  {key[:32]:<32}{cells}")
    for n in names:
        parts_sum = sum(r[n][0] for r in rows.values() if n in r)
        print(f"  {n}: the parts alone add up to {parts_sum:.2f} s")
    cells = "".join(f"{whole[n][0]:>12.2f} s {whole[n][1]:>3} p" for n in names)
    print(f"  {'WHOLE REPORT':<32}{cells}")
    print("  HTML: " + ", ".join(f"{n} {len(htmls[n]) // 1024} KiB" for n in names))
    return context, htmls


def constructs(html: str, css_text: str, runs: int):
    base, pages = best(html, stylesheet(css_text), runs)
    print(f"  {'as it is':<58}{base:>8.2f} s {pages:>3} p")
    for name, rule in CONSTRUCTS.items():
        seconds, pages = best(html, stylesheet(css_text + "\n" + rule), runs)
        print(f"  {'without ' + name:<58}{seconds:>8.2f} s {pages:>3} p  ({seconds - base:+.2f} s)")


def profile(html: str, css_text: str):
    profiler = cProfile.Profile()
    css = stylesheet(css_text)
    profiler.enable()
    render(html, css)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).sort_stats("cumulative")
    stats.print_stats("weasyprint", 40)
    print(out.getvalue())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", default="6ec3e68", help="git commit of the 'before' templates")
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--constructs", action="store_true")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--only", choices=["zawa", "largest"])
    parser.add_argument("--programme", type=int)
    parser.add_argument("--period")
    args = parser.parse_args()
    variants = [Variant("before", args.before), Variant("after", None)]
    chosen = targets()
    if args.programme:
        chosen = {"programme": Programme.objects.get(pk=args.programme)}
    elif args.only:
        key = "Zaanstreek-Waterland" if args.only == "zawa" else "largest programme"
        chosen = {key: chosen[key]}
    just_ended = HalfYear.of(timezone.localdate()).previous()
    for name, programme in chosen.items():
        period = HalfYear.parse(args.period) if args.period else just_ended
        if not args.period and programme.period_end and programme.period_end < just_ended.start:
            period = HalfYear.of(programme.period_end)
        print(f"{name}: {programme.title} ({programme.actions.count()} actions, {period})")
        _context, htmls = compare(programme, period, variants, args.runs)
        if args.constructs:
            print("  CSS constructs of the 'before' report, each switched off:")
            constructs(htmls["before"], variants[0].css, args.runs)
        if args.profile:
            profile(htmls["after"], variants[1].css)


if __name__ == "__main__":
    main()
