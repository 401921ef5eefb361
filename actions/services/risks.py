"""Changes to the risk register (each in a transaction, recorded in the audit trail)."""

from django import forms
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Max

from ghnt_portal import audit
from ghnt_portal.audit.constants import AuditAction

from ..models import Risk


@transaction.atomic
def save_risk(form: forms.ModelForm, user: User) -> Risk:
    """Save a risk from its form; a new risk goes to the end of the programme's register."""
    risk = form.save(commit=False)
    if risk.pk is None:
        highest = Risk.objects.filter(programme_id=risk.programme_id).aggregate(n=Max("order"))
        risk.order = (highest["n"] or 0) + 1
    risk.save()
    return risk


@transaction.atomic
def delete_risk(risk: Risk, user: User) -> None:
    audit.record(AuditAction.DELETED, obj=risk, actor=user, detail=f"risico: {risk.title}")
    risk.delete()
