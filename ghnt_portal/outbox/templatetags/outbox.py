import datetime

from django import template
from django.utils import formats, timezone

register = template.Library()


@register.simple_tag
def moment(value: datetime.datetime | None) -> str:
    """ "10:02" today, "3 januari 10:02" on another day (local time)."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    if local.date() == timezone.localdate():
        return formats.time_format(local, "H:i")
    return formats.date_format(local, "j F H:i")
