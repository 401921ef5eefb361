"""The page shown when django-axes refuses a login (AXES_LOCKOUT_CALLABLE)."""

import datetime
import math

from django.shortcuts import render
from django.utils import timezone

from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt


def lockout_response(request, original_response=None, credentials=None):
    """Dutch, with the time at which the username may try again from this address."""
    username = get_client_username(request, credentials) or ""
    cool_off = get_cool_off(request) or datetime.timedelta(0)
    last = (
        AccessAttempt.objects.filter(
            username=username, ip_address=getattr(request, "axes_ip_address", None)
        )
        .order_by("-attempt_time")
        .values_list("attempt_time", flat=True)
        .first()
    )
    retry_at = timezone.localtime((last or timezone.now()) + cool_off)
    return render(
        request,
        "registration/locked_out.html",
        {
            "retry_at": retry_at,
            "cooloff_minutes": math.ceil(cool_off.total_seconds() / 60),
        },
        status=429,
    )
