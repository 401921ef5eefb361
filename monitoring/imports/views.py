"""Upload measurements (CSV or xlsx) -> preview with every bad row -> confirm. A large file
is checked and imported in the background; its page polls the status fragment."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views import View
from django.views.decorators.http import require_GET, require_POST

from ghnt_portal import outbox
from programmes.access import get_editable_or_403, scope_for
from programmes.models import Region

from . import progress, services
from .forms import MeasurementUploadForm
from .models import ImportBatch, ImportPhase
from .services import ImportRejected

ONLY_PROJECTLEIDER = "Alleen de projectleider van de regio kan metingen importeren."


def _editable_region(request, slug) -> Region:
    """404 for a region the user cannot see; 403 for one they see but do not edit."""
    region = get_object_or_404(Region.objects.visible_to(request.user), slug=slug)
    if not scope_for(request.user).edits_region(region.pk):
        raise PermissionDenied(ONLY_PROJECTLEIDER)
    return region


def _editable_batch(request, pk) -> ImportBatch:
    return get_editable_or_403(
        ImportBatch.objects.select_related("region", "uploaded_by"),
        request.user,
        ONLY_PROJECTLEIDER,
        pk=pk,
    )


def _limits() -> dict:
    return {
        "max_rows": services.dutch_number(settings.IMPORT_MAX_ROWS),
        "max_mb": settings.IMPORT_MAX_BYTES // (1024 * 1024),
        "sync_rows": services.dutch_number(settings.IMPORT_SYNC_MAX_ROWS),
        "xlsx_mb": settings.IMPORT_XLSX_MAX_UNPACKED_BYTES // (1024 * 1024),
    }


class UploadView(View):
    template_name = "monitoring/import_upload.html"

    def get(self, request, slug):
        region = _editable_region(request, slug)
        return self._render(request, region, MeasurementUploadForm())

    def post(self, request, slug):
        region = _editable_region(request, slug)
        form = MeasurementUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self._render(request, region, form, status=400)
        batch = services.start_upload(form.cleaned_data["bestand"], region, request.user)
        return redirect("monitoring:import_preview", pk=batch.pk)

    def _render(self, request, region, form, status=200):
        recent = ImportBatch.objects.filter(region=region).select_related("uploaded_by")[:5]
        return render(
            request,
            self.template_name,
            {"region": region, "form": form, "recent": recent, **_limits()},
            status=status,
        )


def _job_context(batch: ImportBatch) -> dict:
    """What the status fragment shows of a background batch: its job's outbox row, whether
    it stalled, and the counts so far."""
    task = outbox.latest(services.outbox_key(batch.pk)) if batch.is_busy else None
    return {
        "batch": batch,
        "task": task,
        "stalled": services.stalled(batch, task) if batch.is_busy else False,
        "progress": progress.read(batch.pk) if batch.is_busy else None,
    }


class PreviewView(View):
    template_name = "monitoring/import_preview.html"

    def get(self, request, pk):
        return self._render(request, _editable_batch(request, pk))

    def post(self, request, pk):
        batch = _editable_batch(request, pk)
        if batch.imported_at:
            messages.info(request, "Dit bestand is al geïmporteerd; er is niets gewijzigd.")
            return redirect("monitoring:import_upload", slug=batch.region.slug)
        if batch.phase == ImportPhase.IMPORTING:
            return redirect("monitoring:import_preview", pk=batch.pk)
        if not batch.is_valid:
            messages.error(
                request,
                "Er is niets geïmporteerd: verbeter eerst de fouten in het bestand en upload "
                "het opnieuw.",
            )
            return self._render(request, batch, status=400)
        try:
            result = services.confirm(batch)
        except ImportRejected as rejected:
            batch.errors = [e.as_dict() for e in rejected.errors[: services.ERRORS_KEPT]]
            batch.error_count = len(rejected.errors)
            batch.save(update_fields=["errors", "error_count"])
            messages.error(request, "Er is niets geïmporteerd: de gegevens zijn niet meer geldig.")
            return self._render(request, batch, status=400)
        if result is None:  # a large file: imported in the background, this page follows it
            return redirect("monitoring:import_preview", pk=batch.pk)
        messages.success(
            request,
            f"Import voltooid: {result.created} nieuw, {result.updated} gewijzigd, "
            f"{result.unchanged} ongewijzigd.",
        )
        return redirect(reverse("monitoring:import_upload", kwargs={"slug": batch.region.slug}))

    def _render(self, request, batch, status=200):
        return render(request, self.template_name, _job_context(batch), status=status)


@require_GET
def status(request, pk):
    """The fragment htmx polls every 2 s while a background job works on the batch; when it
    is done, the whole page is loaded again (the preview or the result)."""
    batch = _editable_batch(request, pk)
    response = render(request, "monitoring/includes/import_status.html", _job_context(batch))
    if request.htmx and not batch.is_busy:
        response["HX-Refresh"] = "true"
    return response


@require_POST
def retry(request, pk):
    batch = _editable_batch(request, pk)
    if services.retry(batch):
        messages.info(request, "De verwerking is opnieuw gestart.")
    else:
        messages.error(request, "Hier is niets opnieuw te starten; upload het bestand opnieuw.")
    return redirect("monitoring:import_preview", pk=batch.pk)
