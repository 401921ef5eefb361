"""The kinds of notification the apps send. Registered by the apps that know them."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .constants import Delivery


@dataclass(frozen=True)
class NotificationEvent:
    key: str  # stored in preferences and notifications: never rename
    label: str  # Dutch, for the preferences page
    description: str
    applies_to: Callable[[Any], bool]  # user -> whether the choice is theirs to make
    order: int = 100
    default: str = Delivery.IMMEDIATELY
    # The choices offered (e.g. a reminder that only makes sense at once: direct or off).
    deliveries: tuple[str, ...] = tuple(Delivery.values)


_EVENTS: dict[str, NotificationEvent] = {}


def register_event(event: NotificationEvent) -> None:
    _EVENTS[event.key] = event


def get_event(key: str) -> NotificationEvent:
    return _EVENTS[key]


def events_for(user) -> list[NotificationEvent]:
    """The kinds of notification the user can receive, in page order."""
    return sorted(
        (e for e in _EVENTS.values() if e.applies_to(user)), key=lambda e: (e.order, e.key)
    )
