"""The region's meetings, toezegging deadlines and other dated items as iCalendar.

Higher apps add their own dated items (actions: milestone deadlines) through
`register_calendar_source`, called from their AppConfig.ready(); governance does not import
them.
"""

import datetime
from collections.abc import Callable, Iterable

from django.utils import timezone

from icalendar import Calendar, Event

from programmes.access import AnyUser
from programmes.models import Region

from .constants import DatePrecision
from .models import Commitment, Meeting

PRODID = "-//GHNT-portaal//Besluitvorming//NL"
UID_DOMAIN = "ghnt-portaal"

# A source gives the calendar events of a region that a user may see.
CalendarSource = Callable[[Region, AnyUser], Iterable[Event]]
_sources: list[CalendarSource] = []


def register_calendar_source(source: CalendarSource) -> CalendarSource:
    """Add `source`'s events to every region calendar (idempotent; usable as a decorator)."""
    if source not in _sources:
        _sources.append(source)
    return source


def all_day_event(uid: str, day: datetime.date, summary: str, description: str = "") -> Event:
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


# A meeting known by its month (or quarter) only stays in the calendar, on the first day of
# that period, because milestones fall due at it; its title says the day is not known, so no
# one takes 1 January for the date.
DAY_UNKNOWN = "(datum nog niet bekend)"


def day_unknown_note(meeting: Meeting | None) -> str:
    """ " (datum nog niet bekend)" for a meeting without an exact day, else ""."""
    if meeting is None or meeting.date_is_exact:
        return ""
    return f" {DAY_UNKNOWN}"


def meeting_events(region: Region, user: AnyUser) -> Iterable[Event]:
    meetings = Meeting.objects.visible_to(user).filter(body__region=region).select_related("body")
    for meeting in meetings:
        summary = f"{meeting.body.name}"
        if meeting.label:
            summary += f" ({meeting.label})"
        summary += day_unknown_note(meeting)
        description = f"Vergadering van {meeting.body.name}, {meeting.date_display}."
        if meeting.date_precision != DatePrecision.DAY:
            description += " De precieze datum is nog niet bekend."
        if meeting.location:
            description += f" Locatie: {meeting.location}."
        yield all_day_event(f"meeting-{meeting.pk}", meeting.date, summary, description)


def commitment_events(region: Region, user: AnyUser) -> Iterable[Event]:
    commitments = (
        Commitment.objects.visible_to(user).open().filter(region=region, due_date__isnull=False)
    )
    for commitment in commitments:
        assert commitment.due_date is not None  # filtered above
        yield all_day_event(
            f"commitment-{commitment.pk}",
            commitment.due_date,
            f"Toezegging {commitment.number} uiterlijk af",
            commitment.text,
        )


def region_calendar(region: Region, user: AnyUser) -> Calendar:
    """Meetings, then the registered sources' items (milestones), then toezeggingen."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"GHNT {region.name}")
    cal.add("x-wr-timezone", "Europe/Amsterdam")
    for source in (meeting_events, *_sources, commitment_events):
        for event in source(region, user):
            cal.add_component(event)
    return cal
