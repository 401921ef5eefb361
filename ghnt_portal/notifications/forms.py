from django import forms

from .constants import Delivery
from .registry import NotificationEvent

RADIO_CLASSES = "utrecht-radio-button utrecht-radio-button--html-input"


class PreferencesForm(forms.Form):
    """One choice per kind of notification the user can receive."""

    def __init__(self, *args, events: list[NotificationEvent], current: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.events = events
        for event in events:
            self.fields[event.key] = forms.ChoiceField(
                label=event.label,
                help_text=event.description,
                choices=[(v, label) for v, label in Delivery.choices if v in event.deliveries],
                widget=forms.RadioSelect(attrs={"class": RADIO_CLASSES}),
                initial=current.get(event.key, event.default),
                error_messages={"required": "Kies hoe u deze meldingen wilt ontvangen."},
            )
