"""The region's calendar as an .ics file for Outlook."""

from django.http import HttpResponse
from django.views import View

from ..ical import region_calendar
from .base import RegionMixin


class CalendarExportView(RegionMixin, View):
    def get(self, request, *args, **kwargs):
        calendar = region_calendar(self.region, request.user)
        response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="ghnt-{self.region.slug}.ics"'
        return response
