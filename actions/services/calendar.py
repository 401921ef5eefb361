"""Milestone deadlines in the region calendar (.ics) of governance.

Registered with `governance.ical.register_calendar_source` in ActionsConfig.ready(): governance
sits below actions and does not import it.
"""

import datetime
from collections.abc import Iterable

from icalendar import Event

from governance.ical import all_day_event, day_unknown_note
from programmes.access import AnyUser
from programmes.models import Region

from ..models import Milestone


def milestone_deadline(milestone: Milestone) -> datetime.date | None:
    """The meeting's date when the milestone is tied to one, else the end of its quarter."""
    if milestone.meeting is not None:
        return milestone.meeting.date
    quarter = milestone.quarter
    return quarter.end if quarter else None


def milestone_events(region: Region, user: AnyUser) -> Iterable[Event]:
    """Open milestones of the region's programmes the user may see, on their deadline."""
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
        code = f" (actie {milestone.action.code})" if milestone.action is not None else ""
        summary = f"Mijlpaal {milestone.letter}: {milestone.title}{code}"
        summary += day_unknown_note(milestone.meeting)
        description = f"Mijlpaal van {milestone.programme.title}."
        if milestone.quarter:
            description += f" Gepland in {milestone.quarter}."
        if milestone.meeting_label:
            description += f" Overleg: {milestone.meeting_label}."
        yield all_day_event(f"milestone-{milestone.pk}", day, summary, description)
