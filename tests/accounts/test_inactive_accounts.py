"""Unused accounts on a frozen clock (ghnt_portal/retention.py): RETENTION_INACTIVE_NOTICE_DAYS
before RETENTION_INACTIVE_ACCOUNT_DAYS the holder gets one e-mail (through the outbox), and
the account is disabled after the period, never sooner than that many days after the e-mail;
logging in starts the count anew."""

import datetime

from django.contrib.auth import get_user_model

import pytest
from freezegun import freeze_time

from ghnt_portal import retention
from ghnt_portal.audit.constants import AuditAction
from ghnt_portal.audit.models import AuditEvent
from ghnt_portal.outbox.models import OutboxTask

pytestmark = pytest.mark.django_db

START = datetime.datetime(2027, 3, 31, 9, 0, tzinfo=datetime.UTC)
User = get_user_model()


def day(n, hours=0):
    return START + datetime.timedelta(days=n, hours=hours)


@pytest.fixture
def unused(db):
    user = User.objects.create_user(
        "oud-account", email="oud@example.nl", first_name="Olga", last_name="Oud"
    )
    User.objects.filter(pk=user.pk).update(last_login=START)
    return user


@pytest.fixture
def apply_at(django_capture_on_commit_callbacks):
    """Run the retention at a moment, its outbox work after the commit (eager here)."""

    def apply(moment):
        with freeze_time(moment), django_capture_on_commit_callbacks(execute=True):
            return retention.apply()

    return apply


def _mails_to(mailoutbox, address):
    return [m for m in mailoutbox if m.to == [address]]


def _events(user, action):
    return AuditEvent.objects.filter(action=action, object_id=str(user.pk))


def test_an_unused_account_gets_one_notice_and_is_disabled_after_the_period(
    unused, apply_at, mailoutbox
):
    apply_at(day(166) - datetime.timedelta(minutes=1))  # 180 - 14 days, minus a minute
    assert not _mails_to(mailoutbox, "oud@example.nl")

    apply_at(day(166, hours=1))
    [mail] = _mails_to(mailoutbox, "oud@example.nl")
    assert mail.subject == "Uw account in het GHNT-portaal wordt uitgeschakeld"
    assert "Beste Olga Oud" in mail.body
    assert "uitgeschakeld op 27 september 2027" in mail.body  # last login + 180 days
    assert OutboxTask.objects.get(key=f"inactivity-notice:{unused.pk}").state == "done"
    assert _events(unused, AuditAction.INACTIVITY_NOTICE).count() == 1

    apply_at(day(175))  # no second e-mail
    apply_at(day(180, hours=0.5))  # the period has passed, the notice is not 14 days old
    assert len(_mails_to(mailoutbox, "oud@example.nl")) == 1
    unused.refresh_from_db()
    assert unused.is_active

    counts = apply_at(day(180, hours=2))
    unused.refresh_from_db()
    assert not unused.is_active
    assert counts["accounts_disabled"] >= 1
    [disabled] = _events(unused, AuditAction.ACCOUNT_DISABLED)
    assert "meer dan 180 dagen" in disabled.detail


def test_logging_in_after_the_notice_keeps_the_account(unused, apply_at, mailoutbox):
    apply_at(day(167))
    User.objects.filter(pk=unused.pk).update(last_login=day(170))  # read the e-mail, logged in
    apply_at(day(200))
    unused.refresh_from_db()
    assert unused.is_active
    assert len(_mails_to(mailoutbox, "oud@example.nl")) == 1
    apply_at(day(170 + 167))  # unused again: a new notice
    assert len(_mails_to(mailoutbox, "oud@example.nl")) == 2


def test_an_account_unused_for_years_still_gets_the_full_notice_period(apply_at, mailoutbox):
    old = User.objects.create_user("heel-oud", email="heel-oud@example.nl")
    User.objects.filter(pk=old.pk).update(last_login=START - datetime.timedelta(days=900))
    apply_at(START)
    [mail] = _mails_to(mailoutbox, "heel-oud@example.nl")
    assert "uitgeschakeld op 14 april 2027" in mail.body  # today + 14 days
    apply_at(day(13))
    old.refresh_from_db()
    assert old.is_active
    apply_at(day(14, hours=1))
    old.refresh_from_db()
    assert not old.is_active
