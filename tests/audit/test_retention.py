"""Retention of login data on a frozen clock (ghnt_portal/retention.py, README
"Bewaartermijnen"): client addresses become pseudonyms at RETENTION_LOGIN_IP_MONTHS, not
before; failed-login records go at RETENTION_FAILED_LOGIN_MONTHS, not before; the rows of
the audit trail stay; what was done is in the audit trail."""

import datetime
import ipaddress

from django.urls import reverse

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from freezegun import freeze_time

from ghnt_portal import retention
from ghnt_portal.audit.constants import AuditAction
from ghnt_portal.audit.models import AuditEvent
from ghnt_portal.audit.pseudonyms import RANGE, pseudonym

pytestmark = pytest.mark.django_db

START = datetime.datetime(2027, 3, 15, 9, 0, tzinfo=datetime.UTC)
ADDRESS = "198.51.100.23"
OTHER = "203.0.113.50"


def _log_in_and_fail(client, demo_password):
    """A failed and a good login of the Veilig Thuis user from ADDRESS, a failed one of the
    politie user from OTHER."""
    client.post(
        reverse("login"), {"username": "veiligthuis-zawa", "password": "fout"}, REMOTE_ADDR=ADDRESS
    )
    client.post(
        reverse("login"),
        {"username": "veiligthuis-zawa", "password": demo_password},
        REMOTE_ADDR=ADDRESS,
    )
    client.logout()
    client.post(
        reverse("login"), {"username": "politie-zawa", "password": "fout"}, REMOTE_ADDR=OTHER
    )


def _addresses():
    audit = set(
        AuditEvent.objects.filter(actor_name__in=["veiligthuis-zawa", "politie-zawa"])
        .exclude(ip_address=None)
        .values_list("ip_address", flat=True)
    )
    logs = {
        address
        for model in (AccessLog, AccessFailureLog, AccessAttempt)
        for address in model.objects.values_list("ip_address", flat=True)
    }
    return audit, logs


@pytest.fixture(autouse=True)
def _accounts_out_of_the_way(settings):
    """The demo accounts are not used on these frozen days either: leave them to
    tests/accounts/test_inactive_accounts.py."""
    settings.RETENTION_INACTIVE_ACCOUNT_DAYS = 100_000


def _at(moment):
    with freeze_time(moment):
        return retention.apply()


def test_login_addresses_become_pseudonyms_at_twelve_months_not_before(
    client, demo_password, settings
):
    settings.RETENTION_FAILED_LOGIN_MONTHS = 24  # keep the failures to see their addresses
    with freeze_time(START):
        _log_in_and_fail(client, demo_password)
    events = AuditEvent.objects.filter(actor_name__in=["veiligthuis-zawa", "politie-zawa"])
    rows_before = events.count()
    with_address = events.exclude(ip_address=None).count()
    assert _addresses() == ({ADDRESS, OTHER}, {ADDRESS, OTHER})

    counts = _at(datetime.datetime(2028, 3, 15, 8, 59, tzinfo=datetime.UTC))  # a minute before
    assert counts["audit_ips_pseudonymised"] == counts["login_log_ips_pseudonymised"] == 0
    assert _addresses() == ({ADDRESS, OTHER}, {ADDRESS, OTHER})

    counts = _at(datetime.datetime(2028, 3, 15, 9, 1, tzinfo=datetime.UTC))  # 12 months
    expected = {pseudonym(ADDRESS), pseudonym(OTHER)}
    assert _addresses() == (expected, expected)
    assert all(ipaddress.ip_address(a) in RANGE for a in expected)
    assert pseudonym(ADDRESS) != pseudonym(OTHER)  # one address, one pseudonym: still countable
    assert events.count() == rows_before  # the rows stay
    assert counts["audit_ips_pseudonymised"] == with_address
    [applied] = AuditEvent.objects.filter(action=AuditAction.RETENTION_APPLIED)
    assert f"{with_address} IP-adressen in de audittrail" in applied.detail
    assert "ouder dan 12 maanden" in applied.detail

    assert _at(datetime.datetime(2028, 4, 1, tzinfo=datetime.UTC)) == {
        "failed_logins_deleted": 0,
        "audit_ips_pseudonymised": 0,
        "login_log_ips_pseudonymised": 0,
        "inactivity_notices": 0,
        "accounts_disabled": 0,
    }  # run again: nothing left to do, and nothing recorded
    assert AuditEvent.objects.filter(action=AuditAction.RETENTION_APPLIED).count() == 1


def test_failed_logins_are_deleted_at_six_months_not_before(client, demo_password):
    with freeze_time(START):
        _log_in_and_fail(client, demo_password)
    failures = AccessFailureLog.objects.all()
    assert failures.count() == 2 and AccessAttempt.objects.count() == 1  # one not reset

    _at(datetime.datetime(2027, 9, 15, 8, 59, tzinfo=datetime.UTC))  # 6 months minus a minute
    assert failures.count() == 2 and AccessAttempt.objects.count() == 1

    counts = _at(datetime.datetime(2027, 9, 15, 9, 1, tzinfo=datetime.UTC))
    assert counts["failed_logins_deleted"] == 3
    assert not failures.exists() and not AccessAttempt.objects.exists()
    assert AccessLog.objects.filter(username="veiligthuis-zawa").exists()  # the good login
    # The audit trail keeps its "inloggen mislukt" events (their address until 12 months).
    failed = AuditEvent.objects.filter(action=AuditAction.LOGIN_FAILED)
    assert set(failed.values_list("ip_address", flat=True)) == {ADDRESS, OTHER}


def test_months_are_calendar_months():
    at = datetime.datetime(2028, 3, 31, 12, 0, tzinfo=datetime.UTC)
    assert retention.months_before(at, 12) == datetime.datetime(
        2027, 3, 31, 12, tzinfo=datetime.UTC
    )
    assert retention.months_before(at, 1) == datetime.datetime(2028, 2, 29, 12, tzinfo=datetime.UTC)
    assert retention.months_before(at, 6).date() == datetime.date(2027, 9, 30)


def test_the_task_is_scheduled_every_night():
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.get(task="ghnt_portal.tasks.apply_retention")
    assert task.enabled and task.crontab is not None
    assert (task.crontab.hour, task.crontab.minute) == ("3", "30")
