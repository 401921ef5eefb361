"""The action list (filtered, sorted, paginated) and its CSV and Excel exports."""

import csv
import io

from django.http import HttpResponse
from django.utils import timezone
from django.views import View

from django_filters.views import FilterView

from programmes.models import Programme

from ..filters import ActionFilter
from ..models import Action


def action_queryset(user):
    """Visible actions with what a list row shows, in one query (owners prefetched)."""
    return (
        Action.objects.visible_to(user)
        .select_related("programme", "action_line")
        .prefetch_related("owners")
        .with_overdue()
        .order_by("programme__title", "order", "code")
    )


class ActionListView(FilterView):
    template_name = "actions/action_list.html"
    filterset_class = ActionFilter
    context_object_name = "actions"
    paginate_by = 25

    def get_queryset(self):
        return action_queryset(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["editable_programmes"] = set(
            Programme.objects.editable_by(self.request.user).values_list("pk", flat=True)
        )
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query_string"] = query.urlencode()
        context["next_url"] = self.request.get_full_path()
        return context


HEADERS = [
    "Programma",
    "Code",
    "Titel",
    "Actielijn",
    "Eigenaren",
    "Status",
    "Voortgang (%)",
    "Mijlpalen te laat",
]


def _rows(request):
    filterset = ActionFilter(request.GET or None, action_queryset(request.user), request=request)
    for action in filterset.qs:
        yield [
            action.programme.short_name or action.programme.title,
            action.code,
            action.title,
            action.action_line.title,
            ", ".join(o.name for o in action.owners.all()),
            action.get_status_display(),
            action.progress,
            action.overdue_count,
        ]


def _filename(ext):
    return f"acties-{timezone.localdate():%Y-%m-%d}.{ext}"


class ActionCsvExportView(View):
    """The filtered list as CSV (semicolon separated, UTF-8 with BOM: opens in Dutch Excel)."""

    def get(self, request):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
        response.write("\ufeff")
        writer = csv.writer(response, delimiter=";")
        writer.writerow(HEADERS)
        for row in _rows(request):
            writer.writerow(row)
        return response


class ActionXlsxExportView(View):
    def get(self, request):
        from openpyxl import Workbook

        workbook = Workbook()
        sheet = workbook.active
        sheet.title = "Acties"
        sheet.append(HEADERS)
        for row in _rows(request):
            sheet.append(row)
        sheet.freeze_panes = "A2"
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{_filename("xlsx")}"'
        return response
