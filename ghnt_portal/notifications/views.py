"""The user's own notification preferences: per kind of event, at once, daily or not."""

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods

from . import services
from .forms import PreferencesForm
from .registry import events_for


@require_http_methods(["GET", "POST"])
def preferences(request):
    user = request.user
    events = events_for(user)
    form = PreferencesForm(
        request.POST or None, events=events, current=services.preferences_for(user)
    )
    if request.method == "POST" and form.is_valid():
        services.save_preferences(user, form.cleaned_data)
        messages.success(request, "Uw voorkeuren voor meldingen zijn opgeslagen.")
        return redirect("notifications:preferences")
    return TemplateResponse(
        request,
        "notifications/preferences.html",
        {"form": form, "has_email": bool(user.email)},
    )
