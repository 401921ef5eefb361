"""The region's meetings, toezegging deadlines and other dated items as iCalendar.

Higher apps add their own dated items (actions: milestone deadlines) through
`register_calendar_source`, called from their AppConfig.ready(); governance does not import
them.
"""

import datetime
import hashlib
import logging
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from django.core.cache import cache
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from icalendar import Calendar, Event

from programmes.access import AnyUser, Scope, scope_for
from programmes.models import Programme, Region

from .constants import DatePrecision
from .models import Commitment, DecisionBody, Meeting

log = logging.getLogger(__name__)

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


# --- the calendar kept per region, data version and user (issue 26) --------------------------
#
# A calendar of a dense region is a few hundred events (meetings of years, every open
# milestone) and took 15x the minimal page to build; a subscribed Outlook asks for it again
# and again. So the file is kept per region and user (what a user may see differs), under a
# version of the region's calendar data that every save or delete of a model in it replaces
# (and the user's scope, so a changed membership shows at once):
# governance watches its own models, higher apps add theirs with `watch` (milestones,
# actions). A change through QuerySet.update() sends no signal: its caller calls `bump`.

CACHE_SECONDS = 3600


def _version_key(region_id: int | None) -> str:
    return f"ical:version:{region_id if region_id is not None else 'all'}"


def bump(region_id: int | None = None) -> None:
    """The region's calendars (None: every region's) are stale: a new version, now and again
    after the commit (a reader between the two may have cached the data from before)."""
    key = _version_key(region_id)

    def new_version() -> None:
        try:
            cache.set(key, uuid.uuid4().hex[:12], timeout=None)
        except Exception as exc:  # the cache away: entries go after CACHE_SECONDS
            log.warning("Calendar cache unavailable (%s)", exc)

    new_version()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(new_version)


def watch(model: type[models.Model], region_of: Callable[[Any], int | None]) -> None:
    """Saves and deletes of `model` make the calendar of `region_of(instance)` stale (None:
    every region's)."""

    def changed(sender: Any, instance: Any, **kwargs: Any) -> None:
        bump(region_of(instance))

    uid = f"ical-{model._meta.label_lower}"
    post_save.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}-save")
    post_delete.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}-delete")


def calendar_ics(region: Region, user: AnyUser) -> bytes:
    """`region_calendar(region, user)` as .ics bytes, from the cache when it is there."""
    try:
        keys = [_version_key(None), _version_key(region.pk)]
        for key in keys:
            cache.add(key, uuid.uuid4().hex[:12], timeout=None)
        versions = cache.get_many(keys)
        # The user's scope too: a changed membership changes what they may see at once.
        scope = hashlib.sha256(repr(_scope_key(scope_for(user))).encode()).hexdigest()[:12]
        key = f"ical:{region.pk}:{user.pk}:{scope}:" + ".".join(str(versions.get(k)) for k in keys)
        found = cache.get(key)
    except Exception as exc:  # the cache away: made afresh
        log.warning("Calendar cache unavailable (%s)", exc)
        return region_calendar(region, user).to_ical()
    if found is not None:
        return found
    data = region_calendar(region, user).to_ical()
    try:
        cache.set(key, data, timeout=CACHE_SECONDS)
    except Exception as exc:
        log.warning("Calendar cache unavailable (%s)", exc)
    return data


def _scope_key(scope: Scope) -> list[Any]:
    return [
        sorted(value) if isinstance(value, frozenset) else value for value in vars(scope).values()
    ]


def watch_own_models() -> None:
    """GovernanceConfig.ready: meetings, bodies, toezeggingen, and programmes (a draft's
    milestones are for editors only) and regions."""
    watch(Meeting, lambda m: DecisionBody.objects.filter(pk=m.body_id).values_list(
        "region_id", flat=True).first())  # fmt: skip
    watch(DecisionBody, lambda b: b.region_id)
    watch(Commitment, lambda c: c.region_id)
    watch(Region, lambda r: r.pk)
    watch(Programme, lambda p: p.region_id)
