"""Search at national scale and the 25 MB upload check, in-process (issue 22).

    DATABASE_URL=... SECRET_KEY=x STATIC_MANIFEST=0 python benchmarks/search_documents.py \
        --documents 20000 --repeat 20

On the database in DATABASE_URL (after `load_demo`, and for national scale
`load_scale_data --seed 1`): adds `--documents` generated documents (text of about 400 words
each, attached to actions, through bulk inserts and one `reindex`), then asks the search
page as a raadslid, a wethouder and the Rijk for a few words (Django's test client,
no HTTP) and prints queries, hits, median and p95; then checks and stores a generated PDF of
about 25 MB as an upload would (`inspect_upload` and the storage), and prints its time.
The generated documents are removed again at the end (`--keep` leaves them).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path.cwd()))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ghnt_portal.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

from actions.models import Action  # noqa: E402
from programmes.documents.uploads import inspect_upload  # noqa: E402
from programmes.models import Document, DocumentVersion  # noqa: E402
from programmes.search.index import reindex  # noqa: E402

WORDS = (
    "huiselijk geweld kindermishandeling melding meldingen veilig thuis wijkteam aanpak "
    "regio gemeente ketenpartner politie crisisuitrukken huisverbod training voorlichting "
    "scholen ouders jeugd zorg veiligheid casusregie evaluatie raadsvoorstel besluit "
    "begroting subsidie projectenpool signalering ambassadeur netwerk slachtoffer pleger"
).split()
MARKER = "Benchmarkdocument"


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
                text=" ".join(rng.choice(WORDS) for _ in range(400)),
            )
            for d in documents
        ],
        batch_size=2000,
    )
    reindex([Document])


def measure(client: Client, query: str, repeat: int) -> dict:
    path = f"{reverse('search:results')}?q={query}"
    client.get(path)
    queries = []
    with connection.execute_wrapper(lambda execute, *a: queries.append(1) or execute(*a)):
        response = client.get(path)
    assert response.status_code == 200
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        client.get(path)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {
        "queries": len(queries),
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 1),
    }


def big_pdf(megabytes: int) -> bytes:
    from tests.documents.files import pdf

    page = "Voortgang van de acties tegen huiselijk geweld in de regio. " * 20
    one = len(pdf(page))
    return pdf(*[page] * max(1, megabytes * 1024 * 1024 // one))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--upload-mb", type=int, default=25)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    setup_test_environment()
    Document.objects.filter(title__startswith=MARKER).delete()  # a run that stopped early
    started = time.perf_counter()
    generate(args.documents)
    print(
        f"{args.documents} documents generated and indexed in {time.perf_counter() - started:.1f} s"
    )
    # Roles without a second factor (force_login skips it for the others).
    users = {"raadslid": "raadslid-zaanstad", "wethouder": "wethouder-zaanstad", "rijk": "rijk"}
    for label, username in users.items():
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        for query in ("meldingen", "huiselijk geweld", "MDA++", "zeldzaamwoord"):
            print(label, repr(query), measure(client, query, args.repeat))
    data = big_pdf(args.upload_mb)
    start = time.perf_counter()
    checked = inspect_upload("groot.pdf", data)
    checked_at = time.perf_counter()
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    key = default_storage.save("documents/bench/groot.pdf", ContentFile(data))
    stored_at = time.perf_counter()
    default_storage.delete(key)
    print(
        f"upload of {len(data) / 1024 / 1024:.1f} MB PDF: checked (type, text, BSN) in "
        f"{(checked_at - start):.2f} s ({len(checked.text)} characters of text), stored in "
        f"{(stored_at - checked_at):.2f} s"
    )
    if not args.keep:
        Document.objects.filter(title__startswith=MARKER).delete()


if __name__ == "__main__":
    main()
