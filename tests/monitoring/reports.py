"""Progress reports made directly (a tiny stand-in PDF), for tests that need one quickly."""

import hashlib

from django.core.files.base import ContentFile
from django.utils import timezone

from monitoring.constants import GenerationState, ReportStatus
from monitoring.models import ProgressReport

FAKE_PDF = b"%PDF-1.4\n% stand-in for tests\n%%EOF\n"


def make_report(programme, status=ReportStatus.CONCEPT, period="2021-H1", version=1, **extra):
    now = timezone.now()
    report = ProgressReport(
        programme=programme,
        period=period,
        version=version,
        status=status,
        generation_state=GenerationState.DONE,
        snapshot={"period": {"code": period}},
        pdf_sha256=hashlib.sha256(FAKE_PDF).hexdigest(),
        generated_at=now,
        finalised_at=None if status == ReportStatus.CONCEPT else now,
        sent_at=now if status == ReportStatus.SENT else None,
        sent_to="voortgang-ghnt@rijk.example.nl" if status == ReportStatus.SENT else "",
        **extra,
    )
    report.pdf.save(f"test-{period}-v{version}.pdf", ContentFile(FAKE_PDF), save=False)
    report.save()
    return report
