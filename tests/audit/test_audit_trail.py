"""The audit trail (BIO 8.15): what is recorded, that it holds no secrets, that a beheerder
can view and filter it, and that nobody can change or delete it (admin, ORM, raw SQL)."""

import logging

from django.contrib.auth import get_user_model
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog

from ghnt_portal import audit
from ghnt_portal.audit.models import AuditEvent
from monitoring.models import ReportDownload
from programmes.models import Membership
from tests.world import World

pytestmark = pytest.mark.django_db

SECRET = "Geheim-Wachtwoord-9876!"


def _actions(**filters):
    return list(AuditEvent.objects.filter(**filters).values_list("action", flat=True))


def test_login_failed_login_and_logout_are_recorded_with_address_and_no_secrets(
    client, demo_password, caplog
):
    caplog.set_level(logging.DEBUG)
    address = {"REMOTE_ADDR": "198.51.100.23"}
    client.post(reverse("login"), {"username": "veiligthuis-zawa", "password": SECRET}, **address)
    client.post(
        reverse("login"), {"username": "veiligthuis-zawa", "password": demo_password}, **address
    )
    session_key = client.session.session_key
    csrf = client.cookies.get("csrftoken")
    client.post(reverse("logout"), **address)

    events = list(AuditEvent.objects.filter(actor_name="veiligthuis-zawa").order_by("id"))
    assert [(e.action, e.result) for e in events] == [
        ("login_failed", "mislukt"),
        ("login", "gelukt"),
        ("logout", "gelukt"),
    ]
    assert {e.ip_address for e in events} == {"198.51.100.23"}
    assert events[1].object_repr == "veiligthuis-zawa" and events[1].actor_id

    # No password, session id or CSRF token anywhere: audit trail, axes' records, log lines.
    stored = " ".join(
        str(value)
        for model in (AuditEvent, AccessAttempt, AccessFailureLog, AccessLog)
        for row in model.objects.values()
        for value in row.values()
    )
    secrets = [SECRET, demo_password, session_key] + ([csrf.value] if csrf else [])
    for secret in secrets:
        assert secret not in stored
        assert secret not in caplog.text


def test_role_changes_are_recorded_with_the_beheerder_as_actor(client_for, beheerder, zawa):
    user = get_user_model().objects.get(username="raadslid-zaanstad")
    membership = Membership.objects.get(user=user)
    before = AuditEvent.objects.order_by("id").last().id  # the demo data's own events
    client = client_for(beheerder)
    url = reverse("admin:programmes_membership_change", args=[membership.pk])
    response = client.post(
        url,
        {
            "user": user.pk,
            "role": "wethouder",
            "municipality": membership.municipality_id,
            "region": "",
            "organisation": "",
        },
    )
    assert response.status_code == 302, response.text[:2000]
    changed = AuditEvent.objects.get(action="membership_changed")
    assert changed.actor_name == "beheerder"
    assert changed.object_repr == "raadslid-zaanstad"
    assert "Raadslid" in changed.detail and "Wethouder" in changed.detail

    added = Membership.objects.create(user=user, role="projectleider", region=zawa)
    added.delete()
    assert _actions(object_repr="raadslid-zaanstad", id__gt=before) == [
        "membership_removed",
        "membership_added",
        "membership_changed",
    ]


def test_making_a_user_superuser_is_recorded(client_for, beheerder):
    user = get_user_model().objects.get(username="rijk")
    user.is_superuser = True
    user.save()
    event = AuditEvent.objects.get(action="account_changed", object_repr="rijk")
    assert event.detail == "is_superuser: nee → ja"


def test_report_finalise_send_and_download_are_recorded(client_for, projectleider, wethouder):
    from tests.monitoring.reports import adopt, make_report

    report = adopt(make_report(World().zawa_programme, "concept", "2021-H1"))
    client = client_for(projectleider)
    client.post(reverse("monitoring:report_finalise", args=[report.pk]))
    client.post(reverse("monitoring:report_send", args=[report.pk]))
    report.refresh_from_db()
    assert report.status == "verzonden"
    download = client_for(wethouder).get(reverse("monitoring:report_download", args=[report.pk]))
    assert download.status_code == 200
    rows = AuditEvent.objects.filter(object_id=str(report.pk), content_type__model="progressreport")
    assert sorted(rows.values_list("action", "actor_name")) == [
        ("report_downloaded", "wethouder-zaanstad"),
        ("report_finalised", "projectleider-zawa"),
        ("report_sent", "projectleider-zawa"),
    ]


def test_deleting_an_action_is_recorded(client_for, projectleider):
    action = World().action_2d
    response = client_for(projectleider).post(reverse("actions:delete", args=[action.pk]))
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="deleted", content_type__model="action")
    assert (event.object_id, event.actor_name) == (str(action.pk), "projectleider-zawa")
    assert event.object_repr == str(action)


# --- never changed or deleted ------------------------------------------------------------------


def test_the_orm_refuses_to_change_or_delete_an_event():
    from django.core.exceptions import PermissionDenied

    event = audit.record("login", actor_name="iemand")
    event.detail = "veranderd"
    with pytest.raises(PermissionDenied):
        event.save()
    with pytest.raises(PermissionDenied):
        event.delete()
    with pytest.raises(PermissionDenied):
        AuditEvent.objects.all().delete()
    with pytest.raises(PermissionDenied):
        AuditEvent.objects.update(detail="weg")


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_auditevent SET detail = 'weg' WHERE id = %s",
        "DELETE FROM audit_auditevent WHERE id = %s",
    ],
)
def test_the_database_refuses_to_change_or_delete_an_event(sql):
    """The second layer, for whatever bypasses the application (raw SQL, another tool)."""
    event = audit.record("login", actor_name="iemand")
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).detail == ""


# --- the admin: view and filter, never add, change or delete ------------------------------------


def test_beheerder_views_and_filters_the_audit_trail(
    client_for, beheerder, django_assert_max_num_queries
):
    audit.record("login", actor_name="zoekmij", detail="x")
    audit.record("lockout", actor_name="zoekmij", result="geweigerd")
    client = client_for(beheerder)
    url = reverse("admin:audit_auditevent_changelist")
    with django_assert_max_num_queries(12):
        response = client.get(url, {"action__exact": "lockout", "q": "zoekmij"})
    assert response.status_code == 200
    assert "zoekmij" in response.text
    assert response.context["cl"].result_count == 1
    assert response.context["cl"].queryset.get().action == "lockout"


def test_other_roles_cannot_see_the_audit_trail(client_for, projectleider):
    client = client_for(projectleider)
    response = client.get(reverse("admin:audit_auditevent_changelist"))
    assert response.status_code == 302  # not staff: the admin sends them to the login


@pytest.mark.parametrize(
    "model", [AuditEvent, AccessLog, AccessFailureLog, ReportDownload], ids=lambda m: m.__name__
)
def test_records_cannot_be_added_changed_or_deleted_in_the_admin(client_for, beheerder, model):
    if model is AuditEvent:
        obj = audit.record("login", actor_name="iemand")
    elif model is ReportDownload:
        from tests.monitoring.reports import make_report

        report = make_report(World().zawa_programme, "definitief", "2021-H1")
        obj = ReportDownload.objects.create(report=report, user=beheerder)
    else:
        obj = model.objects.create(username="iemand", ip_address="192.0.2.1", user_agent="x")
    client = client_for(beheerder)
    info = (model._meta.app_label, model._meta.model_name)
    changelist = client.get(reverse("admin:{}_{}_changelist".format(*info)))
    assert changelist.status_code == 200
    assert "delete_selected" not in changelist.text
    bulk = client.post(
        reverse("admin:{}_{}_changelist".format(*info)),
        {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"},
    )
    assert bulk.status_code in (200, 302)
    assert client.get(reverse("admin:{}_{}_add".format(*info))).status_code == 403
    assert (
        client.post(
            reverse("admin:{}_{}_delete".format(*info), args=[obj.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    change = client.post(reverse("admin:{}_{}_change".format(*info), args=[obj.pk]), {})
    assert change.status_code == 403
    assert model.objects.filter(pk=obj.pk).exists()
