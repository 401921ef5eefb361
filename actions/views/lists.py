"""The action list (filtered, sorted, paginated) and its CSV and Excel exports."""

from collections import defaultdict

from django.utils import timezone
from django.views import View

from django_filters.views import FilterView

from ghnt_portal.exports import (
    csv_response,
    lay_out_table,
    new_workbook,
    write_rows,
    xlsx_response,
)
from programmes.models import Programme

from ..constants import ActionStatus
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
    """The filtered list's rows for an export, read as plain values (two queries): all
    regions are thousands of actions, and a model instance per action and per owner took
    most of the export's time."""
    filterset = ActionFilter(request.GET or None, action_queryset(request.user), request=request)
    actions = filterset.qs.values_list(
        "pk",
        "programme__short_name",
        "programme__title",
        "code",
        "title",
        "action_line__title",
        "status",
        "progress",
        "overdue_count",
    )
    owners: dict[int, list[str]] = defaultdict(list)
    ownership = Action.owners.through.objects.filter(action__in=filterset.qs.values("pk"))
    for action_id, name in ownership.order_by("organisation__name").values_list(
        "action_id", "organisation__name"
    ):
        owners[action_id].append(name)
    status = dict(ActionStatus.choices)
    for pk, short_name, programme, code, title, line, state, progress, overdue in actions:
        yield [
            short_name or programme,
            code,
            title,
            line,
            ", ".join(owners[pk]),
            status.get(state, state),
            progress,
            overdue,
        ]


def _filename(ext):
    return f"acties-{timezone.localdate():%Y-%m-%d}.{ext}"


class ActionCsvExportView(View):
    """The filtered list as CSV (semicolon separated, UTF-8 with BOM: opens in Dutch Excel)."""

    def get(self, request):
        return csv_response(_filename("csv"), [HEADERS, *_rows(request)])


class ActionXlsxExportView(View):
    def get(self, request):
        workbook = new_workbook("Acties")
        sheet = workbook.active
        sheet.title = "Acties"
        write_rows(sheet, [HEADERS, *_rows(request)])
        lay_out_table(sheet)
        return xlsx_response(_filename("xlsx"), workbook)
