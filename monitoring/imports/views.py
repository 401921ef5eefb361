"""Upload measurements (CSV or xlsx) -> preview with every bad row -> confirm."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View

from programmes.access import get_editable_or_403, scope_for
from programmes.models import Region

from .forms import MeasurementUploadForm
from .models import ImportBatch
from .services import ImportRejected, import_measurements, parse_measurements

ONLY_PROJECTLEIDER = "Alleen de projectleider van de regio kan metingen importeren."


def _editable_region(request, slug) -> Region:
    """404 for a region the user cannot see; 403 for one they see but do not edit."""
    region = get_object_or_404(Region.objects.visible_to(request.user), slug=slug)
    if not scope_for(request.user).edits_region(region.pk):
        raise PermissionDenied(ONLY_PROJECTLEIDER)
    return region


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
        upload = form.cleaned_data["bestand"]
        rows, errors = parse_measurements(upload, region)
        batch = ImportBatch.objects.create(
            region=region,
            uploaded_by=request.user,
            filename=upload.name[:200],
            rows=rows,
            errors=[e.as_dict() for e in errors],
        )
        return redirect("monitoring:import_preview", pk=batch.pk)

    def _render(self, request, region, form, status=200):
        recent = ImportBatch.objects.filter(region=region).select_related("uploaded_by")[:5]
        return render(
            request,
            self.template_name,
            {"region": region, "form": form, "recent": recent},
            status=status,
        )


class PreviewView(View):
    template_name = "monitoring/import_preview.html"

    def get_batch(self, request, pk) -> ImportBatch:
        return get_editable_or_403(
            ImportBatch.objects.select_related("region", "uploaded_by"),
            request.user,
            ONLY_PROJECTLEIDER,
            pk=pk,
        )

    def get(self, request, pk):
        return self._render(request, self.get_batch(request, pk))

    def post(self, request, pk):
        batch = self.get_batch(request, pk)
        if batch.imported_at:
            messages.info(request, "Dit bestand is al geïmporteerd; er is niets gewijzigd.")
            return redirect("monitoring:import_upload", slug=batch.region.slug)
        if not batch.is_valid:
            messages.error(
                request,
                "Er is niets geïmporteerd: verbeter eerst de fouten in het bestand en upload "
                "het opnieuw.",
            )
            return self._render(request, batch, status=400)
        try:
            result = import_measurements(batch.rows, batch.region)
        except ImportRejected as rejected:
            batch.errors = [e.as_dict() for e in rejected.errors]
            batch.save(update_fields=["errors"])
            messages.error(request, "Er is niets geïmporteerd: de gegevens zijn niet meer geldig.")
            return self._render(request, batch, status=400)
        batch.imported_at = timezone.now()
        batch.result = result.as_dict()
        batch.save(update_fields=["imported_at", "result"])
        messages.success(
            request,
            f"Import voltooid: {result.created} nieuw, {result.updated} gewijzigd, "
            f"{result.unchanged} ongewijzigd.",
        )
        return redirect(reverse("monitoring:import_upload", kwargs={"slug": batch.region.slug}))

    def _render(self, request, batch, status=200):
        return render(request, self.template_name, {"batch": batch}, status=status)
