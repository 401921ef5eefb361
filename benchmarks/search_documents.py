"""Search at national scale and the 25 MB upload check (issue 22), a step of `make bench`.

    DATABASE_URL=... SECRET_KEY=x STATIC_MANIFEST=0 python benchmarks/search_documents.py \
        --documents 20000 --repeat 20 [--http] [--out search.json]

On the database in DATABASE_URL (after `load_demo`, and for national scale
`load_scale_data --seed 1`): adds `--documents` generated documents (text of about 400 words
each, attached to actions, through bulk inserts and one `reindex`), then asks the search
page as a raadslid, a wethouder, a projectleider and the Rijk for a few words, from a word
every document holds to one none holds. Per query: the queries in-process (Django's test
client, after a warm-up) and the number of hits; then `--repeat` timed requests, over HTTP
to gunicorn (`--http`: 3 workers, DEBUG off, as benchmarks/measure.py measures pages) or
in-process. Then it checks and stores two generated PDFs of `--upload-mb` MB as an upload
would (`inspect_upload` and the storage): a text-heavy one (tens of thousands of pages of
text) and an image-heavy one (a few pages, each a large photo), and prints their times.
The generated documents are removed again at the end (`--keep` leaves them).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ghnt_portal.settings")

import django  # noqa: E402

django.setup()

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

from actions.models import Action  # noqa: E402
from programmes.constants import Role  # noqa: E402
from programmes.documents.uploads import inspect_upload  # noqa: E402
from programmes.models import Document, DocumentVersion, Membership  # noqa: E402
from programmes.search.index import reindex  # noqa: E402

WORDS = (
    "huiselijk geweld kindermishandeling melding meldingen veilig thuis wijkteam aanpak "
    "regio gemeente ketenpartner politie crisisuitrukken huisverbod training voorlichting "
    "scholen ouders jeugd zorg veiligheid casusregie evaluatie raadsvoorstel besluit "
    "begroting subsidie projectenpool signalering ambassadeur netwerk slachtoffer pleger"
).split()
RARE = "zeldzaamwoord"  # in one document in a thousand
MARKER = "Benchmarkdocument"
QUERIES = ("meldingen", "huiselijk geweld", "MDA++", RARE, "nergensgevondenwoord")
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def generate(count: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    action_ids = list(Action.objects.values_list("pk", flat=True))
    content_type = ContentType.objects.get_for_model(Action)
    documents = Document.objects.bulk_create(
        [
            Document(
                content_type=content_type,
                object_id=rng.choice(action_ids),
                title=f"{MARKER} {n}",
                kind="bijlage",
            )
            for n in range(count)
        ],
        batch_size=2000,
    )
    DocumentVersion.objects.bulk_create(
        [
            DocumentVersion(
                document=d,
                number=1,
                file=f"documents/bench/{d.pk}",
                filename="bijlage.pdf",
                mime_type="application/pdf",
                size=0,
                sha256="0" * 64,
                text=" ".join(rng.choice(WORDS) for _ in range(400))
                + (f" {RARE}" if n % 1000 == 0 else ""),
            )
            for n, d in enumerate(documents)
        ],
        batch_size=2000,
    )
    reindex([Document])


def users() -> dict:
    """One user per role that searches differently: a raadslid (adopted programmes of the
    region), a wethouder, the region's projectleider (everything of the region) and the Rijk
    (every adopted programme)."""
    found = {}
    for label, role in (
        ("raadslid", Role.RAADSLID),
        ("wethouder", Role.WETHOUDER),
        ("projectleider", Role.PROJECTLEIDER),
        ("rijk", Role.RIJK),
    ):
        membership = (
            Membership.objects.filter(role=role).select_related("user").order_by("pk").first()
        )
        if membership is not None:
            found[label] = membership.user
    return found


def count_queries(client: Client, path: str) -> tuple[int, int]:
    client.get(path)  # warm-up
    queries = []
    with connection.execute_wrapper(lambda execute, *a: queries.append(1) or execute(*a)):
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return len(queries), response.context["page"].total if response.context else -1


def timings(samples: list[float]) -> dict:
    samples = sorted(samples)
    return {
        "median_ms": round(statistics.median(samples) * 1000, 1),
        "p95_ms": round(samples[max(0, int(len(samples) * 0.95 + 0.5) - 1)] * 1000, 1),
    }


def measure_search(repeat: int, http: bool, logs: Path) -> list[dict]:
    import measure  # benchmarks/measure.py: gunicorn, sessions and HTTP as for the pages

    setup_test_environment()
    people = users()
    rows = []
    gunicorn = None
    port = measure.free_port()
    try:
        if http:
            gunicorn = measure.start_gunicorn(port, 3, logs / "gunicorn-search.log")
        cookies = {label: measure.session_cookie(user) for label, user in people.items()}
        for label, user in people.items():
            client = Client()
            client.force_login(user, backend=MODEL_BACKEND)
            session = client.session
            measure.pass_second_factor(user, session)
            session.save()
            for query in QUERIES:
                path = f"{reverse('search:results')}?{urlencode({'q': query})}"
                queries, hits = count_queries(client, path)
                samples = []
                if http:
                    for _ in range(3):  # each worker's first request loads code and templates
                        measure.http_get(port, path, cookies[label])
                    for _ in range(repeat):
                        status, _size, seconds = measure.http_get(port, path, cookies[label])
                        assert status == 200, (path, status)
                        samples.append(seconds)
                else:
                    for _ in range(repeat):
                        started = time.perf_counter()
                        client.get(path)
                        samples.append(time.perf_counter() - started)
                row = {"role": label, "query": query, "queries": queries, "hits": hits}
                row.update(timings(samples))
                rows.append(row)
                print(f"  {label:13} {query!r:24} {row}", flush=True)
    finally:
        if gunicorn is not None:
            measure.stop_process(gunicorn)
    return rows


def text_pdf(megabytes: int) -> bytes:
    """Pages of wrapped text, as a long report prints them, up to about `megabytes` MB."""
    from tests.documents.files import pdf

    page = "Voortgang van de acties tegen huiselijk geweld in de regio. " * 40
    one = len(pdf(page, width=90))
    return pdf(*[page] * max(1, megabytes * 1024 * 1024 // one), width=90)


def image_pdf(megabytes: int) -> bytes:
    """A few pages, each a large photo (noise, as a JPEG: incompressible) with a caption,
    up to about `megabytes` MB: a scanned or photo-heavy annex."""
    from PIL import Image

    rng = random.Random(1)
    pages = []
    size = 0
    limit = megabytes * 1024 * 1024 * 0.97  # just under the upload limit
    while True:
        image = Image.frombytes("RGB", (2400, 1800), rng.randbytes(2400 * 1800 * 3))
        out = io.BytesIO()
        image.save(out, "PDF", resolution=300)
        if pages and size + len(out.getvalue()) > limit:
            break
        pages.append(image)
        size += len(out.getvalue())
    out = io.BytesIO()
    pages[0].save(out, "PDF", resolution=300, save_all=True, append_images=pages[1:])
    return out.getvalue()


def measure_upload(kind: str, data: bytes) -> dict:
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    start = time.perf_counter()
    checked = inspect_upload(f"{kind}.pdf", data)
    checked_at = time.perf_counter()
    key = default_storage.save(f"documents/bench/{kind}.pdf", ContentFile(data))
    stored_at = time.perf_counter()
    default_storage.delete(key)
    row = {
        "kind": kind,
        "mib": round(len(data) / 1024 / 1024, 1),
        "check_s": round(checked_at - start, 2),
        "store_s": round(stored_at - checked_at, 2),
        "total_s": round(stored_at - start, 2),
        "text_chars": len(checked.text),
        "coverage": checked.coverage or "alles doorzocht",
    }
    print(f"  upload {kind}: {row}", flush=True)
    return row


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--upload-mb", type=int, default=25)
    parser.add_argument("--http", action="store_true", help="time over HTTP on gunicorn")
    parser.add_argument("--skip", default="", help="comma-separated: search,upload")
    parser.add_argument("--out", help="write the figures as JSON here")
    parser.add_argument("--logs", default="/tmp")
    parser.add_argument(
        "--keep", action="store_true", help="leave the documents (and reuse them next time)"
    )
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    result: dict = {"documents": args.documents, "http": args.http, "load_before": os.getloadavg()}
    if "search" not in skip:
        kept = Document.objects.filter(title__startswith=MARKER).count()
        if not (args.keep and kept == args.documents):  # reuse what an earlier --keep left
            Document.objects.filter(title__startswith=MARKER).delete()
            started = time.perf_counter()
            generate(args.documents)
            result["generate_s"] = round(time.perf_counter() - started, 1)
            print(f"{args.documents} documents generated and indexed in {result['generate_s']} s")
        # Settled, as some minutes after a bulk load: fresh statistics and visibility maps
        # (autovacuum's work) and the written pages flushed, so neither runs inside the timing.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
            cursor.execute("CHECKPOINT")
        try:
            result["search"] = measure_search(args.repeat, args.http, Path(args.logs))
        finally:
            if not args.keep:
                Document.objects.filter(title__startswith=MARKER).delete()
        all_samples = result["search"]
        result["search_worst_median_ms"] = max(r["median_ms"] for r in all_samples)
        result["search_worst_p95_ms"] = max(r["p95_ms"] for r in all_samples)
        result["search_queries"] = sorted({r["queries"] for r in all_samples})
    if "upload" not in skip:
        result["uploads"] = [
            measure_upload("tekst", text_pdf(args.upload_mb)),
            measure_upload("afbeeldingen", image_pdf(args.upload_mb)),
        ]
    result["load_after"] = os.getloadavg()
    if args.out:
        Path(args.out).write_text(json.dumps(result, indent=2, default=str))


if __name__ == "__main__":
    main()
