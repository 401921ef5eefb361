"""Monitoring's events in the audit trail (ghnt_portal.audit): a report made definitief,
sent or downloaded, and measurement imports. Connected in MonitoringConfig.ready(); from
signals, so the services and views need not know about the audit trail."""

from django.db.models.signals import post_save, pre_save

from ghnt_portal import audit
from ghnt_portal.audit.constants import AuditAction, AuditResult

from .constants import ReportStatus


def _report_before(sender, instance, **kwargs):
    instance._audit_old_status = (
        sender._default_manager.filter(pk=instance.pk).values_list("status", flat=True).first()
        if instance.pk is not None
        else None
    )


def _report_saved(sender, instance, created, **kwargs):
    old = getattr(instance, "_audit_old_status", None)
    if created or old == instance.status:
        return
    if instance.status == ReportStatus.FINAL:
        audit.record(AuditAction.REPORT_FINALISED, obj=instance, actor=instance.finalised_by)
    elif instance.status == ReportStatus.SENT:
        audit.record(
            AuditAction.REPORT_SENT,
            obj=instance,
            actor=instance.sent_by,
            detail=f"aan {instance.sent_to}",
        )


def _download_saved(sender, instance, created, **kwargs):
    if created:
        audit.record(AuditAction.REPORT_DOWNLOADED, obj=instance.report, actor=instance.user)


def _import_saved(sender, instance, created, update_fields=None, **kwargs):
    fields = set(update_fields or ())
    if "imported_at" in fields and instance.imported_at:
        result = instance.result or {}
        audit.record(
            AuditAction.IMPORTED,
            obj=instance,
            detail=(
                f"{result.get('created', 0)} nieuw, {result.get('updated', 0)} gewijzigd, "
                f"{result.get('unchanged', 0)} ongewijzigd"
            ),
        )
    elif "errors" in fields and instance.errors and not instance.imported_at:
        audit.record(
            AuditAction.IMPORTED,
            obj=instance,
            result=AuditResult.FAILURE,
            detail=f"niets geïmporteerd: {len(instance.errors)} fouten",
        )


def connect():
    from .models import ImportBatch, ProgressReport, ReportDownload

    pre_save.connect(_report_before, sender=ProgressReport, dispatch_uid="audit_report_pre")
    post_save.connect(_report_saved, sender=ProgressReport, dispatch_uid="audit_report")
    post_save.connect(_download_saved, sender=ReportDownload, dispatch_uid="audit_download")
    post_save.connect(_import_saved, sender=ImportBatch, dispatch_uid="audit_import")
