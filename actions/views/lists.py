"""The action list (filtered, sorted, paginated) and its CSV and Excel exports."""

from django.utils import timezone
from django.views import View

from django_filters.views import FilterView

from ghnt_portal.exports import csv_response, new_workbook, write_rows, xlsx_response
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
        return csv_response(_filename("csv"), [HEADERS, *_rows(request)])


class ActionXlsxExportView(View):
    def get(self, request):
        workbook = new_workbook()
        sheet = workbook.active
        sheet.title = "Acties"
        write_rows(sheet, [HEADERS, *_rows(request)])
        sheet.freeze_panes = "A2"
        return xlsx_response(_filename("xlsx"), workbook)
