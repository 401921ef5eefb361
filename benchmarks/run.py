"""`make bench`: the portal measured as in production, at demo and at national scale.

    python benchmarks/run.py            # demo and national scale (1-1.5 hours on 2 cores)
    python benchmarks/run.py --quick    # demo scale, few repetitions, a short load run

PostgreSQL: the server in DATABASE_URL when it is set, otherwise a throwaway server started
here on a free loopback port (PostgreSQL 15 binaries, as .ci/run uses). Redis (for the
January batch's Celery worker): TEST_REDIS_URL when set, otherwise a throwaway redis-server
on a free loopback port. Both are stopped again at the end; the benchmark's databases
(`ghnt_bench_*`) are dropped unless --keep-databases.

Per scale a database is made from a migrated template: `load_demo`, and at national scale
`load_scale_data --seed N` next to it. Then benchmarks/measure.py measures that database
with gunicorn (3 workers, DEBUG off, collected static files with the manifest) and a
Celery worker (at national scale also the national loop of issue 23: benchmarks/national.py;
`--skip national` leaves it out), and this script prints one table and writes the JSON to --output
(default benchmarks/results/bench-<date>.json). Then, unless `--skip search`,
benchmarks/search_documents.py adds generated documents (20,000 at national scale) and times
the search page over HTTP on gunicorn, and the check and storage of a 25 MB PDF upload
(issue 22). No pass/fail: figures only.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

REPO = Path(__file__).resolve().parents[1]
PG_BIN = Path("/usr/lib/postgresql/15/bin")


def say(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def with_database(url, name):
    return urlunsplit(urlsplit(url)._replace(path="/" + quote(name)))


def as_postgres(args):
    """Run a PostgreSQL binary as the postgres user when we are root (initdb refuses root)."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *args]
    return args


class Services:
    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.stop_actions = []

    def postgres(self) -> str:
        url = os.environ.get("DATABASE_URL", "")
        if url.startswith(("postgres://", "postgresql://")):
            say(f"PostgreSQL: {urlsplit(url).hostname}:{urlsplit(url).port} (DATABASE_URL)")
            return url
        folder = self.workdir / "pg"
        folder.mkdir()
        if os.geteuid() == 0:
            shutil.chown(self.workdir, "postgres")
            shutil.chown(folder, "postgres")
        port = free_port()
        subprocess.run(
            as_postgres([str(PG_BIN / "initdb"), "-D", str(folder / "data"), "-A", "trust",
                         "-U", "postgres"]),
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        subprocess.run(
            as_postgres([
                str(PG_BIN / "pg_ctl"), "-D", str(folder / "data"), "-w", "-l",
                str(folder / "postgres.log"), "-o",
                f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c shared_buffers=256MB",
                "start",
            ]),
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        self.stop_actions.append(
            lambda: subprocess.run(
                as_postgres(
                    [str(PG_BIN / "pg_ctl"), "-D", str(folder / "data"), "-m", "fast", "stop"]
                ),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )  # fmt: skip
        )
        say(f"PostgreSQL: throwaway server on 127.0.0.1:{port}")
        return f"postgres://postgres@127.0.0.1:{port}/postgres"

    def redis(self) -> str | None:
        url = os.environ.get("TEST_REDIS_URL") or os.environ.get("BENCH_REDIS_URL")
        if url:
            say(f"Redis: {url}")
            return url
        if not shutil.which("redis-server"):
            say("Redis: redis-server not found; the January batch is left out")
            return None
        port = free_port()
        subprocess.run(
            ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--daemonize", "yes", "--dir", str(self.workdir)],
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        self.stop_actions.append(
            lambda: subprocess.run(
                ["redis-cli", "-p", str(port), "shutdown", "nosave"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )  # fmt: skip
        )
        say(f"Redis: throwaway server on 127.0.0.1:{port}")
        return f"redis://127.0.0.1:{port}/0"

    def stop(self):
        for action in reversed(self.stop_actions):
            action()


def sql(admin_url, *statements):
    import psycopg2

    connection = psycopg2.connect(admin_url)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
            return cursor.fetchall() if cursor.description else None
    finally:
        connection.close()


def manage(env, log, *args) -> float:
    started = time.perf_counter()
    with open(log, "ab") as out:
        out.write(f"\n$ manage.py {' '.join(args)}\n".encode())
        out.flush()
        result = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=REPO, env=env, stdout=out,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
    if result.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed; see {log}")
    return time.perf_counter() - started


# ---------------------------------------------------------------------------------------
# The table
# ---------------------------------------------------------------------------------------


def _fmt(value, unit=""):
    if value is None:
        return "-"
    if isinstance(value, float) and value >= 100:
        value = round(value)
    return f"{value}{unit}"


def _kib(size):
    return "-" if size is None else f"{size / 1024:.0f}"


def table(results) -> str:
    scales = list(results["scales"])
    lines = []
    header = f"{'page':38}" + "".join(
        f" | {scale[:8]:>8} {'q':>4} {'med ms':>8} {'p95 ms':>8} {'KiB':>6} {'x min':>6}"
        for scale in scales
    )
    lines.append(header)
    lines.append("-" * len(header))
    names = []
    for scale in scales:
        for row in results["scales"][scale].get("pages", []):
            if row["page"] not in names:
                names.append(row["page"])
    for name in names:
        line = f"{name[:38]:38}"
        for scale in scales:
            row = next((r for r in results["scales"][scale].get("pages", []) if r["page"] == name),
                       None)  # fmt: skip
            if row is None:
                line += f" | {'':8} {'-':>4} {'-':>8} {'-':>8} {'-':>6} {'-':>6}"
                continue
            line += (
                f" | {'':8} {row['queries']:>4} {_fmt(row['median_ms']):>8} "
                f"{_fmt(row['p95_ms']):>8} {_kib(row['bytes']):>6} "
                f"{_fmt(row['ratio_to_minimal']):>6}"
            )
        lines.append(line)
    lines.append("")
    for scale in scales:
        r = results["scales"][scale]
        lines.append(f"== {scale}: {r.get('data')}")
        if "setup" in r:
            lines.append(f"   setup: {r['setup']}; load average {r.get('load_average')}")
        for key, pdf in (r.get("pdf") or {}).items():
            if not isinstance(pdf, dict):
                continue
            lines.append(
                f"   PDF {key:7} {pdf['programme'][:50]!r} ({pdf['actions']} actions, "
                f"{pdf['period']}): {pdf['median_total_s']} s, WeasyPrint "
                f"{pdf['median_weasyprint_s']} s ({_pct(pdf['weasyprint_share'])}), "
                f"{pdf['pages']} pages, {pdf['pdf_kib']} KiB; runs {pdf['total_s']}"
            )
            if "snapshot_kib" in pdf:
                lines.append(
                    f"           {pdf['municipalities']} municipalities, "
                    f"{pdf['measurements_in_region']} measurements in the region; snapshot "
                    f"{pdf['snapshot_kib']} KiB, at most {pdf['indicator_columns']} periods "
                    "per indicator in the report"
                )
        if "load" in r:
            load = r["load"]
            lines.append(
                f"   load: {load['users']} raadsleden x {load['seconds']} s on the dashboard: "
                f"{load['requests_per_s']} req/s, p50 {load['p50_ms']} ms, p99 "
                f"{load['p99_ms']} ms, {load['errors']} errors {load['error_kinds'] or ''}"
            )
        for label, f in (r.get("first_reader") or {}).items():
            lines.append(
                f"   dashboard, first reader after a change ({label}): median {f['median_ms']} ms, "
                f"p95 {f['p95_ms']} ms, slowest {f['max_ms']} ms ({f['rounds']} changes)"
            )
        if "web_worker_peak_rss_mib" in r:
            lines.append(f"   web worker peak RSS: {r['web_worker_peak_rss_mib']} MiB")
        lines.extend(search_lines(r.get("search") or {}))
        if "january_batch" in r:
            b = r["january_batch"]
            extra = (
                ""
                if b["finished"]
                else f" (stopped at the timeout; extrapolated {b.get('extrapolated_seconds')} s)"
            )
            lines.append(
                f"   January batch {b['period']}: {b['reports_made']}/{b['programmes']} reports "
                f"in {b['seconds']} s ({b['seconds_per_report']} s/report, {b['failed']} "
                f"failed) on 1 worker x {b.get('worker_processes', 2)} processes{extra}; "
                "worker peak RSS "
                f"{b['peak_rss_mib_per_process']} MiB per process"
            )
            if "cpu_seconds" in b:
                lines.append(
                    f"   January batch CPU: {b['cpu_seconds']} s in the worker's processes "
                    f"({b['cpu_seconds_per_report']} s/report), so about "
                    f"{b['idle_machine_estimate_s']} s on an idle machine with 2 cores; load "
                    f"average at the end {b['load_average_during']}"
                )
            if "pages_min_median_max" in b:
                lines.append(
                    f"   January batch reports: pages min/median/max {b['pages_min_median_max']}, "
                    f"KiB min/median/max {b['kib_min_median_max']}"
                )
            by = r.get("january_batch_by_processes") or {}
            if len(by) > 1:
                # Layouts: "2" one node of 2 processes, "2x1" two nodes of 1 process each.
                seconds = {n: x["seconds"] for n, x in by.items()}
                base = seconds.get("1")
                speed = ", ".join(
                    f"{n}: {base / s:.2f}x" for n, s in seconds.items() if base and s and n != "1"
                )
                lines.append(
                    f"   January batch by worker layout: {seconds} s; speed-up against 1 "
                    f"process: {speed or 'not measured'}"
                )
        if "national" in r:
            lines.extend(_national_lines(r["national"]))
        if "import" in r:
            i = r["import"]
            lines.append(
                f"   import {i['rows']} rows ({i['csv_mib']} MiB CSV, {i['region']}): parse CSV "
                f"{i.get('parse_csv_s')} s"
                + (f", parse xlsx {i['parse_xlsx_s']} s" if "parse_xlsx_s" in i else "")
                + f", import {i.get('import_s')} s ({i.get('rows_per_s')} rows/s, "
                f"{i.get('import_queries')} queries), {i.get('parse_errors')} parse errors"
            )
        if "import_page" in r:
            lines.append(f"   import from the page: {_page_import(r['import_page'])}")
    return "\n".join(lines)


def _page_import(i: dict) -> str:
    """The end-to-end import from the page: upload, background check, confirm, background
    import (benchmarks/measure.py `measure_page_import`)."""
    if "skipped" in i:
        return f"skipped ({i['skipped']})"
    met = "met" if i["phase"] == "imported" and i["total_s"] < 30 else "NOT met"
    return (
        f"{i['rows']} rows ({i['csv_mib']} MiB CSV) in {i['total_s']} s end to end ({met}): "
        f"upload request {i['upload_request_s']} s, checked after {i['checked_s']} s, confirm "
        f"request {i['confirm_request_s']} s, imported {i['import_s']} s later; worker CPU "
        f"{i['worker_cpu_s']} s; {i['phase']}, {i['errors']} errors"
    )


def _national_lines(n) -> list[str]:
    d = n.get("data", {})
    out = [
        f"   national {d.get('period')}: uitvraag of {d.get('questions')} questions, "
        f"{d.get('sent_reports')} sent reports from {d.get('regions_sent')} regions; pages "
        "in the table above (national ...)"
    ]
    for row in n.get("page_rows", []):
        out.append(
            f"   {row['page']}: {row['queries']} queries, median {row['median_ms']} ms, p95 "
            f"{row['p95_ms']} ms; server CPU (gunicorn + PostgreSQL) {row['server_cpu_ms']} "
            "ms per request"
        )
    if "document_worker" in n:
        w = n["document_worker"]
        out.append(
            f"   national document on 1 worker process: {w['state']} in {w['seconds']} s "
            f"(CPU {w['cpu_seconds']} s), PDF {w['pdf_kib']} KiB, Word {w['word_kib']} KiB; "
            f"load average {w['load_average_during']}"
        )
    if "document_parts" in n:
        p = n["document_parts"]
        out.append(
            f"   national document in-process: {p['total_s']} s (CPU {p['total_cpu_s']} s): "
            f"data {p['data_s']} s, HTML {p['html_s']} s, WeasyPrint {p['weasyprint_s']} s "
            f"(CPU {p['weasyprint_cpu_s']} s), Word {p['word_s']} s; {p['pdf_pages']} pages, "
            f"HTML {p['html_kib']} KiB"
        )
    return out


def search_lines(search) -> list[str]:
    """The search and upload step (benchmarks/search_documents.py) in the table."""
    lines = []
    if search.get("search"):
        lines.append(
            f"   search ({search['documents']} generated documents, "
            f"{'over HTTP on gunicorn' if search['http'] else 'in-process'}): worst median "
            f"{search['search_worst_median_ms']} ms, worst p95 {search['search_worst_p95_ms']} "
            f"ms, queries per search {search['search_queries']}"
        )
        for row in search["search"]:
            lines.append(
                f"     {row['role']:13} {row['query']!r:24} {row['hits']:>6} hits "
                f"{row['queries']:>3} q  median {row['median_ms']} ms  p95 {row['p95_ms']} ms"
            )
    for upload in search.get("uploads") or []:
        lines.append(
            f"   upload {upload['mib']} MiB PDF ({upload['kind']}): checked in "
            f"{upload['check_s']} s, stored in {upload['store_s']} s "
            f"({upload['text_chars']} characters of text; {upload['coverage']})"
        )
    return lines


def markdown(results) -> str:
    """The page table and the other figures as Markdown (for the README)."""
    scales = list(results["scales"])
    head = "| page | " + " | ".join(
        f"{s} queries | {s} median ms | {s} p95 ms | {s} KiB | {s} x minimal" for s in scales
    )
    lines = [head + " |", "|---" + "|---:" * (5 * len(scales)) + "|"]
    names = []
    for scale in scales:
        for row in results["scales"][scale].get("pages", []):
            if row["page"] not in names:
                names.append(row["page"])
    for name in names:
        cells = [name]
        for scale in scales:
            row = next(
                (r for r in results["scales"][scale].get("pages", []) if r["page"] == name), None
            )
            if row is None:
                cells += ["-"] * 5
                continue
            cells += [
                str(row["queries"]),
                _fmt(row["median_ms"]),
                _fmt(row["p95_ms"]),
                _kib(row["bytes"]),
                _fmt(row["ratio_to_minimal"]),
            ]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    lines.append("| | " + " | ".join(scales) + " |")
    lines.append("|---" + "|---" * len(scales) + "|")

    def row(label, render):
        values = []
        for scale in scales:
            try:
                values.append(render(results["scales"][scale]))
            except (KeyError, TypeError):
                values.append("-")
        lines.append(f"| {label} | " + " | ".join(values) + " |")

    row("data", lambda r: ", ".join(f"{v} {k}" for k, v in r["data"].items()))

    def pdf(key):
        def render(r):
            p = r["pdf"][key]
            return (
                f"{p['median_total_s']} s ({p['actions']} actions, {p['pages']} pages); "
                f"WeasyPrint {p['median_weasyprint_s']} s = {_pct(p['weasyprint_share'])}"
            )

        return render

    row("PDF Zaanstreek-Waterland", pdf("zawa"))
    row("PDF largest programme", pdf("largest"))

    def batch(r):
        b = r["january_batch"]
        text = (
            f"{b['reports_made']}/{b['programmes']} reports in {b['seconds']} s "
            f"({b['seconds_per_report']} s each, wall clock, 2 processes)"
        )
        if not b["finished"]:
            text += f"; stopped, extrapolated {b.get('extrapolated_seconds')} s"
        if "cpu_seconds" in b:
            text += (
                f"; CPU {b['cpu_seconds']} s ({b['cpu_seconds_per_report']} s/report), "
                f"idle-machine estimate {b['idle_machine_estimate_s']} s"
            )
        return text

    row("January batch (1 worker, 2 processes)", batch)
    row(
        "load run on the dashboard",
        lambda r: (
            f"{r['load']['users']} raadsleden, {r['load']['seconds']} s: "
            f"{r['load']['requests_per_s']} req/s, p50 {_fmt(r['load']['p50_ms'])} ms, "
            f"p99 {_fmt(r['load']['p99_ms'])} ms, {r['load']['errors']} errors"
        ),
    )
    row(
        "measurement import",
        lambda r: (
            f"{r['import']['rows']} rows: {r['import']['import_s']} s "
            f"({r['import']['rows_per_s']} rows/s, "
            f"{r['import']['import_queries']} queries); parse CSV {r['import']['parse_csv_s']} s"
            + (f", xlsx {r['import']['parse_xlsx_s']} s" if "parse_xlsx_s" in r["import"] else "")
        ),
    )
    row(
        "import from the page (target 100,000 rows < 30 s)",
        lambda r: _page_import(r["import_page"]),
    )
    row(
        "national pages: server CPU per request (gunicorn + PostgreSQL)",
        lambda r: ", ".join(
            f"{x['page'].removeprefix('national ')} {x['server_cpu_ms']} ms"
            for x in r["national"]["page_rows"]
        ),
    )
    row(
        "national document (1 worker process)",
        lambda r: (
            f"{r['national']['document_worker']['seconds']} s, CPU "
            f"{r['national']['document_worker']['cpu_seconds']} s"
        ),
    )
    row(
        "national document in-process (data / WeasyPrint / Word)",
        lambda r: (
            f"{r['national']['document_parts']['data_s']} / "
            f"{r['national']['document_parts']['weasyprint_s']} / "
            f"{r['national']['document_parts']['word_s']} s; CPU "
            f"{r['national']['document_parts']['total_cpu_s']} s, "
            f"{r['national']['document_parts']['pdf_pages']} pages"
        ),
    )
    row(
        "search (generated documents)",
        lambda r: (
            f"{r['search']['documents']} documents: worst median "
            f"{r['search']['search_worst_median_ms']} ms, worst p95 "
            f"{r['search']['search_worst_p95_ms']} ms, {r['search']['search_queries']} queries"
        ),
    )
    row(
        "upload check + store of a 25 MB PDF",
        lambda r: "; ".join(
            f"{u['kind']} {u['total_s']} s ({u['coverage']})" for u in r["search"]["uploads"]
        ),
    )
    row("peak RSS web worker", lambda r: f"{r['web_worker_peak_rss_mib']} MiB")
    row(
        "peak RSS Celery worker process",
        lambda r: f"{r['january_batch']['peak_rss_mib_per_process']} MiB",
    )
    row("load average before/after", lambda r: f"{r['load_average']['before'][0]} / "
        f"{r['load_average']['after'][0]}")  # fmt: skip
    return "\n".join(lines)


def search_step(args, scale, env, workdir, repeat) -> dict:
    """Search over HTTP on gunicorn with generated documents, and the 25 MB upload check
    (issue 22): benchmarks/search_documents.py on the scale's database."""
    documents = args.search_documents or (20000 if scale == "national" else 2000)
    say(f"{scale}: search with {documents} generated documents, and the upload check")
    out = workdir / f"{scale}-search.json"
    command = [
        sys.executable, str(REPO / "benchmarks" / "search_documents.py"), "--http",
        "--documents", str(documents), "--repeat", str(repeat), "--out", str(out),
        "--logs", str(workdir / "logs"),
    ]  # fmt: skip
    result = subprocess.run(command, cwd=REPO, env=env)
    if result.returncode or not out.exists():
        return {"failed": f"search_documents.py exited with {result.returncode}"}
    return json.loads(out.read_text())


def _pct(share):
    return "-" if share is None else f"{share * 100:.0f}%"


# ---------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="demo scale, few repetitions")
    parser.add_argument("--scales", help="comma-separated: demo,national")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--density",
        choices=["real", "thin"],
        default="real",
        help="load_scale_data's density (real: as real plans; thin: the earlier, thinner set)",
    )
    parser.add_argument("--repeat", type=int, help="timed requests per page (default 20)")
    parser.add_argument("--load-users", type=int, default=50)
    parser.add_argument("--load-seconds", type=float, help="default 30 (quick: 10)")
    parser.add_argument("--batch-timeout", type=float, default=3600)
    parser.add_argument("--import-rows", type=int, help="default 100000 (quick: 5000)")
    parser.add_argument("--skip", default="", help="pdf,pages,load,batch,import,national,search")
    parser.add_argument(
        "--search-documents",
        type=int,
        help="generated documents for the search step (default: national 20000, demo 2000)",
    )
    parser.add_argument("--output", help="JSON file (default benchmarks/results/bench-<date>.json)")
    parser.add_argument("--keep-databases", action="store_true")
    parser.add_argument(
        "--show", metavar="JSON", help="print the table of an earlier run (and as Markdown)"
    )
    args = parser.parse_args()
    if args.show:
        earlier = json.loads(Path(args.show).read_text())
        print(table(earlier))
        print()
        print(markdown(earlier))
        return
    scales = (args.scales or ("demo" if args.quick else "demo,national")).split(",")
    repeat = args.repeat or (5 if args.quick else 20)
    load_seconds = args.load_seconds or (10 if args.quick else 30)
    import_rows = args.import_rows if args.import_rows is not None else (
        5000 if args.quick else 100_000
    )  # fmt: skip
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    output = Path(args.output or REPO / "benchmarks" / "results" / f"bench-{stamp}.json")

    workdir = Path(tempfile.mkdtemp(prefix="ghnt-bench-"))
    services = Services(workdir)
    results = {
        "started": datetime.datetime.now().isoformat(timespec="seconds"),
        "mode": "quick" if args.quick else "full",
        "settings": {
            "repeat": repeat,
            "load_users": args.load_users,
            "load_seconds": load_seconds,
            "import_rows": import_rows,
            "gunicorn_workers": 3,
            "seed": args.seed,
        },
        "machine": {
            "cpus": os.cpu_count(),
            "memory_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "scales": {},
    }
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True
        ).stdout.strip()
        results["commit"] = commit
        database_url = services.postgres()
        redis_url = services.redis()
        admin_url = with_database(database_url, "postgres")
        results["machine"]["postgresql"] = sql(admin_url, "SHOW server_version")[0][0]
        for folder in ("static", "media", "mail", "logs"):
            (workdir / folder).mkdir()
        log = workdir / "logs" / "setup.log"
        env = {
            **os.environ,
            "DEBUG": "0",
            "SECRET_KEY": "bench-only-" + "x" * 50,
            "ALLOWED_HOSTS": "127.0.0.1,testserver",
            "SECURE_COOKIES": "0",
            "STATIC_MANIFEST": "1",
            "STATIC_ROOT": str(workdir / "static"),
            "MEDIA_ROOT": str(workdir / "media"),
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(workdir / "mail"),
            "DATABASE_CONN_MAX_AGE": "60",
            "AXES_ENABLED": "1",
            "LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
        }
        env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        if redis_url:
            env["CELERY_BROKER_URL"] = redis_url
            # The dashboard cache shared by the gunicorn workers, as in production.
            env["CACHE_URL"] = redis_url
        else:
            env.pop("CELERY_BROKER_URL", None)
            env.pop("CACHE_URL", None)
        say("collectstatic (manifest)")
        manage({**env, "DATABASE_URL": database_url}, log, "collectstatic", "--noinput", "-v0")
        template = "ghnt_bench_template"
        sql(admin_url, f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)',
            f'CREATE DATABASE "{template}"')  # fmt: skip
        say("migrate (template database)")
        manage({**env, "DATABASE_URL": with_database(database_url, template)}, log, "migrate",
               "--noinput", "-v0")  # fmt: skip
        for scale in scales:
            name = f"ghnt_bench_{scale}"
            sql(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)',
                f'CREATE DATABASE "{name}" TEMPLATE "{template}"')  # fmt: skip
            scale_env = {**env, "DATABASE_URL": with_database(database_url, name)}
            setup = {"load_demo_s": round(manage(scale_env, log, "load_demo"), 1)}
            if scale == "national":
                say(f"national: load_scale_data --seed {args.seed} --density {args.density}")
                setup["load_scale_data_s"] = round(
                    manage(scale_env, log, "load_scale_data", "--seed", str(args.seed),
                           "--density", args.density),
                    1,
                )  # fmt: skip
                setup["density"] = args.density
            sql(with_database(database_url, name), "VACUUM ANALYZE")
            say(f"{scale}: measuring (setup {setup})")
            out = workdir / f"{scale}.json"
            skip = args.skip.split(",") if args.skip else []
            if not redis_url:
                skip.append("batch")
            if scale != "national":
                skip.append("national")  # the national loop is measured at national scale
            command = [
                sys.executable, str(REPO / "benchmarks" / "measure.py"),
                "--scale", scale, "--out", str(out), "--logs", str(workdir / "logs"),
                "--repeat", str(repeat),
                "--pdf-runs", "1" if args.quick else "2",
                "--load-users", str(args.load_users),
                "--load-seconds", str(load_seconds),
                "--batch-timeout", str(args.batch_timeout),
                "--import-rows", str(import_rows),
                "--skip", ",".join(skip),
                # The January batch: when the scale's adopted programmes are running (the demo
                # programmes ran 2020-2024, the national ones 2023-2028).
                "--january", "2022-01-01" if scale == "demo" else "2026-01-01",
            ]  # fmt: skip
            if args.quick:
                command.append("--no-xlsx")
            load_before = os.getloadavg()
            result = subprocess.run(command, cwd=REPO, env=scale_env)
            if result.returncode or not out.exists():
                raise SystemExit(f"measuring {scale} failed; logs in {workdir / 'logs'}")
            measured = json.loads(out.read_text())
            measured["setup"] = setup
            if "search" not in skip:
                measured["search"] = search_step(args, scale, scale_env, workdir, repeat)
            # Other work on the machine skews the figures: keep the load average with them.
            measured["load_average"] = {
                "before": [round(x, 2) for x in load_before],
                "after": [round(x, 2) for x in os.getloadavg()],
            }
            results["scales"][scale] = measured
            if not args.keep_databases:
                sql(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not args.keep_databases:
            sql(admin_url, f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)')
    finally:
        services.stop()
        shutil.rmtree(workdir / "pg", ignore_errors=True)  # the throwaway server's files
    results["finished"] = datetime.datetime.now().isoformat(timespec="seconds")
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(results, indent=2, default=str) + "\n")
    print()
    print(table(results))
    print(f"\nJSON: {output}\nlogs: {workdir / 'logs'}")
    shutil.rmtree(workdir / "media", ignore_errors=True)
    shutil.rmtree(workdir / "static", ignore_errors=True)


if __name__ == "__main__":
    main()
