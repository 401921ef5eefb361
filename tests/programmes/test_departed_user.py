"""A departed user's personal data, in the admin (programmes/people/departure.py): the
beheerder exports it as JSON, then anonymises the account; what the person made stays
attributed to "voormalig gebruiker (organisatie)"."""

import json

from django.contrib.auth import get_user_model
from django.urls import reverse

import pytest
from axes.models import AccessLog

from ghnt_portal.audit.constants import AuditAction
from ghnt_portal.audit.models import AuditEvent
from ghnt_portal.audit.pseudonyms import pseudonym
from ghnt_portal.notifications.models import NotificationPreference
from programmes.people.names import names_with_organisation

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:auth_user_changelist")


def _action(client, name, user, **extra):
    return client.post(CHANGELIST, {"action": name, "_selected_action": [user.pk], **extra})


@pytest.fixture
def departing(client, demo_password, veiligthuis):
    """The Veilig Thuis employee logged in once from a known address and chose a preference."""
    client.post(
        reverse("login"),
        {"username": veiligthuis.username, "password": demo_password},
        REMOTE_ADDR="198.51.100.40",
    )
    client.logout()
    NotificationPreference.objects.create(
        user=veiligthuis, event="update_submitted", delivery="off"
    )
    veiligthuis.refresh_from_db()
    return veiligthuis


def test_the_beheerder_exports_a_users_personal_data_as_json(client_for, beheerder, departing):
    response = _action(client_for(beheerder), "export_personal_data", departing)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    [data] = json.loads(response.content)
    assert data["account"]["gebruikersnaam"] == departing.username
    assert data["account"]["e-mailadres"] == departing.email
    assert data["rollen"][0]["organisatie"]
    assert any(e["ip_adres"] == "198.51.100.40" for e in data["audittrail"])
    assert any(row["ip_adres"] == "198.51.100.40" for row in data["inlogpogingen"])
    assert data["meldingsvoorkeuren"] == [{"event": "update_submitted", "delivery": "off"}]
    assert AuditEvent.objects.filter(
        action=AuditAction.PERSONAL_DATA_EXPORTED,
        object_id=str(departing.pk),
        actor_id=beheerder.pk,
    ).exists()


def test_anonymising_asks_first_then_removes_the_person_and_keeps_the_attribution(
    client, client_for, beheerder, departing, demo_password
):
    organisation = departing.memberships.get().organisation.name
    admin = client_for(beheerder)
    confirm = _action(admin, "anonymise_departed", departing)
    assert confirm.status_code == 200
    assert "Ja, anonimiseren" in confirm.content.decode()
    departing.refresh_from_db()
    assert departing.is_active and departing.email  # nothing changed yet

    response = _action(admin, "anonymise_departed", departing, bevestigd="ja")
    assert response.status_code == 302
    user = get_user_model().objects.get(pk=departing.pk)
    assert (user.username, user.first_name, user.last_name, user.email) == (
        f"voormalig-{user.pk}",
        "voormalig",
        "gebruiker",
        "",
    )
    assert not user.is_active and not user.has_usable_password()
    assert not NotificationPreference.objects.filter(user=user).exists()
    # What they made: still theirs, named by role and organisation only.
    assert names_with_organisation([user])[user.pk] == f"voormalig gebruiker ({organisation})"
    # The login log: no name, no address.
    logs = AccessLog.objects.filter(username=user.username)
    assert set(logs.values_list("ip_address", flat=True)) == {pseudonym("198.51.100.40")}
    assert not AccessLog.objects.filter(username=departing.username).exists()
    [event] = AuditEvent.objects.filter(action=AuditAction.ACCOUNT_ANONYMISED)
    assert event.actor_id == beheerder.pk and organisation in event.object_repr
    # The old login no longer works.
    client.logout()
    client.post(reverse("login"), {"username": departing.username, "password": demo_password})
    assert "_auth_user_id" not in client.session


def test_a_beheerder_does_not_anonymise_their_own_account(client_for, beheerder):
    admin = client_for(beheerder)
    response = _action(admin, "anonymise_departed", beheerder, bevestigd="ja")
    assert response.status_code == 302
    beheerder.refresh_from_db()
    assert beheerder.is_active and not beheerder.username.startswith("voormalig")


def test_other_roles_cannot_export_or_anonymise(client_for, projectleider, veiligthuis):
    response = _action(client_for(projectleider), "export_personal_data", veiligthuis)
    assert response.status_code in (302, 403)
    assert not AuditEvent.objects.filter(action=AuditAction.PERSONAL_DATA_EXPORTED).exists()
