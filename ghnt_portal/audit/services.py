"""Writing to the audit trail: one function, `record`, for every part of the portal."""

import logging

from django.contrib.contenttypes.models import ContentType
from django.db import models

from ghnt_portal.client_ip import client_ip

from .constants import AuditAction, AuditResult
from .context import current_request
from .models import AuditEvent

logger = logging.getLogger("ghnt_portal.audit")


def _user_of(request):
    user = getattr(request, "user", None) if request is not None else None
    if user is not None and user.is_authenticated:
        return user
    return None


def record(
    action: AuditAction | str,
    *,
    obj: models.Model | None = None,
    actor=None,
    actor_name: str = "",
    result: AuditResult | str = AuditResult.SUCCESS,
    detail: str = "",
    request=None,
    object_repr: str | None = None,
) -> AuditEvent:
    """Add one event. `actor` and the client address default to those of the request being
    handled (none in a background task: the actor is then "systeem").

    Never pass passwords, tokens, codes or session ids in `detail`.
    """
    request = request if request is not None else current_request()
    actor = actor if actor is not None else _user_of(request)
    event = AuditEvent(
        action=action,
        result=result,
        actor_id=actor.pk if actor is not None else None,
        actor_name=(actor.get_username() if actor is not None else actor_name)[:150],
        ip_address=client_ip(request) if request is not None else None,
        detail=detail,
    )
    if obj is not None:
        event.content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
        event.object_id = str(obj.pk)[:64]
        event.object_repr = (object_repr if object_repr is not None else str(obj))[:200]
    elif object_repr:
        event.object_repr = object_repr[:200]
    event.save()
    # A line in the application log that points to the event: ids only, since log lines are
    # shipped and kept elsewhere (the names, address and object stay in the audit trail).
    logger.info(
        "audit: %s %s (event %s, user %s)",
        event.action,
        event.result,
        event.pk,
        event.actor_id if event.actor_id is not None else "-",
    )
    return event
