"""The region's calendar as an .ics file for Outlook."""

from django.http import HttpResponse
from django.views import View

from ..ical import calendar_ics
from .base import RegionMixin


class CalendarExportView(RegionMixin, View):
    def get(self, request, *args, **kwargs):
        response = HttpResponse(
            calendar_ics(self.region, request.user), content_type="text/calendar; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="ghnt-{self.region.slug}.ics"'
        return response
