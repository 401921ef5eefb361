"""No reader pays for a change (issue 26, monitoring/dashboard/warm.py): after a change that
makes a dashboard stale, a background task (through the outbox) computes it again, so the
next reader is served from the cache; changes in quick succession cost one computation."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from actions.services.updates import accept_update
from ghnt_portal.outbox.constants import OutboxState
from ghnt_portal.outbox.models import OutboxTask
from monitoring.dashboard import warm
from tests.monitoring.helpers import dashboard_url
from tests.world import World

pytestmark = pytest.mark.django_db

# A dashboard served from the cache: session, user, memberships, programme, municipalities
# (the filter form), latest sent report, and for an editor "Te beoordelen (n)".
CACHED_QUERIES = {"raadslid": 6, "projectleider": 7}


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return response, len(ctx.captured_queries)


def _warm_ups(programme):
    return OutboxTask.objects.filter(key=warm.outbox_key(programme.pk))


@pytest.mark.parametrize("role", ["raadslid", "projectleider"])
def test_after_an_accepted_update_the_task_warms_the_page_and_the_next_reader_hits_the_cache(
    request, role, client_for, projectleider, django_capture_on_commit_callbacks
):
    world = World()
    programme = world.zawa_programme
    client = client_for(request.getfixturevalue(role))
    client.get(dashboard_url(programme))  # the reader's page cached before the change
    update = world.update_2b
    update.status, update.progress = "vertraagd", 55
    update.save()

    with django_capture_on_commit_callbacks(execute=True):
        accept_update(update=update, reviewer=projectleider)

    # One warm-up for the programme, though the action, its results and milestones changed;
    # it ran (eagerly here, on a worker in production).
    assert [row.state for row in _warm_ups(programme)] == [OutboxState.DONE]
    response, queries = _queries(client, dashboard_url(programme))
    assert queries == CACHED_QUERIES[role]
    statuses = {s["status"]: s["count"] for s in response.context["dashboard"]["headline"].statuses}
    assert statuses.get("vertraagd", 0) >= 1  # the new data, not the entry from before
    assert "vertraagd" in response.content.decode().lower()


def test_without_the_warm_up_the_next_reader_computes_the_page(
    settings, client_for, raadslid, projectleider, django_capture_on_commit_callbacks
):
    settings.DASHBOARD_WARM_AFTER_CHANGE = False
    world = World()
    client_for(raadslid).get(dashboard_url(world.zawa_programme))
    with django_capture_on_commit_callbacks(execute=True):
        accept_update(update=world.update_2b, reviewer=projectleider)

    assert not _warm_ups(world.zawa_programme).exists()
    _response, queries = _queries(client_for(raadslid), dashboard_url(world.zawa_programme))
    assert queries > CACHED_QUERIES["raadslid"]


def test_a_warm_up_still_waiting_for_a_worker_takes_the_next_change_too(
    client_for, raadslid, projectleider, django_capture_on_commit_callbacks
):
    world = World()
    programme = world.zawa_programme
    client_for(raadslid).get(dashboard_url(programme))
    waiting = OutboxTask.objects.create(
        task_name=warm.TASK_NAME,
        args=[programme.pk],
        key=warm.outbox_key(programme.pk),
        state=OutboxState.SENT,
    )
    with django_capture_on_commit_callbacks(execute=True):
        accept_update(update=world.update_2b, reviewer=projectleider)
    action = world.action_2b
    with django_capture_on_commit_callbacks(execute=True):
        action.title = "MDA++ overal"
        action.save()

    assert list(_warm_ups(programme)) == [waiting]


def test_a_dashboard_nobody_read_is_not_warmed(projectleider, django_capture_on_commit_callbacks):
    # Loading the demo data (every change committed) warmed nothing either.
    assert not OutboxTask.objects.filter(task_name=warm.TASK_NAME).exists()
    world = World()
    with django_capture_on_commit_callbacks(execute=True):
        accept_update(update=world.update_2b, reviewer=projectleider)

    assert not _warm_ups(world.zawa_programme).exists()


def test_a_change_rolled_back_warms_nothing_and_a_gone_programme_is_skipped(
    django_capture_on_commit_callbacks,
):
    world = World()
    programme = world.zawa_programme
    assert warm.warm(10**9) == 0
    # Each kind of viewer's first screen: editors, readers without and with each municipality.
    assert warm.warm(programme.pk) == 2 + programme.region.municipalities.count()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        world.action_2b.save()
    assert callbacks  # registered, never run: the change was not committed
    assert not _warm_ups(programme).exists()
