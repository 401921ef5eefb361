"""The action list (filtered, sorted, paginated) and its CSV and Excel exports."""

from django.http import HttpResponse
from django.shortcuts import render
from django.views import View

from django_filters.views import FilterView

from ghnt_portal.exports import XLSX_TYPE, csv_response
from programmes.models import Programme

from ..filters import ActionFilter
from ..services import exports
from ..services.exports import action_queryset


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


class ActionCsvExportView(View):
    """The filtered list as CSV (semicolon separated, UTF-8 with BOM: opens in Dutch Excel)."""

    def get(self, request):
        rows = exports.export_rows(request.user, request.GET)
        return csv_response(exports.filename("csv"), [exports.HEADERS, *rows])


class ActionXlsxExportView(View):
    """The filtered list as Excel: at once, or for a long list (all regions) a page that
    starts making it in the background (views/exports.py)."""

    def get(self, request):
        count = exports.in_background(request.user, request.GET)
        if count is not None:
            context = {"count": count, "query": request.GET.urlencode()}
            return render(request, "actions/export_start.html", context)
        rows = exports.export_rows(request.user, request.GET)
        response = HttpResponse(exports.workbook_bytes(rows), content_type=XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{exports.filename("xlsx")}"'
        return response
