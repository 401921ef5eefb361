"""Self-service: a projectleider invites an employee of a partner organisation, who sets a
password through the one-time link in the e-mail, signs in and reports progress. A beheerder
makes a user with their role on one screen; that user chooses their own password first."""

import datetime
import re

from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone

import pytest
from freezegun import freeze_time

from actions.models import StatusUpdate
from ghnt_portal.accounts.models import AccountSetup
from ghnt_portal.audit.models import AuditEvent
from programmes.models import Membership, Organisation
from programmes.tasks import send_invitation
from tests.world import World

pytestmark = pytest.mark.django_db

ZAWA = "zaanstreek-waterland"
NEW_PASSWORD = "Zaanse-molens-draaien-2026"


@pytest.fixture
def vt_org():
    return Organisation.objects.get(name="Veilig Thuis Zaanstreek-Waterland")


def _invite(client, organisation, programme, email="sanne.visser@veiligthuis.example.nl"):
    return client.post(
        reverse("people:invite", args=[ZAWA]),
        {
            "first_name": "Sanne",
            "last_name": "Visser",
            "email": email,
            "organisation": organisation.pk,
            "programmes": [programme.pk],
        },
    )


def _link_in(message) -> str:
    match = re.search(r"https?://\S+/uitnodiging/\S+/", message.body)
    assert match, message.body
    return match.group(0).split("://", 1)[1].split("/", 1)[1].join(["/", ""])


def test_invited_partner_sets_a_password_signs_in_and_reports(
    client, client_for, projectleider, vt_org, zawa_programme, django_capture_on_commit_callbacks
):
    # 1. The projectleider invites; the account and its role exist at once.
    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(client_for(projectleider), vt_org, zawa_programme)
    assert response.status_code == 302
    assert response["Location"] == reverse("people:list", args=[ZAWA])
    invited = get_user_model().objects.get(username="sanne.visser@veiligthuis.example.nl")
    assert not invited.has_usable_password()
    assert Membership.objects.filter(user=invited, role="ketenpartner", organisation=vt_org)
    assert "Sanne Visser" in client.get(response["Location"]).content.decode()

    # 2. One e-mail, in Dutch, with the one-time link.
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["sanne.visser@veiligthuis.example.nl"]
    assert message.subject == "Uitnodiging voor het GHNT-portaal"
    assert "Veilig Thuis Zaanstreek-Waterland" in message.body
    link = _link_in(message)

    # 3. The invited person follows the link (signed out) and sets a password.
    client.logout()
    page = client.get(link, follow=True)
    assert "Welkom bij het GHNT-portaal" in page.content.decode()
    set_password_url = page.redirect_chain[-1][0]
    response = client.post(
        set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] == reverse("login")

    # 4. The link worked once.
    assert "werkt niet (meer)" in client.get(link, follow=True).content.decode()

    # 5. Sign in with the e-mail address and the new password; see the partner's actions.
    response = client.post(
        reverse("login"), {"username": invited.username, "password": NEW_PASSWORD}
    )
    assert response.status_code == 302
    mine = client.get(reverse("actions:mine"))
    assert mine.status_code == 200
    assert {a.code for a in mine.context["actions"]} == {"1A", "1B", "2B", "3B", "4A"}

    # 6. Post a status update on 2B.
    action = World().action_2b
    response = client.post(
        reverse("actions:update_create", args=[action.pk]),
        {
            "status": "in_uitvoering",
            "progress": "30",
            "judgement": "op_schema",
            "remark": "Eerste training gegeven.",
        },
    )
    assert response.status_code == 302
    update = StatusUpdate.objects.get(action=action)
    assert (update.author, update.organisation) == (invited, vt_org)

    # 7. The audit trail names the role given and the invitation sent, by the projectleider.
    events = AuditEvent.objects.filter(object_id=str(invited.pk))
    assert events.filter(action="membership_added", actor_name="projectleider-zawa").exists()
    sent = events.get(action="invitation_sent")
    assert sent.actor_name == "projectleider-zawa"
    assert "sanne.visser@veiligthuis.example.nl" in sent.detail


def test_the_invitation_email_is_sent_once_however_often_the_task_runs(
    client_for, projectleider, vt_org, zawa_programme, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _invite(client_for(projectleider), vt_org, zawa_programme)
    invited = get_user_model().objects.get(email="sanne.visser@veiligthuis.example.nl")
    assert send_invitation(invited.pk) is False
    assert len(mail.outbox) == 1


def test_the_task_is_enqueued_on_commit_not_before(
    client_for, projectleider, vt_org, zawa_programme, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _invite(client_for(projectleider), vt_org, zawa_programme)
    assert len(callbacks) == 1 and len(mail.outbox) == 0
    callbacks[0]()
    assert len(mail.outbox) == 1


def test_the_link_expires(
    client, client_for, projectleider, vt_org, zawa_programme, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _invite(client_for(projectleider), vt_org, zawa_programme)
    link = _link_in(mail.outbox[0])
    client.logout()
    with freeze_time(timezone.now() + datetime.timedelta(days=8)):
        page = client.get(link, follow=True).content.decode()
    assert "werkt niet (meer)" in page


def test_resending_gives_a_new_working_link(
    client, client_for, projectleider, vt_org, zawa_programme, django_capture_on_commit_callbacks
):
    pl = client_for(projectleider)
    with django_capture_on_commit_callbacks(execute=True):
        _invite(pl, vt_org, zawa_programme)
    invited = get_user_model().objects.get(email="sanne.visser@veiligthuis.example.nl")
    with django_capture_on_commit_callbacks(execute=True):
        response = pl.post(reverse("people:resend", args=[ZAWA, invited.pk]))
    assert response.status_code == 302
    assert len(mail.outbox) == 2
    client.logout()
    page = client.get(_link_in(mail.outbox[1]), follow=True).content.decode()
    assert "Kies een wachtwoord" in page


def test_an_address_with_an_account_gets_a_dutch_error(
    client_for, projectleider, vt_org, zawa_programme, veiligthuis
):
    response = _invite(client_for(projectleider), vt_org, zawa_programme, veiligthuis.email.upper())
    assert response.status_code == 400
    assert "Er is al een account met dit e-mailadres" in response.content.decode()
    assert len(mail.outbox) == 0


def test_only_the_regions_organisations_can_be_chosen(client_for, projectleider, zawa_programme):
    haarlem_vt = Organisation.objects.get(name="Veilig Thuis Kennemerland")
    client = client_for(projectleider)
    form = client.get(reverse("people:invite", args=[ZAWA])).content.decode()
    assert "Veilig Thuis Kennemerland" not in form
    response = _invite(client, haarlem_vt, zawa_programme)
    assert response.status_code == 400
    assert not get_user_model().objects.filter(email="sanne.visser@veiligthuis.example.nl")


def test_people_list_query_count_does_not_grow(
    client_for, projectleider, vt_org, zawa_programme, django_assert_num_queries
):
    client = client_for(projectleider)
    url = reverse("people:list", args=[ZAWA])
    # session, user, scope (memberships), region, memberships with users and organisations;
    # "Te beoordelen (n)" in the navigation
    with django_assert_num_queries(6):
        assert client.get(url).status_code == 200
    for i in range(5):
        user = get_user_model().objects.create_user(f"extra{i}", f"extra{i}@example.nl")
        Membership.objects.create(user=user, role="ketenpartner", organisation=vt_org)
        AccountSetup.objects.create(user=user, invited_at=timezone.now())
    with django_assert_num_queries(6):
        response = client.get(url)
    assert response.content.decode().count("nog geen wachtwoord ingesteld") >= 5


# --- the beheerder: one screen, then the user chooses their own password ----------------------


def _admin_add(client, **extra):
    data = {
        "username": "jan.jansen",
        "first_name": "Jan",
        "last_name": "Jansen",
        "email": "jan.jansen@politie.example.nl",
        "password1": "Tijdelijk-wachtwoord-42",
        "password2": "Tijdelijk-wachtwoord-42",
        "memberships-TOTAL_FORMS": "1",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
        "memberships-0-role": "ketenpartner",
        "memberships-0-organisation": Organisation.objects.get(
            name="Politie Zaanstreek-Waterland"
        ).pk,
    }
    data.update(extra)
    return client.post(reverse("admin:auth_user_add"), data)


def test_beheerder_makes_a_partner_user_with_the_role_on_one_screen(client_for, beheerder):
    client = client_for(beheerder)
    page = client.get(reverse("admin:auth_user_add")).content.decode()
    assert "memberships-0-role" in page and "Ketenpartner" in page
    response = _admin_add(client)
    assert response.status_code == 302, response.content.decode()[:3000]
    user = get_user_model().objects.get(username="jan.jansen")
    assert user.memberships.get().organisation.name == "Politie Zaanstreek-Waterland"
    assert user.account_setup.must_set_password


def test_a_role_without_its_scope_is_refused_in_dutch(client_for, beheerder):
    response = _admin_add(client_for(beheerder), **{"memberships-0-organisation": ""})
    assert response.status_code == 200
    assert "een ketenpartner bij een organisatie" in response.content.decode()
    assert not get_user_model().objects.filter(username="jan.jansen").exists()


def test_user_admin_shows_no_permission_lists(client_for, beheerder, veiligthuis):
    page = client_for(beheerder).get(reverse("admin:auth_user_change", args=[veiligthuis.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "user_permissions" not in html and "Can add" not in html
    assert 'name="groups"' not in html


def test_a_user_made_by_the_beheerder_chooses_a_password_before_anything_else(
    client, client_for, beheerder
):
    _admin_add(client_for(beheerder))
    client.logout()
    response = client.post(
        reverse("login"), {"username": "jan.jansen", "password": "Tijdelijk-wachtwoord-42"}
    )
    assert response.status_code == 302
    # Every page leads to the password choice until it is done.
    for url in (reverse("home"), reverse("actions:mine")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("choose_password"))
    page = client.get(reverse("choose_password"))
    assert "Kies uw wachtwoord" in page.content.decode()
    response = client.post(
        reverse("choose_password") + "?next=/acties/mijn/",
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD, "next": "/acties/mijn/"},
    )
    assert response.status_code == 302 and response["Location"] == "/acties/mijn/"
    assert client.get(reverse("actions:mine")).status_code == 200
    user = get_user_model().objects.get(username="jan.jansen")
    assert user.check_password(NEW_PASSWORD)
    assert not user.account_setup.must_set_password
    # The next login goes straight in.
    client.logout()
    client.post(reverse("login"), {"username": "jan.jansen", "password": NEW_PASSWORD})
    assert client.get(reverse("actions:mine")).status_code == 200


def test_a_weak_password_is_refused_in_dutch(client, client_for, beheerder):
    _admin_add(client_for(beheerder))
    client.logout()
    client.post(reverse("login"), {"username": "jan.jansen", "password": "Tijdelijk-wachtwoord-42"})
    response = client.post(
        reverse("choose_password"), {"new_password1": "kort", "new_password2": "kort"}
    )
    assert response.status_code == 400
    assert "minstens 12 tekens" in response.content.decode()


def test_a_broker_that_is_away_keeps_the_invitation_and_the_list_says_so(
    client_for,
    projectleider,
    vt_org,
    zawa_programme,
    django_capture_on_commit_callbacks,
    monkeypatch,
):
    from ghnt_portal.celery import app

    def away(*args, **kwargs):
        raise ConnectionError("broker away")

    # The registered task the outbox publishes (not the module's proxy).
    monkeypatch.setattr(app.tasks["programmes.tasks.send_invitation"], "apply_async", away)
    client = client_for(projectleider)
    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(client, vt_org, zawa_programme)
    assert response.status_code == 302
    assert get_user_model().objects.filter(email="sanne.visser@veiligthuis.example.nl").exists()
    page = client.get(reverse("people:list", args=[ZAWA])).content.decode()
    assert "de e-mail is nog niet verzonden" in page


def test_a_new_projectleider_chooses_a_password_then_sets_up_the_second_factor(
    client, client_for, beheerder, zawa
):
    response = _admin_add(
        client_for(beheerder),
        **{
            "memberships-0-role": "projectleider",
            "memberships-0-organisation": "",
            "memberships-0-region": zawa.pk,
        },
    )
    assert response.status_code == 302
    client.logout()
    client.post(reverse("login"), {"username": "jan.jansen", "password": "Tijdelijk-wachtwoord-42"})
    assert client.get(reverse("home"))["Location"].startswith(reverse("choose_password"))
    client.post(
        reverse("choose_password"), {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert client.get(reverse("home"))["Location"].startswith(reverse("two_factor_setup"))
