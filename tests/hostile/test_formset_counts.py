"""A forged formset count (TOTAL_FORMS=99999999) is refused at once with a Dutch error: no
thousands of forms built or rendered, nothing saved."""

from django.urls import reverse

import pytest

from tests.actions.formdata import action_form_data
from tests.hostile.harness import Counter, send
from tests.world import World

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("prefix", ["milestones", "results", "budget"])
def test_a_forged_total_forms_is_refused_fast(client_for, projectleider, prefix, record_property):
    action = World().action_2b
    data = action_form_data(action, title="Niet opslaan", **{f"{prefix}-TOTAL_FORMS": "99999999"})
    counter = Counter()
    outcome = send(
        client_for(projectleider),
        "post",
        reverse("actions:edit", args=[action.pk]),
        data,
        counter=counter,
    )
    assert outcome.status == 200
    assert "Verstuur maximaal 50 formulieren." in outcome.text
    assert outcome.seconds < 1  # CPU; it took 30 s before the cap
    record_property("hostile_inputs", counter.requests)
