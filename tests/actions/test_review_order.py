"""Review order: pending updates are listed oldest first and accepting them from the top of
the page always works; accepting a newer one first closes the older ones as superseded; the
projectleider can accept all of them in order at once."""

import datetime
import re

from django.urls import reverse
from django.utils import timezone

import pytest

from actions.constants import ReviewStatus
from actions.models import Action, StatusUpdate
from actions.services import accept_update, submit_status_update

pytestmark = pytest.mark.django_db

N = 20


@pytest.fixture
def action(zawa_programme):
    return zawa_programme.actions.get(code="2B")


@pytest.fixture
def pending(action, veiligthuis):
    """N updates by Veilig Thuis, a minute apart, progress 1..N: none reviewed yet."""
    start = timezone.now() - datetime.timedelta(hours=1)
    updates = []
    for i in range(1, N + 1):
        update = submit_status_update(
            action=action, author=veiligthuis, status="in_uitvoering", progress=i
        )
        update.created_at = start + datetime.timedelta(minutes=i)
        update.save(update_fields=["created_at"])
        updates.append(update)
    return updates


def _review_links(html: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'href="/acties/voortgang/(\d+)/beoordelen/"', html)]


def test_pending_updates_are_listed_oldest_first(client_for, projectleider, action, pending):
    html = client_for(projectleider).get(action.get_absolute_url()).content.decode()
    assert _review_links(html) == [u.pk for u in pending]
    assert f"{N} updates wachten op beoordeling; de oudste staat bovenaan" in html


def test_accepting_twenty_updates_from_the_top_of_the_page_never_refuses(
    client_for, projectleider, action, pending
):
    client = client_for(projectleider)
    html = client.get(action.get_absolute_url()).content.decode()
    refused = []
    for pk in _review_links(html):  # as listed, top to bottom
        response = client.post(
            reverse("actions:update_review", args=[pk]),
            {"decision": "accepteren", "judgement": "op_schema"},  # as the form prefills it
        )
        if response.status_code != 302:
            refused.append(pk)
    assert refused == []
    statuses = set(
        StatusUpdate.objects.filter(action=action).values_list("review_status", flat=True)
    )
    assert statuses <= {ReviewStatus.ACCEPTED, ReviewStatus.SUPERSEDED}
    action.refresh_from_db()
    assert action.progress == N  # the newest update's values


def test_accepting_the_newest_first_closes_the_older_ones_as_superseded(
    client_for, projectleider, action, pending
):
    newest = pending[-1]
    accept_update(update=newest, reviewer=projectleider)
    when = timezone.localtime(newest.created_at)
    note = f"Vervangen door de update van {when:%d-%m-%Y %H:%M}, die is geaccepteerd."
    older = StatusUpdate.objects.filter(pk__in=[u.pk for u in pending[:-1]])
    assert set(older.values_list("review_status", "review_remark")) == {
        (ReviewStatus.SUPERSEDED, note)
    }
    html = client_for(projectleider).get(action.get_absolute_url()).content.decode()
    assert _review_links(html) == []  # nothing left to review
    assert "Vervangen door de update van" in html
    action.refresh_from_db()
    assert action.progress == N


def test_the_projectleider_accepts_all_in_order_at_once(client_for, projectleider, action, pending):
    version = action.version
    client = client_for(projectleider)
    html = client.get(action.get_absolute_url()).content.decode()
    assert f"Alle {N} in volgorde accepteren" in html
    response = client.post(reverse("actions:updates_accept_all", args=[action.pk]), follow=True)
    assert f"{N} updates in volgorde geaccepteerd (oudste eerst)" in response.content.decode()
    assert not StatusUpdate.objects.filter(action=action).submitted().exists()
    assert StatusUpdate.objects.filter(action=action).accepted().count() == N
    action.refresh_from_db()
    assert (action.progress, action.version) == (N, version + N)  # each step in the history
    reasons = list(action.history.values_list("history_change_reason", flat=True)[:N])
    assert all(r.startswith("Voortgangsupdate van") for r in reasons)


def test_the_ketenpartner_sees_no_bulk_button(client_for, veiligthuis, action, pending):
    html = client_for(veiligthuis).get(action.get_absolute_url()).content.decode()
    assert "in volgorde accepteren" not in html
    assert Action.objects.get(pk=action.pk).progress != N
