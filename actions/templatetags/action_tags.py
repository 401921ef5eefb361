from django import template

from ..constants import ActionStatus

register = template.Library()


@register.simple_tag
def action_status_choices():
    return ActionStatus.choices
