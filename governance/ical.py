"""The region's meetings, milestone deadlines and toezegging deadlines as iCalendar."""

import datetime

from django.utils import timezone

from icalendar import Calendar, Event

from actions.models import Milestone

from .constants import DatePrecision
from .models import Commitment, Meeting

PRODID = "-//GHNT-portaal//Besluitvorming//NL"
UID_DOMAIN = "ghnt-portaal"


def _all_day(uid: str, day: datetime.date, summary: str, description: str = "") -> Event:
    event = Event()
    event.add("uid", f"{uid}@{UID_DOMAIN}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", day)
    event.add("dtend", day + datetime.timedelta(days=1))
    event.add("summary", summary)
    if description:
        event.add("description", description)
    event.add("transp", "TRANSPARENT")
    return event


def milestone_deadline(milestone: Milestone) -> datetime.date | None:
    """The meeting's date when the milestone is tied to one, else the end of its quarter."""
    if milestone.meeting_id:
        return milestone.meeting.date
    quarter = milestone.quarter
    return quarter.end if quarter else None


def region_calendar(region, user) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"GHNT {region.name}")
    cal.add("x-wr-timezone", "Europe/Amsterdam")

    meetings = Meeting.objects.visible_to(user).filter(body__region=region).select_related("body")
    for meeting in meetings:
        summary = f"{meeting.body.name}"
        if meeting.label:
            summary += f" ({meeting.label})"
        description = f"Vergadering van {meeting.body.name}, {meeting.date_display}."
        if meeting.date_precision != DatePrecision.DAY:
            description += " De precieze datum is nog niet bekend."
        if meeting.location:
            description += f" Locatie: {meeting.location}."
        cal.add_component(_all_day(f"meeting-{meeting.pk}", meeting.date, summary, description))

    milestones = (
        Milestone.objects.visible_to(user)
        .open()
        .filter(programme__region=region)
        .select_related("meeting", "action", "programme")
    )
    for milestone in milestones:
        day = milestone_deadline(milestone)
        if day is None:
            continue
        code = f" (actie {milestone.action.code})" if milestone.action_id else ""
        summary = f"Mijlpaal {milestone.letter}: {milestone.title}{code}"
        description = f"Mijlpaal van {milestone.programme.title}."
        if milestone.quarter:
            description += f" Gepland in {milestone.quarter}."
        if milestone.meeting_label:
            description += f" Overleg: {milestone.meeting_label}."
        cal.add_component(_all_day(f"milestone-{milestone.pk}", day, summary, description))

    commitments = (
        Commitment.objects.visible_to(user).open().filter(region=region, due_date__isnull=False)
    )
    for commitment in commitments:
        cal.add_component(
            _all_day(
                f"commitment-{commitment.pk}",
                commitment.due_date,
                f"Toezegging {commitment.number} uiterlijk af",
                commitment.text,
            )
        )
    return cal
