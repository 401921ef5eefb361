from django import template

from programmes.documents.services import panel_for

register = template.Library()


@register.inclusion_tag("documents/includes/panel.html", takes_context=True)
def documents_panel(context, parent, can_edit=None):
    """The documents of `parent` that the user may see, with the add link for editors."""
    return {"panel": panel_for(parent, context["request"].user, can_edit=can_edit)}
