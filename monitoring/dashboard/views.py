"""Read-only dashboards: per programme (journey 4) and each table as CSV."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.safestring import mark_safe
from django.views.generic import ListView, TemplateView

from ghnt_portal.exports import csv_response
from programmes.access import scope_for
from programmes.models import Municipality

from . import cache, fragments
from .forms import MODE_LIVE, MODE_REPORTED, CsvTableForm, DashboardFilterForm
from .presentation import csv_rows, viewer_must_see_suppressed
from .services import dashboard_programmes, latest_sent_report, own_municipality

FULL_SERIES_PARAM = fragments.FULL_SERIES_PARAM
GEMEENTE_PARAM = "gemeente"
# The query parameters of the page: a query with others is rendered without the cache.
FRAGMENT_PARAMS = {"weergave", "jaar", GEMEENTE_PARAM, FULL_SERIES_PARAM}


class DashboardIndexView(ListView):
    template_name = "monitoring/dashboard_index.html"
    context_object_name = "programmes"

    def get_queryset(self):
        return (
            dashboard_programmes(self.request.user)
            .select_related("region")
            .order_by("region__name", "-period_start", "title")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        scope = scope_for(self.request.user)
        context["sees_national"] = scope.is_rijk or scope.is_admin
        return context


class DashboardMixin:
    """Resolve the programme (404 outside the user's dashboards), the filters and the data."""

    request: HttpRequest
    kwargs: dict[str, Any]
    # Open on the reader's own municipality when the query names none (the page; a CSV link
    # carries the page's effective query, so a bare CSV URL is the whole region).
    preselect_own_municipality = False

    def load(self):
        user = self.request.user
        self.programme = get_object_or_404(
            dashboard_programmes(user).select_related("region"), pk=self.kwargs["pk"]
        )
        municipalities = list(
            Municipality.objects.filter(region=self.programme.region).order_by("name")
        )
        self.query = self.request.GET.copy()
        self.own_municipality = own_municipality(user, municipalities)
        if (
            self.preselect_own_municipality
            and self.own_municipality is not None
            and GEMEENTE_PARAM not in self.query
        ):
            # A raadslid or wethouder sees their own municipality first; "Alle gemeenten"
            # sends an empty value, which is kept.
            self.query[GEMEENTE_PARAM] = str(self.own_municipality.pk)
        self.form = DashboardFilterForm(
            self.query or None,
            municipalities=municipalities,
            years=cache.years(self.programme),
        )
        filters = self.filters = (
            self.form.filters()
            if self.form.is_bound
            else {"mode": MODE_LIVE, "year": None, "municipality_id": None}
        )
        self.report = latest_sent_report(self.programme, user)
        self.mode = filters["mode"]
        self.snapshot_missing = False
        # What is shown differs per viewer class (suppressed or not) and per filter, so the
        # cache keys on both (monitoring/dashboard/cache.py).
        shown = cache.Shown(
            suppress=viewer_must_see_suppressed(user, self.programme.region_id),
            year=filters["year"],
            municipality_id=filters["municipality_id"],
            full=self.full_series(),
        )
        if self.mode == MODE_REPORTED:
            snapshot = (self.report.snapshot or {}).get("dashboard") if self.report else None
            if self.report and isinstance(snapshot, dict) and snapshot.get("version"):
                self.entry = cache.reported_view(self.report, snapshot, shown)
                self.view = self.entry.view
                return
            self.snapshot_missing = True
            self.mode = MODE_LIVE
        self.entry = cache.live_view(self.programme, shown)
        self.view = self.entry.view

    def full_series(self) -> str | None:
        """The indicator whose whole history is asked for (`?reeks=<code>`), if any."""
        return self.request.GET.get(FULL_SERIES_PARAM) or None


class DashboardView(DashboardMixin, TemplateView):
    template_name = "monitoring/dashboard.html"
    preselect_own_municipality = True

    def get(self, request, *args, **kwargs):
        self.load()
        if self.snapshot_missing:
            messages.warning(
                request,
                "Er is nog geen verzonden voortgangsrapportage met een dashboard; u ziet de "
                "actuele stand.",
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        scope = scope_for(self.request.user)
        context.update(
            programme=self.programme,
            form=self.form,
            dashboard=self.view,
            mode=self.mode,
            modes={"live": MODE_LIVE, "reported": MODE_REPORTED},
            report=self.report,
            can_import=scope.edits_region(self.programme.region_id),
            query=self.query.urlencode(),
            own_municipality=self.own_municipality,
            own_municipality_shown=(
                self.own_municipality is not None
                and self.filters["municipality_id"] == self.own_municipality.pk
            ),
        )
        # The headline and the tables with their charts are most of the page and the same
        # for every viewer of the cached data: rendered once, kept under the data's key.
        headline, sections = cache.fragment(
            self.entry,
            self.fragment_part(),
            lambda: fragments.render(self.programme, self.view, self.query, self.mode),
        )
        context.update(headline=mark_safe(headline), sections=mark_safe(sections))  # noqa: S308
        return context

    def fragment_part(self) -> str | None:
        """What the fragments depend on beyond the cached data: the view mode and the query
        string (the CSV and full-series links carry it). None for a query with anything
        but the filters, a filter twice, an invalid filter or a stray series: such a page
        is rendered without the cache, so stray query strings make no entries."""
        lists = dict(self.query.lists())
        if not set(lists) <= FRAGMENT_PARAMS or any(len(v) != 1 for v in lists.values()):
            return None
        if self.form.is_bound and not self.form.is_valid():
            return None
        if lists.get(FULL_SERIES_PARAM, [None])[0] != self.entry.shown.full:
            return None
        return fragments.part(self.mode, self.query)


class DashboardCsvView(DashboardMixin, TemplateView):
    """One table as CSV; an indicator's CSV holds its whole history."""

    def full_series(self) -> str | None:
        table = self.kwargs["table"]
        return table.removeprefix("indicator-") if table.startswith("indicator-") else None

    def get(self, request, *args, **kwargs):
        self.load()
        form = CsvTableForm({"table": self.kwargs["table"]}, tables=self.view["tables"])
        if not form.is_valid():
            raise Http404("Deze tabel bestaat niet op dit dashboard.")
        table = next(t for t in self.view["tables"] if t.key == form.cleaned_data["table"])
        filename = f"{self.programme.region.slug}-{table.key}.csv"
        title = [f"{table.title} – {self.programme.title}"]
        return csv_response(filename, [title, *csv_rows(table)])
