"""The .ics export parses with icalendar and holds meetings and milestone deadlines."""

import datetime

from django.urls import reverse

import pytest
from icalendar import Calendar

from actions.models import Milestone


def _calendar(client, slug="zaanstreek-waterland"):
    response = client.get(reverse("governance:calendar_ics", args=[slug]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def _events(cal):
    return {str(e["uid"]): (e.decoded("dtstart"), str(e["summary"])) for e in cal.walk("VEVENT")}


@pytest.mark.django_db
def test_ics_holds_the_ao_of_january_2021_and_the_milestones_planned_in_it(
    client_for, projectleider
):
    from tests.world import World

    world = World()
    events = _events(_calendar(client_for(projectleider)))
    ao_jan = events[f"meeting-{world.zawa_ao_january.pk}@ghnt-portaal"]
    assert ao_jan[0] == datetime.date(2021, 1, 1)
    # Known by its month only: on the 1st, and the title says the day is not known yet.
    assert "Ambtelijk Overleg Zorg en Veiligheid (AO-jan) (datum nog niet bekend)" == ao_jan[1]
    # Milestone a (communicatieplan, 1A) is tied to AO-jan: its deadline is that meeting.
    milestone_a = world.zawa_programme.milestones.get(letter="a")
    assert events[f"milestone-{milestone_a.pk}@ghnt-portaal"] == (
        datetime.date(2021, 1, 1),
        "Mijlpaal a: Communicatieplan/pakket (actie 1A) (datum nog niet bekend)",
    )


@pytest.mark.django_db
def test_a_milestone_without_meeting_falls_due_at_the_end_of_its_quarter(
    client_for, projectleider, zawa_programme
):
    untied = Milestone.objects.filter(
        programme=zawa_programme, meeting__isnull=True, planned_year__isnull=False
    ).first()
    if untied is None:
        untied = zawa_programme.milestones.get(letter="b")
        untied.planned_year, untied.planned_quarter = 2021, 2
        untied.save()
    events = _events(_calendar(client_for(projectleider)))
    day, _summary = events[f"milestone-{untied.pk}@ghnt-portaal"]
    quarter_end = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}[untied.planned_quarter]
    assert day == datetime.date(untied.planned_year, *quarter_end)


@pytest.mark.django_db
def test_done_and_unplanned_milestones_are_not_in_the_calendar(
    client_for, projectleider, zawa_programme
):
    done = zawa_programme.milestones.get(letter="a")
    done.done_on = datetime.date(2021, 1, 20)
    done.save()
    unplanned = zawa_programme.milestones.filter(planned_year__isnull=True, meeting__isnull=True)
    events = _events(_calendar(client_for(projectleider)))
    assert f"milestone-{done.pk}@ghnt-portaal" not in events
    for m in unplanned:
        assert f"milestone-{m.pk}@ghnt-portaal" not in events
    meetings = [uid for uid in events if uid.startswith("meeting-")]
    assert len(meetings) == 16  # every meeting of Zaanstreek-Waterland, Q2 2020 - Q4 2021


@pytest.mark.django_db
def test_the_calendar_holds_only_the_regions_own_meetings(client_for, beheerder):
    events = _events(_calendar(client_for(beheerder), "kennemerland"))
    summaries = {summary for _day, summary in events.values()}
    assert "College van B&W Haarlem (College d.d. 14 september 2021)" in summaries
    assert not any("Zorg en Veiligheid" in s for s in summaries)


@pytest.mark.django_db
def test_a_meeting_with_a_known_day_has_no_note_in_its_title(client_for, projectleider):
    from governance.models import Meeting

    exact = Meeting.objects.filter(
        body__region__slug="zaanstreek-waterland", date_precision="dag"
    ).first()
    if exact is None:
        from tests.world import World

        exact = Meeting.objects.create(body=World().zawa_college, date=datetime.date(2021, 5, 11))
    events = _events(_calendar(client_for(projectleider)))
    day, summary = events[f"meeting-{exact.pk}@ghnt-portaal"]
    assert day == exact.date
    assert "nog niet bekend" not in summary
