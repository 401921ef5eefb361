"""The national frame: every signed-in user reads it (regions link their plan to it); the
Rijk and the beheerder keep it (add and change bouwstenen, retitle a national line)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from ..access import get_editable_or_403, scope_for
from ..models import BuildingBlock, NationalActionLine
from .forms import BuildingBlockForm, NationalActionLineForm

RIJK_ONLY = "Alleen het Rijk en beheerders houden het landelijke kader bij."


def _may_edit(user) -> bool:
    scope = scope_for(user)
    return scope.is_rijk or scope.is_admin


@require_GET
def frame(request):
    lines = NationalActionLine.objects.visible_to(request.user).prefetch_related("building_blocks")
    return render(
        request,
        "programmes/frame/frame.html",
        {"lines": lines, "may_edit": _may_edit(request.user)},
    )


@require_http_methods(["GET", "POST"])
def block_create(request):
    if not _may_edit(request.user):
        raise PermissionDenied(RIJK_ONLY)
    form = BuildingBlockForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "De bouwsteen is toegevoegd.")
        return redirect("frame:frame")
    return render(
        request, "programmes/frame/form.html", {"form": form, "title": "Nieuwe bouwsteen"}
    )


@require_http_methods(["GET", "POST"])
def block_edit(request, pk):
    block = get_editable_or_403(BuildingBlock.objects.all(), request.user, RIJK_ONLY, pk=pk)
    form = BuildingBlockForm(request.POST or None, instance=block)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "De bouwsteen is opgeslagen.")
        return redirect("frame:frame")
    return render(
        request, "programmes/frame/form.html", {"form": form, "title": f"Bouwsteen {block}"}
    )


@require_http_methods(["GET", "POST"])
def line_edit(request, pk):
    line = get_editable_or_403(NationalActionLine.objects.all(), request.user, RIJK_ONLY, pk=pk)
    form = NationalActionLineForm(request.POST or None, instance=line)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "De landelijke actielijn is opgeslagen.")
        return redirect("frame:frame")
    return render(
        request, "programmes/frame/form.html", {"form": form, "title": f"Actielijn {line}"}
    )
