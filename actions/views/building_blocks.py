"""Linking a programme's action lines and actions to the national bouwstenen, in bulk."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from programmes.access import get_editable_or_403
from programmes.models import BuildingBlock, Programme

from ..forms import BuildingBlockLinksForm
from ..models import Action
from ..services.editing import link_building_blocks


@require_http_methods(["GET", "POST"])
def building_block_links(request, programme_pk):
    programme = get_editable_or_403(
        Programme.objects.all(),
        request.user,
        "Alleen de projectleider van de regio koppelt het plan aan de bouwstenen.",
        pk=programme_pk,
    )
    blocks = list(
        BuildingBlock.objects.filter(active=True)
        .select_related("national_line")
        .order_by("national_line__number", "order", "code")
    )
    lines = programme.action_lines.order_by("order").prefetch_related("building_blocks")
    actions = (
        Action.objects.filter(programme=programme)
        .order_by("action_line__order", "order", "code")
        .prefetch_related("building_blocks")
    )
    form = BuildingBlockLinksForm(
        request.POST if request.method == "POST" else None,
        lines=list(lines),
        actions=list(actions),
        blocks=blocks,
    )
    if request.method == "POST" and form.is_valid():
        changed = link_building_blocks(
            programme, form.links("line"), form.links("action"), request.user
        )
        messages.success(
            request, f"Koppelingen aan de bouwstenen opgeslagen ({changed} gewijzigd)."
        )
        return redirect(programme)
    return render(
        request,
        "actions/building_blocks.html",
        {"programme": programme, "form": form, "blocks": blocks},
    )
