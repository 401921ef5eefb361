"""Progress reports made directly (a tiny stand-in PDF), for tests that need one quickly."""

import hashlib

from django.core.files.base import ContentFile
from django.utils import timezone

from monitoring.constants import GenerationState, ReportStatus
from monitoring.models import ProgressReport

# It claims PDF/A as the portal's own PDFs do (ghnt_portal.pdf.is_archival), so finalise
# takes it; tests/monitoring/test_report_archival.py checks real ones.
FAKE_PDF = b'%PDF-1.7\n% stand-in for tests: pdfaid:part="2"\n%%EOF\n'


def make_report(programme, status=ReportStatus.CONCEPT, period="2021-H1", version=1, **extra):
    now = timezone.now()
    report = ProgressReport(
        programme=programme,
        period=period,
        version=version,
        status=status,
        generation_state=GenerationState.DONE,
        snapshot=extra.pop("snapshot", {"period": {"code": period}}),
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


def approve(report, user, summary="De uitvoering ligt op koers; 2B vraagt aandacht."):
    """Take a generated concept report along its route: a summary, the AO's discussion and
    the BO's adoption, then the render with the adoption on the cover. Returns it fresh."""
    import datetime

    from governance.models import DecisionBody
    from monitoring.reports import approval, services

    region_id = report.programme.region_id
    if not (report.texts or {}).get("summary"):
        services.save_texts(report, {"summary": summary}, user)
        services.generate(report.pk, user.pk)
    ao = DecisionBody.objects.filter(region_id=region_id, kind="ao").first()
    bo = DecisionBody.objects.filter(region_id=region_id, kind="bo").first()
    report.refresh_from_db()
    approval.record_step(
        report, "ao", body=ao, date=datetime.date(2021, 7, 5), conclusion="akkoord", user=user
    )
    approval.record_step(
        report, "bo", body=bo, date=datetime.date(2021, 7, 12), conclusion="akkoord", user=user
    )
    return services.generate(report.pk, user.pk)


def adopt(report, user=None):
    """A quick stand-in for the route: the AO's discussion and the BO's adoption recorded on
    a made-up report (make_report), and the state the re-render would leave. No PDF made."""
    import datetime

    from governance.models import DecisionBody
    from monitoring.reports import approval

    region_id = report.programme.region_id
    ao = DecisionBody.objects.filter(region_id=region_id, kind="ao").first()
    bo = DecisionBody.objects.filter(region_id=region_id, kind="bo").first()
    if not (report.texts or {}).get("summary"):
        ProgressReport.objects.filter(pk=report.pk).update(texts={"summary": "Samenvatting."})
        report.refresh_from_db()
    approval.record_step(
        report, "ao", body=ao, date=datetime.date(2021, 7, 5), conclusion="akkoord", user=user
    )
    approval.record_step(
        report, "bo", body=bo, date=datetime.date(2021, 7, 12), conclusion="akkoord", user=user
    )
    ProgressReport.objects.filter(pk=report.pk).update(
        generation_state=GenerationState.DONE, snapshot={**report.snapshot, "adopted": True}
    )
    report.refresh_from_db()
    return report
