"""The beheerder reviews status updates in the admin only through the services: the review
fields cannot be edited, and the admin actions accept (values applied to the action) or
return (with a remark, the action unchanged)."""

from django.urls import reverse
from django.utils import timezone

import pytest

from actions import services
from actions.constants import ActionStatus, ReviewStatus
from actions.models import StatusUpdate
from tests.world import World

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:actions_statusupdate_changelist"


@pytest.fixture
def update(veiligthuis):
    action = World().action_2b
    return services.submit_status_update(
        action=action, author=veiligthuis, status=ActionStatus.DELAYED, progress=45
    )


def test_the_review_status_cannot_be_set_in_the_change_form(client_for, beheerder, update):
    url = reverse("admin:actions_statusupdate_change", args=[update.pk])
    page = client_for(beheerder).get(url)
    assert page.status_code == 200
    assert 'name="review_status"' not in page.text
    form = page.context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data["review_status"] = ReviewStatus.ACCEPTED
    created = timezone.localtime(data.pop("created_at"))  # the admin splits date and time
    data |= {"created_at_0": f"{created:%Y-%m-%d}", "created_at_1": f"{created:%H:%M:%S}"}
    saved = client_for(beheerder).post(url, data)
    assert saved.status_code == 302  # the form was valid and saved: only the field was ignored
    update.refresh_from_db()
    assert update.review_status == ReviewStatus.SUBMITTED
    update.action.refresh_from_db()
    assert update.action.progress != 45


def test_accepting_in_the_admin_applies_the_update_to_the_action(client_for, beheerder, update):
    response = client_for(beheerder).post(
        reverse(CHANGELIST),
        {"action": "accept_selected", "_selected_action": [update.pk]},
        follow=True,
    )
    assert "1 voortgangsupdate(s) geaccepteerd." in response.text
    update.refresh_from_db()
    assert update.review_status == ReviewStatus.ACCEPTED
    assert update.reviewed_by == beheerder
    update.action.refresh_from_db()
    assert (update.action.status, update.action.progress) == (ActionStatus.DELAYED, 45)


def test_accepting_an_update_twice_in_the_admin_is_refused(client_for, beheerder, update):
    services.accept_update(update=update, reviewer=beheerder)
    response = client_for(beheerder).post(
        reverse(CHANGELIST),
        {"action": "accept_selected", "_selected_action": [update.pk]},
        follow=True,
    )
    assert "Deze voortgangsupdate is al beoordeeld." in response.text


def test_returning_in_the_admin_asks_for_a_remark_first(client_for, beheerder, update):
    data = {"action": "return_selected", "_selected_action": [update.pk]}
    page = client_for(beheerder).post(reverse(CHANGELIST), data)
    assert page.status_code == 200
    assert "Opmerking voor de ketenpartner" in page.text
    empty = client_for(beheerder).post(reverse(CHANGELIST), {**data, "apply": "1", "remark": " "})
    assert "Geef aan waarom u de update terugstuurt." in empty.text
    assert StatusUpdate.objects.get(pk=update.pk).review_status == ReviewStatus.SUBMITTED


def test_returning_in_the_admin_leaves_the_action_unchanged(client_for, beheerder, update):
    before = update.action.progress
    response = client_for(beheerder).post(
        reverse(CHANGELIST),
        {
            "action": "return_selected",
            "_selected_action": [update.pk],
            "apply": "1",
            "remark": "Graag de cijfers van Q2 erbij.",
        },
        follow=True,
    )
    assert "1 voortgangsupdate(s) teruggestuurd." in response.text
    update.refresh_from_db()
    assert update.review_status == ReviewStatus.RETURNED
    assert update.review_remark == "Graag de cijfers van Q2 erbij."
    update.action.refresh_from_db()
    assert update.action.progress == before
