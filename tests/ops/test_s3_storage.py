"""Report PDFs in an S3-compatible object store, shared by every web node and worker.

A real S3-compatible server (moto's standalone server, a test dependency) runs on loopback
for this module; the portal is switched to STORAGE_BACKEND=s3 the way .env.example does it.
"""

import hashlib
import os
import socket
import sys
import time
import uuid

from django.urls import reverse

import pytest

from monitoring.constants import ReportStatus
from monitoring.models import ProgressReport
from monitoring.reports import services
from monitoring.tasks import generate_report
from tests import processes
from tests.monitoring.reports import approve

from .realservices import free_port, need

pytestmark = pytest.mark.services

ACCESS_KEY, SECRET_KEY, REGION = "ghnt-test", "ghnt-test-secret", "eu-west-1"


@pytest.fixture(scope="module")
def s3_server(tmp_path_factory):
    try:
        import moto.server  # noqa: F401
    except ImportError:
        need(False, "moto is not installed (it is in the test extras: make install)")
    port = int(os.environ.get("TEST_S3_PORT") or free_port())
    log = tmp_path_factory.mktemp("s3") / "moto.log"
    process = processes.start(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)], log=log
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    need(False, f"moto_server did not start: {log.read_text()[-2000:]}")
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        processes.stop(process, timeout=10)


@pytest.fixture
def s3(s3_server, settings):
    """The portal's default storage is a fresh bucket on the S3 server."""
    import boto3
    from botocore.config import Config

    bucket = f"ghnt-{uuid.uuid4().hex[:12]}"
    client = boto3.client(
        "s3",
        endpoint_url=s3_server,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
        region_name=REGION,
        config=Config(s3={"addressing_style": "path"}),
    )
    client.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": REGION})
    env = {
        "STORAGE_BACKEND": "s3",
        "AWS_STORAGE_BUCKET_NAME": bucket,
        "AWS_S3_ENDPOINT_URL": s3_server,
        "AWS_S3_REGION_NAME": REGION,
        "AWS_ACCESS_KEY_ID": ACCESS_KEY,
        "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
        "AWS_S3_ADDRESSING_STYLE": "path",
        "AWS_LOCATION": "portaal",
    }
    settings.STORAGES = {**settings.STORAGES, "default": _storage_from(env)}
    return client, bucket


def _storage_from(env):
    """STORAGES["default"] exactly as settings.py builds it from these variables."""
    import importlib

    from ghnt_portal import settings as settings_module

    saved = {name: os.environ.get(name) for name in env}
    os.environ.update(env)
    try:
        return importlib.reload(settings_module).STORAGES["default"]
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        importlib.reload(settings_module)


def test_a_generated_report_pdf_is_stored_in_s3_and_downloads_back_identical(
    s3, zawa_programme, projectleider, wethouder, client_for, settings, tmp_path
):
    client, bucket = s3
    # A media folder of this test's own: other tests (and workers) write report PDFs of the
    # same name to the shared one.
    settings.MEDIA_ROOT = tmp_path
    pk = generate_report(zawa_programme.pk, "2021-H1", projectleider.pk)
    report = approve(ProgressReport.objects.get(pk=pk), projectleider)
    report = services.finalise(report, projectleider)
    assert report.status == ReportStatus.FINAL

    stored = client.get_object(Bucket=bucket, Key=f"portaal/{report.pdf.name}")["Body"].read()
    assert stored.startswith(b"%PDF-")
    assert hashlib.sha256(stored).hexdigest() == report.pdf_sha256
    assert list(tmp_path.rglob("*.pdf")) == []  # nothing written to local disk

    response = client_for(wethouder).get(reverse("monitoring:report_download", args=[report.pk]))
    assert response.status_code == 200
    downloaded = b"".join(response.streaming_content)
    assert downloaded == stored
    print(
        f"S3: {len(stored)} bytes stored in bucket {bucket} as portaal/{report.pdf.name}, "
        "downloaded back identical through the portal"
    )


def test_an_unknown_storage_backend_is_refused():
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="STORAGE_BACKEND='ftp'"):
        _storage_from({"STORAGE_BACKEND": "ftp"})
