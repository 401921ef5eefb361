"""The region calendar (.ics) is kept per region and user until its data changes (issue 26):
asked again it is not built again, and every change to a meeting, milestone or toezegging
shows in the next download; one user never gets another's calendar."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest
from icalendar import Calendar

from actions.models import Milestone
from governance.models import Meeting
from tests.world import World

pytestmark = pytest.mark.django_db

URL = reverse("governance:calendar_ics", args=["zaanstreek-waterland"])


def _download(client):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(URL)
    assert response.status_code == 200
    summaries = {str(e["summary"]) for e in Calendar.from_ical(response.content).walk("VEVENT")}
    return summaries, len(ctx.captured_queries)


def test_asked_again_the_calendar_is_not_built_again(client_for, projectleider):
    client = client_for(projectleider)
    first, built = _download(client)
    again, kept = _download(client)

    assert again == first
    # Kept: session, user, memberships, region (+ the navigation's count); not the meetings,
    # milestones and toezeggingen.
    assert kept < built - 2


def test_a_changed_meeting_and_milestone_show_in_the_next_download(client_for, projectleider):
    world = World()
    client = client_for(projectleider)
    _download(client)

    meeting = world.zawa_ao_january
    meeting.label = "AO-verschoven"
    meeting.save()
    milestone = Milestone.objects.filter(programme=world.zawa_programme, letter="a").get()
    milestone.title = "Communicatieplan herzien"
    milestone.save()
    summaries, _ = _download(client)

    assert any("AO-verschoven" in s for s in summaries)
    assert any("Communicatieplan herzien" in s for s in summaries)
    Meeting.objects.get(pk=meeting.pk).delete()
    summaries, _ = _download(client)
    assert not any("AO-verschoven" in s for s in summaries)


def test_each_user_gets_their_own_calendar(client_for, projectleider, raadslid):
    world = World()
    programme = world.zawa_programme
    programme.status = "concept"  # a draft: its milestones are not for a raadslid
    programme.save()
    editor, _ = _download(client_for(projectleider))
    reader, _ = _download(client_for(raadslid))

    draft = {s for s in editor if s.startswith("Mijlpaal")}
    assert draft and not draft & reader


def test_a_new_membership_shows_in_the_next_download(client_for, raadslid):
    from programmes.models import Membership

    world = World()
    programme = world.zawa_programme
    programme.status = "concept"
    programme.save()
    client = client_for(raadslid)
    before, _ = _download(client)
    Membership.objects.create(user=raadslid, role="projectleider", region=programme.region)
    client = client_for(raadslid)  # logged in again: a projectleider passes the second factor
    after, _ = _download(client)

    assert not any(s.startswith("Mijlpaal") for s in before)
    assert any(s.startswith("Mijlpaal") for s in after)
