"""Changes to governance records. Every change to routes or steps refreshes the derived
status of the programme(s) involved, inside the same transaction."""

import datetime
from collections.abc import Iterable

from django import forms
from django.db import transaction
from django.db.models import F
from django.forms import BaseInlineFormSet

from programmes.constants import ProgrammeStatus
from programmes.models import Programme

from .constants import ADOPTING_CONCLUSIONS, CommitmentStatus, Purpose
from .models import Commitment, Decision, DecisionBody, DecisionRoute, RouteStep

# Orders are moved out of the way before renumbering, so (route, order) stays unique.
_ORDER_OFFSET = 10_000


def _decided(step: RouteStep, purpose: str, region_id: int) -> bool:
    """A competent body of the region agreed ("akkoord", "akkoord met voorwaarden") to `purpose`."""
    return (
        step.purpose == purpose
        and step.conclusion in ADOPTING_CONCLUSIONS
        and step.body.is_competent
        and step.body.region_id == region_id
    )


def derive_status_from_steps(steps: Iterable[RouteStep], region_id: int) -> str:
    """The status that steps of a programme's adopting route(s) give it (pure, no queries
    beyond the steps' bodies, which callers select_related).

    - vastgesteld: a competent body of the region concluded "akkoord" (or "akkoord met
      voorwaarden") on "vaststellen"; "aangehouden", "afgewezen" or "positief" do not adopt,
      nor does any conclusion of a body that is not competent;
    - in besluitvorming: there is at least one step;
    - concept: no steps.
    """
    steps = list(steps)
    if any(_decided(step, Purpose.ADOPT, region_id) for step in steps):
        return ProgrammeStatus.ADOPTED
    return ProgrammeStatus.IN_DECISION if steps else ProgrammeStatus.CONCEPT


def derive_programme_status(programme: Programme) -> str:
    """The status of a programme as its decision routes say.

    Adoption comes from the routes that adopt the programme (see derive_status_from_steps).
    An adopted programme is afgerond when a competent body of the region agreed to "afronden"
    (ending it, e.g. on its final account) on any route of the programme. Afgerond is an end
    state: once reached it stays while the programme is adopted (only losing the adoption
    takes it back to besluitvorming).
    """
    steps = list(
        RouteStep.objects.filter(route__programme=programme).select_related("body", "route")
    )
    derived = derive_status_from_steps(
        (step for step in steps if step.route.adopts_programme), programme.region_id
    )
    if derived != ProgrammeStatus.ADOPTED:
        return derived
    closed = any(_decided(step, Purpose.CLOSE, programme.region_id) for step in steps)
    if closed or programme.status == ProgrammeStatus.CLOSED:
        return ProgrammeStatus.CLOSED
    return derived


def refresh_programme_status(programme: Programme | None) -> str | None:
    """Store the derived status in Programme.status (a derived column others filter on)."""
    if programme is None:
        return None
    status = derive_programme_status(programme)
    if programme.status != status:
        programme.status = status
        programme.save(update_fields=["status"])
    return status


def _refresh_programmes(*programme_ids):
    for programme in Programme.objects.filter(pk__in={pk for pk in programme_ids if pk}):
        refresh_programme_status(programme)


def _save_ordered_children(formset, parent, order_field: str):
    """Save an inline formset whose rows are numbered by position (formset ORDER field).

    Deleted rows go; the others get 1..n in the order the user chose. Existing numbers are
    first moved out of the way, so a swap never trips the unique (parent, order) constraint.
    """
    for obj in formset.deleted_objects:
        obj.delete()
    keep = list(formset.ordered_forms)
    manager = formset.model.objects.filter(**{formset.fk.name: parent})
    manager.update(**{order_field: F(order_field) + _ORDER_OFFSET})
    for number, form in enumerate(keep, start=1):
        instance = form.instance
        setattr(instance, formset.fk.name, parent)
        setattr(instance, order_field, number)
        instance.save()
    return [form.instance for form in keep]


@transaction.atomic
def save_route(form: forms.ModelForm, step_formset: BaseInlineFormSet) -> DecisionRoute:
    """Save a route and its steps from the route form and its step formset."""
    previous_programme_id = None
    if form.instance.pk:
        previous_programme_id = (
            DecisionRoute.objects.filter(pk=form.instance.pk)
            .values_list("programme_id", flat=True)
            .first()
        )
    route = form.save()
    step_formset.instance = route
    step_formset.save(commit=False)  # fills deleted_objects
    _save_ordered_children(step_formset, route, "order")
    _refresh_programmes(previous_programme_id, route.programme_id)
    return route


@transaction.atomic
def add_route_step(route: DecisionRoute, **fields) -> RouteStep:
    """Append a step to a route (used by tests and scripts; views use save_route)."""
    last = route.steps.order_by("-order").values_list("order", flat=True).first() or 0
    step = RouteStep.objects.create(route=route, order=last + 1, **fields)
    _refresh_programmes(route.programme_id)
    return step


@transaction.atomic
def update_route_step(step: RouteStep, **fields) -> RouteStep:
    for name, value in fields.items():
        setattr(step, name, value)
    step.save()
    _refresh_programmes(step.route.programme_id)
    return step


@transaction.atomic
def delete_route(route: DecisionRoute) -> None:
    programme_id = route.programme_id
    route.delete()
    _refresh_programmes(programme_id)


@transaction.atomic
def save_body(form: forms.ModelForm) -> DecisionBody:
    """Save an overleg of a region. Whether a body is competent decides whether its "akkoord"
    adopts a programme, so the programmes with a route through it are refreshed."""
    body = form.save()
    programme_ids = (
        RouteStep.objects.filter(body=body, route__programme__isnull=False)
        .values_list("route__programme_id", flat=True)
        .distinct()
    )
    _refresh_programmes(*programme_ids)
    return body


@transaction.atomic
def save_decision(form: forms.ModelForm, point_formset: BaseInlineFormSet) -> Decision:
    decision = form.save()
    point_formset.instance = decision
    point_formset.save(commit=False)
    _save_ordered_children(point_formset, decision, "number")
    return decision


@transaction.atomic
def save_commitment(form: forms.ModelForm) -> Commitment:
    commitment = form.save(commit=False)
    if commitment.made_in_id and not commitment.made_on:
        commitment.made_on = commitment.made_in.date
    commitment.save()
    form.save_m2m()
    return commitment


@transaction.atomic
def settle_commitment(
    commitment: Commitment, *, answer: str, settled_by: str, settled_on: datetime.date
) -> Commitment:
    """Settle (afdoen) a toezegging with the answer and the document that settles it."""
    commitment = Commitment.objects.select_for_update().get(pk=commitment.pk)
    commitment.answer = answer
    commitment.settled_by = settled_by
    commitment.settled_on = settled_on
    commitment.status = CommitmentStatus.SETTLED
    commitment.full_clean()
    commitment.save()
    return commitment
