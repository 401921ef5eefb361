from django import template

from programmes.documents.services import panel_for, panel_from_json, panels_for

register = template.Library()


@register.inclusion_tag("documents/includes/panel.html", takes_context=True)
def documents_panel(context, parent, can_edit=None, heading="h2", title="Documenten"):
    """The documents of `parent` that the user may see, with the add link for editors
    (`can_edit`: what the page already knows, saving a query). A parent fetched with the
    `documents_json` annotation (`document_items`) needs no query at all."""
    if hasattr(parent, "document_items"):
        panel = panel_from_json(parent, parent.document_items, bool(can_edit))
    else:
        panel = panel_for(parent, context["request"].user, can_edit=can_edit)
    return {
        "panel": panel,
        "heading": heading,
        "title": title,
    }


@register.inclusion_tag("documents/includes/step_panels.html", takes_context=True)
def step_documents(context, route, can_edit=False):
    """The documents of each step of a route (raadsvoorstel, raadsbesluit), in one query."""
    steps = list(route.ordered_steps)
    return {"panels": panels_for(steps, context["request"].user, can_edit=bool(can_edit))}
