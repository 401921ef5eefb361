"""The status updates of an action, as the signed-in user may see them (journey 2)."""

from typing import Any

from django import template

from programmes.access import may

from ..models import StatusUpdate

register = template.Library()


@register.inclusion_tag("actions/includes/status_updates.html", takes_context=True)
def status_update_panel(context, action):
    """Updates on the action visible to the user, with what it may do: first the pending
    ones, oldest first (the order to review them in), then the reviewed ones, newest first."""
    user = context["request"].user
    updates: list[Any] = list(  # rows that get a `can_review` flag for the template
        StatusUpdate.objects.visible_to(user)
        .filter(action=action)
        .select_related("author", "organisation", "reviewed_by")
        .prefetch_related("results__expected_result", "milestone_reports__milestone")
        .order_by("-created_at", "-pk")
    )
    reviewable = set(
        StatusUpdate.objects.reviewable_by(user)
        .filter(action=action)
        .submitted()
        .values_list("pk", flat=True)
    )
    for update in updates:
        update.can_review = update.pk in reviewable
    pending = [u for u in reversed(updates) if u.is_submitted]
    return {
        "action": action,
        "updates": pending + [u for u in updates if not u.is_submitted],
        "pending_count": len(pending),
        "can_accept_all": sum(u.can_review for u in pending) > 1,
        "can_update": may(user, action, "updatable_by"),
    }
