"""A long action list's Excel file made in the background (issue 26): start it, follow its
progress (htmx polls a fragment, as the report page does), download it. An export is its
requester's only (`ActionExport.objects.visible_to`)."""

from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from programmes.access import get_visible_or_404

from ..constants import ExportState
from ..models import ActionExport
from ..services import exports


def _export(request, pk) -> ActionExport:
    return get_visible_or_404(ActionExport.objects.all(), request.user, pk=pk)


@require_POST
def export_start(request):
    export = exports.start_export(request.user, request.POST.get("query", ""))
    return redirect(export)


@require_GET
def export_detail(request, pk):
    export, task = exports.current(_export(request, pk))
    return render(request, "actions/export_detail.html", {"export": export, "task": task})


@require_GET
def export_status(request, pk):
    """The fragment htmx polls every 2 s while the file is being made."""
    export, task = exports.current(_export(request, pk))
    return render(request, "actions/includes/export_status.html", {"export": export, "task": task})


@require_GET
def export_download(request, pk):
    export = _export(request, pk)
    if export.state != ExportState.DONE or not export.file:
        raise Http404("Dit bestand is (nog) niet beschikbaar.")
    return FileResponse(
        export.file.open("rb"),
        as_attachment=True,
        filename=f"acties-{export.created_at:%Y-%m-%d}.xlsx",
    )
